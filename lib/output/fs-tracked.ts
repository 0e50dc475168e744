/**
 * Creating folders so that a failed write can remove exactly the folders it created.
 *
 * @module
 */
import * as fs from 'fs';
import * as path from 'path';
import { lstatOrUndefined } from './folder-checks';

/**
 * Creates `dir` and its missing parents.
 * @returns the folders it created, outermost first (empty when `dir` existed)
 * @internal
 */
export function mkdirTracked(dir: string): string[] {
  const missing: string[] = [];
  for (let d = dir; !lstatOrUndefined(d) && path.dirname(d) !== d; d = path.dirname(d)) { missing.unshift(d); }
  for (const d of missing) { fs.mkdirSync(d); }
  return missing;
}

/**
 * Removes each of `dirs` that is still an empty folder (not a symlink), innermost first.
 * A folder that is not empty, or gone, is left as it is.
 * @internal
 */
export function removeEmptyFolders(dirs: readonly string[]): void {
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
    if (!lstatOrUndefined(d)?.isDirectory()) { continue; }
    try {
      fs.rmdirSync(d);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOENT') { throw e; }
    }
  }
}
