import type { SyntaxNode } from '@lezer/common';
import { RE2JS } from 're2js';
import { Ast, children } from './promql-ast';
import {
  AGGREGATOR_PARAM, DOCUMENTED_TYPE, EXPERIMENTAL_AGGREGATORS, PROMQL_FUNCTIONS, PromQLType,
} from './promql-functions';
import { unquotePromQLString } from './promql-strings';
import { compiledGoRegex, goRegexError } from './regex';

/**
 * The checks Prometheus' parser makes after parsing (`checkAST`, `newAggregateExpr`,
 * `newLabelMatcher`, `addOffset`… in `promql/parser/parse.go`) that the lezer grammar does
 * not make: types, arities, empty selectors, regexes and escapes, modifier placement and
 * feature flags. Message texts are Prometheus' own where it has one.
 *
 * Not part of the public API of `lib/validation` (not re-exported from its index).
 *
 * @module
 */

/** A Prometheus `--enable-feature` value that unlocks PromQL syntax. */
export type PromQLFeature =
  | 'promql-experimental-functions'
  | 'promql-duration-expr'
  | 'promql-extended-range-selectors'
  | 'promql-binop-fill-modifiers';

/** A problem found at `from` (0-based offset) in the expression. */
export interface Issue {
  readonly from: number;
  readonly what: string;
  readonly fix: string;
}

const COMPARISON_OPS = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte']);
const SET_OPS = new Set(['And', 'Or', 'Unless']);
const BINARY_OPS = new Set([
  'Pow', 'Mul', 'Div', 'Mod', 'Atan2', 'Add', 'Sub', 'Eql', 'Gte', 'Gtr', 'TrimUpper', 'TrimLower', 'Lte', 'Lss',
  'Neq', 'And', 'Unless', 'Or',
]);

const featureFix = (feature: PromQLFeature): string =>
  `start Prometheus with --enable-feature=${feature} and list '${feature}' in enabledFeatures, or rewrite the expression without it`;

const REGEX_FIX = 'fix the regex (Go RE2 syntax: no lookaround or backreferences); Prometheus anchors it, so it must match the whole value';

/** Type-checks an AST the way Prometheus' parser does. */
class Checker {
  public readonly issues: Issue[] = [];

  constructor(private readonly src: string, private readonly features: ReadonlySet<PromQLFeature>) {}

  private text(at: { from: number; to: number }): string {
    return this.src.slice(at.from, at.to);
  }

  private add(at: number | { from: number }, what: string, fix: string): void {
    this.issues.push({ from: typeof at === 'number' ? at : at.from, what, fix });
  }

  private gate(at: { from: number }, feature: PromQLFeature, what: string): void {
    if (!this.features.has(feature)) { this.add(at, what, featureFix(feature)); }
  }

  /** Checks `e` and everything under it; returns its type. */
  public check(e: Ast, bypassEmptyMatcherCheck = false): PromQLType {
    switch (e.kind) {
      case 'number':
        return 'scalar';
      case 'string':
        this.stringValue(e.node);
        return 'string';
      case 'paren':
        return this.check(e.expr);
      case 'unary': {
        const t = this.check(e.expr);
        if (t !== 'scalar' && t !== 'vector') {
          this.add(e, `unary expression only allowed on expressions of type scalar or instant vector, got "${DOCUMENTED_TYPE[t]}"`,
            t === 'matrix' ? 'apply the sign to an instant vector, e.g. -rate(x[5m]) instead of -x[5m]' : 'apply the sign to a number or a vector');
        }
        return t;
      }
      case 'selector':
        this.checkSelector(e.node, bypassEmptyMatcherCheck);
        return 'vector';
      case 'binary':
        return this.checkBinary(e.node, e.lhs, e.rhs);
      case 'call':
        return this.checkCall(e.node, e.args);
      case 'aggregate':
        return this.checkAggregation(e, e.node, e.args);
      case 'postfix':
        return this.checkPostfix(e, e.node, e.expr);
      default:
        return 'vector';
    }
  }

  /** Unquotes a StringLiteral, reporting what Prometheus' lexer rejects; `undefined` when invalid. */
  private stringValue(node: SyntaxNode): string | undefined {
    const raw = this.text(node);
    const result = unquotePromQLString(raw);
    if ('value' in result) { return result.value; }
    let fix = 'fix the string literal';
    if (result.error.startsWith('unknown escape sequence')) {
      fix = 'in "…" and \'…\' strings a backslash must itself be escaped: for a regex \\. write "\\\\." or use a backtick string such as `\\.`';
    } else if (result.error.startsWith('unterminated')) {
      fix = 'close the string with its quote';
    }
    this.add(node.from + result.offset, `error unquoting string ${raw}: ${result.error}`, fix);
    return undefined;
  }

