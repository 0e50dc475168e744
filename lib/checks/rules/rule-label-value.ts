import { Check } from '../check';
import { Severity } from '../finding';
import { ruleIssues } from '../lib/rule-findings';

export const ruleLabelValue: Check = {
  id: 'rule-label-value',
  severity: Severity.WARNING,
  title: 'An alert label that changes with the alert\'s value',
  description: 'Labels are an alert\'s identity. A label templated from `$value` (or `.Value`) gives the alert a new identity whenever the value changes: the old alert resolves and a new one starts pending, so `for` never elapses for a fluctuating value, and Alertmanager sees a stream of new alerts that groups, silences and inhibitions cannot follow. Prometheus accepts it, so this is a warning.',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: latency, namespace: monitoring }
spec:
  groups:
  - name: latency
    rules:
    - alert: HighLatency
      expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 1
      for: 10m
      labels: { severity: warning, latency: "{{ $value }}" }
`,
  fixed: `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: latency, namespace: monitoring }
spec:
  groups:
  - name: latency
    rules:
    - alert: HighLatency
      expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 1
      for: 10m
      labels: { severity: warning }
      annotations: { description: "p99 latency is {{ $value | humanizeDuration }}" }
`,
  run(ctx) {
    return ruleIssues(ctx, 'label-value');
  },
};
