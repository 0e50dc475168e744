import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { AppIndex } from './app-index';
import { Finding, Severity } from './finding';

/** The context key that allows Secrets defined in the app, whose values are then in the YAML. */
export const ALLOW_PLAINTEXT_SECRETS_CONTEXT = 'cdk8s-alerting:allowPlaintextSecrets';

interface SecretUse {
  readonly user: IConstruct;
  readonly userNamespace: string;
  readonly secret: kplus.ISecret;
  readonly keys: string[];
  readonly anyOf?: string[];
  readonly field: string;
}

/**
 * A Secret referenced across namespaces (the operator and Flux read Secrets from the
 * referencing object's namespace), a Secret defined in the app that lacks a referenced key,
 * and a Secret defined in the app at all, whose values would be committed in plaintext.
 * @internal
 */
export function secretFindings(index: AppIndex): Finding[] {
  const uses: SecretUse[] = [];
  for (const routing of index.routings) {
    for (const receiver of routing.receivers) {
      for (const key of receiver.secretKeys ?? []) {
        uses.push({ user: routing, userNamespace: routing.namespace, secret: key.secret, keys: [key.key], field: `receiver ${receiver.name}` });
      }
    }
  }
  for (const provider of index.providers) {
    if (provider.secret) {
      uses.push({ user: provider, userNamespace: provider.namespace, secret: provider.secret.secret, keys: provider.secret.required, anyOf: provider.secret.anyOf, field: 'secretRef' });
    }
  }
  const findings: Finding[] = [];
  for (const use of uses) {
    if (!(use.secret instanceof kplus.Secret)) { continue; } // referenced by name: lives in the user's namespace
    const obj = ApiObject.of(use.secret).toJson();
    const namespace: string = obj.metadata?.namespace ?? 'default';
    const where = `Secret ${namespace}/${use.secret.name}`;
    if (namespace !== use.userNamespace) {
      findings.push({ construct: use.user, severity: Severity.ERROR, check: 'secret-namespace', message: `${use.field}: reads ${where}, but Secrets are read from the referencing object's namespace "${use.userNamespace}". Fix: create the Secret in "${use.userNamespace}"` });
    }
    const data = { ...obj.data, ...obj.stringData };
    const missing = use.keys.filter((k) => !(k in data));
    if (missing.length) {
      findings.push({ construct: use.user, severity: Severity.ERROR, check: 'secret-key-missing', message: `${use.field}: ${where} has no key ${missing.map((k) => JSON.stringify(k)).join(', ')} (it has ${JSON.stringify(Object.keys(data))}). Fix: add the key, or reference the key that holds the value` });
    }
    if (use.anyOf?.length && !use.anyOf.some((k) => k in data)) {
      findings.push({ construct: use.user, severity: Severity.ERROR, check: 'secret-key-missing', message: `${use.field}: ${where} needs one of the keys ${JSON.stringify(use.anyOf)} (it has ${JSON.stringify(Object.keys(data))}). Fix: add one of them` });
    }
    if (Object.keys(data).length && use.user.node.tryGetContext(ALLOW_PLAINTEXT_SECRETS_CONTEXT) !== true) {
      findings.push({ construct: use.user, severity: Severity.ERROR, check: 'secret-plaintext', message: `${use.field}: ${where} is defined in the app with its values, which would be committed to Git in plaintext. Fix: create the Secret outside Git (SOPS, Sealed Secrets, External Secrets) and reference it with kplus.Secret.fromSecretName(), or set the context "${ALLOW_PLAINTEXT_SECRETS_CONTEXT}": true to opt in` });
    }
  }
  return findings;
}
