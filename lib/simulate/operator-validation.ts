/**
 * The checks prometheus-operator v0.93 runs on an AlertmanagerConfig before merging it
 * (`checkAlertmanagerConfigResource` in pkg/alertmanager/operator.go): the semantic validation
 * that does not depend on the Alertmanager version (`validation/v1alpha1.ValidateAlertmanagerConfig`:
 * receivers, HTTP configs, time intervals), and the checks that do (`checkReceivers`,
 * `checkRoute`, `checkInhibitRules`, `checkHTTPConfig`). A CR failing them is skipped (an
 * `InvalidConfiguration` event); the base configuration failing them fails the reconciliation.
 *
 * Also the URL validation of Alertmanager's `config.URL` that the operator reuses.
 *
 * @module
 */
import { checkAlertmanagerTemplate } from '../validation/go-template';
import { AlertmanagerVersion, atLeast, formatVersion } from './alertmanager-version';
import { isDuration } from './durations';

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Alertmanager's `config.URL` parsing (`ParseURL`): an http or https URL with a host.
 * @returns the problem, or `undefined` when valid
 */
export function validateUrl(url: string): string | undefined {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
  if (!scheme) {
    return url.startsWith(':') || /^[^/?#]*:/.test(url) ? `validate url from string failed for ${url}: missing protocol scheme` : 'unsupported scheme "" for URL';
  }
  const parseProblem = goUrlParseProblem(url);
  if (parseProblem) { return parseProblem; }
  const s = scheme[1].toLowerCase();
  if (s !== 'http' && s !== 'https') { return `unsupported scheme "${scheme[1]}" for URL`; }
  // Like Go's url.Parse: a host only follows "scheme://" ("http:host" is opaque, hostless).
  const rest = url.slice(scheme[0].length);
  if (!rest.startsWith('//')) { return 'missing host for URL'; }
  const authority = rest.slice(2).split(/[/?#]/)[0];
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  if (host === '') { return 'missing host for URL'; }
  if (!host.startsWith('[')) {
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && !/^\d*$/.test(host.slice(colon + 1))) { return `parse ${JSON.stringify(url)}: invalid port ${JSON.stringify(host.slice(colon))} after host`; }
    if (colon === 0) { return 'missing host for URL'; }
  }
  return undefined;
}

/**
 * Go's `url.Parse` errors, for the values the operator only parses (global `slackApiUrl`,
 * `opsGenieApiUrl`, `pagerdutyUrl`): it accepts relative references, so only malformed text fails.
 * @returns the problem, or `undefined` when Go parses it
 */
export function goUrlParseProblem(url: string): string | undefined {
  if (/[\x00-\x1f\x7f]/.test(url)) { return `parse ${JSON.stringify(url)}: net/url: invalid control character in URL`; }
  if (url.startsWith(':')) { return `parse ${JSON.stringify(url)}: missing protocol scheme`; }
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url) && /^[^/?#]*:/.test(url)) { return `parse ${JSON.stringify(url)}: first path segment in URL cannot contain colon`; }
  const bad = /%(?![0-9A-Fa-f]{2})/.exec(url);
  return bad ? `parse ${JSON.stringify(url)}: invalid URL escape ${JSON.stringify(url.slice(bad.index, bad.index + 3))}` : undefined;
}

/** `validation.ValidateTemplateURL`: a Go template (parsed as Alertmanager's), else a URL. */
export function isValidTemplateUrl(url: string): string | undefined {
  if (url.includes('{{')) {
    const problems = checkAlertmanagerTemplate('url', url);
    return problems.length ? problems[0] : undefined;
  }
  return validateUrl(url);
}

function urlField(c: Obj, key: string, template = false): string | undefined {
  const v = str(c[key]);
  if (v === '') { return undefined; }
  const problem = template ? isValidTemplateUrl(v) : validateUrl(v);
  return problem ? `invalid '${key}': ${problem}` : undefined;
}

function isSecretOrConfigMapSet(v: unknown): boolean {
  return isObj(v) && (v.secret !== undefined || v.configMap !== undefined);
}

function validateSafeTls(tls: unknown): string | undefined {
  if (!isObj(tls)) { return undefined; }
  for (const k of ['ca', 'cert']) {
    if (isObj(tls[k]) && tls[k].secret !== undefined && tls[k].configMap !== undefined) { return `${k}: cannot specify both Secret and ConfigMap`; }
  }
  if (typeof tls.maxVersion === 'string' && typeof tls.minVersion === 'string' && tls.maxVersion < tls.minVersion) { return 'maxVersion must more than or equal to minVersion'; }
  if (isSecretOrConfigMapSet(tls.cert) && tls.keySecret === undefined) { return 'client cert specified without client key'; }
  if (tls.keySecret !== undefined && !isSecretOrConfigMapSet(tls.cert)) { return 'client key specified without client cert'; }
  return undefined;
}

function validateProxy(p: Obj): string | undefined {
  const fromEnv = p.proxyFromEnvironment === true;
  const url = str(p.proxyUrl) !== '';
  const noProxy = str(p.noProxy) !== '';
  const headers = isObj(p.proxyConnectHeader) && Object.keys(p.proxyConnectHeader).length > 0;
  if (headers && !fromEnv && !url) { return 'if proxyConnectHeader is configured, proxyUrl or proxyFromEnvironment must also be configured'; }
  if (fromEnv && url) { return 'if proxyFromEnvironment is configured, proxyUrl must not be configured'; }
  if (fromEnv && noProxy) { return 'if proxyFromEnvironment is configured, noProxy must not be configured'; }
  if (!url && noProxy) { return 'if noProxy is configured, proxyUrl must also be configured'; }
  return undefined;
}

function validateAuthorization(a: unknown): string | undefined {
  if (!isObj(a)) { return undefined; }
  if (str(a.type).trim().toLowerCase() === 'basic') { return '\'authorization\' type cannot be set to "basic", use "basicAuth" instead'; }
  if (a.credentials === undefined) { return "'authorization' credentials are required"; }
  return undefined;
}

function validateOAuth2(o: unknown): string | undefined {
  if (!isObj(o)) { return undefined; }
  if (str(o.tokenUrl) === '') { return 'OAuth2 tokenURL must be specified'; }
  if (!isSecretOrConfigMapSet(o.clientId)) { return "OAuth2 'clientID' must be specified"; }
  const tls = validateSafeTls(o.tlsConfig);
  if (tls) { return `invalid OAuth2 'tlsConfig': ${tls}`; }
  const proxy = validateProxy(o);
  return proxy ? `invalid OAuth2 proxyConfig: ${proxy}` : undefined;
}

/**
 * `v1alpha1.HTTPConfig.Validate`: at most one of basicAuth, oauth2, authorization (and the
 * deprecated bearerTokenSecret), each of them well formed, TLS and proxy settings consistent.
 * Also `HTTPConfigWithProxy.Validate` of the global configuration, which has the same rules.
 */
export function validateHttpConfig(hc: unknown): string | undefined {
  if (!isObj(hc)) { return undefined; }
  const bearer = hc.bearerTokenSecret !== undefined;
  if ((hc.basicAuth !== undefined || hc.oauth2 !== undefined) && bearer) { return "at most one of 'basicAuth', 'oauth2' and 'bearerTokenSecret' must be configured"; }
  if (hc.authorization !== undefined) {
    if (bearer) { return "'authorization' is not compatible with 'bearerTokenSecret'"; }
    if (hc.basicAuth !== undefined || hc.oauth2 !== undefined) { return "at most one of 'basicAuth', 'oauth2' and 'authorization' must be configured"; }
    const a = validateAuthorization(hc.authorization);
    if (a) { return a; }
  }
  if (hc.oauth2 !== undefined) {
    if (hc.basicAuth !== undefined) { return "at most one of 'basicAuth', 'oauth2' and 'authorization' must be configured"; }
    const o = validateOAuth2(hc.oauth2);
    if (o) { return o; }
  }
  return validateSafeTls(hc.tlsConfig) ?? validateProxy(hc);
}

const OPSGENIE_TYPES = /^(team|teams|user|escalation|schedule)$/;
const VICTOROPS_RESERVED = new Set(['routing_key', 'message_type', 'state_message', 'entity_display_name', 'monitoring_tool', 'entity_id', 'entity_state']);

type Validator = (c: Obj) => string | undefined;

/** `validateReceivers` of v1alpha1: one validator per integration list. */
const RECEIVER_VALIDATORS: ReadonlyArray<[string, Validator]> = [
  ['opsgenieConfigs', (c) => {
    for (const r of list(c.responders)) {
      if (!str(r.id) && !str(r.name) && !str(r.username)) { return 'responder must have at least an ID, a Name or an Username defined'; }
      const type = str(r.type);
      if (type.includes('{{')) {
        const p = checkAlertmanagerTemplate('type', type);
        if (p.length) { return `responder type is not a valid template: ${p[0]}`; }
      } else if (!OPSGENIE_TYPES.test(type.toLowerCase())) {
        return `opsGenieConfig responder type "${type}" does not match valid options ${OPSGENIE_TYPES.source}`;
      }
    }
    return urlField(c, 'apiURL');
  }],
  ['pagerdutyConfigs', (c) => {
    const problem = urlField(c, 'url') ?? urlField(c, 'clientURL', true);
    if (problem) { return problem; }
    if (c.routingKey === undefined && c.serviceKey === undefined) { return "one of 'routingKey' or 'serviceKey' is required"; }
    for (const [i, l] of list(c.pagerDutyLinkConfigs).entries()) {
      const p = urlField(l, 'href', true);
      if (p) { return `'pagerDutyLinkConfigs'[${i}]: ${p}`; }
    }
    for (const [i, l] of list(c.pagerDutyImageConfigs).entries()) {
      const p = urlField(l, 'href', true);
      if (p) { return `'pagerDutyImageConfigs'[${i}]: ${p}`; }
    }
    return undefined;
  }],
  ['discordConfigs', () => undefined],
  ['slackConfigs', (c) => {
    for (const a of list(c.actions)) {
      if (!str(a.type)) { return "missing 'type' in Slack action configuration"; }
      if (!str(a.text)) { return "missing 'text' in Slack action configuration"; }
      if (!str(a.url) && !str(a.name)) { return "missing 'name' or 'url' in Slack action configuration"; }
      if (isObj(a.confirm) && !str(a.confirm.text)) { return "missing 'text' in Slack confirmation configuration"; }
    }
    for (const f of list(c.fields)) {
      if (!str(f.title)) { return "missing 'title' in Slack field configuration"; }
      if (!str(f.value)) { return "missing 'value' in Slack field configuration"; }
    }
    return undefined;
  }],
  ['webhookConfigs', (c) => {
    if (c.url === undefined && c.urlSecret === undefined) { return "one of 'url' or 'urlSecret' must be specified"; }
    return urlField(c, 'url', true);
  }],
  ['wechatConfigs', (c) => urlField(c, 'apiURL')],
  ['emailConfigs', (c) => {
    if (!str(c.to)) { return "missing 'to' address"; }
    if (str(c.smarthost) && !splitHostPort(c.smarthost)) { return `invalid 'smarthost' "${c.smarthost}": missing port in address`; }
    const seen = new Set<string>();
    for (const h of list(c.headers)) {
      const k = str(h.key).toLowerCase();
      if (seen.has(k)) { return `duplicate header "${k}"`; }
      seen.add(k);
    }
    return undefined;
  }],
  ['victoropsConfigs', (c) => {
    const reserved = list(c.customFields).find((f) => VICTOROPS_RESERVED.has(str(f.key)));
    if (reserved) { return `usage of reserved word "${reserved.key}" is not allowed in custom fields`; }
    if (!str(c.routingKey)) { return "missing 'routingKey' key"; }
    return urlField(c, 'apiUrl');
  }],
  ['pushoverConfigs', (c) => {
    if (c.userKey === undefined && c.userKeyFile === undefined) { return "one of 'userKey' or 'userKeyFile' must be configured"; }
    if (c.token === undefined && c.tokenFile === undefined) { return "one of 'token' or 'tokenFile' must be configured"; }
    if (c.html === true && c.monospace === true) { return "'html' and 'monospace' options are mutually exclusive"; }
    return urlField(c, 'url', true);
  }],
  ['snsConfigs', (c) => {
    const [a, b, d] = [!str(c.targetARN), !str(c.topicARN), !str(c.phoneNumber)];
    if ((a !== b) !== d) { return "must provide one of 'targetARN', 'topicARN', or 'phoneNumber'"; }
    return c.apiURL !== undefined ? urlField({ apiURL: c.apiURL }, 'apiURL', true) ?? (str(c.apiURL) === '' ? "invalid 'apiURL': empty" : undefined) : undefined;
  }],
  ['telegramConfigs', (c) => {
    if (c.botToken === undefined && c.botTokenFile === undefined) { return 'mandatory field botToken or botTokenfile is empty'; }
    if (c.botToken !== undefined && c.botTokenFile !== undefined) { return "only one of 'botToken' or 'botTokenfile' must be configured"; }
    if (!c.chatID) { return "mandatory field 'chatID' is empty"; }
    return urlField(c, 'apiURL');
  }],
  ['webexConfigs', (c) => urlField(c, 'apiURL')],
  ['msteamsConfigs', () => undefined],
  ['msteamsv2Configs', () => undefined],
  ['rocketchatConfigs', (c) => {
    for (const k of ['apiURL']) { const p = urlField(c, k); if (p) { return p; } }
    for (const k of ['iconURL', 'imageURL', 'thumbURL']) { const p = urlField(c, k, true); if (p) { return p; } }
    for (const [i, a] of list(c.actions).entries()) {
      const p = urlField(a, 'url', true);
      if (p) { return `'actions'[${i}]: ${p}`; }
    }
    return undefined;
  }],
];

/** `net.SplitHostPort` for `host:port` (and `[v6]:port`). */
export function splitHostPort(s: string): { host: string; port: string } | undefined {
  const v6 = /^\[([^\]]*)\]:([^:]*)$/.exec(s);
  if (v6) { return { host: v6[1], port: v6[2] }; }
  const i = s.lastIndexOf(':');
  if (i < 0 || s.slice(0, i).includes(':')) { return undefined; }
  return { host: s.slice(0, i), port: s.slice(i + 1) };
}

/**
 * `validateReceivers`: unique names, and each integration's own rules plus its `httpConfig`.
 * @returns the first problem, as the operator reports it
 */
export function validateReceivers(receivers: readonly unknown[]): string | undefined {
  const names = new Set<string>();
  for (const r of receivers.filter(isObj)) {
    if (names.has(r.name)) { return `"${r.name}" receiver is not unique`; }
    names.add(r.name);
    for (const [field, validate] of RECEIVER_VALIDATORS) {
      for (const [i, c] of list(r[field]).entries()) {
        const problem = validate(c) ?? prefixed("'httpConfig': ", validateHttpConfig(c.httpConfig));
        if (problem) { return `failed to validate receiver "${r.name}": '${field}'[${i}]: ${problem}`; }
      }
    }
  }
  return undefined;
}

function prefixed(prefix: string, problem: string | undefined): string | undefined {
  return problem === undefined ? undefined : `${prefix}${problem}`;
}

const WEEKDAYS: Readonly<Record<string, number>> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };
const MONTHS: Readonly<Record<string, number>> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};
const TIME = /^((([01][0-9])|(2[0-3])):[0-5][0-9])$|(^24:00$)/;

