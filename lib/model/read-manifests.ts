/**
 * Reading a folder of Kubernetes YAML (a Flux repository, `cdk8s synth` output, …) into plain
 * JSON objects, for the `check` CLI, without stack traces, hangs or unbounded memory.
 *
 * Two kinds of trouble are kept apart:
 *
 * - **unusable input** (the CLI exits 2): a path that is missing, unreadable, a dangling
 *   symlink, a FIFO given explicitly, a folder with no YAML files. {@link readManifests}
 *   walks every path first and then throws one {@link InputError} listing all of them.
 * - **per-document problems** (in {@link ReadResult.problems}): malformed YAML, a document
 *   that is not an object or not a Kubernetes object, too deep, too many aliases, too large.
 *   The other documents of the same file and folder are still read.
 *
 * Which files: a folder is walked recursively for `*.yaml` and `*.yml` (not `*.json`: in
 * GitOps repositories JSON files are mostly dashboards and tool configuration, not
 * manifests); a file given explicitly is read whatever its name (JSON is YAML). Entries whose
 * name starts with `.` (`.git`, `.github`, `.sops.yaml`) and kustomize configuration files
 * (`kustomization.yaml`, `kustomization.yml`, `Kustomization`) are skipped with a note.
 * Entries are sorted by name (UTF-16 code units, independent of the locale) and a folder's
 * subfolders are walked where they sort, so the order is the same on every machine.
 *
 * How YAML is read: YAML 1.2 core schema (as `yaml` parses by default) plus `<<` merge keys
 * (which Kubernetes' YAML decoder honours). Each file is cut into documents at its `---`
 * lines (a `---` at the start of a line, followed by a space or the line end, always starts a
 * document in YAML 1.2, inside quoted and block scalars too, so the cut never falls inside
 * one; `%` directive lines before a `---` go with it), and each document is parsed on its own
 * with `yaml`'s `Parser` and `Composer`: memory is bounded by the largest document, and a
 * document's size and nesting depth are checked before `yaml`'s recursive composer runs.
 * Duplicate keys are found here in linear time (`yaml`'s own check is quadratic: a 5 MB
 * JSON object took 92 s).
 *
 * @module
 */
import { isUtf8 } from 'buffer';
import * as fs from 'fs';
import * as path from 'path';
import { Alias, CST, Composer, Document, Parser, isAlias, isMap, isScalar, isSeq } from 'yaml';

/** A Kubernetes object as read: `apiVersion`, `kind` and `metadata.name` are strings; the rest is unchecked JSON. */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** One Kubernetes object read from a file. */
export interface ManifestDocument {
  /** The file, as given or joined onto the folder given (so relative to the cwd when the folder was). */
  readonly file: string;
  /** 0-based index of the document in the file (every document counts, empty ones too). */
  readonly index: number;
  /** 1-based line where the document's content starts (its first key, after any `---` and comments). */
  readonly line: number;
  /** The object as plain JSON: fresh objects, nothing shared between aliases, no `Infinity`/`NaN`. */
  readonly value: ManifestObject;
}

/** What is wrong with a document or a file; see {@link DocumentProblem}. */
export type DocumentProblemCode =
  /** Not valid YAML (the parser's message). */
  | 'yaml-syntax'
  /** Valid YAML that has no JSON form: duplicate key, non-scalar key, `.inf`/`.nan`, recursive alias. */
  | 'not-json'
  /** The document is a scalar or a list. */
  | 'not-an-object'
  /** An object without string `apiVersion`, `kind` or `metadata.name`. */
  | 'not-a-manifest'
  /** Collections nested deeper than {@link ReadManifestsOptions.maxDepth}. */
  | 'too-deep'
  /** Alias expansion over {@link ReadManifestsOptions.maxAliasCount} (a "billion laughs" document). */
  | 'too-many-aliases'
  /** A file over {@link ReadManifestsOptions.maxFileBytes} or a document over {@link ReadManifestsOptions.maxDocumentBytes}. */
  | 'too-large'
  /** The file is not UTF-8 text. */
  | 'not-utf8'
  /** A failure of this reader or of `yaml` itself; the message says which. */
  | 'unexpected';

