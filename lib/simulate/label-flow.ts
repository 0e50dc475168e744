/**
 * Label flow: which labels the alerts of a rule can carry, and with which values, read from
 * the rule's PromQL (parsed with `@prometheus-io/lezer-promql`), its own labels and what
 * Prometheus and the operator add when they send it.
 *
 * The result is an over-approximation: every alert the rule can fire has labels that one of
 * the returned {@link AlertLabelShape}s allows. "Cannot match" is therefore a proof, "can
 * match" only a possibility. What each PromQL construct does to labels follows Prometheus
 * 3.x (`promql/engine.go`):
 *
 * - a selector yields the labels of its series: unknown, except what equality matchers (and
 *   regexes that are plain alternations such as `"warning|critical"`) pin down;
 * - aggregations keep the `by` labels, or drop the `without` labels; `topk`, `bottomk`,
 *   `limitk` and `limit_ratio` keep every label; `count_values` adds its label;
 * - binary operators between vectors: one-to-one matching keeps the left side's labels (only
 *   the `on` labels with `on`, without the `ignoring` labels with `ignoring`);
 *   `group_left`/`group_right` keep the "many" side's labels plus the listed labels of the
 *   other side; `and`/`unless` keep the left side; `or` gives either side;
 * - `absent()` and `absent_over_time()` yield the labels of the selector's equality matchers;
 *   `vector()` and the date functions without argument yield no label;
 * - `label_replace` and `label_join` set their destination label; `histogram_quantile`
 *   drops `le`; every function drops `__name__`, which an alert never carries anyway.
 *
 * Written here because no maintained library computes PromQL output labels (the lezer grammar
 * gives only syntax); the parsing itself is the library's.
 *
 * @module
 */
import type { SyntaxNode } from '@lezer/common';
import { RE2JS } from 're2js';
import { Ast, children, parsePromQL, toAst } from '../validation/promql-ast';
import { PROMQL_FUNCTIONS } from '../validation/promql-functions';
import { unquotePromQLString } from '../validation/promql-strings';
import { CompiledMatcher, LabelMatcher, compileMatcher, labelValue, ownLabel } from './matchers';

/** What is known about one label of an alert. */
export interface LabelValues {
  /**
   * The values the label can have (never the empty string). An empty list with `optional`
   * means the label is always absent.
   * @default - any value
   */
  readonly values?: readonly string[];
  /** Whether the label may be absent (Alertmanager sees an absent label as the empty string). */
  readonly optional: boolean;
  /**
   * When the values are not known: an RE2 regex (anchored) every value matches.
   * @default - no constraint
   */
  readonly pattern?: string;
  /**
   * When the values are not known: every value starts with one of these.
   * @default - no constraint
   */
  readonly prefixes?: readonly string[];
  /**
   * When the values are not known: some values it takes, to try regex matchers on.
   * @default - none
   */
  readonly examples?: readonly string[];
}

/**
 * One form the label set of an alert can take. Labels that are not listed are absent, unless
 * the shape is `open`: then they may be present with any value.
 */
export interface AlertLabelShape {
  /** The labels known to (possibly) be present, by name. */
  readonly labels: Readonly<Record<string, LabelValues>>;
  /** Whether labels that are not listed may be present, with any value. */
  readonly open: boolean;
  /**
   * Why unlisted labels may be present, e.g. `the labels of the series of up{job="api"}`.
   * @default - not open
   */
  readonly openReason?: string;
  /**
   * The part of the expression that fixed the label set, e.g. `sum by (job)`.
   * @default - nothing fixed it
   */
  readonly closedBy?: string;
}

/** A label that is always absent. */
export const ABSENT: LabelValues = { values: [], optional: true };
/** A label that may be absent or have any value. */
export const ANY_OPTIONAL: LabelValues = { optional: true };
/** A label that is present with an unknown value. */
export const ANY_PRESENT: LabelValues = { optional: false };

/** More shapes than this are merged into one, which only loses precision. */
const MAX_SHAPES = 32;

