/**
 * One Kubernetes object of the model, as plain data, with where it came from.
 * @module
 */

/**
 * Where an object of the model came from, so that every finding can name it.
 */
export interface ObjectSource {
  /**
   * The construct path of the ApiObject, when the model was read from a cdk8s app.
   * @default - not read from an app
   */
  readonly constructPath?: string;
  /**
   * The file the object was read from.
   * @default - not read from a file
   */
  readonly file?: string;
  /**
   * The 0-based index of the YAML document in {@link ObjectSource.file}.
   * @default - not read from a file
   */
  readonly doc?: number;
  /**
   * Whether the object exists in the cluster but is not part of the output (declared with,
   * e.g., `Prometheus.fromExisting`).
   * @default false
   */
  readonly external?: boolean;
}

/** An object of the model: a Kubernetes manifest as JSON, with its identity read out. */
export interface ModelObject {
  /** `apiVersion`, e.g. `monitoring.coreos.com/v1`. */
  readonly apiVersion: string;
  /** The API group, `''` for the core group. */
  readonly group: string;
  /** `kind`, e.g. `PrometheusRule`. */
  readonly kind: string;
  /** `metadata.name`. */
  readonly name: string;
  /** `metadata.namespace`, `default` when unset; `undefined` for cluster-scoped kinds. */
  readonly namespace?: string;
  /** `metadata.labels` (empty when unset). */
  readonly labels: Readonly<Record<string, string>>;
  /** `metadata.annotations` (empty when unset). */
  readonly annotations: Readonly<Record<string, string>>;
  /** The whole manifest. Read it through the CRD's field names; never trust it to be well formed. */
  readonly manifest: Readonly<Record<string, any>>;
  /** Where the object came from. */
  readonly source: ObjectSource;
}

/** Kinds that have no namespace. */
const CLUSTER_SCOPED = new Set([
  '/Namespace', '/Node', '/PersistentVolume',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition', 'storage.k8s.io/StorageClass',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'scheduling.k8s.io/PriorityClass',
]);

/** The API group of an `apiVersion` (`''` for `v1`). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Whether objects of `group`/`kind` live in a namespace. */
export function isNamespaced(group: string, kind: string): boolean {
  return !CLUSTER_SCOPED.has(`${group}/${kind}`);
}

function stringMap(v: unknown): Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) { return {}; }
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string') { out[k] = x; } else if (typeof x === 'number' || typeof x === 'boolean') { out[k] = String(x); }
  }
  return out;
}

/**
 * Why a value cannot be an object of the model, or `undefined` when it can.
 * A model object needs `apiVersion`, `kind` and `metadata.name` as strings.
 */
export function notAnObject(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `is ${value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`}, not a Kubernetes object`;
  }
  const v = value as Record<string, any>;
  const missing = [
    typeof v.apiVersion !== 'string' || v.apiVersion === '' ? 'apiVersion' : undefined,
    typeof v.kind !== 'string' || v.kind === '' ? 'kind' : undefined,
    typeof v.metadata?.name !== 'string' || v.metadata.name === '' ? 'metadata.name' : undefined,
  ].filter((x): x is string => x !== undefined);
  return missing.length ? `has no ${missing.join(', ')} (a Kubernetes object needs apiVersion, kind and metadata.name as strings)` : undefined;
}

/**
 * A model object from a manifest.
 * @throws Error when {@link notAnObject} finds a problem
 */
export function toModelObject(manifest: Record<string, any>, source: ObjectSource): ModelObject {
  const problem = notAnObject(manifest);
  if (problem) { throw new Error(problem); }
  const group = groupOf(manifest.apiVersion);
  const namespaced = isNamespaced(group, manifest.kind);
  const ns = manifest.metadata.namespace;
  return {
    apiVersion: manifest.apiVersion,
    group,
    kind: manifest.kind,
    name: manifest.metadata.name,
    namespace: namespaced ? (typeof ns === 'string' && ns !== '' ? ns : 'default') : undefined,
    labels: stringMap(manifest.metadata.labels),
    annotations: stringMap(manifest.metadata.annotations),
    manifest,
    source,
  };
}

/**
 * `kind ns/name` (or `kind name` when cluster-scoped), as findings name objects. A part that is
 * not a plain word (whitespace, quotes, control characters: names the API server would refuse,
 * but that hand-written YAML can hold) is JSON-quoted, so a finding always stays on one line.
 */
export function describeObject(o: Pick<ModelObject, 'kind' | 'namespace' | 'name'>): string {
  const name = oneLine(o.name);
  return o.namespace === undefined ? `${oneLine(o.kind)} ${name}` : `${oneLine(o.kind)} ${oneLine(o.namespace)}/${name}`;
}

/** `s` as is when it is a plain word, else JSON-quoted. */
function oneLine(s: string): string {
  return /^[\w.:@*~+-]*$/.test(s) ? s : JSON.stringify(s);
}

/** `file:doc`, the construct path, or `(declared)`: where to look for the object. */
export function describeSource(s: ObjectSource): string {
  if (s.file !== undefined) { return `${/[\u0000-\u001f\u007f]/.test(s.file) ? JSON.stringify(s.file) : s.file}:${s.doc ?? 0}`; }
  if (s.constructPath !== undefined) { return s.external ? `${s.constructPath} (exists in the cluster)` : s.constructPath; }
  return '(unknown source)';
}