/** A problem with one document (or, without `index`, with a whole file); the file's other documents are still read. */
export interface DocumentProblem {
  readonly code: DocumentProblemCode;
  readonly file: string;
  /** 0-based document index; absent when the problem is the whole file's (too large, not UTF-8). */
  readonly index?: number;
  /** 1-based line and column of the problem, when known. */
  readonly line?: number;
  readonly column?: number;
  /** The problem alone, one line, without the location. */
  readonly problem: string;
  /**
   * One line for the CLI: `<file>:<line>:<column>: document <index + 1>: <problem>`
   * (the location parts that are known; document numbers count from 1 here, for people).
   */
  readonly message: string;
}

/** What {@link readManifests} read. */
export interface ReadResult {
  /** The Kubernetes objects, in file order (see the module comment) and document order. */
  readonly documents: ManifestDocument[];
  /** Documents and files that could not be used, in the same order; the CLI reports them and fails. */
  readonly problems: DocumentProblem[];
  /** Non-fatal, one line each: skipped special files, hidden entries, kustomize files, symlinks, empty documents, `yaml` warnings. */
  readonly notes: string[];
  /** Every file that was read, in order. */
  readonly files: string[];
}

/** Limits of {@link readManifests}. The defaults suit any real repository; see each for why. */
export interface ReadManifestsOptions {
  /**
   * Largest file read, in bytes; a larger file is a `too-large` problem and is not read.
   * Default 64 MiB: a 50 MB file of ordinary manifests takes ~15 s and a peak RSS of ~430 MB
   * (2 cores, `bench/read-large.ts`), so this bounds both; real files (CRD bundles included)
   * are far smaller.
   */
  readonly maxFileBytes?: number;
  /**
   * Largest document, in bytes (UTF-8); a larger one is a `too-large` problem and is not
   * parsed. `yaml` takes ~80 times a document's size in memory while it parses it (a 20 MB
   * document: 1.6 GB), so one huge document must not reach the parser. Default 8 MiB: over
   * five times the largest object etcd stores by default (1.5 MiB).
   */
  readonly maxDocumentBytes?: number;
  /**
   * Deepest nesting of collections (maps and lists; aliases expanded) in a document. Default 256:
   * real manifests, CRD schemas included, stay under 50, and `yaml`'s composer recurses
   * (~1.2 KB of stack a level: it overflows Node's default stack at ~800 levels, and repeated
   * overflows can abort the process), so the limit is checked on the parser's output before
   * composing. Raising it above ~500 risks stack overflows.
   */
  readonly maxDepth?: number;
  /**
   * `yaml`'s `maxAliasCount`: how far aliases may expand (roughly the number of alias
   * resolutions, weighted by the aliases inside each anchored node); 0 forbids aliases.
   * Default 100, `yaml`'s own default; Kubernetes manifests seldom use aliases at all.
   */
  readonly maxAliasCount?: number;
}

/** The defaults of {@link ReadManifestsOptions}. */
export const READ_MANIFESTS_DEFAULTS: Required<ReadManifestsOptions> = Object.freeze({
  maxFileBytes: 64 * 1024 * 1024,
  maxDocumentBytes: 8 * 1024 * 1024,
  maxDepth: 256,
  maxAliasCount: 100,
});

/**
 * Unusable input: the CLI should print {@link InputError.problems} (one line each) and exit 2.
 *
 * The message is one line: the problem when there is one, else their count and all of them
 * separated by `; `.
 */
