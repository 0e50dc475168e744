/**
 * The core Kubernetes objects this library emits (ServiceAccount, Role, RoleBinding,
 * ClusterRole, ClusterRoleBinding, PodDisruptionBudget, NetworkPolicy), as small typed
 * interfaces over cdk8s core's `ApiObject`.
 *
 * Why not cdk8s-plus: the library does not depend on any cdk8s-plus (users bring 27 to 33, or
 * none), so these objects need nothing from cdk8s-plus at run time: the fields
 * are typed here (only those we set, named as in the Kubernetes API), and the manifests are
 * checked against the Kubernetes schemas by the tests (the `kubernetes-models` validators).
 * @module
 */
import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';

/** `metav1.LabelSelector`. @internal */
export interface KubeLabelSelector {
  readonly matchLabels?: { [key: string]: string };
  readonly matchExpressions?: ReadonlyArray<{ readonly key: string; readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; readonly values?: readonly string[] }>;
}

/** `rbacv1.PolicyRule`. @internal */
export interface KubePolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
}

/** `rbacv1.Subject` for a service account. @internal */
export interface KubeServiceAccountSubject {
  readonly kind: 'ServiceAccount';
  readonly name: string;
  readonly namespace: string;
}

/** `rbacv1.RoleRef`. @internal */
export interface KubeRoleRef {
  readonly apiGroup: 'rbac.authorization.k8s.io';
  readonly kind: 'Role' | 'ClusterRole';
  readonly name: string;
}

/** `networkingv1.NetworkPolicyPort`. @internal */
export interface KubeNetworkPolicyPort {
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  readonly port?: number | string;
}

/** `networkingv1.NetworkPolicyPeer`. @internal */
export interface KubeNetworkPolicyPeer {
  readonly podSelector?: KubeLabelSelector;
  readonly namespaceSelector?: KubeLabelSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}

/** `networkingv1.NetworkPolicyIngressRule`. @internal */
export interface KubeNetworkPolicyIngressRule {
  readonly from?: readonly KubeNetworkPolicyPeer[];
  readonly ports?: readonly KubeNetworkPolicyPort[];
}

/** `networkingv1.NetworkPolicyEgressRule`. @internal */
export interface KubeNetworkPolicyEgressRule {
  readonly to?: readonly KubeNetworkPolicyPeer[];
  readonly ports?: readonly KubeNetworkPolicyPort[];
}

/** `networkingv1.NetworkPolicySpec`. @internal */
export interface KubeNetworkPolicySpec {
  readonly podSelector: KubeLabelSelector;
  readonly policyTypes: ReadonlyArray<'Ingress' | 'Egress'>;
  readonly ingress?: readonly KubeNetworkPolicyIngressRule[];
  readonly egress?: readonly KubeNetworkPolicyEgressRule[];
}

/** `policyv1.PodDisruptionBudgetSpec`. @internal */
export interface KubePodDisruptionBudgetSpec {
  readonly selector: KubeLabelSelector;
  readonly maxUnavailable?: number | string;
  readonly minAvailable?: number | string;
}

/** The API versions of the kinds below. @internal */
export const KUBE_API_VERSIONS = {
  ServiceAccount: 'v1',
  Role: 'rbac.authorization.k8s.io/v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
  ClusterRole: 'rbac.authorization.k8s.io/v1',
  ClusterRoleBinding: 'rbac.authorization.k8s.io/v1',
  PodDisruptionBudget: 'policy/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
} as const;

/** A ServiceAccount. @internal */
export function kubeServiceAccount(scope: Construct, id: string, metadata: ApiObjectMetadata): ApiObject {
  return new ApiObject(scope, id, { apiVersion: KUBE_API_VERSIONS.ServiceAccount, kind: 'ServiceAccount', metadata });
}

/** A Role (namespaced) or ClusterRole (metadata without namespace). @internal */
export function kubeRole(scope: Construct, id: string, kind: 'Role' | 'ClusterRole', metadata: ApiObjectMetadata, rules: readonly KubePolicyRule[]): ApiObject {
  return new ApiObject(scope, id, { apiVersion: KUBE_API_VERSIONS[kind], kind, metadata, rules: rules.map(plain) });
}

/** A RoleBinding or ClusterRoleBinding. @internal */
export function kubeRoleBinding(scope: Construct, id: string, kind: 'RoleBinding' | 'ClusterRoleBinding', metadata: ApiObjectMetadata,
  roleRef: KubeRoleRef, subjects: readonly KubeServiceAccountSubject[]): ApiObject {
  return new ApiObject(scope, id, { apiVersion: KUBE_API_VERSIONS[kind], kind, metadata, roleRef: plain(roleRef), subjects: subjects.map(plain) });
}

/** A PodDisruptionBudget. @internal */
export function kubePodDisruptionBudget(scope: Construct, id: string, metadata: ApiObjectMetadata, spec: KubePodDisruptionBudgetSpec): ApiObject {
  return new ApiObject(scope, id, { apiVersion: KUBE_API_VERSIONS.PodDisruptionBudget, kind: 'PodDisruptionBudget', metadata, spec: plain(spec) });
}

/** A NetworkPolicy whose spec is produced at synth time, so peers can be added later. @internal */
export function kubeNetworkPolicy(scope: Construct, id: string, metadata: ApiObjectMetadata, spec: () => KubeNetworkPolicySpec): ApiObject {
  return new ApiObject(scope, id, {
    apiVersion: KUBE_API_VERSIONS.NetworkPolicy, kind: 'NetworkPolicy', metadata,
    spec: Lazy.any({ produce: () => plain(spec()) }),
  });
}

/** A deep plain copy (cdk8s cannot serialize objects without a prototype; readonly arrays are shared). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
