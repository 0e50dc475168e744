/**
 * The folders the library refuses to write: the file system root, the home folder, the project
 * root, the working directory (and every parent of them), files, symlinks and paths under files.
 *
 * @module
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OutputFolderError, q } from './errors';

/** A folder another option names, which an output folder must neither be, be inside nor contain. */
export interface NamedFolder {
  /** The option that names it, e.g. `outdir`. */
  readonly field: string;
  /** The folder, absolute or relative to the working directory. */
  readonly path: string;
}

/** Where a folder check looks for the folders it protects. */
export interface FolderCheckOptions {
  /**
   * The option or argument that names the folder, for error messages (e.g. `publishDir`, `--out`).
   * @default 'output folder'
   */
  readonly field?: string;
  /**
   * The working directory relative paths are resolved against; it is protected, with its parents.
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * The project root, protected with its parents.
   * @default - the nearest folder at or above `cwd` holding a package.json, or `cwd` if there is none
   */
  readonly projectRoot?: string;
  /**
   * The user's home folder, protected with its parents.
   * @default - `os.homedir()` and `$HOME` (when they differ, both are protected)
   */
  readonly homeDir?: string;
  /**
   * Folders the output folder must not be, be inside of, or contain.
   * @default - none
   */
  readonly disjointFrom?: readonly NamedFolder[];
}

/**
 * The nearest folder at or above `cwd` that holds a package.json, or `cwd` itself if none does.
 * @param cwd an absolute folder
 */
export function findProjectRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (lstatOrUndefined(path.join(dir, 'package.json'))) { return dir; }
    if (path.dirname(dir) === dir) { return path.resolve(cwd); }
  }
}

/**
 * Checks that `folder` is safe to own as an output folder, and returns it as an absolute path.
 *
 * Refuses, with an {@link OutputFolderError} naming the folder, why and the fix: an empty path
 * or one with a NUL; the file system root; the home folder, the project root or the working
 * directory, or any parent of them (compared both as written and with symlinks resolved); an
 * existing file or symlink; a path under a file; and a folder that is, is inside or contains one
 * of `disjointFrom`. The folder itself need not exist.
 *
 * @param folder the folder, absolute or relative to the working directory
 * @param options where the protected folders are
 * @returns the absolute folder
 */
export function checkOutputFolder(folder: string, options: FolderCheckOptions = {}): string {
  const field = options.field ?? 'output folder';
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const refuse = (what: string, fix = `set ${field} to a folder used only for these manifests, e.g. "cdk8s.out" or "clusters/prod/alerting"`): never => {
    throw new OutputFolderError(field, String(folder), what, fix);
  };
  if (typeof folder !== 'string' || folder.trim() === '') { refuse('is empty'); }
  if (folder.includes('\0')) { refuse('contains a NUL character'); }
  const abs = path.resolve(cwd, folder);
  const forms = unique([abs, resolveSymlinks(abs)]);
  if (forms.some((f) => path.parse(f).root === f)) { refuse(`resolves to ${q(abs)}, the file system root`); }

  const projectRoot = path.resolve(cwd, options.projectRoot ?? findProjectRoot(cwd));
  const homes = options.homeDir !== undefined ? [options.homeDir] : [os.homedir(), process.env.HOME].filter((h): h is string => !!h);
  const protectedFolders: Array<[string, string]> = [
    ...homes.map((h): [string, string] => ['your home folder', path.resolve(h)]),
    // without a package.json above it, the working directory is the project root
    [options.projectRoot !== undefined || projectRoot !== cwd || lstatOrUndefined(path.join(cwd, 'package.json'))
      ? 'the project root (the nearest folder holding a package.json)' : 'the working directory (the project root: no folder above it holds a package.json)', projectRoot],
    ['the working directory', cwd],
  ];
  for (const [name, dir] of protectedFolders) {
    const dirForms = unique([dir, resolveSymlinks(dir)]);
    for (const f of forms) {
      for (const d of dirForms) {
        if (f === d) { refuse(`resolves to ${q(abs)}, which is ${name}`); }
        if (isInside(d, f)) { refuse(`resolves to ${q(abs)}, a parent of ${name} ${q(dir)}`); }
      }
    }
  }

  const st = lstatOrUndefined(abs);
  if (st?.isSymbolicLink()) {
    refuse(`is a symlink (to ${q(fs.readlinkSync(abs))}); the library does not write through symlinks`, `set ${field} to the folder the symlink points to, or remove the symlink`);
  }
  if (st && !st.isDirectory()) { refuse(`is an existing file, not a folder`, `move the file away, or set ${field} to another folder`); }
  if (!st) {
    const file = fileAbove(abs);
    if (file) { refuse(`is under ${q(file)}, which is a file, not a folder`, `move ${q(file)} away, or set ${field} to another folder`); }
  }

  for (const other of options.disjointFrom ?? []) {
    const o = path.resolve(cwd, other.path);
    const oForms = unique([o, resolveSymlinks(o)]);
    const fix = `give ${field} and ${other.field} two separate folders, e.g. outdir "cdk8s.out" and publishDir "clusters/prod/alerting"`;
    for (const f of forms) {
      for (const d of oForms) {
        if (f === d) { refuse(`is the same folder as ${other.field} ${q(o)}`, fix); }
        if (isInside(f, d)) { refuse(`is inside ${other.field} ${q(o)}`, fix); }
        if (isInside(d, f)) { refuse(`contains ${other.field} ${q(o)}`, fix); }
      }
    }
  }
  return abs;
}

/**
 * Whether `child` is strictly inside `parent` (both absolute).
 * @internal
 */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/**
 * `fs.lstatSync`, or undefined when nothing is there (or a parent is a file).
 * @internal
 */
export function lstatOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') { return undefined; }
    throw e;
  }
}

/** `p` with the symlinks of its deepest existing ancestor resolved (`p` itself need not exist). */
function resolveSymlinks(p: string): string {
  const rest: string[] = [];
  for (let dir = p; ; dir = path.dirname(dir)) {
    try {
      return path.join(fs.realpathSync.native(dir), ...rest.reverse());
    } catch {
      if (path.dirname(dir) === dir) { return p; }
      rest.push(path.basename(dir));
    }
  }
}

/** The nearest existing ancestor of `p` if it is not a folder. */
function fileAbove(p: string): string | undefined {
  for (let dir = path.dirname(p); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(dir, { throwIfNoEntry: false });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') { continue; }
      throw e;
    }
    if (st) { return st.isDirectory() ? undefined : dir; }
  }
  return undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