export class InputError extends Error {
  /** Every unusable input, one line each: `<path>: <problem>. Fix: <fix>`. */
  public readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} unusable inputs: ${problems.join('; ')}`);
    this.name = 'InputError';
    this.problems = [...problems];
  }
}

/**
 * Reads the Kubernetes objects in `paths` (files and folders; folders recursively).
 *
 * Never blocks on special files (FIFOs, sockets and devices are not opened), follows symlinks
 * to files and folders without looping, reads each file and folder once (by device and inode),
 * and reports every problem instead of stopping at the first.
 *
 * @param paths files and folders, relative to the cwd or absolute
 * @param options limits; see {@link READ_MANIFESTS_DEFAULTS}
 * @returns the objects, the per-document problems, notes and the files read
 * @throws InputError listing every unusable input (missing, unreadable, dangling symlink,
 *   special file given explicitly, folder without YAML files); nothing else is thrown
 */
export function readManifests(paths: readonly string[], options: ReadManifestsOptions = {}): ReadResult {
  const limits = checkedLimits(options);
  const reader = new Reader(limits);
  try {
    if (paths.length === 0) { reader.inputProblems.push('no input paths given. Fix: give the files or folders holding the manifests'); }
    for (const p of paths) { reader.readPath(p); }
  } catch (e) {
    if (e instanceof InputError) { throw e; }
    reader.inputProblems.push(`${paths.join(', ')}: unexpected failure of the manifest reader: ${oneLine(e)}. Fix: report this as a bug`);
  }
  if (reader.inputProblems.length > 0) { throw new InputError(reader.inputProblems); }
  return reader.result;
}

function checkedLimits(options: ReadManifestsOptions): Required<ReadManifestsOptions> {
  const limits = { ...READ_MANIFESTS_DEFAULTS, ...dropUndefined(options) };
  const bad = (Object.keys(READ_MANIFESTS_DEFAULTS) as Array<keyof ReadManifestsOptions>)
    .filter((k) => !Number.isSafeInteger(limits[k]) || limits[k] < (k === 'maxAliasCount' ? 0 : 1))
    .map((k) => {
      const what = k === 'maxAliasCount' ? 'a non-negative integer' : 'a positive integer';
      return `option ${k} must be ${what} (got ${String(limits[k])}). Fix: pass ${what} or leave it out for ${READ_MANIFESTS_DEFAULTS[k]}`;
    });
  if (bad.length > 0) { throw new InputError(bad); }
  return limits;
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const YAML_FILE = /\.ya?ml$/;
const KUSTOMIZE_FILES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/** `dev:ino` of a stat, the identity of a file or folder. */
function identity(st: fs.Stats): string {
  return `${st.dev}:${st.ino}`;
}

function specialKind(st: fs.Stats | fs.Dirent): string | undefined {
  if (st.isFIFO()) { return 'a FIFO (named pipe)'; }
  if (st.isSocket()) { return 'a socket'; }
  if (st.isCharacterDevice()) { return 'a character device'; }
  if (st.isBlockDevice()) { return 'a block device'; }
  return undefined;
}

function errnoCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : undefined;
}

function oneLine(e: unknown): string {
  const text = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
  const line = text.replace(/\s*\n\s*/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** Why `p` cannot be used, from the error of a filesystem call, with the fix. */
function fsProblem(p: string, e: unknown, what: 'path' | 'file' | 'folder'): string {
  switch (errnoCode(e)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return `${p}: no such file or folder. Fix: check the path (relative paths start at ${process.cwd()})`;
    case 'EACCES':
    case 'EPERM':
      return `${p}: permission denied, cannot read this ${what}. Fix: make it readable or leave it out`;
    case 'ELOOP':
      return `${p}: symlink loop (too many levels of symbolic links). Fix: point the symlink at a real file or folder`;
    case 'ENAMETOOLONG':
      return `${p}: path too long. Fix: shorten the path`;
    default:
      return `${p}: cannot read this ${what}: ${oneLine(e)}. Fix: check the ${what}`;
  }
}

function describeSymlink(p: string): string {
  try { return ` -> ${fs.readlinkSync(p)}`; } catch { return ''; }
}

class Reader {
  public readonly inputProblems: string[] = [];
  public readonly result: ReadResult = { documents: [], problems: [], notes: [], files: [] };
  /** identity -> display path of every file read and every folder walked. */
  private readonly seen = new Map<string, string>();

  constructor(private readonly limits: Required<ReadManifestsOptions>) {}

  public readPath(p: string): void {
    let st: fs.Stats;
    try {
      const lst = fs.lstatSync(p);
      if (lst.isSymbolicLink()) {
        try {
          st = fs.statSync(p);
        } catch (e) {
          this.inputProblems.push(errnoCode(e) === 'ENOENT'
            ? `${p}: dangling symlink${describeSymlink(p)}: its target does not exist. Fix: fix the symlink or give its target`
            : fsProblem(p, e, 'path'));
          return;
        }
      } else {
        st = lst;
      }
    } catch (e) {
      this.inputProblems.push(fsProblem(p, e, 'path'));
      return;
    }
    if (st.isDirectory()) {
      const already = this.seen.get(identity(st));
      if (already !== undefined) {
        this.result.notes.push(`${p}: same folder as ${already}, already read; skipped`);
        return;
      }
      if (this.walk(p, st, new Set()) === 0) {
        this.inputProblems.push(`${p}: no *.yaml or *.yml files in this folder or its subfolders. Fix: give the folder that holds the manifests`);
      }
    } else if (st.isFile()) {
      this.readFile(p, st);
    } else {
      this.inputProblems.push(`${p}: ${specialKind(st) ?? 'not a regular file'}, not a file or folder; it is not read. Fix: give a YAML file or a folder (save piped input to a file first)`);
    }
  }

  /** Walks folder `dir` (already stat'ed as `st`); returns how many YAML-named entries it found. */
  private walk(dir: string, st: fs.Stats, ancestors: Set<string>): number {
    const id = identity(st);
    this.seen.set(id, dir);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      this.inputProblems.push(fsProblem(dir, e, 'folder'));
      return 0;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const inner = new Set(ancestors).add(id);
    let candidates = 0;
    for (const entry of entries) {
      const p = path.join(dir, entry.name);
      const yamlName = YAML_FILE.test(entry.name);
      if (entry.name.startsWith('.')) {
        if (yamlName || entry.isDirectory()) { this.result.notes.push(`${p}: hidden, skipped`); }
        continue;
      }
      let target: fs.Stats | fs.Dirent = entry;
      let via = '';
      if (entry.isSymbolicLink() || !(entry.isFile() || entry.isDirectory() || specialKind(entry))) {
        try {
          target = fs.statSync(p);
        } catch (e) {
          const code = errnoCode(e);
          if (code === 'ENOENT') {
            if (yamlName || entry.isSymbolicLink()) { this.result.notes.push(`${p}: dangling symlink${describeSymlink(p)}, skipped`); }
          } else if (code === 'ELOOP') {
            this.result.notes.push(`${p}: symlink loop${describeSymlink(p)}, skipped`);
          } else {
            this.inputProblems.push(fsProblem(p, e, 'path'));
          }
          continue;
        }
        via = entry.isSymbolicLink() ? ` (symlink${describeSymlink(p)})` : '';
      }
      if (target.isDirectory()) {
        const tst = target instanceof fs.Stats ? target : statOrNull(p);
        if (!tst) { this.inputProblems.push(fsProblem(p, new Error('vanished while reading'), 'folder')); continue; }
        const tid = identity(tst);
        if (inner.has(tid)) {
          this.result.notes.push(`${p}: symlink loop${via}: points back to the folder ${this.seen.get(tid) ?? 'above it'}; not followed`);
        } else if (this.seen.has(tid)) {
          this.result.notes.push(`${p}: same folder as ${this.seen.get(tid)}${via}, already read; skipped`);
        } else {
          candidates += this.walk(p, tst, inner);
        }
      } else if (!yamlName) {
        continue;
      } else if (target.isFile()) {
        candidates += 1;
        if (KUSTOMIZE_FILES.has(entry.name)) {
          this.result.notes.push(`${p}: kustomize configuration, not a cluster object; skipped`);
          continue;
        }
        const fst = target instanceof fs.Stats ? target : statOrNull(p);
        if (!fst) { this.inputProblems.push(fsProblem(p, new Error('vanished while reading'), 'file')); continue; }
        this.readFile(p, fst);
      } else {
        candidates += 1;
        this.result.notes.push(`${p}: ${specialKind(target) ?? 'not a regular file'}${via}, skipped (only regular files are read)`);
      }
    }
    return candidates;
  }

  private readFile(file: string, st: fs.Stats): void {
    const id = identity(st);
    const already = this.seen.get(id);
    if (already !== undefined) {
      this.result.notes.push(`${file}: same file as ${already}, already read; skipped`);
      return;
    }
    this.seen.set(id, file);
    if (KUSTOMIZE_FILES.has(path.basename(file))) {
      this.result.notes.push(`${file}: kustomize configuration, not a cluster object; skipped`);
      return;
    }
    const bytes = this.readBytes(file, st);
    if (bytes === undefined) { return; }
    this.result.files.push(file);
    if (!isUtf8(bytes)) {
      const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
      this.fileProblem(file, 'not-utf8', utf16
        ? 'UTF-16 text, not UTF-8. Fix: save the file as UTF-8'
        : `not UTF-8 text (invalid byte sequence). Fix: save the file as UTF-8`);
      return;
    }
    try {
      new FileParser(file, bytes.toString('utf8'), this.limits, this.result).run();
    } catch (e) {
      this.fileProblem(file, 'unexpected', `unexpected failure while reading: ${oneLine(e)}`);
    }
  }

  /** The file's bytes, or undefined (after recording why) when it is too large or cannot be read. */
  private readBytes(file: string, st: fs.Stats): Buffer | undefined {
    const max = this.limits.maxFileBytes;
    if (st.size > max) {
      this.tooLarge(file, st.size);
      return undefined;
    }
    let fd: number;
    try {
      // O_NONBLOCK: if the file was replaced by a FIFO since it was stat'ed, open must not wait for a writer
      fd = fs.openSync(file, fs.constants.O_RDONLY | O_NONBLOCK);
    } catch (e) {
      this.inputProblems.push(fsProblem(file, e, 'file'));
      return undefined;
    }
    try {
      const fst = fs.fstatSync(fd);
      if (!fst.isFile()) {
        this.result.notes.push(`${file}: ${specialKind(fst) ?? 'not a regular file'}, skipped (only regular files are read)`);
        return undefined;
      }
      // read until end of file, never more than max + 1 bytes (the size can change, /proc files say 0)
      let buf = Buffer.allocUnsafe(Math.min(max + 1, Math.max(fst.size + 1, 64 * 1024)));
      let length = 0;
      for (;;) {
        if (length === buf.length) {
          if (length > max) { break; }
          const bigger = Buffer.allocUnsafe(Math.min(max + 1, buf.length * 2));
          buf.copy(bigger, 0, 0, length);
          buf = bigger;
        }
        const n = fs.readSync(fd, buf, length, buf.length - length, null);
        if (n === 0) { break; }
        length += n;
      }
      if (length > max) {
        this.tooLarge(file, length);
        return undefined;
      }
      return buf.subarray(0, length);
    } catch (e) {
      this.inputProblems.push(fsProblem(file, e, 'file'));
      return undefined;
    } finally {
      fs.closeSync(fd);
    }
  }

  private tooLarge(file: string, size: number): void {
    this.result.files.push(file);
    this.fileProblem(file, 'too-large', `file is ${mib(size)}, over the limit of ${mib(this.limits.maxFileBytes)} (maxFileBytes). Fix: split the file, or raise the limit`);
  }

  private fileProblem(file: string, code: DocumentProblemCode, problem: string): void {
    this.result.problems.push({ code, file, problem, message: `${file}: ${problem}` });
  }
}

function statOrNull(p: string): fs.Stats | undefined {
  try { return fs.statSync(p); } catch { return undefined; }
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${bytes} bytes`;
}

