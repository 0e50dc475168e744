import { Duration } from 'cdk8s';
import { AlertmanagerCluster, NamespaceSelector, Prometheus, PrometheusRules, RuleGroup } from '../lib/tooling';
import { chart, only, synth } from './_util';

describe('Prometheus', () => {
  test('selects rules by label and sends alerts to the Alertmanager cluster', () => {
    const c = chart();
    const am = new AlertmanagerCluster(c, 'Am', { name: 'main' });
    new Prometheus(c, 'P', { name: 'k8s', alertmanager: am, ruleNamespaceSelector: NamespaceSelector.all(), evaluationInterval: Duration.seconds(15), externalLabels: { cluster: 'eu-1' } });
    const p = only(synth(c), 'Prometheus');
    const { affinity, topologySpreadConstraints, resources, serviceAccountName, ...rest } = p.spec; // HA and RBAC: test/production.test.ts
    expect([!!affinity, !!topologySpreadConstraints, !!resources, serviceAccountName]).toEqual([true, true, true, 'prometheus-k8s']);
    expect(rest).toEqual({
      replicas: 2,
      evaluationInterval: '15s',
      externalLabels: { cluster: 'eu-1' },
      ruleSelector: { matchLabels: { prometheus: 'k8s', role: 'alert-rules' } },
      ruleNamespaceSelector: {},
      alerting: { alertmanagers: [{ name: 'alertmanager-operated', namespace: 'monitoring', port: 'web', apiVersion: 'v2' }] },
    });
    expect(p).toMatchSnapshot();
  });

  test('NamespaceSelector: own leaves the selector unset, names select by kubernetes.io/metadata.name', () => {
    const c = chart();
    new Prometheus(c, 'A', { name: 'a' });
    new Prometheus(c, 'B', { name: 'b', ruleNamespaceSelector: NamespaceSelector.names('team-b', 'team-a') });
    const m = synth(c);
    expect(only(m, 'Prometheus', 'a').spec.ruleNamespaceSelector).toBeUndefined();
    expect(only(m, 'Prometheus', 'b').spec.ruleNamespaceSelector).toEqual({
      matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['team-a', 'team-b'] }],
    });
  });

  test('rejects an empty rule selector, which would select every team\'s rules', () => {
    expect(() => new Prometheus(chart(), 'P', { ruleSelectorLabels: {} })).toThrow(/ruleSelectorLabels: an empty selector/);
  });
});

