/**
 * `Alertmanager.spec.alertmanagerConfiguration.global` → native `global:`, after
 * `ConfigBuilder.convertGlobalConfig` (pkg/alertmanager/amcfg.go, prometheus-operator v0.93).
 * Secrets are read from the Alertmanager's namespace.
 * @module
 */
import { goUrlParseProblem, validateUrl } from './operator-validation';
import { ConversionContext, ConversionError, convertStruct, isSecretKeyRef } from './receivers';

/** Global URLs and how the operator checks them: `parse` (Go's url.Parse only) or `url` (an http(s) URL with a host). */
const URL_CHECKS: ReadonlyArray<[native: string, check: 'parse' | 'url', label: string]> = [
  ['slack_api_url', 'parse', 'parse slack API URL'],
  ['opsgenie_api_url', 'parse', 'parse OpsGenie API URL'],
  ['pagerduty_url', 'parse', 'parse Pagerduty URL'],
  ['mattermost_webhook_url', 'url', 'failed to validate Mattermost Webhook URL'],
];

/** Alertmanager's own default `resolve_timeout`. */
export const DEFAULT_RESOLVE_TIMEOUT = '5m';

type Spec = Readonly<Record<string, unknown>>;

/** Sections of the CRD's `global` whose fields map one to one onto prefixed native fields. */
const SECTIONS: ReadonlyArray<[section: string, fields: ReadonlyArray<[crd: string, native: string]>]> = [
  ['wechat', [['apiURL', 'wechat_api_url'], ['apiSecret', 'wechat_api_secret'], ['apiCorpID', 'wechat_api_corp_id']]],
  ['victorops', [['apiURL', 'victorops_api_url'], ['apiKey', 'victorops_api_key']]],
  ['telegram', [['apiURL', 'telegram_api_url']]],
  ['webex', [['apiURL', 'webex_api_url']]],
  ['jira', [['apiURL', 'jira_api_url']]],
  ['rocketChat', [['apiURL', 'rocketchat_api_url'], ['token', 'rocketchat_token'], ['tokenID', 'rocketchat_token_id']]],
  ['mattermost', [['webhookURL', 'mattermost_webhook_url']]],
];

const SMTP: ReadonlyArray<[crd: string, native: string]> = [
  ['from', 'smtp_from'], ['hello', 'smtp_hello'], ['smartHost', 'smtp_smarthost'], ['authUsername', 'smtp_auth_username'],
  ['authPassword', 'smtp_auth_password'], ['authSecret', 'smtp_auth_secret'], ['authIdentity', 'smtp_auth_identity'],
  ['requireTLS', 'smtp_require_tls'], ['tlsConfig', 'smtp_tls_config'], ['forceImplicitTLS', 'smtp_force_implicit_tls'],
];

function plain(v: unknown, native: string, ctx: ConversionContext): unknown {
  if (v === undefined || v === null || v === '') { return undefined; }
  if (isSecretKeyRef(v)) { return ctx.resolve(v, native); }
  if (native === 'smtp_smarthost' && typeof v === 'object') {
    const hp = v as { host?: string; port?: string };
    return `${hp.host}:${hp.port}`;
  }
  if (native === 'smtp_tls_config') { return convertStruct({ tlsConfig: v }, ctx).tls_config; }
  if (typeof v === 'object') { return convertStruct(v as Spec, ctx); }
  return v;
}

/**
 * Converts the global section. `resolve_timeout` is always written: the given
 * `resolveTimeout`, else Alertmanager's default 5m (the operator itself omits the key when
 * unset, which Alertmanager reads as the same 5m).
 */
export function convertGlobalConfig(global: Spec | undefined, ctx: ConversionContext): Record<string, unknown> {
  const g = global ?? {};
  const out: Record<string, unknown> = {
    resolve_timeout: typeof g.resolveTimeout === 'string' && g.resolveTimeout !== '' ? g.resolveTimeout : DEFAULT_RESOLVE_TIMEOUT,
  };
  const set = (native: string, v: unknown) => {
    const converted = plain(v, native, ctx);
    if (converted !== undefined) { out[native] = converted; }
  };
  set('http_config', g.httpConfig);
  const smtp = (g.smtp ?? {}) as Spec;
  for (const [crd, native] of SMTP) { set(native, smtp[crd]); }
  set('slack_api_url', g.slackApiUrl);
  set('pagerduty_url', g.pagerdutyUrl);
  set('opsgenie_api_url', g.opsGenieApiUrl);
  set('opsgenie_api_key', g.opsGenieApiKey);
  for (const [section, fields] of SECTIONS) {
    const s = (g[section] ?? {}) as Spec;
    for (const [crd, native] of fields) { set(native, s[crd]); }
  }
  for (const [native, check, label] of URL_CHECKS) {
    const v = out[native];
    if (typeof v !== 'string') { continue; }
    const problem = check === 'parse' ? goUrlParseProblem(v) : validateUrl(v.trim());
    if (problem) { throw new ConversionError(`${label}: ${problem}`, false); }
  }
  return out;
}
