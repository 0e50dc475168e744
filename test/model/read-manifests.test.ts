import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { InputError, ReadResult, readManifests } from '../../lib/model/read-manifests';

const N = 100_000;

let root: string;
let cwd: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'read-manifests-'));
  cwd = process.cwd();
  process.chdir(root); // so that messages show relative paths, as the CLI will
});

afterEach(() => {
  process.chdir(cwd);
  fs.rmSync(root, { recursive: true, force: true });
});

/** Writes `files` (path relative to the tmp root -> content) and returns nothing. */
function write(files: Record<string, string | Buffer>): void {
  for (const [p, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}

function obj(kind: string, name: string, extra = ''): string {
  return `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${extra}`;
}

/** `file#index kind/name` of every document read. */
function read(r: ReadResult): string[] {
  return r.documents.map((d) => `${d.file}#${d.index} ${d.value.kind}/${d.value.metadata.name}`);
}

function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

/** Every message, note and problem is one line. */
function expectOneLine(r: ReadResult): void {
  for (const line of [...r.notes, ...r.problems.map((p) => p.message), ...r.problems.map((p) => p.problem)]) {
    expect(line).not.toMatch(/\n/);
    expect(line).not.toMatch(/ at .*\.js:\d+/); // no stack frames
  }
}

describe('readManifests: documents', () => {
  test('multi-document files: indices count every document, empty ones and problems too', () => {
    write({
      'a.yaml': [obj('ConfigMap', 'one'), '', obj('Secret', 'two'), '# only a comment\n', obj('Service', 'three')].join('---\n'),
    });
    const r = readManifests(['a.yaml']);
    expect(read(r)).toEqual(['a.yaml#0 ConfigMap/one', 'a.yaml#2 Secret/two', 'a.yaml#4 Service/three']);
    expect(r.documents.map((d) => d.line)).toEqual([1, 7, 14]);
    expect(r.documents[0].value).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one' } });
    expect(r.notes).toEqual(['a.yaml:5:1: document 2: empty document, skipped', 'a.yaml:11:1: document 4: empty document, skipped']);
    expect(r.problems).toEqual([]);
    expect(r.files).toEqual(['a.yaml']);
  });

  test('a leading comment or `---` does not start an extra document; a trailing `---` is an empty one', () => {
    write({ 'a.yaml': `# header\n---\n${obj('A', 'a')}---\n${obj('B', 'b')}---\n` });
    const r = readManifests(['a.yaml']);
    expect(read(r)).toEqual(['a.yaml#0 A/a', 'a.yaml#1 B/b']);
    expect(r.notes).toEqual(['a.yaml:12:1: document 3: empty document, skipped']);
  });

  test('documents that are not objects, or not Kubernetes objects, say what is missing', () => {
    write({
      'a.yaml': [
        '42\n', '- a\n- b\n', 'hello\n', 'kind: Deployment\n', 'apiVersion: v1\nkind: ""\nmetadata: {name: 7}\n',
        'apiVersion: v1\nkind: Pod\nmetadata: [x]\n', 'apiVersion: v1\nkind: List\nitems: []\n', obj('ConfigMap', 'ok'),
      ].join('---\n'),
    });
    const r = readManifests(['a.yaml']);
    expect(read(r)).toEqual(['a.yaml#7 ConfigMap/ok']);
    expect(r.problems.map((p) => [p.code, p.index, p.message])).toEqual([
      ['not-an-object', 0, 'a.yaml:1:1: document 1: document is a number (42), not a Kubernetes object. Fix: make it a mapping with apiVersion, kind and metadata.name'],
      ['not-an-object', 1, 'a.yaml:3:1: document 2: document is a list, not a Kubernetes object. Fix: make it a mapping with apiVersion, kind and metadata.name'],
      ['not-an-object', 2, 'a.yaml:6:1: document 3: document is a string ("hello"), not a Kubernetes object. Fix: make it a mapping with apiVersion, kind and metadata.name'],
      ['not-a-manifest', 3, 'a.yaml:8:1: document 4: Deployment object is not a Kubernetes object: no apiVersion, no metadata. Fix: give every object a string apiVersion, kind and metadata.name'],
      ['not-a-manifest', 4, 'a.yaml:10:1: document 5: object is not a Kubernetes object: kind is empty, metadata.name is a number, not a string. Fix: give every object a string apiVersion, kind and metadata.name'],
      ['not-a-manifest', 5, 'a.yaml:14:1: document 6: Pod object is not a Kubernetes object: metadata is a list, not a mapping. Fix: give every object a string apiVersion, kind and metadata.name'],
      ['not-a-manifest', 6, 'a.yaml:18:1: document 7: List object is not a Kubernetes object: no metadata (a List of objects is not read: write each item as its own document). Fix: give every object a string apiVersion, kind and metadata.name'],
    ]);
    expect(r.problems[0]).toMatchObject({ file: 'a.yaml', index: 0, line: 1, column: 1, problem: expect.stringMatching(/^document is a number/) });
    expectOneLine(r);
  });

  test('malformed YAML: file, document, line:column and the parser message on one line; the rest is still read', () => {
    write({
      'bad.yaml': `${obj('A', 'before')}---\napiVersion: v1\nkind: B\nmetadata: {name: [x}\n---\n${obj('C', 'after')}`,
      'good.yaml': obj('D', 'd'),
      'tabs.yaml': 'apiVersion: v1\nkind: E\nmetadata:\n\tname: e\n',
    });
    const r = readManifests(['.']);
    expect(read(r)).toEqual(['bad.yaml#0 A/before', 'bad.yaml#2 C/after', 'good.yaml#0 D/d']);
    expect(r.problems.map((p) => p.code)).toEqual(['yaml-syntax', 'yaml-syntax']);
    expect(r.problems[0].message).toMatch(/^bad\.yaml:8:\d+: document 2: \S.*$/);
    expect(r.problems[0]).toMatchObject({ index: 1, line: 8 });
    expect(r.problems[1].message).toMatch(/^tabs\.yaml:4:1: document 1: .*tab/i);
    expectOneLine(r);
  });

  test('a `---` inside block and quoted scalars is content (the cut is where YAML starts a document)', () => {
    const text = [
      `${obj('ConfigMap', 'block')}data:\n  a: |\n    ---\n    x: 1\n  b: >\n    --- folded\n`,
      `${obj('ConfigMap', 'crlf').replace(/\n/g, '\r\n')}`,
      `--- ${'{apiVersion: v1, kind: ConfigMap, metadata: {name: inline}}'}\n`,
      `${obj('ConfigMap', 'ended')}...\n`,
      `${obj('ConfigMap', 'not-a-marker')}data:\n  a: "---x"\n---x: 1\n`,
    ].join('---\n');
    write({ 'a.yaml': text });
    const r = readManifests(['a.yaml']);
    const want = parseAllDocuments(text).map((d) => d.toJS());
    expect(want[2]).toBeNull(); // between `---` and `--- {…}`
    expect(r.problems).toEqual([]);
    expect(r.documents.map((d) => d.value)).toEqual(want.filter((v) => v !== null));
    expect(r.documents.map((d) => d.index)).toEqual([0, 1, 3, 4, 5]);
    expect(r.documents[0].value.data).toEqual({ a: '---\nx: 1\n', b: '--- folded\n' });
  });

  test('directives go with the document after them; `...` ends a document; a `%` line in a block scalar is content', () => {
    const text = `%YAML 1.2\n---\n${obj('A', 'a')}...\n# c\n%TAG !e! tag:example.com,2000:\n\n---\n${obj('B', 'b')}x: !e!y 2\n---\n`
      + `${obj('C', 'c')}...\n${obj('D', 'd')}data:\n  s: |\n    x\n--- |\n%not a directive\n---\n${obj('E', 'e')}`;
    write({ 'a.yaml': text });
    const r = readManifests(['a.yaml']);
    expect(read(r)).toEqual(['a.yaml#0 A/a', 'a.yaml#1 B/b', 'a.yaml#2 C/c', 'a.yaml#3 D/d', 'a.yaml#5 E/e']);
    expect(r.problems.map((p) => p.message)).toEqual(['a.yaml:30:5: document 5: document is a string ("%not a directive\\n"), not a Kubernetes object. Fix: make it a mapping with apiVersion, kind and metadata.name']);
    // !e!y expanded with the %TAG before its document (yaml has no type for the tag, hence the warning)
    expect(r.notes).toEqual(['a.yaml:16:4: document 2: YAML warning: Unresolved tag: tag:example.com,2000:y']);
    const want = parseAllDocuments(text).map((d) => d.toJS());
    expect(r.documents.map((d) => d.value)).toEqual([0, 1, 2, 3, 5].map((i) => want[i]));
  });

  test('200 kB of varied manifests reads as parseAllDocuments reads it', () => {
    const parts: string[] = [];
    for (let i = 0; i < 1500; i++) {
      parts.push(`# ${i}\n${obj(i % 2 ? 'ConfigMap' : 'Secret', `n${i}`, `data:\n  k: |\n    ---\n    line ${i}\n  q: "a\n    b"\n  f: {x: [1, 2, {y: z}]}\n`)}`);
    }
    const text = parts.join('---\n');
    write({ 'big.yaml': text });
    const r = readManifests(['big.yaml']);
    expect(r.problems).toEqual([]);
    expect(text.length).toBeGreaterThan(200_000);
    expect(r.documents).toHaveLength(1500);
    // JSON.stringify: jest's deep equality is slow on thousands of objects
    expect(JSON.stringify(r.documents.map((d) => d.value))).toBe(JSON.stringify(parseAllDocuments(text).map((d) => d.toJS())));
  });

  test('merge keys are applied; aliased values are copies, not shared objects', () => {
    write({ 'a.yaml': `${obj('A', 'a')}base: &b {x: 1, y: [1]}\nderived:\n  <<: *b\n  y: [2]\nsame: *b\n` });
    const [doc] = readManifests(['a.yaml']).documents;
    expect(doc.value.derived).toEqual({ x: 1, y: [2] });
    expect(doc.value.same).toEqual({ x: 1, y: [1] });
    expect(doc.value.same).not.toBe(doc.value.base);
  });

  test('valid YAML without a JSON form: duplicate keys, non-scalar keys, .inf, recursive and missing aliases', () => {
    write({
      'a.yaml': [
        'apiVersion: v1\nkind: A\nmetadata: {name: a, name: b}\n',
        `${obj('B', 'b')}? [x]\n: y\n`,
        `${obj('C', 'c')}n: .inf\n`,
        `${obj('D', 'd')}x: &x [*x]\n`,
        `${obj('E', 'e')}x: *nope\n`,
        `${obj('F', 'f')}"1": a\n1: b\n`,
        `${obj('G', 'ok')}quoted: ".inf"\n`,
      ].join('---\n'),
    });
    const r = readManifests(['a.yaml']);
    expect(read(r)).toEqual(['a.yaml#6 G/ok']);
    expect(r.problems.map((p) => `${p.code} ${p.line}:${p.column} ${p.problem}`)).toEqual([
      'not-json 3:21 duplicate key "name" in a mapping. Fix: keep one of them',
      'not-json 9:3 a mapping key that is itself a mapping or a list (JSON keys are strings). Fix: use a string key',
      'not-json 16:4 .inf has no JSON form (JSON numbers are finite). Fix: quote it to make it a string',
      'not-json 22:8 alias *x refers to a collection that contains it (a cycle has no JSON form). Fix: remove the alias',
      'yaml-syntax 28:4 alias *nope has no anchor &nope before it. Fix: define the anchor first',
      'not-json 35:1 duplicate key "1" in a mapping. Fix: keep one of them',
    ]);
  });

  test('a mapping with 50,000 keys reads in linear time (yaml\'s own duplicate-key check is quadratic)', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `"k${i}": "v${i}"`).join(', ');
    write({ 'wide.yaml': `${obj('ConfigMap', 'wide')}data: {${keys}}\n`, 'dup.yaml': `${obj('ConfigMap', 'dup')}data: {${keys}, "k7": x}\n` });
    // Speed is measured by bench/read-large.ts, not asserted here (a timed test fails on a busy machine).
    const r = readManifests(['.']);
    expect(read(r)).toEqual(['wide.yaml#0 ConfigMap/wide']);
    expect(Object.keys(r.documents[0].value.data as object)).toHaveLength(50_000);
    expect(r.problems.map((p) => p.problem)).toEqual(['duplicate key "k7" in a mapping. Fix: keep one of them']);
  });

  test('a YAML warning (unknown tag) is a note; the document is read', () => {
    write({ 'a.yaml': `${obj('A', 'a')}x: !custom value\n` });
    const r = readManifests(['a.yaml']);
    expect(read(r)).toEqual(['a.yaml#0 A/a']);
    expect(r.notes).toEqual(['a.yaml:5:4: document 1: YAML warning: Unresolved tag: !custom']);
  });

  test('__proto__ keys are data, not prototypes', () => {
    write({ 'a.yaml': `${obj('A', 'a')}__proto__: {polluted: true}\n` });
    const [doc] = readManifests(['a.yaml']).documents;
    expect(Object.getPrototypeOf(doc.value)).toBe(Object.prototype);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.keys(doc.value)).toContain('__proto__');
  });
});

