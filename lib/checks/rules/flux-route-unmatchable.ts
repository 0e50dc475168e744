import { AlertLabelShape, formatLabelValues, labelOf, mergeShapes, valuesCanMatch } from '../../simulate/label-flow';
import { AlertSourceKind, FLUX_EVENT_KINDS, fluxAlertName, fluxShape } from '../../simulate/label-flow-sources';
import { ownLabel } from '../../simulate/matchers';
import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { FLUX_ALERT_LABELS } from '../lib/flux';
import {
  ConfigFlow, Produced, RouteFate, RouteNode, assumedText, dropsWhatItMatches, fateOf, flowsByConfig, fluxLooking, informative, nodeAt, pathMatchers,
  producedBy,
  severityOf,
} from '../lib/route-flow';
import { didYouMean } from '../lib/suggest';

const CLOSED_WORLD = `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: { alertmanagerConfigSelector: {}, alertmanagerConfigMatcherStrategy: { type: OnNamespaceExceptForAlertmanagerNamespace } }
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: main, namespace: monitoring }
spec:
  ruleSelector: {}
  alerting: { alertmanagers: [{ name: alertmanager-operated, namespace: monitoring, port: web }] }
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: flux, namespace: monitoring }
spec:
  groups:
    - name: flux
      rules:
        - alert: FluxKustomizationNotReady
          expr: max by (exported_namespace, name) (gotk_resource_info{ready="False", customresource_kind="Kustomization"}) > 0
          labels: { severity: warning }
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: alertmanager, namespace: flux-system }
spec: { type: alertmanager, address: "http://alertmanager-operated.monitoring:9093/api/v2/alerts/" }
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: errors, namespace: flux-system }
spec: { providerRef: { name: alertmanager }, eventSeverity: error, eventSources: [{ kind: Kustomization, name: "*" }] }
`;

function config(matchers: string): string {
  return `${CLOSED_WORLD}---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: flux, namespace: monitoring }
spec:
  route:
    receiver: hook
    routes:
      - matchers: ${matchers}
      - matchers: [{ name: alertname, value: FluxKustomizationNotReady }]
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]
`;
}

/** The labels Flux's events have in this flow: those of the model's Flux Alerts posting here, or any Flux event. */
function fluxReference(flow: ConfigFlow): { shape: AlertLabelShape; fromModel: boolean } {
  const shapes = flow.world.sources.filter((s) => s.kind === AlertSourceKind.FLUX).flatMap((s) => s.shapes);
  return shapes.length
    ? { shape: mergeShapes(shapes), fromModel: true }
    : { shape: fluxShape(FLUX_EVENT_KINDS, ['info', 'error']), fromModel: false };
}

const KINDS_LONGEST_FIRST = [...FLUX_EVENT_KINDS].sort((a, b) => b.length - a.length);

/**
 * Why no Flux event matches `node`'s path, in Flux's terms, if a matcher explains it. `certain`
 * when it holds for every Flux event (severity, the alertname's form), not only for those of
 * the model's Flux Alerts (Flux Alerts outside the model may send others).
 */
function explain(node: RouteNode, flow: ConfigFlow): (Omit<Issue, 'object' | 'severity'> & { certain: boolean }) | undefined {
  const { shape, fromModel } = fluxReference(flow);
  for (const { m, field, text, own } of pathMatchers(node)) {
    const where = `${field} ${text}${own ? '' : ' (on a route above)'}`;
    const lv = labelOf(shape, m.name);
    if (!ownLabel(shape.labels, m.name) || valuesCanMatch(lv, [m])) { continue; }
    if (m.name === 'severity' && !['info', 'error'].some((v) => m.matches(v))) {
      return { message: `${where}: this route is meant for Flux events, but Flux only sends severity "info" or "error"`, fix: 'match severity="error" (or =~"info|error")', certain: true };
    }
    if (m.name === 'alertname' && m.type === '=') {
      const kind = KINDS_LONGEST_FIRST.find((k) => m.value.startsWith(`Flux${k}`));
      const reason = kind ? m.value.slice(4 + kind.length) : '';
      const suggestion = kind ? fluxAlertName(kind, reason) : 'FluxKustomizationReconciliationfailed';
      if (!kind || suggestion !== m.value) {
        return {
          message: `${where}: Flux names its alerts "Flux" + kind + the reason with only its first letter upper-cased, so Flux never sends this alertname, and no alert rule or declared source of the model does either`,
          fix: `use "${suggestion}", or an alertname regex such as Flux${kind ?? ''}.+; if a PrometheusRule outside the model fires ${m.value}, add it to the app or declare it with an ExternalAlertSource`,
          certain: true,
        };
      }
    }
    return {
      message: `${where}: this route is meant for Flux events, but the Flux events ${fromModel ? 'posted to this Alertmanager' : 'Flux sends'} have ${formatLabelValues(m.name, lv)}`,
      fix: fromModel ? 'match the labels of the events the Flux Alerts send, or add a Flux Alert for those objects' : 'match labels Flux events carry',
      certain: !fromModel,
    };
  }
  return undefined;
}

