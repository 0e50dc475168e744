import { readDurationLeniently } from './duration-hint';
import { problem } from './problem';

/**
 * Prometheus / Alertmanager durations (`model.Duration` in prometheus/common): the syntax of
 * `for`, `keep_firing_for`, `interval`, `group_wait`, `group_interval`, `repeat_interval`,
 * `resolve_timeout`, PromQL ranges and offsets.
 *
 * @module
 */

/** The grammar of `model.ParseDuration` (besides the special value `"0"`). */
const PROMETHEUS_DURATION = /^(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$/;

const MS_PER_UNIT: ReadonlyArray<readonly [unit: string, ms: bigint, groupIndex: number]> = [
  ['y', 365n * 24n * 3_600_000n, 2],
  ['w', 7n * 24n * 3_600_000n, 4],
  ['d', 24n * 3_600_000n, 6],
  ['h', 3_600_000n, 8],
  ['m', 60_000n, 10],
  ['s', 1000n, 12],
  ['ms', 1n, 14],
];

/** `model.Duration` is an int64 of nanoseconds. */
const MAX_NANOSECONDS = (1n << 63n) - 1n;

const GRAMMAR_FIX =
  'write whole numbers, each followed by a unit, with units from largest to smallest: y, w, d, h, m, s, ms '
  + '(e.g. "30s", "5m", "1h30m", "7d"); "0" is also allowed';

type Parsed = { readonly ms: number } | { readonly error: 'empty' | 'syntax' | 'range' };

function parse(s: string): Parsed {
  if (s === '0') { return { ms: 0 }; }
  if (s === '') { return { error: 'empty' }; }
  const m = PROMETHEUS_DURATION.exec(s);
  if (!m) { return { error: 'syntax' }; }
  let ms = 0n;
  for (const [, unitMs, group] of MS_PER_UNIT) {
    if (m[group] !== undefined) { ms += BigInt(m[group]) * unitMs; }
  }
  if (ms * 1_000_000n > MAX_NANOSECONDS) { return { error: 'range' }; }
  return { ms: Number(ms) };
}

/**
 * Parses a Prometheus duration exactly like `model.ParseDuration`: whole numbers with units
 * `y` (365d), `w`, `d`, `h`, `m`, `s`, `ms`, each unit at most once and from largest to
 * smallest, no spaces, no fractions; `"0"` without a unit is allowed; at most ~292 years.
 *
 * @param s the duration text, e.g. `"1h30m"`
 * @returns the duration in milliseconds, or `undefined` if Prometheus would reject `s`
 */
export function parsePrometheusDuration(s: string): number | undefined {
  const parsed = parse(s);
  return 'ms' in parsed ? parsed.ms : undefined;
}

/**
 * Checks that `s` is a duration Prometheus and Alertmanager accept (see
 * {@link parsePrometheusDuration}).
 *
 * @param field the field name to put in the message, e.g. `for`
 * @param s the duration text
 * @returns one message per problem (at most one); empty when `s` is valid
 */
export function checkPrometheusDuration(field: string, s: string): string[] {
  const parsed = parse(s);
  if ('ms' in parsed) { return []; }
  if (parsed.error === 'empty') {
    return [problem(field, s, 'must not be empty', `give a duration such as "5m" (${GRAMMAR_FIX})`)];
  }
  if (parsed.error === 'range') {
    return [problem(field, s, 'is out of range: Prometheus durations are limited to about 292 years',
      'use a shorter duration')];
  }
  return [problem(field, s, `is not a valid Prometheus duration${reasonFor(s)}`, fixFor(s))];
}

/** Explains why `s` does not parse, as a `: …` suffix (empty when nothing specific is known). */
function reasonFor(s: string): string {
  const trimmed = s.trim();
  if (trimmed !== s && 'ms' in parse(trimmed)) { return ': it has leading or trailing spaces'; }
  if (/^[0-9]+(\.[0-9]+)?$/.test(trimmed)) { return ': a number needs a unit (only "0" may go without one)'; }
  const reading = readDurationLeniently(s);
  if (!reading) { return ''; }
  if (reading.fractional) { return ': fractions are not allowed'; }
  const sub = reading.units.find((u) => u === 'us' || u === 'µs' || u === 'ns');
  if (sub !== undefined) { return `: the smallest unit is "ms" (got "${sub}")`; }
  if (reading.aliasUsed !== undefined) { return `: unknown unit "${reading.aliasUsed}"`; }
  if (/\s/.test(s)) { return ': it must not contain spaces'; }
  return ': units must appear once each, from largest to smallest (y, w, d, h, m, s, ms)';
}

/** Suggests a corrected duration for `s`, or explains the grammar. */
function fixFor(s: string): string {
  const trimmed = s.trim();
  if (/^[0-9]+$/.test(trimmed)) {
    const n = Number(trimmed);
    return `add a unit: if you mean ${n} seconds, use "${formatPrometheusDuration(n * 1000)}" (${GRAMMAR_FIX})`;
  }
  const reading = readDurationLeniently(s);
  if (reading && reading.ms >= 1 && Number.isFinite(reading.ms)) {
    const suggestion = formatPrometheusDuration(reading.ms);
    if ('ms' in parse(suggestion)) { return `use "${suggestion}" (${GRAMMAR_FIX})`; }
  }
  return GRAMMAR_FIX;
}

const FORMAT_UNITS: ReadonlyArray<readonly [unit: string, ms: number, exact: boolean]> = [
  ['y', 365 * 24 * 3_600_000, true],
  ['w', 7 * 24 * 3_600_000, true],
  ['d', 24 * 3_600_000, false],
  ['h', 3_600_000, false],
  ['m', 60_000, false],
  ['s', 1000, false],
  ['ms', 1, false],
];

/**
 * Formats milliseconds the way Prometheus prints a `model.Duration` (`Duration.String()`):
 * `0` → `"0s"`, `90000` → `"1m30s"`, `86400000` → `"1d"`, `604800000` → `"1w"`. Years and
 * weeks are only used when they divide the duration exactly (`90d` stays `"90d"`, not
 * `"12w6d"`). The result always parses back with {@link parsePrometheusDuration}.
 *
 * @param ms a non-negative duration in milliseconds; a fractional part is dropped, as
 *   Prometheus truncates to milliseconds
 * @returns the canonical duration text
 * @throws RangeError if `ms` is negative, `NaN` or infinite
 */
export function formatPrometheusDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`formatPrometheusDuration: expected a non-negative finite number of milliseconds, got ${ms}`);
  }
  let rest = Math.trunc(ms);
  if (rest === 0) { return '0s'; }
  let out = '';
  for (const [unit, size, exact] of FORMAT_UNITS) {
    if (exact && rest % size !== 0) { continue; }
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
