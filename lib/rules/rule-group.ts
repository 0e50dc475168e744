import { Duration } from 'cdk8s';
import { PrometheusRuleSpecGroups, PrometheusRuleSpecGroupsRulesExpr } from '../../imports/monitoring-prometheusrules-monitoring.coreos.com';
import { durationProblems, optDuration } from '../_util/duration';
import { message, plainMap } from '../_util/problems';
import { checkArgs, shape as s } from '../_util/shape';
import { checkLabelName, checkMetricName, checkPromQL, checkTemplateDelimiters } from '../validation';

/**
 * An alerting rule.
 */
export interface AlertingRuleProps {
  /** The alert's name, e.g. `KustomizationNotReady`. */
  readonly alert: string;
  /** The PromQL expression; every series it returns is a firing alert. */
  readonly expr: string;
  /**
   * How long the expression must hold before the alert fires.
   * @default - fires at the first evaluation that returns a series
   */
  readonly for?: Duration;
  /**
   * How long the alert keeps firing after the expression stops returning it.
   * @default - resolves at once
   */
  readonly keepFiringFor?: Duration;
  /**
   * Labels added to the alert, e.g. `{ severity: 'critical' }`. Routes match on them.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations (Go templates), e.g. `summary`, `description`, `runbook_url`.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * A recording rule.
 */
export interface RecordingRuleProps {
  /** The name of the recorded series, e.g. `namespace:http_requests:rate5m`. */
  readonly record: string;
  /** The PromQL expression. */
  readonly expr: string;
  /**
   * Labels added to the recorded series.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/**
 * Options of a rule group.
 */
export interface RuleGroupOptions {
  /**
   * How often the group is evaluated.
   * @default - the Prometheus' evaluation interval
   */
  readonly interval?: Duration;
  /**
   * Alerting rules.
   * @default - none
   */
  readonly alertingRules?: AlertingRuleProps[];
  /**
   * Recording rules.
   * @default - none
   */
  readonly recordingRules?: RecordingRuleProps[];
}

const EXPR = s.string({ fix: `pass the PromQL expression as a string, e.g. expr: 'up == 0'` });
const RULE_LABELS = s.optional(s.map(s.string({ fix: `quote the value: labels and annotations are strings, e.g. { severity: 'critical' }` })));
const ALERTING_RULE = s.struct('AlertingRuleProps', {
  alert: s.string({ fix: `name the alert, e.g. alert: 'KustomizationNotReady'` }), expr: EXPR,
  for: s.optional(s.duration()), keepFiringFor: s.optional(s.duration()), labels: RULE_LABELS, annotations: RULE_LABELS,
});
const RECORDING_RULE = s.struct('RecordingRuleProps', {
  record: s.string({ fix: `name the recorded series, e.g. record: 'namespace:http_requests:rate5m'` }), expr: EXPR, labels: RULE_LABELS,
});
/** @internal */
export const RULE_GROUP_OPTIONS = s.struct('RuleGroupOptions', {
  interval: s.optional(s.duration()), alertingRules: s.optional(s.list(ALERTING_RULE)), recordingRules: s.optional(s.list(RECORDING_RULE)),
});
/** @internal */
export const RULE_GROUP_NAME = s.string({ fix: `name the group, e.g. 'flux.rules'` });

/**
 * A group of rules evaluated together. Rules can be added after construction.
 */
export class RuleGroup {
  private readonly alerting: AlertingRuleProps[] = [];
  private readonly recording: RecordingRuleProps[] = [];

  /**
   * @param name the group's name, unique within its PrometheusRule
   * @param options the interval and the first rules
   */
  constructor(public readonly name: string, public readonly options: RuleGroupOptions = {}) {
    checkArgs(where(name), { name: [name, RULE_GROUP_NAME], options: [options, RULE_GROUP_OPTIONS] });
    this.alerting.push(...(options.alertingRules ?? []));
    this.recording.push(...(options.recordingRules ?? []));
  }

