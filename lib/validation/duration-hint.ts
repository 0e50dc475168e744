/**
 * Lenient reading of a mistyped duration, used only to suggest a fix in a message
 * (e.g. `1.5h`, `90 sec`, `30m1h`, `2 hours`). Not a validator: the strict grammars are in
 * `prometheus-duration.ts` and `flux-duration.ts`.
 *
 * Not part of the public API of `lib/validation` (not re-exported from its index).
 *
 * @module
 */

const MS_PER_UNIT: Readonly<Record<string, number>> = {
  y: 365 * 24 * 3600_000,
  w: 7 * 24 * 3600_000,
  d: 24 * 3600_000,
  h: 3600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  ns: 0.000001,
};

const ALIASES: Readonly<Record<string, string>> = {
  yr: 'y', yrs: 'y', year: 'y', years: 'y',
  wk: 'w', wks: 'w', week: 'w', weeks: 'w',
  day: 'd', days: 'd',
  hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  min: 'm', mins: 'm', minute: 'm', minutes: 'm',
  sec: 's', secs: 's', second: 's', seconds: 's',
  msec: 'ms', msecs: 'ms', millisecond: 'ms', milliseconds: 'ms',
};

/** What a lenient reading found out about a mistyped duration. */
export interface DurationReading {
  /** The total in milliseconds (may be fractional). */
  readonly ms: number;
  /** Units as written, normalised (`h`, `m`…), in order of appearance. */
  readonly units: readonly string[];
  /** Whether some number had a fractional part. */
  readonly fractional: boolean;
  /** The first unit that was not one of the canonical ones (e.g. `min`), if any. */
  readonly aliasUsed?: string;
}

/**
 * Reads `s` as a sequence of `<number><unit>` pairs, tolerating spaces, fractions, unit
 * aliases (`min`, `hours`…), upper case and any unit order.
 *
 * @param s the text to read
 * @returns the reading, or `undefined` when `s` is not even loosely a duration
 * @internal
 */
export function readDurationLeniently(s: string): DurationReading | undefined {
  const text = s.trim();
  if (text === '') { return undefined; }
  const token = /\s*([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*([a-zA-Zµ]+)\s*,?/y;
  let ms = 0;
  let fractional = false;
  let aliasUsed: string | undefined;
  const units: string[] = [];
  let at = 0;
  while (at < text.length) {
    token.lastIndex = at;
    const m = token.exec(text);
    if (!m) { return undefined; }
    const written = m[2];
    const lower = written.toLowerCase();
    const unit = MS_PER_UNIT[lower] !== undefined ? lower : ALIASES[lower];
    if (unit === undefined) { return undefined; }
    if (unit !== written) { aliasUsed ??= written; }
    if (m[1].includes('.')) { fractional = true; }
    ms += Number(m[1]) * MS_PER_UNIT[unit];
    units.push(unit);
    at = token.lastIndex;
  }
  return { ms, units, fractional, aliasUsed };
}
