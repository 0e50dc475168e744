import type { SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { RE2JS } from 're2js';
import { describePosition, problem } from './problem';
import {
  AGGREGATOR_PARAM, DOCUMENTED_TYPE, EXPERIMENTAL_AGGREGATORS, PROMQL_FUNCTIONS, PromQLType,
} from './promql-functions';
import { unquotePromQLString } from './promql-strings';
import { goRegexError } from './regex';

/**
 * PromQL expressions (`expr` of alerting and recording rules).
 *
 * Two passes:
 * 1. syntax, with the lezer grammar Prometheus' own UI uses (`@prometheus-io/lezer-promql`);
 * 2. if the syntax is fine, the checks Prometheus' parser makes after parsing (`checkAST` and
 *    friends in `promql/parser/parse.go`) that the lezer grammar does not: types of function
 *    and aggregation arguments (`rate(x)` without a range), the "at least one non-empty
 *    matcher" rule (`{}`), regexes and escapes in string literals, `bool` on scalar
 *    comparisons, where `offset` / `@` / ranges may go, and feature-flagged syntax.
 *
 * @module
 */

/** A Prometheus `--enable-feature` value that unlocks PromQL syntax. */
export type PromQLFeature =
  | 'promql-experimental-functions'
  | 'promql-duration-expr'
  | 'promql-extended-range-selectors'
  | 'promql-binop-fill-modifiers';

/** Options for {@link checkPromQL}. */
export interface PromQLCheckOptions {
  /**
   * The `--enable-feature` flags the target Prometheus runs with. Syntax they unlock
   * (experimental functions such as `mad_over_time` or `limitk`, duration arithmetic such as
   * `[5m+1m]`, `anchored` / `smoothed`, `fill()` on binary operators) is reported as a
   * problem unless its flag is listed here.
   * @default []
   */
  readonly enabledFeatures?: readonly PromQLFeature[];
}

/** A problem found at `from` in the expression. */
interface Issue {
  readonly from: number;
  readonly what: string;
  readonly fix: string;
}

const EXPR_NODES = new Set([
  'AggregateExpr', 'BinaryExpr', 'FunctionCall', 'MatrixSelector', 'NumberDurationLiteral', 'OffsetExpr',
  'AnchoredExpr', 'SmoothedExpr', 'ParenExpr', 'StringLiteral', 'SubqueryExpr', 'UnaryExpr', 'VectorSelector',
  'StepInvariantExpr',
]);

const COMPARISON_OPS = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte']);
const SET_OPS = new Set(['And', 'Or', 'Unless']);
const BINARY_OPS = new Set([
  'Pow', 'Mul', 'Div', 'Mod', 'Atan2', 'Add', 'Sub', 'Eql', 'Gte', 'Gtr', 'TrimUpper', 'TrimLower', 'Lte', 'Lss',
  'Neq', 'And', 'Unless', 'Or',
]);
const SELECTOR_LIKE = new Set(['VectorSelector', 'MatrixSelector', 'SubqueryExpr']);

const FEATURE_FIX = (feature: PromQLFeature): string =>
  `start Prometheus with --enable-feature=${feature} and list '${feature}' in enabledFeatures, or rewrite the expression without it`;

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) { out.push(c); }
  return out;
}

function exprChildren(node: SyntaxNode): SyntaxNode[] {
  return children(node).filter((c) => EXPR_NODES.has(c.name));
}

/** Type-checks a syntactically valid tree the way Prometheus' parser does after parsing. */
class Checker {
  public readonly issues: Issue[] = [];

  constructor(private readonly src: string, private readonly features: ReadonlySet<PromQLFeature>) {}

  private text(node: SyntaxNode): string {
    return this.src.slice(node.from, node.to);
  }

  private add(node: SyntaxNode | number, what: string, fix: string): void {
    this.issues.push({ from: typeof node === 'number' ? node : node.from, what, fix });
  }