describe('readManifests: resource limits', () => {
  test('100,000-deep nesting ([[[…, {a: {a: …, - - - …) is a problem, never a stack overflow; twice in one process', () => {
    write({
      'deep-seq.yaml': `${'['.repeat(N)}${']'.repeat(N)}\n`,
      'deep-map.yaml': `${'{a: '.repeat(N)}1${'}'.repeat(N)}\n`,
      'deep-block.yaml': `${'- '.repeat(N)}x\n`,
      'deep-open.yaml': `${'['.repeat(N)}\n`,
      'ok.yaml': obj('A', 'a'),
    });
    const r = readManifests(['.']);
    expect(read(r)).toEqual(['ok.yaml#0 A/a']);
    expect(r.problems.map((p) => p.message)).toEqual(['deep-block.yaml', 'deep-map.yaml', 'deep-open.yaml', 'deep-seq.yaml'].map((f) =>
      `${f}:1:1: document 1: collections nested more than 256 deep (maxDepth). Fix: flatten the document; no Kubernetes object nests this deep`));
    expect(r.problems.every((p) => p.code === 'too-deep')).toBe(true);
    // a second stack overflow inside `yaml` in the same process can abort node ("RegExpCompiler Allocation failed"): there is none
    expect(readManifests(['deep-seq.yaml']).problems.map((p) => p.code)).toEqual(['too-deep']);
  });

  test('nesting through aliases counts the expanded depth; maxDepth is configurable', () => {
    let chain = `x0: &x0 ${'['.repeat(100)}${']'.repeat(100)}\n`;
    for (let i = 1; i <= 200; i++) { chain += `x${i}: &x${i} [*x${i - 1}]\n`; }
    write({ 'alias.yaml': `${obj('A', 'alias')}${chain}`, 'shallow.yaml': `${obj('B', 'b')}spec: {a: {b: {c: 1}}}\n` });
    const r = readManifests(['.']);
    expect(read(r)).toEqual(['shallow.yaml#0 B/b']);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'too-deep', file: 'alias.yaml', index: 0, problem: expect.stringMatching(/more than 256 deep once aliases are expanded/) })]);
    const strict = readManifests(['shallow.yaml'], { maxDepth: 3 });
    expect(strict.problems.map((p) => p.message)).toEqual([
      'shallow.yaml:1:1: document 1: collections nested more than 3 deep (maxDepth). Fix: flatten the document; no Kubernetes object nests this deep',
    ]);
    expect(readManifests(['shallow.yaml'], { maxDepth: 4 }).problems).toEqual([]);
    // the default limit itself is safe for yaml's recursive composer, inside jest's deeper stack too
    write({ 'at-limit.yaml': `${obj('A', 'limit')}deep: ${'['.repeat(255)}${']'.repeat(255)}\n`, 'over.yaml': `${obj('A', 'over')}deep: ${'['.repeat(256)}${']'.repeat(256)}\n` });
    const edge = readManifests(['at-limit.yaml', 'over.yaml']);
    expect(read(edge)).toEqual(['at-limit.yaml#0 A/limit']);
    expect(edge.problems.map((p) => [p.file, p.code])).toEqual([['over.yaml', 'too-deep']]);
  });

  test('an alias bomb (billion laughs) is a problem, quickly; small alias use is fine', () => {
    const levels = 'abcdefghi'.split('');
    const bomb = levels.map((l, i) => `  ${l}: &${l} [${i === 0 ? Array(9).fill('"lol"').join(',') : Array(9).fill(`*${levels[i - 1]}`).join(',')}]\n`).join('');
    write({ 'bomb.yaml': `${obj('ConfigMap', 'bomb')}data:\n${bomb}`, 'ok.yaml': `${obj('A', 'a')}x: &v [1]\ny: *v\n` });
    const r = readManifests(['.']); // unbounded, this would not finish: jest's timeout would fail it
    expect(read(r)).toEqual(['ok.yaml#0 A/a']);
    expect(r.problems.map((p) => [p.code, p.message])).toEqual([['too-many-aliases',
      'bomb.yaml:1:1: document 1: aliases expand too much (over maxAliasCount 100), as in a "billion laughs" attack. Fix: write the values out instead of using aliases']]);
    expect(readManifests(['ok.yaml'], { maxAliasCount: 0 }).problems.map((p) => p.problem)).toEqual([
      'aliases are not allowed (maxAliasCount 0). Fix: write the values out instead of using aliases']);
  });

  test('a file over maxFileBytes and a document over maxDocumentBytes are problems; the rest is read', () => {
    write({
      'big.yaml': `${obj('A', 'a')}data: {x: "${'x'.repeat(2000)}"}\n`,
      'mixed.yaml': `${obj('B', 'small')}---\n${obj('C', 'large')}data: {x: "${'y'.repeat(600)}"}\n---\n${obj('D', 'small2')}`,
      'ok.yaml': obj('E', 'e'),
    });
    const r = readManifests(['.'], { maxFileBytes: 1000, maxDocumentBytes: 500 });
    expect(read(r)).toEqual(['mixed.yaml#0 B/small', 'mixed.yaml#2 D/small2', 'ok.yaml#0 E/e']);
    expect(r.problems.map((p) => [p.code, p.message])).toEqual([
      ['too-large', 'big.yaml: file is 2057 bytes, over the limit of 1000 bytes (maxFileBytes). Fix: split the file, or raise the limit'],
      ['too-large', 'mixed.yaml:5:1: document 2: document is 665 bytes, over the limit of 500 bytes (maxDocumentBytes). Fix: split it into smaller objects, or raise the limit'],
    ]);
    expect(r.problems[0].index).toBeUndefined();
  });

  test('a file that is not UTF-8 is a problem', () => {
    write({ 'utf16.yaml': Buffer.from(`\ufeff${obj('A', 'a')}`, 'utf16le'), 'latin1.yaml': Buffer.from(`${obj('B', 'caf\u00e9')}`, 'latin1'), 'ok.yaml': obj('C', 'c') });
    const r = readManifests(['.']);
    expect(read(r)).toEqual(['ok.yaml#0 C/c']);
    expect(r.problems.map((p) => p.message)).toEqual([
      'latin1.yaml: not UTF-8 text (invalid byte sequence). Fix: save the file as UTF-8',
      'utf16.yaml: UTF-16 text, not UTF-8. Fix: save the file as UTF-8',
    ]);
  });

  test('invalid options are an InputError', () => {
    write({ 'a.yaml': obj('A', 'a') });
    expect(inputError(() => readManifests(['a.yaml'], { maxDepth: 0, maxFileBytes: 1.5, maxAliasCount: -1 })).problems).toEqual([
      'option maxFileBytes must be a positive integer (got 1.5). Fix: pass a positive integer or leave it out for 67108864',
      'option maxDepth must be a positive integer (got 0). Fix: pass a positive integer or leave it out for 256',
      'option maxAliasCount must be a non-negative integer (got -1). Fix: pass a non-negative integer or leave it out for 100',
    ]);
  });
});

