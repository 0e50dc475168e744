/**
 * AlertingApp and the folders it writes: `publishDir` loses nothing that the app did not write,
 * `outdir` is replaced only while it holds nothing but synth output, unsafe folders are refused,
 * and a failed synth leaves both as they were.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { AlertingApp, AlertingAppProps, AlertmanagerCluster, AlertmanagerRouting, SecretKey, WebhookReceiver } from '../lib/tooling';
import { MANIFEST_FILE_NAME, OutputFolderError } from '../lib/output';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function write(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** Every entry under `dir` (not following symlinks): file contents, symlink targets, folders. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = fs.lstatSync(p);
      if (st.isSymbolicLink()) {
        out[prefix + name] = `-> ${fs.readlinkSync(p)}`;
      } else if (st.isDirectory()) {
        out[`${prefix}${name}/`] = '';
        walk(p, `${prefix}${name}/`);
      } else {
        out[prefix + name] = fs.readFileSync(p, 'utf8');
      }
    }
  };
  walk(dir, '');
  return out;
}

/**
 * A sandbox home holding a project (package.json, cdk8s.yaml, sources) and a Flux repository
 * with files of its own; the test runs with the project as working directory and HOME set to
 * the sandbox home.
 */
let sb: { root: string; home: string; project: string; repo: string; publishDir: string; outdir: string };
let savedCwd: string;
let savedHome: string | undefined;
beforeEach(() => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'alerting-app-safety-'));
  dirs.push(root);
  const home = path.join(root, 'home');
  const project = path.join(home, 'code', 'project');
  write(path.join(project, 'package.json'), '{"name":"my-alerting"}\n');
  write(path.join(project, 'cdk8s.yaml'), 'app: node main.js\n');
  write(path.join(project, 'src', 'main.ts'), 'app.synth();\n');
  const repo = path.join(home, 'code', 'flux-repo');
  write(path.join(repo, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  write(path.join(repo, '.git', 'objects', 'ab', 'cdef'), 'blob\n');
  const publishDir = path.join(repo, 'clusters', 'prod', 'alerting');
  write(path.join(publishDir, 'kustomization.yaml'), 'resources: [stack.k8s.yaml]\n');
  write(path.join(publishDir, 'README.md'), '# Alerting of prod, written by cdk8s-alerting\n');
  write(path.join(publishDir, 'other-app.k8s.yaml'), 'kind: ConfigMap\n');
  sb = { root, home, project, repo, publishDir, outdir: path.join(project, 'cdk8s.out') };
  savedCwd = process.cwd();
  savedHome = process.env.HOME;
  process.chdir(project);
  process.env.HOME = home;
});
afterEach(() => {
  process.chdir(savedCwd);
  if (savedHome === undefined) { delete process.env.HOME; } else { process.env.HOME = savedHome; }
});

interface StackOptions {
  readonly attached?: boolean;
  readonly team?: string;
  readonly extraChart?: boolean;
}

function app(props: AlertingAppProps = {}, options: StackOptions = {}): AlertingApp {
  const a = new AlertingApp({ outdir: sb.outdir, publishDir: sb.publishDir, ...props });
  const c = new Chart(a, 'stack', { namespace: 'monitoring' });
  const am = new AlertmanagerCluster(c, 'Am', { name: 'main' });
  new AlertmanagerRouting(c, 'R', {
    name: options.team ?? 'team',
    alertmanager: options.attached === false ? undefined : am,
    receiver: new WebhookReceiver({ name: 'w', url: SecretKey.fromSecret(kplus.Secret.fromSecretName(c, 'S', 'hook'), 'url') }),
  });
  if (options.extraChart) {
    const extra = new Chart(a, 'extra', { namespace: 'monitoring' });
    new ApiObject(extra, 'Cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra' } });
  }
  return a;
}

