/**
 * The defaults kube-prometheus-stack users expect in the Alertmanager's base configuration:
 * the Watchdog route and the severity inhibit rules. The base configuration is the one place
 * for them: it is the root of the routing tree, and its inhibit rules get no namespace matcher
 * from the operator, so they apply to every namespace under every matcher strategy.
 * @internal
 * @module
 */
import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { AlertmanagerConfigProps } from '../../imports/monitoring-alertmanagerconfigs-monitoring.coreos.com';
import { durationProblems, formatDuration } from '../_util/duration';
import { message } from '../_util/problems';
import type { IReceiver } from '../receivers/receiver';
import { Matcher } from './matcher';

/** The props of AlertmanagerCluster these defaults read. */
export interface BaseDefaultsProps {
  readonly heartbeatReceiver?: IReceiver;
  readonly heartbeatInterval?: Duration;
  readonly watchdogRoute?: boolean;
  readonly defaultInhibitRules?: boolean;
}

/** The name of the receiver that drops what it receives, in the base configuration. */
export const NULL_RECEIVER = 'null';

/** The inhibit rules kube-prometheus-stack ships, as {source, target, equal}. */
export const DEFAULT_INHIBIT_RULES: ReadonlyArray<{ source: Matcher[]; target: Matcher[]; equal: string[] }> = [
  { source: [Matcher.eq('severity', 'critical')], target: [Matcher.regex('severity', 'warning|info')], equal: ['namespace', 'alertname'] },
  { source: [Matcher.eq('severity', 'warning')], target: [Matcher.eq('severity', 'info')], equal: ['namespace', 'alertname'] },
  { source: [Matcher.eq('alertname', 'InfoInhibitor')], target: [Matcher.eq('severity', 'info')], equal: ['namespace'] },
];

/** Problems of the default-related props. */
export function baseDefaultsProblems(props: BaseDefaultsProps): string[] {
  const problems: string[] = [];
  const hb = props.heartbeatReceiver;
  if (hb !== undefined) {
    if (typeof (hb as Partial<IReceiver>)?.bind !== 'function') {
      problems.push(message('heartbeatReceiver', hb, 'must be a receiver object', `e.g. heartbeatReceiver: new WebhookReceiver({ name: 'heartbeat', url: SecretKey.fromSecret(secret, 'url') })`));
    } else if (hb.name === NULL_RECEIVER) {
      problems.push(message('heartbeatReceiver.name', hb.name, `is the name of the base configuration's receiver that drops alerts`, `name the heartbeat receiver e.g. 'heartbeat'`));
    }
    if (props.watchdogRoute === false) {
      problems.push(message('watchdogRoute', false, 'turns off the Watchdog route, so heartbeatReceiver would never be notified', 'leave watchdogRoute unset, or drop heartbeatReceiver'));
    }
  }
  problems.push(...durationProblems('heartbeatInterval', props.heartbeatInterval, true));
  if (props.heartbeatInterval !== undefined && hb === undefined) {
    problems.push(message('heartbeatInterval', formatDuration(props.heartbeatInterval), 'only applies to heartbeatReceiver, which is not set', 'set heartbeatReceiver, or drop heartbeatInterval'));
  }
  return problems;
}

/** The base AlertmanagerConfig's spec: root route to `null`, the Watchdog route, the inhibit rules. */
export function baseConfigSpec(scope: IConstruct, props: BaseDefaultsProps): AlertmanagerConfigProps['spec'] {
  const hb = props.heartbeatReceiver;
  const interval = formatDuration(props.heartbeatInterval ?? Duration.minutes(5));
  const watchdog = Matcher.eq('alertname', 'Watchdog').toJson();
  const routes = (props.watchdogRoute ?? true)
    ? [hb
      ? { receiver: hb.name, matchers: [watchdog], groupWait: '0s', groupInterval: interval, repeatInterval: interval }
      : { receiver: NULL_RECEIVER, matchers: [watchdog] }]
    : undefined;
  return {
    route: { receiver: NULL_RECEIVER, ...(routes ? { routes } : {}) },
    receivers: [{ name: NULL_RECEIVER }, ...(hb ? [hb.bind(scope)] : [])],
    ...((props.defaultInhibitRules ?? true) ? {
      inhibitRules: DEFAULT_INHIBIT_RULES.map((r) => ({
        sourceMatch: r.source.map((m) => m.toJson()),
        targetMatch: r.target.map((m) => m.toJson()),
        equal: [...r.equal],
      })),
    } : {}),
  } as AlertmanagerConfigProps['spec'];
}
