import {
  ALERTMANAGER_TEMPLATE_FUNCTIONS, ELSE_WITH_SINCE, PROMETHEUS_TEMPLATE_FUNCTIONS, parseVersion, versionAtLeast,
} from './go-template-functions';
import { GO_BUILTIN_FUNCTIONS, GoTemplateArg, GoTemplateNode, GoTemplatePipe, parseGoTemplate } from './go-template-parse';
import { describePosition, problem } from './problem';

/**
 * Go templates as Prometheus (alert labels and annotations) and Alertmanager (notification
 * titles, texts...) parse them: syntax errors, undefined functions and variables are errors,
 * because Prometheus (and `promtool check rules`) refuses the rule file and Alertmanager fails
 * every notification that renders the template. On top of what Go's parser checks, the
 * templates are walked over the data each tool passes to them, to warn about fields that do not
 * exist (an error only when the template runs) and about `$value` in alert labels.
 *
 * @module
 */

/** Severity of a {@link TemplateFinding}. */
export type TemplateSeverity = 'error' | 'warning';

/** One problem in a template. */
export interface TemplateFinding {
  /** `error`: the tool refuses or fails the template; `warning`: probably a mistake. */
  readonly severity: TemplateSeverity;
  /** Offset in the template text. */
  readonly offset: number;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Options of {@link prometheusTemplateFindings}. */
export interface PrometheusTemplateOptions {
  /**
   * The version of the Prometheus that evaluates the rule, e.g. `v2.42.0`. Functions added in a
   * later release are errors for it.
   * @default - unknown: functions of any release are accepted, later ones with a warning
   */
  readonly version?: string;
  /**
   * Whether the template is a label value: its output is part of the alert's identity, so
   * `$value` in it makes a new alert at every evaluation.
   * @default false
   */
  readonly label?: boolean;
}

/** Options of {@link alertmanagerTemplateFindings}. */
export interface AlertmanagerTemplateOptions {
  /**
   * The Alertmanager version, e.g. `v0.25.0`.
   * @default - unknown: functions of any release are accepted, later ones with a warning
   */
  readonly version?: string;
}

// ---------------------------------------------------------------------------------------
// The data the templates run on, as far as field access goes.

type TType =
  | { readonly k: 'unknown' }
  | { readonly k: 'string' }
  | { readonly k: 'struct' | 'slice'; readonly name: string; readonly members: Readonly<Record<string, () => TType>>; readonly elem?: () => TType; readonly hint?: Readonly<Record<string, string>> }
  | { readonly k: 'map'; readonly name: string; readonly members: Readonly<Record<string, () => TType>>; readonly elem: () => TType };

const UNKNOWN: TType = { k: 'unknown' };
const STRING: TType = { k: 'string' };
const STRING_MAP: TType = { k: 'map', name: 'map[string]string', members: {}, elem: () => STRING };
const STRINGS: TType = { k: 'slice', name: '[]string', members: {}, elem: () => STRING };

/** Prometheus' alert template data (`template.AlertTemplateData`). */
const PROMETHEUS_DATA: TType = {
  k: 'struct',
  name: 'Prometheus\' alert template data',
  members: { Labels: () => STRING_MAP, ExternalLabels: () => STRING_MAP, ExternalURL: () => STRING, Value: () => UNKNOWN },
  hint: {
    labels: 'use .Labels (or $labels)', value: 'use .Value (or $value)', annotations: 'an alert\'s template cannot read its annotations',
    Annotations: 'an alert\'s template cannot read its annotations',
  },
};

const AM_PAIR: TType = { k: 'struct', name: 'template.Pair', members: { Name: () => STRING, Value: () => STRING } };
const AM_PAIRS: TType = { k: 'slice', name: 'template.Pairs', members: { Names: () => STRINGS, Values: () => STRINGS, String: () => STRING }, elem: () => AM_PAIR };
const AM_KV: TType = {
  k: 'map', name: 'template.KV', elem: () => STRING,
  members: { SortedPairs: () => AM_PAIRS, Remove: () => AM_KV, Names: () => STRINGS, Values: () => STRINGS, String: () => STRING },
};
const AM_ALERT: TType = {
  k: 'struct', name: 'template.Alert',
  members: {
    Status: () => STRING, Labels: () => AM_KV, Annotations: () => AM_KV, StartsAt: () => UNKNOWN, EndsAt: () => UNKNOWN,
    GeneratorURL: () => STRING, Fingerprint: () => STRING,
  },
};
const AM_ALERT_LIST: TType = { k: 'slice', name: '[]template.Alert', members: {}, elem: () => AM_ALERT };
const AM_ALERTS: TType = { k: 'slice', name: 'template.Alerts', members: { Firing: () => AM_ALERT_LIST, Resolved: () => AM_ALERT_LIST }, elem: () => AM_ALERT };
/** Alertmanager's notification data (`template.Data`). */
const AM_DATA: TType = {
  k: 'struct', name: 'Alertmanager\'s notification data (template.Data)',
  members: {
    Receiver: () => STRING, Status: () => STRING, Alerts: () => AM_ALERTS, GroupLabels: () => AM_KV,
    CommonLabels: () => AM_KV, CommonAnnotations: () => AM_KV, ExternalURL: () => STRING,
  },
  hint: {
    Labels: 'use .CommonLabels (labels all alerts of the group share) or .GroupLabels, or {{ range .Alerts }}{{ .Labels.x }}{{ end }}',
    Annotations: 'use .CommonAnnotations, or {{ range .Alerts }}{{ .Annotations.x }}{{ end }}',
    Value: 'notifications carry no value: put it in an annotation of the rule ({{ $value }}) and read .CommonAnnotations or .Annotations',
  },
};

/** The type of field `name` on `t`; `undefined` when executing it fails. */
function member(t: TType, name: string): TType | undefined {
  switch (t.k) {
    case 'unknown': return UNKNOWN;
    case 'string': return undefined;
    case 'map': return t.members[name]?.() ?? t.elem();
    default: return t.members[name]?.();
  }
}

function elemOf(t: TType): TType {
  if (t.k === 'map') { return t.elem(); }
  if (t.k === 'slice' && t.elem) { return t.elem(); }
  return UNKNOWN;
}

function typeName(t: TType): string {
  return t.k === 'unknown' ? 'unknown' : t.k === 'string' ? 'string' : t.name;
}

/** Closest name among `candidates`: same spelling in another case, a common prefix, or an edit distance of at most 2. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const same = candidates.find((c) => c.toLowerCase() === lower);
  if (same) { return same; }
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best) { return best; }
  return lower.length >= 5 ? candidates.find((c) => c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase())) : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_v, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

// ---------------------------------------------------------------------------------------
// The walk over a parsed template.

interface Dialect {
  readonly tool: 'Prometheus' | 'Alertmanager';
  readonly root: TType;
  readonly variables: Readonly<Record<string, TType>>;
  readonly functions: ReadonlyArray<{ readonly name: string; readonly since: string }>;
  readonly elseWithSince: string;
  /** Releases this old have every function without a warning when the version is unknown. */
  readonly assumedFloor: string;
}

