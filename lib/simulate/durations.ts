/**
 * Prometheus durations (`30s`, `1h30m`, `12h`), as `model.ParseDuration` reads them.
 * @module
 */

const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS = [365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1];

/** Whether `s` is a Prometheus duration (`0`, or units y w d h m s ms in that order). */
export function isDuration(s: string): boolean {
  return s === '0' || (s !== '' && DURATION_RE.test(s));
}

/**
 * Milliseconds in a Prometheus duration.
 * @throws Error when `s` is not a Prometheus duration
 */
export function durationToMs(s: string): number {
  if (s === '0') { return 0; }
  const m = s === '' ? null : DURATION_RE.exec(s);
  if (!m) {
    throw new Error(`not a valid duration string: "${s}" (expected e.g. 30s, 5m, 1h30m)`);
  }
  return UNIT_MS.reduce((sum, unit, i) => sum + (m[i + 1] ? Number(m[i + 1]) * unit : 0), 0);
}
