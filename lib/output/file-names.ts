/**
 * File names derived from object names, and the relative paths an owned folder accepts.
 *
 * @module
 */
import { createHash } from 'crypto';
import * as path from 'path';
import { OutputFolderError, q } from './errors';

/** Names in an output folder that belong to the library itself (its manifest, its staging folders). */
export const RESERVED_PREFIX = '.cdk8s-alerting-';

/** Longest file name most file systems accept, in bytes. */
const MAX_NAME = 255;

/**
 * Builds one safe file name (a single path segment) from parts such as a namespace, an object
 * name and a suffix: `safeFileName('monitoring', 'main.alertmanager.yaml')` is
 * `monitoring-main.alertmanager.yaml`.
 *
 * Each part keeps its ASCII letters, digits, `.`, `_` and `-`; every other character (`/`, `\`,
 * NUL, newlines, spaces, non-ASCII) becomes `_`. The parts are joined with `-`. Leading dots
 * become `_`, so the result is never `.`, `..` or a hidden file, and it never starts with the
 * library's reserved prefix. A result longer than 255 characters is shortened in the middle
 * and given a hash of the parts, keeping its extension. Different parts can map to the same
 * name (`a/b` and `a_b`); an owned folder refuses to write one name twice, so such a collision
 * is an error, never a silent overwrite.
 *
 * @param parts the parts, none empty
 * @returns a name that is safe as one path segment
 * @throws OutputFolderError when there are no parts or a part is empty or not a string
 */
export function safeFileName(...parts: string[]): string {
  if (parts.length === 0) {
    throw new OutputFolderError('file name', '', 'needs at least one part', 'pass the object\'s namespace and name, e.g. safeFileName(\'monitoring\', \'main.alertmanager.yaml\')');
  }
  parts.forEach((part, i) => {
    if (typeof part !== 'string' || part === '') {
      throw new OutputFolderError('file name', String(part), `part ${i + 1} of ${parts.length} is empty`, 'pass a non-empty namespace and name (an object without a namespace is in "default")');
    }
  });
  let name = parts.map((p) => p.replace(/[^A-Za-z0-9._-]/g, '_')).join('-').replace(/^\.+/, (dots) => '_'.repeat(dots.length));
  if (name.length > MAX_NAME) {
    const hash = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 12);
    const ext = /(\.[A-Za-z0-9_-]{1,20}){1,3}$/.exec(name)?.[0] ?? '';
    name = `${name.slice(0, MAX_NAME - ext.length - hash.length - 1)}~${hash}${ext}`;
  }
  return name;
}

/**
 * Checks a path relative to an output folder and returns it unchanged.
 *
 * Refuses an empty path, an absolute path, a `.`, `..` or empty segment, a backslash, a control
 * character (NUL, newline...), the library's reserved names, and any path that would resolve
 * outside `folder`. File system limits (such as the length of a name) are left to the file
 * system, which reports them when the file is written.
 *
 * @param field what to name in an error, e.g. `publishDir`
 * @param folder the absolute folder the path is relative to
 * @param relativePath the `/`-separated path to check
 * @returns the path, unchanged
 * @throws OutputFolderError naming the path and why it is refused
 * @internal
 */
export function checkRelativePath(field: string, folder: string, relativePath: string): string {
  const problem = relativePathProblem(folder, relativePath);
  if (problem) {
    throw new OutputFolderError(`${field} file name`, String(relativePath), problem, 'build file names with safeFileName(namespace, name), which keeps each to one safe path segment');
  }
  return relativePath;
}

/**
 * Why `relativePath` is not a safe path inside `folder`, or undefined when it is.
 * @internal
 */
export function relativePathProblem(folder: string, relativePath: string): string | undefined {
  if (typeof relativePath !== 'string' || relativePath === '') { return 'is empty'; }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(relativePath)) { return 'contains a control character (NUL, newline, tab...)'; }
  if (relativePath.includes('\\')) { return 'contains a backslash'; }
  if (path.isAbsolute(relativePath) || path.win32.isAbsolute(relativePath)) { return 'is absolute; it must be relative to the folder'; }
  const segments = relativePath.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) { return 'has an empty, "." or ".." segment'; }
  if (segments[0].startsWith(RESERVED_PREFIX)) { return `starts with ${q(RESERVED_PREFIX)}, which is reserved for the library's own files`; }
  const resolved = path.resolve(folder, ...segments);
  const rel = path.relative(folder, resolved);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) { return `resolves to ${q(resolved)}, outside ${q(folder)}`; }
  return undefined;
}
