import { Chart, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { AlertmanagerCluster, ClusterModel, ExternalAlertSource, Prometheus, modelOfApp } from '../../lib/tooling';
import { formatShape } from '../../lib/simulate/label-flow';
import { destinationsOf } from '../../lib/simulate/label-flow-routing';
import { AlertSourceKind, alertSources, alertWorld } from '../../lib/simulate/label-flow-sources';

function model(yaml: string): ClusterModel {
  return ClusterModel.build(parseAllDocuments(yaml).map((d, doc) => ({ value: d.toJS(), source: { file: 'x.yaml', doc } })));
}

const AM = `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: { alertmanagerConfigSelector: {} }
`;

function prometheus(spec: string): string {
  return `---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: main, namespace: monitoring }
spec:
  ruleSelector: {}
  alerting: { alertmanagers: [{ name: alertmanager-operated, namespace: monitoring, port: web }] }
${spec ? `${spec}\n` : ''}`;
}

const RULE = `---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: rules, namespace: monitoring }
spec:
  groups:
    - name: g
      labels: { team: sre }
      rules:
        - { alert: Down, expr: 'sum by (job) (up) == 0', labels: { severity: critical } }
        - { record: 'job:up:sum', expr: 'sum by (job) (up)' }
`;

function shapesOf(yaml: string): string[] {
  return alertSources(model(yaml)).filter((s) => s.kind === AlertSourceKind.RULE).flatMap((s) => s.shapes.map(formatShape));
}

describe('rule sources', () => {
  test('the operator adds prometheus="<ns>/<name>"; external labels fill in; prometheus_replica is dropped before sending; group labels (Prometheus 3) may be set', () => {
    expect(shapesOf(AM + prometheus('  externalLabels: { cluster: eu-1, prometheus_replica: x }') + RULE)).toEqual([
      '{alertname="Down", cluster="eu-1", job?=*, prometheus="monitoring/main", severity="critical", team?="sre"}',
    ]);
  });

  test('prometheusExternalLabelName "" leaves the label out; another name renames it', () => {
    expect(shapesOf(AM + prometheus('  prometheusExternalLabelName: ""') + RULE)).toEqual(['{alertname="Down", job?=*, severity="critical", team?="sre"}']);
    expect(shapesOf(AM + prometheus('  prometheusExternalLabelName: source') + RULE)).toEqual(['{alertname="Down", job?=*, severity="critical", source="monitoring/main", team?="sre"}']);
  });

  test('enforcedNamespaceLabel sets the rule\'s namespace on its alerts, unless the rule is excluded', () => {
    expect(shapesOf(AM + prometheus('  enforcedNamespaceLabel: namespace') + RULE)).toEqual([expect.stringContaining('namespace="monitoring"')]);
    expect(shapesOf(AM + prometheus('  enforcedNamespaceLabel: namespace\n  excludedFromEnforcement: [{ resource: prometheusrules, namespace: monitoring, name: rules }]') + RULE))
      .toEqual([expect.not.stringContaining('namespace=')]);
  });

  test('alert relabelling makes any label possible, and is an assumption of the world', () => {
    const m = model(AM + prometheus('  alerting: { alertmanagers: [{ name: alertmanager-operated, namespace: monitoring, port: web, alertRelabelings: [{ action: labeldrop, regex: team }] }] }').replace(/ {2}alerting: \{ alertmanagers: \[\{ name: alertmanager-operated, namespace: monitoring, port: web \}\] \}\n/, '') + RULE);
    expect(alertSources(m).flatMap((s) => s.shapes.map(formatShape))).toEqual(['{...}']);
    expect(alertWorld(m, m.alertmanagers[0]).assumptions).toEqual(['the alert relabelling of Prometheus monitoring/main (alertRelabelings) may change the alerts\' labels']);
  });

  test('a rule no Prometheus of the model loads never fires; with no Prometheus at all, one outside the model may load it', () => {
    const unselected = model(AM + prometheus('').replace('ruleSelector: {}', 'ruleSelector: { matchLabels: { x: y } }') + RULE);
    expect(alertSources(unselected)).toEqual([]);
    const none = model(AM + RULE);
    expect(alertSources(none).map((s) => [s.alertmanagers, s.shapes[0].openReason])).toEqual([[undefined, 'the external labels of the Prometheus outside the model that loads Down']]);
    expect(alertWorld(none, none.alertmanagers[0]).assumptions).toEqual(['no Prometheus of the model sends alerts to Alertmanager monitoring/main, so the rules that fire there are not all in the model']);
  });

  test('a closed world: nothing assumed; rules from namespaces chosen by labels: assumed', () => {
    const closed = model(AM + prometheus('') + RULE);
    expect(alertWorld(closed, closed.alertmanagers[0]).assumptions).toEqual([]);
    const open = model(AM + prometheus('  ruleNamespaceSelector: { matchLabels: { monitoring: "true" } }') + RULE);
    expect(alertWorld(open, open.alertmanagers[0]).assumptions).toEqual([expect.stringMatching(/^Prometheus monitoring\/main loads PrometheusRules from namespaces chosen by labels/)]);
  });

  test('a Prometheus that sends to another namespace\'s Alertmanager is no source of this one', () => {
    const m = model(AM + prometheus('').replace('namespace: monitoring, port: web', 'namespace: other, port: web') + RULE);
    expect(alertWorld(m, m.alertmanagers[0]).sources).toEqual([]);
  });
});

describe('Flux sources', () => {
  const flux = (alertSpec: string, address = 'http://alertmanager-operated.monitoring:9093/api/v2/alerts/') => `${AM}---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: am, namespace: flux-system }
spec: { type: alertmanager, address: "${address}" }
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: a, namespace: flux-system }
spec: { providerRef: { name: am }, ${alertSpec} }
`;

  test('labels as notification-controller sets them; info Alerts send errors too; eventMetadata becomes labels', () => {
    const m = model(flux('eventSeverity: info, eventSources: [{ kind: HelmRelease, name: web, namespace: apps }], eventMetadata: { cluster: eu-1, summary: s }'));
    expect(alertSources(m).map((s) => formatShape(s.shapes[0]))).toEqual([
      '{alertname="FluxHelmRelease"*, cluster="eu-1", kind="HelmRelease", name="web", namespace="apps", reason=*, reportingcontroller="helm-controller", revision?=*, severity="info"|"error", ...}',
    ]);
  });

  test('namespace "*" matches nothing; a Provider posting to an Alertmanager outside the model is no source of it', () => {
    expect(alertSources(model(flux('eventSources: [{ kind: Kustomization, name: "*", namespace: "*" }]')))).toEqual([]);
    expect(alertSources(model(flux('eventSources: [{ kind: Kustomization, name: "*" }]', 'http://alertmanager-operated.elsewhere:9093/api/v2/alerts/')))).toEqual([]);
  });
});

describe('ExternalAlertSource', () => {
  test('a document: names, labels with "*" for any value, its Alertmanager', () => {
    const m = model(`${AM}---
apiVersion: cdk8s-alerting.io/v1
kind: ExternalAlertSource
metadata: { name: kps }
spec: { alertNames: [KubePodCrashLooping], labels: { severity: [warning], namespace: ["*"] }, alertmanager: { name: main, namespace: monitoring } }
`);
    const [s] = alertSources(m);
    expect([s.kind, s.alertmanagers?.map((a) => a.name), formatShape(s.shapes[0])]).toEqual(['external', ['main'], '{alertname="KubePodCrashLooping", namespace?=*, severity?="warning"}']);
    expect(alertWorld(m, m.alertmanagers[0]).assumptions).toContain('ExternalAlertSource kps declares alerts from outside the app');
  });

  test('the construct declares the same object, synthesizes nothing, and rejects bad props', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c', { namespace: 'monitoring' });
    const am = new AlertmanagerCluster(c, 'Am', { name: 'main' });
    new Prometheus(c, 'P', { name: 'main', alertmanager: am });
    new ExternalAlertSource(c, 'Kps', { name: 'kps', alertNames: ['KubePodCrashLooping'], labels: { severity: ['warning'] }, alertmanager: am });
    expect(Testing.synth(c).map((o) => o.kind)).not.toContain('ExternalAlertSource');
    const { model: m } = modelOfApp(app);
    const [s] = alertSources(m).filter((x) => x.kind === AlertSourceKind.EXTERNAL);
    expect([s.object.source.constructPath, s.object.source.external, formatShape(s.shapes[0])]).toEqual(['c/Kps', true, '{alertname="KubePodCrashLooping", severity?="warning"}']);
    expect(() => new ExternalAlertSource(c, 'Bad', { alertNames: [], labels: { 'bad-name': ['x'], ok: [] } })).toThrow(/3 problems:[\s\S]*labels: is not a valid Prometheus label name.*got "bad-name"[\s\S]*labels\.ok: must be a list of non-empty values[\s\S]*alertNames: must list at least one/);
  });
});

describe('the route walk on label shapes', () => {
  const config = { route: { receiver: 'root', routes: [
    { receiver: 'a', matchers: ['severity="critical"'], continue: true },
    { receiver: 'b', matchers: ['severity=~"warning|critical"'] },
    { receiver: 'c', matchers: ['team="x"'] },
  ] } };

  test('continue goes on; a route every alert matches stops the walk; one some alerts match does not', () => {
    const known = { labels: { severity: { values: ['critical'], optional: false } }, open: false };
    expect(destinationsOf(config, [known]).map((d) => d.receiver)).toEqual(['a', 'b']);
    const maybe = { labels: { severity: { values: ['critical', 'info'], optional: false } }, open: false };
    expect(destinationsOf(config, [maybe]).map((d) => d.receiver)).toEqual(['a', 'b', 'root']);
    const open = { labels: {}, open: true };
    expect(destinationsOf(config, [open]).map((d) => d.receiver)).toEqual(['a', 'b', 'c', 'root']);
  });
});