/** A shape that allows anything: what an expression we cannot read may yield. */
export function unknownShape(reason: string): AlertLabelShape {
  return { labels: {}, open: true, openReason: reason };
}

/** What is known about label `name` in `shape`. */
export function labelOf(shape: AlertLabelShape, name: string): LabelValues {
  return ownLabel(shape.labels, name) ?? (shape.open ? ANY_OPTIONAL : ABSENT);
}

/** Whether `lv` says the label is always absent. */
export function isAbsent(lv: LabelValues): boolean {
  return lv.values !== undefined && lv.values.length === 0;
}

function known(values: Iterable<string>, optional: boolean): LabelValues {
  const list = [...new Set([...values].filter((v) => v !== ''))].sort();
  return { values: list, optional: optional || list.length === 0 };
}

/** Either of two label states. */
export function unionValues(a: LabelValues, b: LabelValues): LabelValues {
  const optional = a.optional || b.optional;
  if (isAbsent(a)) { return { ...b, optional: true }; }
  if (isAbsent(b)) { return { ...a, optional: true }; }
  if (a.values && b.values) { return known([...a.values, ...b.values], optional); }
  const pattern = a.pattern !== undefined && a.pattern === b.pattern ? a.pattern : undefined;
  const prefixes = a.prefixes && b.prefixes ? [...new Set([...a.prefixes, ...b.prefixes])] : undefined;
  const examples = [...(a.examples ?? a.values ?? []), ...(b.examples ?? b.values ?? [])];
  return {
    optional,
    ...(pattern !== undefined ? { pattern } : {}),
    ...(prefixes ? { prefixes } : {}),
    ...(examples.length ? { examples: [...new Set(examples)].slice(0, 8) } : {}),
  };
}

/** Both label states at once (e.g. the `on` labels of two matched series); `undefined` when impossible. */
function intersectValues(a: LabelValues, b: LabelValues): LabelValues | undefined {
  const optional = a.optional && b.optional;
  if (a.values && b.values) {
    const both = a.values.filter((v) => b.values!.includes(v));
    if (both.length === 0 && !optional) { return undefined; }
    return { values: both, optional: optional || both.length === 0 };
  }
  const k = a.values ? a : b.values ? b : undefined;
  if (k) { return { values: k.values, optional: optional && k.optional }; }
  return { ...a, optional };
}

function setLabel(shape: AlertLabelShape, name: string, lv: LabelValues): AlertLabelShape {
  return { ...shape, labels: { ...shape.labels, [name]: lv } };
}

function dropLabels(shape: AlertLabelShape, names: readonly string[]): AlertLabelShape {
  const labels: Record<string, LabelValues> = { ...shape.labels };
  for (const n of names) {
    if (shape.open) { labels[n] = ABSENT; } else { delete labels[n]; }
  }
  return { ...shape, labels };
}

function keepLabels(shape: AlertLabelShape, names: readonly string[], closedBy: string): AlertLabelShape {
  const labels: Record<string, LabelValues> = {};
  for (const n of names) {
    const lv = labelOf(shape, n);
    if (!isAbsent(lv)) { labels[n] = lv; }
  }
  return { labels, open: false, closedBy };
}

/** One shape that allows everything any of `shapes` allows. */
export function mergeShapes(shapes: readonly AlertLabelShape[]): AlertLabelShape {
  if (shapes.length === 1) { return shapes[0]; }
  const names = new Set(shapes.flatMap((s) => Object.keys(s.labels)));
  const labels: Record<string, LabelValues> = {};
  for (const n of names) {
    labels[n] = shapes.map((s) => labelOf(s, n)).reduce(unionValues);
  }
  const open = shapes.find((s) => s.open);
  const closedBy = [...new Set(shapes.map((s) => s.closedBy).filter((c): c is string => !!c))];
  return {
    labels,
    open: !!open,
    ...(open?.openReason ? { openReason: open.openReason } : {}),
    ...(closedBy.length === 1 ? { closedBy: closedBy[0] } : {}),
  };
}

