import { Duration } from 'cdk8s';
import { Matcher } from '../alertmanager/matcher';
import { prometheusPodMatchers, selectorProblems, series } from '../_util/series-selector';
import type { IPrometheus } from '../prometheus/prometheus';
import { known, shape as s } from '../_util/shape';
import { AlertSeverity, checkPackProps, RULE_PACK_OPTION_FIELDS, RulePack, RulePackOptions } from './rule-pack';

const RUNBOOKS = 'https://runbooks.prometheus-operator.dev/runbooks';

/**
 * Props of {@link PrometheusRulePack}.
 */
export interface PrometheusRulePackProps extends RulePackOptions {
  /**
   * The Prometheus to watch: its series are selected by namespace and pod name
   * (`prometheus-<name>-<ordinal>`), whatever job name the scrape gives them.
   * @default - the series `selector` selects
   */
  readonly prometheus?: IPrometheus;

  /**
   * Label matchers that select the scraped Prometheus series, e.g.
   * `[Matcher.eq('job', 'prometheus-k8s')]`. Takes precedence over `prometheus`.
   * @default - from `prometheus`; without it every series of the `prometheus_*` metrics the
   * alerts read (only Prometheus servers export them)
   */
  readonly selector?: Matcher[];

  /**
   * Label matchers that select the prometheus-operator's series.
   * @default - every series of `prometheus_operator_managed_resources` (only the operator exports it)
   */
  readonly operatorSelector?: Matcher[];
}

const PROPS = s.struct('PrometheusRulePackProps', {
  ...RULE_PACK_OPTION_FIELDS,
  prometheus: s.optional(known.prometheus),
  selector: s.optional(s.list(known.matcher)),
  operatorSelector: s.optional(s.list(known.matcher)),
});

/**
 * Prometheus self-monitoring: can it load its rules, reach Alertmanager and evaluate rules,
 * and does the operator accept the resources (group `prometheus.rules`). Alerts:
 *
 * - `PrometheusBadConfig` (critical): the configuration (with the rule files) does not load.
 * - `PrometheusNotConnectedToAlertmanagers` (warning): Prometheus discovers no Alertmanager.
 * - `PrometheusErrorSendingAlertsToSomeAlertmanagers` (warning): more than 1% of the alerts
 *   sent to one Alertmanager fail.
 * - `PrometheusErrorSendingAlertsToAnyAlertmanager` (critical): more than 3% of the alerts fail
 *   even to the Alertmanager that works best.
 * - `PrometheusRuleFailures` (critical): rule evaluations fail, so those alerts never fire.
 * - `PrometheusOperatorRejectedResources` (critical): the operator rejected PrometheusRules,
 *   AlertmanagerConfigs or other resources: what they say is not in effect.
 */
export class PrometheusRulePack extends RulePack {
  /** The matchers that select the Prometheus series. */
  public readonly selector: Matcher[];

  constructor(props: PrometheusRulePackProps = {}) {
    checkPackProps('PrometheusRulePack', 'prometheus.rules', props, PROPS);
    const p = props;
    const problems = [...selectorProblems('selector', p.selector), ...selectorProblems('operatorSelector', p.operatorSelector)];
    const ok = problems.length === 0;
    const sel = !ok ? [] : p.selector ?? (p.prometheus ? prometheusPodMatchers(p.prometheus.name, p.prometheus.namespace) : []);
    super('prometheus.rules', prometheusRules(sel, ok ? p.operatorSelector ?? [] : []), p, problems);
    this.selector = [...sel];
  }
}

