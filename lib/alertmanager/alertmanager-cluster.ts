import { ApiObject, Chart, Duration, Lazy } from 'cdk8s';
import { ContainerResources } from '../container-resources';
import { Construct, IConstruct } from 'constructs';
import {
  Alertmanager, AlertmanagerSpecAlertmanagerConfigMatcherStrategyType, AlertmanagerSpecResourcesLimits, AlertmanagerSpecResourcesRequests,
  AlertmanagerSpecStorageVolumeClaimTemplateSpecResourcesRequests,
} from '../../imports/monitoring-alertmanagers-monitoring.coreos.com';
import { AlertmanagerConfig } from '../../imports/monitoring-alertmanagerconfigs-monitoring.coreos.com';
import { durationProblems, formatDuration, optDuration } from '../_util/duration';
import { checkObjectMeta, defaultName, DefaultNameRule, objectMeta } from '../_util/metadata';
import { checkDns1123Label, checkDns1123Subdomain } from '../validation';
import { Problems } from '../_util/problems';
import { toResourceRequirements } from '../_util/resources';
import { DisruptionBudget } from '../ha/disruption-budget';
import { HIGH_AVAILABILITY_SHAPES } from '../ha/_shapes';
import { HighAvailabilityOptions, antiAffinityJson, resolveHighAvailability, storageJson, zoneSpreadJson } from '../ha/high-availability';
import { checkArgs, checkConstruct, known, metaFields, shape as s } from '../_util/shape';
import { attachToApp, declareExternalObject } from '../hook/app-hook';
import { AlertmanagerNetworkPolicy } from '../network/alertmanager-network-policy';
import { FLUX_NAMESPACE, NetworkPeer } from '../network/network-peer';
import { operatorPodSelector } from '../simulate/pod-labels';
import { NamespaceSelector } from '../namespace-selector';
import type { AlertmanagerRouting } from './alertmanager-routing';
import { IReceiver } from '../receivers/receiver';
import { baseConfigSpec, baseDefaultsProblems } from './_base-defaults';
import { ALERTMANAGER_CONFIG_KEY, AlertmanagerBaseConfig } from './base-config';

/**
 * How the operator confines each AlertmanagerConfig to alerts from its own namespace.
 */
export enum MatcherStrategy {
  /**
   * The operator appends `namespace="<config namespace>"` to each config's top route and
   * inhibit rules: a config only sees alerts labelled with its own namespace.
   */
  ON_NAMESPACE = 'OnNamespace',
  /** As ON_NAMESPACE, except for configs in the Alertmanager's own namespace, which see every alert. */
  ON_NAMESPACE_EXCEPT_FOR_ALERTMANAGER_NAMESPACE = 'OnNamespaceExceptForAlertmanagerNamespace',
  /** No namespace matcher is added: every config sees every alert. */
  NONE = 'None',
}

/**
 * An Alertmanager that routing configs attach to: one defined here ({@link AlertmanagerCluster})
 * or one that exists already ({@link AlertmanagerCluster.fromExisting}), such as
 * kube-prometheus-stack's.
 */
export interface IAlertmanager extends IConstruct {
  /** The Alertmanager object's name. */
  readonly name: string;
  /** The Alertmanager object's namespace. */
  readonly namespace: string;
  /** How the operator confines each routing config to its own namespace. */
  readonly matcherStrategy: MatcherStrategy;
  /** The labels an AlertmanagerConfig needs for this Alertmanager to select it. */
  readonly configSelectorLabels: { [key: string]: string };
  /** The namespaces this Alertmanager reads AlertmanagerConfigs from. */
  readonly configNamespaceSelector: NamespaceSelector;
  /** The base URL of the Alertmanager API inside the cluster, on the `alertmanager-operated` service. */
  readonly apiUrl: string;
  /** The endpoint clients post alerts to, e.g. Flux's alertmanager provider. */
  readonly alertsUrl: string;
  /**
   * The construct of the Alertmanager object in the model of the app (for `effectiveConfigOf`
   * and `routeAlert`).
   */
  readonly resource: IConstruct;
  /** The routing configs attached to this Alertmanager. */
  readonly routingConfigs: AlertmanagerRouting[];
  /** Attaches a routing config: it gets the labels this Alertmanager selects. */
  addRouting(routing: AlertmanagerRouting): void;
  /** Allows `peer` to reach the web port (9093), where this library manages the NetworkPolicy. */
  allowClient(peer: NetworkPeer): void;
}

