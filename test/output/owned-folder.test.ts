import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  checkOutputFolder, findProjectRoot, MANIFEST_FILE_NAME, OutputFolderError, OwnedFolder, ReplacedFolder, safeFileName,
} from '../../lib/output';

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'owned-folder-'));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Every entry under `dir` (not following symlinks): file contents, symlink targets, folders. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      const rel = prefix + name;
      const st = fs.lstatSync(p);
      if (st.isSymbolicLink()) {
        out[rel] = `-> ${fs.readlinkSync(p)}`;
      } else if (st.isDirectory()) {
        out[`${rel}/`] = '';
        walk(p, `${rel}/`);
      } else {
        out[rel] = fs.readFileSync(p, 'utf8');
      }
    }
  };
  walk(dir, '');
  return out;
}

function write(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** A sandbox: a fake home holding a project (with package.json) and a folder next to it to publish to. */
function sandbox() {
  const root = tmp();
  const home = path.join(root, 'home');
  const project = path.join(home, 'code', 'project');
  write(path.join(project, 'package.json'), '{"name":"p"}\n');
  write(path.join(project, 'cdk8s.yaml'), 'app: node main.js\n');
  write(path.join(project, 'src', 'main.ts'), 'app.synth();\n');
  const out = path.join(home, 'flux-repo', 'alerting');
  const options = { cwd: project, homeDir: home, field: 'publishDir' };
  return { root, home, project, out, options, folder: (dir = out) => new OwnedFolder(dir, options) };
}

/** The error `fn` throws; fails when it throws none or another kind. */
function refusal(fn: () => unknown): OutputFolderError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OutputFolderError);
    const err = e as OutputFolderError;
    expect(err.message).not.toMatch(/\n/);
    expect(err.message).toMatch(/\(got ".*"\)\. Fix: \S/);
    return err;
  }
  throw new Error('expected an OutputFolderError, nothing was thrown');
}

const stagingLeftovers = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.includes('staging')) : []);

