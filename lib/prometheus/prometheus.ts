import { ApiObject, Chart, Duration, Lazy } from 'cdk8s';
import { ContainerResources } from '../container-resources';
import { Construct, IConstruct } from 'constructs';
import {
  Prometheus as PrometheusResource, PrometheusSpecAlertingAlertmanagersApiVersion, PrometheusSpecAlertingAlertmanagersPort, PrometheusSpecResourcesLimits,
  PrometheusSpecResourcesRequests, PrometheusSpecStorageVolumeClaimTemplateSpecResourcesRequests,
} from '../../imports/monitoring-prometheuses-monitoring.coreos.com';
import { durationProblems, optDuration } from '../_util/duration';
import { checkObjectMeta, defaultName, DefaultNameRule, objectMeta } from '../_util/metadata';
import { checkDns1123Subdomain } from '../validation';
import { plainMap, Problems } from '../_util/problems';
import { toResourceRequirements } from '../_util/resources';
import { checkConstruct, fits, known, metaFields, shape as s } from '../_util/shape';
import { IAlertmanager } from '../alertmanager/alertmanager-cluster';
import { DisruptionBudget } from '../ha/disruption-budget';
import { HIGH_AVAILABILITY_SHAPES } from '../ha/_shapes';
import { HighAvailabilityOptions, antiAffinityJson, resolveHighAvailability, storageJson, zoneSpreadJson } from '../ha/high-availability';
import { attachToApp, declareExternalObject } from '../hook/app-hook';
import { NamespaceSelector } from '../namespace-selector';
import { NetworkPeer } from '../network/network-peer';
import { PrometheusNetworkPolicy } from '../network/prometheus-network-policy';
import { PrometheusRbac } from '../rbac/prometheus-rbac';
import { operatorPodSelector } from '../simulate/pod-labels';

/**
 * A Prometheus that evaluates rules: either one defined here or one that exists already.
 */
export interface IPrometheus extends IConstruct {
  /** The Prometheus object's name. */
  readonly name: string;
  /** The Prometheus object's namespace. */
  readonly namespace: string;
  /** The labels a PrometheusRule must carry on its metadata to be selected. */
  readonly ruleSelectorLabels: { [key: string]: string };
  /** The namespaces rules are read from. */
  readonly ruleNamespaceSelector: NamespaceSelector;
}

/**
 * How an existing Prometheus selects rules, e.g. one from kube-prometheus-stack (see
 * `KubePrometheusStack.prometheusProps()` for the chart's defaults).
 */
export interface ExistingPrometheusProps {
  /** The Prometheus object's name. */
  readonly name: string;
  /** The Prometheus object's namespace. */
  readonly namespace: string;
  /**
   * The `matchLabels` of its `ruleSelector`: {@link PrometheusRules} for it get these labels.
   * kube-prometheus-stack selects `release: <helm release name>` unless
   * `ruleSelectorNilUsesHelmValues` is false. Empty means every PrometheusRule
   * (`ruleSelector: {}`).
   */
  readonly ruleSelectorLabels: { [key: string]: string };
  /**
   * Its `ruleNamespaceSelector`.
   * @default NamespaceSelector.all() - kube-prometheus-stack's default (`{}`); pass
   * `NamespaceSelector.own()` when the selector is unset
   */
  readonly ruleNamespaceSelector?: NamespaceSelector;
  /**
   * Where it sends alerts (`spec.alerting.alertmanagers`), declared with the object.
   * @default - not declared
   */
  readonly alertmanagerEndpoints?: ExistingAlertmanagerEndpoint[];
}

/**
 * One entry of an existing Prometheus' `spec.alerting.alertmanagers`.
 */
export interface ExistingAlertmanagerEndpoint {
  /** The Service's name, e.g. `alertmanager-operated` or kube-prometheus-stack's `<fullname>-alertmanager`. */
  readonly name: string;
  /** The Service's namespace. */
  readonly namespace: string;
  /** The Service port's name, e.g. `web` or kube-prometheus-stack's `http-web`. */
  readonly port: string;
}

/**
 * Props of {@link Prometheus}.
 */
