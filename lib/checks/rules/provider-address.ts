import { ModelObject } from '../../model/model-object';
import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { ALERTMANAGER_WEB_PORT, alertmanagerHosts, alertmanagerOfHost } from '../lib/alertmanagers';

function expected(am: ModelObject): string {
  return `http://${alertmanagerHosts(am.namespace!)[0]}:${ALERTMANAGER_WEB_PORT}/api/v2/alerts/`;
}

export const providerAddress: Check = {
  id: 'provider-address',
  severity: Severity.ERROR,
  title: 'A Flux alertmanager Provider that posts past its Alertmanager',
  description: 'Flux posts to the address exactly as given, and the API server does not check it. Alertmanager takes alerts over plain http on the `alertmanager-operated` service, port 9093, at `/api/v2/alerts`; any other scheme, port or path loses every event. An address that names no Alertmanager of the model is only a warning: it may be one outside the repository.',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: {}
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: alertmanager, namespace: flux-system }
spec: { type: alertmanager, address: "http://alertmanager-operated.monitoring:9090/api/v1/alerts" }
`,
  fixed: `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: {}
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: alertmanager, namespace: flux-system }
spec: { type: alertmanager, address: "http://alertmanager-operated.monitoring:9093/api/v2/alerts/" }
`,
  run({ model }) {
    const issues: Issue[] = [];
    if (model.alertmanagers.length === 0) { return issues; }
    for (const provider of model.fluxProviders) {
      const address = provider.manifest.spec?.address;
      if (provider.manifest.spec?.type !== 'alertmanager' || typeof address !== 'string') { continue; }
      let url: URL;
      try {
        url = new URL(address);
      } catch {
        issues.push({ object: provider, message: `spec.address ${JSON.stringify(address)} is not a URL, so Flux posts its alerts nowhere`, fix: `use ${expected(model.alertmanagers[0])}` });
        continue;
      }
      const am = alertmanagerOfHost(model, url.hostname);
      if (!am) {
        issues.push({
          object: provider,
          severity: Severity.WARNING,
          message: `spec.address ${JSON.stringify(address)} names no Alertmanager of this model (assumed: it is one outside it)`,
          fix: `to post to ${model.alertmanagers.map((a) => `${a.namespace}/${a.name}`).join(' or ')}, use ${expected(model.alertmanagers[0])}`,
        });
        continue;
      }
      const problem = url.protocol !== 'http:' ? `uses ${url.protocol.replace(':', '')}, but the alertmanager-operated service serves plain http`
        : url.port !== String(ALERTMANAGER_WEB_PORT) ? `uses port ${url.port || '80'}, but Alertmanager listens on ${ALERTMANAGER_WEB_PORT}`
          : !/^\/api\/v2\/alerts\/?$/.test(url.pathname) ? `posts to ${url.pathname}, but Alertmanager takes alerts at /api/v2/alerts` : undefined;
      if (problem) {
        issues.push({ object: provider, message: `spec.address ${JSON.stringify(address)} ${problem}, so Flux posts its alerts nowhere`, fix: `use ${expected(am)}` });
      }
    }
    return issues;
  },
};