function parseRange(s: string): [string, string] | undefined {
  if (!s.includes(':')) { return [s, s]; }
  const parts = s.split(':');
  return parts.length === 2 ? [parts[0], parts[1]] : undefined;
}

function minutes(t: string): number | undefined {
  if (!TIME.test(t)) { return undefined; }
  const [h, m] = t.split(':').map(Number);
  return h * 60 + m;
}

function named(s: string, names: Readonly<Record<string, number>>, min: number, max: number): number | undefined {
  const n = names[s.toLowerCase()];
  if (n !== undefined) { return n; }
  if (!/^[+-]?\d+$/.test(s)) { return undefined; }
  const i = Number(s);
  return i >= min && i <= max ? i : (names === MONTHS ? undefined : i);
}

/** `MuteTimeInterval.Validate` for each entry of `muteTimeIntervals`. */
export function validateTimeIntervals(intervals: readonly unknown[]): string | undefined {
  for (const [i, mti] of intervals.filter(isObj).entries()) {
    if (!str(mti.name)) { return `mute time interval[${i}] is invalid: empty name field for mute time interval`; }
    const bad = (what: string) => `mute time interval[${i}] is invalid: ${what}`;
    for (const [j, ti] of list(mti.timeIntervals).entries()) {
      for (const t of list(ti.times)) {
        if (!str(t.startTime) || !str(t.endTime)) { return bad(`time range at ${j} is invalid: start and end are required`); }
        const [s, e] = [minutes(t.startTime), minutes(t.endTime)];
        if (s === undefined) { return bad(`time range at ${j} is invalid: start time invalid: couldn't parse timestamp ${t.startTime}, invalid format`); }
        if (e === undefined) { return bad(`time range at ${j} is invalid: end time invalid: couldn't parse timestamp ${t.endTime}, invalid format`); }
        if (s >= e) { return bad(`time range at ${j} is invalid: start time ${s} cannot be equal or greater than end time ${e}`); }
      }
      for (const w of Array.isArray(ti.weekdays) ? ti.weekdays : []) {
        const r = parseRange(String(w));
        const [s, e] = r ? [named(r[0], WEEKDAYS, 0, 6), named(r[1], WEEKDAYS, 0, 6)] : [undefined, undefined];
        if (s === undefined || e === undefined) { return bad(`weekday range at ${j} is invalid: ${w} is an invalid weekday`); }
        if (s > e) { return bad(`weekday range at ${j} is invalid: start day cannot be before end day`); }
        if (s < 0 || s > 6 || e < 0 || e > 6) { return bad(`weekday range at ${j} is invalid: ${w} is not a valid day of the week: out of range`); }
      }
      for (const d of list(ti.daysOfMonth)) {
        const [s, e] = [Number(d.start ?? 0), Number(d.end ?? 0)];
        if (s === 0 || s < -31 || s > 31) { return bad(`day of month range at ${j} is invalid: ${s} is not a valid day of the month: out of range`); }
        if (e === 0 || e < -31 || e > 31) { return bad(`day of month range at ${j} is invalid: ${e} is not a valid day of the month: out of range`); }
        if (s < 0 && e > 0) { return bad(`day of month range at ${j} is invalid: end day must be negative if start day is negative`); }
        if ((s < 0 ? 28 + s : s) > (e < 0 ? 28 + e : e)) { return bad(`day of month range at ${j} is invalid: end day ${e} is always before start day ${s}`); }
      }
      for (const m of Array.isArray(ti.months) ? ti.months : []) {
        const r = parseRange(String(m));
        const [s, e] = r ? [named(r[0], MONTHS, 1, 12), named(r[1], MONTHS, 1, 12)] : [undefined, undefined];
        if (s === undefined || e === undefined) { return bad(`month range at ${j} is invalid: ${m} is an invalid month`); }
        if (s > e) { return bad(`month range at ${j} is invalid: end month is before start month`); }
      }
      for (const y of Array.isArray(ti.years) ? ti.years : []) {
        const r = parseRange(String(y));
        if (!r || !/^[+-]?\d+$/.test(r[0]) || !/^[+-]?\d+$/.test(r[1])) { return bad(`year range at ${j} is invalid: ${y} cannot be parsed`); }
        if (Number(r[0]) > Number(r[1])) { return bad(`year range at ${j} is invalid: end year ${r[1]} is before start year ${r[0]}`); }
      }
    }
  }
  return undefined;
}

