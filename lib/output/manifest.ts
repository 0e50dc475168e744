/**
 * The manifest an owned folder keeps of the files the library wrote into it.
 *
 * @module
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { describeFsError, OutputFolderError, q } from './errors';
import { relativePathProblem, RESERVED_PREFIX } from './file-names';
import { lstatOrUndefined } from './folder-checks';

/**
 * The name of the manifest in an owned folder. It has no `.json` or `.yaml` extension, so
 * `kubectl apply -f <folder>` and Flux's generated kustomization do not take it for a Kubernetes
 * manifest.
 */
export const MANIFEST_FILE_NAME = `${RESERVED_PREFIX}manifest`;

/** What an owned folder's manifest records. */
export interface ManifestContent {
  /** sha256 (hex) of each file the library wrote, by `/`-separated path relative to the folder. */
  readonly files: Readonly<Record<string, string>>;
  /** The folders the library created for those files, relative to the folder. */
  readonly folders: readonly string[];
}

const VERSION = 1;

/**
 * The sha256 of some bytes, hex.
 * @internal
 */
export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Reads the manifest of `folder`; an empty one when there is none.
 * @throws OutputFolderError when the manifest is a symlink, not a file, unreadable, or lists a path outside the folder
 * @internal
 */
export function readManifest(field: string, folder: string): ManifestContent {
  const file = path.join(folder, MANIFEST_FILE_NAME);
  const refuse = (what: string, fix = `restore ${q(file)} from version control; or delete it, and the library will treat every file in the folder as not its own and refuse to replace any of them`): never => {
    throw new OutputFolderError(field, folder, `its manifest ${q(file)} ${what}`, fix);
  };
  const st = lstatOrUndefined(file);
  if (!st) { return { files: {}, folders: [] }; }
  if (st.isSymbolicLink()) { refuse('is a symlink; the library does not follow symlinks', `remove the symlink ${q(file)}`); }
  if (!st.isFile()) { refuse('is not a file', `move ${q(file)} away`); }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readNoFollow(file).toString('utf8'));
  } catch (e) {
    refuse(`cannot be read as JSON (${describeFsError(e)}), so the library cannot tell which files it wrote`);
  }
  const m = parsed as { version?: unknown; files?: unknown; folders?: unknown };
  if (!m || typeof m !== 'object' || m.version !== VERSION) { refuse(`is not a version ${VERSION} manifest of cdk8s-alerting`); }
  if (!m.files || typeof m.files !== 'object' || Array.isArray(m.files)) { refuse('has no "files" object'); }
  if (!Array.isArray(m.folders ?? [])) { refuse('has a "folders" entry that is not a list'); }
  const files: Record<string, string> = {};
  for (const [rel, hash] of Object.entries(m.files as object)) {
    if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) { refuse(`lists ${q(rel)} without a sha256`); }
    const problem = relativePathProblem(folder, rel);
    if (problem) { refuse(`lists the file ${q(rel)}, which ${problem}`); }
    files[rel] = hash as string;
  }
  const folders: string[] = [];
  for (const rel of (m.folders ?? []) as unknown[]) {
    if (typeof rel !== 'string') { refuse('lists a folder that is not a string'); }
    const problem = relativePathProblem(folder, rel as string);
    if (problem) { refuse(`lists the folder ${q(rel as string)}, which ${problem}`); }
    folders.push(rel as string);
  }
  return { files, folders };
}

/**
 * The manifest's text: sorted and without timestamps, so the same output gives the same bytes.
 * @internal
 */
export function formatManifest(content: ManifestContent): string {
  const files = Object.fromEntries(Object.keys(content.files).sort().map((k) => [k, content.files[k]]));
  return `${JSON.stringify({
    note: 'Files cdk8s-alerting wrote to this folder. It replaces and deletes only these, and only while they are unchanged. Do not edit.',
    version: VERSION,
    files,
    folders: [...new Set(content.folders)].sort(),
  }, undefined, 2)}\n`;
}

/**
 * Reads a regular file without following a symlink at its path (where the platform supports it).
 * @internal
 */
export function readNoFollow(file: string): Buffer {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  try {
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
