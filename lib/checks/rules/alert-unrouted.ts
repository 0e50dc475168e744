import { ClusterModel, GROUPS } from '../../model/cluster-model';
import { ModelObject, describeObject } from '../../model/model-object';
import { EffectiveConfig } from '../../simulate/effective-config';
import { formatShape } from '../../simulate/label-flow';
import { AlertFlow, alertFlowsIn } from '../../simulate/label-flow-routing';
import { AlertSourceKind, alertWorld } from '../../simulate/label-flow-sources';
import { Check, CheckContext, Issue } from '../check';
import { Severity } from '../finding';
import { effectiveOutcome } from '../lib/effective';
import { EXAMPLE_RULES, exampleConfig, exampleWithRules } from '../lib/examples';

/** Why the base configuration of `am` (the root route) may differ from the model's, if it may. */
function baseUnknown(model: ClusterModel, am: ModelObject): string | undefined {
  const spec = am.manifest.spec ?? {};
  if (typeof spec.alertmanagerConfiguration?.name === 'string') { return undefined; }
  const secret = typeof spec.configSecret === 'string' && spec.configSecret !== '' ? spec.configSecret : `alertmanager-${am.name}`;
  if (model.find(GROUPS.core, 'Secret', am.namespace, secret)) { return undefined; }
  return `the base configuration of ${describeObject(am)} (Secret ${am.namespace}/${secret}, which the model lacks) may route them`;
}

/**
 * The effective configuration of `am`, shared with the other checks of the run; `undefined`
 * when the operator cannot build it (reported by operator-config-failure and the others).
 */
function effective(ctx: CheckContext, am: ModelObject): EffectiveConfig | undefined {
  return effectiveOutcome(ctx, am).effective;
}

function ending(f: AlertFlow): string {
  return f.destinations.map((d) => (d.routePath.length === 0 ? `the root route's receiver ${d.receiver}` : `${d.receiver} (route ${d.routePath.join('.')}, not chosen by alertname)`)).join(' or ');
}

export const alertUnrouted: Check = {
  id: 'alert-unrouted',
  severity: Severity.ERROR,
  title: 'An alert that reaches no receiver that notifies anyone',
  description: 'Follows the alerts of every alerting rule, with the labels its expression, its own labels and the Prometheus give them, through the effective configuration of each Alertmanager its Prometheus sends to. Alerts that can only end at the root route whose receiver has no integration (the operator\'s default `null`), or at a receiver without integration that no route chose for them by alertname, are dropped without a word. Routing an alert to a `null` receiver with an `alertname` matcher is taken as deliberate, and so are alerts labelled `severity: none` (the Watchdog and InfoInhibitor of kube-prometheus). An error when the Alertmanager\'s base configuration and the Prometheus are in the model and the Alertmanager loads a routing config; otherwise a warning.',
  failing: exampleWithRules(EXAMPLE_RULES) + exampleConfig(`    receiver: hook
    matchers: [{ name: severity, value: warning }]`),
  fixed: exampleWithRules(EXAMPLE_RULES) + exampleConfig(`    receiver: hook
    matchers: [{ name: severity, value: warning|critical, matchType: "=~" }]`),
  run(ctx) {
    const { model } = ctx;
    const byRule = new Map<string, { flows: AlertFlow[]; assumptions: string[] }>();
    for (const am of model.alertmanagers) {
      const eff = effective(ctx, am);
      if (!eff) { continue; }
      const rules = alertWorld(model, am).sources.filter((s) => s.kind === AlertSourceKind.RULE);
      let flows: AlertFlow[];
      try {
        flows = alertFlowsIn(am, eff.config, rules);
      } catch {
        continue; // an unparsable matcher: the operator-side checks report it
      }
      const base = baseUnknown(model, am)
        // nothing is routed yet: an app being built, or routes kept elsewhere
        ?? (eff.selected.length === 0 ? `${describeObject(am)} loads no AlertmanagerConfig yet, so routing is assumed to be still to come` : undefined);
      for (const f of flows) {
        const key = `${f.source.object.namespace}/${f.source.object.name}/${f.source.field}`;
        const entry = byRule.get(key) ?? { flows: [], assumptions: [] };
        entry.flows.push(f);
        if (base) { entry.assumptions.push(base); }
        const p = f.source.prometheus;
        if (!p) { entry.assumptions.push('no Prometheus of the model loads the rule, so where its alerts go is assumed'); } else if (p.source.external) { entry.assumptions.push(`${describeObject(p)} is outside the app: assumed it sends to ${describeObject(am)}`); }
        byRule.set(key, entry);
      }
    }
    const issues: Issue[] = [];
    for (const { flows, assumptions } of byRule.values()) {
      if (!flows.every((f) => f.dropped)) { continue; }
      const source = flows[0].source;
      if (source.shapes.every((s) => s.labels.severity?.values?.length === 1 && s.labels.severity.values[0] === 'none')) { continue; }
      const unique = [...new Set(assumptions)];
      const severity = unique.length ? Severity.WARNING : Severity.ERROR;
      issues.push({
        object: source.object,
        severity,
        message: `${source.field}: ${source.description}, labelled ${source.shapes.map(formatShape).join(' or ')}, reaches no receiver that notifies anyone: in ${flows.map((f) => `${describeObject(f.alertmanager)} it ends at ${ending(f)}`).join('; in ')}${severity === Severity.WARNING ? ` (a warning, not an error: ${unique.join('; ')})` : ''}`,
        fix: 'add a route that matches these labels (see the label flow in `cdk8s-alerting effective-config`), or route them to a null receiver by alertname if dropping them is intended',
      });
    }
    return issues;
  },
};