  private gate(node: SyntaxNode, feature: PromQLFeature, what: string): void {
    if (!this.features.has(feature)) { this.add(node, what, FEATURE_FIX(feature)); }
  }

  /** Checks `node` and its children; returns its type. */
  public check(node: SyntaxNode, bypassEmptyMatcherCheck = false): PromQLType {
    switch (node.name) {
      case 'PromQL': {
        const [inner] = exprChildren(node);
        return inner ? this.check(inner) : 'vector';
      }
      case 'NumberDurationLiteral':
        return 'scalar';
      case 'StringLiteral':
        this.stringValue(node);
        return 'string';
      case 'ParenExpr':
        return this.checkChild(node);
      case 'UnaryExpr': {
        const t = this.checkChild(node);
        if (t !== 'scalar' && t !== 'vector') {
          this.add(node, `unary expression only allowed on expressions of type scalar or instant vector, got "${DOCUMENTED_TYPE[t]}"`,
            'apply the sign to a scalar or an instant vector, e.g. -rate(x[5m])');
        }
        return t;
      }
      case 'VectorSelector':
        this.checkSelector(node, bypassEmptyMatcherCheck);
        return 'vector';
      case 'MatrixSelector':
        return this.checkMatrixSelector(node);
      case 'SubqueryExpr': {
        const [inner] = exprChildren(node);
        const t = inner ? this.check(inner) : 'vector';
        if (t !== 'vector') {
          this.add(node, `subquery is only allowed on instant vector, got ${DOCUMENTED_TYPE[t]} instead`,
            t === 'matrix' ? 'remove the inner range, or apply a function such as rate() to it before the subquery'
              : 'apply the subquery to an instant vector expression, e.g. vector(1)[5m:1m]');
        }
        this.checkDurations(node);
        return 'matrix';
      }
      case 'OffsetExpr':
        return this.checkModifier(node, 'OffsetExpr', 'offset modifier', 'offset may not be set multiple times');
      case 'StepInvariantExpr':
        return this.checkModifier(node, 'StepInvariantExpr', '@ modifier', '@ <timestamp> may not be set multiple times');
      case 'AnchoredExpr':
      case 'SmoothedExpr': {
        const name = node.name === 'AnchoredExpr' ? 'anchored' : 'smoothed';
        this.gate(node, 'promql-extended-range-selectors', `${name} modifier is experimental and not enabled`);
        return this.checkChild(node);
      }
      case 'BinaryExpr':
        return this.checkBinary(node);
      case 'FunctionCall':
        return this.checkCall(node);
      case 'AggregateExpr':
        return this.checkAggregation(node);
      default:
        return 'vector';
    }
  }

  private checkChild(node: SyntaxNode): PromQLType {
    const [inner] = exprChildren(node);
    return inner ? this.check(inner) : 'vector';
  }

  /** Unquotes a StringLiteral, reporting bad escapes; `undefined` when it is invalid. */
  private stringValue(node: SyntaxNode): string | undefined {
    const raw = this.text(node);
    const result = unquotePromQLString(raw);
    if ('value' in result) { return result.value; }
    const fix = result.error.startsWith('unknown escape sequence')
      ? 'in "…" and \'…\' strings a backslash must itself be escaped: write "\\\\." for a regex \\. , or use a backtick string such as `\\.`'
      : result.error.startsWith('unterminated') ? 'close the string with its quote' : 'fix the string literal';
    this.add(node.from + result.offset, `error unquoting string ${raw}: ${result.error}`, fix);
    return undefined;
  }

