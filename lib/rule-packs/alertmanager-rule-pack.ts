import { Duration } from 'cdk8s';
import { Matcher } from '../alertmanager/matcher';
import { message } from '../_util/problems';
import { alertmanagerPodMatchers, selectorProblems, series } from '../_util/series-selector';
import type { AlertmanagerCluster } from '../alertmanager/alertmanager-cluster';
import { known, shape as s } from '../_util/shape';
import { AlertSeverity, checkPackProps, RULE_PACK_OPTION_FIELDS, RulePack, RulePackOptions } from './rule-pack';

const RUNBOOKS = 'https://runbooks.prometheus-operator.dev/runbooks/alertmanager';

/**
 * Props of {@link AlertmanagerRulePack}.
 */
export interface AlertmanagerRulePackProps extends RulePackOptions {
  /**
   * The Alertmanager to watch: its series are selected by namespace and pod name
   * (`alertmanager-<name>-<ordinal>`), whatever job name the scrape gives them.
   * @default - the series `selector` selects
   */
  readonly alertmanager?: AlertmanagerCluster;

  /**
   * Label matchers that select the scraped Alertmanager series, e.g.
   * `[Matcher.eq('job', 'alertmanager-main'), Matcher.eq('namespace', 'monitoring')]`.
   * Takes precedence over `alertmanager`.
   * @default - from `alertmanager`; without it `job=~".*alertmanager.*"`, which matches the job
   * names of kube-prometheus (`alertmanager-main`), kube-prometheus-stack
   * (`<release>-alertmanager`) and the operator's `alertmanager-operated` service
   */
  readonly selector?: Matcher[];

  /**
   * The share of failed notifications to one integration above which an instance alerts.
   * @default 0.01
   */
  readonly failedNotificationRatio?: number;
}

const PROPS = s.struct('AlertmanagerRulePackProps', {
  ...RULE_PACK_OPTION_FIELDS,
  alertmanager: s.optional(known.alertmanager),
  selector: s.optional(s.list(known.matcher)),
  // types only: the range is checked with the pack's other problems
  failedNotificationRatio: s.optional(s.number({ fix: 'pass a number between 0 and 1, e.g. 0.01 for 1%' })),
});

/**
 * Alertmanager self-monitoring (group `alertmanager.rules`). Instances of one cluster share a
 * `namespace` and `job` label. Alerts:
 *
 * - `AlertmanagerFailedReload` (critical): the configuration does not load, so routing
 *   changes are not in effect.
 * - `AlertmanagerMembersInconsistent` (warning): an instance sees fewer cluster members than
 *   there are instances; notifications may be sent twice.
 * - `AlertmanagerFailedToSendAlerts` (warning): an instance fails to deliver to one
 *   integration (`webhook` for a Lambda, `slack`, `msteams`/`msteamsv2`...).
 * - `AlertmanagerClusterFailedToSendAlerts` (critical): every instance fails for an
 *   integration: its notifications are lost.
 * - `AlertmanagerConfigInconsistent` (critical): instances of a cluster run different configurations.
 * - `AlertmanagerClusterDown` (critical): half or more instances are down.
 * - `AlertmanagerClusterCrashlooping` (critical): half or more instances restart repeatedly.
 */
export class AlertmanagerRulePack extends RulePack {
  /** The matchers that select the Alertmanager series. */
  public readonly selector: Matcher[];

  constructor(props: AlertmanagerRulePackProps = {}) {
    checkPackProps('AlertmanagerRulePack', 'alertmanager.rules', props, PROPS);
    const p = props;
    const ratio = p.failedNotificationRatio ?? 0.01;
    const problems = selectorProblems('selector', p.selector);
    if (!(typeof ratio === 'number' && ratio > 0 && ratio < 1)) {
      problems.push(message('failedNotificationRatio', ratio, 'must be a number between 0 and 1', 'e.g. 0.01 for 1%'));
    }
    const sel = problems.length ? [] : p.selector ?? (p.alertmanager
      ? alertmanagerPodMatchers(p.alertmanager.name, p.alertmanager.namespace)
      : [Matcher.regex('job', '.*alertmanager.*')]);
    super('alertmanager.rules', alertmanagerRules(sel, ratio), p, problems);
    this.selector = [...sel];
  }
}

