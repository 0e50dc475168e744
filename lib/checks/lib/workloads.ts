/**
 * The pods of the Alertmanagers and Prometheus servers of the model: how many replicas, which
 * labels (as the operator sets them), and which PodDisruptionBudgets select them.
 * @module
 */
import { ClusterModel } from '../../model/cluster-model';
import { ModelObject } from '../../model/model-object';
import { LabelSelector, selectorMatches } from '../../simulate/label-selector';
import { OperatedKind, podLabelsOf } from '../../simulate/pod-labels';

/** An Alertmanager or Prometheus and its pods. */
export interface Workload {
  readonly object: ModelObject;
  readonly kind: OperatedKind;
  /** `spec.replicas`; the operator reads nil as 1. */
  readonly replicas: number;
  /** The labels every pod carries. */
  readonly podLabels: Record<string, string>;
}

/** The Alertmanagers and Prometheus servers of the model (those that exist outside it too). */
export function workloads(model: ClusterModel): Workload[] {
  const of = (kind: OperatedKind, o: ModelObject): Workload => {
    const r = o.manifest.spec?.replicas;
    return { object: o, kind, replicas: typeof r === 'number' && Number.isFinite(r) ? r : 1, podLabels: podLabelsOf(kind, o.name, o.manifest.spec) };
  };
  return [...model.alertmanagers.map((o) => of('Alertmanager', o)), ...model.prometheuses.map((o) => of('Prometheus', o))];
}

/** Whether a label selector (as found in a manifest) selects `labels`; invalid selectors select nothing. */
export function selects(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  if (typeof selector !== 'object' || selector === null || Array.isArray(selector)) { return false; }
  try {
    return selectorMatches(selector as LabelSelector, labels);
  } catch {
    return false;
  }
}

/** The PodDisruptionBudgets of the model that select the pods of `w`. */
export function budgetsOf(model: ClusterModel, w: Workload): ModelObject[] {
  return model.podDisruptionBudgets.filter((pdb) => pdb.namespace === w.object.namespace && selects(pdb.manifest.spec?.selector, w.podLabels));
}

/** `kind ns/name`. */
export function describeWorkload(w: Workload): string {
  return `${w.kind} ${w.object.namespace}/${w.object.name}`;
}