  /** Checks label matchers; reports an empty selector unless `bypass`. */
  private checkSelector(node: SyntaxNode, bypass: boolean): void {
    const hasName = node.getChild('Identifier') !== null;
    const matchers = node.getChild('LabelMatchers');
    let nonEmpty = hasName;
    for (const m of matchers ? children(matchers) : []) {
      if (m.name === 'QuotedLabelName') { // {"metric.name"}: a quoted metric name
        const lit = m.getChild('StringLiteral');
        const name = lit ? this.stringValue(lit) : undefined;
        if (name !== '') { nonEmpty = true; }
        continue;
      }
      if (m.name !== 'UnquotedLabelMatcher' && m.name !== 'QuotedLabelMatcher') { continue; }
      const labelNode = m.name === 'UnquotedLabelMatcher' ? m.getChild('LabelName') : m.getChild('QuotedLabelName')?.getChild('StringLiteral');
      const label = labelNode ? (labelNode.name === 'LabelName' ? this.text(labelNode) : this.stringValue(labelNode)) : undefined;
      const op = m.getChild('MatchOp')?.firstChild?.name;
      const valueNode = m.getChild('StringLiteral', 'MatchOp');
      const value = valueNode ? this.stringValue(valueNode) : undefined;
      if (value === undefined || op === undefined) { nonEmpty = true; continue; } // already reported
      if (hasName && label === '__name__') {
        this.add(node, `metric name must not be set twice: "${this.text(node.getChild('Identifier') ?? node)}" or "${value}"`,
          'give the metric name either before the braces or as __name__ inside them, not both');
      }
      let matchesEmpty: boolean;
      if (op === 'EqlRegex' || op === 'NeqRegex') {
        // Prometheus compiles label matcher regexes as ^(?s:<regex>)$.
        const anchored = `^(?s:${value})$`;
        const error = goRegexError(anchored);
        if (error !== undefined) {
          this.add(valueNode ?? m, `invalid regular expression in label matcher ${this.text(m)}: ${error}`,
            'fix the regex (Go RE2 syntax: no lookaround or backreferences); Prometheus anchors it, so it must match the whole label value');
          nonEmpty = true;
          continue;
        }
        const re = RE2JS.compile(anchored);
        matchesEmpty = op === 'EqlRegex' ? re.test('') : !re.test('');
      } else {
        matchesEmpty = op === 'EqlSingle' ? value === '' : value !== '';
      }
      if (!matchesEmpty) { nonEmpty = true; }
    }
    if (!nonEmpty && !bypass) {
      this.add(node, 'vector selector must contain at least one non-empty matcher',
        'add a metric name or a matcher that does not match the empty string, e.g. up{job="x"} or {job=~".+"}');
    }
  }

  private checkMatrixSelector(node: SyntaxNode): PromQLType {
    const [inner] = exprChildren(node);
    if (inner?.name === 'VectorSelector') {
      this.checkSelector(inner, false);
    } else if (inner) {
      this.check(inner);
      if (inner.name === 'OffsetExpr') {
        this.add(inner, 'no offset modifiers allowed before range', `put the offset after the range, e.g. x[5m] offset 1h`);
      } else if (inner.name === 'StepInvariantExpr') {
        this.add(inner, 'no @ modifiers allowed before range', 'put the @ modifier after the range, e.g. x[5m] @ 1700000000');
      } else {
        this.add(inner, 'ranges only allowed for vector selectors',
          `use a subquery (with a colon) to get a range of an expression, e.g. ${this.text(inner)}[5m:1m]`);
      }
    }
    this.checkDurations(node);
    return 'matrix';
  }

  /** Checks the range / step of a matrix selector or subquery, and an offset. */
  private checkDurations(node: SyntaxNode): void {
    for (const d of children(node)) {
      if (d.name === 'DurationExpr' || d.name === 'OffsetDurationExpr') {
        if (!this.isPlainDuration(d)) {
          this.gate(d, 'promql-duration-expr', 'experimental duration expression is not enabled');
        }
      }
    }
  }

  /** A duration literal, or (in an offset) a signed one: what Prometheus accepts without the duration-expr flag. */
  private isPlainDuration(d: SyntaxNode): boolean {
    const parts = children(d);
    if (parts.length === 1 && parts[0].name === 'NumberDurationLiteralInDurationContext') { return true; }
    return d.name === 'OffsetDurationExpr' && parts.length === 2 && parts[0].name === 'UnaryOp'
      && parts[1].name === 'OffsetDurationExpr' && this.isPlainDuration(parts[1]);
  }

