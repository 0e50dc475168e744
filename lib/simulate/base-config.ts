/**
 * The base configuration of an Alertmanager when it has no `spec.alertmanagerConfiguration`: the
 * `alertmanager.yaml` key of the Secret `spec.configSecret` (default `alertmanager-<name>`), read
 * the way prometheus-operator v0.93 reads it (`loadConfigurationFromSecret`,
 * `InitializeFromRawConfiguration` in pkg/alertmanager/operator.go and amcfg.go).
 *
 * @module
 */
import { parse, stringify } from 'yaml';
import { parseMatchers } from './matchers';
import { secretPlaceholder } from './placeholders';
import { KubeManifest, NativeAlertmanagerConfig, NativeRoute } from './types';

/** The key of the config Secret that holds the configuration (`alertmanagerConfigFile`). */
export const CONFIG_SECRET_KEY = 'alertmanager.yaml';

/** `defaultAlertmanagerConfiguration()`: used when the Secret, its key or its text is missing. */
export function defaultBaseConfig(): NativeAlertmanagerConfig {
  return { route: { receiver: 'null' }, receivers: [{ name: 'null' }], templates: [] };
}

/** Where the base configuration of an Alertmanager comes from. */
export interface BaseSecret {
  readonly namespace: string;
  /** `spec.configSecret`, or `alertmanager-<name>`. */
  readonly name: string;
  /** The Secret object, when the model has it. */
  readonly manifest?: KubeManifest;
  /**
   * The text of its `alertmanager.yaml` key; `undefined` when the Secret is absent from the
   * model, or has no such key, or the key is empty (then the operator uses its default).
   */
  readonly text?: string;
  /** Why the operator's default is used, when it is (the operator logs it). */
  readonly defaultReason?: string;
  /** Whether the Secret is SOPS-encrypted: its text cannot be read, so the base is unknown. */
  readonly encrypted?: boolean;
}

/** Whether a Secret manifest holds SOPS-encrypted values (decrypted by Flux at apply time). */
export function isSopsEncrypted(secret: KubeManifest): boolean {
  const m = secret as KubeManifest & { sops?: unknown; data?: Record<string, unknown>; stringData?: Record<string, unknown> };
  if (m.sops !== undefined) { return true; }
  const values = [...Object.values(m.data ?? {}), ...Object.values(m.stringData ?? {})];
  return values.length > 0 && values.every((v) => typeof v === 'string' && v.startsWith('ENC['));
}

/**
 * A Secret manifest holding `config` as the `alertmanager.yaml` key, for constructs that declare
 * an existing Alertmanager's base configuration as an external object (e.g. the configuration
 * kube-prometheus-stack renders into `alertmanager-<release>-alertmanager`): the effective
 * configuration then merges the routes into it.
 * @param config the configuration, as YAML text or as an object
 */
export function configSecretManifest(namespace: string, name: string, config: string | Readonly<Record<string, unknown>>): KubeManifest {
  const text = typeof config === 'string' ? config : stringify(config);
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, stringData: { [CONFIG_SECRET_KEY]: text } } as KubeManifest;
}

/** The name of the Secret the operator reads the base configuration from (`defaultConfigSecretName`). */
export function configSecretName(am: KubeManifest): string {
  const configSecret = (am.spec as { configSecret?: unknown } | undefined)?.configSecret;
  return typeof configSecret === 'string' && configSecret !== '' ? configSecret : `alertmanager-${am.metadata.name}`;
}

/** The decoded value of `key` in a Secret manifest (`stringData` wins over `data`, as the API server merges them). */
export function secretValue(secret: KubeManifest, key: string): string | undefined {
  const m = secret as KubeManifest & { data?: Record<string, unknown>; stringData?: Record<string, unknown> };
  const s = m.stringData?.[key];
  if (typeof s === 'string') { return s; }
  const d = m.data?.[key];
  return typeof d === 'string' ? Buffer.from(d, 'base64').toString('utf8') : undefined;
}

/** Finds the base configuration Secret of `am` among `manifests`. */
export function findBaseSecret(am: KubeManifest, manifests: readonly KubeManifest[]): BaseSecret {
  const namespace = am.metadata.namespace ?? 'default';
  const name = configSecretName(am);
  const manifest = manifests.find((m) => m.kind === 'Secret' && m.apiVersion === 'v1' && (m.metadata.namespace ?? 'default') === namespace && m.metadata.name === name);
  if (!manifest) { return { namespace, name, defaultReason: 'config secret not found, using default Alertmanager configuration' }; }
  if (isSopsEncrypted(manifest)) { return { namespace, name, manifest, encrypted: true }; }
  const text = secretValue(manifest, CONFIG_SECRET_KEY);
  if (text === undefined) { return { namespace, name, manifest, defaultReason: `key "${CONFIG_SECRET_KEY}" not found in the config secret, using default Alertmanager configuration` }; }
  if (text === '') { return { namespace, name, manifest, defaultReason: 'empty configuration in the config secret, using default Alertmanager configuration' }; }
  return { namespace, name, manifest, text };
}

const TOP_LEVEL = new Set(['global', 'route', 'inhibit_rules', 'receivers', 'mute_time_intervals', 'time_intervals', 'templates']);

