import { shape as s } from '../_util/shape';
import { RulePack, RulePackOptions, AlertSeverity, RULE_PACK_OPTION_FIELDS, checkPackProps } from './rule-pack';

const RUNBOOKS = 'https://runbooks.prometheus-operator.dev/runbooks/general';

/**
 * Props of {@link WatchdogRulePack}.
 */
export interface WatchdogRulePackProps extends RulePackOptions {}

const PROPS = s.struct('WatchdogRulePackProps', RULE_PACK_OPTION_FIELDS);

/**
 * The heartbeat of the alerting pipeline (group `heartbeat.rules`):
 *
 * - `Watchdog` (severity `none`) always fires. Route it to a dead man's switch (Healthchecks.io,
 *   Opsgenie heartbeats, Dead Man's Snitch...), which pages when it stops arriving: then
 *   Prometheus, Alertmanager or the path between them is broken. `AlertmanagerCluster` routes
 *   it to its `heartbeatReceiver`, or to the `null` receiver.
 * - `InfoInhibitor` (severity `none`) fires for each namespace where an `info` alert fires
 *   (or is pending) while no `warning` or `critical` alert fires. The default inhibit rules of
 *   `AlertmanagerCluster` let it mute the `info` alerts of that namespace, so `info` alerts
 *   arrive only as context for a real problem.
 */
export class WatchdogRulePack extends RulePack {
  constructor(props: WatchdogRulePackProps = {}) {
    checkPackProps('WatchdogRulePack', 'heartbeat.rules', props, PROPS);
    super('heartbeat.rules', [
      {
        alert: 'Watchdog',
        expr: 'vector(1)',
        labels: { severity: AlertSeverity.NONE },
        annotations: {
          summary: 'Always firing: proves that alerts flow from Prometheus through Alertmanager.',
          description: 'This alert fires all the time. Route it to a dead man\'s switch that pages when the alert stops arriving: then Prometheus, Alertmanager or the path between them is broken.',
          runbook_url: `${RUNBOOKS}/watchdog`,
        },
      },
      {
        alert: 'InfoInhibitor',
        expr: [
          'count by (namespace) (ALERTS{severity="info"})',
          'unless on (namespace)',
          'count by (namespace) (ALERTS{alertstate="firing", severity=~"warning|critical"})',
        ].join('\n'),
        labels: { severity: AlertSeverity.NONE },
        annotations: {
          summary: 'Mutes info alerts in a namespace where nothing more severe fires.',
          description: '{{ $value }} info alerts fire or are pending in namespace {{ with $labels.namespace }}{{ . }}{{ else }}(none){{ end }} without a warning or critical alert there; the inhibit rules mute them until a more severe alert gives them context. Route this alert to the null receiver.',
          runbook_url: `${RUNBOOKS}/infoinhibitor`,
        },
      },
    ], props);
  }
}
