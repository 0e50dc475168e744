import { Check } from '../check';
import { Severity } from '../finding';
import { SUPPRESSION_UNUSED } from '../suppressions';

export const suppressionUnused: Check = {
  id: SUPPRESSION_UNUSED,
  severity: Severity.WARNING,
  title: 'A suppression that suppresses nothing',
  description: 'A suppression whose check reports nothing on the objects it covers: the problem was fixed, or the suppression sits on another object than the one the finding names. Stale suppressions would silently hide the next real problem. Annotations with the same check and reason count as one suppression (`Suppressions.add` writes one on every object under the construct), reported once. Reported after every other check (lib/checks/suppressions.ts).',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: main, namespace: monitoring }
spec:
  ruleSelector: { matchLabels: { prometheus: main } }
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: apps
  namespace: monitoring
  labels: { prometheus: main }
  annotations:
    suppress.cdk8s-alerting.io/rule-not-selected: "loaded by the legacy Prometheus, outside this repository"
spec:
  groups: [{ name: apps, rules: [{ alert: Down, expr: up == 0 }] }]
`,
  fixed: `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: main, namespace: monitoring }
spec:
  ruleSelector: { matchLabels: { prometheus: main } }
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: apps
  namespace: monitoring
  labels: { prometheus: main }
spec:
  groups: [{ name: apps, rules: [{ alert: Down, expr: up == 0 }] }]
`,
  run() {
    return []; // reported by the engine once every other check ran (applySuppressions)
  },
};
