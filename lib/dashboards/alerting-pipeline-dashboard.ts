import { Construct } from 'constructs';
import type { AlertmanagerCluster } from '../alertmanager/alertmanager-cluster';
import { Matcher } from '../alertmanager/matcher';
import { Problems } from '../_util/problems';
import { alertmanagerPodMatchers, prometheusPodMatchers, selectorProblems, series } from '../_util/series-selector';
import type { IPrometheus } from '../prometheus/prometheus';
import { checkConstruct, known, shape as s } from '../_util/shape';
import { DASHBOARD_OPTION_FIELDS, DashboardPanel, GrafanaDashboard, GrafanaDashboardOptions, PanelType } from './grafana-dashboard';

/**
 * Props of {@link AlertingPipelineDashboard}.
 */
export interface AlertingPipelineDashboardProps extends GrafanaDashboardOptions {
  /**
   * The dashboard title.
   * @default 'Alerting pipeline'
   */
  readonly title?: string;
  /**
   * The Alertmanager shown: its series are selected by namespace and pod name.
   * @default - the series `alertmanagerSelector` selects
   */
  readonly alertmanager?: AlertmanagerCluster;
  /**
   * Label matchers that select the Alertmanager series; take precedence over `alertmanager`.
   * @default - from `alertmanager`; without it `job=~".*alertmanager.*"`
   */
  readonly alertmanagerSelector?: Matcher[];
  /**
   * The Prometheus shown: its series are selected by namespace and pod name.
   * @default - the series `prometheusSelector` selects
   */
  readonly prometheus?: IPrometheus;
  /**
   * Label matchers that select the Prometheus series; take precedence over `prometheus`.
   * @default - from `prometheus`; without it every series of the `prometheus_*` metrics shown
   */
  readonly prometheusSelector?: Matcher[];
}

const PROPS = s.struct('AlertingPipelineDashboardProps', {
  ...DASHBOARD_OPTION_FIELDS,
  title: s.optional(s.string({ fix: `e.g. title: 'Alerting pipeline'` })),
  alertmanager: s.optional(known.alertmanager),
  alertmanagerSelector: s.optional(s.list(known.matcher)),
  prometheus: s.optional(known.prometheus),
  prometheusSelector: s.optional(s.list(known.matcher)),
});

/**
 * The alerting pipeline in one Grafana dashboard: firing alerts by severity, alerts received
 * by Alertmanager, notifications sent and failed per integration (a failing Lambda webhook,
 * Slack or Teams receiver shows here), notification latency, Alertmanager cluster health
 * (instances up, members, configuration reloads and consistency), and Prometheus' side
 * (Alertmanagers discovered, alerts sent, errors, dropped, rule evaluation failures).
 */
export class AlertingPipelineDashboard extends GrafanaDashboard {
  constructor(scope: Construct, id: string, props: AlertingPipelineDashboardProps = {}) {
    checkConstruct('AlertingPipelineDashboard', scope, id, props, PROPS);
    const p = props;
    const bad = [...selectorProblems('alertmanagerSelector', p.alertmanagerSelector), ...selectorProblems('prometheusSelector', p.prometheusSelector)];
    const am = bad.length ? [] : p.alertmanagerSelector
      ?? (p.alertmanager ? alertmanagerPodMatchers(p.alertmanager.name, p.alertmanager.namespace) : [Matcher.regex('job', '.*alertmanager.*')]);
    const prom = bad.length ? [] : p.prometheusSelector ?? (p.prometheus ? prometheusPodMatchers(p.prometheus.name, p.prometheus.namespace) : []);
    super(scope, id, { ...p, title: p.title ?? 'Alerting pipeline', panels: bad.length ? [] : pipelinePanels(am, prom) });
    const problems = new Problems(this);
    problems.addMessages(bad);
    problems.throwIfAny();
  }

  protected defaultTags(): string[] {
    return ['cdk8s-alerting', 'alertmanager', 'prometheus'];
  }
}

function pipelinePanels(am: Matcher[], prom: Matcher[]): DashboardPanel[] {
  const a = (metric: string) => series(metric, am);
  const p = (metric: string) => series(metric, prom);
  const stat = (title: string, expr: string, description: string): DashboardPanel => ({ title, type: PanelType.STAT, width: 6, height: 4, description, queries: [{ expr }] });
  return [
    stat('Alertmanager instances up', `sum(${a('up')})`, 'Scraped Alertmanager instances that answer.'),
    stat('Cluster members (lowest)', `min(${a('alertmanager_cluster_members')})`, 'The fewest cluster members any instance sees; below the number of instances, some do not gossip.'),
    stat('Configuration loaded', `min(${a('alertmanager_config_last_reload_successful')})`, '1 when every instance loaded its last configuration; 0 when one failed.'),
    stat('Configurations in use', `count(count_values("hash", ${a('alertmanager_config_hash')}))`, 'Distinct configurations the instances run; more than 1 means they disagree.'),
    {
      title: 'Firing alerts by severity',
      description: 'Alerts firing in Prometheus, by their severity label.',
      queries: [{ expr: 'sum by (severity) (ALERTS{alertstate="firing"})', legend: '{{severity}}' }],
    },
    {
      title: 'Alerts received by Alertmanager',
      description: 'Alerts posted to Alertmanager per second (by Prometheus and by Flux\'s alertmanager provider).',
      unit: 'ops',
      queries: [{ expr: `sum by (status) (rate(${a('alertmanager_alerts_received_total')}[5m]))`, legend: '{{status}}' }],
    },
    {
      title: 'Notifications sent by integration',
      description: 'Notification attempts per second, per integration (webhook, slack, msteams...).',
      unit: 'ops',
      queries: [{ expr: `sum by (integration) (rate(${a('alertmanager_notifications_total')}[5m]))`, legend: '{{integration}}' }],
    },
    {
      title: 'Notifications failed by integration',
      description: 'Failed notifications per second, per integration: a broken Lambda webhook, Slack or Teams receiver shows here.',
      unit: 'ops',
      queries: [{ expr: `sum by (integration) (rate(${a('alertmanager_notifications_failed_total')}[5m]))`, legend: '{{integration}}' }],
    },
    {
      title: 'Notification latency (p99) by integration',
      unit: 's',
      queries: [{ expr: `histogram_quantile(0.99, sum by (le, integration) (rate(${a('alertmanager_notification_latency_seconds_bucket')}[5m])))`, legend: '{{integration}}' }],
    },
    {
      title: 'Cluster members per instance',
      queries: [{ expr: a('alertmanager_cluster_members'), legend: '{{pod}}' }],
    },
    {
      title: 'Prometheus: alerts sent to Alertmanager',
      unit: 'ops',
      queries: [
        { expr: `sum by (alertmanager) (rate(${p('prometheus_notifications_sent_total')}[5m]))`, legend: 'sent to {{alertmanager}}' },
        { expr: `sum by (alertmanager) (rate(${p('prometheus_notifications_errors_total')}[5m]))`, legend: 'errors to {{alertmanager}}' },
        { expr: `sum(rate(${p('prometheus_notifications_dropped_total')}[5m]))`, legend: 'dropped' },
      ],
    },
    {
      title: 'Prometheus: Alertmanagers discovered',
      queries: [{ expr: p('prometheus_notifications_alertmanagers_discovered'), legend: '{{namespace}}/{{pod}}' }],
    },
    {
      title: 'Prometheus: rule evaluation failures',
      width: 24,
      unit: 'ops',
      queries: [{ expr: `sum by (rule_group) (rate(${p('prometheus_rule_evaluation_failures_total')}[5m]))`, legend: '{{rule_group}}' }],
    },
  ];
}
