import { GROUPS } from '../../model/cluster-model';
import { describeObject } from '../../model/model-object';
import { ownLabel } from '../../simulate/matchers';
import { routeReceivers } from '../../simulate/route-simulator';
import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { providerAlertmanager } from '../lib/alertmanagers';
import { effectiveOutcome } from '../lib/effective';
import { FLUX_CONTROLLERS } from '../lib/flux';

export const fluxAlertsUndelivered: Check = {
  id: 'flux-alerts-undelivered',
  severity: Severity.WARNING,
  title: 'Flux error events that Alertmanager routes to nobody',
  description: 'Simulates the error events of every source of a Flux Alert whose alertmanager Provider posts to an Alertmanager of the model, with the labels Flux sets, through that Alertmanager\'s effective configuration. Events that end at the root route\'s receiver (`null` unless a base configuration says otherwise) arrive and are heard by nobody. A warning: it assumes representative labels (`name` = the source\'s name, or `any`).',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: { alertmanagerConfigSelector: {} }
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
`,
  fixed: `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: { alertmanagerConfigSelector: {}, alertmanagerConfigMatcherStrategy: { type: OnNamespaceExceptForAlertmanagerNamespace } }
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: flux, namespace: monitoring }
spec:
  route: { receiver: hook, matchers: [{ name: alertname, value: Flux.+, matchType: "=~" }] }
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]
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
`,
  run(ctx) {
    const { model } = ctx;
    const issues: Issue[] = [];
    for (const alert of model.fluxAlerts) {
      const provider = model.find(GROUPS.notification, 'Provider', alert.namespace, alert.manifest.spec?.providerRef?.name ?? '');
      const am = provider && providerAlertmanager(model, provider);
      if (!am) { continue; }
      // A configuration the operator cannot generate is reported by operator-config-failure.
      const { effective } = effectiveOutcome(ctx, am);
      if (!effective) { continue; }
      const dropped = effective.config.route.receiver;
      const metadata = alert.manifest.spec?.eventMetadata ?? {};
      const lost: string[] = [];
      for (const source of alert.manifest.spec?.eventSources ?? []) {
        const namespace = source.namespace ?? alert.namespace;
        const labels: Record<string, string> = {
          ...metadata,
          alertname: `Flux${source.kind}Reconciliationfailed`,
          severity: 'error',
          reason: 'ReconciliationFailed',
          kind: source.kind,
          name: source.name === '*' || !source.name ? 'any' : source.name,
          namespace,
          reportingcontroller: ownLabel(FLUX_CONTROLLERS, source.kind) ?? 'source-controller',
        };
        let receivers: string[];
        try {
          receivers = routeReceivers(effective.config, labels);
        } catch {
          continue; // an unparsable matcher: the operator-side checks report it
        }
        if (receivers.every((r) => r === dropped)) { lost.push(`${source.kind} in "${namespace}"`); }
      }
      if (lost.length) {
        issues.push({
          object: alert,
          message: `spec.eventSources: error events of ${lost.join(', ')} reach ${describeObject(am)} but no route sends them anywhere (they end at ${dropped}; Flux labels them namespace=<the object's namespace>, severity=error, alertname=Flux<Kind><Reason>)${effective.assumptions.length ? `. Assumed: ${effective.assumptions.join('; ')}` : ''}`,
          fix: 'add an AlertmanagerConfig route for them, e.g. matchers alertname=~"Flux.+" and severity="error", in the Alertmanager\'s namespace with the matcher strategy OnNamespaceExceptForAlertmanagerNamespace',
        });
      }
    }
    return issues;
  },
};
