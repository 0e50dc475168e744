import { parseVersion, versionAtLeast } from './go-template-functions';
import { TemplateFinding, prometheusTemplateFindings } from './go-template';
import { describePosition, showValue } from './problem';
import { checkPrometheusDuration, parsePrometheusDuration } from './prometheus-duration';
import { checkPromQL } from './promql';

/**
 * Prometheus rules as plain values (a rule of a PrometheusRule group, or of a rule file): what
 * Prometheus' rule loader (`rulefmt`) refuses, what `promtool check rules` lints, and what it
 * accepts but is unwise. Shared by the constructs (errors only, thrown at construction) and the
 * checks over the model (everything, for hand-written YAML too).
 *
 * @module
 */

/** What a rule finding is about; each kind is reported by its own check. */
export type RuleFindingKind =
  /** Prometheus refuses the rule file (promtool check rules fails): names, fields, PromQL. */
  | 'invalid'
  /** A label or annotation template: errors Prometheus refuses, warnings about template data. */
  | 'template'
  /** `$value` in an alert label. */
  | 'label-value'
  /** Accepted by Prometheus, but unwise: alert names with spaces, `__` label names, UTF-8 names. */
  | 'unwise-name';

/** One problem of a rule. */
export interface RuleFinding {
  readonly kind: RuleFindingKind;
  readonly severity: 'error' | 'warning';
  /** The field, relative to the rule, e.g. `annotations.summary`. */
  readonly field: string;
  /** What is wrong; no trailing period. */
  readonly message: string;
  /** The offending value (a name, a template, an expression). */
  readonly value: string;
  /** How to fix it; no trailing period. */
  readonly fix: string;
}

/** A rule as found in a PrometheusRule or a rule file (any value: hand-written YAML is not typed). */
export interface RuleValue {
  readonly alert?: unknown;
  readonly record?: unknown;
  readonly expr?: unknown;
  readonly for?: unknown;
  readonly keep_firing_for?: unknown;
  readonly keepFiringFor?: unknown;
  readonly labels?: unknown;
  readonly annotations?: unknown;
}

/** Options of {@link ruleFindings}. */
export interface RuleCheckOptions {
  /**
   * The version of the Prometheus that loads the rule, e.g. `v2.42.0`.
   * @default - unknown: what any supported release accepts is accepted, with a warning where releases differ
   */
  readonly prometheusVersion?: string;
}

const CLASSIC_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const CLASSIC_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Whether the Prometheus validates names as UTF-8 (3.0 and later) or classically; undefined when unknown. */
function utf8Names(version: string | undefined): boolean | undefined {
  const v = parseVersion(version);
  return v === undefined ? undefined : versionAtLeast(v, '3.0.0');
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nameFindings(field: string, name: string, what: 'label' | 'annotation', version: string | undefined): RuleFinding[] {
  const utf8 = utf8Names(version);
  if (name === '') {
    return [{ kind: 'invalid', severity: 'error', field, message: `invalid ${what} name: an empty name`, fix: 'give it a name such as "severity"', value: name }];
  }
  if (what === 'label' && name === '__name__') {
    return [{
      kind: 'invalid', severity: 'error', field: `${field}.__name__`, value: name,
      message: 'invalid label name "__name__": a rule cannot set the metric name as a label',
      fix: 'remove it; name a recording rule\'s series with record',
    }];
  }
  if (!CLASSIC_LABEL_NAME.test(name)) {
    const fixed = name.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^([0-9])/, '_$1');
    if (utf8 === false) {
      return [{
        kind: 'invalid', severity: 'error', field: `${field}.${name}`, value: name,
        message: `invalid ${what} name: Prometheus ${version} accepts only ^[a-zA-Z_][a-zA-Z0-9_]*$ (UTF-8 names need Prometheus 3)`,
        fix: `use "${fixed}"`,
      }];
    }
    return [{
      kind: 'unwise-name', severity: 'warning', field: `${field}.${name}`, value: name,
      message: `${what} name outside the classic character set ^[a-zA-Z_][a-zA-Z0-9_]*$: Prometheus 3 accepts it (UTF-8 names), Prometheus 2 refuses the whole rule file, and PromQL and Alertmanager matchers need it quoted`,
      fix: `use "${fixed}" unless every consumer is UTF-8 aware`,
    }];
  }
  if (what === 'label' && name.startsWith('__')) {
    return [{
      kind: 'unwise-name', severity: 'warning', field: `${field}.${name}`, value: name,
      message: 'label name starting with "__": Prometheus loads it, but the prefix is reserved for Prometheus\' internal labels (`__name__`, `__address__`...), which other tools and future releases may treat specially, e.g. drop after relabelling',
      fix: `rename it, e.g. to "${name.replace(/^_+/, '') || 'label'}"`,
    }];
  }
  return [];
}