const PROMETHEUS: Dialect = {
  tool: 'Prometheus',
  root: PROMETHEUS_DATA,
  // Prometheus prepends {{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}.
  variables: { $labels: STRING_MAP, $externalLabels: STRING_MAP, $externalURL: STRING, $value: UNKNOWN },
  functions: PROMETHEUS_TEMPLATE_FUNCTIONS,
  elseWithSince: ELSE_WITH_SINCE.prometheus,
  assumedFloor: '2.37.0', // the oldest release in prometheus-operator's compatibility matrix
};

const ALERTMANAGER: Dialect = {
  tool: 'Alertmanager',
  root: AM_DATA,
  variables: {},
  functions: ALERTMANAGER_TEMPLATE_FUNCTIONS,
  elseWithSince: ELSE_WITH_SINCE.alertmanager,
  assumedFloor: '0.25.0',
};

class Walker {
  public readonly findings: TemplateFinding[] = [];
  /** Offsets where the alert's value is read (`$value`, `.Value`). */
  public readonly valueUses: number[] = [];

  constructor(private readonly dialect: Dialect, private readonly root: boolean) {}

  public list(n: GoTemplateNode, dot: TType, vars: Map<string, TType>): void {
    switch (n.type) {
      case 'list':
        for (const c of n.nodes) { this.list(c, dot, vars); }
        return;
      case 'action':
        this.pipe(n.pipe, dot, vars);
        return;
      case 'if': {
        const scope = new Map(vars);
        this.pipe(n.pipe, dot, scope);
        this.list(n.list, dot, scope);
        if (n.elseList) { this.list(n.elseList, dot, scope); }
        return;
      }
      case 'with': {
        const scope = new Map(vars);
        const t = this.pipe(n.pipe, dot, scope);
        this.list(n.list, t, scope);
        if (n.elseList) { this.list(n.elseList, dot, scope); }
        return;
      }
      case 'range': {
        const scope = new Map(vars);
        const t = this.pipe(n.pipe, dot, scope, true);
        const elem = elemOf(t);
        if (n.pipe.decl.length === 1) { scope.set(varName(n.pipe.decl[0]), elem); }
        if (n.pipe.decl.length === 2) {
          scope.set(varName(n.pipe.decl[0]), t.k === 'map' ? STRING : UNKNOWN);
          scope.set(varName(n.pipe.decl[1]), elem);
        }
        this.list(n.list, elem, scope);
        if (n.elseList) { this.list(n.elseList, dot, scope); }
        return;
      }
      case 'template':
        if (n.pipe) { this.pipe(n.pipe, dot, vars); }
        return;
      default:
    }
  }