/** Options for `yaml`'s Composer and `toJS`. */
interface YamlOptions {
  readonly merge: true;
  readonly uniqueKeys: false;
  readonly logLevel: 'error';
  readonly keepSourceTokens: false;
}
const YAML_OPTIONS: YamlOptions = { merge: true, uniqueKeys: false, logLevel: 'error', keepSourceTokens: false };

/** A `---` line: where YAML 1.2 always starts a document. */
const DOC_START = /^---(?=[ \t\r\n]|$)/gm;
/** A line that may be a directive (`%YAML`, `%TAG`), which belongs to the document after it. */
const DIRECTIVE = /^%/m;

/**
 * Where the document whose `---` is at `marker` starts, directives included: directive lines
 * (`%…`) right before it (comments and blank lines between them allowed) are its own when
 * they follow a `...` line or the start of the file; elsewhere a `%` line is content of the
 * document before (a block scalar's text, say), and `marker` is returned.
 */
function directivesBefore(text: string, marker: number): number {
  let pos = marker;
  let first = -1;
  while (pos > 0) {
    const lineStart = text.lastIndexOf('\n', pos - 2) + 1;
    const line = text.slice(lineStart, pos).replace(/\r?\n$/, '');
    if (line.startsWith('%')) {
      first = lineStart;
    } else if (/^\.\.\.(?:[ \t]|$)/.test(line)) {
      break;
    } else if (line.trim() !== '' && !line.startsWith('#')) {
      return marker;
    }
    pos = lineStart;
  }
  return first === -1 ? marker : first;
}

