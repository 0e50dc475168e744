import { RE2JS } from 're2js';
import { problem } from './problem';

/**
 * Time intervals of an AlertmanagerConfig (`spec.muteTimeIntervals[].timeIntervals[]`), as the
 * API server and prometheus-operator v0.93 accept them.
 *
 * Two gates, in this order:
 * - the CRD's OpenAPI patterns (`monitoring.coreos.com_alertmanagerconfigs.yaml`, v0.93.0). The
 *   API server evaluates them with Go's regexp, so they are compiled here with `re2js` (a port of
 *   Go's regexp/syntax): `(?i)` applies to the rest of its group only, so the pattern accepts
 *   `Monday:friday` but not `Monday:Friday` or `MONDAY`. An object that fails them is refused
 *   by the API server (and a Flux Kustomization holding it fails to apply).
 * - the operator's semantic validation (`MuteTimeInterval.Validate` in
 *   pkg/apis/monitoring/v1alpha1/validation.go, the same rules as Alertmanager's
 *   `timeinterval` unmarshalling): start before end, day-of-month bounds. The operator skips
 *   an AlertmanagerConfig that fails it (event `InvalidConfiguration`), so none of its routes run.
 *
 * Each message says which gate refuses the value and what to write instead.
 * @module
 */

/** The CRD's patterns, verbatim (test/validation/time-interval.test.ts compares them with the CRD). */
export const TIME_INTERVAL_PATTERNS = {
  time: '^((([01][0-9])|(2[0-3])):[0-5][0-9])$|(^24:00$)',
  weekday: '^((?i)sun|mon|tues|wednes|thurs|fri|satur)day(?:((:(sun|mon|tues|wednes|thurs|fri|satur)day)$)|$)',
  month: '^((?i)january|february|march|april|may|june|july|august|september|october|november|december|1[0-2]|[1-9])(?:((:((?i)january|february|march|april|may|june|july|august|september|october|november|december|1[0-2]|[1-9]))$)|$)',
  year: '^2\\d{3}(?::2\\d{3}|$)',
} as const;

const COMPILED = new Map<string, RE2JS>();
/** Go's `regexp.MatchString` (unanchored search; the patterns anchor themselves). */
function crdAccepts(pattern: keyof typeof TIME_INTERVAL_PATTERNS, value: string): boolean {
  let re = COMPILED.get(pattern);
  if (!re) {
    re = RE2JS.compile(TIME_INTERVAL_PATTERNS[pattern]);
    COMPILED.set(pattern, re);
  }
  return re.matcher(value).find();
}

const API_SERVER = 'the AlertmanagerConfig CRD\'s pattern refuses it, so the API server rejects the whole object';
const OPERATOR = 'prometheus-operator rejects the AlertmanagerConfig (and Alertmanager would refuse the value), so none of its routes run';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** `HH:MM` to minutes of the day (the pattern has passed). */
function minutes(t: string): number {
  const [h, m] = t.split(':').map(Number);
  return h * 60 + m;
}

/** A likely meant `HH:MM` for a time the pattern refuses, e.g. `9:00` → `09:00`. */
function timeHint(value: string): string | undefined {
  const m = /^\s*(\d{1,2})(?:[:.h](\d{2}))?(?::\d{2})?\s*$/.exec(value);
  if (!m) { return undefined; }
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) { return undefined; }
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** Splits a range written with `-`, `–`, `..`, ` to ` or `:` into its ends. */
function rangeParts(value: string): string[] {
  return value.trim().split(/\s*(?::|\.\.|–|—|-|\bto\b)\s*/i).filter((p) => p !== '');
}