function capped(shapes: AlertLabelShape[]): AlertLabelShape[] {
  return shapes.length > MAX_SHAPES ? [mergeShapes(shapes)] : shapes;
}

// ---------------------------------------------------------------------------------------------
// Matching shapes against Alertmanager matchers

const literalAlternation = /^[^.^$*+?()[\]{}|\\]*(\|[^.^$*+?()[\]{}|\\]*)*$/;

const literalsCache = new Map<string, readonly string[] | null>();

/** The strings a regex matches, when it is a plain alternation of literals (`warning|critical`). */
export function regexLiterals(re: string): readonly string[] | undefined {
  let found = literalsCache.get(re);
  if (found === undefined) {
    found = literalAlternation.test(re) ? re.split('|') : null;
    if (literalsCache.size > 10_000) { literalsCache.clear(); }
    literalsCache.set(re, found);
  }
  return found ?? undefined;
}

/** The literal text every match of `re` starts with (`''` when it cannot tell). */
export function regexLiteralPrefix(re: string): string {
  let depth = 0;
  for (const ch of re) {
    if (ch === '(') { depth++; } else if (ch === ')') { depth--; } else if (ch === '|' && depth === 0) { return ''; }
  }
  let prefix = '';
  for (const ch of re) {
    if (ch === '?' || ch === '*' || ch === '{') { return prefix.slice(0, -1); } // the last character is optional
    if ('.^$+()[]|\\'.includes(ch)) { return prefix; }
    prefix += ch;
  }
  return prefix;
}

const patternCache = new Map<string, RE2JS>();
function patternMatches(pattern: string, v: string): boolean {
  let re = patternCache.get(pattern);
  if (!re) {
    re = RE2JS.compile(`^(?:${pattern})$`);
    patternCache.set(pattern, re);
  }
  return re.matches(v);
}

/** Whether `v` (non-empty) is a value `lv` allows. */
function allows(lv: LabelValues, v: string): boolean {
  if (v === '') { return lv.optional; }
  if (lv.values) { return lv.values.includes(v); }
  if (lv.pattern !== undefined && !patternMatches(lv.pattern, v)) { return false; }
  if (lv.prefixes && !lv.prefixes.some((p) => v.startsWith(p))) { return false; }
  return true;
}

/** {@link valuesCanMatch} for one matcher, without allocating. */
function valueCanMatch(lv: LabelValues, m: CompiledMatcher): boolean {
  if (lv.optional && m.matches('')) { return true; }
  if (lv.values) {
    for (const v of lv.values) { if (m.matches(v)) { return true; } }
    return false;
  }
  if (m.type === '=') { return allows(lv, m.value); }
  return valuesCanMatch(lv, [m]);
}

/**
 * Whether some value `lv` allows satisfies every matcher of `ms` (all on the same label).
 * Over-approximates: `true` when it cannot tell.
 */
export function valuesCanMatch(lv: LabelValues, ms: readonly CompiledMatcher[]): boolean {
  if (ms.length === 0) { return true; }
  if (lv.optional && ms.every((m) => m.matches(''))) { return true; }
  if (lv.values) { return lv.values.some((v) => ms.every((m) => m.matches(v))); }
  const eq = ms.find((m) => m.type === '=');
  if (eq) { return allows(lv, eq.value) && ms.every((m) => m.matches(eq.value)); }
  for (const m of ms) {
    if (m.type !== '=~') { continue; }
    const literals = regexLiterals(m.value);
    if (literals) {
      if (!literals.some((v) => allows(lv, v) && ms.every((x) => x.matches(v)))) { return false; }
      continue;
    }
    if ((lv.examples ?? []).some((v) => ms.every((x) => x.matches(v)))) { return true; }
    const prefix = regexLiteralPrefix(m.value);
    if (lv.prefixes && !lv.prefixes.some((p) => p.startsWith(prefix) || prefix.startsWith(p))) { return false; }
  }
  return true;
}

