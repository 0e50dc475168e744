import { Duration } from 'cdk8s';
import { PrometheusRuleSpecGroups, PrometheusRuleSpecGroupsRulesExpr } from '../../imports/monitoring-prometheusrules-monitoring.coreos.com';
import { durationProblems, optDuration } from '../_util/duration';
import { message, plainMap } from '../_util/problems';
import { ruleFindings } from '../validation';
import { checkArgs, shape as s } from '../_util/shape';

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
 *
 * Rules are written in the order given: Prometheus evaluates a group's rules one after the other,
 * so a rule sees the results of the rules before it in the same evaluation. In TypeScript and
 * JavaScript, the rules of `alertingRules` and `recordingRules` are written in the order these two
 * keys appear in the options; then the rules added with `addAlertingRule()` and
 * `addRecordingRule()`, in call order (use these where the order must hold in every jsii language).
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
  /** Every rule, in the order written. */
  private readonly rules: Array<{ readonly alerting?: AlertingRuleProps; readonly recording?: RecordingRuleProps }> = [];

  /**
   * @param name the group's name, unique within its PrometheusRule
   * @param options the interval and the first rules
   */
  constructor(public readonly name: string, public readonly options: RuleGroupOptions = {}) {
    checkArgs(where(name), { name: [name, RULE_GROUP_NAME], options: [options, RULE_GROUP_OPTIONS] });
    // Keep the user's order: the keys in the order they were written, each array in its order.
    for (const key of Object.keys(options ?? {})) {
      if (key === 'alertingRules') {
        for (const r of options.alertingRules ?? []) { this.rules.push({ alerting: r }); }
      } else if (key === 'recordingRules') {
        for (const r of options.recordingRules ?? []) { this.rules.push({ recording: r }); }
      }
    }
  }

  /** Adds an alerting rule after the rules already in the group. */
  public addAlertingRule(rule: AlertingRuleProps): void {
    checkArgs(`${where(this.name)}.addAlertingRule`, { rule: [rule, ALERTING_RULE] });
    this.rules.push({ alerting: rule });
  }

  /** Adds a recording rule after the rules already in the group. */
  public addRecordingRule(rule: RecordingRuleProps): void {
    checkArgs(`${where(this.name)}.addRecordingRule`, { rule: [rule, RECORDING_RULE] });
    this.rules.push({ recording: rule });
  }

  /** The alerting rules, in order. */
  public get alertingRules(): AlertingRuleProps[] {
    return this.rules.flatMap((r) => (r.alerting ? [r.alerting] : []));
  }

  /** The recording rules, in order. */
  public get recordingRules(): RecordingRuleProps[] {
    return this.rules.flatMap((r) => (r.recording ? [r.recording] : []));
  }

  /** The number of rules. */
  public get size(): number {
    return this.rules.length;
  }

  /**
   * The problems of this group's values, each naming its field under `field`: what Prometheus
   * would refuse to load (`promtool check rules`). What it accepts but is unwise (alert names
   * with spaces, `__` label names, `$value` in a label...) is left to the checks, which warn.
   * @internal
   */
  public _problems(field: string): string[] {
    const problems: string[] = [];
    if (typeof this.name !== 'string' || this.name.trim() === '') {
      problems.push(message(`${field}.name`, this.name, 'a rule group needs a name', `name it, e.g. 'flux.rules'`));
    }
    problems.push(...durationProblems(`${field}.interval`, this.options.interval, true));
    let alerting = 0;
    let recording = 0;
    for (const entry of this.rules) {
      const f = entry.alerting ? `${field}.alertingRules[${alerting++}]` : `${field}.recordingRules[${recording++}]`;
      const r = entry.alerting ?? entry.recording!;
      if (entry.alerting) {
        problems.push(...durationProblems(`${f}.for`, entry.alerting.for));
        problems.push(...durationProblems(`${f}.keepFiringFor`, entry.alerting.keepFiringFor));
      }
      const value = entry.alerting
        ? { alert: entry.alerting.alert ?? '', expr: r.expr, labels: r.labels, annotations: entry.alerting.annotations }
        : { record: entry.recording!.record ?? '', expr: r.expr, labels: r.labels };
      for (const finding of ruleFindings(value)) {
        if (finding.severity !== 'error') { continue; }
        const name = finding.field === 'alert' && entry.recording ? 'record' : finding.field;
        problems.push(message(`${f}.${name}`, finding.value, finding.message, finding.fix));
      }
    }
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
      rules: this.rules.map(({ alerting, recording }) => (recording
        ? {
          record: recording.record,
          expr: PrometheusRuleSpecGroupsRulesExpr.fromString(recording.expr),
          labels: plainMap(recording.labels),
        }
        : {
          alert: alerting!.alert,
          expr: PrometheusRuleSpecGroupsRulesExpr.fromString(alerting!.expr),
          for: optDuration(alerting!.for),
          keepFiringFor: optDuration(alerting!.keepFiringFor),
          labels: plainMap(alerting!.labels),
          annotations: plainMap(alerting!.annotations),
        })),
    };
  }
}

/** How messages name a rule group, which has no construct path. */
function where(name: unknown): string {
  return typeof name === 'string' ? `RuleGroup ${JSON.stringify(name)}` : 'RuleGroup';
}
