import { AlertmanagerCluster } from '../alertmanager/alertmanager-cluster';
import { FluxSourceKind } from '../flux/event-source';
import { AlertmanagerProvider } from '../flux/alertmanager-provider';
import { FluxEventSeverity } from '../flux/flux-alert';
import { effectiveConfigOf } from '../simulate/of-cluster';
import { simulateRouting } from '../simulate/route-simulator';
import { AppIndex } from './app-index';
import { Finding, Severity } from './finding';

const CONTROLLER: Record<string, string> = {
  [FluxSourceKind.KUSTOMIZATION]: 'kustomize-controller',
  [FluxSourceKind.HELM_RELEASE]: 'helm-controller',
  [FluxSourceKind.IMAGE_REPOSITORY]: 'image-reflector-controller',
  [FluxSourceKind.IMAGE_POLICY]: 'image-reflector-controller',
  [FluxSourceKind.IMAGE_UPDATE_AUTOMATION]: 'image-automation-controller',
};

/**
 * Flux error events that the Alertmanager they are posted to routes to no receiver but the
 * base config's `null` one: the alert arrives, and nobody hears of it. Simulated on the
 * effective configuration with the labels Flux's alertmanager provider sets.
 * @internal
 */
export function fluxDeliveryFindings(index: AppIndex): Finding[] {
  const findings: Finding[] = [];
  const configs = new Map<AlertmanagerCluster, ReturnType<typeof effectiveConfigOf>>();
  for (const alert of index.alerts) {
    const provider = alert.provider;
    if (!(provider instanceof AlertmanagerProvider) || !provider.alertmanager || alert.namespace !== provider.namespace) { continue; }
    const am = provider.alertmanager;
    if (!configs.has(am)) { configs.set(am, effectiveConfigOf(am)); }
    const { config } = configs.get(am)!;
    const dropped = config.route.receiver;
    const lost: string[] = [];
    for (const source of alert.eventSources) {
      const namespace = source.namespace ?? alert.namespace;
      const labels: Record<string, string> = {
        ...alert.eventMetadata,
        alertname: `Flux${source.kind}Reconciliationfailed`,
        severity: FluxEventSeverity.ERROR,
        reason: 'ReconciliationFailed',
        kind: source.kind,
        name: source.name === '*' || !source.name ? 'any' : source.name,
        namespace,
        reportingcontroller: CONTROLLER[source.kind] ?? 'source-controller',
      };
      const receivers = simulateRouting(config, labels).map((m) => m.receiver);
      if (receivers.every((r) => r === dropped)) {
        lost.push(`${source.kind} in "${namespace}"`);
      }
    }
    if (lost.length) {
      findings.push({
        construct: alert,
        severity: Severity.WARNING,
        check: 'flux-alerts-undelivered',
        message: `eventSources: error events of ${lost.join(', ')} reach Alertmanager ${am.namespace}/${am.name} but no route sends them anywhere (they end at ${dropped}; Flux labels them namespace=<the object's namespace>, severity=error, alertname=Flux<Kind><Reason>). Fix: add an AlertmanagerRouting or route for them, e.g. matchers: [Matcher.regex('alertname', 'Flux.+'), Matcher.eq('severity', 'error')], in the Alertmanager's namespace with MatcherStrategy.ON_NAMESPACE_EXCEPT_FOR_ALERTMANAGER_NAMESPACE`,
      });
    }
  }
  return findings;
}
