/**
 * The labels prometheus-operator (v0.93) puts on the pods of an Alertmanager or a Prometheus:
 * what a PodDisruptionBudget, an anti-affinity term or a NetworkPolicy must select.
 *
 * Read from the operator's `makeSelectorLabels` (pkg/alertmanager/operator.go,
 * pkg/prometheus/server/operator.go): `app.kubernetes.io/name`, `app.kubernetes.io/managed-by`,
 * `app.kubernetes.io/instance` and `alertmanager: <name>` / `prometheus: <name>` +
 * `operator.prometheus.io/name: <name>`; these win over `spec.podMetadata.labels`, which the
 * pods carry as well. Prometheus pods also carry `operator.prometheus.io/shard`.
 * @module
 */

/** The kinds whose pods the operator labels. */
export type OperatedKind = 'Alertmanager' | 'Prometheus';

const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'prometheus-operator' };

/**
 * The labels every pod of the `kind` object `name` carries (shard labels left out), without
 * those of `spec.podMetadata`.
 */
export function operatorPodLabels(kind: OperatedKind, name: string): Record<string, string> {
  return kind === 'Alertmanager'
    ? { 'app.kubernetes.io/name': 'alertmanager', ...MANAGED_BY, 'app.kubernetes.io/instance': name, 'alertmanager': name }
    : { 'app.kubernetes.io/name': 'prometheus', ...MANAGED_BY, 'app.kubernetes.io/instance': name, 'operator.prometheus.io/name': name, 'prometheus': name };
}

/**
 * The small selector this library uses for the pods of `kind` `name` (as kube-prometheus does):
 * `app.kubernetes.io/name` plus `alertmanager: <name>` or `prometheus: <name>`.
 */
export function operatorPodSelector(kind: OperatedKind, name: string): Record<string, string> {
  return kind === 'Alertmanager'
    ? { 'app.kubernetes.io/name': 'alertmanager', 'alertmanager': name }
    : { 'app.kubernetes.io/name': 'prometheus', 'prometheus': name };
}

/**
 * The labels of the pods of a model object of kind Alertmanager or Prometheus: its
 * `spec.podMetadata.labels`, overridden by the operator's own.
 */
export function podLabelsOf(kind: OperatedKind, name: string, spec: unknown): Record<string, string> {
  const podMetadata = (spec as { podMetadata?: { labels?: unknown } } | undefined)?.podMetadata;
  const own: Record<string, string> = {};
  const labels = podMetadata?.labels;
  if (typeof labels === 'object' && labels !== null && !Array.isArray(labels)) {
    for (const [k, v] of Object.entries(labels)) {
      if (typeof v === 'string') { own[k] = v; }
    }
  }
  return { ...own, ...operatorPodLabels(kind, name), ...(kind === 'Prometheus' ? { 'operator.prometheus.io/shard': '0' } : {}) };
}
