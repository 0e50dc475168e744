/**
 * The first article's stack ("Kubernetes distributed alert management with Prometheus
 * Operator and Flux Notification Controller"), as today's controllers accept it.
 *
 * What changed from the article, and why:
 * - Flux `Provider` and `Alert` use `notification.toolkit.fluxcd.io/v1beta3`; the article's
 *   v1beta2 is no longer served (removed in notification-controller 1.9.0).
 * - The Lambda webhook URL is read from a Secret key. The article put the URL where the
 *   Secret *key* goes (`urlSecret: { key: 'http://my-lambda-webhook/' }`), which points at a
 *   key that does not exist, so the operator skips the whole AlertmanagerConfig.
 * - The article's route matches `namespace="my-cluster-namespace"` while the config lives in
 *   another namespace. Under the operator's default `OnNamespace` strategy it appends
 *   `namespace="<config namespace>"` as well, so the route could never match. The config
 *   lives in the Alertmanager's namespace and the Alertmanager uses
 *   `OnNamespaceExceptForAlertmanagerNamespace`, so the article's namespace matcher works.
 * - The article's severity matcher `warning|critical|error` is kept: Flux's alertmanager
 *   provider sends `severity="error"`, which it matches.
 * - The article does not show the Prometheus that selects the rule; it is added here with
 *   the article's selector labels (`prometheus: example`, `role: alert-rules`).
 * - The article's `ExampleAlert` has no labels, so its route (which matches `namespace` and
 *   `severity`) never matched it. It gets `severity: warning` and
 *   `namespace: my-cluster-namespace` here, so the dead man's switch reaches the Lambda.
 * - Flux labels its alerts with the namespace of the failed object (`prometheus-alerts` for
 *   the article's sources), which the article's route excludes. A second routing config
 *   sends Flux alerts (`alertname=~"Flux.+"`) to the same Lambda.

 * - What the article leaves out and a real cluster needs (the constructs' defaults): the
 *   Prometheus gets a ServiceAccount and a Role/RoleBinding to discover the Alertmanager
 *   endpoints; Alertmanager (3 replicas) and Prometheus (2) get a PodDisruptionBudget
 *   (maxUnavailable 1), a preferred anti-affinity on hostname, a zone spread and resource
 *   requests; a NetworkPolicy admits only the Prometheus pods and Flux's notification-controller
 *   (flux-system) to Alertmanager's port 9093 and only the peers to the mesh port 9094.
 */
import { Chart, ChartProps, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  AlertingPipelineDashboard, AlertingRulePacks, FluxDashboard,
} from '../lib';
import {
  AlertmanagerCluster, AlertmanagerProvider, AlertmanagerRouting, FluxErrorAlert, LambdaWebhookReceiver,
  Matcher, MatcherStrategy, Prometheus, PrometheusRules, RuleGroup, SecretKey,
} from '../lib';

/** The namespace of the monitoring stack in the article. */
export const MONITORING_NAMESPACE = 'prometheus';

/**
 * The first article's distributed alerting stack, with the defaults kube-prometheus-stack
 * users expect: the shipped rule packs (Watchdog and InfoInhibitor, Alertmanager and
 * Prometheus self-monitoring, Flux reconciliation), the severity inhibit rules and the
 * Watchdog route in the Alertmanager's base configuration (to `null`: the article names no
 * dead man's switch; give `heartbeatReceiver` one), and Grafana dashboards for the alerting
 * pipeline and Flux.
 */
