/**
 * Suppressions for `cdk8s-alerting check --config <file>` and the validation plugin's
 * properties: a YAML file (conventionally `.cdk8s-alerting.yaml`) of the form
 *
 * ```yaml
 * suppressions:
 *   - id: flux-double-post                 # the check ID (required)
 *     reason: the audit channel wants both # why (required)
 *     kind: Alert                          # optional: only objects of this kind,
 *     namespace: flux-system               #   in this namespace (`*` wildcards),
 *     name: audit                          #   with this name (`*` wildcards)
 * ```
 * @module
 */
import { readFileSync } from 'fs';
import { parse } from 'yaml';
import type { SuppressionRule } from '../checks/check';
import { InputError } from '../model/read-manifests';

const ENTRY_KEYS = new Set(['id', 'reason', 'kind', 'namespace', 'name']);

/**
 * Reads suppression entries from a parsed value (`suppressions:` of the file, or the plugin's
 * `suppressions` property).
 * @param where how to name the value in errors and findings, e.g. `.cdk8s-alerting.yaml` or `cdk8s.yaml properties`
 * @throws InputError listing every entry of the wrong shape
 */
export function suppressionRulesOf(value: unknown, where: string, file?: string): SuppressionRule[] {
  if (value === undefined || value === null) { return []; }
  if (!Array.isArray(value)) {
    throw new InputError([`${where}: suppressions must be a list of { id, reason } entries, got ${typeof value}. Fix: write suppressions: [{ id: flux-double-post, reason: "..." }]`]);
  }
  const problems: string[] = [];
  const rules: SuppressionRule[] = [];
  value.forEach((e: unknown, i: number) => {
    const field = `suppressions[${i}]`;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) {
      problems.push(`${where}: ${field} must be a mapping with id and reason. Fix: write { id: <check-id>, reason: "<why>" }`);
      return;
    }
    const entry = e as Record<string, unknown>;
    const unknown = Object.keys(entry).filter((k) => !ENTRY_KEYS.has(k));
    if (unknown.length) {
      problems.push(`${where}: ${field} has unknown key(s) ${unknown.map((k) => JSON.stringify(k)).join(', ')}. Fix: use only id, reason, kind, namespace, name`);
    }
    const bad = ['id', 'reason', 'kind', 'namespace', 'name'].filter((k) => entry[k] !== undefined && entry[k] !== null && typeof entry[k] !== 'string');
    if (bad.length) {
      problems.push(`${where}: ${field}: ${bad.join(', ')} must be strings. Fix: quote the value`);
    }
    if (typeof entry.id !== 'string' || entry.id === '') {
      problems.push(`${where}: ${field} has no id. Fix: give the check ID, e.g. id: flux-double-post`);
    }
    if (unknown.length || bad.length || typeof entry.id !== 'string' || entry.id === '') { return; }
    rules.push({
      id: entry.id,
      reason: typeof entry.reason === 'string' ? entry.reason : '', // an empty reason is reported as suppression-invalid
      kind: typeof entry.kind === 'string' ? entry.kind : undefined,
      namespace: typeof entry.namespace === 'string' ? entry.namespace : undefined,
      name: typeof entry.name === 'string' ? entry.name : undefined,
      file,
      field,
    });
  });
  if (problems.length) { throw new InputError(problems); }
  return rules;
}

/**
 * Reads the suppressions of a config file.
 * @throws InputError when the file is unreadable, not YAML, or not of the documented shape
 */
export function readSuppressionConfig(path: string): SuppressionRule[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError([`${path}: cannot read the config file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). Fix: give an existing file to --config`]);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new InputError([`${path}: not YAML: ${(e as Error).message.split('\n')[0]}. Fix: correct the YAML`]);
  }
  if (doc === null || doc === undefined) { return []; }
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new InputError([`${path}: must be a mapping with a suppressions list. Fix: write suppressions: [{ id: <check-id>, reason: "<why>" }]`]);
  }
  const unknown = Object.keys(doc).filter((k) => k !== 'suppressions');
  if (unknown.length) {
    throw new InputError([`${path}: unknown key(s) ${unknown.map((k) => JSON.stringify(k)).join(', ')}. Fix: the file holds only suppressions: [...]`]);
  }
  return suppressionRulesOf((doc as Record<string, unknown>).suppressions, path, path);
}