/**
 * How an existing Alertmanager selects routing configs, e.g. one from kube-prometheus-stack
 * (see `KubePrometheusStack.alertmanagerProps()` for the chart's defaults).
 */
export interface ExistingAlertmanagerProps {
  /** The Alertmanager object's name. */
  readonly name: string;
  /** The Alertmanager object's namespace. */
  readonly namespace: string;
  /**
   * The `matchLabels` of its `alertmanagerConfigSelector`: routing configs attached to it get
   * these labels. Empty means every AlertmanagerConfig (`alertmanagerConfigSelector: {}`).
   * @default {} - every AlertmanagerConfig, as kube-prometheus-stack renders it by default
   */
  readonly configSelectorLabels?: { [key: string]: string };
  /**
   * Its `alertmanagerConfigNamespaceSelector`.
   * @default NamespaceSelector.all() - kube-prometheus-stack's default (`{}`); pass
   * `NamespaceSelector.own()` when the selector is unset
   */
  readonly configNamespaceSelector?: NamespaceSelector;
  /**
   * Its `alertmanagerConfigMatcherStrategy`.
   * @default MatcherStrategy.ON_NAMESPACE (the operator's default when unset)
   */
  readonly matcherStrategy?: MatcherStrategy;
  /**
   * Its `spec.configSecret`: the Secret the operator reads the base configuration from.
   * @default - `alertmanager-<name>`, the operator's default
   */
  readonly configSecretName?: string;
  /**
   * The base configuration in that Secret (key `alertmanager.yaml`). When given, the Secret is
   * declared to the checks as existing in the cluster (it is never synthesized), and the
   * effective configuration merges the routing configs under it as the operator does.
   * @default - not declared: the checks and the effective configuration do not know it
   */
  readonly baseConfig?: AlertmanagerBaseConfig;
  /**
   * Its Alertmanager version (`spec.version`), e.g. `v0.28.1`.
   * @default - unknown (the operator's default is assumed)
   */
  readonly version?: string;
  /**
   * Labels on the Alertmanager object.
   * @default - none declared
   */
  readonly labels?: { [key: string]: string };
}

/**
 * The pod security context of the Alertmanager pods.
 */
export interface AlertmanagerSecurityContext {
  /**
   * The user id.
   * @default 1000
   */
  readonly runAsUser?: number;
  /**
   * The group that owns mounted volumes.
   * @default 2000
   */
  readonly fsGroup?: number;
  /**
   * Whether the container must run as a non-root user.
   * @default true
   */
  readonly runAsNonRoot?: boolean;
}

/**
 * Props of {@link AlertmanagerCluster}.
 */
export interface AlertmanagerClusterProps extends HighAvailabilityOptions {
  /**
   * The Alertmanager's name; pods are labelled `alertmanager=<name>`.
   * @default - the construct id without `alertmanager` and `cluster`, kebab-cased
   * (`OpsAlertmanager` → `ops`), else `main` as in kube-prometheus (README "Default names")
   */
  readonly name?: string;

  /**
   * The namespace.
   * @default - the chart's namespace, else `monitoring`
   */
  readonly namespace?: string;

  /**
   * The number of replicas. They form a gossip cluster that deduplicates notifications;
   * one replica disables clustering.
   * @default 3
   */
  readonly replicas?: number;

  /**
   * The Alertmanager version, e.g. `v0.28.1`.
   * @default - the operator's default version
   */
  readonly version?: string;

  /**
   * Resource requests and limits of the Alertmanager container.
   * @default - requests of 20m CPU and 200Mi memory (the operator's own memory default), no
   * limits: a CPU limit throttles notification sending, a memory limit kills the pod
   */
  readonly resources?: ContainerResources;

