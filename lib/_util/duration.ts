import { Duration } from 'cdk8s';
import { formatFluxDuration, formatPrometheusDuration } from '../validation';
import { message } from './problems';

/**
 * The largest unit a format may use: `w` for Prometheus and Alertmanager (years, weeks and
 * days as Prometheus prints them), `h` for Go durations (Flux intervals, Alertmanager
 * retention), `m` for Flux provider timeouts.
 * @internal
 */
export type LargestUnit = 'w' | 'h' | 'm';

/**
 * Formats a duration in the format its consumer parses (`1m30s`, `12h`, `0s`), with the
 * formatters of `lib/validation`.
 * @internal
 */
export function formatDuration(d: Duration, largest: LargestUnit = 'w'): string {
  const ms = d.toMilliseconds();
  switch (largest) {
    case 'w': return formatPrometheusDuration(ms);
    case 'm': return formatFluxDuration(ms);
    default: {
      const hours = Math.floor(ms / 3600_000);
      const rest = ms - hours * 3600_000;
      return hours === 0 ? formatFluxDuration(rest) : `${hours}h${rest ? formatFluxDuration(rest) : ''}`;
    }
  }
}

/**
 * Checks that `d` is a whole, non-negative number of milliseconds (and positive when `positive`).
 * @returns the problems, each naming `field`
 * @internal
 */
export function durationProblems(field: string, d: Duration | undefined, positive = false): string[] {
  if (d === undefined) { return []; }
  if (typeof (d as Partial<Duration>)?.toMilliseconds !== 'function') {
    return [message(field, d, 'must be a Duration', 'use Duration.seconds(30), Duration.minutes(5) or Duration.hours(12) from cdk8s')];
  }
  const ms = d.toMilliseconds({ integral: false });
  if (!Number.isFinite(ms) || !Number.isInteger(ms) || ms < 0 || (positive && ms === 0)) {
    return [message(field, `${ms}ms`, `must be a ${positive ? 'positive' : 'non-negative'} whole number of milliseconds`, 'use a value such as Duration.seconds(30) or Duration.minutes(5)')];
  }
  return [];
}

/** Formats an optional duration. @internal */
export function optDuration(d: Duration | undefined, largest: LargestUnit = 'w'): string | undefined {
  return d === undefined ? undefined : formatDuration(d, largest);
}
