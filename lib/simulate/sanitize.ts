/**
 * What prometheus-operator v0.93 does to a generated configuration for the Alertmanager version
 * it targets (`sanitize` methods in pkg/alertmanager/amcfg.go): a field the version does not know
 * is either DROPPED with a warning in the operator's log, or makes the whole configuration fail
 * (the reconciliation stops and Alertmanager keeps its previous configuration).
 *
 * Works on the native (snake_case) configuration, in place, exactly where the operator runs it:
 * on the merged configuration (base + AlertmanagerConfigs), and on a base AlertmanagerConfig.
 *
 * @module
 */
import { AlertmanagerVersion, atLeast, formatVersion } from './alertmanager-version';
import { durationToMs, isDuration } from './durations';
import { isValidTemplateUrl, validateUrl } from './operator-validation';
import { NativeAlertmanagerConfig, NativeReceiver, NativeRoute } from './types';

/** A field the operator removed, with its log message. */
export interface DroppedField {
  /** Where it was, e.g. `receivers["ns/cr/hook"].webhook_configs[0].timeout`. */
  readonly path: string;
  /** The receiver it belonged to, when it was in a receiver. */
  readonly receiver?: string;
  /** Index of the first-level route it was under, when it was in a route. */
  readonly route?: number;
  /** What the operator logs. */
  readonly reason: string;
}

/** The operator refuses the configuration: the reconciliation fails. */
export class SanitizeError extends Error {
  constructor(public readonly path: string, reason: string, public readonly receiver?: string, public readonly route?: number) {
    super(`${path}: ${reason}`);
  }
}

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const set = (v: unknown): boolean => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0) && !(isObj(v) && Object.keys(v).length === 0);

class Sanitizer {
  public readonly dropped: DroppedField[] = [];
  private readonly v: string;

  constructor(private readonly version: AlertmanagerVersion) {
    this.v = formatVersion(version);
  }

  public ge(min: string): boolean { return atLeast(this.version, min); }
  public lt(min: string): boolean { return !atLeast(this.version, min); }

  /** Drops `o[key]` when it is set and the version is below `min`. */
  public gate(o: Obj, key: string, min: string, at: Where): void {
    if (set(o[key]) && this.lt(min)) { this.drop(o, key, at, `'${key}' supported in Alertmanager >= ${min} only - dropping field from provided config (current version ${this.v})`); }
  }

  /** `a` and `aFile` both set: `a` wins, `aFile` is dropped. */
  public precedence(o: Obj, key: string, fileKey: string, at: Where): void {
    if (set(o[key]) && set(o[fileKey])) { this.drop(o, fileKey, at, `'${key}' and '${fileKey}' are mutually exclusive - '${key}' has taken precedence`); }
  }

  public drop(o: Obj, key: string, at: Where, reason: string): void {
    delete o[key];
    this.dropped.push({ path: `${at.path}.${key}`, receiver: at.receiver, route: at.route, reason });
  }

  public fail(at: Where, reason: string): never {
    throw new SanitizeError(at.path, reason, at.receiver, at.route);
  }

  public requires(min: string, at: Where, what: string): void {
    if (this.lt(min)) { this.fail(at, `invalid syntax in receivers config; ${what} integration is available in Alertmanager >= ${min} (current version ${this.v})`); }
  }
}

interface Where {
  readonly path: string;
  readonly receiver?: string;
  readonly route?: number;
}

/** prometheus/common's reserved HTTP headers (`Headers.Validate`): the client sets them itself. */
const RESERVED_HEADERS = new Set([
  'authorization', 'host', 'content-encoding', 'content-length', 'content-type', 'user-agent', 'connection', 'keep-alive',
  'proxy-authenticate', 'proxy-authorization', 'www-authenticate', 'accept-encoding', 'x-prometheus-remote-write-version',
  'x-prometheus-remote-read-version', 'x-prometheus-scrape-timeout-seconds', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256',
]);

const TLS_VERSIONS: Readonly<Record<string, number>> = { '': 0, TLS10: 0x0301, TLS11: 0x0302, TLS12: 0x0303, TLS13: 0x0304 };

