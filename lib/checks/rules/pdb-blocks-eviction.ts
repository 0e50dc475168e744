import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { budgetsOf, describeWorkload, workloads } from '../lib/workloads';

/** `n` or `n%` of `replicas`, rounded up as the disruption controller does; undefined when unreadable. */
function scaled(value: unknown, replicas: number): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) { return value; }
  const m = typeof value === 'string' ? /^(\d+)%$/.exec(value) : null;
  return m ? Math.ceil((Number(m[1]) * replicas) / 100) : undefined;
}

export const pdbBlocksEviction: Check = {
  id: 'pdb-blocks-eviction',
  severity: Severity.WARNING,
  title: 'A PodDisruptionBudget of an Alertmanager or Prometheus that allows no eviction',
  description: 'With `maxUnavailable: 0`, or `minAvailable` at least the number of replicas, the eviction API refuses every voluntary eviction of these pods: `kubectl drain` and cluster-autoscaler scale-downs hang on their node until someone deletes the budget. Use `maxUnavailable: 1` so replicas go one at a time.',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: { replicas: 3 }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: alertmanager-main, namespace: monitoring }
spec: { minAvailable: 3, selector: { matchLabels: { alertmanager: main } } }
`,
  fixed: `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: { replicas: 3 }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: alertmanager-main, namespace: monitoring }
spec: { maxUnavailable: 1, selector: { matchLabels: { alertmanager: main } } }
`,
  run({ model }) {
    const issues: Issue[] = [];
    for (const w of workloads(model)) {
      if (w.replicas < 1) { continue; }
      for (const pdb of budgetsOf(model, w)) {
        const spec = pdb.manifest.spec ?? {};
        const maxUnavailable = scaled(spec.maxUnavailable, w.replicas);
        const minAvailable = scaled(spec.minAvailable, w.replicas);
        let why: string | undefined;
        if (spec.maxUnavailable !== undefined && maxUnavailable === 0) {
          why = `spec.maxUnavailable is ${JSON.stringify(spec.maxUnavailable)}`;
        } else if (spec.minAvailable !== undefined && minAvailable !== undefined && minAvailable >= w.replicas) {
          why = `spec.minAvailable ${JSON.stringify(spec.minAvailable)} is at least the ${w.replicas} replica${w.replicas === 1 ? '' : 's'} of ${describeWorkload(w)}`;
        }
        if (why) {
          issues.push({
            object: pdb,
            message: `${why}: no pod of ${describeWorkload(w)} can ever be evicted, so node drains and autoscaler scale-downs block`,
            fix: 'use maxUnavailable: 1 (and no minAvailable)',
          });
        }
      }
    }
    return issues;
  },
};