function alertmanagerRules(sel: Matcher[], ratio: number) {
  const s = (metric: string, ...extra: string[]) => series(metric, sel, ...extra);
  const failureRatio = [
    `  sum without (reason) (rate(${s('alertmanager_notifications_failed_total')}[5m]))`,
    '/',
    `  rate(${s('alertmanager_notifications_total')}[5m])`,
  ];
  const instance = '{{ with $labels.namespace }}{{ . }}/{{ end }}{{ with $labels.pod }}{{ . }}{{ else }}{{ $labels.instance }}{{ end }}';
  const receiver = '{{ with $labels.receiver_name }} (receiver {{ . }}){{ end }}';
  return [
    {
      alert: 'AlertmanagerFailedReload',
      expr: `${s('alertmanager_config_last_reload_successful')} == 0`,
      for: Duration.minutes(10),
      labels: { severity: AlertSeverity.CRITICAL },
      annotations: {
        summary: 'An Alertmanager cannot load its configuration.',
        description: `Alertmanager ${instance} has failed to load its configuration for 10 minutes. It keeps running the last configuration it loaded, so routing and receiver changes are not in effect.`,
        runbook_url: `${RUNBOOKS}/alertmanagerfailedreload`,
      },
    },
    {
      alert: 'AlertmanagerMembersInconsistent',
      expr: [
        s('alertmanager_cluster_members'),
        '  < on (namespace, job) group_left ()',
        `count by (namespace, job) (${s('alertmanager_cluster_members')})`,
      ].join('\n'),
      for: Duration.minutes(15),
      labels: { severity: AlertSeverity.WARNING },
      annotations: {
        summary: 'An Alertmanager does not see every member of its cluster.',
        description: `Alertmanager ${instance} sees {{ $value }} cluster members, fewer than the instances of {{ $labels.job }}. Instances that do not gossip send the same notifications twice.`,
        runbook_url: `${RUNBOOKS}/alertmanagermembersinconsistent`,
      },
    },
    {
      alert: 'AlertmanagerFailedToSendAlerts',
      expr: [...failureRatio, `> ${ratio}`].join('\n'),
      for: Duration.minutes(5),
      labels: { severity: AlertSeverity.WARNING },
      annotations: {
        summary: 'An Alertmanager fails to deliver notifications to an integration.',
        description: `Alertmanager ${instance} failed to deliver {{ $value | humanizePercentage }} of its notifications to {{ $labels.integration }}${receiver} in the last 5 minutes.`,
        runbook_url: `${RUNBOOKS}/alertmanagerfailedtosendalerts`,
      },
    },
    {
      alert: 'AlertmanagerClusterFailedToSendAlerts',
      expr: [
        'min by (namespace, job, integration, receiver_name) (',
        ...failureRatio.map((l) => `  ${l}`),
        `) > ${ratio}`,
      ].join('\n'),
      for: Duration.minutes(5),
      labels: { severity: AlertSeverity.CRITICAL },
      annotations: {
        summary: 'Every Alertmanager of a cluster fails to deliver to an integration: its notifications are lost.',
        description: 'Every instance of {{ $labels.namespace }}/{{ $labels.job }} fails to deliver to {{ $labels.integration }}{{ with $labels.receiver_name }} (receiver {{ . }}){{ end }}; the lowest failure rate is {{ $value | humanizePercentage }}. Check the receiver\'s URL Secret, the endpoint and the network path.',
        runbook_url: `${RUNBOOKS}/alertmanagerclusterfailedtosendalerts`,
      },
    },
    {
      alert: 'AlertmanagerConfigInconsistent',
      expr: [
        `max by (namespace, job) (${s('alertmanager_config_hash')})`,
        '  !=',
        `min by (namespace, job) (${s('alertmanager_config_hash')})`,
      ].join('\n'),
      for: Duration.minutes(20),
      labels: { severity: AlertSeverity.CRITICAL },
      annotations: {
        summary: 'The instances of an Alertmanager cluster run different configurations.',
        description: 'The instances of {{ $labels.namespace }}/{{ $labels.job }} have run different configurations for 20 minutes, so they may route the same alert differently.',
        runbook_url: `${RUNBOOKS}/alertmanagerconfiginconsistent`,
      },
    },
    {
      alert: 'AlertmanagerClusterDown',
      expr: [
        `count by (namespace, job) (${s('up')} == 0)`,
        '/',
        `count by (namespace, job) (${s('up')})`,
        '>= 0.5',
      ].join('\n'),
      for: Duration.minutes(5),
      labels: { severity: AlertSeverity.CRITICAL },
      annotations: {
        summary: 'Half or more of the instances of an Alertmanager cluster are down.',
        description: '{{ $value | humanizePercentage }} of the instances of {{ $labels.namespace }}/{{ $labels.job }} have been down for 5 minutes.',
        runbook_url: `${RUNBOOKS}/alertmanagerclusterdown`,
      },
    },
    {
      alert: 'AlertmanagerClusterCrashlooping',
      expr: [
        `count by (namespace, job) (changes(${s('process_start_time_seconds')}[10m]) > 3)`,
        '/',
        `count by (namespace, job) (${s('up')})`,
        '>= 0.5',
      ].join('\n'),
      for: Duration.minutes(5),
      labels: { severity: AlertSeverity.CRITICAL },
      annotations: {
        summary: 'Half or more of the instances of an Alertmanager cluster keep restarting.',
        description: '{{ $value | humanizePercentage }} of the instances of {{ $labels.namespace }}/{{ $labels.job }} restarted more than 3 times in 10 minutes.',
        runbook_url: `${RUNBOOKS}/alertmanagerclustercrashlooping`,
      },
    },
  ];
}