/** Whether every value `lv` allows satisfies every matcher of `ms`. Under-approximates: `false` when it cannot tell. */
export function valuesMustMatch(lv: LabelValues, ms: readonly CompiledMatcher[]): boolean {
  if (ms.length === 0) { return true; }
  if (lv.optional && !ms.every((m) => m.matches(''))) { return false; }
  if (lv.values) { return lv.values.every((v) => ms.every((m) => m.matches(v))); }
  return ms.every((m) => (m.type === '=~' && (m.value === '.*' || (m.value === '.+' && !lv.optional) || prefixImplies(lv, m.value)))
    || (m.type === '!=' && m.value === '' && !lv.optional)
    || (m.type === '!~' && m.value === '' && !lv.optional));
}

/** Whether every value of `lv` matches `re` because `re` is `<literal>.*` or `<literal>.+` and every value starts with a longer text beginning with that literal. */
function prefixImplies(lv: LabelValues, re: string): boolean {
  const m = /^([^.^$*+?()[\]{}|\\]*)\.([*+])$/.exec(re);
  if (!m || lv.optional || !lv.prefixes?.length) { return false; }
  return lv.prefixes.every((p) => p.startsWith(m[1]) && (m[2] === '*' || p.length > m[1].length));
}

function byName(ms: readonly CompiledMatcher[]): Map<string, CompiledMatcher[]> {
  const out = new Map<string, CompiledMatcher[]>();
  for (const m of ms) { out.set(m.name, [...(out.get(m.name) ?? []), m]); }
  return out;
}

/** Whether two matchers of `ms` name the same label. */
function sharesNames(ms: readonly CompiledMatcher[]): boolean {
  for (let i = 1; i < ms.length; i++) {
    for (let j = 0; j < i; j++) { if (ms[i].name === ms[j].name) { return true; } }
  }
  return false;
}

/** Whether some alert of `shape` can satisfy all of `matchers`. Over-approximates. */
export function shapeCanMatch(shape: AlertLabelShape, matchers: readonly CompiledMatcher[]): boolean {
  if (!sharesNames(matchers)) {
    // The usual case: one matcher per label, checked without grouping.
    for (const m of matchers) { if (!valueCanMatch(labelOf(shape, m.name), m)) { return false; } }
    return true;
  }
  for (const [name, ms] of byName(matchers)) {
    if (!valuesCanMatch(labelOf(shape, name), ms)) { return false; }
  }
  return true;
}

/** Whether every alert of `shape` satisfies all of `matchers`. Under-approximates. */
export function shapeMustMatch(shape: AlertLabelShape, matchers: readonly CompiledMatcher[]): boolean {
  for (const [name, ms] of byName(matchers)) {
    if (!valuesMustMatch(labelOf(shape, name), ms)) { return false; }
  }
  return true;
}

/** Whether `shape` allows an alert with exactly `labels` (an absent label is the empty string). */
export function shapeAllows(shape: AlertLabelShape, labels: Readonly<Record<string, string>>): boolean {
  for (const [name, lv] of Object.entries(shape.labels)) {
    if (!allows(lv, labelValue(labels, name))) { return false; }
  }
  return Object.keys(labels).every((name) => ownLabel(shape.labels, name) !== undefined || shape.open || labels[name] === '');
}

// ---------------------------------------------------------------------------------------------
// Formatting

function quote(v: string): string {
  return JSON.stringify(v);
}

/** One label state in words: `severity="critical"`, `job=*`, `team?="a"|"b"`, `le` (absent) is left out. */
export function formatLabelValues(name: string, lv: LabelValues): string {
  const n = lv.optional ? `${name}?` : name;
  if (lv.values) { return `${n}=${lv.values.map(quote).join('|')}`; }
  if (lv.prefixes?.length) { return `${n}=${lv.prefixes.map((p) => `${quote(p)}*`).join('|')}`; }
  return `${n}=*`;
}

/**
 * A shape in one line: `{alertname="Foo", job=*, team?="a", ...}`. `*` is any value, `?`
 * marks a label that may be absent, `...` means other labels may be present.
 */
