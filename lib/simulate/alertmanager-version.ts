/**
 * The Alertmanager version prometheus-operator v0.93 generates a configuration for: the
 * Alertmanager CR's `spec.version`, or the operator's default (`operator.DefaultAlertmanagerVersion`),
 * read like `semver.ParseTolerant` (`v` prefix and missing minor/patch accepted).
 *
 * Hand-written rather than a semver library: the operator only ever compares against plain
 * `x.y.z` releases, and the parse must accept exactly what `ParseTolerant` accepts.
 *
 * @module
 */

/** `operator.DefaultAlertmanagerVersion` of prometheus-operator v0.93.0. */
export const OPERATOR_DEFAULT_ALERTMANAGER_VERSION = 'v0.33.1';

/** A parsed Alertmanager version. */
export interface AlertmanagerVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Pre-release identifiers (`rc.0`), empty for a release. */
  readonly pre: readonly string[];
  /** The version as written. */
  readonly text: string;
}

const SEMVER = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Parses a version like `semver.ParseTolerant`: surrounding spaces and a leading `v` are
 * ignored, `0.25` means `0.25.0`.
 * @throws Error when it is not a version
 */
export function parseAlertmanagerVersion(text: string): AlertmanagerVersion {
  const m = SEMVER.exec(text.trim().replace(/^v/, ''));
  if (!m) { throw new Error(`failed to parse alertmanager version: ${JSON.stringify(text)} is not a semantic version`); }
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), pre: m[4] ? m[4].split('.') : [], text };
}

function comparePre(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) { return b.length - a.length; } // a release sorts after its pre-releases
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i], b[i]];
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (nx && ny && Number(x) !== Number(y)) { return Number(x) - Number(y); }
    if (nx !== ny) { return nx ? -1 : 1; }
    if (x !== y) { return x < y ? -1 : 1; }
  }
  return a.length - b.length;
}

/** Compares two versions (negative, zero, positive). */
export function compareVersions(a: AlertmanagerVersion, b: AlertmanagerVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || comparePre(a.pre, b.pre);
}

/** Whether `v` is at least `min` (`x.y.z`). */
export function atLeast(v: AlertmanagerVersion, min: string): boolean {
  return compareVersions(v, parseAlertmanagerVersion(min)) >= 0;
}

/** `x.y.z` (with its pre-release), as the operator prints it. */
export function formatVersion(v: AlertmanagerVersion): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre.length ? `-${v.pre.join('.')}` : ''}`;
}