export interface PrometheusProps extends HighAvailabilityOptions {
  /**
   * The Prometheus object's name.
   * @default - the construct id without `prometheus`, kebab-cased (`OpsPrometheus` → `ops`),
   * else `main`, the name AlertingStack gives it (README "Default names")
   */
  readonly name?: string;
  /**
   * The namespace.
   * @default - the chart's namespace, else `monitoring`
   */
  readonly namespace?: string;
  /**
   * The number of replicas.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * The Prometheus version, e.g. `v3.5.0`.
   * @default - the operator's default version
   */
  readonly version?: string;
  /**
   * The Alertmanager cluster alerts are sent to.
   * @default - alerts are evaluated but sent nowhere
   */
  readonly alertmanager?: IAlertmanager;
  /**
   * The labels a PrometheusRule must carry to be selected.
   * @default - { prometheus: <name>, role: 'alert-rules' }
   */
  readonly ruleSelectorLabels?: { [key: string]: string };
  /**
   * The namespaces rules are read from.
   * @default NamespaceSelector.own()
   */
  readonly ruleNamespaceSelector?: NamespaceSelector;
  /**
   * How often rules are evaluated.
   * @default - the operator's default, 30s
   */
  readonly evaluationInterval?: Duration;
  /**
   * Labels added to every alert and series this Prometheus sends, e.g. `{ cluster: 'eu-1' }`.
   * @default - none
   */
  readonly externalLabels?: { [key: string]: string };
  /**
   * An existing service account to run as. Its RBAC is yours to provide: the check
   * `prometheus-rbac-missing` warns when the synthesized objects grant it nothing.
   * @default - a ServiceAccount `prometheus-<name>` with least-privilege RBAC
   * ({@link PrometheusRbac}): read services, endpoints and pods in the namespaces it
   * discovers Alertmanagers and monitors in, `get` ConfigMaps in its own
   */
  readonly serviceAccountName?: string;
  /**
   * Resource requests and limits of the Prometheus container.
   * @default - requests of 100m CPU and 512Mi memory, no limits
   */
  readonly resources?: ContainerResources;
  /**
   * The labels a ServiceMonitor must carry to be scraped.
   * @default - no ServiceMonitor is selected (the selector is unset)
   */
  readonly serviceMonitorSelectorLabels?: { [key: string]: string };
  /**
   * The namespaces ServiceMonitors are read from. Selecting namespaces by label or all of
   * them makes the RBAC a ClusterRole.
   * @default NamespaceSelector.own()
   */
  readonly serviceMonitorNamespaceSelector?: NamespaceSelector;
  /**
   * The labels a PodMonitor must carry to be scraped.
   * @default - no PodMonitor is selected (the selector is unset)
   */
  readonly podMonitorSelectorLabels?: { [key: string]: string };
  /**
   * The namespaces PodMonitors are read from.
   * @default NamespaceSelector.own()
   */
  readonly podMonitorNamespaceSelector?: NamespaceSelector;
  /**
   * Whether a NetworkPolicy lets the pods reach the Alertmanager (port 9093) and DNS even
   * when the namespace denies egress by default; the Alertmanager's own policy admits them.
   * @default true
   */
  readonly networkPolicy?: boolean;
  /**
   * Whether that NetworkPolicy allows only the Alertmanager, DNS and the Kubernetes API.
   * @default false - all other egress (scraping) stays allowed
   */
  readonly restrictEgress?: boolean;
}

