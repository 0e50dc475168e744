import { parseAllDocuments } from 'yaml';
import { ClusterModel, runChecks } from '../../lib/tooling';

function findings(yaml: string, prefix: string) {
  const model = ClusterModel.build(parseAllDocuments(yaml).map((d, doc) => ({ value: d.toJS(), source: { file: 'in.yaml', doc } })));
  return runChecks(model).filter((f) => f.check.startsWith(prefix)).map((f) => ({ check: f.check, severity: f.severity, message: f.message }));
}

const prometheus = (version?: string) => `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: main, namespace: monitoring }
spec:
  ruleSelector: { matchLabels: { prometheus: main } }
${version ? `  version: ${version}\n` : ''}---
`;

const rule = (annotations: string, labels = '{ severity: warning }') => `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: r, namespace: monitoring, labels: { prometheus: main } }
spec:
  groups:
  - name: g
    rules:
    - alert: A
      expr: up == 0
      labels: ${labels}
      annotations: ${annotations}
`;

describe('rule checks use the version of the Prometheus that loads the rule', () => {
  test('GIVEN toDuration (Prometheus 3.6+) THEN it is an error for a v2.42.0 Prometheus, nothing for v3.6.0, a warning when the version is unset', () => {
    const yaml = (v?: string) => prometheus(v) + rule('{ d: "{{ toDuration 90 }}" }');
    expect(findings(yaml('v2.42.0'), 'rule-')).toEqual([expect.objectContaining({
      check: 'rule-template', severity: 'error',
      message: expect.stringMatching(/^spec\.groups\[0\]\.rules\[0\] \(alert "A"\)\.annotations\.d: function "toDuration" not defined: Prometheus v2\.42\.0 does not have it \(added in 3\.6\.0\)/),
    })]);
    expect(findings(yaml('v3.6.0'), 'rule-')).toEqual([]);
    expect(findings(yaml(), 'rule-')).toEqual([expect.objectContaining({ check: 'rule-template', severity: 'warning' })]);
  });

  test('GIVEN two Prometheuses load the rule THEN the older version decides', () => {
    const second = `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: old, namespace: monitoring }
spec:
  ruleSelector: { matchLabels: { prometheus: main } }
  version: v2.45.0
---
`;
    expect(findings(prometheus('v3.8.0') + second + rule('{ d: "{{ now }}" }'), 'rule-template')).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringMatching(/Prometheus v2\.45\.0 does not have it/) })]);
  });

  test('GIVEN a UTF-8 label name THEN rule-invalid for a Prometheus 2, rule-unwise-name (warning) for a Prometheus 3', () => {
    const yaml = (v: string) => prometheus(v) + rule('{}', '{ "team.name": a }');
    expect(findings(yaml('v2.55.0'), 'rule-')).toEqual([expect.objectContaining({ check: 'rule-invalid', severity: 'error', message: expect.stringMatching(/labels\.team\.name: invalid label name: Prometheus v2\.55\.0 accepts only/) })]);
    expect(findings(yaml('v3.1.0'), 'rule-')).toEqual([expect.objectContaining({ check: 'rule-unwise-name', severity: 'warning' })]);
  });

  test('GIVEN a field the template data does not have THEN rule-template warns (Prometheus loads it, the annotation shows an expansion error)', () => {
    expect(findings(rule('{ s: "{{ .labels.job }}" }'), 'rule-')).toEqual([expect.objectContaining({ check: 'rule-template', severity: 'warning', message: expect.stringMatching(/\.labels is not a field/) })]);
  });
});

