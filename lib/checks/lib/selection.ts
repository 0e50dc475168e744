/**
 * How the operator selects objects: label selectors on the object, and namespace selectors.
 * @module
 */
import { ClusterModel, NAMESPACE_NAME_LABEL } from '../../model/cluster-model';
import { LabelSelector, selectorMatches } from '../../simulate/label-selector';

function isSelector(v: unknown): v is LabelSelector {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether `selector` selects an object with `labels`; nil selects nothing, `{}` everything. */
export function selectsLabels(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  if (!isSelector(selector)) { return false; }
  try {
    return selectorMatches(selector, labels);
  } catch {
    return false; // an invalid selector: the operator selects nothing with it
  }
}

function keysOf(selector: LabelSelector): string[] {
  return [...Object.keys(selector.matchLabels ?? {}), ...(selector.matchExpressions ?? []).map((e) => e.key)];
}

/**
 * Whether a namespace selector of an object in `own` selects namespace `ns`: nil means the
 * object's own namespace, `{}` every namespace. `undefined` when the answer depends on labels
 * of a namespace the model has no Namespace object for.
 */
export function selectsNamespace(model: ClusterModel, selector: unknown, own: string, ns: string): boolean | undefined {
  if (!isSelector(selector)) { return ns === own; }
  if (selectsLabels(selector, model.namespaceLabels(ns))) { return true; }
  const onlyName = keysOf(selector).every((k) => k === NAMESPACE_NAME_LABEL);
  return onlyName || model.knowsNamespace(ns) ? false : undefined;
}

/** A namespace selector in words. */
export function describeNamespaceSelector(selector: unknown, own: string): string {
  if (!isSelector(selector)) { return `unset: only its own namespace "${own}"`; }
  const labels = selector.matchLabels ?? {};
  const exprs = selector.matchExpressions ?? [];
  if (Object.keys(labels).length === 0 && exprs.length === 0) { return 'every namespace'; }
  if (Object.keys(labels).length === 0 && exprs.length === 1 && exprs[0].key === NAMESPACE_NAME_LABEL && exprs[0].operator === 'In') {
    return `namespaces ${JSON.stringify(exprs[0].values ?? [])}`;
  }
  if (exprs.length === 0) { return `namespaces labelled ${JSON.stringify(labels)}`; }
  return `namespaces matching ${JSON.stringify(selector)}`;
}

/** A label selector in words, for messages that show it beside the object's labels. */
export function describeLabelSelector(selector: unknown): string {
  if (!isSelector(selector)) { return 'unset, which selects nothing'; }
  const labels = selector.matchLabels ?? {};
  const exprs = selector.matchExpressions ?? [];
  if (Object.keys(labels).length === 0 && exprs.length === 0) { return '{} (everything)'; }
  return exprs.length === 0 ? JSON.stringify(labels) : JSON.stringify(selector);
}
