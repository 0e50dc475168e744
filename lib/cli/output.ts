/**
 * Where a command's files go: printed as YAML documents, or written into `--out`.
 * @module
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { CliIo } from './io';

/** One file a command produces. */
export interface OutputFile {
  /** A single path segment. */
  readonly name: string;
  readonly text: string;
}

/** A file name from object names: one safe path segment, whatever the names hold. */
export function fileNameOf(...parts: string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_')).join('-');
}

/** Prints the files (without `outDir`) or writes them into `outDir`, only once all of them are ready. */
export function emitFiles(files: readonly OutputFile[], outDir: string | undefined, io: CliIo): void {
  if (!outDir) {
    files.forEach((f) => io.out(`--- # ${f.name}\n${f.text}`));
    return;
  }
  mkdirSync(outDir, { recursive: true });
  for (const f of files) {
    writeFileSync(join(outDir, f.name), f.text);
    io.out(join(outDir, f.name));
  }
}
