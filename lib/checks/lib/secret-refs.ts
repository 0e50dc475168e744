/**
 * The Secret keys the objects of the model read: the receivers of AlertmanagerConfigs, the
 * secret references of Flux Providers and the token Secrets of Flux Receivers. The operator and Flux read every one of them from the
 * referencing object's own namespace.
 * @module
 */
import { ClusterModel } from '../../model/cluster-model';
import { ModelObject } from '../../model/model-object';
import { needsAddress, needsCredentials, providerTypeFacts, secretKeysRead } from '../../simulate/flux-providers';

/** One reference to keys of a Secret. */
export interface SecretRef {
  /** The referencing object. */
  readonly user: ModelObject;
  /** The field that holds the reference, e.g. `spec.receivers[0].webhookConfigs[0].urlSecret`. */
  readonly field: string;
  /** The Secret's name (in the user's namespace). */
  readonly name: string;
  /** Keys that must all be present. */
  readonly keys: readonly string[];
  /**
   * Keys of which at least one must be present.
   * @default - none
   */
  readonly anyOf?: readonly string[];
  /**
   * Keys that are read only together: a Secret with one of them but not the other.
   * @default - none
   */
  readonly together?: readonly string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `{name, key}` objects (SecretKeySelector) under `value`, except ConfigMap references. */
function keySelectors(value: unknown, field: string, out: Array<{ field: string; name: string; key: string }>): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => keySelectors(v, `${field}[${i}]`, out));
    return;
  }
  if (!isRecord(value)) { return; }
  if (typeof value.name === 'string' && typeof value.key === 'string' && Object.keys(value).every((k) => ['name', 'key', 'optional'].includes(k))) {
    if (value.optional !== true) { out.push({ field, name: value.name, key: value.key }); }
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if (k === 'configMap') { continue; }
    keySelectors(v, `${field}.${k}`, out);
  }
}

/**
 * What a Flux Provider needs from its `secretRef` (simulate/flux-providers: notification-controller
 * v1.9.3): the `address` key when the type needs an endpoint and `spec.address` is unset; the
 * credentials when the type cannot work without them (all keys of its one way to authenticate, or
 * one key of each of its ways); and, when the Secret holds neither address nor required
 * credentials, at least one key the type reads at all.
 */
function providerKeys(provider: ModelObject): { keys: string[]; anyOf?: string[] } {
  const spec = provider.manifest.spec ?? {};
  const facts = providerTypeFacts(typeof spec.type === 'string' ? spec.type : '');
  if (!facts) { return { keys: [] }; }
  const keys: string[] = [];
  let anyOf: string[] | undefined;
  if (!spec.address && needsAddress(facts)) { keys.push('address'); }
  const slackBot = facts.type === 'slack' && typeof spec.address === 'string' && spec.address.includes('chat.postMessage');
  if (slackBot) { keys.push('token'); }
  if (needsCredentials(facts)) {
    const ways = facts.auth.filter((a) => a.keys.length > 0);
    if (ways.length === 1) { keys.push(...ways[0].keys); } else { anyOf = ways.map((a) => a.keys[0]); }
  }
  if (keys.length === 0 && !anyOf) {
    anyOf = secretKeysRead(facts).filter((k) => k !== 'address');
  }
  return anyOf ? { keys, anyOf } : { keys };
}

/** Every Secret reference in the model. */
export function secretRefs(model: ClusterModel): SecretRef[] {
  const refs: SecretRef[] = [];
  for (const config of model.alertmanagerConfigs) {
    const found: Array<{ field: string; name: string; key: string }> = [];
    keySelectors(config.manifest.spec?.receivers, 'spec.receivers', found);
    refs.push(...found.map((f) => ({ user: config, field: f.field, name: f.name, keys: [f.key] })));
  }
  for (const provider of model.fluxProviders) {
    const spec = provider.manifest.spec ?? {};
    if (typeof spec.secretRef?.name === 'string') {
      // runtime/secrets' AuthMethodsFromSecret takes username and password only together.
      refs.push({ user: provider, field: 'spec.secretRef', name: spec.secretRef.name, ...providerKeys(provider), together: ['username', 'password'] });
    }
    if (typeof spec.certSecretRef?.name === 'string') {
      refs.push({ user: provider, field: 'spec.certSecretRef', name: spec.certSecretRef.name, keys: [], anyOf: ['ca.crt', 'tls.crt'] });
    }
    if (typeof spec.proxySecretRef?.name === 'string') {
      refs.push({ user: provider, field: 'spec.proxySecretRef', name: spec.proxySecretRef.name, keys: ['address'] });
    }
  }
  for (const receiver of model.fluxReceivers) {
    const spec = receiver.manifest.spec ?? {};
    // notification-controller reads `token` (internal/server/receiver_handlers.go); GCR also `email` and `audience`
    if (typeof spec.secretRef?.name === 'string') {
      refs.push({ user: receiver, field: 'spec.secretRef', name: spec.secretRef.name, keys: spec.type === 'gcr' ? ['token', 'email', 'audience'] : ['token'] });
    }
  }
  return refs;
}

/** The keys a Secret object holds (`data` and `stringData`). */
export function secretKeys(secret: ModelObject): string[] {
  return [...new Set([...Object.keys(secret.manifest.data ?? {}), ...Object.keys(secret.manifest.stringData ?? {})])];
}