  /**
   * Whether a NetworkPolicy admits to the web port (9093) only the Prometheus servers that
   * send to this cluster, Flux's notification-controller (see `allowFlux`) and `clients`, and
   * to the mesh port (9094, TCP and UDP) only the replicas.
   * @default true
   */
  readonly networkPolicy?: boolean;

  /**
   * More peers that may post alerts or read the API on the web port (9093).
   * @default - none
   */
  readonly clients?: NetworkPeer[];

  /**
   * Whether Flux's notification-controller may post to the web port (its alertmanager
   * Provider).
   * @default true
   */
  readonly allowFlux?: boolean;

  /**
   * The namespace Flux's notification-controller runs in (pods labelled
   * `app=notification-controller`).
   * @default 'flux-system'
   */
  readonly fluxNamespace?: string;

  /**
   * How long to keep silences and notification logs.
   * @default - the operator's default, 120h
   */
  readonly retention?: Duration;

  /**
   * How long after its last update an alert without an end time is resolved. Flux sends
   * no end time, so this decides when a Flux alert resolves.
   * @default Duration.minutes(5)
   */
  readonly resolveTimeout?: Duration;

  /**
   * How the operator confines each routing config to its own namespace.
   * @default MatcherStrategy.ON_NAMESPACE
   */
  readonly matcherStrategy?: MatcherStrategy;

  /**
   * The pod security context.
   * @default - runAsNonRoot, user 1000, fsGroup 2000, as kube-prometheus sets them
   */
  readonly securityContext?: AlertmanagerSecurityContext;

  /**
   * The URL users reach Alertmanager at, used in notification links.
   * @default - the operator's default
   */
  readonly externalUrl?: string;

  /**
   * Extra labels on the Alertmanager object.
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Where the always-firing `Watchdog` alert (see `RulePacks.watchdog()`) goes: a dead man's
   * switch that pages when the alert stops arriving (Healthchecks.io, Opsgenie heartbeats,
   * Dead Man's Snitch, a webhook). Its Secrets must live in the Alertmanager's namespace.
   * @default - the `null` receiver: Watchdog is dropped
   */
  readonly heartbeatReceiver?: IReceiver;

  /**
   * How often `heartbeatReceiver` is notified while Watchdog fires (the route's group and
   * repeat interval); keep it below the dead man's switch's timeout.
   * @default Duration.minutes(5)
   */
  readonly heartbeatInterval?: Duration;

  /**
   * Whether the base configuration routes `Watchdog` to `heartbeatReceiver`, or to the `null`
   * receiver when there is none, as kube-prometheus-stack does.
   * @default true
   */
  readonly watchdogRoute?: boolean;

  /**
   * Whether the base configuration carries the inhibit rules kube-prometheus-stack ships:
   * a `critical` alert mutes `warning` and `info` alerts, and a `warning` alert mutes `info`
   * alerts, with the same `alertname` and `namespace`; an `InfoInhibitor` alert mutes the
   * `info` alerts of its `namespace`. In the base configuration they apply to every
   * namespace, whatever the matcher strategy.
   * @default true
   */
  readonly defaultInhibitRules?: boolean;
}