  private pipe(p: GoTemplatePipe, dot: TType, vars: Map<string, TType>, isRange = false): TType {
    let result: TType = UNKNOWN;
    let first = true;
    for (const cmd of p.cmds) {
      result = this.command(cmd.args, dot, vars, first ? undefined : result);
      first = false;
    }
    if (!isRange) {
      for (const d of p.decl) {
        if (!p.isAssign || !vars.has(varName(d))) { vars.set(varName(d), result); } else { vars.set(varName(d), UNKNOWN); }
      }
    }
    return result;
  }

  private command(args: readonly GoTemplateArg[], dot: TType, vars: Map<string, TType>, _piped: TType | undefined): TType {
    const types = args.map((a) => this.arg(a, dot, vars));
    const head = args[0];
    if (head.type === 'identifier') { return UNKNOWN; }
    return types[0];
  }

  private arg(a: GoTemplateArg, dot: TType, vars: Map<string, TType>): TType {
    switch (a.type) {
      case 'dot': return dot;
      case 'field': return this.fields(dot, a.ident, a.pos, dot === this.dialect.root && this.root);
      case 'variable': {
        const name = a.ident[0];
        if (name === '$value') { this.valueUses.push(a.pos); }
        const base = name === '$' ? (this.root ? this.dialect.root : UNKNOWN) : (vars.get(name) ?? UNKNOWN);
        return this.fields(base, a.ident.slice(1), a.pos, name === '$' && this.root);
      }
      case 'chain': return this.fields(this.arg(a.node, dot, vars), a.fields, a.pos, false);
      case 'pipe': return this.pipe(a, dot, new Map(vars));
      case 'string': return STRING;
      default: return UNKNOWN;
    }
  }

  private fields(base: TType, names: readonly string[], pos: number, atRoot: boolean): TType {
    let t = base;
    for (const [i, name] of names.entries()) {
      if (i === 0 && atRoot && name === 'Value') { this.valueUses.push(pos); }
      const next = member(t, name);
      if (next === undefined) {
        this.findings.push(this.fieldFinding(t, name, pos));
        return UNKNOWN;
      }
      t = next;
    }
    return t;
  }

  private fieldFinding(t: TType, name: string, pos: number): TemplateFinding {
    const members = t.k === 'struct' || t.k === 'slice' || t.k === 'map' ? Object.keys(t.members) : [];
    const hint = t.k === 'struct' || t.k === 'slice' ? t.hint?.[name] : undefined;
    const close = closestName(name, members);
    const has = members.length ? `; it has ${members.join(', ')}` : '';
    return {
      severity: 'warning',
      offset: pos,
      message: `.${name} is not a field of ${typeName(t)}${has}: rendering the template fails ("can't evaluate field ${name}"), when this action runs`,
      fix: hint ?? (close ? `use .${close}` : `remove .${name}, or read it from a value that has it`),
    };
  }
}

function varName(a: GoTemplateArg): string {
  return a.type === 'variable' ? a.ident[0] : '';
}

/** Identifiers called anywhere in the trees, with their offsets. */
function calledFunctions(n: GoTemplateNode | GoTemplateArg | GoTemplatePipe, out: Array<{ name: string; pos: number }>): void {
  switch (n.type) {
    case 'list': n.nodes.forEach((c) => calledFunctions(c, out)); return;
    case 'action': calledFunctions(n.pipe, out); return;
    case 'if': case 'with': case 'range':
      calledFunctions(n.pipe, out);
      calledFunctions(n.list, out);
      if (n.elseList) { calledFunctions(n.elseList, out); }
      return;
    case 'template': if (n.pipe) { calledFunctions(n.pipe, out); } return;
    case 'pipe': n.cmds.forEach((c) => c.args.forEach((a) => calledFunctions(a, out))); return;
    case 'chain': calledFunctions(n.node, out); return;
    case 'identifier': out.push({ name: n.name, pos: n.pos }); return;
    default:
  }
}