export class FirstArticleChart extends Chart {
  public readonly alertmanager: AlertmanagerCluster;
  public readonly routing: AlertmanagerRouting;
  public readonly fluxRouting: AlertmanagerRouting;
  public readonly prometheus: Prometheus;
  public readonly rules: PrometheusRules;
  public readonly fluxProvider: AlertmanagerProvider;
  public readonly fluxAlert: FluxErrorAlert;
  public readonly rulePacks: AlertingRulePacks;
  public readonly packRouting: AlertmanagerRouting;
  public readonly pipelineDashboard: AlertingPipelineDashboard;
  public readonly fluxDashboard: FluxDashboard;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: MONITORING_NAMESPACE, ...props });

    this.alertmanager = new AlertmanagerCluster(this, 'Alertmanager', {
      name: 'example',
      replicas: 3,
      matcherStrategy: MatcherStrategy.ON_NAMESPACE_EXCEPT_FOR_ALERTMANAGER_NAMESPACE,
      // Flux alerts carry no end time: they resolve this long after the last event.
      resolveTimeout: Duration.minutes(5),
    });

    // The Secret `alertmanager` (key `url`) is created outside Git, e.g. by SOPS or External Secrets.
    const lambdaSecret = kplus.Secret.fromSecretName(this, 'LambdaSecret', 'alertmanager');
    const lambda = new LambdaWebhookReceiver({ url: SecretKey.fromSecret(lambdaSecret, 'url') });
    this.routing = new AlertmanagerRouting(this, 'Routing', {
      name: 'example-alertmanagerconfig',
      alertmanager: this.alertmanager,
      receiver: lambda,
      groupBy: ['alertname'],
      groupWait: Duration.seconds(30),
      groupInterval: Duration.minutes(5),
      repeatInterval: Duration.hours(12),
      matchers: [
        Matcher.eq('namespace', 'my-cluster-namespace'),
        Matcher.regex('severity', 'warning|critical|error'),
      ],
    });

    this.fluxRouting = new AlertmanagerRouting(this, 'FluxRouting', {
      name: 'flux-alertmanagerconfig',
      alertmanager: this.alertmanager,
      receiver: lambda,
      groupBy: ['alertname', 'namespace', 'name'],
      groupWait: Duration.seconds(30),
      groupInterval: Duration.minutes(5),
      repeatInterval: Duration.hours(12),
      matchers: [Matcher.regex('alertname', 'Flux.+'), Matcher.eq('severity', 'error')],
    });

    this.prometheus = new Prometheus(this, 'Prometheus', {
      name: 'example',
      alertmanager: this.alertmanager,
      ruleSelectorLabels: { prometheus: 'example', role: 'alert-rules' },
    });

    this.rules = new PrometheusRules(this, 'Rules', {
      name: 'prometheus-alerts',
      prometheus: this.prometheus,
      groups: [
        new RuleGroup('./example.rules', {
          alertingRules: [{
            alert: 'ExampleAlert',
            expr: 'vector(1)',
            labels: { severity: 'warning', namespace: 'my-cluster-namespace' },
            annotations: { summary: 'Always firing: proves the pipeline from Prometheus to the Lambda works.' },
          }],
        }),
      ],
    });

    this.fluxProvider = new AlertmanagerProvider(this, 'FluxProvider', {
      name: 'alertmanager',
      namespace: 'prometheus-alerts',
      alertmanager: this.alertmanager,
    });
    this.fluxAlert = new FluxErrorAlert(this, 'FluxErrors', {
      name: 'errors',
      provider: this.fluxProvider,
      // The default kinds are the article's: HelmRelease, ImagePolicy, Kustomization,
      // ImageRepository, GitRepository, HelmChart, HelmRepository and OCIRepository.
    });

    // The shipped rule packs, selected by the same Prometheus; their selectors follow the
    // Alertmanager and Prometheus pods, whatever job name the scrape gives them.
    this.rulePacks = new AlertingRulePacks(this, 'RulePacks', {
      name: 'alerting-rule-packs',
      prometheus: this.prometheus,
      alertmanager: this.alertmanager,
    });
    // Their alerts carry the namespace of the Alertmanager, the Prometheus or the Flux object,
    // which the article's route does not admit: a third routing config sends them to the same
    // Lambda (Flux's own events keep their route: severity error).
    this.packRouting = new AlertmanagerRouting(this, 'PackRouting', {
      name: 'rule-packs-alertmanagerconfig',
      alertmanager: this.alertmanager,
      receiver: lambda,
      groupBy: ['alertname', 'namespace'],
      matchers: [
        Matcher.regex('alertname', '(Alertmanager|Prometheus|Flux).+'),
        Matcher.regex('severity', 'warning|critical'),
        Matcher.neq('namespace', 'my-cluster-namespace'),
      ],
    });
    // Dashboards for the kube-prometheus-stack Grafana sidecar (label grafana_dashboard: "1").
    this.pipelineDashboard = new AlertingPipelineDashboard(this, 'PipelineDashboard', {
      name: 'alerting-pipeline-dashboard',
      alertmanager: this.alertmanager,
      prometheus: this.prometheus,
    });
    this.fluxDashboard = new FluxDashboard(this, 'FluxDashboard', { name: 'flux-dashboard' });
  }
}