const CLUSTER_PROPS = s.struct('AlertmanagerClusterProps', {
  ...metaFields,
  replicas: s.optional(s.number()),
  version: s.optional(s.string({ fix: `use a release tag such as 'v0.28.1'` })),
  resources: s.optional(known.resources),
  retention: s.optional(s.duration()),
  resolveTimeout: s.optional(s.duration()),
  // an unknown strategy is reported below with the list of strategies
  matcherStrategy: s.optional(s.oneOf(MatcherStrategy, 'MatcherStrategy', { strict: false })),
  securityContext: s.optional(s.struct('AlertmanagerSecurityContext', {
    runAsUser: s.optional(s.number({ integer: true })), fsGroup: s.optional(s.number({ integer: true })), runAsNonRoot: s.optional(s.boolean()),
  })),
  externalUrl: s.optional(s.string({ fix: `use a URL such as 'https://alertmanager.example.com'` })),
  networkPolicy: s.optional(s.boolean()),
  clients: s.optional(s.list(known.networkPeer)),
  allowFlux: s.optional(s.boolean()),
  fluxNamespace: s.optional(s.string({ nonEmpty: true, fix: `name the namespace Flux runs in, e.g. 'flux-system'` })),
  heartbeatReceiver: s.optional(known.receiver),
  heartbeatInterval: s.optional(s.duration()),
  watchdogRoute: s.optional(s.boolean()),
  defaultInhibitRules: s.optional(s.boolean()),
  ...HIGH_AVAILABILITY_SHAPES,
});
const ROUTING = s.like('AlertmanagerRouting', { namespace: 'string', resource: 'object' }, 'pass an AlertmanagerRouting construct', { construct: true });
const EXISTING_PROPS = s.struct('ExistingAlertmanagerProps', {
  name: s.string({ nonEmpty: true, fix: `pass the existing Alertmanager's name, e.g. 'kube-prometheus-stack-alertmanager'` }),
  namespace: s.string({ nonEmpty: true, fix: `pass the existing Alertmanager's namespace, e.g. 'monitoring'` }),
  configSelectorLabels: s.optional(s.map()),
  configNamespaceSelector: s.optional(known.namespaceSelector),
  // an unknown strategy is reported below with the list of strategies
  matcherStrategy: s.optional(s.oneOf(MatcherStrategy, 'MatcherStrategy', { strict: false })),
  configSecretName: s.optional(s.string({ nonEmpty: true, fix: `pass the config Secret's name, or leave it out for alertmanager-<name>` })),
  baseConfig: s.optional(known.baseConfig),
  version: s.optional(s.string({ fix: `use a release tag such as 'v0.28.1'` })),
  labels: s.optional(s.map()),
});

/**
 * A highly available Alertmanager cluster (`monitoring.coreos.com/v1` Alertmanager).
 *
 * The config selector and namespace selector are derived from the routing configs attached
 * with {@link AlertmanagerCluster.addRouting} (or the `alertmanager` prop of
 * {@link AlertmanagerRouting}), so they always select exactly those configs.
 *
 * A base AlertmanagerConfig named `<name>-base` carries the global `resolve_timeout` and a
 * root route whose receiver drops what no routing config matches, as the operator's default does.
 */
export class AlertmanagerCluster extends Construct implements IAlertmanager {
  /** The Port of the Alertmanager web API on the governing service. */
  public static readonly API_PORT = 9093;

  /**
   * References an Alertmanager that exists already, such as kube-prometheus-stack's, by how it
   * selects routing configs: {@link AlertmanagerRouting}s attached to it get the labels it
   * selects, and the checks, the effective configuration and `routeAlert` see it (and its base
   * configuration, when given) as an object of the cluster. Nothing is synthesized for it.
   */
  public static fromExisting(scope: Construct, id: string, props: ExistingAlertmanagerProps): IAlertmanager {
    return new ExistingAlertmanager(scope, id, props);
  }

  /**
   * The generated Alertmanager object (the child `'Resource'`; `ApiObject.of(cluster)` gives
   * it as an `ApiObject`, for `addJsonPatch()`).
   */
  public readonly resource: IConstruct;
  /** The base AlertmanagerConfig holding global settings. */
  public readonly baseConfig: ApiObject;
  /** The namespace. */
  public readonly namespace: string;
  /** The matcher strategy. */
  public readonly matcherStrategy: MatcherStrategy;
  /** The number of replicas. */
  public readonly replicas: number;
  /** The resolve timeout. */
  public readonly resolveTimeout: Duration;
  /** The PodDisruptionBudget of the pods, if any. */
  public readonly disruptionBudget?: DisruptionBudget;
  /** The NetworkPolicy of the pods, if any. */
  public readonly networkPolicy?: AlertmanagerNetworkPolicy;

  private readonly routings: AlertmanagerRouting[] = [];

