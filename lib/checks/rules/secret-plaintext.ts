import { ModelObject } from '../../model/model-object';
import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { secretKeys } from '../lib/secret-refs';

/** The context key (and `check --allow-plaintext-secrets`) that allows Secrets with their values in the manifests. */
export const ALLOW_PLAINTEXT_SECRETS_CONTEXT = 'cdk8s-alerting:allowPlaintextSecrets';

/** Whether the values of `secret` are encrypted with SOPS (safe to commit). */
function sopsEncrypted(secret: ModelObject): boolean {
  if (secret.manifest.sops !== undefined) { return true; }
  const values = [...Object.values(secret.manifest.data ?? {}), ...Object.values(secret.manifest.stringData ?? {})];
  return values.length > 0 && values.every((v) => typeof v === 'string' && v.startsWith('ENC['));
}

export const secretPlaintext: Check = {
  id: 'secret-plaintext',
  severity: Severity.ERROR,
  title: 'A Secret whose values would be committed to Git',
  description: 'A Secret with `data` or `stringData` in the manifests puts webhook URLs, tokens and keys in the repository in plaintext (base64 is no encryption). Every Secret of the model is checked, whatever made it; SOPS-encrypted Secrets pass. Create Secrets outside Git (SOPS, Sealed Secrets, External Secrets) and reference them by name.',
  failing: `apiVersion: v1
kind: Secret
metadata: { name: slack, namespace: monitoring }
stringData: { url: "https://hooks.slack.invalid/T000/B000/XXXX" }
`,
  fixed: `apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: slack }
  receivers: [{ name: slack, slackConfigs: [{ apiURL: { name: slack, key: url } }] }]
`,
  run({ model, options }) {
    if (options.allowPlaintextSecrets) { return []; }
    const issues: Issue[] = [];
    for (const secret of model.secrets) {
      const keys = secretKeys(secret);
      // An external object (declared for the checks, e.g. an existing config Secret) is never written out.
      if (keys.length === 0 || sopsEncrypted(secret) || secret.source.external) { continue; }
      issues.push({
        object: secret,
        message: `Secret ${secret.namespace}/${secret.name} holds the values of ${JSON.stringify(keys)} in the manifest, which would be committed to Git in plaintext`,
        fix: `create the Secret outside Git (SOPS, Sealed Secrets, External Secrets) and reference it by name (e.g. SecretReference.fromName()), or opt in with the context "${ALLOW_PLAINTEXT_SECRETS_CONTEXT}": true (check --allow-plaintext-secrets)`,
      });
    }
    return issues;
  },
};
