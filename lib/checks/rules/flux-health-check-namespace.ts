import { groupOf, isNamespaced } from '../../model/model-object';
import { Check, Issue } from '../check';
import { Severity } from '../finding';

export const fluxHealthCheckNamespace: Check = {
  id: 'flux-health-check-namespace',
  severity: Severity.WARNING,
  title: 'A Kustomization health check outside the namespace its objects go to',
  description: 'With `targetNamespace`, a Kustomization puts every namespaced object it applies in that namespace. A health check on an object in another namespace waits for something this Kustomization did not apply: it may come from elsewhere, or never, and then the Kustomization stays unready until its timeout. A health check without `namespace` on a namespaced kind is looked up with no namespace (kustomize-controller passes the field as it is), which finds nothing. Warnings: another Kustomization may apply the object.',
  failing: `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: app, namespace: flux-system }
spec:
  interval: 10m
  prune: true
  sourceRef: { kind: GitRepository, name: flux-system }
  targetNamespace: app
  healthChecks: [{ apiVersion: apps/v1, kind: Deployment, name: app, namespace: default }]
`,
  fixed: `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: app, namespace: flux-system }
spec:
  interval: 10m
  prune: true
  sourceRef: { kind: GitRepository, name: flux-system }
  targetNamespace: app
  healthChecks: [{ apiVersion: apps/v1, kind: Deployment, name: app, namespace: app }]
`,
  run({ model }) {
    const issues: Issue[] = [];
    for (const k of model.kustomizations) {
      const spec = k.manifest.spec ?? {};
      const target = typeof spec.targetNamespace === 'string' && spec.targetNamespace !== '' ? spec.targetNamespace : undefined;
      (Array.isArray(spec.healthChecks) ? spec.healthChecks : []).forEach((h: any, i: number) => {
        if (typeof h?.apiVersion !== 'string' || typeof h?.kind !== 'string' || !isNamespaced(groupOf(h.apiVersion), h.kind)) { return; }
        if (h.kind === 'Kustomization' && groupOf(h.apiVersion) === 'kustomize.toolkit.fluxcd.io') { return; } // a Kustomization may watch others anywhere
        const ns = typeof h.namespace === 'string' && h.namespace !== '' ? h.namespace : undefined;
        if (ns === undefined) {
          issues.push({
            object: k,
            message: `spec.healthChecks[${i}] ${h.kind} ${h.name} has no namespace; kustomize-controller looks the object up with no namespace, which finds no ${h.kind}, so the health check times out (inferred from kustomize-controller v1.9.4's inventory.ReferenceToObjMetadataSet)`,
            fix: `set namespace: ${target ?? 'the namespace the object is applied to'}`,
          });
        } else if (target !== undefined && ns !== target) {
          issues.push({
            object: k,
            message: `spec.healthChecks[${i}] waits for ${h.kind} ${ns}/${h.name}, but spec.targetNamespace puts every object this Kustomization applies in "${target}" (assumed: nothing else applies ${ns}/${h.name})`,
            fix: `check ${h.kind} ${target}/${h.name}, or move the health check to the Kustomization that applies ${ns}/${h.name}`,
          });
        }
      });
    }
    return issues;
  },
};