/** The findings of each distinct template, per dialect, version and use: a fleet repeats the same templates. */
const findingCache = new Map<string, readonly TemplateFinding[]>();
/** At most this many templates are remembered (the oldest is forgotten first). */
const FINDING_CACHE_LIMIT = 20_000;

function templateFindings(text: string, dialect: Dialect, version: string | undefined, label: boolean): TemplateFinding[] {
  if (!text.includes('{{')) { return []; }
  const key = `${dialect.tool}\u0000${version ?? ''}\u0000${label ? 1 : 0}\u0000${text}`;
  const cached = findingCache.get(key);
  if (cached) { return [...cached]; }
  const findings = computeTemplateFindings(text, dialect, version, label);
  if (findingCache.size >= FINDING_CACHE_LIMIT) {
    const oldest = findingCache.keys().next();
    if (!oldest.done) { findingCache.delete(oldest.value); }
  }
  findingCache.set(key, Object.freeze(findings.map((f) => Object.freeze({ ...f }))));
  return findings;
}

function computeTemplateFindings(text: string, dialect: Dialect, version: string | undefined, label: boolean): TemplateFinding[] {
  const v = parseVersion(version);
  const known = dialect.functions.map((f) => f.name);
  const variables = Object.keys(dialect.variables);
  const { trees, error } = parseGoTemplate(text, {
    functions: new Set(known),
    variables,
    elseWith: v === undefined || versionAtLeast(v, dialect.elseWithSince),
  });
  if (error) { return [parseErrorFinding(text, error.offset, error.message, dialect, variables)]; }
  const findings: TemplateFinding[] = [];
  const calls: Array<{ name: string; pos: number }> = [];
  calledFunctions(trees!.root, calls);
  for (const t of trees!.defined.values()) { calledFunctions(t, calls); }
  for (const { name, pos } of calls) {
    const f = dialect.functions.find((x) => x.name === name);
    if (f === undefined || versionAtLeast(v ?? parseVersion(dialect.assumedFloor)!, f.since)) { continue; }
    findings.push(v !== undefined
      ? {
        severity: 'error', offset: pos,
        message: `function "${name}" not defined: ${dialect.tool} ${version} does not have it (added in ${f.since})`,
        fix: `upgrade ${dialect.tool} to ${f.since} or later, or do without "${name}"`,
      }
      : {
        severity: 'warning', offset: pos,
        message: `function "${name}" needs ${dialect.tool} ${f.since} or later; older releases refuse the template`,
        fix: `make sure ${dialect.tool} is ${f.since} or later (set its version), or do without "${name}"`,
      });
  }
  const walker = new Walker(dialect, true);
  walker.list(trees!.root, dialect.root, new Map(Object.entries(dialect.variables)));
  const defWalker = new Walker(dialect, false);
  for (const t of trees!.defined.values()) { defWalker.list(t, UNKNOWN, new Map()); }
  findings.push(...walker.findings, ...defWalker.findings);
  if (label && walker.valueUses.length > 0) {
    findings.push({
      severity: 'warning',
      offset: walker.valueUses[0],
      message: 'the alert\'s value is used in a label: labels are the alert\'s identity, so every new value makes a new alert (the old one resolves), which defeats `for`, grouping, silences and inhibitions',
      fix: 'move it to an annotation, e.g. description: "{{ $value }}"; keep labels constant or derived from $labels',
    });
  }
  return findings.sort((a, b) => a.offset - b.offset);
}