  /** Label matchers of a vector selector; reports an empty selector unless `bypass`. */
  private checkSelector(node: SyntaxNode, bypass: boolean): void {
    const ident = node.getChild('Identifier');
    const matchers = node.getChild('LabelMatchers');
    let nonEmpty = ident !== null;
    for (const m of matchers ? children(matchers) : []) {
      if (m.name === 'QuotedLabelName') { // {"metric.name"}: a quoted metric name
        const lit = m.getChild('StringLiteral');
        if ((lit ? this.stringValue(lit) : undefined) !== '') { nonEmpty = true; }
        continue;
      }
      if (m.name !== 'UnquotedLabelMatcher' && m.name !== 'QuotedLabelMatcher') { continue; }
      const labelNode = m.name === 'UnquotedLabelMatcher'
        ? m.getChild('LabelName') : m.getChild('QuotedLabelName')?.getChild('StringLiteral') ?? null;
      let label: string | undefined;
      if (labelNode) { label = labelNode.name === 'LabelName' ? this.text(labelNode) : this.stringValue(labelNode); }
      const op = m.getChild('MatchOp')?.firstChild?.name;
      const valueNode = m.getChild('StringLiteral', 'MatchOp');
      const value = valueNode ? this.stringValue(valueNode) : undefined;
      if (value === undefined || op === undefined) { nonEmpty = true; continue; } // already reported
      if (ident && label === '__name__') {
        this.add(node, `metric name must not be set twice: "${this.text(ident)}" or "${value}"`,
          'give the metric name either before the braces or as __name__ inside them, not both');
      }
      let matchesEmpty: boolean;
      if (op === 'EqlRegex' || op === 'NeqRegex') {
        const anchored = `^(?s:${value})$`; // as Prometheus' NewFastRegexMatcher compiles it
        const error = goRegexError(anchored);
        if (error !== undefined) {
          this.add(valueNode ?? m, `invalid regular expression in label matcher ${this.text(m)}: ${error}`, REGEX_FIX);
          nonEmpty = true;
          continue;
        }
        const re: RE2JS = compiledGoRegex(anchored)!; // compiled (and cached) by goRegexError above
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

  /** `[range]`, `[range:step]`, `offset`, `@`, `anchored`, `smoothed`. */
  private checkPostfix(e: Ast, node: SyntaxNode, inner: Ast): PromQLType {
    switch (node.name) {
      case 'MatrixSelector': {
        if (inner.kind === 'selector') {
          this.checkSelector(inner.node, false);
        } else {
          this.check(inner);
          if (inner.kind === 'postfix' && inner.node.name === 'OffsetExpr') {
            this.add(e, 'no offset modifiers allowed before range', 'put the offset after the range, e.g. x[5m] offset 1h');
          } else if (inner.kind === 'postfix' && inner.node.name === 'StepInvariantExpr') {
            this.add(e, 'no @ modifiers allowed before range', 'put the @ modifier after the range, e.g. x[5m] @ end()');
          } else if (inner.kind === 'postfix' && (inner.node.name === 'MatrixSelector' || inner.node.name === 'SubqueryExpr')) {
            this.add(e, 'ranges only allowed for vector selectors',
              'a range vector takes no second range; to range over a function of it, use a subquery, e.g. max_over_time(rate(x[5m])[1h:1m])');
          } else {
            this.add(e, 'ranges only allowed for vector selectors',
              `use a subquery (with a colon) for a range of an expression, e.g. ${inner.kind === 'paren' ? this.text(inner) : `(${this.text(inner)})`}[5m:1m]`);
          }
        }
        this.checkDurations(node);
        return 'matrix';
      }
      case 'SubqueryExpr': {
        const t = this.check(inner);
        if (t !== 'vector') {
          this.add(e, `subquery is only allowed on instant vector, got ${DOCUMENTED_TYPE[t]} instead`,
            t === 'matrix' ? 'apply a function such as rate() to the range vector before taking a subquery'
              : 'take the subquery of an instant vector expression');
        }
        this.checkDurations(node);
        return 'matrix';
      }
      case 'OffsetExpr':
      case 'StepInvariantExpr': {
        const isOffset = node.name === 'OffsetExpr';
        const what = isOffset ? 'offset modifier' : '@ modifier';
        const t = this.check(inner);
        const other = isOffset ? 'StepInvariantExpr' : 'OffsetExpr';
        const base = inner.kind === 'postfix' && inner.node.name === other ? inner.expr : inner;
        if (base.kind === 'postfix' && base.node.name === node.name) {
          this.add(e, isOffset ? 'offset may not be set multiple times' : '@ <timestamp> may not be set multiple times', `keep one ${what}`);
        } else if (!(base.kind === 'selector' || (base.kind === 'postfix' && (base.node.name === 'MatrixSelector' || base.node.name === 'SubqueryExpr')))) {
          this.add(e, `${what} must be preceded by an instant vector selector or range vector selector or a subquery`,
            `apply the ${what} to a selector inside the expression, e.g. rate(x[5m] ${isOffset ? 'offset 1h' : '@ end()'})`);
        }
        if (isOffset) { this.checkDurations(node); }
        return t;
      }
      case 'AnchoredExpr':
      case 'SmoothedExpr': {
        this.gate(e, 'promql-extended-range-selectors',
          `${node.name === 'AnchoredExpr' ? 'anchored' : 'smoothed'} modifier is experimental and not enabled`);
        return this.check(inner);
      }
      default:
        return this.check(inner);
    }
  }

  /** Ranges, steps and offsets: a plain duration unless duration expressions are enabled. */
  private checkDurations(node: SyntaxNode): void {
    for (const d of children(node)) {
      if ((d.name === 'DurationExpr' || d.name === 'OffsetDurationExpr') && !isPlainDuration(d)) {
        this.gate(d, 'promql-duration-expr', 'experimental duration expression is not enabled');
      }
    }
  }

  private groupingLabels(node: SyntaxNode | null | undefined): string[] {
    if (!node) { return []; }
    return children(node).flatMap((c) => {
      if (c.name === 'LabelName') { return [this.text(c)]; }
      const lit = c.name === 'QuotedLabelName' ? c.getChild('StringLiteral') : null;
      const v = lit ? this.stringValue(lit) : undefined;
      return v === undefined ? [] : [v];
    });
  }

  private checkBinary(node: SyntaxNode, lhs: Ast, rhs: Ast): PromQLType {
    const lt = this.check(lhs);
    const rt = this.check(rhs);
    const opNode = children(node).find((c) => BINARY_OPS.has(c.name));
    if (!opNode) { return 'vector'; }
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
        `write "${this.text(lhs)} ${this.text(opNode)} bool ${this.text(rhs)}" (it returns 0 or 1)`);
    }
    const matchingLabels = this.groupingLabels(matching?.getChild('GroupingLabels'));
    const groupSide = matching?.getChild('GroupLeft') ?? matching?.getChild('GroupRight') ?? null;
    if (matching?.getChild('On') && groupSide) {
      const include = this.groupingLabels(matching.getChildren('GroupingLabels')[1]);
      for (const l of matchingLabels.filter((x) => include.includes(x))) {
        this.add(opNode, `label "${l}" must not occur in ON and GROUP clause at once`,
          `remove "${l}" from the ${this.text(groupSide).toLowerCase()}(…) list`);
      }
    }
    for (const [side, t] of [[lhs, lt], [rhs, rt]] as const) {
      if (t !== 'scalar' && t !== 'vector') {
        this.add(side, 'binary expression must contain only scalar and instant vector types',
          t === 'matrix' ? `apply a function such as rate(), increase() or avg_over_time() to the range vector ${this.text(side)} first`
            : 'a string cannot be an operand; use a number or a vector');
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
        'use and/or/unless between two instant vectors; to filter by value, compare first, e.g. x > 0 and y');
    }
    if (fill) {
      this.gate(fill, 'promql-binop-fill-modifiers', 'binop fill modifiers are experimental and not enabled');
    }
    return lt === 'scalar' && rt === 'scalar' ? 'scalar' : 'vector';
  }

  private checkCall(node: SyntaxNode, args: readonly Ast[]): PromQLType {
    const ident = node.getChild('FunctionIdentifier');
    const name = ident ? this.text(ident) : '';
    const f = PROMQL_FUNCTIONS[name];
    if (!f) { // known to the lezer grammar but not (yet) to this table: check the arguments only
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
    } else if (nargs - 1 > args.length) {
      this.add(node, `expected at least ${nargs - 1} argument(s) in call to "${name}", got ${args.length}`,
        `pass at least ${nargs - 1} argument(s) to ${name}()`);
    } else if (f.variadic > 0 && nargs - 1 + f.variadic < args.length) {
      this.add(node, `expected at most ${nargs - 1 + f.variadic} argument(s) in call to "${name}", got ${args.length}`,
        `pass at most ${nargs - 1 + f.variadic} argument(s) to ${name}()`);
    }
    let bypassSecond = false;
    if (name === 'info' && args.length > 1) {
      const second = args[1];
      if (second.kind !== 'selector') {
        this.add(second, 'expected label selectors only', 'pass a label selector such as {k8s_cluster_name=~".+"} as the second argument');
      } else if (second.node.getChild('Identifier')) {
        this.add(second, 'expected label selectors only, got vector selector instead', 'drop the metric name from the second argument, keep only {…}');
      } else {
        bypassSecond = true;
      }
    }
    args.forEach((arg, idx) => {
      if (idx >= nargs && f.variadic === 0) { this.check(arg); return; }
      const want = f.argTypes[Math.min(idx, nargs - 1)];
      const t = this.check(arg, bypassSecond && idx === 1);
      if (t !== want) {
        this.add(arg, `expected type ${DOCUMENTED_TYPE[want]} in call to function "${name}", got ${DOCUMENTED_TYPE[t]}`,
          this.argumentFix(name, args.length, arg, want, t));
      }
    });
    const regexArg = args[4];
    if (name === 'label_replace' && regexArg?.kind === 'string') {
      const regex = this.stringValue(regexArg.node);
      const error = regex === undefined ? undefined : goRegexError(`^(?s:${regex})$`);
      if (error !== undefined) {
        this.add(regexArg, `invalid regular expression in label_replace(): ${error}`, REGEX_FIX);
      }
    }
    return f.returnType;
  }

  /** How to fix an argument of the wrong type. */
  private argumentFix(fn: string, argCount: number, arg: Ast, want: PromQLType, got: PromQLType): string {
    const text = this.text(arg);
    if (want === 'matrix' && got === 'vector') {
      if (arg.kind === 'selector') {
        return argCount === 1 ? `add a range selector, e.g. ${fn}(${text}[5m])` : `add a range selector, e.g. ${text}[5m]`;
      }
      return `give a range vector, e.g. a subquery (${text})[5m:1m]`;
    }
    if (want === 'vector' && got === 'matrix') {
      return 'pass an instant vector: drop the [range], or reduce the range first with rate(…) or a *_over_time(…) function';
    }
    if (want === 'vector' && got === 'scalar') { return `wrap the scalar with vector(…): vector(${text})`; }
    if (want === 'scalar' && got === 'vector') { return `pass a number, or convert a single-element vector with scalar(${text})`; }
    if (want === 'string') { return 'pass a quoted string literal'; }
    return `pass a ${DOCUMENTED_TYPE[want]} as this argument of ${fn}()`;
  }

  private checkAggregation(e: Ast, node: SyntaxNode, args: readonly Ast[]): PromQLType {
    const opNode = node.getChild('AggregateOp');
    const op = opNode ? this.text(opNode).toLowerCase() : '';
    if (args.length === 0) {
      this.add(e, 'no arguments for aggregate expression provided', `pass an instant vector, e.g. ${op}(up)`);
      return 'vector';
    }
    const paramType = AGGREGATOR_PARAM[op];
    if (EXPERIMENTAL_AGGREGATORS.has(op) && !this.features.has('promql-experimental-functions')) {
      this.add(e, `${op}() is experimental and must be enabled with --enable-feature=promql-experimental-functions`,
        featureFix('promql-experimental-functions'));
    }
    const desired = paramType ? 2 : 1;
    if (args.length !== desired) {
      this.add(e, `wrong number of arguments for aggregate expression provided, expected ${desired}, got ${args.length}`,
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

/** A duration literal, or in an offset a signed one: what Prometheus accepts without `promql-duration-expr`. */
function isPlainDuration(d: SyntaxNode): boolean {
  const parts = children(d);
  if (parts.length === 1 && parts[0].name === 'NumberDurationLiteralInDurationContext') { return true; }
  return d.name === 'OffsetDurationExpr' && parts.length === 2 && parts[0].name === 'UnaryOp'
    && parts[1].name === 'OffsetDurationExpr' && isPlainDuration(parts[1]);
}

/**
 * Runs Prometheus' post-parse checks on a syntactically valid expression.
 *
 * @param src the expression text
 * @param ast its AST (see `toAst`)
 * @param features the enabled `--enable-feature` flags
 * @returns the problems, in the order found
 * @internal
 */
export function checkSemantics(src: string, ast: Ast, features: ReadonlySet<PromQLFeature>): Issue[] {
  const checker = new Checker(src, features);
  checker.check(ast);
  return checker.issues;
}