function sanitizeTls(s: Sanitizer, tls: unknown, at: Where): void {
  if (!isObj(tls)) { return; }
  s.gate(tls, 'min_version', '0.25.0', at);
  s.gate(tls, 'max_version', '0.25.0', at);
  const min = TLS_VERSIONS[tls.min_version ?? ''];
  const max = TLS_VERSIONS[tls.max_version ?? ''];
  if (min === undefined) { s.fail(at, `unknown TLS version: ${tls.min_version}`); }
  if (max === undefined) { s.fail(at, `unknown TLS version: ${tls.max_version}`); }
  if (min !== 0 && max !== 0 && min > max) { s.fail(at, `max TLS version "${tls.max_version}" must be greater than or equal to min TLS version "${tls.min_version}"`); }
}

function sanitizeProxy(s: Sanitizer, pc: Obj, at: Where): void {
  if (s.ge('0.26.0')) {
    const headers = set(pc.proxy_connect_header);
    if (headers && !pc.proxy_from_environment && !set(pc.proxy_url)) { s.fail(at, "if 'proxy_connect_header' is configured, 'proxy_url' or 'proxy_from_environment' must also be configured"); }
    if (pc.proxy_from_environment && set(pc.proxy_url)) { s.fail(at, "if 'proxy_from_environment' is configured, 'proxy_url' must not be configured"); }
    if (pc.proxy_from_environment && set(pc.no_proxy)) { s.fail(at, "if 'proxy_from_environment' is configured, 'no_proxy' must not be configured"); }
    if (!set(pc.proxy_url) && set(pc.no_proxy)) { s.fail(at, "if 'no_proxy' is configured, 'proxy_url' must also be configured"); }
    return;
  }
  if (pc.proxy_from_environment) { s.drop(pc, 'proxy_from_environment', at, "'proxy_from_environment' set to true but supported in Alertmanager >= 0.26.0 only - dropping field from provided config"); }
  if (set(pc.no_proxy)) { s.drop(pc, 'no_proxy', at, "'no_proxy' configured but supported in Alertmanager >= 0.26.0 only - dropping field from provided config"); }
  if (set(pc.proxy_connect_header)) { s.drop(pc, 'proxy_connect_header', at, "'proxy_connect_header' configured but supported in Alertmanager >= 0.26.0 only - dropping field from provided config"); }
}

/** `httpClientConfig.sanitize`. */
function sanitizeHttp(s: Sanitizer, hc: unknown, at: Where): void {
  if (!isObj(hc)) { return; }
  const here = { ...at, path: `${at.path}.http_config` };
  if (hc.authorization !== undefined && s.lt('0.22.0')) { s.fail(here, "'authorization' set in 'http_config' but supported in Alertmanager >= 0.22.0 only"); }
  if (hc.oauth2 !== undefined && s.lt('0.22.0')) { s.fail(here, "'oauth2' set in 'http_config' but supported in Alertmanager >= 0.22.0 only"); }
  if (hc.follow_redirects !== undefined && s.lt('0.22.0')) { s.drop(hc, 'follow_redirects', here, "'follow_redirects' set in 'http_config' but supported in Alertmanager >= 0.22.0 only - dropping field from provided config"); }
  if (hc.enable_http2 !== undefined && s.lt('0.25.0')) { s.drop(hc, 'enable_http2', here, "'enable_http2' set in 'http_config' but supported in Alertmanager >= 0.25.0 only - dropping field from provided config"); }
  if (isObj(hc.http_headers)) {
    const reserved = Object.keys(hc.http_headers).find((h) => RESERVED_HEADERS.has(h.toLowerCase()));
    if (reserved) { s.fail(here, `setting header ${JSON.stringify(reserved)} is not allowed`); }
  }
  if (hc.http_headers !== undefined && s.lt('0.28.0')) { s.drop(hc, 'http_headers', here, "'http_headers' set in 'http_config' but supported in Alertmanager >= 0.28.0 only - dropping field from provided config"); }
  sanitizeTls(s, hc.tls_config, { ...here, path: `${here.path}.tls_config` });
  sanitizeProxy(s, hc, here);
  const o = hc.oauth2;
  if (isObj(o) && (set(o.proxy_url) || set(o.no_proxy) || set(o.proxy_connect_header)) && s.lt('0.25.0')) {
    const where = { ...here, path: `${here.path}.oauth2` };
    for (const k of ['proxy_url', 'no_proxy', 'proxy_from_environment', 'proxy_connect_header']) {
      if (o[k] !== undefined) { s.drop(o, k, where, "'proxyConfig' set in 'oauth2' but supported in Alertmanager >= 0.25.0 only - dropping field from provided config"); }
    }
  }
}

