import { NAMESPACE_NAME_LABEL } from '../../model/cluster-model';
import { ModelObject } from '../../model/model-object';
import { podLabelsOf } from '../../simulate/pod-labels';
import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { ALERTMANAGER_WEB_PORT, providerAlertmanager } from '../lib/alertmanagers';
import { ingressAllows, ingressPolicies } from '../lib/network-policies';
import { selects } from '../lib/workloads';

/** Where Flux's notification-controller runs in a default install, and its pod labels. */
const FLUX_NAMESPACE = 'flux-system';
const CONTROLLER_LABELS = { app: 'notification-controller' };

/** Namespaces that ingress peers name (by `kubernetes.io/metadata.name`) for pods labelled like the controller. */
function controllerNamespaces(policies: readonly ModelObject[]): string[] {
  const out: string[] = [];
  for (const p of policies) {
    for (const rule of Array.isArray(p.manifest.spec?.ingress) ? p.manifest.spec.ingress : []) {
      for (const peer of Array.isArray(rule?.from) ? rule.from : []) {
        const ns = peer?.namespaceSelector?.matchLabels?.[NAMESPACE_NAME_LABEL];
        if (typeof ns === 'string' && peer.podSelector !== undefined && selects(peer.podSelector, CONTROLLER_LABELS)) { out.push(ns); }
      }
    }
  }
  return [...new Set(out)];
}

export const providerNetworkPolicy: Check = {
  id: 'provider-network-policy',
  severity: Severity.WARNING,
  title: 'A Flux alertmanager Provider whose Alertmanager\'s NetworkPolicies turn Flux away',
  description: 'Flux\'s notification-controller posts an alertmanager Provider\'s events straight to the Alertmanager pods on port 9093. When NetworkPolicies select those pods for ingress, one of their rules must admit the controller on that port, or every Flux event is dropped at the network and Flux only logs a timeout. The check assumes the controller runs as in a default Flux install: pods labelled `app=notification-controller` in namespace `flux-system`, or in a namespace a rule names for such pods.',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: { replicas: 3 }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: alertmanager-main, namespace: monitoring }
spec:
  podSelector: { matchLabels: { alertmanager: main } }
  policyTypes: [Ingress]
  ingress:
    - from: [{ podSelector: { matchLabels: { app.kubernetes.io/name: prometheus } } }]
      ports: [{ protocol: TCP, port: 9093 }]
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: alertmanager, namespace: flux-system }
spec: { type: alertmanager, address: "http://alertmanager-operated.monitoring:9093/api/v2/alerts/" }
`,
  fixed: `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: { replicas: 3 }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: alertmanager-main, namespace: monitoring }
spec:
  podSelector: { matchLabels: { alertmanager: main } }
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector: { matchLabels: { app.kubernetes.io/name: prometheus } }
        - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: flux-system } }
          podSelector: { matchLabels: { app: notification-controller } }
      ports: [{ protocol: TCP, port: 9093 }]
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: alertmanager, namespace: flux-system }
spec: { type: alertmanager, address: "http://alertmanager-operated.monitoring:9093/api/v2/alerts/" }
`,
  run({ model }) {
    const issues: Issue[] = [];
    for (const provider of model.fluxProviders) {
      const am = providerAlertmanager(model, provider);
      if (!am) { continue; }
      const policies = ingressPolicies(model, am.namespace!, podLabelsOf('Alertmanager', am.name, am.manifest.spec));
      if (policies.length === 0) { continue; }
      // Flux may run elsewhere: a rule that names another namespace for the controller's pods says where.
      const namespaces = [FLUX_NAMESPACE, ...controllerNamespaces(policies)];
      const verdicts = namespaces.map((namespace) => ingressAllows(model, policies, { namespace, labels: CONTROLLER_LABELS }, ALERTMANAGER_WEB_PORT, 'web'));
      if (verdicts.some((v) => v !== false)) { continue; }
      issues.push({
        object: provider,
        message: `spec.address reaches Alertmanager ${am.namespace}/${am.name}, but its NetworkPolicies (${policies.map((p) => `${p.namespace}/${p.name}`).join(', ')}) admit nothing from Flux's notification-controller on TCP ${ALERTMANAGER_WEB_PORT}, so every event of this Provider is dropped (assumed: the controller runs in namespace ${FLUX_NAMESPACE} with label app=notification-controller)`,
        fix: `add an ingress rule from namespace ${FLUX_NAMESPACE}, pods app=notification-controller, on TCP ${ALERTMANAGER_WEB_PORT} (AlertmanagerCluster does so unless allowFlux is false; set fluxNamespace if Flux runs elsewhere)`,
      });
    }
    return issues;
  },
};
