/**
 * The template functions of Prometheus (alert labels and annotations) and Alertmanager
 * (notification templates), with the release that added each, read from the `FuncMap`s in
 * Prometheus' `template/template.go` and Alertmanager's `template/template.go` at each release
 * tag. Go's builtins (`GO_BUILTIN_FUNCTIONS`) come on top.
 *
 * @module
 */

/** A template function and the first release that has it. */
interface TemplateFunction {
  readonly name: string;
  /** `major.minor.patch` of the first release with the function. */
  readonly since: string;
}

function fns(since: string, ...names: string[]): TemplateFunction[] {
  return names.map((name) => ({ name, since }));
}

/** Prometheus' text template functions (`NewTemplateExpander`). */
export const PROMETHEUS_TEMPLATE_FUNCTIONS: readonly TemplateFunction[] = [
  ...fns('2.0.0', 'query', 'first', 'label', 'value', 'strvalue', 'args', 'reReplaceAll', 'safeHtml', 'match', 'title',
    'toUpper', 'toLower', 'graphLink', 'tableLink', 'sortByLabel', 'humanize', 'humanize1024', 'humanizeDuration',
    'humanizeTimestamp', 'pathPrefix', 'externalURL'),
  ...fns('2.11.0', 'humanizePercentage'),
  ...fns('2.32.0', 'parseDuration'),
  ...fns('2.33.0', 'stripPort'),
  ...fns('2.36.0', 'stripDomain'),
  ...fns('2.38.0', 'toTime'),
  ...fns('3.6.0', 'toDuration', 'now'),
  ...fns('3.8.0', 'urlQueryEscape'),
];

/** Alertmanager's template functions (`DefaultFuncs`). */
export const ALERTMANAGER_TEMPLATE_FUNCTIONS: readonly TemplateFunction[] = [
  ...fns('0.10.0', 'toUpper', 'toLower', 'title', 'join', 'safeHtml', 'reReplaceAll'),
  ...fns('0.16.0', 'match'),
  ...fns('0.20.0', 'stringSlice'),
  ...fns('0.26.0', 'trimSpace'),
  ...fns('0.28.0', 'date', 'tz', 'since', 'humanizeDuration'),
  ...fns('0.30.0', 'safeUrl', 'urlUnescape', 'toJson'),
  ...fns('0.32.0', 'list', 'append', 'dict'),
  ...fns('0.33.0', 'now'),
  ...fns('0.34.0', 'routeLabels', 'toDate', 'mustToDate', 'base64encode', 'base64decode'),
];

/** The first Prometheus and Alertmanager releases built with Go 1.23, which accepts `{{else with}}`. */
export const ELSE_WITH_SINCE = { prometheus: '3.0.0', alertmanager: '0.28.0' } as const;

/**
 * Parses `v2.42.0`, `2.42`, `v3.5.0-rc.1` into `[major, minor, patch]`; undefined when it is not
 * a version.
 */
export function parseVersion(version: string | undefined): [number, number, number] | undefined {
  if (version === undefined) { return undefined; }
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+].*)?$/.exec(version.trim());
  if (!m) { return undefined; }
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

/** Whether `version` is at least `since` (both as {@link parseVersion} reads them). */
export function versionAtLeast(version: [number, number, number], since: string): boolean {
  const s = parseVersion(since)!;
  for (let i = 0; i < 3; i++) {
    if (version[i] !== s[i]) { return version[i] > s[i]; }
  }
  return true;
}