describe('safeFileName', () => {
  test('joins namespace and name into one file name', () => {
    expect(safeFileName('monitoring', 'main.alertmanager.yaml')).toBe('monitoring-main.alertmanager.yaml');
    expect(safeFileName('monitoring-main.alertmanager.yaml')).toBe('monitoring-main.alertmanager.yaml');
  });

  test.each([
    ['../../x', '___.._x'],
    ['/etc/x', '_etc_x'],
    ['a/../../b', 'a_.._.._b'],
    ['a\0b', 'a_b'],
    ['a\nb', 'a_b'],
    ['..', '__'],
    ['.', '_'],
    ['.cdk8s-alerting-manifest', '_cdk8s-alerting-manifest'],
    ['C:\\x', 'C__x'],
  ])('turns the hostile name %j into the single segment %j, which is written inside the folder', (hostile, expected) => {
    const name = safeFileName(hostile);
    expect(name).toBe(expected);
    const { root, folder, out } = sandbox();
    const before = snapshot(root);
    folder().write({ [name]: 'x\n' });
    expect(fs.readFileSync(path.join(out, name), 'utf8')).toBe('x\n');
    const added = Object.keys(snapshot(root)).filter((k) => !(k in before));
    expect(added.sort()).toEqual(['home/flux-repo/', 'home/flux-repo/alerting/', `home/flux-repo/alerting/${MANIFEST_FILE_NAME}`, `home/flux-repo/alerting/${name}`].sort());
  });

  test('a part that is empty is an error naming it', () => {
    expect(refusal(() => safeFileName('', 'main')).message).toMatch(/part 1 of 2 is empty/);
    expect(() => safeFileName()).toThrow(OutputFolderError);
  });

  test('a very long name is shortened to 255 characters, keeps its extension and stays distinct', () => {
    const a = safeFileName('ns', `${'a'.repeat(300)}.alertmanager.yaml`);
    const b = safeFileName('ns', `${'a'.repeat(301)}.alertmanager.yaml`);
    expect(a.length).toBeLessThanOrEqual(255);
    expect(a).toMatch(/^ns-a+~[0-9a-f]{12}\.alertmanager\.yaml$/);
    expect(a).not.toBe(b);
  });

  test('two names that sanitize to the same file are refused, not overwritten', () => {
    const { folder, out } = sandbox();
    const w = folder().begin();
    w.add(safeFileName('a/b'), '1');
    const err = refusal(() => w.add(safeFileName('a_b'), '2'));
    expect(err.message).toMatch(/is written twice in one write .*\(got "a_b"\)/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('file names an owned folder refuses', () => {
  test.each([
    ['../../x'], ['/etc/x'], ['a/../../b'], ['a\0b'], ['a\nb'], [''], ['.'], ['..'], ['a//b'], ['a/'], ['a\\..\\b'],
    [MANIFEST_FILE_NAME], ['.cdk8s-alerting-staging-x/y'],
  ])('%j is refused with an error naming it, and nothing is written anywhere', (name) => {
    const { root, folder, out } = sandbox();
    folder().write({ 'previous.yaml': 'previous\n' });
    const before = snapshot(root);
    const err = refusal(() => folder().write({ 'ok.yaml': 'ok\n', [name]: 'hostile\n' }));
    expect(err.field).toBe('publishDir file name');
    expect(err.value).toBe(name);
    expect(err.message).toContain(JSON.stringify(name));
    expect(snapshot(root)).toEqual(before);
    expect(stagingLeftovers(out)).toEqual([]);
  });

  test('a file and a folder of the same name are refused', () => {
    const { folder } = sandbox();
    expect(refusal(() => folder().write({ 'a': '1', 'a/b': '2' })).message).toMatch(/clashes with "a"/);
  });
});

describe('folders an owned folder refuses', () => {
  test.each([
    ['the file system root', (s: ReturnType<typeof sandbox>) => path.parse(s.project).root, /the file system root/],
    ['"."', () => '.', /which is the project root/],
    ['".."', () => '..', /a parent of the project root/],
    ['the project root', (s: ReturnType<typeof sandbox>) => s.project, /which is the project root/],
    ['the home folder', (s: ReturnType<typeof sandbox>) => s.home, /which is your home folder/],
    ['a parent of the home folder', (s: ReturnType<typeof sandbox>) => s.root, /a parent of your home folder/],
    ['an existing file', (s: ReturnType<typeof sandbox>) => path.join(s.project, 'package.json'), /is an existing file/],
    ['a path under a file', (s: ReturnType<typeof sandbox>) => path.join(s.project, 'package.json', 'out'), /is under ".*package\.json", which is a file/],
  ])('%s is refused and nothing is deleted', (_, dir, why) => {
    const s = sandbox();
    const before = snapshot(s.root);
    const given = dir(s);
    const err = refusal(() => s.folder(given));
    expect(err.message).toMatch(why);
    expect(err.message).toMatch(/^publishDir: /);
    expect(err.value).toBe(given);
    expect(snapshot(s.root)).toEqual(before);
  });

  test('the working directory is refused when it is below the project root', () => {
    const s = sandbox();
    expect(refusal(() => new OwnedFolder('.', { ...s.options, cwd: path.join(s.project, 'src') })).message).toMatch(/which is the working directory/);
    // A folder inside the project is fine.
    expect(new OwnedFolder('dist', s.options).path).toBe(path.join(s.project, 'dist'));
  });

  test('the project root is the nearest folder above the working directory with a package.json, or the working directory', () => {
    const s = sandbox();
    expect(findProjectRoot(path.join(s.project, 'src'))).toBe(s.project);
    const bare = path.join(s.root, 'bare');
    fs.mkdirSync(bare);
    expect(findProjectRoot(bare)).toBe(bare);
  });

  test('a symlink is refused, and so is a path that reaches the project root through a symlink', () => {
    const s = sandbox();
    fs.mkdirSync(path.join(s.root, 'real-out'));
    fs.symlinkSync(path.join(s.root, 'real-out'), path.join(s.root, 'link-to-out'));
    fs.symlinkSync(path.join(s.home, 'code'), path.join(s.root, 'link-to-code'));
    const before = snapshot(s.root);
    expect(refusal(() => s.folder(path.join(s.root, 'link-to-out'))).message).toMatch(/is a symlink \(to ".*real-out"\); the library does not write through symlinks/);
    expect(refusal(() => s.folder(path.join(s.root, 'link-to-code', 'project'))).message).toMatch(/which is the project root/);
    expect(refusal(() => s.folder(path.join(s.root, 'link-to-code'))).message).toMatch(/a parent of the project root/);
    expect(snapshot(s.root)).toEqual(before);
  });

  test('a folder that is, is inside or contains another option\'s folder is refused', () => {
    const s = sandbox();
    const outdir = path.join(s.project, 'cdk8s.out');
    const opts = { ...s.options, disjointFrom: [{ field: 'outdir', path: outdir }] };
    expect(refusal(() => new OwnedFolder(outdir, opts)).message).toMatch(/is the same folder as outdir/);
    expect(refusal(() => new OwnedFolder(path.join(outdir, 'publish'), opts)).message).toMatch(/is inside outdir/);
    const inner = { ...s.options, disjointFrom: [{ field: 'outdir', path: path.join(s.out, 'cdk8s.out') }] };
    expect(refusal(() => new OwnedFolder(s.out, inner)).message).toMatch(/contains outdir/);
  });

  test('with the default options: "/", the home folder, the working directory and its parent are refused', () => {
    // jest runs in the repository, whose package.json makes it the project root.
    expect(refusal(() => new OwnedFolder('/')).message).toMatch(/file system root/);
    expect(refusal(() => new OwnedFolder(os.homedir())).message).toMatch(/home folder|project root|working directory/);
    expect(refusal(() => new OwnedFolder('.')).message).toMatch(/which is the project root/);
    expect(refusal(() => new OwnedFolder('..')).message).toMatch(/a parent of the project root/);
    expect(checkOutputFolder('cdk8s.out')).toBe(path.resolve('cdk8s.out'));
  });

  test('an empty folder name or one with NUL is refused', () => {
    const s = sandbox();
    expect(refusal(() => s.folder('')).message).toMatch(/is empty/);
    expect(refusal(() => s.folder('a\0b')).message).toMatch(/NUL/);
  });
});

describe('OwnedFolder', () => {
  function withForeignFiles(out: string): void {
    write(path.join(out, 'kustomization.yaml'), 'resources: [stack.k8s.yaml]\n');
    write(path.join(out, 'README.md'), '# hand-written\n');
    write(path.join(out, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    write(path.join(out, 'other-app.k8s.yaml'), 'kind: ConfigMap\n');
    write(path.join(out, 'notes', 'todo.txt'), 'todo\n');
  }
  const foreign = (snap: Record<string, string>) => Object.fromEntries(Object.entries(snap).filter(([k]) => !/^(stack|extra|sub)|^\.cdk8s/.test(k)));

  test('files it did not write survive repeated writes; its stale files are removed', () => {
    const { out, folder } = sandbox();
    withForeignFiles(out);
    const foreignBefore = foreign(snapshot(out));
    const first = folder().write({ 'stack.k8s.yaml': 'v1\n', 'extra.k8s.yaml': 'extra\n', 'sub/a.yaml': 'a\n' });
    expect(first.written).toEqual(['extra.k8s.yaml', 'stack.k8s.yaml', 'sub/a.yaml']);
    const second = folder().write({ 'stack.k8s.yaml': 'v2\n' });
    expect(second).toEqual({ folder: out, written: ['stack.k8s.yaml'], unchanged: [], removed: ['extra.k8s.yaml', 'sub/a.yaml'] });
    const third = folder().write({ 'stack.k8s.yaml': 'v2\n' });
    expect(third.unchanged).toEqual(['stack.k8s.yaml']);
    const after = snapshot(out);
    expect(foreign(after)).toEqual(foreignBefore);
    expect(after['stack.k8s.yaml']).toBe('v2\n');
    expect(after['extra.k8s.yaml']).toBeUndefined();
    // the folder it created for sub/a.yaml went with its last file
    expect(after['sub/']).toBeUndefined();
    expect(folder().ownedFiles()).toEqual(['stack.k8s.yaml']);
  });

  test('a folder it did not create is kept when its files in it go', () => {
    const { out, folder } = sandbox();
    write(path.join(out, 'clusters', 'keep.txt'), 'mine\n');
    fs.rmSync(path.join(out, 'clusters', 'keep.txt'));
    folder().write({ 'clusters/a.yaml': 'a\n' });
    folder().write({ 'b.yaml': 'b\n' });
    expect(snapshot(out)).toMatchObject({ 'clusters/': '', 'b.yaml': 'b\n' });
    expect(fs.readdirSync(path.join(out, 'clusters'))).toEqual([]);
  });

  test('the manifest lists the relative paths and sha256 of its files, the same bytes for the same output', () => {
    const { out, folder } = sandbox();
    folder().write({ 'b.yaml': 'b\n', 'a/x.yaml': 'x\n' });
    const text = fs.readFileSync(path.join(out, MANIFEST_FILE_NAME), 'utf8');
    const m = JSON.parse(text);
    expect(m.version).toBe(1);
    expect(m.files).toEqual({
      'a/x.yaml': require('crypto').createHash('sha256').update('x\n').digest('hex'),
      'b.yaml': require('crypto').createHash('sha256').update('b\n').digest('hex'),
    });
    expect(m.folders).toEqual(['a']);
    const mtime = fs.statSync(path.join(out, MANIFEST_FILE_NAME)).mtimeMs;
    folder().write({ 'a/x.yaml': 'x\n', 'b.yaml': 'b\n' });
    expect(fs.readFileSync(path.join(out, MANIFEST_FILE_NAME), 'utf8')).toBe(text);
    expect(fs.statSync(path.join(out, MANIFEST_FILE_NAME)).mtimeMs).toBe(mtime);
  });

  test('a file it wrote and the user changed since is neither replaced nor removed: the error names it and the fix', () => {
    const { out, folder } = sandbox();
    folder().write({ 'stack.k8s.yaml': 'v1\n', 'extra.k8s.yaml': 'extra\n' });
    fs.appendFileSync(path.join(out, 'stack.k8s.yaml'), '# my change\n');
    const before = snapshot(out);
    const err = refusal(() => folder().write({ 'stack.k8s.yaml': 'v2\n', 'extra.k8s.yaml': 'extra\n' }));
    expect(err.message).toMatch(/^publishDir: "stack\.k8s\.yaml" was written by cdk8s-alerting, which would replace it, but it was changed since/);
    expect(err.value).toBe(path.join(out, 'stack.k8s.yaml'));
    expect(err.message).toMatch(/Fix: move your changes .* and delete this file, or restore it/);
    expect(snapshot(out)).toEqual(before);

    // the same for a changed file it would remove
    fs.writeFileSync(path.join(out, 'stack.k8s.yaml'), 'v1\n');
    fs.appendFileSync(path.join(out, 'extra.k8s.yaml'), '# mine\n');
    const before2 = snapshot(out);
    expect(refusal(() => folder().write({ 'stack.k8s.yaml': 'v2\n' })).message).toMatch(/^publishDir: "extra\.k8s\.yaml" was written by cdk8s-alerting, which would remove it, but it was changed since/);
    expect(snapshot(out)).toEqual(before2);

    // deleting the changed file is the fix
    fs.rmSync(path.join(out, 'extra.k8s.yaml'));
    expect(folder().write({ 'stack.k8s.yaml': 'v2\n' }).removed).toEqual([]);
    expect(fs.readFileSync(path.join(out, 'stack.k8s.yaml'), 'utf8')).toBe('v2\n');
  });

  test('a file it did not write is not overwritten, unless it already holds the new content', () => {
    const { out, folder } = sandbox();
    write(path.join(out, 'stack.k8s.yaml'), 'hand-written\n');
    const before = snapshot(out);
    const err = refusal(() => folder().write({ 'stack.k8s.yaml': 'generated\n' }));
    expect(err.message).toMatch(/exists and was not written by cdk8s-alerting/);
    expect(snapshot(out)).toEqual(before);
    fs.writeFileSync(path.join(out, 'stack.k8s.yaml'), 'generated\n');
    expect(folder().write({ 'stack.k8s.yaml': 'generated\n' }).unchanged).toEqual(['stack.k8s.yaml']);
    expect(folder().ownedFiles()).toEqual(['stack.k8s.yaml']);
  });

  test('a file it wrote that the user deleted is written again', () => {
    const { out, folder } = sandbox();
    folder().write({ 'a.yaml': 'a\n' });
    fs.rmSync(path.join(out, 'a.yaml'));
    expect(folder().write({ 'a.yaml': 'a\n' }).written).toEqual(['a.yaml']);
  });

  describe('symlinks', () => {
    test('a symlink it did not write is never followed or touched', () => {
      const { root, out, folder } = sandbox();
      const outside = path.join(root, 'outside.yaml');
      write(outside, 'outside\n');
      fs.mkdirSync(out, { recursive: true });
      fs.symlinkSync(outside, path.join(out, 'linked.yaml'));
      fs.symlinkSync(root, path.join(out, 'linked-dir'));
      const before = snapshot(root);
      folder().write({ 'a.yaml': 'a\n' });
      folder().write({ 'b.yaml': 'b\n' });
      const after = snapshot(root);
      for (const k of ['outside.yaml', 'home/flux-repo/alerting/linked.yaml', 'home/flux-repo/alerting/linked-dir']) { expect(after[k]).toBe(before[k]); }
      // a symlink where it would write is refused, not written through
      expect(refusal(() => folder().write({ 'linked.yaml': 'x\n' })).message).toMatch(/is a symlink where the library writes "linked\.yaml"/);
      expect(refusal(() => folder().write({ 'linked-dir/x.yaml': 'x\n' })).message).toMatch(/is a symlink where the library writes a folder/);
      expect(fs.readFileSync(outside, 'utf8')).toBe('outside\n');
      expect(fs.existsSync(path.join(root, 'x.yaml'))).toBe(false);
    });

    test('a file it wrote that became a symlink is not followed, replaced or removed', () => {
      const { root, out, folder } = sandbox();
      const outside = path.join(root, 'outside.yaml');
      write(outside, 'outside\n');
      folder().write({ 'a.yaml': 'a\n', 'b.yaml': 'b\n' });
      fs.rmSync(path.join(out, 'a.yaml'));
      fs.symlinkSync(outside, path.join(out, 'a.yaml'));
      const before = snapshot(root);
      expect(refusal(() => folder().write({ 'a.yaml': 'a2\n', 'b.yaml': 'b\n' })).message).toMatch(/is a symlink/);
      expect(refusal(() => folder().write({ 'b.yaml': 'b\n' })).message).toMatch(/would remove it now, but it is a symlink now/);
      expect(snapshot(root)).toEqual(before);
    });

    test('an owned folder replaced by a symlink is not written through', () => {
      const { root, out, folder } = sandbox();
      const elsewhere = path.join(root, 'elsewhere');
      fs.mkdirSync(elsewhere);
      folder().write({ 'sub/a.yaml': 'a\n' });
      fs.rmSync(path.join(out, 'sub'), { recursive: true });
      fs.symlinkSync(elsewhere, path.join(out, 'sub'));
      expect(refusal(() => folder().write({ 'sub/a.yaml': 'a\n' })).message).toMatch(/is a symlink where the library writes a folder/);
      expect(fs.readdirSync(elsewhere)).toEqual([]);
    });
  });

  describe('the manifest', () => {
    test('an entry outside the folder is refused, and the file it names survives', () => {
      const { root, out, folder } = sandbox();
      const victim = path.join(root, 'victim.txt');
      write(victim, 'precious\n');
      const hash = require('crypto').createHash('sha256').update('precious\n').digest('hex');
      write(path.join(out, MANIFEST_FILE_NAME), JSON.stringify({ version: 1, files: { '../../../victim.txt': hash }, folders: [] }));
      expect(refusal(() => folder().write({ 'a.yaml': 'a\n' })).message).toMatch(/lists the file "\.\.\/\.\.\/\.\.\/victim\.txt", which has an empty, "\." or "\.\." segment/);
      expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
    });

    test('a manifest that is not JSON, or is a symlink, is refused with the fix', () => {
      const { root, out, folder } = sandbox();
      write(path.join(out, MANIFEST_FILE_NAME), '{ not json');
      expect(refusal(() => folder().write({ 'a.yaml': 'a\n' })).message).toMatch(/cannot be read as JSON.*Fix: restore .* or delete it/);
      fs.rmSync(path.join(out, MANIFEST_FILE_NAME));
      write(path.join(root, 'fake-manifest'), '{}');
      fs.symlinkSync(path.join(root, 'fake-manifest'), path.join(out, MANIFEST_FILE_NAME));
      expect(refusal(() => folder().write({ 'a.yaml': 'a\n' })).message).toMatch(/is a symlink/);
      expect(fs.readFileSync(path.join(root, 'fake-manifest'), 'utf8')).toBe('{}');
    });

    test('when nothing is written any more the manifest goes too', () => {
      const { out, folder } = sandbox();
      folder().write({ 'a.yaml': 'a\n' });
      folder().write({});
      expect(fs.readdirSync(out)).toEqual([]);
    });
  });

  describe('staging', () => {
    test('files are staged inside the folder until the commit', () => {
      const { out, folder } = sandbox();
      folder().write({ 'a.yaml': 'v1\n' });
      const w = folder().begin();
      w.add('a.yaml', 'v2\n');
      w.add('b.yaml', 'b\n');
      expect(path.dirname(w.stagingPath)).toBe(out);
      expect(fs.readFileSync(path.join(out, 'a.yaml'), 'utf8')).toBe('v1\n');
      expect(fs.existsSync(path.join(out, 'b.yaml'))).toBe(false);
      w.commit();
      expect(fs.readFileSync(path.join(out, 'a.yaml'), 'utf8')).toBe('v2\n');
      expect(stagingLeftovers(out)).toEqual([]);
      expect(() => w.add('c.yaml', 'c')).toThrow(/committed already/);
    });

    test('a write error before the commit leaves the previous output untouched and no staging folder', () => {
      const { out, folder } = sandbox();
      write(path.join(out, 'README.md'), 'mine\n');
      folder().write({ 'a.yaml': 'v1\n', 'b.yaml': 'b\n' });
      const before = snapshot(out);
      // a name longer than the file system allows cannot be created
      const err = refusal(() => folder().write({ 'a.yaml': 'v2\n', [`${'x'.repeat(300)}.yaml`]: 'x\n' }));
      expect(err.message).toMatch(/cannot be written \(ENAMETOOLONG/);
      expect(snapshot(out)).toEqual(before);
      expect(stagingLeftovers(out)).toEqual([]);
    });

    test('a failed first write removes the folders it created', () => {
      const { home, out, folder } = sandbox();
      expect(() => folder().write({ 'a.yaml': 'a\n', [`${'x'.repeat(300)}.yaml`]: 'x\n' })).toThrow(/ENAMETOOLONG/);
      expect(fs.existsSync(path.join(home, 'flux-repo'))).toBe(false);
      expect(fs.existsSync(out)).toBe(false);
    });

    test('abort leaves the folder as it was', () => {
      const { out, folder } = sandbox();
      folder().write({ 'a.yaml': 'v1\n' });
      const before = snapshot(out);
      const w = folder().begin();
      w.add('a.yaml', 'v2\n');
      w.abort();
      expect(snapshot(out)).toEqual(before);
    });

    test('addFolder copies nested files and refuses symlinks', () => {
      const { root, out, folder } = sandbox();
      const src = path.join(root, 'synth');
      write(path.join(src, 'stack.k8s.yaml'), 's\n');
      write(path.join(src, 'chart', 'ConfigMap.x.k8s.yaml'), 'c\n');
      const w = folder().begin();
      expect(w.addFolder(src)).toEqual(['chart/ConfigMap.x.k8s.yaml', 'stack.k8s.yaml']);
      w.commit();
      expect(snapshot(out)).toMatchObject({ 'chart/ConfigMap.x.k8s.yaml': 'c\n', 'stack.k8s.yaml': 's\n' });
      fs.symlinkSync(path.join(root, 'home'), path.join(src, 'link'));
      expect(refusal(() => folder().begin().addFolder(src)).message).toMatch(/symlink or special file/);
    });

    test('a failure part-way through the commit keeps the manifest true to what is on disk', () => {
      const { out, folder } = sandbox();
      folder().write({ 'a.yaml': 'a1\n', 'b.yaml': 'b1\n', 'old.yaml': 'old\n' });
      const realFs: typeof fs = require('fs');
      const rename = realFs.renameSync;
      let calls = 0;
      const spy = jest.spyOn(realFs, 'renameSync').mockImplementation((from, to) => {
        calls += 1;
        if (calls === 2) { throw Object.assign(new Error('EIO: simulated'), { code: 'EIO' }); }
        return rename(from, to);
      });
      try {
        expect(refusal(() => folder().write({ 'a.yaml': 'a2\n', 'b.yaml': 'b2\n' })).message).toMatch(/was updated only in part \(1 of 2 files moved\)/);
      } finally {
        spy.mockRestore();
      }
      expect(snapshot(out)).toMatchObject({ 'a.yaml': 'a2\n', 'b.yaml': 'b1\n', 'old.yaml': 'old\n' });
      expect(stagingLeftovers(out)).toEqual([]);
      // the next write finishes the job: a.yaml is known with its new hash, b.yaml and old.yaml with their old ones
      expect(folder().write({ 'a.yaml': 'a2\n', 'b.yaml': 'b2\n' })).toMatchObject({ written: ['b.yaml'], unchanged: ['a.yaml'], removed: ['old.yaml'] });
    });
  });
});

describe('ReplacedFolder', () => {
  const replaceable = (rel: string) => rel.endsWith('.k8s.yaml');

  test('replaces a folder that holds only synth output', () => {
    const s = sandbox();
    const outdir = path.join(s.project, 'cdk8s.out');
    write(path.join(outdir, 'stale.k8s.yaml'), 'stale\n');
    write(path.join(outdir, 'chart', 'x.k8s.yaml'), 'x\n');
    const stage = new ReplacedFolder(outdir, { ...s.options, field: 'outdir', replaceable }).stage();
    expect(path.dirname(stage.stagingPath)).toBe(s.project);
    write(path.join(stage.stagingPath, 'stack.k8s.yaml'), 'new\n');
    stage.commit();
    expect(snapshot(outdir)).toEqual({ 'stack.k8s.yaml': 'new\n' });
    expect(fs.readdirSync(s.project).sort()).toEqual(['cdk8s.out', 'cdk8s.yaml', 'package.json', 'src']);
  });

  test('refuses to replace a folder holding anything else, naming it, and deletes nothing', () => {
    const s = sandbox();
    const outdir = path.join(s.project, 'dist');
    write(path.join(outdir, 'stack.k8s.yaml'), 'old\n');
    write(path.join(outdir, 'main.js'), 'compiled\n');
    write(path.join(outdir, '.git', 'HEAD'), 'ref\n');
    const before = snapshot(s.root);
    const err = refusal(() => new ReplacedFolder(outdir, { ...s.options, field: 'outdir', replaceable }).stage());
    expect(err.message).toMatch(/^outdir: holds "\.git\/HEAD" \(and 1 more\), which a synth does not write/);
    expect(snapshot(s.root)).toEqual(before);
  });

  test('a stage aborted leaves the folder and its parent as they were', () => {
    const s = sandbox();
    const outdir = path.join(s.root, 'new', 'cdk8s.out');
    const stage = new ReplacedFolder(outdir, { ...s.options, field: 'outdir', replaceable }).stage();
    write(path.join(stage.stagingPath, 'a.k8s.yaml'), 'a\n');
    stage.abort();
    expect(fs.existsSync(path.join(s.root, 'new'))).toBe(false);
  });
});
