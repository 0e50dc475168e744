/**
 * Reading one v1alpha1 AlertmanagerConfig the way prometheus-operator v0.93 does: its semantic
 * validation (`pkg/alertmanager/validation/v1alpha1.ValidateAlertmanagerConfig`, plus the strict
 * decoding of child routes) and the conversion of routes, inhibition rules and time intervals
 * (`ConfigBuilder.convertRoute`, `convertInhibitRule`, `convertMuteTimeInterval` in amcfg.go).
 *
 * @module
 */
import { AlertmanagerVersion, atLeast } from './alertmanager-version';
import { CrdMatcher, formatMatcher, fromCrdMatcher } from './matchers';
import { validateReceivers, validateTimeIntervals } from './operator-validation';
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
  const problem = validateReceivers(spec.receivers ?? []) ?? validateTimeIntervals(spec.muteTimeIntervals ?? []);
  if (problem) { return problem; }
  const receivers = new Set((spec.receivers ?? []).map((r) => r.name));
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
  // The API server checks the CRD's duration pattern on the top route only: child routes are raw
  // JSON, and a bad duration there makes the operator's sanitize fail the whole reconciliation.
  for (const field of top ? ['groupWait', 'groupInterval', 'repeatInterval'] as const : []) {
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

/** Matchers converted for one Alertmanager version (`convertMatchersV2`). */
export interface ConvertedMatchers {
  /** The `name<op>"value"` form: always for matchers with a `matchType`, and for all of them from 0.22. */
  readonly matchers: string[];
  /** Equality matchers without `matchType` before 0.22. */
  readonly match: Record<string, string>;
  /** `regex: true` matchers without `matchType` before 0.22. */
  readonly matchRe: Record<string, string>;
}

/**
 * `ConfigBuilder.convertMatchersV2`: a matcher with a `matchType` is always written in the string
 * form; one without is `name="value"` / `name=~"value"` from Alertmanager 0.22, and goes into
 * `match` / `match_re` before.
 */
export function convertMatchers(ms: readonly CrdMatcher[] | undefined, version?: AlertmanagerVersion): ConvertedMatchers {
  const v2 = !version || atLeast(version, '0.22.0');
  const out: ConvertedMatchers = { matchers: [], match: {}, matchRe: {} };
  for (const m of ms ?? []) {
    if (m.matchType || v2) {
      out.matchers.push(formatMatcher(fromCrdMatcher(m)));
    } else if (m.regex) {
      out.matchRe[m.name] = m.value ?? '';
    } else {
      out.match[m.name] = m.value ?? '';
    }
  }
  return out;
}

/**
 * `ConfigBuilder.convertRoute`: names prefixed, durations copied, child routes converted
 * recursively (never forced to continue). Zero group/repeat intervals are removed later by the
 * sanitizer, as the operator does.
 */
export function convertRoute(r: CrdRoute, ns: string, cr: string, version?: AlertmanagerVersion): NativeRoute {
  const out: NativeRoute = {};
  const receiver = namespacedName(ns, cr, r.receiver);
  if (receiver) { out.receiver = receiver; }
  if (r.groupBy && r.groupBy.length > 0) { out.group_by = [...r.groupBy]; }
  const m = convertMatchers(r.matchers, version);
  if (Object.keys(m.match).length > 0) { out.match = m.match; }
  if (Object.keys(m.matchRe).length > 0) { out.match_re = m.matchRe; }
  if (m.matchers.length > 0) { out.matchers = m.matchers; }
  if (r.continue) { out.continue = true; }
  const routes = (r.routes ?? []).map((child) => convertRoute(child as CrdRoute, ns, cr, version));
  if (routes.length > 0) { out.routes = routes; }
  if (r.groupWait) { out.group_wait = r.groupWait; }
  if (r.groupInterval) { out.group_interval = r.groupInterval; }
  if (r.repeatInterval) { out.repeat_interval = r.repeatInterval; }
  const mute = (r.muteTimeIntervals ?? []).map((n) => `${ns}/${cr}/${n}`);
  if (mute.length > 0) { out.mute_time_intervals = mute; }
  const active = (r.activeTimeIntervals ?? []).map((n) => `${ns}/${cr}/${n}`);
  if (active.length > 0) { out.active_time_intervals = active; }
  return out;
}

/** `ConfigBuilder.convertInhibitRule`. */
export function convertInhibitRule(rule: NonNullable<AlertmanagerConfigSpec['inhibitRules']>[number], version?: AlertmanagerVersion): NativeInhibitRule {
  const out: NativeInhibitRule = {};
  const target = convertMatchers(rule.targetMatch, version);
  const source = convertMatchers(rule.sourceMatch, version);
  if (Object.keys(target.match).length > 0) { out.target_match = target.match; }
  if (Object.keys(target.matchRe).length > 0) { out.target_match_re = target.matchRe; }
  if (target.matchers.length > 0) { out.target_matchers = target.matchers; }
  if (Object.keys(source.match).length > 0) { out.source_match = source.match; }
  if (Object.keys(source.matchRe).length > 0) { out.source_match_re = source.matchRe; }
  if (source.matchers.length > 0) { out.source_matchers = source.matchers; }
  if (rule.equal && rule.equal.length > 0) { out.equal = [...rule.equal]; }
  return out;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A `a:b` range (or a single value) with both ends resolved, written the way Alertmanager marshals it. */
function range(text: string, resolve: (s: string) => string): string {
  const parts = text.includes(':') ? text.split(':') : [text, text];
  const [a, b] = parts.map(resolve);
  return a === b ? a : `${a}:${b}`;
}

/** Weekday names (Alertmanager marshals weekdays by name). */
function weekday(s: string): string {
  const n = Number(s);
  return Number.isInteger(n) && n >= 0 && n <= 6 && /^\d+$/.test(s) ? WEEKDAYS[n] : s.toLowerCase();
}

/** Month numbers (Alertmanager marshals months as numbers). */
function month(s: string): string {
  const i = MONTHS.indexOf(s.toLowerCase());
  return i >= 0 ? String(i + 1) : String(Number(s));
}

/**
 * `convertMuteTimeInterval`: the name prefixed, each interval re-serialised the way Alertmanager's
 * `timeinterval` types marshal (weekdays by name, months by number, `a:a` written `a`).
 */
export function convertTimeInterval(mti: NonNullable<AlertmanagerConfigSpec['muteTimeIntervals']>[number], ns: string, cr: string): NativeTimeInterval {
  const intervals = (mti.timeIntervals ?? []).map((ti) => {
    const out: Record<string, unknown> = {};
    const times = ti.times as Array<{ startTime?: string; endTime?: string }> | undefined;
    if (times?.length) { out.times = times.map((t) => ({ start_time: t.startTime, end_time: t.endTime })); }
    const weekdays = ti.weekdays as string[] | undefined;
    if (weekdays?.length) { out.weekdays = weekdays.map((w) => range(String(w), weekday)); }
    const days = ti.daysOfMonth as Array<{ start?: number; end?: number }> | undefined;
    if (days?.length) { out.days_of_month = days.map((d) => (d.end === undefined || d.end === d.start ? `${d.start}` : `${d.start}:${d.end}`)); }
    const months = ti.months as string[] | undefined;
    if (months?.length) { out.months = months.map((m) => range(String(m), month)); }
    const years = ti.years as string[] | undefined;
    if (years?.length) { out.years = years.map((y) => range(String(y), (x) => x)); }
    if (typeof ti.location === 'string' && ti.location !== '') { out.location = ti.location; }
    return out;
  });
  // The operator sets the name inside its loop over the intervals: none, no name.
  return { name: intervals.length > 0 ? `${ns}/${cr}/${mti.name}` : '', time_intervals: intervals };
}
