/**
 * The findings of every rule of every PrometheusRule in the model, computed once per run and
 * shared by the rule checks (`rule-invalid`, `rule-template`, `rule-label-value`,
 * `rule-unwise-name`, `rule-duplicate`).
 * @module
 */
import { ClusterModel } from '../../model/cluster-model';
import { ModelObject } from '../../model/model-object';
import { DuplicateRule, RuleFinding, RuleValue, duplicateRules, parseVersion, ruleFindings, versionAtLeast } from '../../validation';
import { CheckContext, Issue } from '../check';
import { Severity } from '../finding';
import { selectsLabels, selectsNamespace } from './selection';

/** One finding of one rule of a PrometheusRule. */
export interface LocatedRuleFinding {
  readonly object: ModelObject;
  /** `spec.groups[0].rules[3]`. */
  readonly path: string;
  /** The rule's alert or record name, for messages. */
  readonly name: string;
  readonly finding: RuleFinding;
}

/**
 * The version of the Prometheus that loads `rule`: the oldest `spec.version` among the
 * Prometheuses of the model that select it; undefined when one of them has none (the operator's
 * default) or none selects it.
 */
export function prometheusVersionFor(model: ClusterModel, rule: ModelObject): string | undefined {
  const loading = model.prometheuses.filter((p) => {
    const spec = p.manifest.spec ?? {};
    return selectsLabels(spec.ruleSelector, rule.labels) && selectsNamespace(model, spec.ruleNamespaceSelector, p.namespace!, rule.namespace!) !== false;
  });
  const versions = loading.map((p) => p.manifest.spec?.version as unknown);
  if (versions.length === 0 || versions.some((v) => typeof v !== 'string' || parseVersion(v) === undefined)) { return undefined; }
  return (versions as string[]).reduce((a, b) => (versionAtLeast(parseVersion(a)!, b) ? b : a));
}

function groupsOf(rule: ModelObject): unknown[] {
  const groups = rule.manifest.spec?.groups;
  return Array.isArray(groups) ? groups : [];
}

function ruleName(r: unknown): string {
  const v = r as { alert?: unknown; record?: unknown } | null;
  return typeof v?.alert === 'string' ? `alert ${JSON.stringify(v.alert)}` : typeof v?.record === 'string' ? `record ${JSON.stringify(v.record)}` : 'rule';
}

/** Every rule finding of the model, memoized per run. */
export function allRuleFindings(ctx: CheckContext): readonly LocatedRuleFinding[] {
  return ctx.memo('rule-findings', () => {
    const out: LocatedRuleFinding[] = [];
    for (const object of ctx.model.prometheusRules) {
      const prometheusVersion = prometheusVersionFor(ctx.model, object);
      groupsOf(object).forEach((g, gi) => {
        const rules = (g as { rules?: unknown } | null)?.rules;
        if (!Array.isArray(rules)) { return; }
        rules.forEach((r, ri) => {
          if (typeof r !== 'object' || r === null) { return; }
          for (const finding of ruleFindings(r as RuleValue, { prometheusVersion })) {
            out.push({ object, path: `spec.groups[${gi}].rules[${ri}]`, name: ruleName(r), finding });
          }
        });
      });
    }
    return out;
  });
}

/** The findings of one kind as issues, `<path> (<name>).<field>: <message> (got <value>)`. */
export function ruleIssues(ctx: CheckContext, kind: RuleFinding['kind']): Issue[] {
  return allRuleFindings(ctx).filter((f) => f.finding.kind === kind).map(({ object, path, name, finding }) => ({
    object,
    severity: finding.severity === 'error' ? Severity.ERROR : Severity.WARNING,
    message: `${path} (${name}).${finding.field}: ${finding.message} (got ${JSON.stringify(finding.value)})`,
    fix: finding.fix,
  }));
}

/** The duplicate rules of each PrometheusRule (one rule file each), as promtool lints them. */
export function duplicateRuleIssues(model: ClusterModel): Array<{ object: ModelObject; duplicate: DuplicateRule }> {
  return model.prometheusRules.flatMap((object) => duplicateRules(groupsOf(object) as never[]).map((duplicate) => ({ object, duplicate })));
}