export function formatShape(shape: AlertLabelShape): string {
  const names = Object.keys(shape.labels).filter((n) => !isAbsent(shape.labels[n])).sort((a, b) => (a === 'alertname' ? -1 : b === 'alertname' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const parts = names.map((n) => formatLabelValues(n, shape.labels[n]));
  if (shape.open) { parts.push('...'); }
  return `{${parts.join(', ')}}`;
}

// ---------------------------------------------------------------------------------------------
// PromQL

type Flow =
  | { readonly type: 'scalar' | 'string' }
  | { readonly type: 'vector'; readonly shapes: readonly AlertLabelShape[] };

const SCALAR: Flow = { type: 'scalar' };
const STRING: Flow = { type: 'string' };

function vector(shapes: AlertLabelShape[]): Flow {
  return { type: 'vector', shapes: capped(shapes) };
}

/** Functions that default to `vector(time())` when called without argument. */
const DATE_FUNCTIONS = new Set(['day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year']);
/** Aggregations that keep every label of their input. */
const KEEP_ALL_AGGREGATIONS = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);
/** Aggregations with a parameter before the vector. */
const PARAM_AGGREGATIONS = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio', 'quantile', 'count_values']);

class LabelFlow {
  constructor(private readonly src: string) {}

  private text(n: { from: number; to: number }): string {
    return this.src.slice(n.from, n.to);
  }

  private stringValue(node: SyntaxNode | undefined): string | undefined {
    if (!node) { return undefined; }
    const u = unquotePromQLString(this.text(node));
    return 'value' in u ? u.value : undefined;
  }

  /** The names in a `GroupingLabels` node. */
  private groupingLabels(node: SyntaxNode | null): string[] {
    if (!node) { return []; }
    return children(node).map((c) => (c.name === 'QuotedLabelName' ? this.stringValue(c.firstChild ?? undefined) ?? '' : this.text(c))).filter((n) => n !== '');
  }

  /** The matchers of a `VectorSelector` node, metric name left out. */
  private selectorMatchers(node: SyntaxNode): LabelMatcher[] {
    const out: LabelMatcher[] = [];
    const list = node.getChild('LabelMatchers');
    if (!list) { return out; }
    for (const m of children(list)) {
      if (m.name !== 'UnquotedLabelMatcher' && m.name !== 'QuotedLabelMatcher') { continue; }
      const nameNode = m.getChild('LabelName') ?? m.getChild('QuotedLabelName')?.firstChild ?? null;
      const name = nameNode?.name === 'StringLiteral' ? this.stringValue(nameNode) : nameNode ? this.text(nameNode) : undefined;
      const op = m.getChild('MatchOp') ? this.text(m.getChild('MatchOp')!) : undefined;
      const valueNode = children(m).filter((c) => c.name === 'StringLiteral').pop();
      const value = this.stringValue(valueNode ?? undefined);
      if (name === undefined || value === undefined || (op !== '=' && op !== '!=' && op !== '=~' && op !== '!~')) { continue; }
      if (name === '__name__') { continue; }
      out.push({ name, type: op, value });
    }
    return out;
  }

  private selector(node: SyntaxNode): AlertLabelShape {
    const labels: Record<string, LabelValues> = {};
    const grouped = new Map<string, CompiledMatcher[]>();
    for (const m of this.selectorMatchers(node)) {
      let compiled: CompiledMatcher;
      try { compiled = compileMatcher(m); } catch { continue; }
      grouped.set(m.name, [...(grouped.get(m.name) ?? []), compiled]);
    }
    for (const [name, ms] of grouped) {
      const optional = ms.every((m) => m.matches(''));
      const finite = ms.map((m) => (m.type === '=' ? [m.value] : m.type === '=~' ? regexLiterals(m.value) : undefined)).find((x) => x !== undefined);
      labels[name] = finite ? known(finite.filter((v) => ms.every((m) => m.matches(v))), optional) : { optional };
    }
    return { labels, open: true, openReason: `the labels of the series of ${this.text(node).replace(/\s+/g, ' ')}` };
  }

  /** `absent(sel)`: the equality matchers' labels (each name once). */
  private absentLabels(arg: Ast | undefined): AlertLabelShape {
    let a = arg;
    while (a && (a.kind === 'paren' || (a.kind === 'postfix' && a.node.name === 'MatrixSelector'))) { a = a.expr; }
    const labels: Record<string, LabelValues> = {};
    if (a?.kind === 'selector') {
      const seen = new Set<string>();
      for (const m of this.selectorMatchers(a.node)) {
        if (m.type === '=' && !seen.has(m.name)) {
          if (m.value !== '') { labels[m.name] = { values: [m.value], optional: false }; }
        } else {
          delete labels[m.name];
        }
        seen.add(m.name);
      }
    }
    return { labels, open: false, closedBy: 'absent()' };
  }

  public flow(ast: Ast): Flow {
    switch (ast.kind) {
      case 'number': return SCALAR;
      case 'string': return STRING;
      case 'paren':
      case 'unary':
      case 'postfix':
        return this.flow(ast.expr);
      case 'selector':
        return vector([this.selector(ast.node)]);
      case 'call':
        return this.call(ast.node, ast.args);
      case 'aggregate':
        return this.aggregate(ast.node, ast.args);
      case 'binary':
        return this.binary(ast.node, ast.lhs, ast.rhs);
      default:
        return vector([unknownShape(`an expression the label flow cannot read (${this.text(ast)})`)]);
    }
  }

  private vectorArg(args: readonly Ast[]): AlertLabelShape[] {
    for (const a of args) {
      const f = this.flow(a);
      if (f.type === 'vector') { return [...f.shapes]; }
    }
    return [unknownShape('an argument the label flow cannot read')];
  }

  private call(node: SyntaxNode, args: readonly Ast[]): Flow {
    const id = node.getChild('FunctionIdentifier');
    const name = id ? this.text(id) : '';
    const fn = PROMQL_FUNCTIONS[name];
    if (fn?.returnType === 'scalar') { return SCALAR; }
    if (fn?.returnType === 'string') { return STRING; }
    const strings = args.map((a) => (a.kind === 'string' ? this.stringValue(a.node) : undefined));
    switch (name) {
      case 'vector':
        return vector([{ labels: {}, open: false, closedBy: 'vector()' }]);
      case 'absent':
      case 'absent_over_time':
        return vector([this.absentLabels(args[0])]);
      case 'label_replace': {
        const [, dst, repl] = strings;
        if (dst === undefined || repl === undefined) { return vector(this.vectorArg(args)); }
        const set: LabelValues = /\$/.test(repl) ? ANY_OPTIONAL : repl === '' ? ABSENT : { values: [repl], optional: false };
        // A regex that matches every value always replaces; any other may leave dst as it was.
        const always = strings[4] !== undefined && /^\(?\.\*\)?$/.test(strings[4]);
        return vector(this.vectorArg(args).map((s) => setLabel(s, dst, always ? set : unionValues(labelOf(s, dst), set))));
      }
      case 'label_join': {
        const [, dst] = strings;
        if (dst === undefined) { return vector(this.vectorArg(args)); }
        return vector(this.vectorArg(args).map((s) => setLabel(s, dst, ANY_OPTIONAL)));
      }
      case 'histogram_quantile':
        return vector(this.vectorArg(args).map((s) => dropLabels(s, ['le'])));
      case 'info':
        return vector(this.vectorArg(args).map((s) => ({ ...s, open: true, openReason: 'the labels info() adds' })));
      default:
        if (DATE_FUNCTIONS.has(name) && args.length === 0) { return vector([{ labels: {}, open: false, closedBy: `${name}()` }]); }
        if (!fn) { return vector([unknownShape(`the function ${name}`)]); }
        return vector(this.vectorArg(args));
    }
  }

  private aggregate(node: SyntaxNode, args: readonly Ast[]): Flow {
    const opNode = node.getChild('AggregateOp');
    const op = opNode ? this.text(opNode).toLowerCase() : '';
    const modifier = node.getChild('AggregateModifier');
    const without = !!modifier?.getChild('Without');
    const grouping = this.groupingLabels(modifier?.getChild('GroupingLabels') ?? null);
    const input = PARAM_AGGREGATIONS.has(op) ? args.slice(1) : args;
    const shapes = this.vectorArg(input);
    if (KEEP_ALL_AGGREGATIONS.has(op)) { return vector(shapes); }
    const desc = modifier ? `${op} ${without ? 'without' : 'by'} (${grouping.join(', ')})` : `${op}()`;
    let out = shapes.map((s) => (without ? dropLabels(s, grouping) : keepLabels(s, grouping, desc)));
    if (without) { out = out.map((s) => ({ ...s, closedBy: s.open ? s.closedBy : desc })); }
    if (op === 'count_values') {
      const label = args[0]?.kind === 'string' ? this.stringValue(args[0].node) : undefined;
      if (label) { out = out.map((s) => setLabel(s, label, ANY_PRESENT)); }
    }
    return vector(out);
  }

  private binary(node: SyntaxNode, lhsAst: Ast, rhsAst: Ast): Flow {
    const lhs = this.flow(lhsAst);
    const rhs = this.flow(rhsAst);
    const opNode = children(node).find((c) => ['And', 'Or', 'Unless'].includes(c.name));
    if (lhs.type !== 'vector' && rhs.type !== 'vector') { return SCALAR; }
    if (lhs.type !== 'vector') { return rhs; }
    if (rhs.type !== 'vector') { return lhs; }
    if (opNode?.name === 'Or') { return vector([...lhs.shapes, ...rhs.shapes]); }
    if (opNode) { return lhs; } // and, unless
    const clause = node.getChild('MatchingModifierClause');
    const on = !!clause?.getChild('On');
    const ignoring = !!clause?.getChild('Ignoring');
    const groups = clause ? clause.getChildren('GroupingLabels') : [];
    const matching = on || ignoring ? this.groupingLabels(groups[0] ?? null) : [];
    const groupLeft = !!clause?.getChild('GroupLeft');
    const groupRight = !!clause?.getChild('GroupRight');
    const include = groupLeft || groupRight ? this.groupingLabels(groups[on || ignoring ? 1 : 0] ?? null) : [];
    const out: AlertLabelShape[] = [];
    const ls = lhs.shapes.length * rhs.shapes.length > MAX_SHAPES ? [mergeShapes(lhs.shapes)] : lhs.shapes;
    const rs = lhs.shapes.length * rhs.shapes.length > MAX_SHAPES ? [mergeShapes(rhs.shapes)] : rhs.shapes;
    for (const l of ls) {
      for (const r of rs) {
        if (groupLeft || groupRight) {
          const [many, one] = groupLeft ? [l, r] : [r, l];
          let s = many;
          for (const n of include) { s = setLabel(s, n, labelOf(one, n)); }
          out.push(s);
          continue;
        }
        if (on) {
          const kept = keepLabels(l, matching, `on (${matching.join(', ')})`);
          const labels: Record<string, LabelValues> = {};
          let possible = true;
          for (const n of matching) {
            const both = intersectValues(labelOf(l, n), labelOf(r, n));
            if (!both) { possible = false; break; }
            if (!isAbsent(both)) { labels[n] = both; }
          }
          if (possible) { out.push({ ...kept, labels }); }
        } else {
          out.push(ignoring ? dropLabels(l, matching) : l);
        }
      }
    }
    return vector(out.length ? out : [{ labels: {}, open: false, closedBy: 'a vector match that matches nothing' }]);
  }
}

const flowCache = new Map<string, readonly AlertLabelShape[]>();

/**
 * The label sets of the series `expr` returns (`__name__` left out), as shapes; one shape that
 * allows anything when `expr` does not parse.
 */
export function seriesShapes(expr: string): readonly AlertLabelShape[] {
  const cached = flowCache.get(expr);
  if (cached) { return cached; }
  const tree = parsePromQL(expr);
  let broken = false;
  tree.iterate({ enter: (n) => { if (n.type.isError) { broken = true; } return !broken; } });
  let shapes: readonly AlertLabelShape[];
  if (broken) {
    shapes = [unknownShape('an expression that does not parse')];
  } else {
    const f = new LabelFlow(expr).flow(toAst(tree.topNode));
    shapes = f.type === 'vector' ? f.shapes : [{ labels: {}, open: false, closedBy: 'a scalar' }];
  }
  if (flowCache.size > 20_000) { flowCache.clear(); }
  flowCache.set(expr, shapes);
  return shapes;
}

/** Whether `expr` returns a sample at every evaluation, whatever the data (`vector(1)`). */
export function isAlwaysFiring(expr: string): boolean {
  return /^\s*\(*\s*vector\s*\(\s*[-+]?[0-9.eE+]+\s*\)\s*\)*\s*$/.test(expr.replace(/#.*$/gm, ''));
}

/** What Prometheus and the operator add to the alerts of a rule (see {@link alertShapes}). */
export interface AlertContext {
  /**
   * External labels, added to an alert that lacks them when it is sent.
   * @default - none
   */
  readonly externalLabels?: Readonly<Record<string, string>>;
  /**
   * A label the operator sets on every alert of the rule (`enforcedNamespaceLabel`), and its value.
   * @default - none
   */
  readonly enforcedLabel?: { readonly name: string; readonly value: string };
  /**
   * Labels of the rule group (Prometheus 3), overridden by the rule's own.
   * @default - none
   */
  readonly groupLabels?: Readonly<Record<string, string>>;
  /**
   * Why other labels may be added (unknown external labels, alert relabelling), if they may.
   * @default - no other label is added
   */
  readonly openReason?: string;
}

const LABELS_TEMPLATE = /^\{\{-?\s*\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)\s*-?\}\}$/;

function ruleLabel(series: AlertLabelShape, value: string, optional: boolean): LabelValues {
  if (!value.includes('{{')) { return value === '' ? ABSENT : { values: [value], optional }; }
  const copy = LABELS_TEMPLATE.exec(value.trim());
  if (copy) { return labelOf(series, copy[1]); }
  return ANY_OPTIONAL; // a template: any value, and an empty result removes the label
}

/**
 * The label sets of the alerts of an alerting rule: its expression's series, then its group's
 * and its own labels (templates such as `{{ $labels.x }}` copy the series' label, others give
 * any value), `alertname`, the operator's enforced namespace label, and the external labels
 * Prometheus adds to alerts that lack them.
 */
export function alertShapes(alert: string, expr: string, labels: Readonly<Record<string, string>> = {}, context: AlertContext = {}): AlertLabelShape[] {
  return seriesShapes(expr).map((series) => {
    const out: Record<string, LabelValues> = { ...series.labels };
    const get = (name: string): LabelValues => ownLabel(out, name) ?? (series.open ? ANY_OPTIONAL : ABSENT);
    for (const [k, v] of Object.entries(context.groupLabels ?? {})) {
      if (ownLabel(labels, k) !== undefined) { continue; }
      out[k] = unionValues(labelOf(series, k), ruleLabel(series, v, false));
    }
    for (const [k, v] of Object.entries(labels)) { out[k] = ruleLabel(series, v, false); }
    out.alertname = { values: [alert], optional: false };
    if (context.enforcedLabel) { out[context.enforcedLabel.name] = { values: [context.enforcedLabel.value], optional: false }; }
    for (const [k, v] of Object.entries(context.externalLabels ?? {})) {
      const cur = get(k);
      if (v === '' || !cur.optional) { continue; }
      out[k] = isAbsent(cur) ? { values: [v], optional: false } : { ...unionValues(cur, { values: [v], optional: false }), optional: false };
    }
    const open = series.open || context.openReason !== undefined;
    if (!open) {
      for (const k of Object.keys(out)) { if (isAbsent(out[k])) { delete out[k]; } }
    }
    return {
      labels: out,
      open,
      ...(series.open ? (series.openReason ? { openReason: series.openReason } : {}) : context.openReason ? { openReason: context.openReason } : {}),
      ...(series.closedBy ? { closedBy: series.closedBy } : {}),
    };
  });
}