function parseErrorFinding(text: string, offset: number, message: string, dialect: Dialect, variables: readonly string[]): TemplateFinding {
  let fix = 'fix the template syntax (see https://pkg.go.dev/text/template)';
  const fn = /^function "(.*)" not defined$/.exec(message);
  const variable = /^undefined variable "(.*)"$/.exec(message);
  if (fn) {
    const names = [...dialect.functions.map((f) => f.name), ...GO_BUILTIN_FUNCTIONS];
    const close = closestName(fn[1], names);
    message = `${message}: ${dialect.tool}'s templates have no such function`;
    fix = close ? `did you mean "${close}"?` : `use one of ${dialect.tool}'s template functions (${dialect.functions.map((f) => f.name).join(', ')}) or Go's builtins`;
  } else if (variable) {
    const close = closestName(variable[1], variables);
    message = variables.length
      ? `${message}: ${dialect.tool} defines only $, ${variables.join(', ')} and the variables the template declares`
      : `${message}: ${dialect.tool} defines no variables besides $; declare it first ({{ $x := ... }})`;
    fix = close ? `did you mean "${close}"?`
      : dialect.tool === 'Alertmanager' && /^\$(labels|annotations|value)$/i.test(variable[1])
        ? 'notification templates have no $labels or $value: use .CommonLabels / .CommonAnnotations, or {{ range .Alerts }}{{ .Labels.x }}{{ end }}'
        : 'declare the variable before using it, in the same or an enclosing block';
  } else if (/^unexpected EOF$/.test(message)) {
    message = 'unexpected EOF: an {{ if }}, {{ range }}, {{ with }}, {{ define }} or {{ block }} is not closed';
    fix = 'add the missing {{ end }}';
  } else if (/^unclosed action/.test(message)) {
    fix = 'close the action with "}}"';
  } else if (/^unexpected "}" in operand$/.test(message) || /^bad character U\+007D/.test(message)) {
    fix = 'close the action with "}}"';
  } else if (/^invalid syntax$/.test(message)) {
    message = 'invalid string literal (Go string escapes: \\n, \\t, \\\\, \\", \\x.., \\u....; a regex needs \\\\d, or a raw `...` string)';
    fix = 'escape backslashes as \\\\ inside "..." or use a raw string `...`';
  } else if (/^bad character U\+002D '-'$/.test(message)) {
    fix = 'a label name with "-" cannot be read as a field: use (index $labels "label-name")';
  }
  // Go reports what it finds first inside an action that is never closed ("function "is" not
  // defined" for `{{ $labels.pod is down`): name the unclosed action too.
  const lastOpen = text.lastIndexOf('{{');
  if (!/^unclosed action/.test(message) && lastOpen >= 0 && offset >= lastOpen && !text.includes('}}', lastOpen)) {
    message = `${message} (the action opened at ${describePosition(text, lastOpen)} is never closed)`;
    fix = 'close the action with "}}"';
  }
  return { severity: 'error', offset, message: `template error at ${describePosition(text, offset)}: ${message}`, fix };
}

/**
 * The problems of a Prometheus alerting rule's label value or annotation, as Prometheus parses
 * it (with `$labels`, `$externalLabels`, `$externalURL` and `$value` declared, and its template
 * functions), plus warnings from a walk over the alert's template data.
 */
export function prometheusTemplateFindings(text: string, options: PrometheusTemplateOptions = {}): TemplateFinding[] {
  return templateFindings(text, PROMETHEUS, options.version, options.label === true);
}

/** The problems of an Alertmanager notification template (a receiver's title, text...). */
export function alertmanagerTemplateFindings(text: string, options: AlertmanagerTemplateOptions = {}): TemplateFinding[] {
  return templateFindings(text, ALERTMANAGER, options.version, false);
}

/** A finding in the shared message format of `lib/validation`. */
export function templateFindingText(field: string, text: string, f: TemplateFinding): string {
  const at = f.message.startsWith('template error at') ? f.message : `${f.message} (at ${describePosition(text, f.offset)})`;
  return problem(field, text, at, f.fix);
}

/**
 * Checks a Prometheus alert label value or annotation (Go template). Errors only: what
 * Prometheus refuses to load.
 *
 * @param field the field name for the message, e.g. `annotations.summary`
 * @param text the template
 * @param options the Prometheus version and whether it is a label
 * @returns one message per error
 */
export function checkPrometheusTemplate(field: string, text: string, options: PrometheusTemplateOptions = {}): string[] {
  return prometheusTemplateFindings(text, options).filter((f) => f.severity === 'error').map((f) => templateFindingText(field, text, f));
}

/**
 * Checks an Alertmanager notification template. Errors only: what fails every notification.
 *
 * @param field the field name for the message, e.g. `title`
 * @param text the template
 * @param options the Alertmanager version
 * @returns one message per error
 */
export function checkAlertmanagerTemplate(field: string, text: string, options: AlertmanagerTemplateOptions = {}): string[] {
  return alertmanagerTemplateFindings(text, options).filter((f) => f.severity === 'error').map((f) => templateFindingText(field, text, f));
}
