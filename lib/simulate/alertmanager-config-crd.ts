/**
 * Reading one v1alpha1 AlertmanagerConfig the way prometheus-operator v0.93 does: its semantic
 * validation (`pkg/alertmanager/validation/v1alpha1.ValidateAlertmanagerConfig`, plus the strict
 * decoding of child routes) and the conversion of routes, inhibition rules and time intervals
 * (`ConfigBuilder.convertRoute`, `convertInhibitRule`, `convertMuteTimeInterval` in amcfg.go).
 *
 * @module
 */
import { durationToMs } from './durations';
import { CrdMatcher, formatMatcher, fromCrdMatcher } from './matchers';
import { NativeInhibitRule, NativeRoute, NativeTimeInterval } from './types';

/** `spec.route` (and, recursively, `routes[]`) of an AlertmanagerConfig. */
export interface CrdRoute {
  readonly receiver?: string;
  readonly groupBy?: readonly string[];
  readonly groupWait?: string;
  readonly groupInterval?: string;
  readonly repeatInterval?: string;
  readonly matchers?: readonly CrdMatcher[];
  readonly continue?: boolean;
  readonly routes?: readonly unknown[];
  readonly muteTimeIntervals?: readonly string[];
  readonly activeTimeIntervals?: readonly string[];
}

/** `spec` of an AlertmanagerConfig, as far as routing is concerned. */
export interface AlertmanagerConfigSpec {
  readonly route?: CrdRoute;
  readonly receivers?: ReadonlyArray<Readonly<Record<string, unknown>> & { readonly name: string }>;
  readonly inhibitRules?: ReadonlyArray<{ readonly sourceMatch?: readonly CrdMatcher[]; readonly targetMatch?: readonly CrdMatcher[]; readonly equal?: readonly string[] }>;
  readonly muteTimeIntervals?: ReadonlyArray<{ readonly name: string; readonly timeIntervals?: ReadonlyArray<Readonly<Record<string, unknown>>> }>;
}