function isObj(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every route of a tree, depth first. */
function routesOf(r: NativeRoute): NativeRoute[] {
  return [r, ...(r.routes ?? []).flatMap(routesOf)];
}

/**
 * Parses and checks a raw `alertmanager.yaml` the way the operator does before merging
 * (`alertmanagerConfigFromBytes`: Alertmanager's `config.Load`, a strict unmarshal into the
 * operator's own types, `checkAlertmanagerConfigRootRoute`). Only the parts of `config.Load`
 * that concern routing are reproduced: YAML syntax, known top-level keys, a root route with a
 * receiver and no matchers, unique receiver names, routes naming known receivers and time
 * intervals, parsable matchers.
 * @throws Error with the operator's reason when it refuses the configuration
 */
export function parseRawConfig(text: string): NativeAlertmanagerConfig {
  let doc: unknown;
  try {
    doc = parse(text, { uniqueKeys: true });
  } catch (e) {
    throw new Error(`yaml: ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) { doc = {}; }
  if (!isObj(doc)) { throw new Error('yaml: the configuration is not a mapping'); }
  const unknown = Object.keys(doc).find((k) => !TOP_LEVEL.has(k));
  if (unknown) { throw new Error(`yaml: unmarshal errors: field ${unknown} not found in type alertmanager.alertmanagerConfig`); }
  const config = doc as unknown as NativeAlertmanagerConfig;
  if (!isObj(config.route)) { throw new Error('no routes provided'); }
  const receivers = Array.isArray(config.receivers) ? config.receivers : [];
  const names = new Set<string>();
  for (const r of receivers) {
    if (!isObj(r) || typeof r.name !== 'string' || r.name === '') { throw new Error('missing name in receiver'); }
    if (names.has(r.name)) { throw new Error(`notification config name "${r.name}" is not unique`); }
    names.add(r.name);
  }
  const root = config.route;
  if (!root.receiver) { throw new Error('root route must specify a default receiver'); }
  if (root.match || root.match_re || (root.matchers ?? []).length > 0) { throw new Error('root route must not have any matchers'); }
  if ((root.mute_time_intervals ?? []).length > 0) { throw new Error('root route must not have any mute time intervals'); }
  if ((root.active_time_intervals ?? []).length > 0) { throw new Error('root route must not have any active time intervals'); }
  if (root.continue) { throw new Error('cannot have continue in root route'); }
  const intervals = new Set([...(config.mute_time_intervals ?? []), ...(config.time_intervals ?? [])].map((t) => t.name));
  for (const r of routesOf(root)) {
    if (r.receiver !== undefined && !names.has(r.receiver)) { throw new Error(`undefined receiver "${r.receiver}" used in route`); }
    for (const t of [...(r.mute_time_intervals ?? []), ...(r.active_time_intervals ?? [])]) {
      if (!intervals.has(t)) { throw new Error(`undefined time interval "${t}" used in route`); }
    }
    for (const m of r.matchers ?? []) { parseMatchers(m); }
  }
  for (const rule of config.inhibit_rules ?? []) {
    for (const m of [...(rule.source_matchers ?? []), ...(rule.target_matchers ?? [])]) { parseMatchers(m); }
  }
  return { ...config, receivers, templates: Array.isArray(config.templates) ? config.templates : [] };
}

/** Fields of Alertmanager's configuration typed `Secret` or `SecretURL`: never printed. */
const SECRET_FIELDS = new Set([
  'smtp_auth_password', 'smtp_auth_secret', 'slack_api_url', 'opsgenie_api_key', 'wechat_api_secret', 'victorops_api_key',
  'telegram_bot_token', 'rocketchat_token', 'rocketchat_token_id', 'slack_app_token', 'mattermost_webhook_url', 'jira_api_token',
  'password', 'credentials', 'bearer_token', 'client_secret', 'auth_password', 'auth_secret', 'routing_key', 'service_key',
  'api_key', 'api_secret', 'user_key', 'token', 'token_id', 'bot_token', 'secret_key', 'app_token', 'alert_source_token', 'webhook_url',
]);
/** Fields that are secret in some integrations only. */
const SECRET_IN: Readonly<Record<string, ReadonlySet<string>>> = {
  url: new Set(['webhook_configs', 'incidentio_configs']),
  api_url: new Set(['slack_configs']),
};

/**
 * Replaces, in place, every secret value of a configuration read from `secret` with a
 * placeholder, so that printing the effective configuration never prints a secret.
 */
export function maskSecretValues(config: NativeAlertmanagerConfig, secret: { namespace: string; name: string }): void {
  const walk = (v: unknown, integration: string | undefined): void => {
    if (Array.isArray(v)) {
      v.forEach((x) => walk(x, integration));
      return;
    }
    if (!isObj(v)) { return; }
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'string' && x !== '' && (SECRET_FIELDS.has(k) || (integration !== undefined && SECRET_IN[k]?.has(integration)))) {
        v[k] = secretPlaceholder(secret.namespace, secret.name, CONFIG_SECRET_KEY, k);
      } else if (k === 'proxy_connect_header' && isObj(x)) {
        for (const h of Object.keys(x)) { x[h] = [secretPlaceholder(secret.namespace, secret.name, CONFIG_SECRET_KEY, h)]; }
      } else {
        walk(x, k.endsWith('_configs') ? k : integration);
      }
    }
  };
  walk(config.global, undefined);
  walk(config.receivers, undefined);
}