  constructor(scope: Construct, id: string, props: AlertmanagerClusterProps = {}) {
    checkConstruct('AlertmanagerCluster', scope, id, props, CLUSTER_PROPS);
    super(scope, id);
    const problems = new Problems(this);
    this.namespace = props.namespace ?? Chart.of(this).namespace ?? 'monitoring';
    this.replicas = props.replicas ?? 3;
    this.matcherStrategy = props.matcherStrategy ?? MatcherStrategy.ON_NAMESPACE;
    this.resolveTimeout = props.resolveTimeout ?? Duration.minutes(5);
    checkObjectMeta(problems, props.name, this.namespace, props.labels);
    if (!Number.isInteger(this.replicas) || this.replicas < 1) {
      problems.add('replicas', props.replicas, 'must be a whole number of at least 1', 'use 3 (the default) for a highly available cluster, or 1 to run without clustering');
    }
    if (!Object.values(MatcherStrategy).includes(this.matcherStrategy)) {
      problems.add('matcherStrategy', props.matcherStrategy, 'is not a known strategy', `use MatcherStrategy.${Object.keys(MatcherStrategy).join(', MatcherStrategy.')}`);
    }
    problems.addMessages(durationProblems('retention', props.retention, true));
    problems.addMessages(durationProblems('resolveTimeout', props.resolveTimeout, true));
    if (props.version !== undefined && !/^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(props.version)) {
      problems.add('version', props.version, 'is not a release version', `use a tag such as 'v0.28.1'`);
    }
    problems.addMessages(baseDefaultsProblems(props));
    const { ha, problems: haProblems } = resolveHighAvailability(this.replicas, props);
    problems.addMessages(haProblems);
    if (props.fluxNamespace !== undefined) { problems.addMessages(checkDns1123Label('fluxNamespace', props.fluxNamespace)); }
    // clients: each one a NetworkPeer (by its members), as the props shape checked
    problems.throwIfAny();

    const sc = props.securityContext ?? {};
    this.resource = new Alertmanager(this, 'Resource', {
      metadata: objectMeta(props.name ?? defaultName(this, id, ALERTMANAGER_NAME), this.namespace, props.labels),
      spec: {
        replicas: this.replicas,
        version: props.version,
        resources: props.resources
          ? toResourceRequirements(props.resources, AlertmanagerSpecResourcesLimits.fromString)
          : { requests: { cpu: AlertmanagerSpecResourcesRequests.fromString('20m'), memory: AlertmanagerSpecResourcesRequests.fromString('200Mi') } },
        retention: optDuration(props.retention, 'h'),
        externalUrl: props.externalUrl,
        securityContext: {
          runAsNonRoot: sc.runAsNonRoot ?? true,
          runAsUser: sc.runAsUser ?? 1000,
          fsGroup: sc.fsGroup ?? 2000,
        },
        affinity: Lazy.any({ produce: () => antiAffinityJson(ha, this.podSelector) }),
        topologySpreadConstraints: Lazy.any({ produce: () => zoneSpreadJson(ha, this.podSelector) }),
        storage: storageJson(ha, AlertmanagerSpecStorageVolumeClaimTemplateSpecResourcesRequests.fromString),
        alertmanagerConfigSelector: Lazy.any({ produce: () => ({ matchLabels: this.configSelectorLabels }) }),
        alertmanagerConfigNamespaceSelector: Lazy.any({ produce: () => this.configNamespaceSelector.toJson() }),
        alertmanagerConfigMatcherStrategy: {
          type: this.matcherStrategy as string as AlertmanagerSpecAlertmanagerConfigMatcherStrategyType,
        },
        alertmanagerConfiguration: {
          name: Lazy.any({ produce: () => this.baseConfig.name }),
          global: { resolveTimeout: formatDuration(this.resolveTimeout) },
        },
      },
    });

    attachToApp(this);
    this.baseConfig = new AlertmanagerConfig(this, 'Base', {
      metadata: { name: Lazy.any({ produce: () => `${this.name}-base` }), namespace: this.namespace },
      spec: baseConfigSpec(this, props),
    });

    if (ha.podDisruptionBudget) {
      this.disruptionBudget = new DisruptionBudget(this, 'DisruptionBudget', {
        name: `alertmanager-${this.name}`, namespace: this.namespace, selector: this.podSelector, maxUnavailable: ha.maxUnavailable,
      });
    }
    if (props.networkPolicy ?? true) {
      this.networkPolicy = new AlertmanagerNetworkPolicy(this, 'NetworkPolicy', {
        name: `alertmanager-${this.name}`, alertmanagerName: this.name, namespace: this.namespace, clients: props.clients,
      });
      if (props.allowFlux ?? true) {
        this.networkPolicy.allowClient(NetworkPeer.fluxNotificationController(props.fluxNamespace ?? FLUX_NAMESPACE));
      }
    }
  }