const PROMETHEUS_PROPS = s.struct('PrometheusProps', {
  name: metaFields.name, namespace: metaFields.namespace,
  replicas: s.optional(s.number()),
  version: s.optional(s.string({ fix: `use a release tag such as 'v3.5.0'` })),
  alertmanager: s.optional(known.alertmanager),
  ruleSelectorLabels: s.optional(s.map()),
  ruleNamespaceSelector: s.optional(known.namespaceSelector),
  evaluationInterval: s.optional(s.duration()),
  externalLabels: s.optional(s.map()),
  serviceAccountName: s.optional(s.string({ nonEmpty: true, fix: `name the service account, e.g. 'prometheus'` })),
  resources: s.optional(known.resources),
  serviceMonitorSelectorLabels: s.optional(s.map()),
  serviceMonitorNamespaceSelector: s.optional(known.namespaceSelector),
  podMonitorSelectorLabels: s.optional(s.map()),
  podMonitorNamespaceSelector: s.optional(known.namespaceSelector),
  networkPolicy: s.optional(s.boolean()),
  restrictEgress: s.optional(s.boolean()),
  ...HIGH_AVAILABILITY_SHAPES,
});
const EXISTING_PROPS = s.struct('ExistingPrometheusProps', {
  name: s.string({ nonEmpty: true, fix: `pass the existing Prometheus' name, e.g. 'kube-prometheus-stack-prometheus'` }),
  namespace: s.string({ nonEmpty: true, fix: `pass the existing Prometheus' namespace, e.g. 'monitoring'` }),
  ruleSelectorLabels: s.map(s.string(), { fix: `pass the matchLabels of its ruleSelector, e.g. { release: 'kube-prometheus-stack' }` }),
  ruleNamespaceSelector: s.optional(known.namespaceSelector),
  alertmanagerEndpoints: s.optional(s.list(s.struct('ExistingAlertmanagerEndpoint', {
    name: s.string({ nonEmpty: true, fix: `the Service's name, e.g. 'alertmanager-operated'` }),
    namespace: s.string({ nonEmpty: true, fix: `the Service's namespace, e.g. 'monitoring'` }),
    port: s.string({ nonEmpty: true, fix: `the Service port's name, e.g. 'web'` }),
  }))),
});

/**
 * A Prometheus server (`monitoring.coreos.com/v1` Prometheus) that evaluates the rules it
 * selects and sends alerts to an Alertmanager ({@link AlertmanagerCluster}, or an existing one).
 */
export class Prometheus extends Construct implements IPrometheus {
  /**
   * References a Prometheus that exists already, such as kube-prometheus-stack's, by how it
   * selects rules, so {@link PrometheusRules} get labels it actually selects.
   */
  public static fromExisting(scope: Construct, id: string, props: ExistingPrometheusProps): IPrometheus {
    checkConstruct('Prometheus.fromExisting', scope, id, props, EXISTING_PROPS, { inChart: false });
    return new ExistingPrometheus(scope, id, props);
  }

  /** The generated Prometheus object. */
  public readonly resource: ApiObject;
  public readonly namespace: string;
  public readonly ruleNamespaceSelector: NamespaceSelector;
  /** The Alertmanager cluster alerts go to, if any. */
  public readonly alertmanager?: IAlertmanager;
  /** The number of replicas. */
  public readonly replicas: number;
  /** The service account the pods run as. */
  public readonly serviceAccountName: string;
  /** The ServiceAccount and RBAC, unless a `serviceAccountName` was given. */
  public readonly rbac?: PrometheusRbac;
  /** The PodDisruptionBudget of the pods, if any. */
  public readonly disruptionBudget?: DisruptionBudget;
  /** The egress NetworkPolicy of the pods, if any. */
  public readonly networkPolicy?: PrometheusNetworkPolicy;
  private readonly selectorLabels?: { [key: string]: string };