export const fluxRouteUnmatchable: Check = {
  id: 'flux-route-unmatchable',
  severity: Severity.ERROR,
  title: 'A route meant for Flux events that no Flux event can match',
  description: 'Flux\'s alertmanager provider labels every alert `alertname=Flux<Kind><Reason>` (the reason with only its first letter upper-cased), `severity` `info` or `error`, and `reason`, `kind`, `name`, `namespace`, `reportingcontroller`, plus the Alert\'s eventMetadata and the objects\' `event.toolkit.fluxcd.io/` annotations. A route whose alertname matcher starts with `Flux` but that no alert source of the model can reach (no Flux event, and no alert rule or declared source with such a name, e.g. a `FluxKustomizationNotReady` rule) catches nothing. An error when the model holds every source of the Alertmanager; a warning, naming what it assumed, when alerts may come from outside it (a Prometheus outside the app, rules in namespaces chosen by labels, an ExternalAlertSource). A label that only an annotation could set is a warning.',
  failing: config('[{ name: alertname, value: Flux.+, matchType: "=~" }, { name: severity, value: critical }]'),
  fixed: config('[{ name: alertname, value: Flux.+, matchType: "=~" }, { name: severity, value: error }]'),
  run(ctx) {
    const issues: Issue[] = [];
    for (const [object, flows] of flowsByConfig(ctx)) {
      const explained = new Set<string>();
      for (const route of flows[0].routes.map((n) => n.route)) {
        if (!fluxLooking(route)) { continue; }
        const nodes = flows.map((f) => nodeAt(f, route.field));
        if (nodes.some((n) => n && dropsWhatItMatches(n, object))) { continue; } // a route to a null receiver loses nothing
        const fate = fateOf(nodes);
        if (fate !== RouteFate.REACHED) {
          const i = nodes.findIndex((n) => n !== undefined);
          const why = explain(nodes[i]!, flows[i]);
          const worlds = flows.map((f) => f.world);
          const closed = severityOf(worlds) === Severity.ERROR;
          const severity = closed && why?.certain ? Severity.ERROR : Severity.WARNING;
          if (why) {
            // A matcher Flux events never satisfy, reported once (not again on the routes below).
            if (explained.has(why.message)) { continue; }
            explained.add(why.message);
          } else if (fate !== RouteFate.UNMATCHED || !flows.some(informative)) {
            continue; // below a dead route, shadowed (route-shadowed), or nothing to compare with
          }
          issues.push({
            object,
            severity,
            message: `${why?.message ?? `${route.field}: this route is meant for Flux events, but no Flux Alert, alert rule or declared source of the model sends an alert that matches it`}${severity === Severity.ERROR ? '' : closed ? ' (a warning, not an error: Flux Alerts outside the model may send such events)' : assumedText(worlds)}`,
            fix: why?.fix ?? 'match the labels the Flux events carry (alertname=~"Flux.+", severity="error", namespace=<the object\'s namespace>), or add a Flux Alert with an alertmanager Provider for those objects',
          });
          continue;
        }
        // Reached, but through a label only an annotation on a Flux object could set.
        const arriving = nodes.flatMap((n) => n?.arriving ?? []);
        if (arriving.length === 0 || arriving.some((c) => c.source.kind !== AlertSourceKind.FLUX)) { continue; }
        for (const m of route.matchers) {
          if (m.matches('') || producedBy(arriving, m) !== Produced.OPEN) { continue; }
          const metadataKeys = arriving.flatMap((c) => Object.keys(c.shape.labels)).filter((k) => !FLUX_ALERT_LABELS.includes(k));
          const known = [...new Set([...FLUX_ALERT_LABELS, ...metadataKeys])];
          const similar = didYouMean(m.name, known);
          issues.push({
            object,
            severity: Severity.WARNING,
            message: `${route.field}.matchers[${m.index}] ${m.text}: this route is meant for Flux events, but Flux never sets the label "${m.name}" (it sets ${known.join(', ')}); only an annotation event.toolkit.fluxcd.io/${m.name} on the Flux objects would${similar ? `. Did you mean "${similar}"?` : ''}`,
            fix: `match one of those labels, or add ${m.name} to the Flux Alert's eventMetadata`,
          });
        }
      }
    }
    return issues;
  },
};