  /** `offset` and `@`: only after a selector or subquery, at most once each. */
  private checkModifier(node: SyntaxNode, self: string, what: string, twice: string): PromQLType {
    const [inner] = exprChildren(node);
    if (!inner) { return 'vector'; }
    const t = this.check(inner);
    const other = self === 'OffsetExpr' ? 'StepInvariantExpr' : 'OffsetExpr';
    const base = inner.name === other ? exprChildren(inner)[0] : inner;
    if (inner.name === self || base?.name === self) {
      this.add(node, twice, `keep one ${what}`);
    } else if (!base || !SELECTOR_LIKE.has(base.name)) {
      this.add(node, `${what} must be preceded by an instant vector selector or range vector selector or a subquery`,
        `apply the ${what} to the selector inside the expression, e.g. rate(x[5m] ${self === 'OffsetExpr' ? 'offset 1h' : '@ end()'})`);
    }
    if (self === 'OffsetExpr') { this.checkDurations(node); }
    return t;
  }

  private groupingLabels(node: SyntaxNode | null): string[] {
    if (!node) { return []; }
    return children(node).flatMap((c) => {
      if (c.name === 'LabelName') { return [this.text(c)]; }
      const lit = c.name === 'QuotedLabelName' ? c.getChild('StringLiteral') : null;
      const v = lit ? this.stringValue(lit) : undefined;
      return v === undefined ? [] : [v];
    });
  }

  private checkBinary(node: SyntaxNode): PromQLType {
    const [lhs, rhs] = exprChildren(node);
    const opNode = children(node).find((c) => BINARY_OPS.has(c.name));
    if (!lhs || !rhs || !opNode) { return 'vector'; }
    const lt = this.check(lhs);
    const rt = this.check(rhs);
    const op = opNode.name;
    const opText = this.text(opNode).toLowerCase();
    const isBool = node.getChild('BoolModifier') !== null;
    const matching = node.getChild('MatchingModifierClause');
    const fill = node.getChild('FillModifier');
    const isComparison = COMPARISON_OPS.has(op);
    const isSet = SET_OPS.has(op);

    if (isBool && !isComparison) {
      this.add(opNode, 'bool modifier can only be used on comparison operators', 'remove "bool"');
    }
    if (isComparison && !isBool && lt === 'scalar' && rt === 'scalar') {
      this.add(opNode, 'comparisons between scalars must use BOOL modifier',
        `write "${this.text(lhs)} ${this.text(opNode)} bool ${this.text(rhs)}" (returns 0 or 1)`);
    }
    const matchingLabels = matching ? this.groupingLabels(matching.getChild('GroupingLabels')) : [];
    const groupSide = matching?.getChild('GroupLeft') ?? matching?.getChild('GroupRight') ?? null;
    if (matching?.getChild('On') && groupSide) {
      const include = this.groupingLabels(matching.getChildren('GroupingLabels')[1] ?? null);
      for (const l of matchingLabels.filter((x) => include.includes(x))) {
        this.add(opNode, `label "${l}" must not occur in ON and GROUP clause at once`,
          `remove "${l}" from the group_${groupSide.name === 'GroupLeft' ? 'left' : 'right'}(…) list`);
      }
    }
    for (const [side, t] of [[lhs, lt], [rhs, rt]] as const) {
      if (t !== 'scalar' && t !== 'vector') {
        this.add(side, 'binary expression must contain only scalar and instant vector types',
          t === 'matrix' ? 'apply a function such as rate(), increase() or avg_over_time() to the range vector first'
            : 'string literals cannot be operands; use a number or a vector');
      }
    }
    if (lt !== 'vector' || rt !== 'vector') {
      if (matchingLabels.length > 0) {
        this.add(node, 'vector matching only allowed between instant vectors', 'remove the on(…)/ignoring(…) clause');
      }
      if (fill) {
        this.add(node, 'filling in missing series only allowed between instant vectors', 'remove the fill modifier');
      }
    } else if (isSet) {
      if (groupSide) {
        this.add(node, `no grouping allowed for "${opText}" operation`, 'remove the group_left/group_right modifier');
      }
      if (fill) {
        this.add(node, 'filling in missing series not allowed for set operators', 'remove the fill modifier');
      }
    }
    if ((lt === 'scalar' || rt === 'scalar') && isSet) {
      this.add(node, `set operator "${opText}" not allowed in binary scalar expression`,
        'use and/or/unless between two instant vectors, e.g. compare with a number first: x > 0 and y');
    }
    if (fill) {
      this.gate(fill, 'promql-binop-fill-modifiers', 'binop fill modifiers are experimental and not enabled');
    }
    return lt === 'scalar' && rt === 'scalar' ? 'scalar' : 'vector';
  }