/** The canonical name for a weekday or month written loosely (`Mon`, `MONDAY`, `1`), if recognisable. */
function nameOf(part: string, names: readonly string[], numbered: 'weekday' | 'month'): string | undefined {
  const p = part.toLowerCase();
  const exact = names.find((n) => n === p);
  if (exact) { return exact; }
  if (/^\d+$/.test(p)) {
    const n = Number(p);
    if (numbered === 'month') { return n >= 1 && n <= 12 ? names[n - 1] : undefined; }
    return n >= 0 && n <= 6 ? names[n] : undefined;
  }
  const prefixed = names.filter((n) => p.length >= 3 && n.startsWith(p));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** `a:b` in canonical names, for a range the pattern refuses; `undefined` when not recognisable. */
function rangeHint(value: string, names: readonly string[], kind: 'weekday' | 'month'): string | undefined {
  const parts = rangeParts(value);
  if (parts.length < 1 || parts.length > 2) { return undefined; }
  const canonical = parts.map((p) => nameOf(p, names, kind));
  if (canonical.some((c) => c === undefined)) { return undefined; }
  return canonical.length === 2 && canonical[0] !== canonical[1] ? `${canonical[0]}:${canonical[1]}` : canonical[0];
}

/** `a:b`, or `a` when both ends are the same. */
function span(a: string, b: string): string {
  return a === b ? a : `${a}:${b}`;
}

function notAString(field: string, value: unknown, example: string): string[] {
  return [problem(field, typeof value === 'object' ? JSON.stringify(value) ?? String(value) : String(value),
    `must be a string; ${API_SERVER}`, `write it as a string, e.g. ${JSON.stringify(example)}`)];
}

/**
 * Checks one `times[]` entry: both ends in `HH:MM` 24-hour form (`24:00` allowed), start
 * before end.
 * @returns one message per problem, each naming `field`
 */
export function checkTimeRange(field: string, startTime: unknown, endTime: unknown): string[] {
  const out: string[] = [];
  const ends: Array<[string, unknown]> = [['startTime', startTime], ['endTime', endTime]];
  for (const [name, v] of ends) {
    if (v === undefined || v === null || v === '') {
      out.push(problem(`${field}.${name}`, '', `is required: a time range needs both ends; ${OPERATOR}`,
        'give both startTime and endTime, e.g. startTime: "09:00", endTime: "17:00"'));
      continue;
    }
    if (typeof v !== 'string') { out.push(...notAString(`${field}.${name}`, v, '09:00')); continue; }
    if (!crdAccepts('time', v)) {
      const hint = timeHint(v);
      out.push(problem(`${field}.${name}`, v, `is not a time in HH:MM 24-hour form with two-digit hours; ${API_SERVER}`,
        hint ? `write ${JSON.stringify(hint)}` : 'write the time as HH:MM, e.g. "09:00" or "17:30" ("24:00" ends the day)'));
    }
  }
  if (out.length === 0) {
    const s = minutes(startTime as string);
    const e = minutes(endTime as string);
    if (s >= e) {
      out.push(problem(field, `${startTime as string}-${endTime as string}`, `starts at or after it ends; ${OPERATOR}`,
        s > e ? `a range cannot wrap past midnight: split it into two, { startTime: "${startTime as string}", endTime: "24:00" } and { startTime: "00:00", endTime: "${endTime as string}" }` : 'give a start time before the end time'));
    }
  }
  return out;
}

/**
 * Checks one `weekdays[]` entry: a lower-case day name, or two joined by `:` in week order
 * (Sunday first). Only the first name may be capitalised (the CRD's pattern).
 * @returns one message per problem, each naming `field`
 */
export function checkWeekdayRange(field: string, value: unknown): string[] {
  if (typeof value !== 'string') { return notAString(field, value, 'monday:friday'); }
  if (!crdAccepts('weekday', value)) {
    const hint = rangeHint(value, WEEKDAYS, 'weekday');
    return [problem(field, value, `is not a day of the week or a range of them as the CRD writes them (lower-case English names, a range joined by ":"); ${API_SERVER}`,
      hint ? `write ${JSON.stringify(hint)}` : 'write e.g. "monday" or "monday:friday"')];
  }
  const [start, end = start] = value.toLowerCase().split(':').map((d) => WEEKDAYS.indexOf(d));
  if (start > end) {
    return [problem(field, value, `runs backwards: weeks run from sunday to saturday and a range cannot wrap; ${OPERATOR}`,
      `split it into ${JSON.stringify(span(WEEKDAYS[start], 'saturday'))} and ${JSON.stringify(span('sunday', WEEKDAYS[end]))}`)];
  }
  return [];
}

/**
 * Checks one `months[]` entry: a month name (any case) or number 1-12, or two joined by `:`
 * in calendar order.
 * @returns one message per problem, each naming `field`
 */
export function checkMonthRange(field: string, value: unknown): string[] {
  if (typeof value !== 'string') { return notAString(field, value, 'january:march'); }
  if (!crdAccepts('month', value)) {
    const hint = rangeHint(value, MONTHS, 'month');
    return [problem(field, value, `is not a month or a range of months (English names or 1-12, a range joined by ":"); ${API_SERVER}`,
      hint ? `write ${JSON.stringify(hint)}` : 'write e.g. "january", "1" or "january:march"')];
  }
  const [start, end = start] = value.toLowerCase().split(':').map((m) => (/^\d+$/.test(m) ? Number(m) : MONTHS.indexOf(m) + 1));
  if (start > end) {
    return [problem(field, value, `runs backwards: a month range cannot wrap past december; ${OPERATOR}`,
      `split it into ${JSON.stringify(span(MONTHS[start - 1], 'december'))} and ${JSON.stringify(span('january', MONTHS[end - 1]))}`)];
  }
  return [];
}

/**
 * Checks one `years[]` entry: a four-digit year from 2000, or two joined by `:` in order.
 * @returns one message per problem, each naming `field`
 */
export function checkYearRange(field: string, value: unknown): string[] {
  if (typeof value !== 'string') { return notAString(field, value, String(value)); }
  if (!crdAccepts('year', value)) {
    const parts = rangeParts(value);
    const hint = parts.length === 2 && parts.every((p) => /^2\d{3}$/.test(p)) ? `${parts[0]}:${parts[1]}` : undefined;
    return [problem(field, value, `is not a year (2000-2999) or a range of years joined by ":"; ${API_SERVER}`,
      hint ? `write ${JSON.stringify(hint)}` : 'write e.g. "2026" or "2026:2027"')];
  }
  const [start, end = start] = value.split(':').map(Number);
  if (start > end) {
    return [problem(field, value, `runs backwards; ${OPERATOR}`, `write "${end}:${start}"`)];
  }
  return [];
}

/**
 * Checks one `daysOfMonth[]` entry: both ends given (an omitted end reads as 0), each in
 * 1..31 or -31..-1 (counting from the end of the month), a negative start only with a
 * negative end, and not always empty (checked, as Alertmanager does, on a 28-day month).
 * @returns one message per problem, each naming `field`
 */
export function checkDayOfMonthRange(field: string, start: unknown, end: unknown): string[] {
  const out: string[] = [];
  const ends: Array<[string, unknown]> = [['start', start], ['end', end]];
  for (const [name, v] of ends) {
    if (v === undefined || v === null) {
      out.push(problem(`${field}.${name}`, 'unset', `is required: the operator reads an unset ${name} as day 0, which is not a day of the month; ${OPERATOR}`,
        `give both start and end (the same day twice for a single day, e.g. start: ${String(start ?? end ?? 1)}, end: ${String(start ?? end ?? 1)})`));
    } else if (typeof v !== 'number' || !Number.isInteger(v)) {
      out.push(problem(`${field}.${name}`, JSON.stringify(v) ?? String(v), `must be a whole number; ${API_SERVER}`, 'use a day such as 1, 15 or -1 (the last day)'));
    } else if (v < -31 || v > 31) {
      out.push(problem(`${field}.${name}`, String(v), `is out of range -31..31; ${API_SERVER}`, 'use 1..31, or -1..-31 to count from the end of the month'));
    } else if (v === 0) {
      out.push(problem(`${field}.${name}`, '0', `is not a day of the month; ${OPERATOR}`, 'use 1..31, or -1..-31 to count from the end of the month'));
    }
  }
  if (out.length > 0) { return out; }
  const s = start as number;
  const e = end as number;
  if (s < 0 && e > 0) {
    return [problem(field, `${s}:${e}`, `starts counting from the end of the month but ends counting from its start; ${OPERATOR}`, 'use two negative days (e.g. -7:-1) or two positive ones')];
  }
  const cs = s < 0 ? 28 + s : s;
  const ce = e < 0 ? 28 + e : e;
  if (cs > ce) {
    return [problem(field, `${s}:${e}`, `ends before it starts; ${OPERATOR}`, `give the earlier day as start, e.g. start: ${e}, end: ${s}`)];
  }
  return [];
}

/** One `timeIntervals[]` entry (`TimePeriod` in the constructs), as read from YAML or props. */
export interface TimePeriodValue {
  readonly times?: ReadonlyArray<{ readonly startTime?: unknown; readonly endTime?: unknown }>;
  readonly weekdays?: readonly unknown[];
  readonly daysOfMonth?: ReadonlyArray<{ readonly start?: unknown; readonly end?: unknown }>;
  readonly months?: readonly unknown[];
  readonly years?: readonly unknown[];
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/**
 * Checks every field of one time period (`spec.muteTimeIntervals[i].timeIntervals[j]`).
 * @param field the period's field path, e.g. `spec.muteTimeIntervals[0].timeIntervals[0]`
 * @returns one message per problem, each naming its field
 */
export function checkTimePeriod(field: string, period: TimePeriodValue): string[] {
  const out: string[] = [];
  list(period.times).forEach((t, i) => {
    const r = (typeof t === 'object' && t !== null ? t : {}) as { startTime?: unknown; endTime?: unknown };
    out.push(...checkTimeRange(`${field}.times[${i}]`, r.startTime, r.endTime));
  });
  list(period.weekdays).forEach((w, i) => out.push(...checkWeekdayRange(`${field}.weekdays[${i}]`, w)));
  list(period.daysOfMonth).forEach((d, i) => {
    const r = (typeof d === 'object' && d !== null ? d : {}) as { start?: unknown; end?: unknown };
    out.push(...checkDayOfMonthRange(`${field}.daysOfMonth[${i}]`, r.start, r.end));
  });
  list(period.months).forEach((m, i) => out.push(...checkMonthRange(`${field}.months[${i}]`, m)));
  list(period.years).forEach((y, i) => out.push(...checkYearRange(`${field}.years[${i}]`, y)));
  return out;
}
