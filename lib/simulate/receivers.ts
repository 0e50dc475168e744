/**
 * v1alpha1 receiver → native receiver conversion, after prometheus-operator v0.93's
 * `ConfigBuilder.convertReceiver` (pkg/alertmanager/amcfg.go).
 *
 * Field names are converted generically (camelCase → snake_case, `apiURL` → `api_url`) with the
 * operator's renames on top (`urlSecret` → `url`, discord `apiURL` → `webhook_url`,
 * `pagerDutyImageConfigs` → `images`…). Every `{name, key}` secret reference is replaced by the
 * resolved value; `[{key, value}]` lists (`details`, `headers`, `customFields`) become maps.
 *
 * @module
 */
import { NativeReceiver } from './types';

/** A secret key reference (`corev1.SecretKeySelector`). */
export interface SecretKeyRef {
  readonly name: string;
  readonly key: string;
}

/** Where secrets of the CR being converted come from. */
export interface ConversionContext {
  /** The CR's namespace: the operator reads every referenced secret from there. */
  readonly namespace: string;
  /**
   * Returns the value of a secret key referenced by field `nativeField`.
   * @throws MissingSecretError when it does not exist
   */
  readonly resolve: (ref: SecretKeyRef, nativeField: string) => string;
}

/** Thrown when a referenced secret key cannot be resolved: the operator then skips the whole CR. */
export class MissingSecretError extends Error {}

/** An integration list of the v1alpha1 receiver and its native counterpart. */
export interface IntegrationKind {
  /** v1alpha1 field, e.g. `msteamsConfigs`. */
  readonly crdField: string;
  /** Native field, e.g. `msteams_configs`. */
  readonly nativeField: string;
}

/** Every integration the v0.93 v1alpha1 CRD offers, in the operator's output order. */
export const INTEGRATIONS: readonly IntegrationKind[] = [
  'opsgenie', 'pagerduty', 'slack', 'webhook', 'wechat', 'email', 'pushover', 'victorops',
  'sns', 'telegram', 'discord', 'webex', 'msteams', 'msteamsv2', 'rocketchat',
].map((kind) => ({ crdField: `${kind}Configs`, nativeField: `${kind}_configs` }));

/**
 * Native integration lists that Alertmanager/amtool 0.25 (Debian 12's packages) reject with
 * `field … not found in type config.plain`, checked against `amtool check-config` 0.25.0:
 * `msteams_configs` (0.26), `msteamsv2_configs`, `rocketchat_configs`, `jira_configs` (0.28),
 * `incidentio_configs` (0.29), `mattermost_configs`. Pass as `omitIntegrations` to test a config
 * with the 0.25 tools. Fields 0.25 also lacks inside supported integrations (webhook and slack
 * `timeout`, webhook `url_file`, telegram `bot_token_file`, pushover `ttl`, `http_headers`,
 * `proxy_from_environment`) are not removed: the operator drops them itself only when the
 * Alertmanager CR's `spec.version` says 0.25.
 */
export const ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS: readonly string[] = [
  'msteams_configs', 'msteamsv2_configs', 'rocketchat_configs', 'jira_configs', 'incidentio_configs', 'mattermost_configs',
];

/** Renames the operator applies everywhere (the rest is camelCase → snake_case). */
const FIELD_RENAMES: Readonly<Record<string, string>> = {
  urlSecret: 'url',
  pagerDutyImageConfigs: 'images',
  pagerDutyLinkConfigs: 'links',
  bearerTokenSecret: 'bearer_token',
  useAWSHTTPClient: 'use_aws_http_client',
  proxyURL: 'proxy_url',
};

/** Renames that only hold in one integration. */
const INTEGRATION_RENAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  discordConfigs: { apiURL: 'webhook_url' },
};

/** Fields whose value is a map with user-chosen keys (kept verbatim). */
const MAP_FIELDS = new Set(['attributes', 'endpointParams', 'proxyConnectHeader']);

/** Where the operator mounts TLS assets (`tlsAssetsDir`). */
const TLS_ASSETS_DIR = '/etc/alertmanager/certs';