/** `globalConfig.sanitize`. */
function sanitizeGlobal(s: Sanitizer, g: Obj | undefined): void {
  if (!g) { return; }
  const at = { path: 'global' };
  sanitizeHttp(s, g.http_config, at);
  s.gate(g, 'smtp_tls_config', '0.28.0', at);
  if (set(g.slack_api_url_file)) {
    s.precedence(g, 'slack_api_url', 'slack_api_url_file', at);
    s.gate(g, 'slack_api_url_file', '0.22.0', at);
  }
  for (const k of ['slack_app_token', 'slack_app_token_file', 'slack_app_url']) { s.gate(g, k, '0.30.0', at); }
  s.precedence(g, 'slack_app_token', 'slack_app_token_file', at);
  if ((set(g.slack_app_token) || set(g.slack_app_token_file)) && (set(g.slack_api_url) || set(g.slack_api_url_file))
    && set(g.slack_api_url) && set(g.slack_app_url) && String(g.slack_api_url) !== String(g.slack_app_url)) {
    s.fail(at, 'at most one of slack_app_token/slack_app_token_file & slack_api_url/slack_api_url_file must be configured (unless slack_api_url matches slack_app_url)');
  }
  s.gate(g, 'opsgenie_api_key_file', '0.24.0', at);
  s.gate(g, 'smtp_auth_password_file', '0.25.0', at);
  s.precedence(g, 'smtp_auth_password', 'smtp_auth_password_file', at);
  s.gate(g, 'victorops_api_key_file', '0.25.0', at);
  s.precedence(g, 'victorops_api_key', 'victorops_api_key_file', at);
  s.gate(g, 'wechat_api_secret_file', '0.31.0', at);
  s.precedence(g, 'wechat_api_secret', 'wechat_api_secret_file', at);
  s.gate(g, 'telegram_bot_token', '0.31.0', at);
  s.gate(g, 'telegram_bot_token_file', '0.31.0', at);
  s.precedence(g, 'telegram_bot_token', 'telegram_bot_token_file', at);
  s.gate(g, 'smtp_auth_secret_file', '0.31.0', at);
  s.precedence(g, 'smtp_auth_secret', 'smtp_auth_secret_file', at);
  if (g.smtp_force_implicit_tls !== undefined && s.lt('0.31.0')) { s.drop(g, 'smtp_force_implicit_tls', at, "'smtp_force_implicit_tls' supported in Alertmanager >= 0.31.0 only - dropping field from provided config"); }
  s.gate(g, 'mattermost_webhook_url', '0.32.0', at);
  s.gate(g, 'mattermost_webhook_url_file', '0.32.0', at);
  s.precedence(g, 'mattermost_webhook_url', 'mattermost_webhook_url_file', at);
}

function url(s: Sanitizer, c: Obj, key: string, at: Where, template = false): void {
  if (!set(c[key])) { return; }
  const problem = template ? isValidTemplateUrl(String(c[key])) : validateUrl(String(c[key]));
  if (problem) { s.fail(at, `invalid '${key}': ${problem}`); }
}

type IntegrationSanitizer = (s: Sanitizer, c: Obj, at: Where) => void;

