/**
 * The label-flow view of `cdk8s-alerting effective-config`, on the first article's stack and on
 * a folder with an ExternalAlertSource document beside the manifests.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'cdk8s';
import { FirstArticleChart } from '../../examples/first-article';
import { main } from '../../lib/cli/main';

function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('effective-config label flow', () => {
  let dir: string;
  let outRoot: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'label-flow-in-'));
    outRoot = mkdtempSync(join(tmpdir(), 'label-flow-out-'));
    const app = Testing.app();
    const chart = new FirstArticleChart(app, 'first-article');
    writeFileSync(join(dir, 'first-article.k8s.yaml'), Testing.synth(chart).map((m) => JSON.stringify(m)).join('\n---\n'));
  });
  afterEach(() => [dir, outRoot].forEach((d) => rmSync(d, { recursive: true, force: true })));

  test('the first article: ExampleAlert reaches the Lambda with the labels its rule and Prometheus give it; Flux errors reach it too', () => {
    const { code, out } = run('effective-config', dir, '--label-flow');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('Alertmanager prometheus/example:');
    const at = lines.indexOf('  alert ExampleAlert (PrometheusRule prometheus/prometheus-alerts) via Prometheus prometheus/example');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('    labels {alertname="ExampleAlert", namespace="my-cluster-namespace", prometheus="prometheus/example", severity="warning"}');
    expect(lines[at + 2]).toBe('    -> prometheus/example-alertmanagerconfig/lambda-webhook');
    const flux = lines.indexOf('  error events of every Kustomization in "prometheus-alerts" (Flux Alert prometheus-alerts/errors)');
    expect(flux).toBeGreaterThan(0);
    expect(lines[flux + 1]).toMatch(/^ {4}labels \{alertname="FluxKustomization"\*, kind="Kustomization", name=\*, namespace="prometheus-alerts", .*severity="error", \.\.\.\}$/);
    expect(lines[flux + 2]).toBe('    -> prometheus/flux-alertmanagerconfig/lambda-webhook');
    // the rule packs' InfoInhibitor (severity none) ends at null by design; nothing else is dropped
    expect(out).not.toContain('DROPPED');
    expect(out).toMatch(/ {2}alert InfoInhibitor .*\n.*\n {4}-> prometheus\/example-base\/null {3}\(dropped: severity none, not meant to notify\)/);
  });

  test('the README shows lines of the real view: each line of its sample is in the output', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const block = /```text\n\$ npx cdk8s-alerting effective-config cdk8s\.out --label-flow\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const sample = block![1].split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('... ('));
    expect(sample.length).toBeGreaterThanOrEqual(10);
    const lines = new Set(run('effective-config', dir, '--label-flow').out.split('\n'));
    expect(sample.filter((l) => !lines.has(l))).toEqual([]);
  });

  test('the view heads each alertmanager.yaml as comments, which YAML ignores', () => {
    expect(run('effective-config', dir, '--out', join(outRoot, 'out')).code).toBe(0);
    const text = readFileSync(join(outRoot, 'out', 'prometheus-example.alertmanager.yaml'), 'utf8');
    expect(text).toMatch(/^# label flow: /m);
    expect(text).toMatch(/^# {3}alert ExampleAlert \(PrometheusRule prometheus\/prometheus-alerts\) via Prometheus prometheus\/example$/m);
    expect(text).toMatch(/^# {5}-> prometheus\/example-alertmanagerconfig\/lambda-webhook$/m);
  });

  test('a dropped alert is marked, and an ExternalAlertSource document given beside the manifests is listed', () => {
    writeFileSync(join(dir, 'more.yaml'), `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: more, namespace: prometheus, labels: { prometheus: example, role: alert-rules } }
spec:
  groups: [{ name: more, rules: [{ alert: DiskFull, expr: 'sum by (instance) (node_filesystem_avail_bytes) < 1', labels: { severity: critical } }] }]
`);
    const sources = join(outRoot, 'alert-sources.yaml');
    writeFileSync(sources, `apiVersion: cdk8s-alerting.io/v1
kind: ExternalAlertSource
metadata: { name: kube-prometheus-stack }
spec:
  alertNames: [KubePodCrashLooping]
  labels: { severity: [warning], namespace: [my-cluster-namespace] }
`);
    const { code, out } = run('effective-config', dir, sources, '--label-flow');
    expect(code).toBe(0);
    expect(out).toMatch(/ {2}alert DiskFull \(PrometheusRule prometheus\/more\) via Prometheus prometheus\/example\n {4}labels \{alertname="DiskFull", instance\?=\*, prometheus="prometheus\/example", severity="critical"\}\n {4}-> prometheus\/example-base\/null {3}DROPPED: no receiver delivers it/);
    expect(out).toMatch(/ {2}alerts declared by ExternalAlertSource kube-prometheus-stack\n {4}labels \{alertname="KubePodCrashLooping", namespace\?="my-cluster-namespace", severity\?="warning"\}\n {4}-> prometheus\/example-alertmanagerconfig\/lambda-webhook, prometheus\/example-base\/null/);
  });
});