describe('readManifests: files and folders', () => {
  test('folders are walked recursively in name order for *.yaml and *.yml; a file given is read whatever its name', () => {
    write({
      'repo/b.yml': obj('B', 'b'),
      'repo/a/z.yaml': obj('Z', 'z'),
      'repo/a.yaml': obj('A', 'a'),
      'repo/C.yaml': obj('C', 'c'),
      'repo/notes.txt': 'not yaml: [',
      'repo/dash.json': '{"not": "a manifest"}',
      'extra/obj.json': '{"apiVersion": "v1", "kind": "J", "metadata": {"name": "j"}}',
    });
    const r = readManifests(['./repo/', 'extra/obj.json']);
    expect(read(r)).toEqual(['repo/C.yaml#0 C/c', 'repo/a/z.yaml#0 Z/z', 'repo/a.yaml#0 A/a', 'repo/b.yml#0 B/b', 'extra/obj.json#0 J/j']);
    expect(r.files).toEqual(['repo/C.yaml', 'repo/a/z.yaml', 'repo/a.yaml', 'repo/b.yml', 'extra/obj.json']);
    expect(r.problems).toEqual([]);
  });

  test('absolute paths stay absolute in messages', () => {
    write({ 'a.yaml': '42\n' });
    const abs = path.join(root, 'a.yaml');
    expect(readManifests([abs]).problems[0].message).toMatch(new RegExp(`^${abs.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:1: document 1: `));
  });

  test('hidden entries and kustomize configuration are skipped with a note', () => {
    write({
      'repo/.git/config.yaml': '[',
      'repo/.sops.yaml': 'creation_rules: []',
      'repo/apps/kustomization.yaml': 'resources: [app.yaml]\n',
      'repo/apps/app.yaml': `${obj('A', 'a')}---\napiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nmetadata: {name: c}\n`,
    });
    const r = readManifests(['repo']);
    expect(read(r)).toEqual(['repo/apps/app.yaml#0 A/a']);
    expect(r.notes).toEqual([
      'repo/.git: hidden, skipped',
      'repo/.sops.yaml: hidden, skipped',
      'repo/apps/app.yaml:6:1: document 2: kustomize Component, not a cluster object; skipped',
      'repo/apps/kustomization.yaml: kustomize configuration, not a cluster object; skipped',
    ]);
    expect(r.problems).toEqual([]);
  });

  test('a FIFO named *.yaml in a folder is skipped with a note, without blocking; given explicitly it is an InputError', () => {
    write({ 'repo/ok.yaml': obj('A', 'a') });
    execFileSync('mkfifo', ['repo/pipe.yaml']);
    const r = readManifests(['repo']);
    expect(read(r)).toEqual(['repo/ok.yaml#0 A/a']);
    expect(r.notes).toEqual(['repo/pipe.yaml: a FIFO (named pipe), skipped (only regular files are read)']);
    expect(inputError(() => readManifests(['repo/pipe.yaml'])).message).toBe(
      'repo/pipe.yaml: a FIFO (named pipe), not a file or folder; it is not read. Fix: give a YAML file or a folder (save piped input to a file first)');
  });

  test('symlinks to files and folders are followed, each file and folder read once, loops not followed', () => {
    write({ 'shared/s.yaml': obj('S', 's'), 'repo/a.yaml': obj('A', 'a'), 'repo/sub/b.yaml': obj('B', 'b') });
    fs.symlinkSync('../shared', 'repo/link-dir');
    fs.symlinkSync('../shared/s.yaml', 'repo/link-file.yaml');
    fs.symlinkSync('..', 'repo/sub/up');
    fs.symlinkSync('.', 'repo/self');
    const r = readManifests(['repo', 'shared']);
    expect(read(r)).toEqual(['repo/a.yaml#0 A/a', 'repo/link-dir/s.yaml#0 S/s', 'repo/sub/b.yaml#0 B/b']);
    expect(r.notes).toEqual([
      'repo/link-file.yaml: same file as repo/link-dir/s.yaml, already read; skipped',
      'repo/self: symlink loop (symlink -> .): points back to the folder repo; not followed',
      'repo/sub/up: symlink loop (symlink -> ..): points back to the folder repo; not followed',
      'shared: same folder as repo/link-dir, already read; skipped',
    ]);
    expect(r.problems).toEqual([]);
  });

  test('a self-referencing symlink loop (a -> b -> a) in a folder is a note; given explicitly, an InputError', () => {
    write({ 'repo/ok.yaml': obj('A', 'a') });
    fs.symlinkSync('b.yaml', 'repo/a.yaml');
    fs.symlinkSync('a.yaml', 'repo/b.yaml');
    const r = readManifests(['repo']);
    expect(read(r)).toEqual(['repo/ok.yaml#0 A/a']);
    expect(r.notes).toEqual(['repo/a.yaml: symlink loop -> b.yaml, skipped', 'repo/b.yaml: symlink loop -> a.yaml, skipped']);
    expect(inputError(() => readManifests(['repo/a.yaml'])).message).toBe(
      'repo/a.yaml: symlink loop (too many levels of symbolic links). Fix: point the symlink at a real file or folder');
  });

  test('a dangling symlink in a folder is a note; given explicitly, an InputError', () => {
    write({ 'repo/ok.yaml': obj('A', 'a') });
    fs.symlinkSync('gone.yaml', 'repo/dangling.yaml');
    fs.symlinkSync('gone-dir', 'repo/dangling-dir');
    const r = readManifests(['repo']);
    expect(read(r)).toEqual(['repo/ok.yaml#0 A/a']);
    expect(r.notes).toEqual(['repo/dangling-dir: dangling symlink -> gone-dir, skipped', 'repo/dangling.yaml: dangling symlink -> gone.yaml, skipped']);
    expect(inputError(() => readManifests(['repo/dangling.yaml'])).message).toBe(
      'repo/dangling.yaml: dangling symlink -> gone.yaml: its target does not exist. Fix: fix the symlink or give its target');
  });

  test('unusable inputs: every one is reported in one InputError, each on one line', () => {
    write({ 'empty/sub/readme.md': '# no yaml here', 'ok.yaml': obj('A', 'a'), 'file.yaml': obj('B', 'b') });
    fs.mkdirSync('really-empty');
    const e = inputError(() => readManifests(['missing', 'empty', 'really-empty', 'ok.yaml', 'file.yaml/inside', 'missing/x.yaml']));
    expect(e.problems).toEqual([
      `missing: no such file or folder. Fix: check the path (relative paths start at ${fs.realpathSync(root)})`,
      'empty: no *.yaml or *.yml files in this folder or its subfolders. Fix: give the folder that holds the manifests',
      'really-empty: no *.yaml or *.yml files in this folder or its subfolders. Fix: give the folder that holds the manifests',
      `file.yaml/inside: no such file or folder. Fix: check the path (relative paths start at ${fs.realpathSync(root)})`,
      `missing/x.yaml: no such file or folder. Fix: check the path (relative paths start at ${fs.realpathSync(root)})`,
    ]);
    expect(e.message).toMatch(/^5 unusable inputs: missing: no such file or folder\. .*; missing\/x\.yaml: no such file/);
    expect(e.message).not.toMatch(/\n/);
    expect(inputError(() => readManifests(['missing'])).message).toBe(e.problems[0]);
    expect(inputError(() => readManifests([])).message).toBe('no input paths given. Fix: give the files or folders holding the manifests');
  });

  test('an empty file, or a file of comments, has no documents: a note', () => {
    write({ 'repo/empty.yaml': '', 'repo/comments.yaml': '# nothing\n', 'repo/ok.yaml': obj('A', 'a') });
    const r = readManifests(['repo']);
    expect(read(r)).toEqual(['repo/ok.yaml#0 A/a']);
    expect(r.notes).toEqual(['repo/comments.yaml: no documents', 'repo/empty.yaml: no documents']);
  });

  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  (asRoot ? test.skip : test)('an unreadable file or folder is an InputError (not testable as root)', () => {
    write({ 'repo/secret.yaml': obj('A', 'a'), 'repo/closed/x.yaml': obj('B', 'b') });
    fs.chmodSync('repo/secret.yaml', 0o000);
    fs.chmodSync('repo/closed', 0o000);
    try {
      expect(inputError(() => readManifests(['repo'])).problems).toEqual([
        'repo/closed: permission denied, cannot read this folder. Fix: make it readable or leave it out',
        'repo/secret.yaml: permission denied, cannot read this file. Fix: make it readable or leave it out',
      ]);
    } finally {
      fs.chmodSync('repo/closed', 0o755);
    }
  });
});
