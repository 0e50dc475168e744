/**
 * `cdk8s synth` as a user runs it, on the compiled library (run `npm run build` first;
 * `npm test` does). The CLI empties its own `output` directory before the app runs, so the
 * app publishes to the user's directory (`publishDir`) only after every check passed, and
 * replaces there only the files it wrote.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
const LIB = path.join(ROOT, 'dist', 'lib', 'tooling.js');

const dirs: string[] = [];
function tmp(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function project(attached: boolean, publishDir: string): string {
  const dir = tmp('cli-synth-');
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"my-alerting","private":true}\n');
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'language: typescript\napp: node app.js\noutput: cdk8s.out\n');
  fs.writeFileSync(path.join(dir, 'app.js'), `
const { Chart } = require('${ROOT}/node_modules/cdk8s');
const kplus = require('${ROOT}/node_modules/cdk8s-plus-27');
const a = require(${JSON.stringify(LIB)});
const app = new a.AlertingApp({ publishDir: ${JSON.stringify(publishDir)} });
const c = new Chart(app, 'stack', { namespace: 'monitoring' });
const am = new a.AlertmanagerCluster(c, 'Am', { name: 'main' });
new a.AlertmanagerRouting(c, 'Routing', {
  name: 'team', ${attached ? 'alertmanager: am,' : ''}
  receiver: new a.WebhookReceiver({ name: 'w', url: a.SecretKey.fromSecret(kplus.Secret.fromSecretName(c, 'S', 'hook'), 'url') }),
});
app.synth();
`);
  return dir;
}

function synth(dir: string) {
  return spawnSync(process.execPath, [CLI, 'synth', '--check-upgrade', 'false'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
}

describe('cdk8s synth', () => {
  beforeAll(() => {
    if (!fs.existsSync(LIB)) { throw new Error(`${LIB} is missing: run npm run build (npm test does)`); }
  });

  test('a failing check exits non-zero, names the problem and leaves the publish directory untouched', () => {
    const publishDir = tmp('flux-repo-');
    fs.writeFileSync(path.join(publishDir, 'stack.k8s.yaml'), 'previous\n');
    const result = synth(project(false, publishDir));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/\[stack\/Routing\] config-not-selected: Alertmanager \S+ never loads this AlertmanagerConfig/);
    expect(fs.readdirSync(publishDir)).toEqual(['stack.k8s.yaml']);
    expect(fs.readFileSync(path.join(publishDir, 'stack.k8s.yaml'), 'utf8')).toBe('previous\n');
  });

  test('a passing synth writes the manifests to the CLI output and the publish directory', () => {
    const publishDir = path.join(tmp('flux-repo-'), 'alerting');
    const dir = project(true, publishDir);
    const result = synth(dir);
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status).toBe(0);
    const written = fs.readFileSync(path.join(publishDir, 'stack.k8s.yaml'), 'utf8');
    expect(written).toBe(fs.readFileSync(path.join(dir, 'cdk8s.out', 'stack.k8s.yaml'), 'utf8'));
    expect(written).toMatch(/name: team/);
  });

  test('files of your own in the publish directory survive a synth', () => {
    const publishDir = tmp('flux-repo-');
    fs.writeFileSync(path.join(publishDir, 'kustomization.yaml'), 'resources: [stack.k8s.yaml]\n');
    fs.mkdirSync(path.join(publishDir, '.git'));
    fs.writeFileSync(path.join(publishDir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const result = synth(project(true, publishDir));
    expect(result.status).toBe(0);
    expect(fs.readdirSync(publishDir).sort()).toEqual(['.cdk8s-alerting-manifest', '.git', 'kustomization.yaml', 'stack.k8s.yaml']);
    expect(fs.readFileSync(path.join(publishDir, 'kustomization.yaml'), 'utf8')).toBe('resources: [stack.k8s.yaml]\n');
    expect(fs.readFileSync(path.join(publishDir, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
  });

  test.each([['.'], ['..']])('publishDir %j exits non-zero with one clear line and leaves the project as it was', (publishDir) => {
    const dir = project(true, publishDir);
    const before = fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]);
    const result = synth(dir);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/OutputFolderError: publishDir: resolves to "[^"]+", (which is|a parent of) the project root .*\. Fix: set publishDir to a folder used only for these manifests/);
    expect(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')])).toEqual(before);
  });
});
