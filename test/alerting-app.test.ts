import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  AlertingApp, AlertmanagerCluster, AlertmanagerRouting, FluxAlert, FluxErrorAlert, FluxSourceKind, SecretKey, SlackProvider, WebhookReceiver,
} from '../lib/tooling';
import { MANIFEST_FILE_NAME } from '../lib/output';

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'alerting-app-'));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function stack(app: AlertingApp, attached: boolean): void {
  const c = new Chart(app, 'stack', { namespace: 'monitoring' });
  const am = new AlertmanagerCluster(c, 'Am', { name: 'main' });
  new AlertmanagerRouting(c, 'R', {
    name: 'r',
    alertmanager: attached ? am : undefined,
    receiver: new WebhookReceiver({ name: 'w', url: SecretKey.fromSecret(kplus.Secret.fromSecretName(c, 'S', 'hook'), 'url') }),
  });
}

function listing(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

describe('AlertingApp', () => {
  test('a failing check leaves the output directory and the publish directory untouched', () => {
    // GIVEN directories that already hold a previous synth
    const outdir = tmp();
    const publishDir = tmp();
    fs.writeFileSync(path.join(outdir, 'stack.k8s.yaml'), 'previous\n');
    fs.writeFileSync(path.join(publishDir, 'stack.k8s.yaml'), 'previous\n');
    fs.writeFileSync(path.join(publishDir, 'kustomization.yaml'), 'resources: []\n');
    const before = [listing(outdir), listing(publishDir)];
    // WHEN the stack has a wiring error
    const app = new AlertingApp({ outdir, publishDir });
    stack(app, false);
    // THEN the synth fails, naming the problem, and nothing was written
    expect(() => app.synth()).toThrow(/\[stack\/R\] config-not-selected/);
    expect([listing(outdir), listing(publishDir)]).toEqual(before);
    expect(fs.readdirSync(path.dirname(outdir)).filter((f) => f.startsWith(path.basename(outdir)) && f !== path.basename(outdir))).toEqual([]);
  });

  test('a passing synth replaces the output directory and publishes the same files', () => {
    const outdir = tmp();
    const publishDir = path.join(tmp(), 'clusters', 'a', 'alerting');
    fs.writeFileSync(path.join(outdir, 'stale.k8s.yaml'), 'stale\n');
    const app = new AlertingApp({ outdir, publishDir });
    stack(app, true);
    app.synth();
    expect(Object.keys(listing(outdir))).toEqual(['stack.k8s.yaml']);
    // publishDir also holds the manifest of the files the app wrote there
    const { [MANIFEST_FILE_NAME]: manifest, ...published } = listing(publishDir);
    expect(published).toEqual(listing(outdir));
    expect(Object.keys(JSON.parse(manifest).files)).toEqual(['stack.k8s.yaml']);
    expect(listing(outdir)['stack.k8s.yaml']).toMatch(/kind: AlertmanagerConfig/);
  });

  test('strict turns warnings into errors', () => {
    const build = (strict: boolean) => {
      const app = new AlertingApp({ outdir: tmp(), strict });
      const c = new Chart(app, 'flux', { namespace: 'flux-system' });
      const provider = new SlackProvider(c, 'Slack', { secret: kplus.Secret.fromSecretName(c, 'S', 'slack-url') });
      new FluxAlert(c, 'Info', { provider, eventSources: [{ kind: FluxSourceKind.KUSTOMIZATION }] });
      new FluxErrorAlert(c, 'Errors', { provider });
      return app;
    };
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(() => build(false).synth()).not.toThrow();
      expect(stderr.mock.calls.map((a) => String(a[0])).join('')).toMatch(/warning flux-double-post/);
    } finally {
      stderr.mockRestore();
    }
    expect(() => build(true).synth()).toThrow(/\[flux\/Info\] flux-double-post/);
  });
});