const ROUTE_FIELDS = new Set(['receiver', 'groupBy', 'groupWait', 'groupInterval', 'repeatInterval', 'matchers', 'continue', 'routes', 'muteTimeIntervals', 'activeTimeIntervals']);
const MATCHER_FIELDS = new Set(['name', 'value', 'matchType', 'regex']);
/** The operator's `durationRe` (no bare `0`, unlike Prometheus' own parser). */
const OPERATOR_DURATION = /^(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/;

/** `<namespace>/<crname>/<name>`, the operator's `makeNamespacedString` (empty stays empty). */
export function namespacedName(ns: string, cr: string, name: string | undefined): string | undefined {
  return name ? `${ns}/${cr}/${name}` : undefined;
}

/**
 * The operator's semantic checks of a CR. A failing CR is skipped by the operator (an
 * `InvalidConfiguration` event) — or, for the `alertmanagerConfiguration` base, fails the
 * reconciliation.
 * @returns the first problem found, or `undefined`
 */
export function validateAlertmanagerConfig(spec: AlertmanagerConfigSpec): string | undefined {
  const receivers = new Set<string>();
  for (const r of spec.receivers ?? []) {
    if (receivers.has(r.name)) { return `"${r.name}" receiver is not unique`; }
    receivers.add(r.name);
    for (const w of (r.webhookConfigs as Array<Record<string, unknown>> | undefined) ?? []) {
      if (w.url === undefined && w.urlSecret === undefined) { return `receiver ${r.name}: one of 'url' or 'urlSecret' must be specified`; }
    }
    for (const p of (r.pagerdutyConfigs as Array<Record<string, unknown>> | undefined) ?? []) {
      if (p.routingKey === undefined && p.serviceKey === undefined) { return `receiver ${r.name}: one of 'routingKey' or 'serviceKey' is required`; }
    }
    for (const e of (r.emailConfigs as Array<Record<string, unknown>> | undefined) ?? []) {
      if (!e.to) { return `receiver ${r.name}: missing 'to' address`; }
    }
  }
  const intervals = new Set((spec.muteTimeIntervals ?? []).map((m) => m.name));
  return spec.route ? validateRoute(spec.route, receivers, intervals, 'route', true) : undefined;
}

function validateRoute(r: CrdRoute, receivers: Set<string>, intervals: Set<string>, path: string, top: boolean): string | undefined {
  if (!r.receiver) {
    if (top) { return 'root route must define a receiver'; }
  } else if (!receivers.has(r.receiver)) {
    return `${path}: receiver "${r.receiver}" not found`;
  }
  const groupBy = r.groupBy ?? [];
  if (new Set(groupBy).size !== groupBy.length) { return `${path}: duplicate values not permitted in route 'groupBy': ${groupBy.join(',')}`; }
  if (groupBy.includes('...') && groupBy.length > 1) { return `${path}: '...' must be a sole value in route 'groupBy'`; }
  for (const name of [...(r.muteTimeIntervals ?? []), ...(r.activeTimeIntervals ?? [])]) {
    if (!intervals.has(name)) { return `${path}: time interval "${name}" not found`; }
  }
  for (const field of ['groupWait', 'groupInterval', 'repeatInterval'] as const) {
    const d = r[field];
    if (d !== undefined && d !== '' && !OPERATOR_DURATION.test(d)) { return `${path}: ${field} ${d} is not a valid duration`; }
  }
  // Matcher.Validate: a known matchType and a name. Regexes are NOT compiled by the operator: a
  // bad one reaches the generated config, and Alertmanager then refuses to load it.
  for (const [i, m] of (r.matchers ?? []).entries()) {
    if (!m.name || m.name.trim() === '') { return `${path}.matchers[${i}]: matcher 'name' is required`; }
    try {
      fromCrdMatcher(m);
    } catch (e) {
      return `${path}.matchers[${i}]: ${(e as Error).message}`;
    }
  }
  for (const [i, child] of (r.routes ?? []).entries()) {
    const strict = strictRouteProblem(child);
    if (strict) { return `${path}.routes[${i}]: ${strict}`; }
    const problem = validateRoute(child as CrdRoute, receivers, intervals, `${path}.routes[${i}]`, false);
    if (problem) { return problem; }
  }
  return undefined;
}

/** Child routes are raw JSON decoded with `DisallowUnknownFields`: a typo rejects the CR. */
function strictRouteProblem(child: unknown): string | undefined {
  if (typeof child !== 'object' || child === null || Array.isArray(child)) { return 'a child route must be an object'; }
  const unknown = Object.keys(child).find((k) => !ROUTE_FIELDS.has(k));
  if (unknown) { return `json: unknown field "${unknown}"`; }
  for (const m of (child as CrdRoute).matchers ?? []) {
    const bad = Object.keys(m).find((k) => !MATCHER_FIELDS.has(k));
    if (bad) { return `json: unknown field "${bad}"`; }
  }
  return undefined;
}

/** Matchers in the operator's v2 string form (Alertmanager >= 0.22). */
export function convertMatchers(ms: readonly CrdMatcher[] | undefined): string[] {
  return (ms ?? []).map((m) => formatMatcher(fromCrdMatcher(m)));
}

/**
 * `ConfigBuilder.convertRoute` + `route.sanitize`: names prefixed, durations copied (zero
 * group/repeat intervals dropped), child routes converted recursively (never forced to continue).
 */
export function convertRoute(r: CrdRoute, ns: string, cr: string): NativeRoute {
  const out: NativeRoute = {};
  const receiver = namespacedName(ns, cr, r.receiver);
  if (receiver) { out.receiver = receiver; }
  if (r.groupBy && r.groupBy.length > 0) { out.group_by = [...r.groupBy]; }
  const matchers = convertMatchers(r.matchers);
  if (matchers.length > 0) { out.matchers = matchers; }
  if (r.continue) { out.continue = true; }
  const routes = (r.routes ?? []).map((child) => convertRoute(child as CrdRoute, ns, cr));
  if (routes.length > 0) { out.routes = routes; }
  if (r.groupWait) { out.group_wait = r.groupWait; }
  if (r.groupInterval && durationToMs(r.groupInterval) !== 0) { out.group_interval = r.groupInterval; }
  if (r.repeatInterval && durationToMs(r.repeatInterval) !== 0) { out.repeat_interval = r.repeatInterval; }
  const mute = (r.muteTimeIntervals ?? []).map((n) => `${ns}/${cr}/${n}`);
  if (mute.length > 0) { out.mute_time_intervals = mute; }
  const active = (r.activeTimeIntervals ?? []).map((n) => `${ns}/${cr}/${n}`);
  if (active.length > 0) { out.active_time_intervals = active; }
  return out;
}

/** `ConfigBuilder.convertInhibitRule` (matchers in the v2 string form). */
export function convertInhibitRule(rule: NonNullable<AlertmanagerConfigSpec['inhibitRules']>[number]): NativeInhibitRule {
  const out: NativeInhibitRule = {};
  const target = convertMatchers(rule.targetMatch);
  if (target.length > 0) { out.target_matchers = target; }
  const source = convertMatchers(rule.sourceMatch);
  if (source.length > 0) { out.source_matchers = source; }
  if (rule.equal && rule.equal.length > 0) { out.equal = [...rule.equal]; }
  return out;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Lower-cases a `a:b` range of names; numbers become names when `numbered` (months are 1-based). */
function normaliseRange(range: string, names: readonly string[], numbered: boolean): string {
  return range.split(':').map((part) => {
    const n = Number(part);
    return numbered && Number.isInteger(n) && n >= 1 && n <= names.length ? names[n - 1] : part.toLowerCase();
  }).join(':');
}

/** `convertMuteTimeInterval`: the name prefixed, each interval re-serialised the way Alertmanager prints it. */
export function convertTimeInterval(mti: NonNullable<AlertmanagerConfigSpec['muteTimeIntervals']>[number], ns: string, cr: string): NativeTimeInterval {
  const intervals = (mti.timeIntervals ?? []).map((ti) => {
    const out: Record<string, unknown> = {};
    const times = ti.times as Array<{ startTime?: string; endTime?: string }> | undefined;
    if (times?.length) { out.times = times.map((t) => ({ start_time: t.startTime, end_time: t.endTime })); }
    const weekdays = ti.weekdays as string[] | undefined;
    if (weekdays?.length) { out.weekdays = weekdays.map((w) => normaliseRange(w, WEEKDAYS, false)); }
    const days = ti.daysOfMonth as Array<{ start?: number; end?: number }> | undefined;
    if (days?.length) { out.days_of_month = days.map((d) => (d.end === undefined || d.end === d.start ? `${d.start}` : `${d.start}:${d.end}`)); }
    const months = ti.months as string[] | undefined;
    if (months?.length) { out.months = months.map((m) => normaliseRange(m, MONTHS, true)); }
    const years = ti.years as string[] | undefined;
    if (years?.length) { out.years = [...years]; }
    return out;
  });
  return { name: `${ns}/${cr}/${mti.name}`, time_intervals: intervals };
}
