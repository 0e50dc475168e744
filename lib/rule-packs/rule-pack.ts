import { Duration } from 'cdk8s';
import { durationProblems, formatDuration } from '../_util/duration';
import { Problems, message } from '../_util/problems';
import { checkProps, Shape, shape as s } from '../_util/shape';
import { AlertingRuleProps, RuleGroup } from '../rules/rule-group';
import { checkLabelName } from '../validation';

/**
 * The severities the shipped rule packs use. Routes and the default inhibit rules match on them.
 */
export enum AlertSeverity {
  /** Someone must act now: alerts are being lost or will be. */
  CRITICAL = 'critical',
  /** Something degrades and needs attention during working hours. */
  WARNING = 'warning',
  /** Context for other alerts; muted by the InfoInhibitor unless a warning or critical alert fires in the same namespace. */
  INFO = 'info',
  /** Not meant for people: the Watchdog heartbeat and the InfoInhibitor. */
  NONE = 'none',
}

/**
 * Options every rule pack takes.
 */
export interface RulePackOptions {
  /**
   * The rule group's name, unique within its PrometheusRule.
   * @default - the pack's own name, e.g. `alertmanager.rules`
   */
  readonly groupName?: string;

  /**
   * How often the group is evaluated.
   * @default - the Prometheus' evaluation interval
   */
  readonly interval?: Duration;

  /**
   * Alerts of the pack to leave out, by name, e.g. `['InfoInhibitor']`.
   * @default - every alert of the pack
   */
  readonly exclude?: string[];

  /**
   * Severities that replace the pack's, by alert name, e.g. `{ AlertmanagerFailedReload: 'warning' }`.
   * @default - the pack's severities (see the README's rule pack tables)
   */
  readonly severities?: { [alert: string]: string };

  /**
   * Labels added to every alert of the pack, e.g. `{ team: 'platform' }`.
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Where your own runbooks live: each alert's `runbook_url` becomes
   * `<runbookBaseUrl>/<alert name in lower case>` (no `/` is added when the URL ends with `/` or `#`).
   * @default - the public runbooks the pack links to (prometheus-operator's runbooks, Flux's troubleshooting guide)
   */
  readonly runbookBaseUrl?: string;
}

const SEVERITY_LABEL = 'severity';

/**
 * The shapes of {@link RulePackOptions}' fields, for the props of each pack. Types only: the
 * values (known alert names, label names, URLs) are checked with the pack's other problems.
 * @internal
 */
export const RULE_PACK_OPTION_FIELDS = {
  groupName: s.optional(s.string({ fix: `leave it unset or name it, e.g. 'platform.rules'` })),
  interval: s.optional(s.duration()),
  exclude: s.optional(s.list(s.string({ fix: `name alerts of the pack, e.g. exclude: ['InfoInhibitor']` }))),
  severities: s.optional(s.map(s.string({ fix: `use AlertSeverity.CRITICAL, WARNING, INFO or NONE, or your own value such as 'page'` }))),
  labels: s.optional(s.map()),
  runbookBaseUrl: s.optional(s.string({ fix: `e.g. 'https://wiki.example.com/runbooks'` })),
};

const OPTIONS = s.struct('RulePackOptions', RULE_PACK_OPTION_FIELDS);

/**
 * Checks the shape of a pack's props before the pack reads them; errors are named like the
 * pack's other problems, `[<PackClass> "<group name>"]`.
 * @internal
 */
export function checkPackProps(kind: string, defaultGroupName: string, props: unknown, propsShape: Shape): void {
  const groupName = (props as { groupName?: unknown } | null | undefined)?.groupName;
  checkProps(packWhere(kind, typeof groupName === 'string' ? groupName : defaultGroupName), props, propsShape);
}

function packWhere(kind: string, groupName: string): string {
  return `${kind} ${JSON.stringify(groupName)}`;
}

/**
 * A named group of alerting rules shipped with the library, written for this library (the
 * upstream mixins served as references only). Every alert has a `severity` label and
 * `summary`, `description` and `runbook_url` annotations.
 *
 * A pack is plain data until it is turned into a {@link RuleGroup} ({@link RulePack.toRuleGroup}),
 * so one pack can feed many PrometheusRules (one per cluster of a fleet).
 */
export abstract class RulePack {
  /** The rule group's name. */
  public readonly groupName: string;
  /** How often the group is evaluated, if set. */
  public readonly interval?: Duration;
  private readonly definitions: AlertingRuleProps[];
  private readonly options: RulePackOptions;

