/**
 * An output folder the library shares with its user: it replaces and deletes only the files it
 * wrote there, as recorded in a manifest, and writes all of them or none.
 *
 * @module
 */
import * as fs from 'fs';
import * as path from 'path';
import { describeFsError, OutputFolderError, q } from './errors';
import { checkRelativePath, RESERVED_PREFIX } from './file-names';
import { checkOutputFolder, FolderCheckOptions, lstatOrUndefined } from './folder-checks';
import { mkdirTracked, removeEmptyFolders } from './fs-tracked';
import { formatManifest, ManifestContent, MANIFEST_FILE_NAME, readManifest, readNoFollow, sha256 } from './manifest';

export { OutputFolderError } from './errors';
export { safeFileName } from './file-names';
export { MANIFEST_FILE_NAME } from './manifest';

/** Options of an {@link OwnedFolder}: the folders it refuses to own. */
export interface OwnedFolderOptions extends FolderCheckOptions {}

/** What a committed write did, by `/`-separated path relative to the folder. */
export interface OwnedFolderWriteResult {
  /** The absolute folder. */
  readonly folder: string;
  /** Files written or replaced. */
  readonly written: readonly string[];
  /** Files left untouched because they already held the new content. */
  readonly unchanged: readonly string[];
  /** Files the library wrote before, does not write any more, and removed. */
  readonly removed: readonly string[];
}

/**
 * An output folder the library owns only in part: the files it wrote there.
 *
 * The folder keeps a manifest, {@link MANIFEST_FILE_NAME}, of the files the library wrote (their
 * relative paths and sha256). A write replaces those files and deletes the ones it no longer
 * writes; everything else in the folder (a kustomization.yaml, a README, `.git/`, another app's
 * files, symlinks) is never touched. It refuses, before changing anything:
 *
 * - to replace or delete a file it wrote that was changed since (its sha256 differs from the
 *   manifest), or that has become a symlink or a folder: the error names the file and the fix
 *   (move your changes elsewhere and delete the file, or restore it);
 * - to write over a file it did not write, unless that file already holds exactly the new
 *   content (it is then adopted, since nothing can be lost), or through a symlink;
 * - an unsafe folder (see {@link checkOutputFolder}) or file name (see {@link safeFileName}).
 *
 * Every file is written to a staging folder inside the folder first (same file system, and
 * nothing is written outside the folder); only when all of them are written and every check
 * passed are they moved into place, the stale files removed and the manifest updated. A failure
 * before that leaves the folder as it was, and the staging folder is removed.
 *
 * Not handled: two processes writing the same folder at once.
 */
export class OwnedFolder {
  /** The name of the manifest in the folder. */
  public static readonly MANIFEST_FILE_NAME = MANIFEST_FILE_NAME;

  /** The absolute folder. */
  public readonly path: string;
  /** The option or argument that names the folder, used in error messages. */
  public readonly field: string;

  private readonly given: string;
  private readonly options: OwnedFolderOptions;

  /**
   * Checks the folder (it need not exist yet); nothing is written until {@link begin}.
   * @param folder the folder, absolute or relative to the working directory
   * @param options the folders it refuses to own
   * @throws OutputFolderError when the folder is unsafe: the root, the home folder, the project root, the working directory or a parent of them, a file, a symlink, under a file, or overlapping `disjointFrom`
   */
  constructor(folder: string, options: OwnedFolderOptions = {}) {
    this.path = checkOutputFolder(folder, options);
    this.field = options.field ?? 'output folder';
    this.given = folder;
    this.options = options;
  }

  /**
   * The files the manifest says the library wrote, sorted.
   * @throws OutputFolderError when the manifest is unreadable
   */
  public ownedFiles(): string[] {
    return Object.keys(readManifest(this.field, this.path).files).sort();
  }

  /**
   * Starts a write: creates the folder if needed, and a staging folder in it. Add files with
   * {@link OwnedFolderWrite.add}, then {@link OwnedFolderWrite.commit} (or `abort`).
   * @throws OutputFolderError when the folder has become unsafe since it was checked
   */
  public begin(): OwnedFolderWrite {
    checkOutputFolder(this.given, this.options);
    return new OwnedFolderWrite(this);
  }