function hasMatchType(ms: unknown): boolean {
  return list(ms).some((m) => str(m.matchType) !== '');
}

function since(v: AlertmanagerVersion, min: string, what: string): string | undefined {
  return atLeast(v, min) ? undefined : `${what} is available in Alertmanager >= ${min} only - current ${formatVersion(v)}`;
}

/** `checkHTTPConfig`: HTTP settings the version does not know reject the CR. */
function checkHttpForVersion(hc: unknown, v: AlertmanagerVersion): string | undefined {
  if (!isObj(hc)) { return undefined; }
  if (hc.authorization !== undefined && !atLeast(v, '0.22.0')) { return `'authorization' config set in 'httpConfig' but supported in Alertmanager >= 0.22.0 only - current ${formatVersion(v)}`; }
  if (hc.oauth2 !== undefined && !atLeast(v, '0.22.0')) { return `'oauth2' config set in 'httpConfig' but supported in Alertmanager >= 0.22.0 only - current ${formatVersion(v)}`; }
  if ((hc.noProxy !== undefined || hc.proxyFromEnvironment !== undefined || hc.proxyConnectHeader !== undefined) && !atLeast(v, '0.25.0')) {
    return `'ProxyConfig' config set in 'httpConfig' but supported in Alertmanager >= 0.25.0 only - current ${formatVersion(v)}`;
  }
  return undefined;
}

