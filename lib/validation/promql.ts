import { describePosition, problem } from './problem';
import { parsePromQL, toAst } from './promql-ast';
import { PROMQL_FUNCTIONS } from './promql-functions';
import { checkSemantics, Issue, PromQLFeature } from './promql-semantics';

export type { PromQLFeature } from './promql-semantics';

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
      if (j >= src.length || src[j] !== ch) {
        return { offset: i, fix: `close the string opened with ${ch} at ${describePosition(src, i)}` };
      }
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

/** Where the lezer parser found an error, and the name of the node it found it in. */
interface SyntaxError {
  readonly from: number;
  readonly to: number;
  readonly parent: string | undefined;
}

/** Describes the first syntax error in Prometheus' words where possible. */
function syntaxIssue(src: string, error: SyntaxError): Issue {
  const { from, to } = error;
  const token = to > from ? tokenAt(src, from) ?? src.slice(from, to) : tokenAt(src, from);
  // The grammar only knows Prometheus' functions, so `foo(x)` is a selector `foo` followed by an error at `(`.
  const callee = /([A-Za-z_:][\w:]*)\s*$/.exec(src.slice(0, from));
  if (token === '(' && error.parent === 'VectorSelector' && callee && !KEYWORDS.has(callee[1].toLowerCase())
    && PROMQL_FUNCTIONS[callee[1]] === undefined) {
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
  const seen = new Set<string>();
  return issuesOf(expr, options.enabledFeatures ?? [])
    .map((i) => problem(field, expr, `parse error at ${describePosition(expr, i.from)}: ${i.what}`, i.fix))
    .filter((m) => !seen.has(m) && !!seen.add(m));
}

/**
 * How many expressions (per set of enabled features) {@link issuesOf} remembers. Checking is
 * pure, and the same expression is usually checked more than once: when its construct is
 * created and again at synth, and once per cluster when rule packs are shared by a fleet.
 */
const ISSUE_CACHE_LIMIT = 20_000;
const issueCache = new Map<string, Map<string, readonly Issue[]>>();

/** The issues of `expr`, parsed and checked once per expression and feature set. */
function issuesOf(expr: string, enabledFeatures: readonly PromQLFeature[]): readonly Issue[] {
  const featureKey = [...enabledFeatures].sort().join(',');
  let cache = issueCache.get(featureKey);
  if (!cache) {
    cache = new Map();
    issueCache.set(featureKey, cache);
  }
  const cached = cache.get(expr);
  if (cached) { return cached; }
  const issues = parseIssues(expr, enabledFeatures);
  if (cache.size >= ISSUE_CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (!oldest.done) { cache.delete(oldest.value); }
  }
  cache.set(expr, issues);
  return issues;
}

/** Parses `expr` and runs the semantic checks: the issues, uncached. */
function parseIssues(expr: string, enabledFeatures: readonly PromQLFeature[]): readonly Issue[] {
  const tree = parsePromQL(expr);
  let first: SyntaxError | undefined;
  tree.iterate({
    enter: (n) => {
      if (first) { return false; }
      if (n.type.isError) {
        first = { from: n.from, to: n.to, parent: n.node.parent?.name };
        return false;
      }
      return undefined;
    },
  });
  const issues: Issue[] = [];
  if (first) {
    issues.push(syntaxIssue(expr, first));
  } else {
    issues.push(...checkSemantics(expr, toAst(tree.topNode), new Set(enabledFeatures)));
  }
  return issues;
}