/** camelCase → snake_case, treating acronym runs as one word (`apiURL` → `api_url`). */
export function snakeCase(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether `v` is a `SecretKeySelector` (`{name, key, optional?}` and nothing else). */
export function isSecretKeyRef(v: unknown): v is SecretKeyRef {
  return isPlainObject(v) && typeof v.key === 'string'
    && Object.keys(v).every((k) => k === 'name' || k === 'key' || k === 'optional');
}

function isKeyValue(v: unknown): v is { key: string; value: string } {
  return isPlainObject(v) && Object.keys(v).every((k) => k === 'key' || k === 'value') && typeof v.key === 'string';
}

/** `SecretOrConfigMap`: `{secret: ref}` or `{configMap: ref}`. */
function isSecretOrConfigMap(v: unknown): v is { secret?: SecretKeyRef; configMap?: SecretKeyRef } {
  return isPlainObject(v) && Object.keys(v).length > 0
    && Object.keys(v).every((k) => (k === 'secret' || k === 'configMap') && isSecretKeyRef(v[k]));
}

function convertValue(v: unknown, nativeField: string, ctx: ConversionContext): unknown {
  if (v === null || v === undefined || v === '') { return undefined; }
  if (isSecretKeyRef(v)) { return ctx.resolve(v, nativeField); }
  if (isSecretOrConfigMap(v)) {
    return v.secret ? ctx.resolve(v.secret, nativeField) : `<configmap:${ctx.namespace}/${v.configMap?.name}/${v.configMap?.key}>`;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) { return undefined; }
    if (v.every(isKeyValue)) { return Object.fromEntries(v.map((kv) => [kv.key, kv.value])); }
    return v.map((item) => convertValue(item, nativeField, ctx));
  }
  if (isPlainObject(v)) { return convertObject(v, ctx); }
  return v;
}

/** Converts one v1alpha1 object (integration config, or a nested struct) to snake_case. */
function convertObject(obj: Record<string, unknown>, ctx: ConversionContext, renames: Readonly<Record<string, string>> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    // urlSecret wins over url (webhook); proxyURL wins over proxyUrl (httpConfig).
    if ((key === 'url' && obj.urlSecret) || (key === 'proxyUrl' && obj.proxyURL)) { continue; }
    const nativeKey = renames[key] ?? FIELD_RENAMES[key] ?? snakeCase(key);
    let converted: unknown;
    if (key === 'tlsConfig' && isPlainObject(value)) {
      converted = convertTlsConfig(value, ctx);
    } else if (key === 'threading' && isPlainObject(value)) {
      converted = { enabled: true, ...(value.threadByDate ? { thread_by_date: String(value.threadByDate).toLowerCase() } : {}) };
    } else if (MAP_FIELDS.has(key) && isPlainObject(value)) {
      converted = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertValue(v, nativeKey, ctx)]));
    } else {
      converted = convertValue(value, nativeKey, ctx);
    }
    if (converted !== undefined) { out[nativeKey] = converted; }
  }
  // httpConfig.authorization: the operator defaults the type to Bearer.
  const auth = out.authorization;
  if (isPlainObject(auth) && auth.credentials !== undefined && auth.type === undefined) {
    out.authorization = { type: 'Bearer', ...auth };
  }
  return out;
}

/** TLS files are mounted by the operator; the path approximates its asset naming. */
function convertTlsConfig(tls: Record<string, unknown>, ctx: ConversionContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const file = (from: string, ref: SecretKeyRef) => `${TLS_ASSETS_DIR}/${from}_${ctx.namespace}_${ref.name}_${ref.key}`;
  for (const [key, value] of Object.entries(tls)) {
    if ((key === 'ca' || key === 'cert') && isSecretOrConfigMap(value)) {
      out[`${key}_file`] = value.secret ? file('secret', value.secret) : file('configmap', value.configMap as SecretKeyRef);
    } else if (key === 'keySecret' && isSecretKeyRef(value)) {
      out.key_file = file('secret', value);
    } else if (value !== undefined && value !== null) {
      out[snakeCase(key)] = value;
    }
  }
  return out;
}

/**
 * Converts the integration lists of one v1alpha1 receiver; the caller supplies the native name.
 * @throws MissingSecretError when a referenced secret cannot be resolved
 */
export function convertReceiver(name: string, receiver: Readonly<Record<string, unknown>>, ctx: ConversionContext): NativeReceiver {
  const out: NativeReceiver = { name };
  for (const kind of INTEGRATIONS) {
    const list = receiver[kind.crdField];
    if (!Array.isArray(list) || list.length === 0) { continue; }
    const renames = INTEGRATION_RENAMES[kind.crdField] ?? {};
    out[kind.nativeField] = list.map((item) => convertObject(isPlainObject(item) ? item : {}, ctx, renames));
  }
  return out;
}

/**
 * Converts a nested v1alpha1 struct (e.g. the global `httpConfig`) with the same rules as
 * receiver fields.
 */
export function convertStruct(obj: Readonly<Record<string, unknown>>, ctx: ConversionContext): Record<string, unknown> {
  return convertObject({ ...obj }, ctx);
}
