import type { AlertmanagerCluster } from '../alertmanager/alertmanager-cluster';
import type { IPrometheus } from '../prometheus/prometheus';
import { checkArgs, known, shape as s } from '../_util/shape';
import { AlertmanagerRulePack, AlertmanagerRulePackProps } from './alertmanager-rule-pack';
import { FluxRulePack, FluxRulePackProps } from './flux-rule-pack';
import { PrometheusRulePack, PrometheusRulePackProps } from './prometheus-rule-pack';
import { RulePack } from './rule-pack';
import { WatchdogRulePack, WatchdogRulePackProps } from './watchdog-rule-pack';

/**
 * Which of the shipped packs {@link RulePacks.defaults} returns, and what they watch.
 */
export interface DefaultRulePacksOptions {
  /**
   * The Alertmanager the Alertmanager pack watches.
   * @default - the Alertmanager pack's default selector
   */
  readonly alertmanager?: AlertmanagerCluster;
  /**
   * The Prometheus the Prometheus pack watches.
   * @default - the Prometheus pack's default selector
   */
  readonly prometheus?: IPrometheus;
  /**
   * Whether to ship the Watchdog and InfoInhibitor ({@link WatchdogRulePack}).
   * @default true
   */
  readonly watchdog?: boolean;
  /**
   * Whether to ship Alertmanager self-monitoring ({@link AlertmanagerRulePack}).
   * @default true
   */
  readonly alertmanagerRules?: boolean;
  /**
   * Whether to ship Prometheus self-monitoring ({@link PrometheusRulePack}).
   * @default true
   */
  readonly prometheusRules?: boolean;
  /**
   * Whether to ship Flux reconciliation alerts ({@link FluxRulePack}).
   * @default true
   */
  readonly fluxRules?: boolean;
}

const DEFAULTS_OPTIONS = s.struct('DefaultRulePacksOptions', {
  alertmanager: s.optional(known.alertmanager),
  prometheus: s.optional(known.prometheus),
  watchdog: s.optional(s.boolean()),
  alertmanagerRules: s.optional(s.boolean()),
  prometheusRules: s.optional(s.boolean()),
  fluxRules: s.optional(s.boolean()),
});

/**
 * The rule packs shipped with the library.
 *
 * ```ts
 * new PrometheusRules(chart, 'Packs', {
 *   prometheus,
 *   groups: RulePacks.defaults({ alertmanager, prometheus }).map((p) => p.toRuleGroup()),
 * });
 * ```
 * or, equivalently, `new AlertingRulePacks(chart, 'Packs', { prometheus, alertmanager })`.
 */
export class RulePacks {
  /** The Watchdog heartbeat and the InfoInhibitor. */
  public static watchdog(props: WatchdogRulePackProps = {}): WatchdogRulePack {
    return new WatchdogRulePack(props);
  }

  /** Alertmanager self-monitoring. */
  public static alertmanager(props: AlertmanagerRulePackProps = {}): AlertmanagerRulePack {
    return new AlertmanagerRulePack(props);
  }

  /** Prometheus self-monitoring. */
  public static prometheus(props: PrometheusRulePackProps = {}): PrometheusRulePack {
    return new PrometheusRulePack(props);
  }

  /** Flux reconciliation. */
  public static flux(props: FluxRulePackProps = {}): FluxRulePack {
    return new FluxRulePack(props);
  }

  /** The shipped packs with their defaults, in this order: watchdog, Alertmanager, Prometheus, Flux. */
  public static defaults(options: DefaultRulePacksOptions = {}): RulePack[] {
    checkArgs('RulePacks.defaults', { options: [options, DEFAULTS_OPTIONS] });
    const o = options;
    return [
      ...(o.watchdog ?? true ? [RulePacks.watchdog()] : []),
      ...(o.alertmanagerRules ?? true ? [RulePacks.alertmanager({ alertmanager: o.alertmanager })] : []),
      ...(o.prometheusRules ?? true ? [RulePacks.prometheus({ prometheus: o.prometheus })] : []),
      ...(o.fluxRules ?? true ? [RulePacks.flux()] : []),
    ];
  }

  private constructor() {}
}