  /**
   * @param defaultGroupName the group name unless `options.groupName` is given
   * @param definitions the pack's alerts, each with severity, summary, description and runbook_url
   * @param options what the user changes
   * @param extraProblems problems the subclass found in its own props, reported with the others
   */
  protected constructor(defaultGroupName: string, definitions: AlertingRuleProps[], options: RulePackOptions = {}, extraProblems: string[] = []) {
    checkPackProps(new.target.name, defaultGroupName, options, OPTIONS);
    this.options = options;
    this.groupName = this.options.groupName ?? defaultGroupName;
    this.interval = this.options.interval;
    this.definitions = definitions;
    // named like the library's other non-construct values: [RulePackClass "group"] field: ...
    const problems = new Problems(packWhere(new.target.name, this.groupName));
    problems.addMessages([...this.optionProblems(), ...extraProblems]);
    problems.throwIfAny();
  }

  /** The names of every alert the pack defines, including excluded ones. */
  public get alertNames(): string[] {
    return this.definitions.map((d) => d.alert);
  }

  /** The alerting rules, after exclusions, severity overrides, extra labels and runbook base URL. */
  public get rules(): AlertingRuleProps[] {
    const o = this.options;
    const excluded = new Set(o.exclude ?? []);
    return this.definitions.filter((d) => !excluded.has(d.alert)).map((d) => ({
      ...d,
      labels: {
        ...d.labels,
        ...o.labels,
        ...(o.severities?.[d.alert] !== undefined ? { [SEVERITY_LABEL]: o.severities[d.alert] } : {}),
      },
      annotations: {
        ...d.annotations,
        ...(o.runbookBaseUrl !== undefined ? { runbook_url: runbookUrl(o.runbookBaseUrl, d.alert) } : {}),
      },
    }));
  }

  /** A fresh rule group holding the pack's rules; each call returns a new group. */
  public toRuleGroup(): RuleGroup {
    return new RuleGroup(this.groupName, { interval: this.interval, alertingRules: this.rules });
  }

  private optionProblems(): string[] {
    const o = this.options;
    const problems: string[] = [];
    const names = this.alertNames;
    const known = `use one of ${names.join(', ')}`;
    if (typeof this.groupName !== 'string' || this.groupName.trim() === '') {
      problems.push(message('groupName', this.groupName, 'a rule group needs a name', `leave it unset or name it, e.g. 'platform.rules'`));
    }
    problems.push(...durationProblems('interval', o.interval, true));
    if (o.exclude !== undefined && !Array.isArray(o.exclude)) {
      problems.push(message('exclude', o.exclude, 'must be a list of alert names', `e.g. exclude: ['${names[0]}']`));
    } else {
      (o.exclude ?? []).forEach((a, i) => {
        if (!names.includes(a)) {
          problems.push(message(`exclude[${i}]`, a, 'is not an alert of this pack', known));
        }
      });
    }
    for (const [alert, severity] of Object.entries(o.severities ?? {})) {
      if (!names.includes(alert)) {
        problems.push(message(`severities.${alert}`, alert, 'is not an alert of this pack', known));
      }
      if (typeof severity !== 'string' || !/^\S+$/.test(severity)) {
        problems.push(message(`severities.${alert}`, severity, 'a severity is a non-empty label value without spaces', `use AlertSeverity.CRITICAL, WARNING, INFO or NONE, or your own value such as 'page'`));
      }
    }
    for (const key of Object.keys(o.labels ?? {})) {
      problems.push(...checkLabelName(`labels.${key}`, key));
      if (key === SEVERITY_LABEL) {
        problems.push(message(`labels.${key}`, key, 'would give every alert of the pack the same severity', 'set severities per alert with the severities option'));
      }
      if (key === 'alertname') {
        problems.push(message(`labels.${key}`, key, 'would rename every alert of the pack', 'leave alertname to the rules; exclude an alert and write your own instead'));
      }
    }
    if (o.runbookBaseUrl !== undefined && !(typeof o.runbookBaseUrl === 'string' && /^https?:\/\/[^\s/]+/.test(o.runbookBaseUrl))) {
      problems.push(message('runbookBaseUrl', o.runbookBaseUrl, 'must be an http(s) URL', `e.g. 'https://wiki.example.com/runbooks'`));
    }
    return problems;
  }
}

/** `<base>/<alert in lower case>`, without doubling a trailing `/` or `#`. */
function runbookUrl(base: string, alert: string): string {
  return /[/#]$/.test(base) ? `${base}${alert.toLowerCase()}` : `${base}/${alert.toLowerCase()}`;
}

/**
 * `10m`, `1h`: a duration as a description says it.
 * @internal
 */
export function spoken(d: Duration): string {
  return formatDuration(d);
}