/** Per integration: the version it needs (the CR is rejected below it), and version-gated fields that reject. */
const VERSION_CHECKS: ReadonlyArray<[field: string, since: string | undefined, check: (c: Obj, v: AlertmanagerVersion) => string | undefined]> = [
  ['pagerdutyConfigs', undefined, () => undefined],
  ['opsgenieConfigs', undefined, (c, v) => (list(c.responders).some((r) => r.type === 'teams') && !atLeast(v, '0.24.0')
    ? "'teams' set in 'opsgenieResponder' but supported in Alertmanager >= 0.24.0 only" : undefined)],
  ['discordConfigs', '0.25.0', () => undefined],
  ['slackConfigs', undefined, (c, v) => (c.messageText !== undefined ? since(v, '0.31.0', "messageText'") : undefined)
    ?? (c.updateMessage !== undefined ? since(v, '0.32.0', "updateMessage'") : undefined)],
  ['webhookConfigs', undefined, (c, v) => (c.payload !== undefined ? since(v, '0.32.0', "payload'") : undefined)],
  ['wechatConfigs', undefined, () => undefined],
  ['webexConfigs', '0.25.0', () => undefined],
  ['emailConfigs', undefined, (c, v) => (c.forceImplicitTLS !== undefined ? since(v, '0.31.0', "forceImplicitTLS'") : undefined)
    ?? (c.threading !== undefined ? since(v, '0.30.0', "threading'") : undefined)],
  ['victoropsConfigs', undefined, () => undefined],
  ['pushoverConfigs', undefined, (c) => {
    if (c.html === true && c.monospace === true) { return 'html and monospace options are mutually exclusive'; }
    for (const k of ['expire', 'retry']) {
      if (str(c[k]) !== '' && !isDuration(c[k])) { return `not a valid duration string: "${c[k]}"`; }
    }
    return undefined;
  }],
  ['snsConfigs', undefined, (c, v) => (c.useAWSHTTPClient !== undefined ? since(v, '0.33.0', "useAWSHTTPClient'") : undefined)],
  ['telegramConfigs', '0.24.0', (c, v) => (c.botTokenFile !== undefined ? since(v, '0.26.0', "botTokenFile'") : undefined)],
  ['msteamsConfigs', '0.26.0', () => undefined],
  ['msteamsv2Configs', '0.28.0', () => undefined],
  ['rocketchatConfigs', '0.28.0', () => undefined],
];