  /** Adds an alerting rule. */
  public addAlertingRule(rule: AlertingRuleProps): void {
    checkArgs(`${where(this.name)}.addAlertingRule`, { rule: [rule, ALERTING_RULE] });
    this.alerting.push(rule);
  }

  /** Adds a recording rule. */
  public addRecordingRule(rule: RecordingRuleProps): void {
    checkArgs(`${where(this.name)}.addRecordingRule`, { rule: [rule, RECORDING_RULE] });
    this.recording.push(rule);
  }

  /** The alerting rules. */
  public get alertingRules(): AlertingRuleProps[] {
    return [...this.alerting];
  }

  /** The recording rules. */
  public get recordingRules(): RecordingRuleProps[] {
    return [...this.recording];
  }

  /** The number of rules. */
  public get size(): number {
    return this.alerting.length + this.recording.length;
  }

  /**
   * The problems of this group's values, each naming its field under `field`.
   * @internal
   */
  public _problems(field: string): string[] {
    const problems: string[] = [];
    if (typeof this.name !== 'string' || this.name.trim() === '') {
      problems.push(message(`${field}.name`, this.name, 'a rule group needs a name', `name it, e.g. 'flux.rules'`));
    }
    problems.push(...durationProblems(`${field}.interval`, this.options.interval, true));
    this.recording.forEach((r, i) => {
      const f = `${field}.recordingRules[${i}]`;
      problems.push(...checkMetricName(`${f}.record`, r.record));
      problems.push(...checkPromQL(`${f}.expr`, r.expr));
      problems.push(...labelProblems(`${f}.labels`, r.labels));
    });
    this.alerting.forEach((r, i) => {
      const f = `${field}.alertingRules[${i}]`;
      if (typeof r.alert !== 'string' || !/^\S+$/.test(r.alert)) {
        problems.push(message(`${f}.alert`, r.alert, 'an alert needs a name without spaces', `use a CamelCase name such as 'KustomizationNotReady'`));
      }
      problems.push(...checkPromQL(`${f}.expr`, r.expr));
      problems.push(...durationProblems(`${f}.for`, r.for));
      problems.push(...durationProblems(`${f}.keepFiringFor`, r.keepFiringFor));
      problems.push(...labelProblems(`${f}.labels`, r.labels));
      for (const [k, v] of Object.entries(r.labels ?? {})) {
        problems.push(...checkTemplateDelimiters(`${f}.labels.${k}`, v));
      }
      for (const [k, v] of Object.entries(r.annotations ?? {})) {
        problems.push(...checkLabelName(`${f}.annotations`, k));
        problems.push(...checkTemplateDelimiters(`${f}.annotations.${k}`, v));
      }
    });
    return problems;
  }

  /**
   * The PrometheusRule group object.
   * @internal
   */
  public _toJson(): PrometheusRuleSpecGroups {
    return {
      name: this.name,
      interval: optDuration(this.options.interval),
      rules: [
        ...this.recording.map((r) => ({
          record: r.record,
          expr: PrometheusRuleSpecGroupsRulesExpr.fromString(r.expr),
          labels: plainMap(r.labels),
        })),
        ...this.alerting.map((r) => ({
          alert: r.alert,
          expr: PrometheusRuleSpecGroupsRulesExpr.fromString(r.expr),
          for: optDuration(r.for),
          keepFiringFor: optDuration(r.keepFiringFor),
          labels: plainMap(r.labels),
          annotations: plainMap(r.annotations),
        })),
      ],
    };
  }
}

/** How messages name a rule group, which has no construct path. */
function where(name: unknown): string {
  return typeof name === 'string' ? `RuleGroup ${JSON.stringify(name)}` : 'RuleGroup';
}

function labelProblems(field: string, labels: { [key: string]: string } | undefined): string[] {
  return Object.keys(labels ?? {}).flatMap((k) => checkLabelName(field, k));
}
