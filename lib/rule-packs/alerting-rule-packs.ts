import { Construct } from 'constructs';
import { checkConstruct, known, shape as s } from '../_util/shape';
import type { AlertmanagerCluster } from '../alertmanager/alertmanager-cluster';
import { PrometheusRules, PrometheusRulesProps, RULES_PROPS_FIELDS } from '../rules/prometheus-rules';
import { defaultName, DefaultNameRule } from '../_util/metadata';
import type { IPrometheus } from '../prometheus/prometheus';
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

const PROPS = s.struct('AlertingRulePacksProps', {
  ...RULES_PROPS_FIELDS,
  alertmanager: s.optional(known.alertmanager),
  packs: s.optional(s.list(known.rulePack)),
  watchdog: s.optional(s.boolean()),
  alertmanagerRules: s.optional(s.boolean()),
  prometheusRules: s.optional(s.boolean()),
  fluxRules: s.optional(s.boolean()),
});

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
    checkConstruct('AlertingRulePacks', scope, id, props, PROPS);
    const packs = props.packs ?? RulePacks.defaults({
      alertmanager: props.alertmanager,
      prometheus: props.prometheus,
      watchdog: props.watchdog,
      alertmanagerRules: props.alertmanagerRules,
      prometheusRules: props.prometheusRules,
      fluxRules: props.fluxRules,
    });
    super(scope, id, {
      ...props,
      name: props.name ?? defaultName(scope, id, rulePacksName(props.prometheus)),
      groups: [...packs.map((x) => x.toRuleGroup()), ...(props.groups ?? [])],
    });
    this.packs = [...packs];
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
