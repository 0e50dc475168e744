import { Construct } from 'constructs';
import { defaultName, DefaultNameRule } from '../_util/metadata';
import { message, Problems } from '../_util/problems';
import type { AlertmanagerCluster } from '../alertmanager/alertmanager-cluster';
import type { IPrometheus } from '../prometheus/prometheus';
import { PrometheusRules, PrometheusRulesProps } from '../rules/prometheus-rules';
import { RulePack } from './rule-pack';
import { RulePacks } from './rule-packs';

/**
 * Props of {@link AlertingRulePacks}.
 */
export interface AlertingRulePacksProps extends PrometheusRulesProps {
  /**
   * The Alertmanager the default Alertmanager pack watches.
   * @default - the Alertmanager pack's default selector (`job=~".*alertmanager.*"`)
   */
  readonly alertmanager?: AlertmanagerCluster;

  /**
   * The packs, replacing the defaults; build them with {@link RulePacks} to change their
   * selectors, severities or excluded alerts.
   * @default - RulePacks.defaults({ alertmanager, prometheus }) minus the packs switched off below
   */
  readonly packs?: RulePack[];

  /**
   * Whether the default packs include the Watchdog and InfoInhibitor. Ignored when `packs` is given.
   * @default true
   */
  readonly watchdog?: boolean;
  /**
   * Whether the default packs include Alertmanager self-monitoring. Ignored when `packs` is given.
   * @default true
   */
  readonly alertmanagerRules?: boolean;
  /**
   * Whether the default packs include Prometheus self-monitoring. Ignored when `packs` is given.
   * @default true
   */
  readonly prometheusRules?: boolean;
  /**
   * Whether the default packs include Flux reconciliation alerts. Ignored when `packs` is given.
   * @default true
   */
  readonly fluxRules?: boolean;
}

/**
 * A PrometheusRule holding the shipped rule packs (one rule group per pack): the Watchdog
 * heartbeat and InfoInhibitor, Alertmanager and Prometheus self-monitoring, and Flux
 * reconciliation. Every alert has a severity, a summary, a description and a runbook URL.
 *
 * It is a {@link PrometheusRules}: `prometheus` decides which labels make it selected, and
 * `addGroup()` adds groups of your own.
 */
export class AlertingRulePacks extends PrometheusRules {
  /** The packs, in group order. */
  public readonly packs: RulePack[];

  constructor(scope: Construct, id: string, props: AlertingRulePacksProps = {}) {
    const p = props ?? {};
    const packs = p.packs ?? RulePacks.defaults({
      alertmanager: p.alertmanager,
      prometheus: p.prometheus,
      watchdog: p.watchdog,
      alertmanagerRules: p.alertmanagerRules,
      prometheusRules: p.prometheusRules,
      fluxRules: p.fluxRules,
    });
    const badPack = Array.isArray(packs) ? packs.findIndex((x) => !(x instanceof RulePack)) : -1;
    super(scope, id, {
      ...p,
      name: p.name ?? defaultName(scope, id, rulePacksName(p.prometheus)),
      groups: [
        ...(Array.isArray(packs) && badPack < 0 ? packs.map((x) => x.toRuleGroup()) : []),
        ...(p.groups ?? []),
      ],
    });
    const problems = new Problems(this);
    if (!Array.isArray(packs)) {
      problems.add('packs', packs, 'must be a list of rule packs', 'e.g. packs: [RulePacks.watchdog(), RulePacks.alertmanager({ alertmanager })]');
    } else if (badPack >= 0) {
      problems.addMessages([message(`packs[${badPack}]`, packs[badPack], 'is not a rule pack', 'build packs with RulePacks.watchdog(), .alertmanager(), .prometheus() or .flux()')]);
    }
    problems.throwIfAny();
    this.packs = Array.isArray(packs) ? [...packs] : [];
  }
}

/**
 * The default name of the rule packs' PrometheusRule (README "Default names"): `<name>-rule-packs`;
 * an id that only says "rule packs" gives `<prometheus>-rule-packs`, the name AlertingStack
 * gives its packs.
 */
function rulePacksName(prometheus: IPrometheus | undefined): DefaultNameRule {
  return { drop: ['alerting', 'prometheus', 'rule', 'rules', 'pack', 'packs'], suffix: 'rule-packs', fallback: `${prometheus?.name ?? 'alerting'}-rule-packs` };
}
