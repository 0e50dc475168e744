/**
 * API versions that are no longer served, for Kustomization health checks.
 *
 * kustomize-controller v1.9.4 keeps only the group and kind of a health check
 * (`inventory.ReferenceToObjMetadataSet` → cli-utils `ObjMetadata`, which has no version) and
 * lets the API server's discovery pick the served version. So a stale version of a kind its
 * group still serves (`apps/v1beta1` Deployment) still works, only misleads; a kind its group no
 * longer serves at all (`extensions/v1beta1` Deployment) fails the health check every time.
 *
 * Sources:
 * - Kubernetes: the deprecated API migration guide,
 *   https://kubernetes.io/docs/reference/using-api/deprecation-guide/ (removals in 1.16, 1.22,
 *   1.25, 1.26); every Kubernetes version Flux 2.x supports is past them.
 * - Flux: the CRDs of kustomize-controller v1.9.4 (Kustomization serves v1 only) and
 *   notification-controller v1.9.3 (Alert and Provider serve v1beta3 only: v1beta1 removed in
 *   1.7.0, v1beta2 in 1.9.0; Receiver serves v1 only), in ../shared/crds; the latest versions
 *   `flux migrate` knows for Flux 2.7 to 2.9 (flux2 cmd/flux/migrate.go).
 * @module
 */

/** A group/kind, or a version of it, that is no longer served. */
export interface RemovedApi {
  /** The API group (`''` for core). */
  readonly group: string;
  /** The kind. */
  readonly kind: string;
  /** The versions no longer served; empty when the group no longer serves the kind at all. */
  readonly versions: readonly string[];
  /** What to write instead. */
  readonly replacement: string;
  /** Where and since when it is gone. */
  readonly removedIn: string;
}

const K8S = (v: string) => `Kubernetes ${v}`;

/** Kinds whose group no longer serves them at all: a health check on them always fails. */
export const REMOVED_KINDS: readonly RemovedApi[] = [
  ...['Deployment', 'DaemonSet', 'ReplicaSet'].map((kind) => ({ group: 'extensions', kind, versions: [], replacement: `apps/v1 ${kind}`, removedIn: K8S('1.16') })),
  { group: 'extensions', kind: 'NetworkPolicy', versions: [], replacement: 'networking.k8s.io/v1 NetworkPolicy', removedIn: K8S('1.16') },
  { group: 'extensions', kind: 'PodSecurityPolicy', versions: [], replacement: 'nothing (Pod Security Admission)', removedIn: K8S('1.16') },
  { group: 'extensions', kind: 'Ingress', versions: [], replacement: 'networking.k8s.io/v1 Ingress', removedIn: K8S('1.22') },
  { group: 'policy', kind: 'PodSecurityPolicy', versions: [], replacement: 'nothing (Pod Security Admission)', removedIn: K8S('1.25') },
];

/** Versions no longer served of kinds their group still serves: the health check works, the version is stale. */
export const REMOVED_VERSIONS: readonly RemovedApi[] = [
  ...['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].map((kind) => ({ group: 'apps', kind, versions: ['v1beta1', 'v1beta2'], replacement: `apps/v1 ${kind}`, removedIn: K8S('1.16') })),
  { group: 'networking.k8s.io', kind: 'Ingress', versions: ['v1beta1'], replacement: 'networking.k8s.io/v1 Ingress', removedIn: K8S('1.22') },
  { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', versions: ['v1beta1'], replacement: 'apiextensions.k8s.io/v1 CustomResourceDefinition', removedIn: K8S('1.22') },
  { group: 'policy', kind: 'PodDisruptionBudget', versions: ['v1beta1'], replacement: 'policy/v1 PodDisruptionBudget', removedIn: K8S('1.25') },
  { group: 'batch', kind: 'CronJob', versions: ['v1beta1', 'v2alpha1'], replacement: 'batch/v1 CronJob', removedIn: K8S('1.25') },
  { group: 'autoscaling', kind: 'HorizontalPodAutoscaler', versions: ['v2beta1', 'v2beta2'], replacement: 'autoscaling/v2 HorizontalPodAutoscaler', removedIn: `${K8S('1.25')} (v2beta1) and 1.26 (v2beta2)` },
  { group: 'kustomize.toolkit.fluxcd.io', kind: 'Kustomization', versions: ['v1beta1', 'v1beta2'], replacement: 'kustomize.toolkit.fluxcd.io/v1 Kustomization', removedIn: 'kustomize-controller (v1.9 serves v1 only)' },
  ...['Alert', 'Provider'].map((kind) => ({ group: 'notification.toolkit.fluxcd.io', kind, versions: ['v1beta1', 'v1beta2'], replacement: `notification.toolkit.fluxcd.io/v1beta3 ${kind}`, removedIn: 'notification-controller 1.7.0 (v1beta1) and 1.9.0 (v1beta2)' })),
  { group: 'notification.toolkit.fluxcd.io', kind: 'Receiver', versions: ['v1beta1', 'v1beta2', 'v1beta3'], replacement: 'notification.toolkit.fluxcd.io/v1 Receiver', removedIn: 'notification-controller (v1.9 serves v1 only)' },
];

/** What is known about `apiVersion` + `kind` being served: the kind is gone, the version is stale, or nothing. */
export function removedApi(apiVersion: string, kind: string): { readonly api: RemovedApi; readonly kindGone: boolean } | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const gone = REMOVED_KINDS.find((r) => r.group === group && r.kind === kind);
  if (gone) { return { api: gone, kindGone: true }; }
  const stale = REMOVED_VERSIONS.find((r) => r.group === group && r.kind === kind && r.versions.includes(version));
  return stale ? { api: stale, kindGone: false } : undefined;
}
