import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Chart, Include, Testing } from 'cdk8s';
import { AlertingApp, findingsOf, Finding } from '../../lib/tooling';
import { main } from '../../lib/cli/main';
import { yamlFilesUnder } from '../_files';

const FIXTURE = join(__dirname, '..', 'fixtures', 'kps-repo');

function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** What makes two findings the same, whatever the model was read from. */
function identity(f: Pick<Finding, 'check' | 'severity' | 'message' | 'fix'> & { kind?: string; namespace?: string; name?: string; object?: Finding['object'] }): string {
  const o = f.object ?? (f as { kind: string; namespace?: string; name: string });
  return JSON.stringify([f.check, f.severity, o.kind, o.namespace, o.name, f.message, f.fix]);
}

describe('check on a hand-written repository with a kube-prometheus-stack-style Alertmanager', () => {
  test('reports the unselected config, the plaintext Secret and the Alert without its Provider, naming file and document', () => {
    const { code, out } = run('check', FIXTURE);
    expect(code).toBe(1);
    const rel = (p: string) => p.replace(`${FIXTURE}/`, '');
    const lines = out.map(rel);
    expect(lines).toEqual([
      expect.stringMatching(/^team-a\/alerting\.yaml:0 AlertmanagerConfig team-a\/team-a config-not-selected: Alertmanager monitoring\/kps-alertmanager never loads this AlertmanagerConfig, so its routes never run: its alertmanagerConfigSelector does not match the AlertmanagerConfig's labels \(selector: release=kps; labels: \(none\); unmet: release=kps \[no label release\]\)\. Fix: /),
      // The config is not loaded, so TeamADown falls through to the root route; the base configuration (a Secret) is not in the repository: a warning.
      expect.stringMatching(/^team-a\/alerting\.yaml:2 PrometheusRule team-a\/team-a warning alert-unrouted: spec\.groups\[0\]\.rules\[0\]: alert TeamADown .*reaches no receiver that notifies anyone: in Alertmanager monitoring\/kps-alertmanager it ends at the root route's receiver null \(a warning, not an error: the base configuration of Alertmanager monitoring\/kps-alertmanager \(Secret monitoring\/alertmanager-kps-alertmanager, which the model lacks\) may route them\)/),
      expect.stringMatching(/^flux-system\/notifications\.yaml:1 Alert team-a\/team-a flux-provider-namespace: spec\.providerRef: the Provider flux-system\/alertmanager is in another namespace/),
      expect.stringMatching(/^team-a\/alerting\.yaml:1 Secret team-a\/slack-webhook secret-plaintext: .*\["url"\].*Fix: /),
    ]);
    // the value itself is never printed
    expect(out.join('\n')).not.toContain('hooks.slack.invalid');
  });

  test('--format json gives the same findings for CI annotations', () => {
    const { code, out } = run('check', FIXTURE, '--format', 'json');
    expect(code).toBe(1);
    const report = JSON.parse(out.join('\n'));
    expect(report.findings.map((f: { check: string }) => f.check)).toEqual(['config-not-selected', 'alert-unrouted', 'flux-provider-namespace', 'secret-plaintext']);
    expect(report.findings[0]).toMatchObject({ severity: 'error', kind: 'AlertmanagerConfig', namespace: 'team-a', name: 'team-a', doc: 0 });
  });

  test('the same YAML pulled into a cdk8s app with Include gives the same findings in synth', () => {
    const app = new AlertingApp({ outdir: mkdtempSync(join(tmpdir(), 'kps-app-')) });
    try {
      const chart = new Chart(app, 'repo');
      yamlFilesUnder(FIXTURE).forEach((file, i) => new Include(chart, `f${i}`, { url: file }));
      const inApp = findingsOf(app).map(identity).sort();
      const cli = JSON.parse(run('check', FIXTURE, '--format', 'json').out.join('\n')).findings.map(identity).sort();
      expect(inApp).toEqual(cli);
      expect(inApp).toHaveLength(4);
      expect(() => app.synth()).toThrow(/\[repo\/f\d\/[^\]]+\] config-not-selected: /);
    } finally {
      rmSync(app.outdir, { recursive: true, force: true });
    }
  });

  test('fixed, the repository is clean', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kps-fixed-'));
    try {
      writeFileSync(join(dir, 'all.yaml'), `
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: kps-alertmanager, namespace: monitoring }
spec:
  alertmanagerConfigSelector: { matchLabels: { release: kps } }
  alertmanagerConfigNamespaceSelector: {}
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team-a, namespace: team-a, labels: { release: kps } }
spec:
  route: { receiver: slack }
  receivers: [{ name: slack, slackConfigs: [{ apiURL: { name: slack-webhook, key: url } }] }]
`);
      expect(run('check', dir)).toMatchObject({ code: 0, out: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('check on unusable input', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'check-bad-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a missing folder: one line, exit 2, no stack trace', () => {
    const { code, err } = run('check', join(dir, 'nope'));
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^cdk8s-alerting check: .*nope/);
    expect(err[0]).not.toMatch(/\n\s+at /);
  });

  test('a document that is not an object, and an Alertmanager whose spec is a string: named by file and document, exit 2', () => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'x.yaml'), 'just a string\n---\napiVersion: monitoring.coreos.com/v1\nkind: Alertmanager\nmetadata: { name: am, namespace: monitoring }\nspec: oops\n---\napiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: r }\nspec: { groups: nope }\n');
    const { code, out } = run('check', dir);
    expect(code).toBe(2);
    expect(out.map((l) => l.replace(`${dir}/`, ''))).toEqual([
      'sub/x.yaml:0: line 1:1: document is a string ("just a string"), not a Kubernetes object. Fix: make it a mapping with apiVersion, kind and metadata.name',
      'sub/x.yaml:1 Alertmanager monitoring/am: spec: must be an object, got string "oops"',
      'sub/x.yaml:2 PrometheusRule default/r: spec.groups: must be a list, got string "nope"',
    ]);
  });

  test('a name with a newline or a quote stays on one line, JSON-quoted', () => {
    writeFileSync(join(dir, 'x.yaml'), 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: "bad\\nname", namespace: "a b" }\nspec: { groups: nope }\n');
    const { code, out } = run('check', dir);
    expect(code).toBe(2);
    expect(out.filter((l) => l.includes('PrometheusRule')).map((l) => l.replace(`${dir}/`, ''))).toEqual([
      'x.yaml:0 PrometheusRule "a b"/"bad\\nname": spec.groups: must be a list, got string "nope"',
    ]);
    expect(out.every((l) => !l.includes('\n'))).toBe(true);
  });

  test('bad usage: exit 2 with the command\'s usage', () => {
    expect(run('check').code).toBe(2);
    expect(run('check', dir, '--format', 'xml').err.join('\n')).toMatch(/--format must be text or json[\s\S]*usage: cdk8s-alerting check/);
    expect(run('frobnicate').code).toBe(2);
    expect(run('check', '--help')).toMatchObject({ code: 0, out: [expect.stringMatching(/^usage: cdk8s-alerting check/)] });
  });
});

test('check passes Testing-synthesized charts too (no Alertmanager: nothing to select)', () => {
  const app = Testing.app();
  const c = new Chart(app, 'c');
  expect(Testing.synth(c)).toEqual([]);
});

test('kustomize\'s own kustomization.yaml files in a Flux repository are not objects of the cluster: skipped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-kustomize-'));
  try {
    writeFileSync(join(dir, 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [cm.yaml]\n');
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n');
    expect(run('check', dir)).toMatchObject({ code: 0, out: [] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