  constructor(scope: Construct, id: string, props: PrometheusProps = {}) {
    checkConstruct('Prometheus', scope, id, props, PROMETHEUS_PROPS);
    super(scope, id);
    const problems = new Problems(this);
    this.namespace = props.namespace ?? Chart.of(this).namespace ?? 'monitoring';
    checkObjectMeta(problems, props.name, this.namespace, props.ruleSelectorLabels);
    const replicas = props.replicas ?? 2;
    if (!Number.isInteger(replicas) || replicas < 1) {
      problems.add('replicas', props.replicas, 'must be a whole number of at least 1', 'use 2 (the default) for high availability');
    }
    if (props.ruleSelectorLabels && Object.keys(props.ruleSelectorLabels).length === 0) {
      problems.add('ruleSelectorLabels', props.ruleSelectorLabels, 'an empty selector selects every PrometheusRule the namespace selector allows, including other teams\' rules', `name at least one label, e.g. { prometheus: 'main' }`);
    }
    problems.addMessages(durationProblems('evaluationInterval', props.evaluationInterval, true));
    const { ha, problems: haProblems } = resolveHighAvailability(replicas, props);
    problems.addMessages(haProblems);
    for (const field of ['serviceMonitorSelectorLabels', 'podMonitorSelectorLabels'] as const) {
      checkObjectMeta(problems, undefined, undefined, props[field]);
    }
    for (const field of ['serviceMonitorNamespaceSelector', 'podMonitorNamespaceSelector'] as const) {
      if (props[field] !== undefined && !fits(known.namespaceSelector, props[field])) {
        problems.add(field, props[field], 'must be a NamespaceSelector', 'use NamespaceSelector.own(), .names(...), .labels(...) or .all()');
      }
    }
    if (props.serviceAccountName !== undefined) {
      problems.addMessages(checkDns1123Subdomain('serviceAccountName', props.serviceAccountName));
    }
    problems.throwIfAny();
    this.replicas = replicas;

    this.alertmanager = props.alertmanager;
    this.selectorLabels = props.ruleSelectorLabels && { ...props.ruleSelectorLabels };
    this.ruleNamespaceSelector = props.ruleNamespaceSelector ?? NamespaceSelector.own();
    this.resource = new PrometheusResource(this, 'Resource', {
      metadata: objectMeta(props.name ?? defaultName(this, id, PROMETHEUS_NAME), this.namespace),
      spec: {
        replicas,
        version: props.version,
        serviceAccountName: Lazy.any({ produce: () => this.serviceAccountName }),
        evaluationInterval: optDuration(props.evaluationInterval),
        externalLabels: plainMap(props.externalLabels),
        resources: props.resources
          ? toResourceRequirements(props.resources, PrometheusSpecResourcesLimits.fromString)
          : { requests: { cpu: PrometheusSpecResourcesRequests.fromString('100m'), memory: PrometheusSpecResourcesRequests.fromString('512Mi') } },
        affinity: Lazy.any({ produce: () => antiAffinityJson(ha, this.podSelector) }),
        topologySpreadConstraints: Lazy.any({ produce: () => zoneSpreadJson(ha, this.podSelector) }),
        storage: storageJson(ha, PrometheusSpecStorageVolumeClaimTemplateSpecResourcesRequests.fromString),
        serviceMonitorSelector: props.serviceMonitorSelectorLabels ? { matchLabels: { ...props.serviceMonitorSelectorLabels } } : undefined,
        serviceMonitorNamespaceSelector: props.serviceMonitorSelectorLabels ? props.serviceMonitorNamespaceSelector?.toJson() : undefined,
        podMonitorSelector: props.podMonitorSelectorLabels ? { matchLabels: { ...props.podMonitorSelectorLabels } } : undefined,
        podMonitorNamespaceSelector: props.podMonitorSelectorLabels ? props.podMonitorNamespaceSelector?.toJson() : undefined,
        ruleSelector: Lazy.any({ produce: () => ({ matchLabels: this.ruleSelectorLabels }) }),
        ruleNamespaceSelector: this.ruleNamespaceSelector.toJson(),
        alerting: props.alertmanager ? {
          alertmanagers: [{
            name: 'alertmanager-operated',
            namespace: props.alertmanager.namespace,
            port: PrometheusSpecAlertingAlertmanagersPort.fromString('web'),
            apiVersion: PrometheusSpecAlertingAlertmanagersApiVersion.V2,
          }],
        } : undefined,
      },
    });
    attachToApp(this);

    if (props.serviceAccountName !== undefined) {
      this.serviceAccountName = props.serviceAccountName;
    } else {
      const scope = this.discoveryScope(props);
      this.rbac = new PrometheusRbac(this, 'Rbac', {
        prometheusName: this.name, namespace: this.namespace, discoveryNamespaces: scope.namespaces, clusterWide: scope.clusterWide,
      });
      this.serviceAccountName = this.rbac.serviceAccountName;
    }
    if (ha.podDisruptionBudget) {
      this.disruptionBudget = new DisruptionBudget(this, 'DisruptionBudget', {
        name: `prometheus-${this.name}`, namespace: this.namespace, selector: this.podSelector, maxUnavailable: ha.maxUnavailable,
      });
    }
    if (props.networkPolicy ?? true) {
      this.networkPolicy = new PrometheusNetworkPolicy(this, 'NetworkPolicy', {
        name: `prometheus-${this.name}`, prometheusName: this.name, namespace: this.namespace, restrictEgress: props.restrictEgress,
      });
    }
    if (props.alertmanager) {
      this.networkPolicy?.allowAlertmanager(props.alertmanager.name, props.alertmanager.namespace);
      props.alertmanager.allowClient(NetworkPeer.pods(this.namespace, this.podSelector));
    }
  }

