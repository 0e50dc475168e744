import { describeObject } from '../../model/model-object';
import { formatLabelValues, labelOf, shapeCanMatch } from '../../simulate/label-flow';
import { AlertSourceKind } from '../../simulate/label-flow-sources';
import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { EXAMPLE_RULES, exampleConfig, exampleWithRules } from '../lib/examples';
import {
  Candidate, ConfigFlow, Produced, RouteFate, RouteNode, assumedText, candidatesOf, describeSources, dropsWhatItMatches, fateOf, flowsByConfig,
  fluxLooking, nodeAt,
  MAY_BE_FOR_ALERTS_TO_COME, informative, meantForExistingAlert, producedBy, severityOf, strategyText,
} from '../lib/route-flow';

/** Why a shape lacks `namespace="<ns>"`, in words. */
function namespaceGap(c: Candidate, ns: string): string {
  const lv = labelOf(c.shape, 'namespace');
  if (c.shape.labels.namespace === undefined && !c.shape.open) {
    return `${c.source.description} has no namespace label${c.shape.closedBy ? ` (its expression's ${c.shape.closedBy} drops it)` : ''}`;
  }
  return `${c.source.description} has ${formatLabelValues('namespace', lv)}, never "${ns}"`;
}

/**
 * An own matcher of `node` that keeps out alerts which match all its other matchers, with
 * those alerts (matchers on labels other than alertname first: the alertname shows the intent).
 */
function blocking(node: RouteNode, pool: readonly Candidate[]): string | undefined {
  const ordered = [...node.route.matchers].sort((a, b) => Number(a.name === 'alertname') - Number(b.name === 'alertname'));
  for (const m of ordered) {
    const others = node.route.matchers.filter((x) => x !== m);
    const near = pool.filter((c) => shapeCanMatch(c.shape, others));
    if (near.length === 0) { continue; }
    const parts = [...new Set(near.map((c) => `${c.source.description}, which has ${formatLabelValues(m.name, labelOf(c.shape, m.name))}`))];
    return `${m.text} keeps out ${parts.slice(0, 3).join('; ')}${parts.length > 3 ? `; and ${parts.length - 3} more` : ''}`;
  }
  return undefined;
}

function explain(node: RouteNode, flow: ConfigFlow): string {
  const ns = flow.enforced?.value;
  if (flow.enforced && node.withoutNamespace.length > 0) {
    const gaps = [...new Set(node.withoutNamespace.map((c) => namespaceGap(c, ns!)))];
    return `under ${strategyText(flow)} the operator adds namespace="${ns}" to this config's top route, and none of the alerts that would otherwise match carries it: ${gaps.slice(0, 3).join('; ')}${gaps.length > 3 ? `; and ${gaps.length - 3} more` : ''}`;
  }
  const pool = node.parent ? node.parent.reaching : candidatesOf(flow.world);
  const why = blocking(node, pool);
  const who = node.parent ? `none of the alerts that reach the route above (${describeSources(pool.map((c) => c.source))})` : 'no alert source of the model';
  return `${who} matches all its matchers${why ? `: ${why}` : ''}`;
}

export const routeUnreachable: Check = {
  id: 'route-unreachable',
  severity: Severity.ERROR,
  title: 'A route that no alert can reach',
  description: 'Every alert source of the model (alerting rules as the Prometheus that loads them labels their alerts, Flux events, declared ExternalAlertSources) is followed through the config\'s routes, with the namespace matcher the operator adds. A route that none of them can reach never notifies anyone: its matchers need a combination of labels no alert has (e.g. `alertname="Watchdog"` with `severity="critical"`), or its config\'s namespace matcher keeps out the alerts it is for. An error when the model holds every source of the Alertmanager and shows what the route was for (it names an alert that exists, or a rule of the config\'s namespace is kept out); a warning when nothing fits it yet (it may be meant for alerts to come) or when alerts may come from outside the model (naming what it assumed). Routes meant for Flux events and matchers on labels or values no source produces have their own checks (`flux-route-unmatchable`, `matcher-never-produced`).',
  failing: exampleWithRules(EXAMPLE_RULES) + exampleConfig(`    receiver: hook
    routes:
      - { receiver: pager, matchers: [{ name: alertname, value: Watchdog }, { name: severity, value: critical }] }`),
  fixed: exampleWithRules(EXAMPLE_RULES) + exampleConfig(`    receiver: hook
    routes:
      - { receiver: pager, matchers: [{ name: alertname, value: Watchdog }] }`),
  run(ctx) {
    const issues: Issue[] = [];
    for (const [object, all] of flowsByConfig(ctx)) {
      const flows = all.filter(informative);
      if (flows.length === 0) { continue; }
      for (const route of flows[0].routes.map((n) => n.route)) {
        if (fluxLooking(route)) { continue; } // flux-route-unmatchable
        const nodes = flows.map((f) => nodeAt(f, route.field));
        if (nodes.some((n) => n && dropsWhatItMatches(n, object))) { continue; } // a route to a null receiver loses nothing
        if (fateOf(nodes) !== RouteFate.UNMATCHED) { continue; }
        const candidates = flows.length === 1 ? candidatesOf(flows[0].world) : flows.flatMap((f) => candidatesOf(f.world));
        if (route.matchers.some((m) => !m.matches('') && producedBy(candidates, m) === Produced.NEVER)) { continue; } // matcher-never-produced
        if (flows.some((f) => f.enforced && route.matchers.some((m) => m.name === 'namespace' && !m.matches(f.enforced!.value)))) { continue; } // namespace-matcher-collision
        const i = nodes.findIndex((n) => n !== undefined);
        const worlds = flows.map((f) => f.world);
        // A blocking error needs a closed model and evidence of what the route was for: an alert
        // it names, or a rule of the config's namespace that only the operator's matcher keeps out.
        const node = nodes[i]!;
        const ownRuleKeptOut = !!flows[i].enforced && node.withoutNamespace.some((c) => c.source.kind === AlertSourceKind.RULE && c.source.object.namespace === flows[i].enforced!.value);
        const evidence = ownRuleKeptOut || meantForExistingAlert(node, flows);
        const closed = severityOf(worlds) === Severity.ERROR;
        const severity = closed && evidence ? Severity.ERROR : Severity.WARNING;
        issues.push({
          object,
          severity,
          message: `${route.field}: no alert can reach this route of ${describeObject(flows[i].alertmanager)}: ${explain(node, flows[i])}${severity === Severity.ERROR ? '' : closed ? MAY_BE_FOR_ALERTS_TO_COME : assumedText(worlds)}`,
          fix: flows[i].enforced && nodes[i]!.withoutNamespace.length > 0
            ? `put the config in the namespace its alerts carry, keep the namespace label in the rules (e.g. sum by (namespace, ...)), or use the matcher strategy OnNamespaceExceptForAlertmanagerNamespace with the config in the Alertmanager's namespace "${flows[i].alertmanager.namespace}"`
            : 'match labels the alerts carry (the label flow of each rule is in `cdk8s-alerting effective-config`), or declare alerts from outside the app with an ExternalAlertSource',
        });
      }
    }
    return issues;
  },
};
