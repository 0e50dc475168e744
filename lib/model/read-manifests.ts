/**
 * Reading Kubernetes YAML from files and folders. (Placeholder until the hardened reader lands.)
 * @module
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';

/** Input that cannot be used at all: the CLI exits 2. */
export class InputError extends Error {}

/** One YAML document. */
export interface ReadDocument {
  readonly file: string;
  readonly index: number;
  readonly value: unknown;
}

/** A document that could not be read. */
export interface ReadProblem {
  readonly file: string;
  readonly index: number;
  readonly message: string;
}

/** What {@link readManifests} found. */
export interface ReadResult {
  readonly documents: readonly ReadDocument[];
  readonly problems: readonly ReadProblem[];
  readonly notes: readonly string[];
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) { return yamlFilesUnder(path); }
    return /\.ya?ml$/.test(entry) ? [path] : [];
  });
}

/** Every YAML document in `paths`. */
export function readManifests(paths: readonly string[]): ReadResult {
  const documents: ReadDocument[] = [];
  const problems: ReadProblem[] = [];
  for (const p of paths) {
    let files: string[];
    try {
      files = statSync(p).isDirectory() ? yamlFilesUnder(p) : [p];
    } catch {
      throw new InputError(`${p}: no such file or folder`);
    }
    for (const file of files) {
      parseAllDocuments(readFileSync(file, 'utf8')).forEach((doc, index) => {
        if (doc.errors.length > 0) {
          problems.push({ file, index, message: doc.errors[0].message.split('\n')[0] });
          return;
        }
        const value: unknown = doc.toJS();
        if (value !== null && value !== undefined) { documents.push({ file, index, value }); }
      });
    }
  }
  return { documents, problems, notes: [] };
}
