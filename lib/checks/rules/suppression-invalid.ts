import { Check } from '../check';
import { Severity } from '../finding';
import { SUPPRESSION_INVALID } from '../suppressions';

export const suppressionInvalid: Check = {
  id: SUPPRESSION_INVALID,
  severity: Severity.ERROR,
  title: 'A suppression that names no check, or gives no reason',
  description: 'A suppression (the `suppress.cdk8s-alerting.io/<check-id>` annotation, `Suppressions.add`, or an entry of the `--config` file or the plugin\'s properties) applies only with the ID of an existing check and a non-empty reason. Otherwise it suppresses nothing, and the finding it was meant for is still reported; the message suggests the closest check ID. Reported after every other check (lib/checks/suppressions.ts).',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: main, namespace: monitoring }
spec:
  ruleSelector: { matchLabels: { prometheus: main } }
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: legacy
  namespace: monitoring
  annotations:
    suppress.cdk8s-alerting.io/rule-not-selcted: "loaded by the legacy Prometheus, outside this repository"
spec:
  groups: [{ name: legacy, rules: [{ alert: Down, expr: up == 0 }] }]
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
  name: legacy
  namespace: monitoring
  annotations:
    suppress.cdk8s-alerting.io/rule-not-selected: "loaded by the legacy Prometheus, outside this repository"
spec:
  groups: [{ name: legacy, rules: [{ alert: Down, expr: up == 0 }] }]
`,
  run() {
    return []; // reported by the engine once every other check ran (applySuppressions)
  },
};
