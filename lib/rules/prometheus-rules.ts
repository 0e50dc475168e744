import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { PrometheusRule } from '../../imports/monitoring-prometheusrules-monitoring.coreos.com';
import { checkObjectMeta, defaultName, DefaultNameRule, objectMeta } from '../_util/metadata';
import { Problems } from '../_util/problems';
import { checkArgs, checkConstruct, known, metaFields, shape as s } from '../_util/shape';
import { attachToApp, perSynth } from '../hook/app-hook';
import { IPrometheus } from '../prometheus/prometheus';
import { RULE_GROUP_NAME, RULE_GROUP_OPTIONS, RuleGroup, RuleGroupOptions } from './rule-group';

/**
 * Props of {@link PrometheusRules}.
 */
export interface PrometheusRulesProps {
  /**
   * The PrometheusRule's name.
   * @default - the construct id kebab-cased, ending in `-rules` (`App` → `app-rules`), else
   * `<prometheus>-rules`; for AlertingRulePacks `<id>-rule-packs`, else
   * `<prometheus>-rule-packs` (README "Default names")
   */
  readonly name?: string;
  /**
   * The namespace.
   * @default - the chart's namespace, else the Prometheus' namespace
   */
  readonly namespace?: string;
  /**
   * The Prometheus that evaluates these rules. Its rule selector labels are put on the
   * PrometheusRule, so it is selected.
   * @default - no Prometheus: give the selecting labels with `labels`
   */
  readonly prometheus?: IPrometheus;
  /**
   * Extra labels on the PrometheusRule.
   * @default - only the labels the Prometheus selects
   */
  readonly labels?: { [key: string]: string };
  /**
   * Rule groups.
   * @default - none; add them with addGroup()
   */
  readonly groups?: RuleGroup[];
}

/**
 * The shape of {@link PrometheusRulesProps}' fields, for the props of its subclasses.
 * @internal
 */
export const RULES_PROPS_FIELDS = {
  ...metaFields, prometheus: s.optional(known.prometheus), groups: s.optional(s.list(known.ruleGroup)),
};
const RULES_PROPS = s.struct('PrometheusRulesProps', RULES_PROPS_FIELDS);

/**
 * Alerting and recording rules in groups (`monitoring.coreos.com/v1` PrometheusRule).
 */
export class PrometheusRules extends Construct {
  /** The generated PrometheusRule. */
  public readonly resource: ApiObject;
  /** The namespace. */
  public readonly namespace: string;
  /** The Prometheus meant to evaluate these rules, if given. */
  public readonly prometheus?: IPrometheus;
  private readonly ruleGroups: RuleGroup[] = [];

  constructor(scope: Construct, id: string, props: PrometheusRulesProps = {}) {
    checkConstruct(new.target.name, scope, id, props, RULES_PROPS);
    super(scope, id);
    const problems = new Problems(this);
    this.namespace = props.namespace ?? Chart.of(this).namespace ?? props.prometheus?.namespace ?? 'monitoring';
    checkObjectMeta(problems, props.name, this.namespace, props.labels);
    this.prometheus = props.prometheus;
    for (const g of props.groups ?? []) {
      this.ruleGroups.push(g);
    }
    problems.addMessages(this.groupProblems());
    problems.throwIfAny();

    this.resource = new PrometheusRule(this, 'Resource', {
      // The Prometheus selects rules by the labels on the PrometheusRule's metadata, not on its groups.
      metadata: objectMeta(props.name ?? defaultName(this, id, rulesName(props.prometheus)), this.namespace, { ...props.labels, ...props.prometheus?.ruleSelectorLabels }),
      spec: Lazy.any({ produce: () => ({ groups: this.ruleGroups.map((g) => g._toJson()) }) }),
    });
    this.node.addValidation({ validate: () => perSynth(this, this, () => this.groupProblems()) });
    attachToApp(this);
  }

  /** The PrometheusRule's name. */
  public get name(): string {
    return this.resource.name;
  }

  /** The labels on the PrometheusRule, including those its Prometheus selects. */
  public get labels(): { [key: string]: string } {
    return { ...this.resource.metadata.toJson().labels };
  }

  /** The rule groups. */
  public get groups(): RuleGroup[] {
    return [...this.ruleGroups];
  }

  /** Adds a rule group and returns it, so rules can be added to it. */
  public addGroup(name: string, options: RuleGroupOptions = {}): RuleGroup {
    checkArgs(this, { 'addGroup(name)': [name, RULE_GROUP_NAME], 'addGroup(options)': [options, RULE_GROUP_OPTIONS] });
    const group = new RuleGroup(name, options);
    const problems = new Problems(this);
    problems.addMessages(group._problems(`groups[${this.ruleGroups.length}]`));
    if (this.ruleGroups.some((g) => g.name === name)) {
      problems.add(`groups[${this.ruleGroups.length}].name`, name, 'is already a group of this PrometheusRule, which the admission webhook rejects', 'choose another group name, or add the rules to the existing group');
    }
    problems.throwIfAny();
    this.ruleGroups.push(group);
    return group;
  }

  private groupProblems(): string[] {
    const problems = this.ruleGroups.flatMap((g, i) => g._problems(`groups[${i}]`));
    const names = this.ruleGroups.map((g) => g.name);
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) {
        problems.push(`groups[${i}].name: ${JSON.stringify(n)} is already a group of this PrometheusRule, which the admission webhook rejects (got a duplicate). Fix: choose another group name`);
      }
    });
    return problems;
  }
}

/**
 * The PrometheusRule's default name (README "Default names"): `<name>-rules`, as kube-prometheus
 * names its PrometheusRules (`alertmanager-main-rules`); an id that only says "rules" gives
 * `<prometheus>-rules`, the name AlertingStack gives its rules.
 */
function rulesName(prometheus: IPrometheus | undefined): DefaultNameRule {
  return { drop: ['prometheus', 'rules', 'rule'], suffix: 'rules', fallback: `${prometheus?.name ?? 'prometheus'}-rules` };
}
