/**
 * Where a command's files go: printed as YAML documents, or written into `--out`, a folder the
 * library owns only the files of (lib/output): foreign files stay, and nothing is written until
 * every file is ready.
 * @module
 */
import { join } from 'path';
import { OwnedFolder } from '../output/owned-folder';
import { safeFileName } from '../output/file-names';
import { CliIo } from './io';

/** One file a command produces. */
export interface OutputFile {
  /** A single path segment (see {@link fileNameOf}). */
  readonly name: string;
  readonly text: string;
}

/** A file name from object names: one safe path segment, whatever the names hold. */
export function fileNameOf(...parts: string[]): string {
  return safeFileName(...parts);
}

/**
 * Prints the files (without `outDir`) or writes them into `outDir`.
 * @param inputs the folders the command read, which `--out` may not overlap
 * @throws OutputFolderError for an unsafe `--out` (one line: the option, why, the fix)
 */
export function emitFiles(files: readonly OutputFile[], outDir: string | undefined, io: CliIo, inputs: readonly string[] = []): void {
  if (!outDir) {
    files.forEach((f) => io.out(`--- # ${f.name}\n${f.text}`));
    return;
  }
  const folder = new OwnedFolder(outDir, { field: '--out', disjointFrom: inputs.map((p, i) => ({ field: `input ${i + 1}`, path: p })) });
  folder.write(Object.fromEntries(files.map((f) => [f.name, f.text])));
  files.forEach((f) => io.out(join(outDir, f.name)));
}
