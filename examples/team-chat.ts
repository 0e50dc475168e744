/**
 * Example (d): a team's alerting on a cluster that runs kube-prometheus-stack, notifying chat.
 *
 * The payments team owns namespace `payments`. The platform installed kube-prometheus-stack as
 * release `prometheus` in `monitoring`; nothing is synthesized for it, its Alertmanager and
 * Prometheus are referenced (`KubePrometheusStack`). The team adds:
 * - PrometheusRules for its service, labelled `release: prometheus` so the chart's Prometheus
 *   loads them, with `team: payments` on every alert;
 * - an AlertmanagerConfig in its namespace: warnings to Slack with the library's standard
 *   template (commit links for Flux revisions), critical alerts to Microsoft Teams (Workflows)
 *   with a template of the team's own, and to Slack too (`continue`);
 * - a Grafana dashboard of its own, picked up by the chart's Grafana sidecar.
 *
 * The webhook URLs live in Secret `payments-chat`, created outside Git (SOPS, Sealed Secrets or
 * External Secrets); only its name is written.
 */
import { Chart, ChartProps, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AlertingApp, AlertmanagerCluster, AlertmanagerRouting, GrafanaDashboard, IAlertmanager, KubePrometheusStack, Matcher, MsTeamsApi, MsTeamsReceiver,
  NotificationTemplate, PanelType, Prometheus, PrometheusRules, Route, RuleGroup, SecretKey, SecretReference, SlackReceiver,
} from '../lib';

/** The team's namespace. */
export const TEAM_NAMESPACE = 'payments';

/**
 * The payments team's rules, routing to Slack and Teams, and dashboard, on kube-prometheus-stack.
 */
export class TeamChatChart extends Chart {
  /** kube-prometheus-stack's Alertmanager, referenced. */
  public readonly alertmanager: IAlertmanager;
  /** The team's routing config. */
  public readonly routing: AlertmanagerRouting;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: TEAM_NAMESPACE, ...props });

    // helm install prometheus prometheus-community/kube-prometheus-stack --namespace monitoring
    const kps = new KubePrometheusStack({ releaseName: 'prometheus', namespace: 'monitoring' });
    this.alertmanager = AlertmanagerCluster.fromExisting(this, 'Alertmanager', kps.alertmanagerProps());
    const prometheus = Prometheus.fromExisting(this, 'Prometheus', kps.prometheusProps());

    new PrometheusRules(this, 'Rules', {
      name: 'payments',
      prometheus,
      groups: [new RuleGroup('payments.rules', {
        alertingRules: [
          {
            alert: 'PaymentsHighErrorRate',
            expr: 'sum by (namespace, service) (rate(http_requests_total{namespace="payments", code=~"5.."}[5m]))'
              + ' / sum by (namespace, service) (rate(http_requests_total{namespace="payments"}[5m])) > 0.05',
            for: Duration.minutes(10),
            labels: { severity: 'critical', team: 'payments' },
            annotations: {
              summary: 'More than 5% of {{ $labels.service }} requests fail',
              description: '{{ $labels.service }} in {{ $labels.namespace }} answers {{ $value | humanizePercentage }} of its requests with a 5xx.',
              runbook_url: 'https://runbooks.example.com/payments/high-error-rate',
            },
          },
          {
            alert: 'PaymentsSlowRequests',
            expr: 'histogram_quantile(0.99, sum by (namespace, service, le) (rate(http_request_duration_seconds_bucket{namespace="payments"}[5m]))) > 1',
            for: Duration.minutes(15),
            labels: { severity: 'warning', team: 'payments' },
            annotations: { summary: '{{ $labels.service }}: 1% of requests take more than {{ $value | humanizeDuration }}' },
          },
        ],
      })],
    });

    const chat = SecretReference.fromName('payments-chat');
    const slack = new SlackReceiver({
      name: 'slack',
      apiUrl: SecretKey.fromSecret(chat, 'slack-url'),
      channel: '#payments-alerts',
      template: NotificationTemplate.standard({ commitUrl: 'https://github.com/acme/payments/commit/' }),
    });
    const teams = new MsTeamsReceiver({
      name: 'teams',
      webhookUrl: SecretKey.fromSecret(chat, 'teams-url'),
      api: MsTeamsApi.WORKFLOWS,
      template: NotificationTemplate.custom(
        '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} ({{ .Alerts | len }})',
        '{{ range .Alerts }}{{ .Annotations.summary }}\n{{ end }}',
      ),
    });

    this.routing = new AlertmanagerRouting(this, 'Routing', {
      name: 'payments',
      alertmanager: this.alertmanager,
      receiver: slack,
      matchers: [Matcher.eq('team', 'payments')],
      groupBy: ['alertname', 'service'],
      routes: [
        new Route({ receiver: teams, matchers: [Matcher.eq('severity', 'critical')], continue: true }),
        new Route({ receiver: slack, matchers: [Matcher.regex('severity', 'critical|warning')], repeatInterval: Duration.hours(12) }),
      ],
    });

    new GrafanaDashboard(this, 'Dashboard', {
      title: 'Payments',
      folder: 'Teams',
      tags: ['payments'],
      // kube-prometheus-stack's Grafana reads dashboards in every namespace only with
      // sidecar.dashboards.searchNamespace: ALL; the platform team set it.
      panels: [
        { title: 'Error ratio', unit: 'percentunit', queries: [{ expr: 'sum by (service) (rate(http_requests_total{namespace="payments", code=~"5.."}[5m])) / sum by (service) (rate(http_requests_total{namespace="payments"}[5m]))', legend: '{{service}}' }] },
        { title: 'p99 latency', unit: 's', queries: [{ expr: 'histogram_quantile(0.99, sum by (service, le) (rate(http_request_duration_seconds_bucket{namespace="payments"}[5m])))', legend: '{{service}}' }] },
        { title: 'Firing alerts', type: PanelType.STAT, width: 24, queries: [{ expr: 'count(ALERTS{alertstate="firing", team="payments"}) or vector(0)', instant: true }] },
      ],
    });
  }
}

// A cluster of its own (kube-prometheus-stack's Alertmanager selects every AlertmanagerConfig of
// the cluster, so this example does not share an app with the articles' stacks):
//   npm run build && npx cdk8s synth --app 'node dist/examples/team-chat.js' --output cdk8s.out/team-chat
if (require.main === module) {
  const app = new AlertingApp();
  new TeamChatChart(app, 'team-chat');
  app.synth();
}