function nonZeroDuration(d: unknown): boolean {
  if (d === undefined || d === null || d === '') { return false; }
  return typeof d !== 'string' || parsePrometheusDuration(d) !== 0;
}

function templateKind(f: TemplateFinding): RuleFindingKind {
  return f.message.startsWith('the alert\'s value is used in a label') ? 'label-value' : 'template';
}

/**
 * The findings of one rule, as Prometheus' rule loader sees it, plus warnings about what it
 * accepts but is unwise. Fields are relative to the rule.
 */
export function ruleFindings(rule: RuleValue, options: RuleCheckOptions = {}): RuleFinding[] {
  const out: RuleFinding[] = [];
  const err = (field: string, message: string, fix: string, value: unknown = (rule as Record<string, unknown>)[field]): void => {
    out.push({ kind: 'invalid', severity: 'error', field, message, fix, value: typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined' });
  };
  const version = options.prometheusVersion;
  const alert = rule.alert;
  const record = rule.record;
  const hasAlert = typeof alert === 'string' && alert !== '';
  const hasRecord = typeof record === 'string' && record !== '';
  if (alert !== undefined && alert !== null && typeof alert !== 'string') { err('alert', `must be a string (got ${JSON.stringify(alert)})`, 'name the alert, e.g. KubePodCrashLooping'); }
  if (record !== undefined && record !== null && typeof record !== 'string') { err('record', `must be a string (got ${JSON.stringify(record)})`, 'name the series, e.g. job:up:sum'); }
  if (hasAlert && hasRecord) {
    err('record', 'only one of \'record\' and \'alert\' must be set', 'split it into an alerting rule and a recording rule');
  } else if (!hasAlert && !hasRecord) {
    err('alert', 'one of \'record\' or \'alert\' must be set', 'add alert: <AlertName> for an alerting rule, or record: <level:metric:operations> for a recording rule');
  }
  if (typeof rule.expr !== 'string' && typeof rule.expr !== 'number') {
    err('expr', 'field \'expr\' must be set in rule', 'write a PromQL expression, e.g. up == 0');
  } else {
    for (const m of checkPromQL('expr', String(rule.expr))) { out.push({ kind: 'invalid', severity: 'error', ...splitMessage('expr', m, String(rule.expr)) }); }
  }
  if (hasRecord) {
    const name = record as string;
    if (/[{}]/.test(name)) {
      err('record', 'braces present in the recording rule name: should it be in expr?', 'put the selector in expr and name the series level:metric:operations');
    } else if (!CLASSIC_METRIC_NAME.test(name)) {
      if (utf8Names(version) === false) {
        err('record', `invalid recording rule name: Prometheus ${version} accepts only ^[a-zA-Z_:][a-zA-Z0-9_:]*$`, `use "${name.replace(/[^a-zA-Z0-9_:]/g, '_')}"`);
      } else {
        out.push({
          kind: 'unwise-name', severity: 'warning', field: 'record', value: name,
          message: `recording rule name outside the classic character set: Prometheus 3 accepts it, Prometheus 2 refuses the rule file, and PromQL needs it quoted ({"${name}"})`,
          fix: `use "${name.replace(/[^a-zA-Z0-9_:]/g, '_')}" (level:metric:operations)`,
        });
      }
    }
    if (rule.annotations !== undefined && rule.annotations !== null && (!isMap(rule.annotations) || Object.keys(rule.annotations).length > 0)) {
      err('annotations', 'invalid field \'annotations\' in recording rule', 'remove the annotations, or make it an alerting rule');
    }
    if (nonZeroDuration(rule.for)) {
      err('for', 'invalid field \'for\' in recording rule', 'remove for, or make it an alerting rule');
    }
    const kff = rule.keep_firing_for ?? rule.keepFiringFor;
    if (nonZeroDuration(kff)) {
      err('keep_firing_for', 'invalid field \'keep_firing_for\' in recording rule', 'remove keep_firing_for, or make it an alerting rule');
    }
  }
  if (hasAlert && /\s/.test(alert as string)) {
    out.push({
      kind: 'unwise-name', severity: 'warning', field: 'alert', value: alert as string,
      message: `alert name with white space: Prometheus accepts it, but it becomes the alertname label, which routes, silences, inhibitions and dashboards must then quote exactly`,
      fix: `use a CamelCase name such as "${(alert as string).split(/\s+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('')}"`,
    });
  }
  for (const key of ['for', 'keep_firing_for', 'keepFiringFor'] as const) {
    const d = rule[key];
    if (typeof d === 'string' && d !== '') {
      for (const m of checkPrometheusDuration(key, d)) { out.push({ kind: 'invalid', severity: 'error', ...splitMessage(key, m, d) }); }
    }
  }
  if (rule.labels !== undefined && rule.labels !== null) {
    if (!isMap(rule.labels)) {
      err('labels', 'labels must be a map of label names to values', 'write labels: { severity: warning }');
    } else {
      for (const [k, v] of Object.entries(rule.labels)) {
        out.push(...nameFindings('labels', k, 'label', version));
        if (typeof v !== 'string') { continue; }
        if (hasAlert) {
          for (const f of prometheusTemplateFindings(v, { version, label: true })) {
            out.push({ kind: templateKind(f), severity: f.severity, field: `labels.${k}`, message: templateMessage(v, f), fix: f.fix, value: v });
          }
        }
      }
    }
  }
  if (rule.annotations !== undefined && rule.annotations !== null && isMap(rule.annotations) && hasAlert) {
    for (const [k, v] of Object.entries(rule.annotations)) {
      out.push(...nameFindings('annotations', k, 'annotation', version));
      if (typeof v !== 'string') { continue; }
      for (const f of prometheusTemplateFindings(v, { version })) {
        out.push({ kind: templateKind(f), severity: f.severity, field: `annotations.${k}`, message: templateMessage(v, f), fix: f.fix, value: v });
      }
    }
  }
  return out;
}

function templateMessage(text: string, f: TemplateFinding): string {
  const body = f.message.startsWith('template error at') ? f.message : `${f.message} (at ${describePosition(text, f.offset)})`;
  return body;
}

/** Splits a `lib/validation` message (`field: what (got value). Fix: how`) into its parts. */
function splitMessage(field: string, m: string, value: string): { field: string; message: string; fix: string; value: string } {
  const fixAt = m.lastIndexOf('. Fix: ');
  let body = fixAt >= 0 ? m.slice(0, fixAt) : m;
  const fix = fixAt >= 0 ? m.slice(fixAt + 7) : 'fix the value';
  if (body.startsWith(`${field}: `)) { body = body.slice(field.length + 2); }
  const got = ` (got ${showValue(value)})`;
  if (body.endsWith(got)) { body = body.slice(0, -got.length); }
  return { field, message: body, fix: fix.replace(/\.$/, ''), value };
}

/** A rule group as found in a PrometheusRule or a rule file. */
export interface RuleGroupValue {
  readonly name?: unknown;
  readonly labels?: unknown;
  readonly rules?: unknown;
}

/** A rule that repeats an earlier one, by promtool's definition. */
export interface DuplicateRule {
  /** Where the duplicate is. */
  readonly group: number;
  readonly rule: number;
  /** Where the first rule with the same name and labels is. */
  readonly firstGroup: number;
  readonly firstRule: number;
  /** The alert or record name. */
  readonly name: string;
  /** The rule's labels (group labels merged under them). */
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The duplicate rules of one rule file (one PrometheusRule: the operator writes each one to its
 * own file), as `promtool check rules` lints them: two rules with the same alert or record name
 * and the same labels (with the group's labels under the rule's), whatever their expressions,
 * anywhere in the file. Each rule after the first of its kind is listed.
 */
export function duplicateRules(groups: readonly RuleGroupValue[]): DuplicateRule[] {
  const first = new Map<string, { group: number; rule: number }>();
  const out: DuplicateRule[] = [];
  groups.forEach((g, gi) => {
    if (!isMap(g) || !Array.isArray(g.rules)) { return; }
    const groupLabels = isMap(g.labels) ? g.labels : {};
    (g.rules as unknown[]).forEach((r, ri) => {
      if (!isMap(r)) { return; }
      const name = typeof r.alert === 'string' && r.alert !== '' ? r.alert : typeof r.record === 'string' ? r.record : '';
      const labels: Record<string, string> = {};
      for (const [k, v] of Object.entries({ ...groupLabels, ...(isMap(r.labels) ? r.labels : {}) })) { labels[k] = String(v); }
      const key = JSON.stringify([name, Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
      const seen = first.get(key);
      if (seen) {
        out.push({ group: gi, rule: ri, firstGroup: seen.group, firstRule: seen.rule, name, labels });
      } else {
        first.set(key, { group: gi, rule: ri });
      }
    });
  });
  return out;
}