  /**
   * Writes exactly `files` (replacing the set written last time) in one {@link begin}/commit.
   * @param files contents by `/`-separated path relative to the folder
   * @throws OutputFolderError when a name is unsafe, a file is in the way, or writing fails (the folder is then unchanged)
   */
  public write(files: Readonly<Record<string, string | Uint8Array>>): OwnedFolderWriteResult {
    const w = this.begin();
    for (const [name, content] of Object.entries(files)) { w.add(name, content); }
    return w.commit();
  }
}

/** One write of an {@link OwnedFolder}: files added to a staging folder, then committed at once. */
export class OwnedFolderWrite {
  /** The staging folder the files are written to before the commit (inside the folder). */
  public readonly stagingPath: string;

  private readonly folder: OwnedFolder;
  private readonly createdFolders: string[];
  private readonly files = new Map<string, string>();
  private state: 'open' | 'committed' | 'aborted' = 'open';

  /** @internal use {@link OwnedFolder.begin} */
  constructor(folder: OwnedFolder) {
    this.folder = folder;
    try {
      this.createdFolders = mkdirTracked(folder.path);
    } catch (e) {
      throw this.fsError(folder.path, 'cannot create the folder', e);
    }
    try {
      this.stagingPath = fs.mkdtempSync(path.join(folder.path, `${RESERVED_PREFIX}staging-`));
    } catch (e) {
      removeEmptyFolders(this.createdFolders);
      throw this.fsError(folder.path, 'cannot create a staging folder in the folder', e);
    }
  }

  /**
   * Writes one file to the staging folder.
   * @param relativePath a `/`-separated path relative to the folder, e.g. from {@link safeFileName}
   * @param content the file's content
   * @throws OutputFolderError when the name is unsafe or already added, or the file cannot be written; the write is then aborted
   */
  public add(relativePath: string, content: string | Uint8Array): void {
    this.guard(() => {
      checkRelativePath(this.folder.field, this.folder.path, relativePath);
      const clash = this.files.has(relativePath) ? relativePath
        : [...this.files.keys()].find((f) => f.startsWith(`${relativePath}/`) || relativePath.startsWith(`${f}/`));
      if (clash !== undefined) {
        throw new OutputFolderError(`${this.folder.field} file name`, relativePath, clash === relativePath
          ? 'is written twice in one write (two objects map to the same file name)'
          : `clashes with ${q(clash)}: one would have to be a file and a folder at once`, 'give the objects distinct names or namespaces');
      }
      const dest = path.join(this.stagingPath, ...relativePath.split('/'));
      try {
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.writeFileSync(dest, content, { flag: 'wx' });
      } catch (e) {
        throw this.fsError(path.join(this.folder.path, relativePath), 'cannot be written', e);
      }
      this.files.set(relativePath, sha256(content));
    });
  }

  /**
   * Adds every regular file under `source`, keeping their relative paths.
   * @param source a folder, e.g. the staging folder a cdk8s synth wrote to
   * @returns the paths added, sorted
   * @throws OutputFolderError when `source` holds a symlink or anything but files and folders; the write is then aborted
   */
  public addFolder(source: string): string[] {
    return this.guard(() => {
      const added: string[] = [];
      const walk = (dir: string, prefix: string) => {
        for (const name of fs.readdirSync(dir).sort()) {
          const p = path.join(dir, name);
          const rel = prefix ? `${prefix}/${name}` : name;
          const st = fs.lstatSync(p);
          if (st.isDirectory()) {
            walk(p, rel);
          } else if (st.isFile()) {
            this.add(rel, readNoFollow(p));
            added.push(rel);
          } else {
            throw new OutputFolderError(this.folder.field, p, 'is a symlink or special file in the output to copy; only regular files are copied', 'remove it from the synth output');
          }
        }
      };
      walk(path.resolve(source), '');
      return added;
    });
  }

  /**
   * Checks, without changing anything, that the commit can go ahead: no file to replace or
   * remove was changed since the library wrote it, no file to write is in the way.
   * @throws OutputFolderError naming the first file in the way (and how many more); the write is then aborted
   */
  public check(): void {
    this.guard(() => { this.plan(); });
  }

