import { Check } from '../check';
import { Severity } from '../finding';
import { ruleIssues } from '../lib/rule-findings';

export const ruleTemplate: Check = {
  id: 'rule-template',
  severity: Severity.ERROR,
  title: 'An alert label or annotation that is not a valid Prometheus template',
  description: 'Prometheus parses every label and annotation of an alerting rule as a Go text/template, with its own functions (`humanize`, `humanizeDuration`, `title`, `reReplaceAll`...) and the variables `$labels`, `$externalLabels`, `$externalURL` and `$value`. A syntax error (an unclosed `{{ if }}`, a bad pipeline, `\\d` in a double-quoted string), an undefined function (`humanise`), an undefined variable (`$label`) or a function newer than the Prometheus `spec.version` makes Prometheus refuse the whole rule file, as `promtool check rules` does, and one refused file stops the whole rule reload. Reading a field the template data does not have (`.labels` for `.Labels`) is a warning: the annotation then shows an expansion error.',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: disk, namespace: monitoring }
spec:
  groups:
  - name: disk
    rules:
    - alert: DiskAlmostFull
      expr: node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1
      annotations:
        summary: "{{ $label.instance }} has {{ humanise $value }} free{{ if eq $labels.mountpoint \\"/\\" }} on the root disk"
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
      annotations:
        summary: "{{ $labels.instance }} has {{ humanizePercentage $value }} free{{ if eq $labels.mountpoint \\"/\\" }} on the root disk{{ end }}"
`,
  run(ctx) {
    return ruleIssues(ctx, 'template');
  },
};
