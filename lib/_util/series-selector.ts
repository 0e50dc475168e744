import { Matcher } from '../alertmanager/matcher';
import { checkMatchers } from './matchers';
import { message } from './problems';

/**
 * PromQL series selectors built from {@link Matcher}s, shared by the rule packs and the
 * dashboards. Prometheus evaluates label matchers like Alertmanager does (RE2, anchored), so
 * the Alertmanager `Matcher` class describes them exactly.
 * @internal
 */

/** The inside of `{...}`: `job="a",namespace=~"b|c"`, strings escaped as PromQL reads them. */
export function matchersToPromQL(matchers: readonly Matcher[]): string {
  // JSON string escaping is a subset of PromQL's (Go) string escaping.
  return matchers.map((m) => `${m.name}${m.matchType}${JSON.stringify(m.value)}`).join(',');
}

/** `metric{<matchers>,<extra>}`, or `metric` when there is nothing to select on. */
export function series(metric: string, matchers: readonly Matcher[], ...extra: string[]): string {
  const inner = [matchersToPromQL(matchers), ...extra].filter((s) => s !== '').join(',');
  return inner === '' ? metric : `${metric}{${inner}}`;
}

/** A regex that matches `s` literally. */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The matchers that select the pods of an operator-managed Alertmanager `name` in `namespace` (`alertmanager-<name>-<ordinal>`). */
export function alertmanagerPodMatchers(name: string, namespace: string): Matcher[] {
  return [Matcher.eq('namespace', namespace), Matcher.regex('pod', `alertmanager-${escapeRegex(name)}-[0-9]+`)];
}

/**
 * The matchers that select the pods of an operator-managed Prometheus `name` in `namespace`
 * (`prometheus-<name>-<ordinal>`, or `prometheus-<name>-shard-<n>-<ordinal>` when sharded).
 */
export function prometheusPodMatchers(name: string, namespace: string): Matcher[] {
  return [Matcher.eq('namespace', namespace), Matcher.regex('pod', `prometheus-${escapeRegex(name)}-(shard-[0-9]+-)?[0-9]+`)];
}

/** Problems of series matchers given as props, each naming `field[i]`. */
export function selectorProblems(field: string, matchers: readonly Matcher[] | undefined): string[] {
  if (matchers === undefined) { return []; }
  if (!Array.isArray(matchers)) {
    return [message(field, matchers, 'must be a list of Matchers', `e.g. [Matcher.eq('job', 'alertmanager-main')]`)];
  }
  return checkMatchers(field, matchers);
}
