/**
 * The model of the cluster that every check, the effective config and the routing simulation
 * read: the Kubernetes objects of the alerting pipeline as plain data, whatever made them.
 * @module
 */
import { ModelObject, ObjectSource, describeObject, notAnObject, toModelObject } from './model-object';
import { shapeProblems } from './shapes';

/** The API groups of the objects the checks read. */
export const GROUPS = {
  core: '',
  rbac: 'rbac.authorization.k8s.io',
  policy: 'policy',
  networking: 'networking.k8s.io',
  monitoring: 'monitoring.coreos.com',
  notification: 'notification.toolkit.fluxcd.io',
  kustomize: 'kustomize.toolkit.fluxcd.io',
  source: 'source.toolkit.fluxcd.io',
  helm: 'helm.toolkit.fluxcd.io',
  image: 'image.toolkit.fluxcd.io',
} as const;

/** The label Kubernetes (1.21+) puts on every namespace, holding the namespace's name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** kustomization.yaml and Component files: read by kustomize, not objects of the cluster. */
const KUSTOMIZE_CONFIG = /^kustomize\.config\.k8s\.io\//;

/** A problem with the input itself: something the model cannot use, named by its source. */
export interface ModelProblem {
  /** Where the unusable value came from. */
  readonly source: ObjectSource;
  /** The object, when it could be identified (`kind ns/name`). */
  readonly object?: string;
  /** What is wrong. */
  readonly message: string;
  /**
   * The object's kind, namespace and name, when they could be read.
   * @default - not identifiable
   */
  readonly identity?: { readonly kind: string; readonly namespace?: string; readonly name: string };
  /**
   * The object's annotations (for suppressions such as `suppress.cdk8s-alerting.io/invalid-object`).
   * @default - none could be read
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** The string annotations of a value that may not be an object at all. */
function annotationsOf(value: unknown): Record<string, string> | undefined {
  const a = (value as { metadata?: { annotations?: unknown } } | null)?.metadata?.annotations;
  if (typeof a !== 'object' || a === null || Array.isArray(a)) { return undefined; }
  const out = Object.fromEntries(Object.entries(a).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  return Object.keys(out).length ? out : undefined;
}

/** One input of {@link ClusterModel.build}: a manifest as JSON and where it came from. */
export interface ModelInput {
  readonly value: unknown;
  readonly source: ObjectSource;
}

/**
 * The objects of the alerting pipeline, indexed by kind, namespace and name.
 *
 * Built from Kubernetes objects as JSON: those a cdk8s app synthesizes (any construct library,
 * `Include`, imported classes), or YAML files on disk. Objects that are not usable (no kind, a
 * string where the CRD has an object) are left out and listed in {@link ClusterModel.problems}.
 */
export class ClusterModel {
  /**
   * The model of `inputs`. Later duplicates of the same kind, namespace and name are left out
   * and reported, as Kubernetes keeps only one object per identity.
   */
  public static build(inputs: readonly ModelInput[]): ClusterModel {
    const objects: ModelObject[] = [];
    const problems: ModelProblem[] = [];
    const duplicates: Array<{ object: ModelObject; first: ModelObject }> = [];
    const seen = new Map<string, ModelObject>();
    for (const input of inputs) {
      const apiVersion = (input.value as { apiVersion?: unknown } | null)?.apiVersion;
      if (typeof apiVersion === 'string' && KUSTOMIZE_CONFIG.test(apiVersion)) { continue; } // kustomize's own files, never applied
      const not = notAnObject(input.value);
      if (not) {
        problems.push({ source: input.source, message: `the document ${not}`, annotations: annotationsOf(input.value) });
        continue;
      }
      const o = toModelObject(input.value as Record<string, any>, input.source);
      const shape = shapeProblems(o);
      if (shape.length) {
        const identity = { kind: o.kind, namespace: o.namespace, name: o.name };
        problems.push(...shape.map((message) => ({ source: o.source, object: describeObject(o), message, identity, annotations: o.annotations })));
        continue;
      }
      const key = identity(o.group, o.kind, o.namespace, o.name);
      const first = seen.get(key);
      if (first) {
        if (!(first.source.external || o.source.external)) { duplicates.push({ object: o, first }); }
        continue;
      }
      seen.set(key, o);
      objects.push(o);
    }
    return new ClusterModel(objects, problems, duplicates);
  }

  private readonly byKind = new Map<string, ModelObject[]>();
  private readonly byIdentity = new Map<string, ModelObject>();

  private constructor(
    /** Every usable object, in input order. */
    public readonly objects: readonly ModelObject[],
    /** Inputs the model could not use. */
    public readonly problems: readonly ModelProblem[],
    /** Objects left out because an earlier input has the same kind, namespace and name. */
    public readonly duplicates: ReadonlyArray<{ readonly object: ModelObject; readonly first: ModelObject }> = [],
  ) {
    for (const o of objects) {
      const k = `${o.group}/${o.kind}`;
      this.byKind.set(k, [...(this.byKind.get(k) ?? []), o]);
      this.byIdentity.set(identity(o.group, o.kind, o.namespace, o.name), o);
    }
  }

  /** Objects of one kind in one API group. */
  public ofKind(group: string, kind: string): readonly ModelObject[] {
    return this.byKind.get(`${group}/${kind}`) ?? [];
  }

  /** The object with this identity, if the model has it. */
  public find(group: string, kind: string, namespace: string | undefined, name: string): ModelObject | undefined {
    return this.byIdentity.get(identity(group, kind, namespace, name));
  }

  /** `Namespace` objects. */
  public get namespaces(): readonly ModelObject[] { return this.ofKind(GROUPS.core, 'Namespace'); }
  /** `Secret` objects. */
  public get secrets(): readonly ModelObject[] { return this.ofKind(GROUPS.core, 'Secret'); }
  /** `ConfigMap` objects. */
  public get configMaps(): readonly ModelObject[] { return this.ofKind(GROUPS.core, 'ConfigMap'); }
  /** `ServiceAccount` objects. */
  public get serviceAccounts(): readonly ModelObject[] { return this.ofKind(GROUPS.core, 'ServiceAccount'); }
  /** `Role` and `ClusterRole` objects. */
  public get roles(): readonly ModelObject[] { return [...this.ofKind(GROUPS.rbac, 'Role'), ...this.ofKind(GROUPS.rbac, 'ClusterRole')]; }
  /** `RoleBinding` and `ClusterRoleBinding` objects. */
  public get roleBindings(): readonly ModelObject[] { return [...this.ofKind(GROUPS.rbac, 'RoleBinding'), ...this.ofKind(GROUPS.rbac, 'ClusterRoleBinding')]; }
  /** `PodDisruptionBudget` objects. */
  public get podDisruptionBudgets(): readonly ModelObject[] { return this.ofKind(GROUPS.policy, 'PodDisruptionBudget'); }
  /** `NetworkPolicy` objects. */
  public get networkPolicies(): readonly ModelObject[] { return this.ofKind(GROUPS.networking, 'NetworkPolicy'); }
  /** `Prometheus` objects. */
  public get prometheuses(): readonly ModelObject[] { return this.ofKind(GROUPS.monitoring, 'Prometheus'); }
  /** `Alertmanager` objects. */
  public get alertmanagers(): readonly ModelObject[] { return this.ofKind(GROUPS.monitoring, 'Alertmanager'); }
  /** `AlertmanagerConfig` objects. */
  public get alertmanagerConfigs(): readonly ModelObject[] { return this.ofKind(GROUPS.monitoring, 'AlertmanagerConfig'); }
  /** `PrometheusRule` objects. */
  public get prometheusRules(): readonly ModelObject[] { return this.ofKind(GROUPS.monitoring, 'PrometheusRule'); }
  /** Flux `Provider` objects. */
  public get fluxProviders(): readonly ModelObject[] { return this.ofKind(GROUPS.notification, 'Provider'); }
  /** Flux `Alert` objects. */
  public get fluxAlerts(): readonly ModelObject[] { return this.ofKind(GROUPS.notification, 'Alert'); }
  /** Flux `Receiver` objects. */
  public get fluxReceivers(): readonly ModelObject[] { return this.ofKind(GROUPS.notification, 'Receiver'); }
  /** Flux `Kustomization` objects. */
  public get kustomizations(): readonly ModelObject[] { return this.ofKind(GROUPS.kustomize, 'Kustomization'); }

  /** The Flux sources: GitRepository, OCIRepository, Bucket, HelmRepository, HelmChart and the rest. */
  public get fluxSources(): readonly ModelObject[] {
    return this.objects.filter((o) => o.group === GROUPS.source);
  }

  /** The Secret `name` in `namespace`, if the model has it. */
  public secret(namespace: string, name: string): ModelObject | undefined {
    return this.find(GROUPS.core, 'Secret', namespace, name);
  }

  /**
   * The labels of namespace `ns` as the API server reports them: those of its Namespace object
   * (if the model has one) plus `kubernetes.io/metadata.name`.
   */
  public namespaceLabels(ns: string): Record<string, string> {
    return { ...(this.find(GROUPS.core, 'Namespace', undefined, ns)?.labels ?? {}), [NAMESPACE_NAME_LABEL]: ns };
  }

  /** Whether the model has a Namespace object named `ns`, so its labels are known. */
  public knowsNamespace(ns: string): boolean {
    return this.find(GROUPS.core, 'Namespace', undefined, ns) !== undefined;
  }

  /** The labels of every namespace the model has a Namespace object for. */
  public get namespaceLabelMap(): Record<string, Record<string, string>> {
    return Object.fromEntries(this.namespaces.map((n) => [n.name, { ...n.labels }]));
  }
}

function identity(group: string, kind: string, namespace: string | undefined, name: string): string {
  return `${group}/${kind}/${namespace ?? ''}/${name}`;
}
