/**
 * Kubernetes `metav1.LabelSelector` evaluation, as `metav1.LabelSelectorAsSelector` does it.
 * @module
 */

import { NAMESPACE_NAME_LABEL } from '../model/cluster-model';

/** The label Kubernetes (1.21+) puts on every namespace, holding the namespace's name. */
export { NAMESPACE_NAME_LABEL };

/** One `matchExpressions` entry. */
export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

/** A `metav1.LabelSelector`. `{}` selects everything. */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/**
 * Whether `labels` satisfy `selector`.
 *
 * A `null`/`undefined` selector selects nothing here, as `LabelSelectorAsSelector(nil)`
 * returns `labels.Nothing()`; callers that give nil another meaning (the operator's
 * namespace selectors: "own namespace") must handle it before calling.
 * @throws Error for an operator other than In, NotIn, Exists, DoesNotExist, or In/NotIn without values
 */
export function selectorMatches(selector: LabelSelector | null | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (selector === null || selector === undefined) {
    return false;
  }
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) {
      return false;
    }
  }
  return (selector.matchExpressions ?? []).every((req) => requirementMatches(req, labels));
}

function requirementMatches(req: LabelSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      requireValues(req, values);
      return has && values.includes(labels[req.key]);
    case 'NotIn':
      requireValues(req, values);
      return !has || !values.includes(labels[req.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      throw new Error(`label selector: operator '${req.operator}' for key '${req.key}' is not one of In, NotIn, Exists, DoesNotExist`);
  }
}

function requireValues(req: LabelSelectorRequirement, values: readonly string[]): void {
  if (values.length === 0) {
    throw new Error(`label selector: operator '${req.operator}' for key '${req.key}' needs at least one value`);
  }
}

/** The labels the API server reports for namespace `ns`: the given ones plus `kubernetes.io/metadata.name`. */
export function namespaceLabelsOf(ns: string, known?: Readonly<Record<string, Readonly<Record<string, string>>>>): Record<string, string> {
  return { ...(known?.[ns] ?? {}), [NAMESPACE_NAME_LABEL]: ns };
}
