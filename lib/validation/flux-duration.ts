import { readDurationLeniently } from './duration-hint';
import { problem } from './problem';

/**
 * Flux notification-controller `Provider.spec.timeout`: the CRD pattern
 * `^([0-9]+(\.[0-9]+)?(ms|s|m))+$` (no hours, no days), then Go's `time.ParseDuration`.
 *
 * @module
 */

/** The pattern of `Provider.spec.timeout` in `api/v1beta3/provider_types.go`. */
const FLUX_TIMEOUT = /^([0-9]+(\.[0-9]+)?(ms|s|m))+$/;

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, s: 1000, ms: 1 };

const GRAMMAR_FIX =
  'write numbers (decimals allowed), each followed by "m", "s" or "ms", e.g. "30s", "1m30s" or "120m"; '
  + 'the API server rejects hours and days, so give them in minutes';

/**
 * Parses a Flux Provider timeout (see {@link checkFluxTimeout}).
 *
 * @param s the timeout text, e.g. `"1m30s"`
 * @returns the timeout in milliseconds (possibly fractional), or `undefined` if the API server
 *   would reject `s`
 */
export function parseFluxTimeout(s: string): number | undefined {
  if (!FLUX_TIMEOUT.test(s)) { return undefined; }
  let ms = 0;
  for (const m of s.matchAll(/([0-9]+(?:\.[0-9]+)?)(ms|s|m)/g)) {
    ms += Number(m[1]) * UNIT_MS[m[2]];
  }
  return ms;
}

/**
 * Checks a Flux `Provider.spec.timeout` against the CRD pattern
 * `^([0-9]+(\.[0-9]+)?(ms|s|m))+$`: units `m`, `s`, `ms` only (no `h`), decimals allowed,
 * no spaces, a unit is required (so `"0"` is invalid; use `"0s"`).
 *
 * @param field the field name to put in the message, e.g. `timeout`
 * @param s the timeout text
 * @returns one message per problem (at most one); empty when `s` is valid
 */
export function checkFluxTimeout(field: string, s: string): string[] {
  if (FLUX_TIMEOUT.test(s)) { return []; }
  if (s === '') {
    return [problem(field, s, 'must not be empty', `give a timeout such as "30s" (${GRAMMAR_FIX})`)];
  }
  const reading = readDurationLeniently(s);
  let why = '';
  if (/^\s*[0-9]+(\.[0-9]+)?\s*$/.test(s)) {
    why = ': a number needs a unit';
  } else if (reading?.units.some((u) => ['y', 'w', 'd', 'h'].includes(u))) {
    why = ': only the units "m", "s" and "ms" are allowed (no hours or days)';
  } else if (reading?.aliasUsed !== undefined) {
    why = `: unknown unit "${reading.aliasUsed}"`;
  } else if (/\s/.test(s)) {
    why = ': it must not contain spaces';
  }
  let fix = GRAMMAR_FIX;
  if (/^\s*0+\s*$/.test(s)) {
    fix = 'add a unit: use "0s"';
  } else if (/^\s*[0-9]+\s*$/.test(s)) {
    fix = `add a unit: if you mean ${s.trim()} seconds, use "${s.trim()}s"`;
  } else if (reading && reading.ms >= 1 && Number.isFinite(reading.ms)) {
    fix = `use "${formatFluxDuration(reading.ms)}" (${GRAMMAR_FIX})`;
  }
  return [problem(field, s, `is not a valid Flux timeout${why}`, fix)];
}

/**
 * Formats milliseconds as a Flux Provider timeout: minutes, seconds and milliseconds only,
 * since the CRD pattern has no hours (`7200000` → `"120m"`, `90000` → `"1m30s"`,
 * `1500` → `"1s500ms"`, `0` → `"0s"`). The result always passes {@link checkFluxTimeout}.
 *
 * @param ms a non-negative duration in milliseconds; a fractional part is dropped
 * @returns the timeout text
 * @throws RangeError if `ms` is negative, `NaN` or infinite
 */
export function formatFluxDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`formatFluxDuration: expected a non-negative finite number of milliseconds, got ${ms}`);
  }
  let rest = Math.trunc(ms);
  if (rest === 0) { return '0s'; }
  let out = '';
  for (const [unit, size] of [['m', 60_000], ['s', 1000], ['ms', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
