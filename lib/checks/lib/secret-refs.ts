/**
 * The Secret keys the objects of the model read: the receivers of AlertmanagerConfigs, the
 * secret references of Flux Providers and the token Secrets of Flux Receivers. The operator and Flux read every one of them from the
 * referencing object's own namespace.
 * @module
 */
import { ClusterModel } from '../../model/cluster-model';
import { ModelObject } from '../../model/model-object';

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

/** Provider types whose endpoint is read from the Secret's `address` key when `spec.address` is unset. */
const ADDRESS_FROM_SECRET = new Set([
  'slack', 'discord', 'msteams', 'rocket', 'generic', 'generic-hmac', 'googlechat', 'webex', 'lark', 'matrix',
  'alertmanager', 'grafana', 'zulip', 'nats', 'otel', 'opsgenie', 'pagerduty', 'datadog', 'sentry', 'azureeventhub',
]);

/** What a Flux Provider needs from its `secretRef`. */
function providerKeys(provider: ModelObject): { keys: string[]; anyOf?: string[] } {
  const spec = provider.manifest.spec ?? {};
  const type: string = spec.type ?? '';
  const keys: string[] = [];
  if (!spec.address && ADDRESS_FROM_SECRET.has(type)) { keys.push('address'); }
  if (type === 'slack' && typeof spec.address === 'string' && spec.address.includes('chat.postMessage')) { keys.push('token'); }
  if (type === 'generic-hmac') { keys.push('token'); }
  if (type === 'alertmanager' && spec.address) { return { keys, anyOf: ['token', 'username'] }; }
  return { keys };
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
      refs.push({ user: provider, field: 'spec.secretRef', name: spec.secretRef.name, ...providerKeys(provider) });
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