  /**
   * Moves the staged files into place, removes the stale files the library wrote before, and
   * updates the manifest. Files that already hold the new content are left untouched.
   * @throws OutputFolderError when a check fails (the folder is then unchanged) or moving fails part-way
   */
  public commit(): OwnedFolderWriteResult {
    return this.guard(() => {
      const plan = this.plan();
      const target = this.folder.path;
      const moved: string[] = [];
      const removed: string[] = [];
      try {
        for (const rel of plan.write) {
          const dest = path.join(target, ...rel.split('/'));
          fs.mkdirSync(path.dirname(dest), { recursive: true });
          fs.renameSync(path.join(this.stagingPath, ...rel.split('/')), dest);
          moved.push(rel);
        }
        for (const rel of plan.remove) {
          fs.unlinkSync(path.join(target, ...rel.split('/')));
          removed.push(rel);
        }
        removeEmptyFolders(plan.staleFolders.map((f) => path.join(target, ...f.split('/'))));
        this.writeManifest({ files: Object.fromEntries(this.files), folders: plan.folders });
      } catch (e) {
        // Keep ownership of what is on disk now, so the next write can finish the job.
        const files: Record<string, string> = { ...plan.old.files };
        moved.forEach((rel) => { files[rel] = this.files.get(rel)!; });
        removed.forEach((rel) => { delete files[rel]; });
        try { this.writeManifest({ files, folders: [...plan.old.folders, ...plan.folders] }); } catch { /* reported below */ }
        throw this.fsError(target, `was updated only in part (${moved.length} of ${plan.write.length} files moved)`, e, 'fix the cause and write again; the manifest lists what the library wrote');
      }
      this.state = 'committed';
      this.cleanUp();
      return { folder: target, written: plan.write, unchanged: plan.unchanged, removed };
    });
  }

  /** Removes the staging folder and the folders {@link OwnedFolder.begin} created; does nothing after a commit. */
  public abort(): void {
    if (this.state !== 'open') { return; }
    this.state = 'aborted';
    this.cleanUp();
    removeEmptyFolders(this.createdFolders);
  }