  /**
   * The labels the operator puts on this Alertmanager's pods that the PodDisruptionBudget,
   * anti-affinity, zone spread and NetworkPolicy select:
   * `app.kubernetes.io/name=alertmanager`, `alertmanager=<name>`.
   */
  public get podSelector(): { [key: string]: string } {
    return operatorPodSelector('Alertmanager', this.name);
  }

  /**
   * Allows `peer` to reach the web port (9093) through the NetworkPolicy. Does nothing when
   * the NetworkPolicy is off.
   */
  public allowClient(peer: NetworkPeer): void {
    checkArgs(this, { 'allowClient(peer)': [peer, known.networkPeer] });
    this.networkPolicy?.allowClient(peer);
  }

  /** The Alertmanager's name. */
  public get name(): string {
    return ApiObject.of(this).name;
  }

  /** The labels an AlertmanagerConfig needs for this Alertmanager to select it. */
  public get configSelectorLabels(): { [key: string]: string } {
    return { alertmanager: this.name };
  }

  /** The namespaces of the attached routing configs, as the Alertmanager selects them. */
  public get configNamespaceSelector(): NamespaceSelector {
    const namespaces = [...new Set(this.routings.map((r) => r.namespace))];
    if (namespaces.every((ns) => ns === this.namespace)) {
      return NamespaceSelector.own();
    }
    return NamespaceSelector.names(this.namespace, ...namespaces);
  }

  /** The base URL of the Alertmanager API inside the cluster, on the `alertmanager-operated` service. */
  public get apiUrl(): string {
    return `http://alertmanager-operated.${this.namespace}:${AlertmanagerCluster.API_PORT}`;
  }

  /** The endpoint clients post alerts to, e.g. Flux's alertmanager provider. */
  public get alertsUrl(): string {
    return `${this.apiUrl}/api/v2/alerts`;
  }

  /** The routing configs attached to this Alertmanager. */
  public get routingConfigs(): AlertmanagerRouting[] {
    return [...this.routings];
  }

  /**
   * Attaches a routing config: the Alertmanager selects it, by label and by namespace.
   */
  public addRouting(routing: AlertmanagerRouting): void {
    checkArgs(this, { 'addRouting(routing)': [routing, ROUTING] });
    if (routing.alertmanager && routing.alertmanager !== this) {
      const problems = new Problems(this);
      problems.add('addRouting(routing)', routing.node.path, `is already attached to ${routing.alertmanager.node.path}`, 'attach each AlertmanagerRouting to one AlertmanagerCluster; create another routing for the other cluster');
      problems.throwIfAny();
    }
    if (!this.routings.includes(routing)) {
      this.routings.push(routing);
    }
    routing.alertmanager = this;
    for (const [key, value] of Object.entries(this.configSelectorLabels)) {
      routing.resource.metadata.addLabel(key, value);
    }
  }
}

class ExistingAlertmanager extends Construct implements IAlertmanager {
  public readonly name: string;
  public readonly namespace: string;
  public readonly matcherStrategy: MatcherStrategy;
  public readonly configNamespaceSelector: NamespaceSelector;
  private readonly selectorLabels: { [key: string]: string };
  private readonly routings: AlertmanagerRouting[] = [];