  public get name(): string {
    return this.resource.name;
  }

  /**
   * The labels the operator puts on this Prometheus' pods that the PodDisruptionBudget,
   * anti-affinity, zone spread and NetworkPolicies select:
   * `app.kubernetes.io/name=prometheus`, `prometheus=<name>`.
   */
  public get podSelector(): { [key: string]: string } {
    return operatorPodSelector('Prometheus', this.name);
  }

  /**
   * Where the operator makes this Prometheus discover targets: the Alertmanager's namespace,
   * and the namespaces of the monitors it selects (every namespace for `all` or `labels`).
   */
  private discoveryScope(props: PrometheusProps): { namespaces: string[]; clusterWide: boolean } {
    const namespaces: string[] = [];
    let clusterWide = false;
    if (props.alertmanager) { namespaces.push(props.alertmanager.namespace); }
    const monitors: Array<[{ [key: string]: string } | undefined, NamespaceSelector | undefined]> = [
      [props.serviceMonitorSelectorLabels, props.serviceMonitorNamespaceSelector],
      [props.podMonitorSelectorLabels, props.podMonitorNamespaceSelector],
    ];
    for (const [labels, selector] of monitors) {
      if (labels === undefined) { continue; }
      const sel = selector ?? NamespaceSelector.own();
      switch (sel.mode) {
        case 'own': namespaces.push(this.namespace); break;
        case 'names': namespaces.push(...sel.namespaceNames); break;
        default: clusterWide = true;
      }
    }
    return { namespaces, clusterWide };
  }

  public get ruleSelectorLabels(): { [key: string]: string } {
    return this.selectorLabels ?? { prometheus: this.name, role: 'alert-rules' };
  }
}

class ExistingPrometheus extends Construct implements IPrometheus {
  public readonly name: string;
  public readonly namespace: string;
  public readonly ruleSelectorLabels: { [key: string]: string };
  public readonly ruleNamespaceSelector: NamespaceSelector;

  constructor(scope: Construct, id: string, props: ExistingPrometheusProps) {
    super(scope, id);
    const problems = new Problems(this);
    checkObjectMeta(problems, props.name, props.namespace, props.ruleSelectorLabels);
    (props.alertmanagerEndpoints ?? []).forEach((e, i) => {
      problems.addMessages(checkDns1123Subdomain(`alertmanagerEndpoints[${i}].name`, e.name));
    });
    problems.throwIfAny();
    this.name = props.name;
    this.namespace = props.namespace;
    this.ruleSelectorLabels = { ...props.ruleSelectorLabels };
    this.ruleNamespaceSelector = props.ruleNamespaceSelector ?? NamespaceSelector.all();
    // A fact for the checks: this Prometheus exists in the cluster and selects rules like this.
    declareExternalObject(this, {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Prometheus',
      metadata: { name: this.name, namespace: this.namespace },
      spec: {
        ruleSelector: Object.keys(this.ruleSelectorLabels).length ? { matchLabels: { ...this.ruleSelectorLabels } } : {},
        ...(this.ruleNamespaceSelector.mode === 'own' ? {} : { ruleNamespaceSelector: this.ruleNamespaceSelector.toJson() }),
        ...(props.alertmanagerEndpoints?.length
          ? { alerting: { alertmanagers: props.alertmanagerEndpoints.map((e) => ({ name: e.name, namespace: e.namespace, port: e.port })) } }
          : {}),
      },
    });
  }
}

/**
 * The Prometheus' default name (README "Default names"): `main`, as AlertingStack names it
 * (kube-prometheus calls its own `k8s`). At most 41 characters: the operator's StatefulSet is
 * `prometheus-<name>`, and its pods carry a label of the StatefulSet's name and a 10-character
 * revision hash, which must fit 63 characters.
 */
const PROMETHEUS_NAME: DefaultNameRule = { drop: ['prometheus'], fallback: 'main', maxLength: 41 };
