import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { budgetsOf, describeWorkload, workloads } from '../lib/workloads';

export const haTooFewReplicas: Check = {
  id: 'ha-too-few-replicas',
  severity: Severity.WARNING,
  title: 'An Alertmanager or Prometheus set up to be highly available, with one replica',
  description: 'A PodDisruptionBudget, a pod anti-affinity or a topology spread says the Alertmanager or Prometheus should survive a node going away, but with one replica (`spec.replicas` unset means 1) a node drain or failure still takes it down, and Alertmanager runs without its gossip cluster. A warning: a single replica may be meant for a test cluster.',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: { replicas: 1 }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: alertmanager-main, namespace: monitoring }
spec: { maxUnavailable: 1, selector: { matchLabels: { alertmanager: main } } }
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
      if (w.replicas >= 2 || w.replicas < 1 || w.object.source.external) { continue; }
      const spec = w.object.manifest.spec ?? {};
      const intent = [
        ...budgetsOf(model, w).map((pdb) => `PodDisruptionBudget ${pdb.namespace}/${pdb.name} protects its pods`),
        ...(spec.affinity?.podAntiAffinity ? ['spec.affinity.podAntiAffinity keeps replicas apart'] : []),
        ...(Array.isArray(spec.topologySpreadConstraints) && spec.topologySpreadConstraints.length ? ['spec.topologySpreadConstraints spread replicas'] : []),
      ];
      if (intent.length === 0) { continue; }
      const replicas = typeof spec.replicas === 'number' ? `spec.replicas is ${spec.replicas}` : 'spec.replicas is unset (1 replica)';
      issues.push({
        object: w.object,
        message: `${replicas}, yet it is set up to be highly available (${intent.join('; ')}): one node drain or failure takes ${describeWorkload(w)} down${w.kind === 'Alertmanager' ? ', and one Alertmanager has no gossip cluster to deduplicate with' : ''}`,
        fix: `set spec.replicas to ${w.kind === 'Alertmanager' ? '3' : '2'} (or at least 2), or drop the PodDisruptionBudget and spreading if one replica is intended`,
      });
    }
    return issues;
  },
};