describe('PrometheusRules', () => {
  test('carries the labels its Prometheus selects, on its metadata', () => {
    // GIVEN an existing kube-prometheus-stack Prometheus
    const c = chart('apps');
    const kps = Prometheus.fromExisting(c, 'Kps', { name: 'kps', namespace: 'monitoring', ruleSelectorLabels: { release: 'kube-prometheus-stack' }, ruleNamespaceSelector: NamespaceSelector.all() });
    // WHEN
    const rules = new PrometheusRules(c, 'Rules', { name: 'app-rules', prometheus: kps, labels: { team: 'a' } });
    const g = rules.addGroup('app.rules', { interval: Duration.seconds(30) });
    g.addAlertingRule({ alert: 'HighErrorRate', expr: 'sum(rate(http_requests_total{code=~"5.."}[5m])) > 1', for: Duration.minutes(10), keepFiringFor: Duration.minutes(5), labels: { severity: 'critical' }, annotations: { summary: '{{ $value }} errors/s' } });
    g.addRecordingRule({ record: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))' });
    const m = only(synth(c), 'PrometheusRule');
    // THEN
    expect(m.metadata).toEqual({ name: 'app-rules', namespace: 'apps', labels: { team: 'a', release: 'kube-prometheus-stack' } });
    expect(m.spec.groups).toEqual([{
      name: 'app.rules',
      interval: '30s',
      // In the order they were added: rule order is evaluation order.
      rules: [
        { alert: 'HighErrorRate', expr: 'sum(rate(http_requests_total{code=~"5.."}[5m])) > 1', for: '10m', keep_firing_for: '5m', labels: { severity: 'critical' }, annotations: { summary: '{{ $value }} errors/s' } },
        { record: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))' },
      ],
    }]);
    expect(m).toMatchSnapshot();
  });

  test('rejects PromQL that does not parse, naming the position', () => {
    expect(() => new PrometheusRules(chart(), 'R', { groups: [new RuleGroup('g', { alertingRules: [{ alert: 'A', expr: 'rate(x[5m]' }] })] }))
      .toThrow(/\[test\/R\] groups\[0\]\.alertingRules\[0\]\.expr: .*line 1, column/);
  });

  test('rejects the __name__ label, broken templates and malformed durations at once', () => {
    expect(() => new PrometheusRules(chart(), 'R', {
      groups: [new RuleGroup('g', {
        alertingRules: [{ alert: 'A', expr: 'up == 0', for: Duration.millis(0.5), labels: { __name__: 'x' }, annotations: { summary: '{{ $labels.job ', description: '{{ humanise $value }}' } }],
      })],
    })).toThrow(/4 problems:[\s\S]*for[\s\S]*labels\.__name__[\s\S]*summary: template error at line 1, column 16: unclosed action[\s\S]*description: .*function "humanise" not defined.*Fix: did you mean "humanize"\?/);
  });

  test('accepts what Prometheus loads: alert names with spaces, labels starting with __, UTF-8 label names', () => {
    // Prometheus 2 and 3 load these (the checks warn about them at synth); the constructor must not refuse them.
    const c = chart();
    new PrometheusRules(c, 'R', {
      groups: [new RuleGroup('g', {
        alertingRules: [{ alert: 'Disk almost full', expr: 'up == 0', labels: { __tier: 'x', 'team.name': 'a' }, annotations: { 'runbook-url': 'x' } }],
      })],
    });
    const m = only(synth(c), 'PrometheusRule');
    expect(m.spec.groups[0].rules[0]).toMatchObject({ alert: 'Disk almost full', labels: { '__tier': 'x', 'team.name': 'a' } });
  });

  test('keeps the user\'s rule order: options in key order, then add calls in call order', () => {
    // GIVEN recording rules written before alerting rules in the options, and more of each added later
    const g = new RuleGroup('g', {
      recordingRules: [{ record: 'a:x', expr: 'up' }],
      alertingRules: [{ alert: 'UsesA', expr: 'a:x == 0' }],
    });
    g.addAlertingRule({ alert: 'Second', expr: 'up == 0' });
    g.addRecordingRule({ record: 'b:x', expr: 'up' });
    g.addAlertingRule({ alert: 'UsesB', expr: 'b:x == 0' });
    const c = chart();
    new PrometheusRules(c, 'R', { groups: [g] });
    // WHEN synthesized
    const rules = only(synth(c), 'PrometheusRule').spec.groups[0].rules as Array<{ alert?: string; record?: string }>;
    // THEN the order is exactly the order written
    expect(rules.map((r) => r.alert ?? r.record)).toEqual(['a:x', 'UsesA', 'Second', 'b:x', 'UsesB']);
    // AND alerting rules first in the options keep that order too
    const h = new RuleGroup('h', { alertingRules: [{ alert: 'A', expr: 'up == 0' }], recordingRules: [{ record: 'r:x', expr: 'up' }] });
    expect(h._toJson().rules!.map((r) => r.alert ?? r.record)).toEqual(['A', 'r:x']);
    expect(h.alertingRules.map((r) => r.alert)).toEqual(['A']);
    expect(g.recordingRules.map((r) => r.record)).toEqual(['a:x', 'b:x']);
    expect(g.size).toBe(5);
  });

  test('rejects duplicate group names', () => {
    const rules = new PrometheusRules(chart(), 'R');
    rules.addGroup('g');
    expect(() => rules.addGroup('g')).toThrow(/groups\[1\]\.name: .*already a group/);
  });

  test('rules added to a group after construction are validated at synth', () => {
    const c = chart();
    const rules = new PrometheusRules(c, 'R');
    rules.addGroup('g').addAlertingRule({ alert: 'A', expr: 'sum(' });
    expect(() => synth(c)).toThrow(/groups\[0\]\.alertingRules\[0\]\.expr/);
  });
});