const UNAVAILABLE: Readonly<Record<string, string>> = {
  msteamsConfigs: 'invalid syntax in receivers config; msteams integration is only available in Alertmanager >= 0.26.0',
  msteamsv2Configs: 'invalid syntax in receivers config; msteamsv2 integration is only available in Alertmanager >= 0.28.0',
};

/** A reason the operator rejects a CR for the Alertmanager version, with the field it is about. */
export interface VersionProblem {
  readonly field: string;
  readonly reason: string;
}

/**
 * The version-dependent part of `checkAlertmanagerConfigResource` (`checkReceivers`,
 * `checkRoute`, `checkInhibitRules`): integrations and fields newer than `version` reject the CR.
 */
export function checkForVersion(spec: Obj, version: AlertmanagerVersion): VersionProblem | undefined {
  for (const [ri, r] of list(spec.receivers).entries()) {
    for (const [field, min, check] of VERSION_CHECKS) {
      const configs = list(r[field]);
      if (configs.length === 0) { continue; }
      const at = `spec.receivers[${ri}].${field}`;
      if (min && !atLeast(version, min)) {
        const label = field === 'rocketchatConfigs' ? 'rocketChatConfigs' : field; // the operator's spelling
        return { field: at, reason: UNAVAILABLE[field] ?? `${label}' is available in Alertmanager >= ${min} only - current ${formatVersion(version)}` };
      }
      for (const [i, c] of configs.entries()) {
        // checkSnsConfigs looks at useAWSHTTPClient first; the others check httpConfig first.
        const problem = field === 'snsConfigs'
          ? check(c, version) ?? checkHttpForVersion(c.httpConfig, version)
          : checkHttpForVersion(c.httpConfig, version) ?? check(c, version);
        if (problem) { return { field: `${at}[${i}]`, reason: problem }; }
      }
    }
  }
  if (!atLeast(version, '0.22.0')) {
    const route = findV2Matchers(spec.route, 'spec.route');
    if (route) {
      return { field: route, reason: "invalid syntax in route config for 'matchers' comparison based matching is supported in Alertmanager >= 0.22.0 only" };
    }
    for (const [i, rule] of list(spec.inhibitRules).entries()) {
      if (hasMatchType(rule.sourceMatch) || hasMatchType(rule.targetMatch)) {
        return { field: `spec.inhibitRules[${i}]`, reason: "'sourceMatch' and/or 'targetMatch' are using matching syntax which is supported in Alertmanager >= 0.22.0 only" };
      }
    }
  } else {
    for (const [i, rule] of list(spec.inhibitRules).entries()) {
      for (const side of ['targetMatch', 'sourceMatch']) {
        for (const [j, m] of list(rule[side]).entries()) {
          if (!str(m.matchType)) { continue; }
          if (!['=', '!=', '=~', '!~'].includes(m.matchType)) { return { field: `spec.inhibitRules[${i}].${side}[${j}]`, reason: `invalid 'matchType' '${m.matchType}' provided'` }; }
          if (str(m.name).trim() === '') { return { field: `spec.inhibitRules[${i}].${side}[${j}]`, reason: "matcher 'name' is required" }; }
        }
      }
    }
  }
  return undefined;
}

