import { ClusterModel } from '../../model/cluster-model';
import { ModelObject } from '../../model/model-object';
import { Check, Issue } from '../check';
import { Severity } from '../finding';

/**
 * The Deployment of a Flux controller in the model (as `flux bootstrap` writes it into
 * gotk-components.yaml) whose container args turn on `--no-cross-namespace-refs`, if any.
 */
export function lockedDown(model: ClusterModel, controller: string): ModelObject | undefined {
  return model.ofKind('apps', 'Deployment').find((d) => {
    if (d.name !== controller) { return false; }
    const containers = d.manifest.spec?.template?.spec?.containers;
    return (Array.isArray(containers) ? containers : []).some((c: any) => (Array.isArray(c?.args) ? c.args : [])
      .some((a: unknown) => typeof a === 'string' && /^--no-cross-namespace-refs(=true)?$/.test(a.trim())));
  });
}

function where(d: ModelObject): string {
  return `Deployment ${d.namespace}/${d.name} runs with --no-cross-namespace-refs=true`;
}

export const fluxCrossNamespaceRefs: Check = {
  id: 'flux-cross-namespace-refs',
  severity: Severity.ERROR,
  title: 'A Flux object that reaches into another namespace where the controller forbids it',
  description: 'With `--no-cross-namespace-refs=true` (Flux\'s multi-tenancy lockdown), notification-controller discards every event whose object lives in another namespace than the Alert ("cross-namespace references have been blocked"), and kustomize-controller fails a Kustomization whose `sourceRef` names another namespace (`dependsOn` may still cross namespaces). The check fires only when the model holds the controller\'s Deployment with that flag (for example the `gotk-components.yaml` of a Flux repository); without it, cross-namespace references are allowed and nothing is reported.',
  failing: `apiVersion: apps/v1
kind: Deployment
metadata: { name: notification-controller, namespace: flux-system }
spec:
  selector: { matchLabels: { app: notification-controller } }
  template:
    metadata: { labels: { app: notification-controller } }
    spec:
      containers:
        - name: manager
          image: ghcr.io/fluxcd/notification-controller:v1.9.3
          args: ["--watch-all-namespaces=true", "--no-cross-namespace-refs=true"]
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: apps, namespace: flux-system }
spec:
  providerRef: { name: slack }
  eventSeverity: error
  eventSources: [{ kind: Kustomization, name: "*", namespace: apps }]
`,
  fixed: `apiVersion: apps/v1
kind: Deployment
metadata: { name: notification-controller, namespace: flux-system }
spec:
  selector: { matchLabels: { app: notification-controller } }
  template:
    metadata: { labels: { app: notification-controller } }
    spec:
      containers:
        - name: manager
          image: ghcr.io/fluxcd/notification-controller:v1.9.3
          args: ["--watch-all-namespaces=true", "--no-cross-namespace-refs=true"]
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: apps, namespace: apps }
spec:
  providerRef: { name: slack }
  eventSeverity: error
  eventSources: [{ kind: Kustomization, name: "*" }]
`,
  run({ model }) {
    const issues: Issue[] = [];
    const notification = lockedDown(model, 'notification-controller');
    if (notification) {
      for (const alert of model.fluxAlerts) {
        const sources = alert.manifest.spec?.eventSources;
        (Array.isArray(sources) ? sources : []).forEach((s: any, i: number) => {
          const ns = typeof s?.namespace === 'string' && s.namespace !== '' ? s.namespace : alert.namespace;
          if (ns === alert.namespace) { return; }
          issues.push({
            object: alert,
            message: `spec.eventSources[${i}] selects ${s?.kind ?? 'objects'} in namespace "${ns}", but ${where(notification)}: events of objects outside the Alert's namespace "${alert.namespace}" are discarded`,
            fix: `create an Alert (and its Provider) in namespace "${ns}" for those objects (with cdk8s-alerting: one FluxAlert per namespace, namespace: '${ns}')`,
          });
        });
      }
    }
    const kustomize = lockedDown(model, 'kustomize-controller');
    if (kustomize) {
      for (const k of model.kustomizations) {
        const spec = k.manifest.spec ?? {};
        // kustomize-controller v1.9.4 checks the sourceRef only (dependsOn may cross namespaces).
        const ns: unknown = spec.sourceRef?.namespace;
        if (typeof ns !== 'string' || ns === '' || ns === k.namespace) { continue; }
        issues.push({
          object: k,
          message: `spec.sourceRef names ${spec.sourceRef?.kind ?? 'a source'} ${ns}/${spec.sourceRef?.name}, but ${where(kustomize)}: the Kustomization fails ("cross-namespace references have been blocked")`,
          fix: `put the source in namespace "${k.namespace}" (with the Kustomization), or the Kustomization in "${ns}"`,
        });
      }
    }
    return issues;
  },
};