  private checkCall(node: SyntaxNode): PromQLType {
    const ident = node.getChild('FunctionIdentifier');
    const body = node.getChild('FunctionCallBody');
    const name = ident ? this.text(ident) : '';
    const args = body ? exprChildren(body) : [];
    const f = PROMQL_FUNCTIONS[name];
    if (!f) {
      args.forEach((a) => this.check(a));
      return 'vector';
    }
    if (f.experimental) {
      this.gate(ident ?? node, 'promql-experimental-functions', `function "${name}" is not enabled`);
    }
    const nargs = f.argTypes.length;
    if (f.variadic === 0) {
      if (nargs !== args.length) {
        this.add(node, `expected ${nargs} argument(s) in call to "${name}", got ${args.length}`, `pass ${nargs} argument(s) to ${name}()`);
      }
    } else {
      const min = nargs - 1;
      if (min > args.length) {
        this.add(node, `expected at least ${min} argument(s) in call to "${name}", got ${args.length}`, `pass at least ${min} argument(s) to ${name}()`);
      } else if (f.variadic > 0 && min + f.variadic < args.length) {
        this.add(node, `expected at most ${min + f.variadic} argument(s) in call to "${name}", got ${args.length}`,
          `pass at most ${min + f.variadic} argument(s) to ${name}()`);
      }
    }
    let bypassSecond = false;
    if (name === 'info' && args.length > 1) {
      const second = args[1];
      if (second.name !== 'VectorSelector') {
        this.add(second, 'expected label selectors only', 'pass a label selector such as {k8s_cluster_name=~".+"} as the second argument');
      } else if (second.getChild('Identifier')) {
        this.add(second, 'expected label selectors only, got vector selector instead', 'drop the metric name from the second argument, keep only {…}');
      } else {
        bypassSecond = true;
      }
    }
    args.forEach((arg, idx) => {
      let i = idx;
      if (i >= nargs) {
        if (f.variadic === 0) { this.check(arg); return; }
        i = nargs - 1;
      }
      const t = this.check(arg, bypassSecond && idx === 1);
      const want = f.argTypes[i];
      if (t !== want) {
        this.add(arg, `expected type ${DOCUMENTED_TYPE[want]} in call to function "${name}", got ${DOCUMENTED_TYPE[t]}`,
          this.typeFix(name, arg, want, t));
      }
    });
    if (name === 'label_replace' && args[4]?.name === 'StringLiteral') {
      const regex = this.stringValue(args[4]);
      const error = regex === undefined ? undefined : goRegexError(`^(?s:${regex})$`);
      if (error !== undefined) {
        this.add(args[4], `invalid regular expression in label_replace(): ${error}`,
          'fix the regex (Go RE2 syntax: no lookaround or backreferences); it is anchored at both ends');
      }
    }
    return f.returnType;
  }