const INTEGRATIONS: ReadonlyArray<[string, IntegrationSanitizer]> = [
  ['email_configs', (s, c, at) => {
    s.gate(c, 'auth_password_file', '0.25.0', at);
    s.precedence(c, 'auth_password', 'auth_password_file', at);
    if (c.force_implicit_tls !== undefined && s.lt('0.31.0')) { s.drop(c, 'force_implicit_tls', at, "'force_implicit_tls' supported in Alertmanager >= 0.31.0 only - dropping field from provided config"); }
    s.gate(c, 'auth_secret_file', '0.31.0', at);
    s.precedence(c, 'auth_secret', 'auth_secret_file', at);
    if (c.threading !== undefined && s.lt('0.30.0')) { s.drop(c, 'threading', at, "'threading' supported in Alertmanager >= 0.30.0 only - dropping field from provided config"); }
    if (isObj(c.threading) && c.threading.thread_by_date !== 'daily' && c.threading.thread_by_date !== 'none') {
      s.fail(at, "invalid 'thread_by_date': the value must be empty, 'daily' or 'none'");
    }
  }],
  ['opsgenie_configs', (s, c, at) => {
    sanitizeHttp(s, c.http_config, at);
    for (const k of ['actions', 'entity', 'update_alerts']) {
      if (c[k] !== undefined && c[k] !== '' && s.lt('0.24.0')) { s.drop(c, k, at, `opsgenie_config '${k}' supported in Alertmanager >= 0.24.0 only - dropping field from provided config`); }
    }
    for (const r of Array.isArray(c.responders) ? c.responders : []) {
      if (r?.type === 'teams' && s.lt('0.24.0')) { s.fail(at, "'teams' set in 'opsgenieResponder' but supported in Alertmanager >= 0.24.0 only"); }
    }
    url(s, c, 'api_url', at);
    s.precedence(c, 'api_key', 'api_key_file', at);
    s.gate(c, 'api_key_file', '0.24.0', at);
  }],
  ['pagerduty_configs', (s, c, at) => {
    for (const k of ['source', 'routing_key_file', 'service_key_file']) { s.gate(c, k, '0.25.0', at); }
    s.precedence(c, 'service_key', 'service_key_file', at);
    s.precedence(c, 'routing_key', 'routing_key_file', at);
    if (c.timeout !== undefined && s.lt('0.30.0')) { s.drop(c, 'timeout', at, "'timeout' supported in Alertmanager >= 0.30.0 only - dropping field from provided config"); }
    if (s.lt('0.30.0') && isObj(c.details) && Object.values(c.details).some((v) => typeof v !== 'string')) {
      s.fail(at, "'details' value in non-string format is supported in Alertmanager >= 0.30.0 only");
    }
    sanitizeHttp(s, c.http_config, at);
  }],
  ['pushover_configs', (s, c, at) => {
    s.gate(c, 'user_key_file', '0.26.0', at);
    if (!set(c.user_key) && !set(c.user_key_file)) { s.fail(at, 'missing mandatory field user_key or user_key_file'); }
    s.precedence(c, 'user_key', 'user_key_file', at);
    s.gate(c, 'token_file', '0.26.0', at);
    if (!set(c.token) && !set(c.token_file)) { s.fail(at, 'missing mandatory field token or token_file'); }
    s.precedence(c, 'token', 'token_file', at);
    s.gate(c, 'ttl', '0.27.0', at);
    s.gate(c, 'device', '0.26.0', at);
    if (c.monospace === true && s.lt('0.29.0')) {
      c.monospace = false; // the operator sets it to false rather than removing it
      s.dropped.push({ path: `${at.path}.monospace`, receiver: at.receiver, reason: "'monospace' supported in Alertmanager >= 0.29.0 only - dropping field from pushover receiver config" });
    }
    if (c.html === true && c.monospace === true) { s.fail(at, 'either monospace or html must be configured'); }
    url(s, c, 'url', at, true);
    sanitizeHttp(s, c.http_config, at);
  }],
  ['slack_configs', (s, c, at) => {
    sanitizeHttp(s, c.http_config, at);
    if (c.timeout !== undefined && s.lt('0.30.0')) { s.drop(c, 'timeout', at, "'timeout' supported in Alertmanager >= 0.30.0 only - dropping field from provided config"); }
    for (const k of ['app_token', 'app_token_file', 'app_url']) { s.gate(c, k, '0.30.0', at); }
    s.gate(c, 'message_text', '0.31.0', at);
    if (c.update_message !== undefined && c.update_message !== null) {
      if (s.lt('0.32.0')) {
        s.drop(c, 'update_message', at, "'update_message' supported in Alertmanager >= 0.32.0 only - dropping field from provided config");
      } else if (c.update_message === true && set(c.api_url) && c.api_url !== 'https://slack.com/api/chat.postMessage') {
        s.fail(at, "update_message' can only be used with bot tokens. api_url must be set to https://slack.com/api/chat.postMessage");
      }
    }
    s.precedence(c, 'app_token', 'app_token_file', at);
    if ((set(c.app_token) || set(c.app_token_file)) && (set(c.api_url) || set(c.api_url_file))) {
      s.fail(at, 'at most one of app_token/app_token_file & api_url/api_url_file must be configured');
    }
    if (!set(c.api_url_file)) { return; }
    s.gate(c, 'api_url_file', '0.22.0', at);
    s.precedence(c, 'api_url', 'api_url_file', at);
  }],
  ['victorops_configs', (s, c, at) => {
    sanitizeHttp(s, c.http_config, at);
    s.gate(c, 'api_key_file', '0.25.0', at);
    s.precedence(c, 'api_key', 'api_key_file', at);
    url(s, c, 'api_url', at);
  }],
  ['webhook_configs', (s, c, at) => {
    sanitizeHttp(s, c.http_config, at);
    s.gate(c, 'url_file', '0.26.0', at);
    s.precedence(c, 'url', 'url_file', at);
    if (c.timeout !== undefined && s.lt('0.28.0')) { s.drop(c, 'timeout', at, "'timeout' supported in Alertmanager >= 0.28.0 only - dropping field from provided config"); }
    if (c.payload !== undefined && s.lt('0.32.0')) { s.drop(c, 'payload', at, "'payload' supported in Alertmanager >= 0.32.0 only - dropping field from provided config"); }
    url(s, c, 'url', at, true);
  }],
  ['wechat_configs', (s, c, at) => {
    url(s, c, 'api_url', at);
    s.gate(c, 'api_secret_file', '0.31.0', at);
    s.precedence(c, 'api_secret', 'api_secret_file', at);
    sanitizeHttp(s, c.http_config, at);
  }],
  ['sns_configs', (s, c, at) => {
    url(s, c, 'api_url', at, true);
    const sigv4 = isObj(c.sigv4) ? c.sigv4 : {};
    if (set(sigv4.external_id)) {
      if (!set(sigv4.role_arn)) { s.fail(at, "'external_id' in sigv4 config requires 'role_arn' to be set"); }
      if (s.lt('0.33.0')) { s.drop(sigv4, 'external_id', { ...at, path: `${at.path}.sigv4` }, "'external_id' supported in Alertmanager >= 0.33.0 only - dropping field `external_id` from sigv4 config"); }
    }
    if (c.use_aws_http_client === true && s.lt('0.33.0')) { s.drop(c, 'use_aws_http_client', at, "'use_aws_http_client' supported in Alertmanager >= 0.33.0 only - dropping field `use_aws_http_client` from sns config"); }
    sanitizeHttp(s, c.http_config, at);
  }],
  ['telegram_configs', (s, c, at) => {
    s.requires('0.24.0', at, 'telegram');
    s.gate(c, 'chat_id_file', '0.31.0', at);
    if (!set(c.chat_id) && !set(c.chat_id_file)) { s.fail(at, 'missing mandatory field chat_id or chat_id_file'); }
    s.precedence(c, 'chat_id', 'chat_id_file', at);
    s.gate(c, 'bot_token_file', '0.26.0', at);
    s.precedence(c, 'bot_token', 'bot_token_file', at);
    if (!set(c.bot_token) && !set(c.bot_token_file) && s.lt('0.31.0')) { s.fail(at, 'missing mandatory field botToken or botTokenFile'); }
    if (set(c.message_thread_id) && c.message_thread_id !== 0) { s.gate(c, 'message_thread_id', '0.26.0', at); }
    url(s, c, 'api_url', at);
    sanitizeHttp(s, c.http_config, at);
  }],
  ['discord_configs', (s, c, at) => {
    s.requires('0.25.0', at, 'discord');
    for (const k of ['content', 'username', 'avatar_url']) { s.gate(c, k, '0.28.0', at); }
    sanitizeHttp(s, c.http_config, at);
  }],
  ['webex_configs', (s, c, at) => {
    s.requires('0.25.0', at, 'webex');
    if (!set(c.room_id)) { s.fail(at, 'mandatory field "room_id" is empty'); }
    url(s, c, 'api_url', at);
    sanitizeHttp(s, c.http_config, at);
  }],
  ['msteams_configs', (s, c, at) => {
    if (s.lt('0.26.0')) { s.fail(at, 'invalid syntax in receivers config; msteams integration is only available in Alertmanager >= 0.26.0'); }
    if (!set(c.webhook_url)) { s.fail(at, 'mandatory field "webhook_url" is empty'); }
    url(s, c, 'webhook_url', at);
    s.gate(c, 'summary', '0.27.0', at);
    sanitizeHttp(s, c.http_config, at);
  }],
  ['msteamsv2_configs', (s, c, at) => {
    if (s.lt('0.28.0')) { s.fail(at, 'invalid syntax in receivers config; msteams v2 integration is available in Alertmanager >= 0.28.0'); }
    if (!set(c.webhook_url) && !set(c.webhook_url_file)) { s.fail(at, 'no webhook_url or webhook_url_file provided'); }
    if (set(c.webhook_url) && set(c.webhook_url_file)) { s.fail(at, 'both webhook_url and webhook_url_file cannot be set at the same time'); }
    url(s, c, 'webhook_url', at);
    sanitizeHttp(s, c.http_config, at);
  }],
  ['jira_configs', (s, c, at) => {
    s.requires('0.28.0', at, 'jira');
    if (!set(c.project)) { s.fail(at, 'missing project in jira_config'); }
    if (!set(c.issue_type)) { s.fail(at, 'missing issue_type in jira_config'); }
    if (set(c.api_type)) {
      if (s.lt('0.29.0')) {
        s.gate(c, 'api_type', '0.29.0', at);
      } else if (!['auto', 'cloud', 'datacenter'].includes(c.api_type)) {
        s.fail(at, "invalid 'api_type': a value must be 'auto', 'cloud' or 'datacenter'");
      }
    }
    url(s, c, 'api_url', at);
    sanitizeHttp(s, c.http_config, at);
  }],
  ['rocketchat_configs', (s, c, at) => {
    s.requires('0.28.0', at, 'rocketchat');
    if (c.token !== undefined && set(c.token_file)) { s.fail(at, 'at most one of token & token_file must be configured'); }
    if (c.token_id !== undefined && set(c.token_id_file)) { s.fail(at, 'at most one of token_id & token_id_file must be configured'); }
    sanitizeHttp(s, c.http_config, at);
  }],
  ['mattermost_configs', (s, c, at) => {
    s.requires('0.30.0', at, 'mattermost');
    if (!set(c.webhook_url) && !set(c.webhook_url_file) && s.lt('0.32.0')) { s.fail(at, "one of 'webhook_url' or 'webhook_url_file' must be configured"); }
    s.precedence(c, 'webhook_url', 'webhook_url_file', at);
    if (s.lt('0.32.0')) {
      for (const k of ['fallback', 'color', 'pretext', 'author_name', 'author_link', 'author_icon', 'title', 'title_link', 'thumb_url', 'footer', 'footer_icon', 'image_url', 'fields']) {
        s.gate(c, k, '0.32.0', at);
      }
    }
    sanitizeHttp(s, c.http_config, at);
  }],
  ['incidentio_configs', (s, c, at) => {
    if (s.lt('0.29.0')) { s.fail(at, 'invalid syntax in receivers config; incident.io integration is available in Alertmanager >= 0.29.0'); }
    if (!set(c.url) && !set(c.url_file)) { s.fail(at, 'one of url or url_file must be configured'); }
    if (set(c.url) && set(c.url_file)) { s.fail(at, 'at most one of url & url_file must be configured'); }
    const problem = set(c.url) ? validateUrl(String(c.url)) : undefined;
    if (problem) { s.fail(at, `invalid url: ${problem}`); }
    if (set(c.alert_source_token) && set(c.alert_source_token_file)) { s.fail(at, 'at most one of alert_source_token & alert_source_token_file must be configured'); }
    const authorization = isObj(c.http_config) && c.http_config.authorization !== undefined;
    if (authorization && (set(c.alert_source_token) || set(c.alert_source_token_file))) { s.fail(at, 'cannot specify alert_source_token or alert_source_token_file when using http_config.authorization'); }
    if (!set(c.alert_source_token) && !set(c.alert_source_token_file) && !authorization) {
      s.fail(at, 'at least one of alert_source_token, alert_source_token_file or http_config.authorization must be configured');
    }
    sanitizeHttp(s, c.http_config, at);
  }],
];

