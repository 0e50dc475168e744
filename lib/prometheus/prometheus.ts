import { Chart, Duration, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import {
  Prometheus as PrometheusResource, PrometheusSpecAlertingAlertmanagersApiVersion, PrometheusSpecAlertingAlertmanagersPort, PrometheusSpecResourcesLimits,
} from '../../imports/monitoring-prometheuses-monitoring.coreos.com';
import { durationProblems, optDuration } from '../_util/duration';
import { checkObjectMeta, objectMeta } from '../_util/metadata';
import { plainMap, Problems } from '../_util/problems';
import { toResourceRequirements } from '../_util/resources';
import { checkConstruct, known, metaFields, shape as s } from '../_util/shape';
import { AlertmanagerCluster } from '../alertmanager/alertmanager-cluster';
import { attachToApp, declareExternalObject } from '../hook/app-hook';
import { NamespaceSelector } from '../namespace-selector';

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
 * How an existing Prometheus selects rules, e.g. one from kube-prometheus-stack.
 */
export interface ExistingPrometheusProps {
  /** The Prometheus object's name. */
  readonly name: string;
  /** The Prometheus object's namespace. */
  readonly namespace: string;
  /**
   * The `matchLabels` of its `ruleSelector`. kube-prometheus-stack selects
   * `release: <helm release name>` unless `ruleSelectorNilUsesHelmValues` is false.
   */
  readonly ruleSelectorLabels: { [key: string]: string };
  /**
   * Its `ruleNamespaceSelector`.
   * @default NamespaceSelector.own() (the selector is unset)
   */
  readonly ruleNamespaceSelector?: NamespaceSelector;
}

/**
 * Props of {@link Prometheus}.
 */
export interface PrometheusProps {
  /**
   * The Prometheus object's name.
   * @default - a name generated from the construct path
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
  readonly alertmanager?: AlertmanagerCluster;
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
   * The service account, which needs RBAC to discover scrape targets.
   * @default - the namespace's default service account
   */
  readonly serviceAccountName?: string;
  /**
   * Resource requests and limits of the Prometheus container.
   * @default - none
   */
  readonly resources?: kplus.ContainerResources;
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
});
const EXISTING_PROPS = s.struct('ExistingPrometheusProps', {
  name: s.string({ nonEmpty: true, fix: `pass the existing Prometheus' name, e.g. 'kube-prometheus-stack-prometheus'` }),
  namespace: s.string({ nonEmpty: true, fix: `pass the existing Prometheus' namespace, e.g. 'monitoring'` }),
  ruleSelectorLabels: s.map(s.string(), { fix: `pass the matchLabels of its ruleSelector, e.g. { release: 'kube-prometheus-stack' }` }),
  ruleNamespaceSelector: s.optional(known.namespaceSelector),
});

/**
 * A Prometheus server (`monitoring.coreos.com/v1` Prometheus) that evaluates the rules it
 * selects and sends alerts to an {@link AlertmanagerCluster}.
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
  public readonly resource: PrometheusResource;
  public readonly namespace: string;
  public readonly ruleNamespaceSelector: NamespaceSelector;
  /** The Alertmanager cluster alerts go to, if any. */
  public readonly alertmanager?: AlertmanagerCluster;
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
    problems.throwIfAny();

    this.alertmanager = props.alertmanager;
    this.selectorLabels = props.ruleSelectorLabels && { ...props.ruleSelectorLabels };
    this.ruleNamespaceSelector = props.ruleNamespaceSelector ?? NamespaceSelector.own();
    this.resource = new PrometheusResource(this, 'Resource', {
      metadata: objectMeta(props.name, this.namespace),
      spec: {
        replicas,
        version: props.version,
        serviceAccountName: props.serviceAccountName,
        evaluationInterval: optDuration(props.evaluationInterval),
        externalLabels: plainMap(props.externalLabels),
        resources: toResourceRequirements(props.resources, PrometheusSpecResourcesLimits.fromString),
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
  }

  public get name(): string {
    return this.resource.name;
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
    problems.throwIfAny();
    this.name = props.name;
    this.namespace = props.namespace;
    this.ruleSelectorLabels = { ...props.ruleSelectorLabels };
    this.ruleNamespaceSelector = props.ruleNamespaceSelector ?? NamespaceSelector.own();
    // A fact for the checks: this Prometheus exists in the cluster and selects rules like this.
    declareExternalObject(this, {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Prometheus',
      metadata: { name: this.name, namespace: this.namespace },
      spec: { ruleSelector: { matchLabels: { ...this.ruleSelectorLabels } }, ruleNamespaceSelector: this.ruleNamespaceSelector.toJson() },
    });
  }
}