  private plan(): Plan {
    const field = this.folder.field;
    const target = this.folder.path;
    const st = lstatOrUndefined(target);
    if (!st || st.isSymbolicLink() || !st.isDirectory()) {
      throw new OutputFolderError(field, target, 'is no longer a folder (it was removed or replaced during the write)', 'write again');
    }
    const old = readManifest(field, target);
    const problems: Array<{ file: string; what: string; fix: string }> = [];
    const changed = (file: string, verb: string) => problems.push({
      file,
      what: `was written by cdk8s-alerting, which would ${verb} it, but it was changed since (its sha256 differs from ${MANIFEST_FILE_NAME})`,
      fix: 'move your changes to a file of your own (or into the app) and delete this file, or restore it; then synth again',
    });
    const write: string[] = [];
    const unchanged: string[] = [];
    const folders = new Set<string>();
    for (const [rel, hash] of [...this.files].sort(([a], [b]) => a.localeCompare(b))) {
      const segments = rel.split('/');
      for (let i = 1; i < segments.length; i++) {
        const dirRel = segments.slice(0, i).join('/');
        const dir = path.join(target, ...segments.slice(0, i));
        const s = lstatOrUndefined(dir);
        if (!s) {
          // This folder and the ones below it are created by the commit: they are the library's.
          for (let j = i; j < segments.length; j++) { folders.add(segments.slice(0, j).join('/')); }
          break;
        }
        if (s.isSymbolicLink()) {
          problems.push({ file: dir, what: 'is a symlink where the library writes a folder; it does not write through symlinks', fix: 'replace the symlink by a folder, or remove it' });
          break;
        }
        if (!s.isDirectory()) {
          problems.push({ file: dir, what: 'is a file where the library writes a folder', fix: 'move the file away' });
          break;
        }
        if (old.folders.includes(dirRel)) { folders.add(dirRel); }
      }
      const file = path.join(target, ...segments);
      const s = lstatOrUndefined(file);
      if (!s) {
        write.push(rel);
        continue;
      }
      if (s.isSymbolicLink()) {
        problems.push({ file, what: `is a symlink where the library writes ${q(rel)}; it does not write through or replace symlinks`, fix: 'remove the symlink (the library then writes the file), or move it away' });
        continue;
      }
      if (!s.isFile()) {
        problems.push({ file, what: `is a folder or special file where the library writes ${q(rel)}`, fix: 'move it away' });
        continue;
      }
      const current = sha256(readNoFollow(file));
      if (rel in old.files && current !== old.files[rel]) {
        changed(file, 'replace');
      } else if (current === hash) {
        unchanged.push(rel);
      } else if (rel in old.files) {
        write.push(rel);
      } else {
        problems.push({ file, what: `exists and was not written by cdk8s-alerting (it is not in ${MANIFEST_FILE_NAME}); the library does not overwrite files it did not write`, fix: 'move or delete it (e.g. an old copy of this output), or write to another folder' });
      }
    }
    const remove: string[] = [];
    for (const [rel, hash] of Object.entries(old.files).sort(([a], [b]) => a.localeCompare(b))) {
      if (this.files.has(rel)) { continue; }
      const file = path.join(target, ...rel.split('/'));
      const s = lstatOrUndefined(file);
      if (!s) { continue; }
      if (s.isSymbolicLink()) {
        problems.push({ file, what: 'was written by cdk8s-alerting, which would remove it now, but it is a symlink now; the library does not follow or remove symlinks it did not write', fix: 'remove the symlink or move it away' });
      } else if (!s.isFile()) {
        problems.push({ file, what: 'was written by cdk8s-alerting, which would remove it now, but it is a folder or special file now', fix: 'move it away' });
      } else if (sha256(readNoFollow(file)) !== hash) {
        changed(file, 'remove');
      } else {
        remove.push(rel);
      }
    }
    if (problems.length > 0) {
      const [first] = problems;
      const name = (file: string) => q(path.relative(target, file).split(path.sep).join('/'));
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more: ${problems.slice(1, 4).map((p) => name(p.file)).join(', ')}${problems.length > 4 ? ', ...' : ''})` : '';
      throw new OutputFolderError(field, first.file, `${name(first.file)} ${first.what}${more}`, `${first.fix}. Nothing was changed`);
    }
    const staleFolders = old.folders.filter((f) => !folders.has(f));
    return { old, write, unchanged, remove, folders: [...folders], staleFolders };
  }

  private writeManifest(next: ManifestContent): void {
    const file = path.join(this.folder.path, MANIFEST_FILE_NAME);
    const empty = Object.keys(next.files).length === 0;
    if (empty) {
      if (lstatOrUndefined(file)?.isFile()) { fs.unlinkSync(file); }
      return;
    }
    const text = formatManifest(next);
    if (lstatOrUndefined(file)?.isFile() && readNoFollow(file).toString('utf8') === text) { return; }
    const staged = path.join(this.stagingPath, MANIFEST_FILE_NAME);
    fs.writeFileSync(staged, text);
    fs.renameSync(staged, file);
  }

  private guard<T>(fn: () => T): T {
    if (this.state !== 'open') {
      throw new OutputFolderError(this.folder.field, this.folder.path, `this write was ${this.state} already`, 'call begin() again for a new write');
    }
    try {
      return fn();
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  private cleanUp(): void {
    fs.rmSync(this.stagingPath, { recursive: true, force: true });
  }

  private fsError(file: string, what: string, e: unknown, fix = 'check the name, the permissions and the free space; nothing was changed'): OutputFolderError {
    if (e instanceof OutputFolderError) { return e; }
    return new OutputFolderError(this.folder.field, file, `${what} (${describeFsError(e)})`, fix);
  }
}

interface Plan {
  readonly old: ManifestContent;
  readonly write: string[];
  readonly unchanged: string[];
  readonly remove: string[];
  /** Folders the library owns after the commit: the ones it creates, and the ones it owned that still hold its files. */
  readonly folders: string[];
  readonly staleFolders: string[];
}