  constructor(scope: Construct, id: string, props: ExistingAlertmanagerProps) {
    checkConstruct('AlertmanagerCluster.fromExisting', scope, id, props, EXISTING_PROPS, { inChart: false });
    super(scope, id);
    const problems = new Problems(this);
    checkObjectMeta(problems, props.name, props.namespace, props.configSelectorLabels);
    checkObjectMeta(problems, undefined, undefined, props.labels);
    if (props.configSecretName !== undefined) { problems.addMessages(checkDns1123Subdomain('configSecretName', props.configSecretName)); }
    const strategy = props.matcherStrategy ?? MatcherStrategy.ON_NAMESPACE;
    if (!Object.values(MatcherStrategy).includes(strategy)) {
      problems.add('matcherStrategy', props.matcherStrategy, 'is not a known strategy', `use MatcherStrategy.${Object.keys(MatcherStrategy).join(', MatcherStrategy.')}`);
    }
    problems.throwIfAny();
    this.name = props.name;
    this.namespace = props.namespace;
    this.matcherStrategy = strategy;
    this.configNamespaceSelector = props.configNamespaceSelector ?? NamespaceSelector.all();
    this.selectorLabels = { ...props.configSelectorLabels };

    // Facts for the checks: this Alertmanager exists in the cluster and selects configs like this.
    declareExternalObject(this, {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Alertmanager',
      metadata: { name: this.name, namespace: this.namespace, ...(props.labels && Object.keys(props.labels).length ? { labels: { ...props.labels } } : {}) },
      spec: {
        alertmanagerConfigSelector: Object.keys(this.selectorLabels).length ? { matchLabels: { ...this.selectorLabels } } : {},
        ...(this.configNamespaceSelector.mode === 'own' ? {} : { alertmanagerConfigNamespaceSelector: this.configNamespaceSelector.toJson() }),
        ...(props.matcherStrategy !== undefined ? { alertmanagerConfigMatcherStrategy: { type: props.matcherStrategy } } : {}),
        ...(props.configSecretName !== undefined ? { configSecret: props.configSecretName } : {}),
        ...(props.version !== undefined ? { version: props.version } : {}),
      },
    });
    if (props.baseConfig) {
      declareExternalObject(this, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: props.configSecretName ?? `alertmanager-${this.name}`, namespace: this.namespace },
        stringData: { [ALERTMANAGER_CONFIG_KEY]: props.baseConfig.yaml },
      });
    }
  }

  /** The construct of the declared Alertmanager object: this one. */
  public get resource(): IConstruct {
    return this;
  }

  public get configSelectorLabels(): { [key: string]: string } {
    return { ...this.selectorLabels };
  }

  public get apiUrl(): string {
    return `http://alertmanager-operated.${this.namespace}:${AlertmanagerCluster.API_PORT}`;
  }

  public get alertsUrl(): string {
    return `${this.apiUrl}/api/v2/alerts`;
  }

  public get routingConfigs(): AlertmanagerRouting[] {
    return [...this.routings];
  }

  public addRouting(routing: AlertmanagerRouting): void {
    checkArgs(this, { 'addRouting(routing)': [routing, ROUTING] });
    if (routing.alertmanager && routing.alertmanager !== this) {
      const problems = new Problems(this);
      problems.add('addRouting(routing)', routing.node.path, `is already attached to ${routing.alertmanager.node.path}`, 'attach each AlertmanagerRouting to one Alertmanager; create another routing for the other one');
      problems.throwIfAny();
    }
    if (!this.routings.includes(routing)) {
      this.routings.push(routing);
    }
    routing.alertmanager = this;
    for (const [key, value] of Object.entries(this.selectorLabels)) {
      routing.resource.metadata.addLabel(key, value);
    }
  }

  /** The existing Alertmanager's NetworkPolicies are not managed here: nothing to do. */
  public allowClient(peer: NetworkPeer): void {
    checkArgs(this, { 'allowClient(peer)': [peer, known.networkPeer] });
    // not managed by this library
  }
}

/**
 * The Alertmanager's default name (README "Default names"): kube-prometheus calls its
 * Alertmanager `main`. At most 39 characters: the operator's StatefulSet is
 * `alertmanager-<name>`, and its pods carry a label of the StatefulSet's name and a 10-character
 * revision hash, which must fit 63 characters.
 */
const ALERTMANAGER_NAME: DefaultNameRule = { drop: ['alertmanager', 'cluster'], fallback: 'main', maxLength: 39 };