/** One file's documents: cut at `---` lines, each parsed, checked and converted on its own. */
class FileParser {
  private lineStarts: number[] | undefined;
  private nextIndex = 0;

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly limits: Required<ReadManifestsOptions>,
    private readonly result: ReadResult,
  ) {}

  public run(): void {
    const cuts = [0];
    const directives = DIRECTIVE.test(this.text);
    DOC_START.lastIndex = 0;
    for (let m = DOC_START.exec(this.text); m; m = DOC_START.exec(this.text)) {
      const cut = directives ? directivesBefore(this.text, m.index) : m.index;
      if (cut > cuts[cuts.length - 1]) { cuts.push(cut); }
    }
    cuts.push(this.text.length);
    let documents = 0;
    for (let i = 0; i + 1 < cuts.length; i++) {
      documents += this.parseChunk(cuts[i], cuts[i + 1]);
    }
    if (documents === 0) { this.result.notes.push(`${this.file}: no documents`); }
  }

  /** Parses text[start, end): one document, or several when they are separated by `...` lines only. Returns how many it held. */
  private parseChunk(start: number, end: number): number {
    const max = this.limits.maxDocumentBytes;
    const length = end - start;
    if (length > max || (length * 3 > max && Buffer.byteLength(this.text.slice(start, end)) > max)) {
      const size = Buffer.byteLength(this.text.slice(start, end));
      this.problem('too-large', this.nextIndex++, start, `document is ${mib(size)}, over the limit of ${mib(max)} (maxDocumentBytes). Fix: split it into smaller objects, or raise the limit`);
      return 1;
    }
    const source = this.text.slice(start, end);
    const parser = new Parser();
    const composer = new Composer(YAML_OPTIONS);
    /** index and start offset of each document given to the composer and not yet composed */
    const pending: Array<{ index: number; offset: number }> = [];
    let skipping = false;
    let count = 0;
    const take = (docs: Iterable<Document.Parsed>) => {
      for (const doc of docs) {
        const next = pending.shift();
        if (next) { this.document(doc, next.index, start, start + next.offset); }
      }
    };
    for (const token of parser.parse(source)) {
      if (token.type === 'document') {
        count += 1;
        const index = this.nextIndex++;
        const depth = cstDepth(token, this.limits.maxDepth);
        if (depth > this.limits.maxDepth) {
          this.problem('too-deep', index, start + token.offset, `collections nested more than ${this.limits.maxDepth} deep (maxDepth). Fix: flatten the document; no Kubernetes object nests this deep`);
          skipping = true;
          continue;
        }
        skipping = false;
        pending.push({ index, offset: token.offset });
      } else if (skipping && token.type !== 'directive') {
        continue; // the doc-end, comments and errors of the document left out
      }
      take(composer.next(token));
    }
    take(composer.end());
    const stream = composer.streamInfo();
    for (const e of stream.errors) {
      this.problem('yaml-syntax', undefined, start + e.pos[0], yamlMessage(e.message));
    }
    return count;
  }

  /** Checks one composed document and adds it (or its problem) to the result. */
  private document(doc: Document.Parsed, index: number, chunkStart: number, markerStart: number): void {
    const at = (offset: number) => chunkStart + offset;
    /** where the document's content starts (its first key), else its `---` */
    const docStart = doc.contents?.range ? at(doc.contents.range[0]) : markerStart;
    if (doc.errors.length > 0) {
      const first = doc.errors[0];
      const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more YAML error${doc.errors.length > 2 ? 's' : ''})` : '';
      const code = first.code === 'RESOURCE_EXHAUSTION' ? 'too-deep' : 'yaml-syntax';
      this.problem(code, index, at(first.pos[0]), `${yamlMessage(first.message)}${more}`);
      return;
    }
    for (const w of doc.warnings) {
      this.result.notes.push(this.locate(index, at(w.pos[0]), `YAML warning: ${yamlMessage(w.message)}`));
    }
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null && !doc.contents.tag)) {
      this.result.notes.push(this.locate(index, markerStart, 'empty document, skipped'));
      return;
    }
    let value: unknown;
    try {
      const check = checkNodes(doc, this.limits.maxDepth);
      if (check.problem) {
        this.problem(check.problem.code, index, at(check.problem.offset), check.problem.text);
        return;
      }
      value = doc.toJS({ maxAliasCount: this.limits.maxAliasCount });
      // toJS shares one object between an anchor and its aliases; copy so that nothing is shared
      if (check.aliases) { value = JSON.parse(JSON.stringify(value)); }
    } catch (e) {
      if (e instanceof ReferenceError && /Alias resolution is disabled/.test(e.message)) {
        this.problem('too-many-aliases', index, docStart, 'aliases are not allowed (maxAliasCount 0). Fix: write the values out instead of using aliases');
      } else if (e instanceof ReferenceError && /Excessive alias count/.test(e.message)) {
        this.problem('too-many-aliases', index, docStart, `aliases expand too much (over maxAliasCount ${this.limits.maxAliasCount}), as in a "billion laughs" attack. Fix: write the values out instead of using aliases`);
      } else if (e instanceof RangeError) {
        this.problem('too-deep', index, docStart, `too deeply nested to convert (${oneLine(e)}). Fix: flatten the document`);
      } else {
        this.problem(e instanceof ReferenceError ? 'yaml-syntax' : 'unexpected', index, docStart, oneLine(e));
      }
      return;
    }
    const shape = manifestShape(value);
    if (shape) {
      this.problem(shape.code, index, docStart, shape.text);
      return;
    }
    const manifest = value as ManifestObject;
    if (manifest.apiVersion.startsWith('kustomize.config.k8s.io/')) {
      this.result.notes.push(this.locate(index, docStart, `kustomize ${manifest.kind}, not a cluster object; skipped`));
      return;
    }
    this.result.documents.push({ file: this.file, index, line: this.position(docStart).line, value: manifest });
  }

  private problem(code: DocumentProblemCode, index: number | undefined, offset: number, problem: string): void {
    const { line, column } = this.position(offset);
    this.result.problems.push({
      code, file: this.file, ...(index === undefined ? {} : { index }), line, column, problem,
      message: this.locate(index, offset, problem),
    });
  }

  private locate(index: number | undefined, offset: number, text: string): string {
    const { line, column } = this.position(offset);
    return `${this.file}:${line}:${column}: ${index === undefined ? '' : `document ${index + 1}: `}${text}`;
  }

  /** 1-based line and column of `offset` in the file. */
  private position(offset: number): { line: number; column: number } {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) { starts.push(i + 1); }
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) { lo = mid; } else { hi = mid - 1; }
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }
}

/** `yaml`'s message on one line, without its location suffix (positions are given separately). */
function yamlMessage(message: string): string {
  return oneLine(message.replace(/ at line \d+, column \d+[\s\S]*$/, ''));
}

/**
 * The deepest nesting of collections in a CST document, without recursion; stops counting
 * once past `limit`. Run before composing, since `yaml`'s composer recurses.
 */
function cstDepth(doc: CST.Document, limit: number): number {
  let deepest = 0;
  const stack: Array<[CST.Token, number]> = [];
  if (doc.value) { stack.push([doc.value, 1]); }
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') { continue; }
    if (depth > deepest) {
      deepest = depth;
      if (deepest > limit) { return deepest; }
    }
    for (const item of token.items as CST.CollectionItem[]) {
      if (item.key) { stack.push([item.key, depth + 1]); }
      if (item.value) { stack.push([item.value, depth + 1]); }
    }
  }
  return deepest;
}

interface NodeProblem { readonly code: DocumentProblemCode; readonly offset: number; readonly text: string }

/**
 * Checks a composed document, without recursion, before `toJS` (which recurses): nesting
 * depth with aliases expanded (an alias is as deep as its anchored node), aliases to their
 * own ancestors, duplicate and non-scalar keys, `.inf`/`.nan`. Linear in the document's size:
 * the depth of each anchored node is remembered, aliases are not walked again.
 */
function checkNodes(doc: Document.Parsed, maxDepth: number): { problem?: NodeProblem; aliases: boolean } {
  type Frame = { node: unknown; children: unknown[]; next: number; height: number };
  const anchors = new Map<string, unknown>();
  const heights = new Map<unknown, number>();
  const open = new Set<unknown>();
  let aliases = false;
  const offsetOf = (node: unknown) => (node as { range?: [number, number, number] }).range?.[0] ?? 0;

  /** Visits a leaf or opens a collection frame; returns the leaf's height, or undefined for a new frame. */
  const visit = (node: unknown, stack: Frame[]): number | NodeProblem | undefined => {
    if (isAlias(node)) {
      aliases = true;
      const target = anchors.get((node as Alias).source);
      if (target === undefined) {
        return { code: 'yaml-syntax', offset: offsetOf(node), text: `alias *${(node as Alias).source} has no anchor &${(node as Alias).source} before it. Fix: define the anchor first` };
      }
      if (open.has(target)) {
        return { code: 'not-json', offset: offsetOf(node), text: `alias *${(node as Alias).source} refers to a collection that contains it (a cycle has no JSON form). Fix: remove the alias` };
      }
      return heights.get(target) ?? 0;
    }
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor) { anchors.set(anchor, node); }
    if (isScalar(node)) {
      if (typeof node.value === 'number' && !Number.isFinite(node.value)) {
        return { code: 'not-json', offset: offsetOf(node), text: `${String(node.source ?? node.value)} has no JSON form (JSON numbers are finite). Fix: quote it to make it a string` };
      }
      return 0;
    }
    if (isMap(node)) {
      const keys = new Set<string>();
      const children: unknown[] = [];
      for (const pair of node.items) {
        const key = pair.key;
        const keyNode = isAlias(key) ? anchors.get(key.source) : key;
        if (isScalar(keyNode)) {
          if (typeof keyNode.value !== 'symbol') { // a `<<` merge key
            const k = keyNode.value === null ? '' : String(keyNode.value);
            if (keys.has(k)) {
              return { code: 'not-json', offset: offsetOf(key), text: `duplicate key ${JSON.stringify(k)} in a mapping. Fix: keep one of them` };
            }
            keys.add(k);
          }
        } else if (keyNode !== null && keyNode !== undefined) {
          return { code: 'not-json', offset: offsetOf(key), text: 'a mapping key that is itself a mapping or a list (JSON keys are strings). Fix: use a string key' };
        }
        children.push(key, pair.value);
      }
      open.add(node);
      stack.push({ node, children, next: 0, height: 0 });
      return undefined;
    }
    if (isSeq(node)) {
      open.add(node);
      stack.push({ node, children: node.items, next: 0, height: 0 });
      return undefined;
    }
    return 0;
  };

  const stack: Frame[] = [];
  const root = visit(doc.contents, stack);
  if (typeof root === 'object') { return { problem: root, aliases }; }
  let height = root ?? 0;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++];
      if (child === null || child === undefined) { continue; }
      const h = visit(child, stack);
      if (typeof h === 'object') { return { problem: h, aliases }; }
      if (h !== undefined && h > frame.height) { frame.height = h; }
      continue;
    }
    stack.pop();
    open.delete(frame.node);
    const h = frame.height + 1;
    if (h + stack.length > maxDepth) {
      return { problem: { code: 'too-deep', offset: offsetOf(frame.node), text: `collections nested more than ${maxDepth} deep once aliases are expanded (maxDepth). Fix: flatten the document or use fewer nested aliases` }, aliases };
    }
    if ((frame.node as { anchor?: string }).anchor) { heights.set(frame.node, h); }
    const parent = stack[stack.length - 1];
    if (parent) {
      if (h > parent.height) { parent.height = h; }
    } else {
      height = h;
    }
  }
  if (height > maxDepth) {
    return { problem: { code: 'too-deep', offset: 0, text: `collections nested more than ${maxDepth} deep (maxDepth). Fix: flatten the document` }, aliases };
  }
  return { aliases };
}

/** Why `value` is not a Kubernetes object, or undefined when it is one. */
function manifestShape(value: unknown): { code: DocumentProblemCode; text: string } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const what = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value} (${JSON.stringify(value).slice(0, 40)})`;
    return { code: 'not-an-object', text: `document is ${what}, not a Kubernetes object. Fix: make it a mapping with apiVersion, kind and metadata.name` };
  }
  const m = value as { apiVersion?: unknown; kind?: unknown; metadata?: unknown };
  const metadata = m.metadata as { name?: unknown } | undefined;
  const missing = [
    typeof m.apiVersion === 'string' && m.apiVersion !== '' ? undefined : fieldIssue('apiVersion', m.apiVersion),
    typeof m.kind === 'string' && m.kind !== '' ? undefined : fieldIssue('kind', m.kind),
    typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata)
      ? (typeof metadata.name === 'string' && metadata.name !== '' ? undefined : fieldIssue('metadata.name', metadata.name))
      : fieldIssue('metadata', m.metadata),
  ].filter((x): x is string => x !== undefined);
  if (missing.length === 0) { return undefined; }
  const what = typeof m.kind === 'string' && m.kind !== '' ? `${m.kind} object` : 'object';
  const hint = m.kind === 'List' ? ' (a List of objects is not read: write each item as its own document)' : '';
  return { code: 'not-a-manifest', text: `${what} is not a Kubernetes object: ${missing.join(', ')}${hint}. Fix: give every object a string apiVersion, kind and metadata.name` };
}

function fieldIssue(field: string, value: unknown): string {
  if (value === undefined) { return `no ${field}`; }
  if (value === '') { return `${field} is empty`; }
  const type = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
  return `${field} is ${type}, not ${field === 'metadata' ? 'a mapping' : 'a string'}`;
}
