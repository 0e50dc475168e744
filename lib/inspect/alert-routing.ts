import { effectiveConfigOf, routeAlert } from '../app/inspect';
import { IAlertmanager } from '../alertmanager/alertmanager-cluster';
import { toYaml } from '../simulate/effective-config';
import { checkArgs, known, shape as s } from '../_util/shape';

/**
 * One receiver an alert reaches, as {@link AlertRouting.test} returns it.
 */
export interface RouteMatch {
  /** The receiver, named `<namespace>/<config>/<receiver>` as the operator names it. */
  readonly receiver: string;
  /** The aggregation group key, as in the webhook payload's `groupKey`. */
  readonly groupKey: string;
  /** The effective `group_by`; `['...']` when grouping by all labels. */
  readonly groupBy: string[];
  /** The alert's labels that form its group. */
  readonly groupLabels: { [key: string]: string };
  /** The effective `group_wait`, e.g. `30s`. */
  readonly groupWait: string;
  /** The effective `group_interval`, e.g. `5m`. */
  readonly groupInterval: string;
  /** The effective `repeat_interval`, e.g. `4h`. */
  readonly repeatInterval: string;
}

const LABELS = s.map(s.string(), { fix: `pass the alert's labels, e.g. { severity: 'critical', namespace: 'payments' }` });

/**
 * Routing questions about an Alertmanager of an app, answered from the configuration
 * prometheus-operator v0.93 generates for it, without synthesizing files: what
 * `amtool config routes test` and the operator's `alertmanager.yaml` would say. For tests in
 * any jsii language; TypeScript users also have `routeAlert` and `effectiveConfigOf` of
 * `cdk8s-alerting/tooling`, which return the full simulation.
 *
 * Secret values render as placeholders, `<secret:namespace/name/key>`, or
 * `https://secret.invalid/namespace/name/key` where Alertmanager needs a URL: nothing secret is read.
 *
 * @example
 * const routing = AlertRouting.of(stack.alertmanager);
 * expect(routing.receivers({ severity: 'critical', namespace: 'payments' }))
 *   .toEqual(['monitoring/main-routing/pagerduty']);
 */
export class AlertRouting {
  /**
   * The routing of `alertmanager`, as the objects of its app configure it when called (every
   * AlertmanagerConfig, Namespace and Secret in the app, whatever made them).
   */
  public static of(alertmanager: IAlertmanager): AlertRouting {
    checkArgs('AlertRouting.of', { alertmanager: [alertmanager, known.alertmanager] });
    return new AlertRouting(alertmanager);
  }

  private constructor(private readonly alertmanager: IAlertmanager) {}

  /** The receivers an alert with `labels` reaches, in order, as `amtool config routes test` prints them. */
  public receivers(labels: { [key: string]: string }): string[] {
    checkArgs('AlertRouting.receivers', { labels: [labels, LABELS] });
    return this.matches(labels).map((m) => m.receiver);
  }

  /** Every receiver an alert with `labels` reaches, with its grouping and timers. */
  public test(labels: { [key: string]: string }): RouteMatch[] {
    checkArgs('AlertRouting.test', { labels: [labels, LABELS] });
    return this.matches(labels);
  }

  /** The effective `alertmanager.yaml` the operator generates, with Secret values as placeholders. */
  public effectiveConfigYaml(): string {
    return toYaml(effectiveConfigOf(this.alertmanager).config);
  }

  private matches(labels: { [key: string]: string }): RouteMatch[] {
    return routeAlert(this.alertmanager, labels).map((m) => ({
      receiver: m.receiver,
      groupKey: m.groupKey,
      groupBy: [...m.groupBy],
      groupLabels: { ...m.groupLabels },
      groupWait: m.groupWait,
      groupInterval: m.groupInterval,
      repeatInterval: m.repeatInterval,
    }));
  }
}