function findV2Matchers(route: unknown, path: string): string | undefined {
  if (!isObj(route)) { return undefined; }
  if (hasMatchType(route.matchers)) { return `${path}.matchers`; }
  for (const [i, child] of (Array.isArray(route.routes) ? route.routes : []).entries()) {
    const found = findV2Matchers(child, `${path}.routes[${i}]`);
    if (found) { return found; }
  }
  return undefined;
}

const GLOBAL_URLS: ReadonlyArray<[section: string, label: string]> = [
  ['telegram', 'telegram'], ['jira', 'jira'], ['victorops', 'victorops'], ['rocketChat', 'rocketChat'], ['webex', 'webex'], ['wechat', "'wechat'"],
];

/**
 * `ValidateAlertmanagerGlobalConfig` and the version checks of `checkAlertmanagerGlobalConfigResource`
 * for `spec.alertmanagerConfiguration.global`. Any problem fails the reconciliation.
 */
export function validateGlobalConfig(global: unknown, version: AlertmanagerVersion): string | undefined {
  if (!isObj(global)) { return undefined; }
  const http = validateHttpConfig(global.httpConfig);
  if (http) { return `'httpConfig': ${http}`; }
  for (const [section, label] of GLOBAL_URLS) {
    const s = global[section];
    if (isObj(s)) {
      const p = urlField(s, 'apiURL');
      if (p) { return `${label}: ${p}`; }
    }
  }
  const requires = (section: string, min: string, what: string) => (global[section] !== undefined && !atLeast(version, min)
    ? `'${what}' ${section === 'mattermost' ? 'global parameters require' : 'integration requires'} Alertmanager >= ${min} - current ${formatVersion(version)}` : undefined);
  if (isObj(global.smtp) && global.smtp.forceImplicitTLS !== undefined && !atLeast(version, '0.31.0')) {
    return `'forceImplicitTLS' integration requires Alertmanager >= 0.31.0 - current ${formatVersion(version)}`;
  }
  return requires('telegram', '0.24.0', 'telegram') ?? requires('jira', '0.28.0', 'jira') ?? requires('rocketChat', '0.28.0', 'rocketChat')
    ?? requires('webex', '0.25.0', 'webex') ?? requires('mattermost', '0.32.0', 'mattermost');
}