function sanitizeReceiver(s: Sanitizer, r: NativeReceiver): void {
  for (const [field, sanitize] of INTEGRATIONS) {
    const list = r[field];
    if (!Array.isArray(list)) { continue; }
    list.forEach((c, i) => { if (isObj(c)) { sanitize(s, c, { path: `receivers[${JSON.stringify(r.name)}].${field}[${i}]`, receiver: r.name }); } });
  }
}

function sanitizeRoute(s: Sanitizer, r: NativeRoute, at: Where): void {
  const o = r as Obj;
  if (s.lt('0.22.0') && set(r.matchers)) {
    s.fail(at, `invalid syntax in route config for 'matchers' comparison based matching is supported in Alertmanager >= 0.22.0 only (matchers=${JSON.stringify(r.matchers)})`);
  }
  if (s.lt('0.22.0') && o.mute_time_intervals !== undefined) { s.drop(o, 'mute_time_intervals', at, 'named mute time intervals in route is supported in Alertmanager >= 0.22.0 only - dropping config'); }
  if (s.lt('0.24.0') && o.active_time_intervals !== undefined) { s.drop(o, 'active_time_intervals', at, 'active time intervals in route is supported in Alertmanager >= 0.24.0 only - dropping config'); }
  if (set(r.group_wait) && !isDuration(String(r.group_wait))) { s.fail(at, `group_wait: not a valid duration string: "${r.group_wait}"`); }
  for (const k of ['group_interval', 'repeat_interval'] as const) {
    const d = r[k];
    if (!set(d)) { continue; }
    if (!isDuration(String(d))) { s.fail(at, `${k}: not a valid duration string: "${d}"`); }
    if (durationToMs(String(d)) === 0) { delete r[k]; } // a zero interval is dropped silently
  }
  (r.routes ?? []).forEach((child, i) => sanitizeRoute(s, child, { path: `${at.path}.routes[${i}]`, route: at.route ?? i }));
  if (r.match && Object.keys(r.match).length === 0) { delete r.match; }
  if (r.match_re && Object.keys(r.match_re).length === 0) { delete r.match_re; }
  if (r.matchers && r.matchers.length === 0) { delete r.matchers; }
}