function prometheusRules(sel: Matcher[], operator: Matcher[]) {
  const s = (metric: string, ...extra: string[]) => series(metric, sel, ...extra);
  const instance = '{{ with $labels.namespace }}{{ . }}/{{ end }}{{ with $labels.pod }}{{ . }}{{ else }}{{ $labels.instance }}{{ end }}';
  const errorRatio = [
    `  rate(${s('prometheus_notifications_errors_total')}[5m])`,
    '/',
    `  rate(${s('prometheus_notifications_sent_total')}[5m])`,
  ];
  return [
    {
      alert: 'PrometheusBadConfig',
      expr: `${s('prometheus_config_last_reload_successful')} == 0`,
      for: Duration.minutes(10),
      labels: { severity: AlertSeverity.CRITICAL },
      annotations: {
        summary: 'A Prometheus cannot load its configuration or rule files.',
        description: `Prometheus ${instance} has failed to load its configuration for 10 minutes. It keeps the rules it loaded before, so new and changed rules are not evaluated.`,
        runbook_url: `${RUNBOOKS}/prometheus/prometheusbadconfig`,
      },
    },
    {
      alert: 'PrometheusNotConnectedToAlertmanagers',
      expr: `${s('prometheus_notifications_alertmanagers_discovered')} < 1`,
      for: Duration.minutes(10),
      labels: { severity: AlertSeverity.WARNING },
      annotations: {
        summary: 'A Prometheus discovers no Alertmanager, so its alerts go nowhere.',
        description: `Prometheus ${instance} has discovered no Alertmanager for 10 minutes. Check its alerting section, the Alertmanager service and Prometheus' RBAC for endpoints.`,
        runbook_url: `${RUNBOOKS}/prometheus/prometheusnotconnectedtoalertmanagers`,
      },
    },
    {
      alert: 'PrometheusErrorSendingAlertsToSomeAlertmanagers',
      expr: [...errorRatio, '> 0.01'].join('\n'),
      for: Duration.minutes(15),
      labels: { severity: AlertSeverity.WARNING },
      annotations: {
        summary: 'A Prometheus fails to send alerts to one Alertmanager.',
        description: `Prometheus ${instance} fails to send {{ $value | humanizePercentage }} of its alerts to Alertmanager {{ $labels.alertmanager }}.`,
        runbook_url: `${RUNBOOKS}/prometheus/prometheuserrorsendingalertstosomealertmanagers`,
      },
    },
    {
      alert: 'PrometheusErrorSendingAlertsToAnyAlertmanager',
      expr: ['min without (alertmanager) (', ...errorRatio.map((l) => `  ${l}`), ') > 0.03'].join('\n'),
      for: Duration.minutes(15),
      labels: { severity: AlertSeverity.CRITICAL },
      annotations: {
        summary: 'A Prometheus fails to send alerts to every Alertmanager: alerts are lost.',
        description: `Prometheus ${instance} fails to send at least {{ $value | humanizePercentage }} of its alerts to each of its Alertmanagers.`,
        runbook_url: `${RUNBOOKS}/prometheus/prometheuserrorsendingalertstoanyalertmanager`,
      },
    },
    {
      alert: 'PrometheusRuleFailures',
      expr: `rate(${s('prometheus_rule_evaluation_failures_total')}[5m]) > 0`,
      for: Duration.minutes(15),
      labels: { severity: AlertSeverity.CRITICAL },
      annotations: {
        summary: 'A Prometheus fails to evaluate rules, so their alerts cannot fire.',
        description: `Prometheus ${instance} has failed to evaluate rules of group {{ $labels.rule_group }} for 15 minutes. Its log names the rule and the error.`,
        runbook_url: `${RUNBOOKS}/prometheus/prometheusrulefailures`,
      },
    },
    {
      alert: 'PrometheusOperatorRejectedResources',
      expr: `${series('prometheus_operator_managed_resources', operator, 'state="rejected"')} > 0`,
      for: Duration.minutes(5),
      labels: { severity: AlertSeverity.CRITICAL },
      annotations: {
        summary: 'The Prometheus operator rejected resources: what they configure is not in effect.',
        description: 'The Prometheus operator in {{ $labels.namespace }} rejected {{ $value }} {{ $labels.resource }} for its {{ $labels.controller }} controller. The operator\'s events (kubectl get events --field-selector reason=InvalidConfiguration) and log say which and why.',
        runbook_url: `${RUNBOOKS}/prometheus-operator/prometheusoperatorrejectedresources`,
      },
    },
  ];
}