describe('receiver-template uses the version of the Alertmanager that loads the config', () => {
  const yaml = (version?: string) => `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec:
  alertmanagerConfigSelector: { matchLabels: { alertmanager: main } }
${version ? `  version: ${version}\n` : ''}---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring, labels: { alertmanager: main } }
spec:
  route: { receiver: pager }
  receivers:
  - name: pager
    pagerdutyConfigs:
    - routingKey: { name: pd, key: key }
      description: "{{ .CommonAnnotations.summary | trimSpace }}"
      details: [{ key: firing, value: "{{ .Alerts.Firing | len }}" }, { key: bad, value: "{{ .Alerts.Firing | len " }]
`;

  test('GIVEN trimSpace (0.26+) and an unclosed action in a detail THEN 0.25 gets two errors, 0.26 one, and the fields are named', () => {
    const old = findings(yaml('v0.25.0'), 'receiver-template');
    expect(old.map((f) => f.message.replace(/:.*/s, ''))).toEqual([
      'spec.receivers[0] ("pager").pagerdutyConfigs[0].description',
      'spec.receivers[0] ("pager").pagerdutyConfigs[0].details[1].value',
    ]);
    expect(old.every((f) => f.severity === 'error')).toBe(true);
    expect(findings(yaml('v0.26.0'), 'receiver-template')).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringMatching(/details\[1\]\.value: template error .*unclosed action/) })]);
  });

  test('GIVEN no Alertmanager version THEN the newer function is a warning only', () => {
    expect(findings(yaml(), 'receiver-template').map((f) => f.severity)).toEqual(['warning', 'error']);
  });
});

describe('the template examples of issue 10, each in both directions', () => {
  test.each([
    ['an undefined function (humanise)', '{{ $value | humanise }}', '{{ $value | humanize }}', /function "humanise" not defined/],
    ['an undefined variable ($label)', '{{ $label.instance }} is down', '{{ $labels.instance }} is down', /undefined variable "\$label"/],
    ['an unclosed {{ if }}', '{{ if gt $value 0.9 }}almost full', '{{ if gt $value 0.9 }}almost full{{ end }}', /unexpected EOF/],
  ])('GIVEN %s THEN rule-template fails the rule; its fixed twin passes', (_what, broken, fixed, message) => {
    const yaml = (text: string) => rule(`{ summary: ${JSON.stringify(text)} }`);
    expect(findings(yaml(broken), 'rule-')).toEqual([expect.objectContaining({ check: 'rule-template', severity: 'error', message: expect.stringMatching(message) })]);
    expect(findings(yaml(fixed), 'rule-')).toEqual([]);
  });

  test('GIVEN {{ $value }} in an alert label THEN rule-label-value warns; the same text in an annotation is fine', () => {
    expect(findings(rule('{}', '{ severity: warning, value: "{{ $value }}" }'), 'rule-')).toEqual([expect.objectContaining({ check: 'rule-label-value', severity: 'warning' })]);
    expect(findings(rule('{ value: "{{ $value }}" }'), 'rule-')).toEqual([]);
  });

  test('GIVEN duplicate rules in a group THEN rule-duplicate warns; with a label that tells them apart it is quiet', () => {
    const two = (labels2: string) => `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: r, namespace: monitoring }
spec:
  groups:
  - name: g
    rules:
    - { alert: Down, expr: up == 0, labels: { severity: warning } }
    - { alert: Down, expr: up == 0, labels: ${labels2} }
`;
    expect(findings(two('{ severity: warning }'), 'rule-')).toEqual([expect.objectContaining({ check: 'rule-duplicate', severity: 'warning', message: expect.stringMatching(/spec\.groups\[0\]\.rules\[1\] has the same name "Down" and labels \{"severity":"warning"\} as spec\.groups\[0\]\.rules\[0\]/) })]);
    expect(findings(two('{ severity: critical }'), 'rule-')).toEqual([]);
  });

  test('GIVEN an alert name with spaces and a __ label THEN they are warnings, never errors: Prometheus loads them', () => {
    const yaml = `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: r, namespace: monitoring }
spec:
  groups: [{ name: g, rules: [{ alert: Disk almost full, expr: up == 0, labels: { __tier: gold } }] }]
`;
    expect(findings(yaml, '').filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings(yaml, 'rule-').map((f) => f.check)).toEqual(['rule-unwise-name', 'rule-unwise-name']);
  });
});
