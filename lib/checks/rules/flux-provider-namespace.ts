import { GROUPS } from '../../model/cluster-model';
import { Check, Issue } from '../check';
import { Severity } from '../finding';

export const fluxProviderNamespace: Check = {
  id: 'flux-provider-namespace',
  severity: Severity.ERROR,
  title: 'A Flux Alert whose Provider is in another namespace',
  description: '`providerRef` only names Providers in the Alert\'s own namespace. An Alert whose Provider exists only in another namespace never sends an event.',
  failing: `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: alertmanager, namespace: monitoring }
spec: { type: alertmanager, address: "http://alertmanager-operated.monitoring:9093/api/v2/alerts/" }
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: errors, namespace: flux-system }
spec:
  providerRef: { name: alertmanager }
  eventSeverity: error
  eventSources: [{ kind: Kustomization, name: "*" }]
`,
  fixed: `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: alertmanager, namespace: flux-system }
spec: { type: alertmanager, address: "http://alertmanager-operated.monitoring:9093/api/v2/alerts/" }
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: errors, namespace: flux-system }
spec:
  providerRef: { name: alertmanager }
  eventSeverity: error
  eventSources: [{ kind: Kustomization, name: "*" }]
`,
  run({ model }) {
    const issues: Issue[] = [];
    for (const alert of model.fluxAlerts) {
      const name = alert.manifest.spec?.providerRef?.name;
      if (typeof name !== 'string' || model.find(GROUPS.notification, 'Provider', alert.namespace, name)) { continue; }
      const elsewhere = model.fluxProviders.find((p) => p.name === name);
      if (!elsewhere) { continue; }
      issues.push({
        object: alert,
        message: `spec.providerRef: the Provider ${elsewhere.namespace}/${name} is in another namespace than this Alert ("${alert.namespace}"); providerRef only names Providers in the Alert's own namespace, so no event is ever sent`,
        fix: `create the Alert in namespace "${elsewhere.namespace}" (with cdk8s-alerting: leave its namespace unset), or add a Provider in "${alert.namespace}"`,
      });
    }
    return issues;
  },
};
