import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { KubePolicyRule, kubeRole, kubeRoleBinding, kubeServiceAccount } from '../_util/kube-objects';
import { checkObjectMeta } from '../_util/metadata';
import { Problems } from '../_util/problems';
import { checkConstruct, shape as s } from '../_util/shape';
import { checkDns1123Label } from '../validation';

/**
 * What Prometheus' Kubernetes service discovery reads with the `endpoints` role, the one the
 * operator configures for the Alertmanagers of `spec.alerting` and for ServiceMonitors
 * (PodMonitors need pods only): services, endpoints and pods, read-only.
 */
const PROMETHEUS_DISCOVERY_RULES: readonly KubePolicyRule[] = [
  { apiGroups: [''], resources: ['services', 'endpoints', 'pods'], verbs: ['get', 'list', 'watch'] },
];

/**
 * What prometheus-operator's RBAC guide (Documentation/platform/rbac.md) grants a Prometheus
 * in its own namespace besides discovery: `get` on ConfigMaps. kube-prometheus grants the same
 * (Role `prometheus-k8s-config`).
 */
const PROMETHEUS_CONFIG_RULES: readonly KubePolicyRule[] = [
  { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
];

/**
 * Props of {@link PrometheusRbac}.
 */
export interface PrometheusRbacProps {
  /** The Prometheus object's name; the objects are named `prometheus-<name>`. */
  readonly prometheusName: string;
  /** The Prometheus object's namespace, where the ServiceAccount lives. */
  readonly namespace: string;
  /**
   * The ServiceAccount's name.
   * @default - `prometheus-<prometheusName>`
   */
  readonly serviceAccountName?: string;
  /**
   * The namespaces Prometheus discovers targets in (the Alertmanagers' namespaces, the
   * namespaces of the ServiceMonitors and PodMonitors it selects): each gets a Role and a
   * RoleBinding. Ignored when `clusterWide` is true.
   * @default - none: only the own namespace's ConfigMap access
   */
  readonly discoveryNamespaces?: string[];
  /**
   * Whether Prometheus discovers targets in every namespace (a ClusterRole and a
   * ClusterRoleBinding, named `<namespace>-prometheus-<prometheusName>`), as when a monitor
   * namespace selector is `{}` or selects namespaces by label.
   * @default false
   */
  readonly clusterWide?: boolean;
}

const PROPS = s.struct('PrometheusRbacProps', {
  prometheusName: s.string({ fix: `pass the Prometheus object's name, e.g. 'main'` }),
  namespace: s.string({ fix: `pass the Prometheus' namespace, e.g. 'monitoring'` }),
  serviceAccountName: s.optional(s.string({ fix: `pass a ServiceAccount name, or leave it out for prometheus-<prometheusName>` })),
  discoveryNamespaces: s.optional(s.list(s.string({ fix: `pass namespace names, e.g. ['monitoring', 'team-a']` }))),
  clusterWide: s.optional(s.boolean()),
});

/**
 * The identity of a Prometheus and the least-privilege RBAC its service discovery needs: a
 * ServiceAccount, a Role and RoleBinding per namespace it discovers targets in, or a
 * ClusterRole and ClusterRoleBinding when it discovers across namespaces.
 *
 * {@link Prometheus} creates one unless it is given a `serviceAccountName`. The objects are
 * plain `ApiObject`s of cdk8s core: no cdk8s-plus at run time.
 */
export class PrometheusRbac extends Construct {
  /** The ServiceAccount. */
  public readonly serviceAccount: ApiObject;
  /** The ServiceAccount's name. */
  public readonly serviceAccountName: string;
  /** The Roles and the ClusterRole, if any. */
  public readonly roles: ApiObject[] = [];
  /** The RoleBindings and the ClusterRoleBinding, if any. */
  public readonly bindings: ApiObject[] = [];
  /** The namespaces with a discovery Role, sorted; empty when cluster-wide. */
  public readonly discoveryNamespaces: string[];
  /** Whether discovery is granted in every namespace. */
  public readonly clusterWide: boolean;

  constructor(scope: Construct, id: string, props: PrometheusRbacProps) {
    checkConstruct('PrometheusRbac', scope, id, props, PROPS);
    super(scope, id);
    const problems = new Problems(this);
    const base = `prometheus-${props.prometheusName}`;
    this.serviceAccountName = props.serviceAccountName ?? base;
    checkObjectMeta(problems, this.serviceAccountName, props.namespace);
    problems.addMessages(checkDns1123Label('prometheusName', props.prometheusName));
    (props.discoveryNamespaces ?? []).forEach((ns, i) => problems.addMessages(checkDns1123Label(`discoveryNamespaces[${i}]`, ns)));
    problems.throwIfAny();

    this.clusterWide = props.clusterWide ?? false;
    this.discoveryNamespaces = this.clusterWide ? [] : [...new Set(props.discoveryNamespaces ?? [])].sort();
    this.serviceAccount = kubeServiceAccount(this, 'Resource', { name: this.serviceAccountName, namespace: props.namespace });
    const subject = { kind: 'ServiceAccount' as const, name: this.serviceAccountName, namespace: props.namespace };

    for (const ns of [...new Set([props.namespace, ...this.discoveryNamespaces])]) {
      const rules = [
        ...(this.discoveryNamespaces.includes(ns) ? PROMETHEUS_DISCOVERY_RULES : []),
        ...(ns === props.namespace ? PROMETHEUS_CONFIG_RULES : []),
      ];
      this.roles.push(kubeRole(this, `Role-${ns}`, 'Role', { name: base, namespace: ns }, rules));
      this.bindings.push(kubeRoleBinding(this, `RoleBinding-${ns}`, 'RoleBinding', { name: base, namespace: ns },
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: base }, [subject]));
    }
    if (this.clusterWide) {
      const clusterName = `${props.namespace}-${base}`;
      this.roles.push(kubeRole(this, 'ClusterRole', 'ClusterRole', { name: clusterName }, PROMETHEUS_DISCOVERY_RULES));
      this.bindings.push(kubeRoleBinding(this, 'ClusterRoleBinding', 'ClusterRoleBinding', { name: clusterName },
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterName }, [subject]));
    }
  }
}
