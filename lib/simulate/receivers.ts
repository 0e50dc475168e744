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
import { AlertmanagerVersion, atLeast } from './alertmanager-version';
import { splitHostPort, validateUrl, isValidTemplateUrl } from './operator-validation';
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
  /**
   * Returns the value of a ConfigMap key (OAuth2 `clientId` may come from one).
   * @default - a placeholder `<configmap:ns/name/key>`
   */
  readonly resolveConfigMap?: (ref: SecretKeyRef) => string | undefined;
  /**
   * The Alertmanager version: fields the operator copies only for some versions follow it.
   * @default - every field copied
   */
  readonly version?: AlertmanagerVersion;
  /**
   * The global section of the configuration being built: when given, email receivers without
   * `smarthost` or `from` need them there, as the operator requires while merging.
   * @default - not checked
   */
  readonly global?: Readonly<Record<string, unknown>>;
  /**
   * Whether `resolve` returns the real values (not placeholders): then the operator's checks of
   * secret values apply (e.g. a Slack `updateMessage` needs the chat.postMessage API URL).
   * @default false
   */
  readonly valuesKnown?: boolean;
  /**
   * Called for every field the conversion leaves out for the version.
   * @default - ignored
   */
  readonly onDropped?: (field: string, reason: string) => void;
}

/**
 * A conversion the operator refuses. `rejects` tells whether the operator skips the CR at
 * selection (a missing secret, an invalid URL in a secret) or fails the whole configuration
 * while merging it (an email receiver without smarthost).
 */
export class ConversionError extends Error {
  constructor(message: string, public readonly rejects: boolean) {
    super(message);
  }
}

/** Thrown when a referenced secret key cannot be resolved: the operator then skips the whole CR. */
export class MissingSecretError extends ConversionError {
  constructor(message: string) {
    super(message, true);
  }
}

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

/** Renames inside a nested struct, by the native key of the struct. */
const NESTED_RENAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  links: { alt: 'text' }, // PagerDutyLinkConfig.Text is `alt` in the CRD, `text` in Alertmanager
};

/** Fields whose value is a map with user-chosen keys (kept verbatim). */
const MAP_FIELDS = new Set(['attributes', 'endpointParams', 'proxyConnectHeader']);

/** Where the operator mounts TLS assets (`tlsAssetsDir`). */
const TLS_ASSETS_DIR = '/etc/alertmanager/certs';

/** {@link snakeCase}'s results: it converts the same field names in every receiver of every config. */
const snakeCases = new Map<string, string>();

/** camelCase → snake_case, treating acronym runs as one word (`apiURL` → `api_url`). */
export function snakeCase(s: string): string {
  let out = snakeCases.get(s);
  if (out === undefined) {
    out = s
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .toLowerCase();
    // the field names of the CRD: a few hundred; the bound keeps arbitrary keys from growing it
    if (snakeCases.size >= 2_000) { snakeCases.clear(); }
    snakeCases.set(s, out);
  }
  return out;
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

function configMapValue(ref: SecretKeyRef, ctx: ConversionContext): string {
  const value = ctx.resolveConfigMap ? ctx.resolveConfigMap(ref) : `<configmap:${ctx.namespace}/${ref.name}/${ref.key}>`;
  if (value === undefined) { throw new MissingSecretError(`configmap ${ctx.namespace}/${ref.name} has no key "${ref.key}"`); }
  return value;
}

function convertValue(v: unknown, nativeField: string, ctx: ConversionContext): unknown {
  if (v === null || v === undefined || v === '') { return undefined; }
  if (isSecretKeyRef(v)) { return ctx.resolve(v, nativeField); }
  if (isSecretOrConfigMap(v)) {
    return v.secret ? ctx.resolve(v.secret, nativeField) : configMapValue(v.configMap as SecretKeyRef, ctx);
  }
  if (Array.isArray(v)) {
    if (v.length === 0) { return undefined; }
    if (v.every(isKeyValue)) { return Object.fromEntries(v.map((kv) => [kv.key, kv.value])); }
    return v.map((item) => convertValue(item, nativeField, ctx));
  }
  if (isPlainObject(v)) { return convertObject(v, ctx, NESTED_RENAMES[nativeField]); }
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
      // Only the CRD's enum values are carried over (anything else is left empty, which the
      // operator's sanitize then refuses).
      const by = value.threadByDate === 'Daily' ? 'daily' : value.threadByDate === 'None' ? 'none' : undefined;
      converted = { enabled: true, ...(by ? { thread_by_date: by } : {}) };
    } else if (MAP_FIELDS.has(key) && isPlainObject(value)) {
      converted = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertValue(v, nativeKey, ctx)]));
    } else {
      converted = convertValue(value, nativeKey, ctx);
    }
    if (converted !== undefined) { out[nativeKey] = converted; }
  }
  // httpConfig.authorization: written only with credentials, the type defaulting to Bearer.
  const auth = out.authorization;
  if (isPlainObject(auth)) {
    if (auth.credentials === undefined) {
      delete out.authorization;
    } else if (auth.type === undefined) {
      out.authorization = { type: 'Bearer', ...auth };
    }
  }
  // basicAuth: written only when the username or the password is not empty.
  const basic = out.basic_auth;
  if (isPlainObject(basic) && !basic.username && !basic.password) { delete out.basic_auth; }
  // oauth2: the operator does not carry its tlsConfig over.
  if (isPlainObject(out.oauth2)) { delete out.oauth2.tls_config; }
  return out;
}

