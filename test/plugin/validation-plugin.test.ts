/**
 * The real `cdk8s synth` with this library's validation plugin configured in cdk8s.yaml: the
 * findings appear in cdk8s' own report, with construct paths. Needs `npm run build` (npm test does).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AlertingValidation, ValidationPluginContext } from '../../lib/tooling';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
const PLUGIN = path.join(ROOT, 'dist', 'lib', 'plugin', 'validation-plugin.js');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'kps-repo');

/** A project whose app writes the fixture's YAML with plain cdk8s (no construct of this library). */
function project(files: readonly string[], properties = '{}'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-synth-'));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), [
    'language: typescript',
    'app: node app.js',
    'output: cdk8s.out',
    'validations:',
    `  - package: ${PLUGIN}`,
    '    class: AlertingValidation',
    '    version: 0.1.0',
    `    properties: ${properties}`,
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'app.js'), `
const { App, Chart, Include } = require('${ROOT}/node_modules/cdk8s');
const app = new App();
const chart = new Chart(app, 'repo');
${JSON.stringify(files)}.forEach((url, i) => new Include(chart, 'f' + i, { url }));
app.synth();
`);
  return dir;
}

function synth(dir: string) {
  return spawnSync(process.execPath, [CLI, 'synth', '--check-upgrade', 'false'], { cwd: dir, encoding: 'utf8', timeout: 90_000 });
}

describe('cdk8s synth with the validation plugin', () => {
  const dirs: string[] = [];
  beforeAll(() => {
    if (!fs.existsSync(PLUGIN)) { throw new Error(`${PLUGIN} is missing: run npm run build (npm test does)`); }
  });
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  test('errors fail the synth and show in cdk8s\' report with the construct path', () => {
    const dir = project([path.join(FIXTURE, 'team-a', 'alerting.yaml'), path.join(FIXTURE, 'monitoring', 'alertmanager.yaml')]);
    dirs.push(dir);
    const result = synth(dir);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status).toBe(2);
    expect(output).toMatch(/config-not-selected \(error\)/);
    expect(output).toMatch(/secret-plaintext \(error\)/);
    // Construct paths come from cdk8s' construct metadata, which it keys by metadata.name only
    // (objects sharing a name share a path there); the location names kind, namespace and name.
    expect(output).toMatch(/Construct Path: repo\/f0\/slack-webhook-secret-team-a/);
    expect(output).toMatch(/> AlertmanagerConfig team-a\/team-a/);
    expect(output).toMatch(/Validation failed/);
    expect(output).not.toContain('hooks.slack.invalid');
  }, 120_000);

  test('a clean app passes the report', () => {
    const dir = project([path.join(FIXTURE, 'monitoring', 'alertmanager.yaml')]);
    dirs.push(dir);
    const result = synth(dir);
    expect(`${result.stdout}\n${result.stderr}`).toMatch(/Validations ended succesfully|success/i);
    expect(result.status).toBe(0);
  }, 120_000);
});

describe('AlertingValidation', () => {
  function context(manifests: string[]) {
    const violations: Array<{ ruleName: string; recommendation: string }> = [];
    let status: string | undefined;
    const ctx: ValidationPluginContext = {
      manifests,
      report: { addViolation: (v) => { violations.push(v); }, submit: (s) => { status = s; } },
      logger: { log: () => undefined },
    };
    return { ctx, violations, status: () => status };
  }

  test('reports what check reports for the same files', async () => {
    const c = context([path.join(FIXTURE, 'team-a', 'alerting.yaml'), path.join(FIXTURE, 'monitoring', 'alertmanager.yaml'), path.join(FIXTURE, 'flux-system', 'notifications.yaml')]);
    await new AlertingValidation().validate(c.ctx);
    expect(c.violations.map((v) => v.ruleName)).toEqual(['config-not-selected (error)', 'alert-unrouted (warning)', 'flux-provider-namespace (error)', 'secret-plaintext (error)']);
    expect(c.status()).toBe('failure');
  });

  test('alertSources: ExternalAlertSource files read with the manifests', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alert-sources-'));
    try {
      const manifest = path.join(dir, 'app.yaml');
      fs.writeFileSync(manifest, `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: { alertmanagerConfigSelector: {}, alertmanagerConfiguration: { name: main-base } }
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: main-base, namespace: monitoring }
spec: { route: { receiver: "null" }, receivers: [{ name: "null" }] }
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: main, namespace: monitoring }
spec: { ruleSelector: {}, alerting: { alertmanagers: [{ name: alertmanager-operated, namespace: monitoring, port: web }] } }
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: rules, namespace: monitoring }
spec: { groups: [{ name: g, rules: [{ alert: Down, expr: 'sum by (job) (up) == 0', labels: { severity: critical } }] }] }
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: routing, namespace: monitoring }
spec:
  route: { receiver: hook, routes: [{ receiver: hook, matchers: [{ name: serverity, value: critical }] }] }
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]
`);
      const sources = path.join(dir, 'alert-sources.yaml');
      fs.writeFileSync(sources, 'apiVersion: cdk8s-alerting.io/v1\nkind: ExternalAlertSource\nmetadata: { name: kps }\nspec: { alertNames: [KubePodCrashLooping], labels: { severity: [warning] } }\n');
      const without = context([manifest]);
      await new AlertingValidation().validate(without.ctx);
      expect(without.violations.map((v) => v.ruleName)).toContain('matcher-never-produced (error)');
      const withSources = context([manifest]);
      await new AlertingValidation({ alertSources: [sources] }).validate(withSources.ctx);
      expect(withSources.violations.map((v) => v.ruleName)).toContain('matcher-never-produced (warning)');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('allowPlaintextSecrets is a property', async () => {
    const c = context([path.join(FIXTURE, 'team-a', 'alerting.yaml')]);
    await new AlertingValidation({ allowPlaintextSecrets: true }).validate(c.ctx);
    expect(c.violations).toEqual([]);
    expect(c.status()).toBe('success');
  });
});