  /** A fix for an argument of the wrong type. */
  private typeFix(fn: string, arg: SyntaxNode, want: PromQLType, got: PromQLType): string {
    const text = this.text(arg);
    if (want === 'matrix' && got === 'vector') {
      return arg.name === 'VectorSelector'
        ? `add a range selector, e.g. ${fn}(${text}[5m])`
        : `select a range, e.g. with a subquery: ${fn}((${text})[5m:1m])`;
    }
    if (want === 'vector' && got === 'matrix') {
      return `pass an instant vector: drop the [range], or aggregate it over time first (e.g. rate(…) or avg_over_time(…))`;
    }
    if (want === 'vector' && got === 'scalar') { return `wrap the scalar with vector(…), e.g. ${fn}(vector(${text}))`; }
    if (want === 'scalar' && got === 'vector') { return `convert the single-element vector with scalar(…), e.g. scalar(${text})`; }
    if (want === 'string') { return `pass a quoted string literal, e.g. "${text.replace(/"/g, '')}"`; }
    return `pass a ${DOCUMENTED_TYPE[want]} as this argument of ${fn}()`;
  }

  private checkAggregation(node: SyntaxNode): PromQLType {
    const opNode = node.getChild('AggregateOp');
    const op = opNode ? this.text(opNode).toLowerCase() : '';
    const body = node.getChild('FunctionCallBody');
    const args = body ? exprChildren(body) : [];
    if (args.length === 0) {
      this.add(node, 'no arguments for aggregate expression provided', `pass an instant vector, e.g. ${op}(up)`);
      return 'vector';
    }
    const paramType = AGGREGATOR_PARAM[op];
    if (EXPERIMENTAL_AGGREGATORS.has(op) && !this.features.has('promql-experimental-functions')) {
      this.add(node, `${op}() is experimental and must be enabled with --enable-feature=promql-experimental-functions`,
        FEATURE_FIX('promql-experimental-functions'));
    }
    const desired = paramType ? 2 : 1;
    if (args.length !== desired) {
      this.add(node, `wrong number of arguments for aggregate expression provided, expected ${desired}, got ${args.length}`,
        paramType ? `write ${op}(<${DOCUMENTED_TYPE[paramType]}>, <instant vector>)` : `write ${op}(<instant vector>)`);
      args.forEach((a) => this.check(a));
      return 'vector';
    }
    if (paramType) {
      const pt = this.check(args[0]);
      if (pt !== paramType) {
        this.add(args[0], `expected type ${DOCUMENTED_TYPE[paramType]} in aggregation parameter, got ${DOCUMENTED_TYPE[pt]}`,
          paramType === 'string' ? `pass the output label name as a string, e.g. ${op}("value", …)` : `pass a number, e.g. ${op}(5, …)`);
      }
    }
    const expr = args[desired - 1];
    const t = this.check(expr);
    if (t !== 'vector') {
      this.add(expr, `expected type instant vector in aggregation expression, got ${DOCUMENTED_TYPE[t]}`,
        t === 'matrix' ? `aggregate an instant vector, e.g. ${op}(rate(${this.text(expr)}))` : 'aggregate an instant vector expression');
    }
    return 'vector';
  }
}

/** Finds unbalanced brackets outside strings and comments, to explain a syntax error. */
function bracketHint(src: string): { offset: number; fix: string } | undefined {
  const stack: Array<{ ch: string; at: number }> = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '#') {
      const nl = src.indexOf('\n', i);
      if (nl === -1) { break; }
      i = nl;
    } else if (ch === '"' || ch === '\'' || ch === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== ch && !(ch !== '`' && src[j] === '\n')) { j += ch !== '`' && src[j] === '\\' ? 2 : 1; }
      i = j;
    } else if (ch === '(' || ch === '[' || ch === '{') {
      stack.push({ ch, at: i });
    } else if (pairs[ch] !== undefined) {
      const top = stack.pop();
      if (!top) {
        return { offset: i, fix: `remove the unmatched "${ch}" at ${describePosition(src, i)}` };
      }
      if (top.ch !== pairs[ch]) {
        return { offset: i, fix: `"${ch}" at ${describePosition(src, i)} does not match "${top.ch}" at ${describePosition(src, top.at)}` };
      }
    }
  }
  const open = stack.pop();
  if (open) {
    const close = { '(': ')', '[': ']', '{': '}' }[open.ch];
    return { offset: open.at, fix: `add the missing "${close}" for the "${open.ch}" at ${describePosition(src, open.at)}` };
  }
  return undefined;
}