/** The result of {@link sanitizeConfig}. */
export interface SanitizeResult {
  readonly dropped: readonly DroppedField[];
}

/**
 * `alertmanagerConfig.sanitize(amVersion)`: removes, in place, what `version` does not support
 * and reports it.
 * @throws SanitizeError when the operator refuses the configuration
 */
export function sanitizeConfig(config: NativeAlertmanagerConfig, version: AlertmanagerVersion): SanitizeResult {
  const s = new Sanitizer(version);
  sanitizeGlobal(s, config.global);
  config.receivers.forEach((r) => sanitizeReceiver(s, r));
  (config.inhibit_rules ?? []).forEach((rule, i) => {
    const at = { path: `inhibit_rules[${i}]` };
    if (s.lt('0.22.0')) {
      if (set(rule.source_matchers) || set(rule.target_matchers)) {
        s.fail(at, `target_matchers and source_matchers matching is supported in Alertmanager >= 0.22.0 only (target_matchers=${JSON.stringify(rule.target_matchers ?? [])}, source_matchers=${JSON.stringify(rule.source_matchers ?? [])})`);
      }
      return;
    }
    for (const k of ['target_match', 'target_match_re', 'source_match', 'source_match_re', 'target_matchers', 'source_matchers', 'equal'] as const) {
      const v = rule[k];
      if (v !== undefined && (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0)) { delete rule[k]; }
    }
  });
  if (config.mute_time_intervals?.length && s.lt('0.22.0')) {
    s.dropped.push({ path: 'mute_time_intervals', reason: 'mute time intervals are supported in Alertmanager >= 0.22.0 only - dropping config' });
    delete config.mute_time_intervals;
  }
  if (config.time_intervals?.length && s.lt('0.24.0')) {
    s.dropped.push({ path: 'time_intervals', reason: 'time intervals are supported in Alertmanager >= 0.24.0 only - dropping config' });
    delete config.time_intervals;
  }
  for (const key of ['mute_time_intervals', 'time_intervals'] as const) {
    for (const ti of config[key] ?? []) {
      if (s.ge('0.25.0')) { continue; }
      for (const interval of ti.time_intervals ?? []) {
        if (interval.location !== undefined) { s.drop(interval, 'location', { path: `${key}[${JSON.stringify(ti.name)}]` }, 'time_interval location is supported in Alertmanager >= 0.25.0 only - dropping config'); }
      }
    }
  }
  sanitizeRoute(s, config.route, { path: 'route' });
  return { dropped: s.dropped };
}
