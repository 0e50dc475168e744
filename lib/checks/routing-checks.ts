import { AlertmanagerCluster, MatcherStrategy } from '../alertmanager/alertmanager-cluster';
import { Matcher, MatchType } from '../alertmanager/matcher';
import { Route } from '../alertmanager/route';
import { FluxSourceKind } from '../flux/event-source';
import { matchesAlertmanagerRegex } from '../validation';
import { AppIndex, hasLabels, labelsOf } from './app-index';
import { Finding, Severity } from './finding';
import { describe } from './rule-checks';

/** Whether `value` satisfies `m`, as Alertmanager evaluates it (missing label = ""). @internal */
export function matcherAccepts(m: Matcher, value: string): boolean {
  switch (m.matchType) {
    case MatchType.EQUAL: return value === m.value;
    case MatchType.NOT_EQUAL: return value !== m.value;
    case MatchType.REGEX: return matchesAlertmanagerRegex(m.value, value);
    case MatchType.NOT_REGEX: return !matchesAlertmanagerRegex(m.value, value);
    default: return false;
  }
}

/** Every route with its field path and the matchers of the routes above it. */
function walk(route: Route, field = 'route', above: Matcher[] = []): Array<{ route: Route; field: string; path: Matcher[] }> {
  const path = [...above, ...(route.options.matchers ?? [])];
  return [{ route, field, path }, ...route.routes.flatMap((c, i) => walk(c, `${field}.routes[${i}]`, path))];
}

/**
 * An AlertmanagerConfig that no Alertmanager selects, by label selector or namespace selector.
 * @internal
 */
export function routingSelectionFindings(index: AppIndex): Finding[] {
  const findings: Finding[] = [];
  for (const routing of index.routings) {
    const labels = labelsOf(routing.resource);
    const gap = (am: AlertmanagerCluster) => {
      if (!hasLabels(labels, am.configSelectorLabels)) {
        return `its alertmanagerConfigSelector needs ${JSON.stringify(am.configSelectorLabels)}, the config has ${JSON.stringify(labels)}`;
      }
      if (am.configNamespaceSelector.selects(routing.namespace, am.namespace) === false) {
        return `its alertmanagerConfigNamespaceSelector (${describe(am.configNamespaceSelector, am.namespace)}) excludes namespace "${routing.namespace}"`;
      }
      return undefined;
    };
    if (routing.alertmanager) {
      const why = gap(routing.alertmanager);
      if (why) {
        findings.push({ construct: routing, severity: Severity.ERROR, check: 'config-not-selected', message: `Alertmanager ${routing.alertmanager.namespace}/${routing.alertmanager.name} never loads this AlertmanagerConfig: ${why}. Fix: do not override the labels the Alertmanager selects` });
      }
    } else if (index.alertmanagers.length && index.alertmanagers.every((am) => gap(am))) {
      findings.push({
        construct: routing,
        severity: Severity.ERROR,
        check: 'config-not-selected',
        message: `no Alertmanager in this app selects this AlertmanagerConfig, so its routes never run. Fix: pass alertmanager: <the AlertmanagerCluster>, or call alertmanager.addRouting(routing)`,
      });
    }
  }
  return findings;
}

/**
 * Routes that can never match because the operator appends `namespace="<config namespace>"`
 * to the config's top route, while a route of the config requires another namespace.
 * @internal
 */
