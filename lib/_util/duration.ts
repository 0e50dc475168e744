import { Duration } from 'cdk8s';
import { show } from './problems';

const UNITS: Array<[string, number]> = [
  ['w', 7 * 24 * 3600_000],
  ['d', 24 * 3600_000],
  ['h', 3600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

/** The largest unit a format may use: Flux timeouts stop at minutes, Alertmanager retention at hours. @internal */
export type LargestUnit = 'w' | 'h' | 'm';
const LARGEST: Record<LargestUnit, number> = { w: 7 * 24 * 3600_000, h: 3600_000, m: 60_000 };

/**
 * Formats a duration the way Prometheus and Alertmanager print it (`1m30s`, `12h`, `0s`).
 * Flux provider timeouts take no hours or days, so `largest` can cap the unit.
 * @internal
 */
export function formatDuration(d: Duration, largest: LargestUnit = 'w'): string {
  let ms = d.toMilliseconds();
  if (ms === 0) { return '0s'; }
  let out = '';
  for (const [unit, size] of UNITS) {
    if (size > LARGEST[largest]) { continue; }
    const n = Math.floor(ms / size);
    if (n > 0) {
      out += `${n}${unit}`;
      ms -= n * size;
    }
  }
  return out;
}

/**
 * Checks that `d` is a whole, non-negative number of milliseconds (and positive when `positive`).
 * @returns the problems, each naming `field`
 * @internal
 */
export function durationProblems(field: string, d: Duration | undefined, positive = false): string[] {
  if (d === undefined) { return []; }
  if (typeof (d as Partial<Duration>)?.toMilliseconds !== 'function') {
    return [`${field}: must be a Duration (got ${show(d)}). Fix: use Duration.seconds(30), Duration.minutes(5) or Duration.hours(12) from cdk8s`];
  }
  const ms = d.toMilliseconds({ integral: false });
  if (!Number.isFinite(ms) || !Number.isInteger(ms) || ms < 0 || (positive && ms === 0)) {
    return [`${field}: must be a ${positive ? 'positive' : 'non-negative'} whole number of milliseconds (got ${ms}ms). Fix: use a value such as Duration.seconds(30) or Duration.minutes(5)`];
  }
  return [];
}

/** Formats an optional duration. @internal */
export function optDuration(d: Duration | undefined, largest: LargestUnit = 'w'): string | undefined {
  return d === undefined ? undefined : formatDuration(d, largest);
}
