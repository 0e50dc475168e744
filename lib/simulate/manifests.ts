/**
 * Reading synthesized manifests back from disk (`cdk8s synth` output).
 * @module
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { KubeManifest } from './types';

function isManifest(v: unknown): v is KubeManifest {
  if (typeof v !== 'object' || v === null) { return false; }
  const m = v as { kind?: unknown; metadata?: { name?: unknown } };
  return typeof m.kind === 'string' && typeof m.metadata?.name === 'string';
}

/** Every `*.yaml` / `*.yml` file under `dir` (recursively), sorted by path. */
export function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) { return yamlFilesUnder(path); }
    return /\.ya?ml$/.test(entry) ? [path] : [];
  });
}

/**
 * Parses every Kubernetes object in the YAML files under `dir` (multi-document files included).
 * @throws Error naming the file when a document is not valid YAML
 */
export function loadManifests(dir: string): KubeManifest[] {
  return yamlFilesUnder(dir).flatMap((file) => parseAllDocuments(readFileSync(file, 'utf8')).flatMap((doc) => {
    if (doc.errors.length > 0) { throw new Error(`${file}: ${doc.errors[0].message}`); }
    const value: unknown = doc.toJS();
    return isManifest(value) ? [value] : [];
  }));
}

/** Namespace labels from the `Namespace` manifests among `manifests`, for namespace selectors. */
export function namespaceLabelsFrom(manifests: readonly KubeManifest[]): Record<string, Record<string, string>> {
  return Object.fromEntries(manifests
    .filter((m) => m.kind === 'Namespace')
    .map((m) => [m.metadata.name, { ...(m.metadata.labels ?? {}) }]));
}