export function namespaceMatcherFindings(index: AppIndex): Finding[] {
  const findings: Finding[] = [];
  for (const routing of index.routings) {
    const am = routing.alertmanager;
    if (!am) { continue; }
    const injected = am.matcherStrategy === MatcherStrategy.ON_NAMESPACE
      || (am.matcherStrategy === MatcherStrategy.ON_NAMESPACE_EXCEPT_FOR_ALERTMANAGER_NAMESPACE && routing.namespace !== am.namespace);
    if (!injected) { continue; }
    for (const { route, field } of walk(routing.route)) {
      (route.options.matchers ?? []).forEach((m, i) => {
        if (m.name === 'namespace' && !matcherAccepts(m, routing.namespace)) {
          const fixes = [
            m.matchType === MatchType.EQUAL ? `move the AlertmanagerConfig to namespace "${m.value}"` : undefined,
            `set the Alertmanager's matcherStrategy to MatcherStrategy.ON_NAMESPACE_EXCEPT_FOR_ALERTMANAGER_NAMESPACE and put this config in the Alertmanager's namespace "${am.namespace}"`,
            'or use MatcherStrategy.NONE',
          ].filter(Boolean).join(', or ');
          findings.push({
            construct: routing,
            severity: Severity.ERROR,
            check: 'namespace-matcher-collision',
            message: `${field}.matchers[${i}]: ${m.toString()} can never match: under the ${am.matcherStrategy} strategy the operator also requires namespace="${routing.namespace}" (the config's namespace) on this config's routes. Fix: ${fixes}`,
          });
        }
      });
    }
  }
  return findings;
}

/** The labels Flux's alertmanager provider sets on every alert. */
export const FLUX_ALERT_LABELS = ['alertname', 'severity', 'reason', 'kind', 'name', 'namespace', 'reportingcontroller', 'revision'];
/** The severities Flux sends. */
export const FLUX_SEVERITIES = ['info', 'error'];

function isFluxRoute(path: Matcher[]): boolean {
  return path.some((m) => m.name === 'alertname' && (m.matchType === MatchType.EQUAL || m.matchType === MatchType.REGEX) && m.value.startsWith('Flux'));
}

/**
 * Routes meant for Flux events (an alertname matcher starting with `Flux`) that require a
 * severity Flux never sends, a label it never sets, or an alertname it never produces.
 * @internal
 */
export function fluxRouteFindings(index: AppIndex): Finding[] {
  const metadataKeys = new Set(index.alerts.flatMap((a) => Object.keys(a.eventMetadata)));
  const known = new Set([...FLUX_ALERT_LABELS, ...metadataKeys]);
  const kinds = Object.values(FluxSourceKind).sort((a, b) => b.length - a.length);
  const findings: Finding[] = [];
  for (const routing of index.routings) {
    for (const { route, field, path } of walk(routing.route)) {
      if (!isFluxRoute(path)) { continue; }
      (route.options.matchers ?? []).forEach((m, i) => {
        const f = `${field}.matchers[${i}] ${m.toString()}`;
        if (m.name === 'severity' && !FLUX_SEVERITIES.some((s) => matcherAccepts(m, s))) {
          findings.push({ construct: routing, severity: Severity.ERROR, check: 'flux-route-unmatchable', message: `${f}: this route is meant for Flux events, but Flux only sends severity "info" or "error". Fix: match severity="error" (or =~"info|error")` });
        } else if (!known.has(m.name) && !matcherAccepts(m, '')) {
          findings.push({ construct: routing, severity: Severity.ERROR, check: 'flux-route-unmatchable', message: `${f}: this route is meant for Flux events, but Flux never sets the label "${m.name}" (it sets ${FLUX_ALERT_LABELS.join(', ')} and the Alerts' eventMetadata keys). Fix: match one of those labels, or add ${m.name} to the Flux Alert's eventMetadata` });
        } else if (m.name === 'alertname' && m.matchType === MatchType.EQUAL && m.value.startsWith('Flux')) {
          const kind = kinds.find((k) => m.value.startsWith(`Flux${k}`));
          const reason = kind ? m.value.slice(4 + kind.length) : '';
          if (!kind || !/^[A-Z][^A-Z]*$/.test(reason)) {
            const suggestion = kind ? `Flux${kind}${reason.charAt(0).toUpperCase()}${reason.slice(1).toLowerCase()}` : 'FluxKustomizationReconciliationfailed';
            findings.push({ construct: routing, severity: Severity.ERROR, check: 'flux-route-unmatchable', message: `${f}: Flux names its alerts "Flux" + kind + the reason with only its first letter upper-cased, so this alertname never occurs. Fix: use "${suggestion}", or Matcher.regex('alertname', 'Flux${kind ?? ''}.+')` });
          }
        }
      });
    }
  }
  return findings;
}
