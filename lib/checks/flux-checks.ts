import { AlertmanagerCluster } from '../alertmanager/alertmanager-cluster';
import { FluxEventSource } from '../flux/event-source';
import { AlertmanagerProvider } from '../flux/alertmanager-provider';
import { FluxAlert, FluxEventSeverity } from '../flux/flux-alert';
import { AppIndex } from './app-index';
import { Finding, Severity } from './finding';

/**
 * A Flux Alert whose Provider is in another namespace (providerRef is namespace-local),
 * and an `info` Alert overlapping an `error` Alert on the same Provider (errors posted twice).
 * @internal
 */
export function fluxAlertFindings(index: AppIndex): Finding[] {
  const findings: Finding[] = [];
  for (const alert of index.alerts) {
    if (alert.provider && alert.namespace !== alert.provider.namespace) {
      findings.push({
        construct: alert,
        severity: Severity.ERROR,
        check: 'flux-provider-namespace',
        message: `providerRef: the Provider ${alert.provider.namespace}/${alert.provider.name} is in another namespace than this Alert ("${alert.namespace}"); providerRef only names Providers in the Alert's own namespace, so no event is ever sent. Fix: create the Alert in namespace "${alert.provider.namespace}" (leave namespace unset), or add a Provider in "${alert.namespace}"`,
      });
    }
  }
  const infos = index.alerts.filter((a) => a.eventSeverity === FluxEventSeverity.INFO);
  const errors = index.alerts.filter((a) => a.eventSeverity === FluxEventSeverity.ERROR);
  for (const info of infos) {
    for (const error of errors) {
      if (info.provider !== error.provider) { continue; }
      const overlap = info.eventSources.find((a) => error.eventSources.some((b) => overlaps(a, info, b, error)));
      if (overlap) {
        findings.push({
          construct: info,
          severity: Severity.WARNING,
          check: 'flux-double-post',
          message: `eventSeverity: this info Alert forwards errors too, and ${error.node.path} forwards the errors of the same ${overlap.kind} sources to the same Provider, so every error is posted twice (flux2#3072). Fix: exclude the overlapping sources from one Alert, or send info events to another Provider`,
        });
      }
    }
  }
  return findings;
}

function overlaps(a: FluxEventSource, alertA: FluxAlert, b: FluxEventSource, alertB: FluxAlert): boolean {
  return a.kind === b.kind
    && (a.namespace ?? alertA.namespace) === (b.namespace ?? alertB.namespace)
    && (a.name === '*' || b.name === '*' || a.name === b.name);
}

/**
 * An alertmanager Provider whose address does not reach its AlertmanagerCluster's
 * `alertmanager-operated` service on port 9093 at `/api/v2/alerts`.
 * @internal
 */
export function providerAddressFindings(index: AppIndex): Finding[] {
  const findings: Finding[] = [];
  for (const provider of index.providers) {
    if (!(provider instanceof AlertmanagerProvider) || !provider.alertmanager) { continue; }
    const address: string | undefined = provider.resource.toJson().spec?.address;
    const problem = addressProblem(address, provider.alertmanager);
    if (problem) {
      findings.push({
        construct: provider,
        severity: Severity.ERROR,
        check: 'provider-address',
        message: `spec.address ${JSON.stringify(address)} ${problem}, so Flux posts its alerts nowhere. Fix: remove the override; the address derived from the AlertmanagerCluster is ${provider.alertmanager.alertsUrl}/`,
      });
    }
  }
  return findings;
}

function addressProblem(address: string | undefined, am: AlertmanagerCluster): string | undefined {
  let url: URL;
  try {
    url = new URL(address ?? '');
  } catch {
    return 'is not a URL';
  }
  const hosts = [`alertmanager-operated.${am.namespace}`, `alertmanager-operated.${am.namespace}.svc`, `alertmanager-operated.${am.namespace}.svc.cluster.local`];
  if (url.protocol !== 'http:') { return `uses ${url.protocol.replace(':', '')}, but the alertmanager-operated service serves plain http`; }
  if (!hosts.includes(url.hostname)) { return `does not name the service of Alertmanager ${am.namespace}/${am.name} (expected host ${hosts[0]})`; }
  if (url.port !== String(AlertmanagerCluster.API_PORT)) { return `uses port ${url.port || '80'}, but Alertmanager listens on ${AlertmanagerCluster.API_PORT}`; }
  if (!/^\/api\/v2\/alerts\/?$/.test(url.pathname)) { return `posts to ${url.pathname}, but Alertmanager takes alerts at /api/v2/alerts`; }
  return undefined;
}
