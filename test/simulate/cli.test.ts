import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { loadManifests, ruleFilesFrom } from '../../lib/simulate';
import { main } from '../../lib/cli/main';
import { LAMBDA_RECEIVER, loadExampleStack } from '../e2e/_fixtures';

describe('cli effective-config', () => {
  let dir: string;
  beforeEach(() => {
    // GIVEN a synth dir as cdk8s writes it: one multi-document *.k8s.yaml per chart
    dir = mkdtempSync(join(tmpdir(), 'simulate-cli-'));
    const manifests = loadExampleStack({ withMsTeams: true });
    writeFileSync(join(dir, 'example.k8s.yaml'), manifests.map((m) => stringify(m)).join('---\n'));
    writeFileSync(join(dir, 'notes.txt'), 'not yaml');
  });
  let outRoot: string; // beside the input: --out may not overlap it
  beforeEach(() => { outRoot = mkdtempSync(join(tmpdir(), 'simulate-cli-out-')); });
  afterEach(() => [dir, outRoot].forEach((d) => rmSync(d, { recursive: true, force: true })));

  test('writes <ns>-<name>.alertmanager.yaml per Alertmanager', () => {
    const out: string[] = [];
    const code = main(['effective-config', dir, '--out', join(outRoot, 'out'), '--compat', '0.25'], { out: (l) => out.push(l), err: (l) => out.push(l) });
    expect(code).toBe(0);
    const text = readFileSync(join(outRoot, 'out', 'prometheus-example.alertmanager.yaml'), 'utf8');
    expect(text).toMatch(/^# merged: prometheus-alerts\/flux-alerts, prometheus\/example-alertmanagerconfig$/m);
    expect(text).toMatch(/^# omitted for Alertmanager 0.25: prometheus-alerts\/flux-alerts\/msteams msteams_configs$/m);
    const config = parse(text) as { route: { routes: Array<{ receiver: string }> } };
    expect(config.route.routes.map((r) => r.receiver)).toContain(LAMBDA_RECEIVER);
  });

  test('--out inside the input, or on the project itself, is refused with one line and nothing written', () => {
    const err: string[] = [];
    expect(main(['effective-config', dir, '--out', join(dir, 'out')], { out: () => undefined, err: (l) => err.push(l) })).toBe(2);
    expect(err).toEqual([expect.stringMatching(/^cdk8s-alerting effective-config: --out: .*Fix: /)]);
    expect(main(['rule-files', dir, '--out', '.'], { out: () => undefined, err: (l) => err.push(l) })).toBe(2);
  });

  test('foreign files in --out survive; stale files it wrote are removed', () => {
    const out = join(outRoot, 'out');
    const io = { out: () => undefined, err: () => undefined };
    expect(main(['rule-files', dir, '--out', out], io)).toBe(0);
    writeFileSync(join(out, 'README.md'), 'mine');
    writeFileSync(join(dir, 'example.k8s.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n');
    expect(main(['rule-files', dir, '--out', out], io)).toBe(0);
    expect(readdirSync(out).filter((f) => !f.startsWith('.cdk8s-alerting'))).toEqual(['README.md']);
  });

  test('prints to stdout without --out; bad usage exits 2', () => {
    const out: string[] = [];
    expect(main(['effective-config', dir], { out: (l) => out.push(l), err: () => undefined })).toBe(0);
    expect(out.join('\n')).toContain('--- # prometheus-example.alertmanager.yaml');
    const err: string[] = [];
    expect(main(['effective-config'], { out: () => undefined, err: (l) => err.push(l) })).toBe(2);
    expect(main(['effective-config', dir, '--frobnicate'], { out: () => undefined, err: (l) => err.push(l) })).toBe(2);
    expect(err.join('\n')).toMatch(/usage: cdk8s-alerting effective-config/);
  });

  test('rule-files writes one {groups} file per PrometheusRule', () => {
    const out = join(outRoot, 'rules');
    expect(main(['rule-files', dir, '--out', out], { out: () => undefined, err: () => undefined })).toBe(0);
    expect(parse(readFileSync(join(out, 'prometheus-prometheus-alerts.yaml'), 'utf8'))).toStrictEqual({
      groups: [{ name: 'example.rules', rules: [{ alert: 'ExampleAlert', expr: 'vector(1)', labels: { severity: 'warning', namespace: 'prometheus' } }] }],
    });
  });

  test('manifests and rule files read back from the synth dir', () => {
    const manifests = loadManifests(dir);
    expect(manifests.map((m) => m.kind)).toStrictEqual(['Alertmanager', 'AlertmanagerConfig', 'AlertmanagerConfig', 'AlertmanagerConfig', 'PrometheusRule']);
    expect(ruleFilesFrom(manifests)).toStrictEqual([{
      fileName: 'prometheus-prometheus-alerts.yaml',
      content: { groups: [{ name: 'example.rules', rules: [{ alert: 'ExampleAlert', expr: 'vector(1)', labels: { severity: 'warning', namespace: 'prometheus' } }] }] },
    }]);
  });
});
