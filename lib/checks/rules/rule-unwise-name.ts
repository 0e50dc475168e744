import { Check } from '../check';
import { Severity } from '../finding';
import { ruleIssues } from '../lib/rule-findings';

export const ruleUnwiseName: Check = {
  id: 'rule-unwise-name',
  severity: Severity.WARNING,
  title: 'A rule name or label name Prometheus accepts but that is unwise',
  description: 'Prometheus loads alert names with spaces (they become the `alertname` label that routes, silences and inhibitions must then match exactly), label names starting with `__` (a prefix reserved for Prometheus\' internal labels such as `__name__`) and, from Prometheus 3, UTF-8 label and metric names outside `^[a-zA-Z_][a-zA-Z0-9_]*$` (Prometheus 2 refuses them, and PromQL and matchers must quote them). These are warnings; a UTF-8 name for a Prometheus whose `spec.version` is 2.x is a `rule-invalid` error.',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: disk, namespace: monitoring }
spec:
  groups:
  - name: disk
    rules:
    - alert: Disk almost full
      expr: node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1
      labels: { __team: storage }
`,
  fixed: `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: disk, namespace: monitoring }
spec:
  groups:
  - name: disk
    rules:
    - alert: DiskAlmostFull
      expr: node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1
      labels: { team: storage }
`,
  run(ctx) {
    return ruleIssues(ctx, 'unwise-name');
  },
};
