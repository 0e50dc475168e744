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

/** Labels as `k=v, k2=v2` (sorted), or `(none)`. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels).sort();
  return keys.length ? keys.map((k) => `${k}=${labels[k]}`).join(', ') : '(none)';
}

function formatRequirement(r: { key: string; operator: string; values?: readonly string[] }): string {
  const values = `(${(r.values ?? []).join(', ')})`;
  switch (r.operator) {
    case 'In': return `${r.key} in ${values}`;
    case 'NotIn': return `${r.key} notin ${values}`;
    case 'Exists': return r.key;
    case 'DoesNotExist': return `!${r.key}`;
    default: return `${r.key} ${r.operator} ${values}`;
  }
}

/**
 * A label selector as kubectl writes one (`release=kps, team in (a, b), !legacy`); `unset` for
 * nil and `{} (everything)` for the empty selector.
 */
export function formatLabelSelector(selector: unknown): string {
  if (!isSelector(selector)) { return 'unset'; }
  const parts = [
    ...Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(selector.matchExpressions ?? []).map(formatRequirement),
  ];
  return parts.length ? parts.join(', ') : '{} (everything)';
}

/** Each requirement of `selector` that `labels` do not meet, with what the labels hold instead. */
export function unmetRequirements(selector: unknown, labels: Readonly<Record<string, string>>): string[] {
  if (!isSelector(selector)) { return []; }
  const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
  const actual = (k: string) => (has(k) ? `${k}=${labels[k]} here` : `no label ${k}`);
  const out: string[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[k] !== v) { out.push(`${k}=${v} [${actual(k)}]`); }
  }
  for (const r of selector.matchExpressions ?? []) {
    const values = r.values ?? [];
    let met: boolean;
    switch (r.operator) {
      case 'In': met = has(r.key) && values.includes(labels[r.key]); break;
      case 'NotIn': met = !has(r.key) || !values.includes(labels[r.key]); break;
      case 'Exists': met = has(r.key); break;
      case 'DoesNotExist': met = !has(r.key); break;
      default:
        out.push(`${formatRequirement(r)} [an unknown operator: nothing is selected]`);
        continue;
    }
    if (!met) { out.push(`${formatRequirement(r)} [${actual(r.key)}]`); }
  }
  return out;
}

/**
 * Why `selector` (the field `field` of the selecting object) does not select labels of
 * `what`, with the selector, the labels and the unmet requirements side by side.
 */
export function labelMismatch(field: string, selector: unknown, what: string, labels: Readonly<Record<string, string>>): string {
  if (!isSelector(selector)) {
    return `its ${field} is unset, which selects no ${what} (${what} labels: ${formatLabels(labels)})`;
  }
  const unmet = unmetRequirements(selector, labels);
  return `its ${field} does not match the ${what}'s labels (selector: ${formatLabelSelector(selector)}; labels: ${formatLabels(labels)}${unmet.length ? `; unmet: ${unmet.join(', ')}` : ''})`;
}

/**
 * Why the namespace selector `field` of an object in namespace `own` does not select namespace
 * `ns`, with the selector and the namespace's labels side by side.
 */
export function namespaceMismatch(model: ClusterModel, field: string, selector: unknown, own: string, ns: string): string {
  if (!isSelector(selector)) { return `its ${field} is unset, so it reads only its own namespace "${own}", not "${ns}"`; }
  const labels = model.namespaceLabels(ns);
  const unmet = unmetRequirements(selector, labels);
  const known = model.knowsNamespace(ns) ? '' : ` (no Namespace object for "${ns}" in the input: only its ${NAMESPACE_NAME_LABEL} label is known)`;
  return `its ${field} does not select namespace "${ns}" (selector: ${formatLabelSelector(selector)}; namespace labels: ${formatLabels(labels)}${known}${unmet.length ? `; unmet: ${unmet.join(', ')}` : ''})`;
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
