import { Chart, ChartProps, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { AlertmanagerCluster, MatcherStrategy } from '../alertmanager/alertmanager-cluster';
import { AlertmanagerRouting } from '../alertmanager/alertmanager-routing';
import { Matcher } from '../alertmanager/matcher';
import { Route } from '../alertmanager/route';
import { FluxSourceKind } from '../flux/event-source';
import { AlertmanagerProvider } from '../flux/alertmanager-provider';
import { FluxErrorAlert } from '../flux/flux-error-alert';
import { NamespaceSelector } from '../namespace-selector';
import { IReceiver } from '../receivers/receiver';
import { IPrometheus, Prometheus } from '../prometheus/prometheus';
import { PrometheusRules } from '../rules/prometheus-rules';
import { RuleGroup } from '../rules/rule-group';
import { AlertingRulePacks } from '../rule-packs/alerting-rule-packs';
import { AlertingPipelineDashboard } from '../dashboards/alerting-pipeline-dashboard';
import { FluxDashboard } from '../dashboards/flux-dashboard';
import { checkConstruct, known, shape as s } from '../_util/shape';

const PROPS = s.struct('AlertingStackProps', {
  namespace: s.optional(s.string({ fix: `pass a namespace such as 'monitoring', or leave it out` })),
  labels: s.optional(s.map()),
  disableResourceNameHashes: s.optional(s.boolean()),
  receiver: known.receiver,
  alertmanagerName: s.optional(s.string({ fix: `pass a Kubernetes name such as 'main'` })),
  replicas: s.optional(s.number()),
  resolveTimeout: s.optional(s.duration()),
  groupBy: s.optional(s.list(s.string(), { fix: `pass label names, e.g. ['alertname', 'namespace']` })),
  routes: s.optional(s.list(known.route)),
  prometheus: s.optional(known.prometheus),
  externalLabels: s.optional(s.map()),
  ruleNamespaceSelector: s.optional(known.namespaceSelector),
  ruleGroups: s.optional(s.list(known.ruleGroup)),
  fluxAlerts: s.optional(s.boolean()),
  fluxNamespace: s.optional(s.string({ fix: `pass a namespace such as 'flux-system', or leave it out` })),
  fluxKinds: s.optional(s.list(s.oneOf(FluxSourceKind, 'FluxSourceKind', { strict: false }))),
  fluxReceiver: s.optional(known.receiver),
  rulePacks: s.optional(s.boolean()),
  heartbeatReceiver: s.optional(known.receiver),
  defaultInhibitRules: s.optional(s.boolean()),
  dashboards: s.optional(s.boolean()),
});

/**
 * Props of {@link AlertingStack}.
 *
 * `namespace` (from `ChartProps`) is the namespace of Alertmanager, Prometheus, the rules and
 * the routing; it defaults to `'monitoring'` here. (It is not re-declared: jsii forbids
 * re-declared members, because they make invalid C#.)
 */
export interface AlertingStackProps extends ChartProps {
  /** The receiver of every alert the routing does not send elsewhere. */
  readonly receiver: IReceiver;
  /**
   * The Alertmanager's name.
   * @default 'main'
   */
  readonly alertmanagerName?: string;
  /**
   * Alertmanager replicas.
   * @default 3
   */
  readonly replicas?: number;
  /**
   * When an alert without an end time (every Flux alert) resolves.
   * @default Duration.minutes(5)
   */
  readonly resolveTimeout?: Duration;
  /**
   * Labels that group alerts into one notification.
   * @default ['alertname', 'namespace']
   */
  readonly groupBy?: string[];
  /**
   * Nested routes, tried before the default receiver.
   * @default - none
   */
  readonly routes?: Route[];
  /**
   * The Prometheus that evaluates the rules: an existing one (`Prometheus.fromExisting`),
   * or undefined to create one.
   * @default - a Prometheus named after the Alertmanager, sending to it
   */
  readonly prometheus?: IPrometheus;
  /**
   * Labels the created Prometheus adds to every alert, e.g. `{ cluster: 'eu-1' }`.
   * Ignored when `prometheus` is given.
   * @default - none
   */
  readonly externalLabels?: { [key: string]: string };
  /**
   * The namespaces the created Prometheus reads rules from. Ignored when `prometheus` is given.
   * @default NamespaceSelector.own()
   */
  readonly ruleNamespaceSelector?: NamespaceSelector;
  /**
   * Rule groups.
   * @default - none
   */
  readonly ruleGroups?: RuleGroup[];
  /**
   * Whether Flux error events go to Alertmanager.
   * @default true
   */
  readonly fluxAlerts?: boolean;
  /**
   * The namespace of the Flux Provider and Alert, and of the Flux objects watched.
   * @default 'flux-system'
   */
  readonly fluxNamespace?: string;
  /**
   * The Flux kinds whose errors are forwarded.
   * @default - the FluxErrorAlert default kinds
   */
  readonly fluxKinds?: FluxSourceKind[];
  /**
   * The receiver of Flux alerts.
   * @default - `receiver`
   */
  readonly fluxReceiver?: IReceiver;
  /**
   * Whether to ship the default rule packs (Watchdog and InfoInhibitor, Alertmanager and
   * Prometheus self-monitoring, Flux reconciliation) in a PrometheusRule of their own. The
   * routing's top route then leaves `Watchdog` and `InfoInhibitor` to the Alertmanager's base
   * configuration (the heartbeat receiver, or `null`).
   * @default true
   */
  readonly rulePacks?: boolean;
  /**
   * Where the always-firing Watchdog alert goes: a dead man's switch.
   * @default - the `null` receiver
   */
  readonly heartbeatReceiver?: IReceiver;
  /**
   * Whether the Alertmanager's base configuration carries kube-prometheus-stack's inhibit
   * rules (see `AlertmanagerClusterProps.defaultInhibitRules`).
   * @default true
   */
  readonly defaultInhibitRules?: boolean;
  /**
   * Whether to ship the alerting pipeline and Flux Grafana dashboards (ConfigMaps labelled
   * `grafana_dashboard: "1"`, in the stack's namespace).
   * @default true
   */
  readonly dashboards?: boolean;
}

/**
 * The complete alerting pipeline in one chart: an HA Alertmanager, its routing, a Prometheus
 * with the rules it selects, and Flux error events posted to Alertmanager; with the defaults
 * kube-prometheus-stack users expect: the shipped rule packs, the Watchdog routed to a
 * heartbeat receiver (or `null`), severity inhibit rules, and Grafana dashboards.
 *
 * Every part is a public property, so it can be extended afterwards
 * (`stack.routing.addRoute(...)`, `stack.rules.addGroup(...)`).
 */
export class AlertingStack extends Chart {
  /** The Alertmanager cluster. */
  public readonly alertmanager: AlertmanagerCluster;
  /** The routing config, in the Alertmanager's namespace so it sees every namespace's alerts. */
  public readonly routing: AlertmanagerRouting;
  /** The Prometheus that evaluates the rules. */
  public readonly prometheus: IPrometheus;
  /** The rules. */
  public readonly rules: PrometheusRules;
  /** The route Flux alerts take, if Flux alerts are on. */
  public readonly fluxRoute?: Route;
  /** The Flux provider, if Flux alerts are on. */
  public readonly fluxProvider?: AlertmanagerProvider;
  /** The Flux error alert, if Flux alerts are on. */
  public readonly fluxAlert?: FluxErrorAlert;
  /** The shipped rule packs, unless switched off. */
  public readonly rulePacks?: AlertingRulePacks;
  /** The alerting pipeline dashboard, unless dashboards are switched off. */
  public readonly pipelineDashboard?: AlertingPipelineDashboard;
  /** The Flux dashboard, unless dashboards are switched off. */
  public readonly fluxDashboard?: FluxDashboard;

  constructor(scope: Construct, id: string, props: AlertingStackProps) {
    checkConstruct('AlertingStack', scope, id, props, PROPS, { inChart: false });
    const namespace = props.namespace ?? 'monitoring';
    super(scope, id, { ...props, namespace });
    const name = props.alertmanagerName ?? 'main';

    this.alertmanager = new AlertmanagerCluster(this, 'Alertmanager', {
      name,
      replicas: props.replicas,
      resolveTimeout: props.resolveTimeout,
      // Flux labels its alerts with the namespace of the failed object, so a routing config in
      // the Alertmanager's namespace must see every namespace.
      matcherStrategy: MatcherStrategy.ON_NAMESPACE_EXCEPT_FOR_ALERTMANAGER_NAMESPACE,
      heartbeatReceiver: props.heartbeatReceiver,
      defaultInhibitRules: props.defaultInhibitRules,
    });
    const packs = props.rulePacks ?? true;
    this.routing = new AlertmanagerRouting(this, 'Routing', {
      name: `${name}-routing`,
      alertmanager: this.alertmanager,
      receiver: props.receiver,
      // The base configuration routes the heartbeat alerts; this catch-all route must not deliver them too.
      matchers: packs ? [Matcher.notRegex('alertname', 'Watchdog|InfoInhibitor')] : undefined,
      groupBy: props.groupBy ?? ['alertname', 'namespace'],
      routes: props.routes,
    });
    this.prometheus = props.prometheus ?? new Prometheus(this, 'Prometheus', {
      name,
      alertmanager: this.alertmanager,
      externalLabels: props.externalLabels,
      ruleNamespaceSelector: props.ruleNamespaceSelector,
    });
    this.rules = new PrometheusRules(this, 'Rules', {
      name: `${name}-rules`,
      prometheus: this.prometheus,
      groups: props.ruleGroups,
    });
    if (packs) {
      this.rulePacks = new AlertingRulePacks(this, 'RulePacks', {
        name: `${name}-rule-packs`,
        prometheus: this.prometheus,
        alertmanager: this.alertmanager,
      });
    }
    if (props.dashboards ?? true) {
      this.pipelineDashboard = new AlertingPipelineDashboard(this, 'PipelineDashboard', {
        name: `${name}-alerting-pipeline-dashboard`,
        alertmanager: this.alertmanager,
        prometheus: this.prometheus,
      });
      this.fluxDashboard = new FluxDashboard(this, 'FluxDashboard', {
        name: `${name}-flux-dashboard`,
        fluxNamespace: props.fluxNamespace,
      });
    }

    if (props.fluxAlerts ?? true) {
      const fluxNamespace = props.fluxNamespace ?? 'flux-system';
      this.fluxRoute = this.routing.addRoute({
        receiver: props.fluxReceiver ?? props.receiver,
        matchers: [Matcher.regex('alertname', 'Flux.+'), Matcher.eq('severity', 'error')],
        groupBy: ['alertname', 'namespace', 'name'],
      });
      this.fluxProvider = new AlertmanagerProvider(this, 'FluxProvider', {
        name: 'alertmanager',
        namespace: fluxNamespace,
        alertmanager: this.alertmanager,
      });
      this.fluxAlert = new FluxErrorAlert(this, 'FluxErrors', {
        name: 'flux-errors',
        provider: this.fluxProvider,
        kinds: props.fluxKinds,
      });
    }
  }
}
