import { Check } from '../check';
import { Severity } from '../finding';
import { duplicateRuleIssues } from '../lib/rule-findings';

export const ruleDuplicate: Check = {
  id: 'rule-duplicate',
  severity: Severity.WARNING,
  title: 'Two rules with the same name and labels in one PrometheusRule',
  description: 'The operator writes each PrometheusRule to one rule file, and `promtool check rules` lints a file in which two rules (in any of its groups) have the same alert or record name and the same labels: two recording rules then write the same series, and two alerting rules produce alerts that Alertmanager cannot tell apart. Prometheus loads the file, so this is a warning, as promtool\'s lint is.',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: jobs, namespace: monitoring }
spec:
  groups:
  - name: jobs
    rules:
    - record: job:up:sum
      expr: sum by (job) (up)
    - alert: JobDown
      expr: job:up:sum == 0
      labels: { severity: critical }
  - name: jobs-slow
    interval: 5m
    rules:
    - record: job:up:sum
      expr: sum by (job) (up)
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
    - alert: JobDown
      expr: job:up:sum == 0
      labels: { severity: critical }
  - name: jobs-slow
    interval: 5m
    rules:
    - record: job:up:sum5m
      expr: sum by (job) (avg_over_time(up[5m]))
`,
  run({ model }) {
    return duplicateRuleIssues(model).map(({ object, duplicate: d }) => {
      const labels = Object.keys(d.labels).length ? ` and labels ${JSON.stringify(d.labels)}` : ' and no labels';
      return {
        object,
        message: `spec.groups[${d.group}].rules[${d.rule}] has the same name ${JSON.stringify(d.name)}${labels} as spec.groups[${d.firstGroup}].rules[${d.firstRule}] (promtool check rules: duplicate rule)`,
        fix: 'remove the copy, or tell the rules apart by name or by a label',
      };
    });
  },
};
