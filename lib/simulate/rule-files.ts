/**
 * PrometheusRule manifests → Prometheus rule files, one per CR as the operator mounts them
 * (`{groups: spec.groups}`), for `promtool check rules` and a real Prometheus.
 * @module
 */
import { namespaceOf } from './effective-config';
import { KubeManifest } from './types';

/** One rule file. */
export interface RuleFile {
  /** `<namespace>-<name>.yaml`. */
  readonly fileName: string;
  /** The file's content: `{groups: [...]}`. */
  readonly content: { readonly groups: readonly unknown[] };
}

/**
 * The rule file of every PrometheusRule among `manifests` (other kinds are ignored). Files are
 * kept apart because group names only need to be unique within a file.
 */
export function ruleFilesFrom(manifests: readonly KubeManifest[]): RuleFile[] {
  return manifests
    .filter((m) => m.kind === 'PrometheusRule')
    .map((m) => ({
      fileName: `${namespaceOf(m)}-${m.metadata.name}.yaml`,
      content: { groups: [...(((m.spec ?? {}) as { groups?: readonly unknown[] }).groups ?? [])] },
    }));
}