/** The error `fn` throws; fails when it throws none or another kind. */
function refusal(fn: () => unknown): OutputFolderError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OutputFolderError);
    expect((e as Error).message).not.toMatch(/\n/);
    expect((e as Error).message).toMatch(/\(got ".*"\)\. Fix: \S/);
    return e as OutputFolderError;
  }
  throw new Error('expected an OutputFolderError, nothing was thrown');
}

const foreignFiles = (snap: Record<string, string>) => Object.fromEntries(Object.entries(snap).filter(([k]) => !k.endsWith('stack.k8s.yaml') && !k.endsWith('extra.k8s.yaml') && !k.endsWith(MANIFEST_FILE_NAME)));
const leftovers = () => [sb.publishDir, path.dirname(sb.publishDir), sb.project].flatMap((d) => fs.readdirSync(d).filter((f) => /staging|-old-/.test(f)));

describe('AlertingApp publishDir', () => {
  test('files the app did not write (kustomization.yaml, README, another app\'s YAML, .git/) survive repeated synths', () => {
    const before = snapshot(sb.repo);
    app({}, { team: 'a' }).synth();
    app({}, { team: 'b' }).synth();
    app({}, { team: 'b' }).synth();
    const after = snapshot(sb.repo);
    expect(foreignFiles(after)).toEqual(foreignFiles(before));
    expect(after['clusters/prod/alerting/stack.k8s.yaml']).toMatch(/name: b\n/);
    expect(after['clusters/prod/alerting/stack.k8s.yaml']).toBe(fs.readFileSync(path.join(sb.outdir, 'stack.k8s.yaml'), 'utf8'));
    expect(JSON.parse(after[`clusters/prod/alerting/${MANIFEST_FILE_NAME}`]).files).toEqual({ 'stack.k8s.yaml': expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  test('a file of a chart removed from the app is removed from publishDir and outdir; files of your own stay', () => {
    const before = snapshot(sb.publishDir);
    app({}, { extraChart: true }).synth();
    expect(fs.existsSync(path.join(sb.publishDir, 'extra.k8s.yaml'))).toBe(true);
    app().synth();
    expect(fs.existsSync(path.join(sb.publishDir, 'extra.k8s.yaml'))).toBe(false);
    expect(fs.readdirSync(sb.outdir)).toEqual(['stack.k8s.yaml']);
    expect(foreignFiles(snapshot(sb.publishDir))).toEqual(before);
  });

  test('a file the app wrote and you changed since is not replaced: the synth fails naming it, and outdir is left as well', () => {
    app({}, { team: 'a' }).synth();
    fs.appendFileSync(path.join(sb.publishDir, 'stack.k8s.yaml'), '# hot fix\n');
    const before = [snapshot(sb.outdir), snapshot(sb.publishDir)];
    const err = refusal(() => app({}, { team: 'b' }).synth());
    expect(err.message).toMatch(/^publishDir: "stack\.k8s\.yaml" was written by cdk8s-alerting, which would replace it, but it was changed since/);
    expect([snapshot(sb.outdir), snapshot(sb.publishDir)]).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  test('a file of the same name that the app did not write is not overwritten', () => {
    write(path.join(sb.publishDir, 'stack.k8s.yaml'), '# hand-written\n');
    const before = snapshot(sb.publishDir);
    expect(refusal(() => app().synth()).message).toMatch(/"stack\.k8s\.yaml" exists and was not written by cdk8s-alerting/);
    expect(snapshot(sb.publishDir)).toEqual(before);
    expect(fs.existsSync(sb.outdir)).toBe(false);
  });

  test('symlinks in publishDir are not followed or deleted', () => {
    const outside = path.join(sb.root, 'outside.yaml');
    write(outside, 'outside\n');
    fs.symlinkSync(outside, path.join(sb.publishDir, 'linked.yaml'));
    fs.symlinkSync(sb.project, path.join(sb.publishDir, 'project-link'));
    app().synth();
    app({}, { team: 'b' }).synth();
    expect(fs.readlinkSync(path.join(sb.publishDir, 'linked.yaml'))).toBe(outside);
    expect(fs.readlinkSync(path.join(sb.publishDir, 'project-link'))).toBe(sb.project);
    expect(fs.readFileSync(outside, 'utf8')).toBe('outside\n');
    // an owned file replaced by a symlink is not written through
    fs.rmSync(path.join(sb.publishDir, 'stack.k8s.yaml'));
    fs.symlinkSync(outside, path.join(sb.publishDir, 'stack.k8s.yaml'));
    const before = [snapshot(sb.root)];
    expect(refusal(() => app({}, { team: 'c' }).synth()).message).toMatch(/"stack\.k8s\.yaml" is a symlink/);
    expect([snapshot(sb.root)]).toEqual(before);
  });

  test('hostile chart ids stay inside the folders', () => {
    const a = new AlertingApp({ outdir: sb.outdir, publishDir: sb.publishDir });
    ['../../../escape', '/etc/passwd', 'a\nb'].forEach((id, i) => {
      new ApiObject(new Chart(a, id), 'Cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `x${i}` } });
    });
    const before = snapshot(sb.root);
    a.synth();
    const added = Object.keys(snapshot(sb.root)).filter((k) => !(k in before));
    const inside = (k: string) => k.startsWith('home/code/project/cdk8s.out/') || k.startsWith('home/code/flux-repo/clusters/prod/alerting/');
    expect(added.filter((k) => !inside(k) && k !== 'home/code/project/cdk8s.out/')).toEqual([]);
    expect(fs.readdirSync(sb.outdir)).toHaveLength(3);
  });
});

describe('AlertingApp refuses unsafe folders, and deletes nothing', () => {
  const cases: Array<[string, () => AlertingAppProps, RegExp]> = [
    ['publishDir "/"', () => ({ publishDir: '/' }), /^publishDir: resolves to "\/", the file system root/],
    ['publishDir "."', () => ({ publishDir: '.' }), /^publishDir: .*which is the project root/],
    ['publishDir ".."', () => ({ publishDir: '..' }), /^publishDir: .*a parent of the project root/],
    ['publishDir the project root', () => ({ publishDir: sb.project }), /^publishDir: .*which is the project root/],
    ['publishDir the home folder', () => ({ publishDir: sb.home }), /^publishDir: .*which is your home folder/],
    ['publishDir "~"-like parent of home', () => ({ publishDir: sb.root }), /^publishDir: .*a parent of your home folder/],
    ['publishDir a file', () => ({ publishDir: 'package.json' }), /^publishDir: is an existing file/],
    ['publishDir under a file', () => ({ publishDir: 'package.json/alerting' }), /^publishDir: is under ".*package\.json", which is a file/],
    ['publishDir a symlink', () => { fs.symlinkSync(sb.publishDir, path.join(sb.root, 'link')); return { publishDir: path.join(sb.root, 'link') }; }, /^publishDir: is a symlink/],
    ['publishDir the same as outdir', () => ({ publishDir: sb.outdir }), /^outdir: is the same folder as publishDir/],
    ['publishDir inside outdir', () => ({ publishDir: path.join(sb.outdir, 'publish') }), /^outdir: contains publishDir/],
    ['outdir inside publishDir', () => ({ outdir: path.join(sb.publishDir, 'cdk8s.out') }), /^outdir: is inside publishDir/],
    ['outdir "/"', () => ({ outdir: '/' }), /^outdir: resolves to "\/", the file system root/],
    ['outdir "."', () => ({ outdir: '.' }), /^outdir: .*which is the project root/],
    ['outdir ".."', () => ({ outdir: '..' }), /^outdir: .*a parent of the project root/],
    ['outdir the home folder', () => ({ outdir: sb.home }), /^outdir: .*which is your home folder/],
    ['outdir a file', () => ({ outdir: 'cdk8s.yaml' }), /^outdir: is an existing file/],
  ];
  test.each(cases)('%s', (_, props, why) => {
    const p = props();
    const before = snapshot(sb.root);
    const err = refusal(() => app(p));
    expect(err.message).toMatch(why);
    expect(snapshot(sb.root)).toEqual(before);
  });

  test('the working directory below the project root is refused', () => {
    process.chdir(path.join(sb.project, 'src'));
    expect(refusal(() => app({ publishDir: '.' })).message).toMatch(/^publishDir: .*which is the working directory/);
  });

  test('with no package.json above it, the working directory is the project root', () => {
    const bare = path.join(sb.root, 'bare');
    fs.mkdirSync(bare);
    process.chdir(bare);
    expect(refusal(() => app({ publishDir: '.', outdir: 'out' })).message).toMatch(/^publishDir: .*which is the working directory \(the project root: no folder above it holds a package\.json\)/);
  });

  test('the folders are checked again when the app synthesizes', () => {
    app().synth();
    const a = app({}, { team: 'b' });
    fs.rmSync(sb.publishDir, { recursive: true });
    write(sb.publishDir, 'now a file\n');
    const before = snapshot(sb.root);
    expect(refusal(() => a.synth()).message).toMatch(/^publishDir: is an existing file/);
    expect(snapshot(sb.root)).toEqual(before);
  });

  test('an outdir holding files a synth does not write is not emptied', () => {
    write(path.join(sb.outdir, 'stack.k8s.yaml'), 'old synth\n');
    write(path.join(sb.outdir, 'README.md'), 'mine\n');
    write(path.join(sb.outdir, '.git', 'HEAD'), 'ref\n');
    const before = snapshot(sb.root);
    const err = refusal(() => app().synth());
    expect(err.message).toMatch(/^outdir: holds "\.git\/HEAD" \(and 1 more\), which a synth does not write; .*Fix: move ".*\.git\/HEAD" away, or set outdir to a folder used only for the synth output/);
    expect(snapshot(sb.root)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  test('an outdir of an earlier synth is replaced as a whole, as the cdk8s CLI does', () => {
    write(path.join(sb.outdir, 'stale.k8s.yaml'), 'stale\n');
    write(path.join(sb.outdir, 'chart', 'ConfigMap.x.k8s.yaml'), 'stale\n');
    write(path.join(sb.outdir, 'construct-metadata.json'), '{}');
    app().synth();
    expect(snapshot(sb.outdir)).toEqual({ 'stack.k8s.yaml': expect.stringMatching(/kind: AlertmanagerConfig/) });
  });
});

describe('a failed synth leaves outdir and publishDir as they were', () => {
  function previous(): Record<string, string>[] {
    app({}, { team: 'a' }).synth();
    return [snapshot(sb.outdir), snapshot(sb.publishDir)];
  }

  test('when a check fails', () => {
    const before = previous();
    expect(() => app({}, { team: 'b', attached: false }).synth()).toThrow(/\[stack\/R\] config-not-selected/);
    expect([snapshot(sb.outdir), snapshot(sb.publishDir)]).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  test('when a file cannot be written', () => {
    const before = previous();
    const a = app({ yamlOutputType: YamlOutputType.FILE_PER_RESOURCE }, { team: 'b' });
    // a name longer than the file system allows cannot be created
    new ApiObject(new Chart(a, 'big'), 'Cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x'.repeat(300) } });
    expect(() => a.synth()).toThrow(/ENAMETOOLONG/);
    expect([snapshot(sb.outdir), snapshot(sb.publishDir)]).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  test('when the first synth fails, the folders it would have created are not left behind', () => {
    fs.rmSync(sb.repo, { recursive: true });
    expect(() => app({}, { attached: false }).synth()).toThrow(/config-not-selected/);
    expect(fs.existsSync(sb.repo)).toBe(false);
    expect(fs.existsSync(sb.outdir)).toBe(false);
  });
});