/** TLS files are mounted by the operator; the path approximates its asset naming. */
function convertTlsConfig(tls: Record<string, unknown>, ctx: ConversionContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // The operator's TLS asset key: `<0 secret | 1 configmap>_<namespace>_<name>_<key>`.
  const file = (from: number, ref: SecretKeyRef) => `${TLS_ASSETS_DIR}/${from}_${ctx.namespace}_${ref.name}_${ref.key}`;
  for (const [key, value] of Object.entries(tls)) {
    if ((key === 'ca' || key === 'cert') && isSecretOrConfigMap(value)) {
      out[`${key}_file`] = value.secret ? file(0, value.secret) : file(1, value.configMap as SecretKeyRef);
    } else if (key === 'keySecret' && isSecretKeyRef(value)) {
      out.key_file = file(0, value);
    } else if (value !== undefined && value !== null) {
      out[snakeCase(key)] = value;
    }
  }
  return out;
}

/** Per integration, what the operator does besides the generic conversion. */
const INTEGRATION_FIXUPS: Readonly<Record<string, (out: Record<string, unknown>, input: Record<string, unknown>, ctx: ConversionContext) => void>> = {
  snsConfigs: (out, input, ctx) => {
    const v33 = !ctx.version || atLeast(ctx.version, '0.33.0');
    if (!v33 && out.use_aws_http_client !== undefined) {
      delete out.use_aws_http_client;
      ctx.onDropped?.('useAWSHTTPClient', "'useAWSHTTPClient' is copied for Alertmanager >= 0.33.0 only");
    }
    const sigv4 = out.sigv4;
    if (isPlainObject(sigv4)) {
      if (!v33 && sigv4.external_id !== undefined) {
        delete sigv4.external_id;
        ctx.onDropped?.('sigv4.externalID', "'externalID' is copied for Alertmanager >= 0.33.0 only");
      }
      // Access and secret keys are copied only as a pair.
      const inSig = input.sigv4 as Record<string, unknown> | undefined;
      if (!(inSig?.accessKey && inSig?.secretKey)) {
        delete sigv4.access_key;
        delete sigv4.secret_key;
      }
    }
  },
  emailConfigs: (out, input, ctx) => {
    if (!ctx.global) { return; }
    const host = typeof ctx.global.smtp_smarthost === 'string' ? splitHostPort(ctx.global.smtp_smarthost)?.host ?? '' : '';
    if (!input.smarthost && host === '') {
      throw new ConversionError('SMTP smarthost is a mandatory field, it is neither specified at global config nor at receiver level', false);
    }
    if (!input.from && !ctx.global.smtp_from) {
      throw new ConversionError('SMTP from is a mandatory field, it is neither specified at global config nor at receiver level', false);
    }
    void out;
  },
  slackConfigs: (out, input, ctx) => {
    // checkSlackConfigs: with a bot token flow, the API URL must be chat.postMessage.
    if (ctx.valuesKnown && input.updateMessage === true && (!ctx.version || atLeast(ctx.version, '0.32.0'))
      && typeof out.api_url === 'string' && out.api_url !== 'https://slack.com/api/chat.postMessage') {
      throw new ConversionError("updateMessage' can only be used with bot tokens. API URL must be set to https://slack.com/api/chat.postMessage", true);
    }
  },
  telegramConfigs: (out, input) => {
    if (input.botToken !== undefined && out.bot_token === undefined) { throw new ConversionError('mandatory field "botToken" is empty', false); }
  },
  pushoverConfigs: (out, input) => {
    for (const [k, n] of [['userKey', 'user_key'], ['token', 'token']]) {
      if (input[k] !== undefined && out[n] === undefined) { throw new ConversionError(`mandatory field ${k} is empty`, true); }
    }
  },
};

/** Secret values the operator validates as URLs when it selects a CR (checkSlackConfigs, checkDiscordConfigs, checkWebhookConfigs). */
const SECRET_URLS: ReadonlyArray<[integration: string, field: string, native: string, template: boolean]> = [
  ['slackConfigs', 'apiURL', 'api_url', false],
  ['discordConfigs', 'apiURL', 'webhook_url', false],
  ['webhookConfigs', 'urlSecret', 'url', true],
];

/**
 * Converts the integration lists of one v1alpha1 receiver; the caller supplies the native name.
 * @throws ConversionError when the operator refuses it (MissingSecretError for a missing secret)
 */
export function convertReceiver(name: string, receiver: Readonly<Record<string, unknown>>, ctx: ConversionContext): NativeReceiver {
  const out: NativeReceiver = { name };
  for (const kind of INTEGRATIONS) {
    const list = receiver[kind.crdField];
    if (!Array.isArray(list) || list.length === 0) { continue; }
    const renames = INTEGRATION_RENAMES[kind.crdField] ?? {};
    out[kind.nativeField] = list.map((item) => {
      const input = isPlainObject(item) ? item : {};
      const converted = convertObject(input, ctx, renames);
      for (const [integration, field, native, template] of SECRET_URLS) {
        if (integration !== kind.crdField || input[field] === undefined || typeof converted[native] !== 'string') { continue; }
        const problem = template ? isValidTemplateUrl(String(converted[native]).trim()) : validateUrl(String(converted[native]).trim());
        if (problem) { throw new ConversionError(`failed to validate URL of ${kind.crdField}.${field}: ${problem}`, true); }
      }
      INTEGRATION_FIXUPS[kind.crdField]?.(converted, input, ctx);
      return converted;
    });
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
