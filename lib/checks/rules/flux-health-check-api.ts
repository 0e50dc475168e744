import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { removedApi } from '../lib/removed-apis';

export const fluxHealthCheckApi: Check = {
  id: 'flux-health-check-api',
  severity: Severity.ERROR,
  title: 'A Kustomization health check on an API that is no longer served',
  description: 'kustomize-controller keeps only the group and kind of a health check and lets discovery pick the version. A kind its group no longer serves at all (`extensions/v1beta1` Deployment, DaemonSet, ReplicaSet, NetworkPolicy and Ingress; PodSecurityPolicy) matches nothing, so the health check fails every time and the Kustomization never becomes ready: an error. A stale version of a kind the group still serves (`apps/v1beta1` Deployment, `policy/v1beta1` PodDisruptionBudget, `autoscaling/v2beta2` HorizontalPodAutoscaler, `batch/v1beta1` CronJob, Flux\'s `kustomize.toolkit.fluxcd.io/v1beta2`) still works, because the version is ignored, but it misleads: a warning. The table and its sources are in lib/checks/lib/removed-apis.ts.',
  failing: `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: app, namespace: flux-system }
spec:
  interval: 10m
  prune: true
  sourceRef: { kind: GitRepository, name: flux-system }
  targetNamespace: app
  healthChecks: [{ apiVersion: extensions/v1beta1, kind: Deployment, name: app, namespace: app }]
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
      const checks = k.manifest.spec?.healthChecks;
      (Array.isArray(checks) ? checks : []).forEach((h: any, i: number) => {
        if (typeof h?.apiVersion !== 'string' || typeof h?.kind !== 'string') { return; }
        const found = removedApi(h.apiVersion, h.kind);
        if (!found) { return; }
        issues.push(found.kindGone ? {
          object: k,
          message: `spec.healthChecks[${i}] waits for ${h.apiVersion} ${h.kind} ${h.name}, but the API server no longer serves ${h.kind} in group "${found.api.group}" (removed in ${found.api.removedIn}), so the health check fails every time and the Kustomization never becomes ready`,
          fix: `use ${found.api.replacement}`,
        } : {
          object: k,
          severity: Severity.WARNING,
          message: `spec.healthChecks[${i}] names ${h.apiVersion} ${h.kind} ${h.name}, a version no longer served (removed in ${found.api.removedIn}); kustomize-controller ignores the version and checks the served one, so it works, but the manifest says otherwise`,
          fix: `write ${found.api.replacement}`,
        });
      });
    }
    return issues;
  },
};