/** The token at `pos`, for "unexpected …" (undefined at the end of the input). */
function tokenAt(src: string, pos: number): string | undefined {
  const m = /\s*(#.*|[A-Za-z_:][\w:]*|[0-9][\w.]*|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`[^`]*`?|[=!<>]=|=~|!~|\S)/y;
  m.lastIndex = pos;
  const found = m.exec(src);
  return found ? found[1] : undefined;
}

const KEYWORDS = new Set([
  'sum', 'avg', 'min', 'max', 'count', 'count_values', 'group', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile',
  'limitk', 'limit_ratio', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and',
  'or', 'unless', 'atan2', 'fill', 'fill_left', 'fill_right',
]);

/** Describes the first syntax error in Prometheus' words where possible. */
function syntaxIssue(src: string, from: number, to: number): Issue {
  const token = to > from ? tokenAt(src, from) ?? src.slice(from, to) : tokenAt(src, from);
  // The grammar only knows Prometheus' functions, so `foo(` is an unknown function.
  const callee = /([A-Za-z_:][\w:]*)\s*$/.exec(src.slice(0, from));
  if (token === '(' && callee && !KEYWORDS.has(callee[1].toLowerCase()) && PROMQL_FUNCTIONS[callee[1]] === undefined) {
    return {
      from: callee.index,
      what: `unknown function with name "${callee[1]}"`,
      fix: 'use a PromQL function (e.g. rate, increase, histogram_quantile, absent) and check the spelling; function names are case-sensitive',
    };
  }
  const brackets = bracketHint(src);
  const what = token === undefined ? 'unexpected end of input' : `unexpected ${JSON.stringify(token)}`;
  let fix = brackets?.fix ?? (token === undefined
    ? 'complete the expression: an operand or closing bracket is missing'
    : 'fix the PromQL expression at this position');
  if (token === '[' || (token !== undefined && /^[0-9]/.test(token) && src[from - 1] === '[')) {
    fix = `${fix}; ranges look like [5m] and subqueries like [30m:1m]`;
  }
  return { from, what, fix };
}

/**
 * Checks a PromQL expression the way Prometheus (and the prometheus-operator admission
 * webhook) would: syntax, then types and the other checks Prometheus' parser makes (see
 * the module description). Reports the position (line, column) of each problem. After a
 * syntax error only the first one is reported, as later ones are usually its echoes.
 *
 * @param field the field name to put in the message, e.g. `expr`
 * @param expr the PromQL expression
 * @param options see {@link PromQLCheckOptions}
 * @returns one message per problem; empty when Prometheus would accept `expr`
 */
export function checkPromQL(field: string, expr: string, options: PromQLCheckOptions = {}): string[] {
  if (expr.replace(/#.*$/gm, '').trim() === '') {
    return [problem(field, expr, 'no expression found in input', 'write a PromQL expression, e.g. up == 0')];
  }
  const tree = parser.parse(expr);
  let first: { from: number; to: number } | undefined;
  tree.iterate({
    enter: (n) => {
      if (first) { return false; }
      if (n.type.isError) { first = { from: n.from, to: n.to }; return false; }
      return undefined;
    },
  });
  const issues: Issue[] = [];
  if (first) {
    issues.push(syntaxIssue(expr, first.from, first.to));
  } else {
    const checker = new Checker(expr, new Set(options.enabledFeatures ?? []));
    checker.check(tree.topNode);
    issues.push(...checker.issues);
  }
  const seen = new Set<string>();
  return issues
    .map((i) => problem(field, expr, `parse error at ${describePosition(expr, i.from)}: ${i.what}`, i.fix))
    .filter((m) => !seen.has(m) && !!seen.add(m));
}
