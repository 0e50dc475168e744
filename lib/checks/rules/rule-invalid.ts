import { Check } from '../check';
import { Severity } from '../finding';
import { ruleIssues } from '../lib/rule-findings';

export const ruleInvalid: Check = {
  id: 'rule-invalid',
  severity: Severity.ERROR,
  title: 'A rule Prometheus refuses to load',
  description: 'Prometheus validates every rule file it loads as `promtool check rules` does: a rule sets exactly one of `alert` and `record`, has an `expr` that parses as PromQL, a recording rule has a valid metric name and no `annotations`, `for` or `keep_firing_for`, and label names are valid (never `__name__`; Prometheus 2 only accepts `^[a-zA-Z_][a-zA-Z0-9_]*$`). One invalid rule makes Prometheus refuse the whole file, and the failed reload keeps every other change of that reload out too.',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: jobs, namespace: monitoring }
spec:
  groups:
  - name: jobs
    rules:
    - record: job:up:sum
      expr: sum by (job) (up
      annotations: { summary: recorded }
`,
  fixed: `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: jobs, namespace: monitoring }
spec:
  groups:
  - name: jobs
    rules:
    - record: job:up:sum
      expr: sum by (job) (up)
`,
  run(ctx) {
    return ruleIssues(ctx, 'invalid');
  },
};
