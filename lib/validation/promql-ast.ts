import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';

/** How many parse trees {@link parsePromQL} keeps: a cluster's worth of rules, and more. */
const TREE_CACHE_LIMIT = 4_000;
const trees = new Map<string, Tree>();

/**
 * `expr` parsed with @prometheus-io/lezer-promql, shared by the checks that read it (validation
 * and label flow parse each expression once while its cluster is built and synthesized).
 */
export function parsePromQL(expr: string): Tree {
  const cached = trees.get(expr);
  if (cached) { return cached; }
  const tree = parser.parse(expr);
  if (trees.size >= TREE_CACHE_LIMIT) {
    const oldest = trees.keys().next();
    if (!oldest.done) { trees.delete(oldest.value); }
  }
  trees.set(expr, tree);
  return tree;
}

/**
 * A small PromQL syntax tree built from the lezer tree, with Prometheus' precedence.
 *
 * The lezer grammar gives the postfix forms (`offset`, `@`, `[range]`, `[range:step]`,
 * `anchored`, `smoothed`) the LOWEST precedence, so `a - b offset 1d` parses as
 * `(a - b) offset 1d` and `-x[5m]` as `(-x)[5m]`. Prometheus' yacc grammar binds them
 * tighter than every operator: `a - (b offset 1d)`, `-(x[5m])`. {@link toAst} moves each
 * postfix form down onto the rightmost operand so that type checking sees Prometheus' tree.
 *
 * Not part of the public API of `lib/validation` (not re-exported from its index).
 *
 * @module
 */

/** Source range of an AST node (`from` inclusive, `to` exclusive). */
interface Span {
  readonly from: number;
  readonly to: number;
}

/** A PromQL expression. `node` is the lezer node whose non-expression children (operators, modifiers, durations) apply. */
export type Ast =
  | Span & { readonly kind: 'number' }
  | Span & { readonly kind: 'string'; readonly node: SyntaxNode }
  | Span & { readonly kind: 'paren'; readonly expr: Ast }
  | Span & { readonly kind: 'unary'; readonly expr: Ast }
  | Span & { readonly kind: 'binary'; readonly node: SyntaxNode; readonly lhs: Ast; readonly rhs: Ast }
  | Span & { readonly kind: 'selector'; readonly node: SyntaxNode }
  | Span & { readonly kind: 'call'; readonly node: SyntaxNode; readonly args: readonly Ast[] }
  | Span & { readonly kind: 'aggregate'; readonly node: SyntaxNode; readonly args: readonly Ast[] }
  /** `node.name` is MatrixSelector, SubqueryExpr, OffsetExpr, StepInvariantExpr, AnchoredExpr or SmoothedExpr. */
  | Span & { readonly kind: 'postfix'; readonly node: SyntaxNode; readonly expr: Ast }
  | Span & { readonly kind: 'unknown' };

const EXPR_NODES = new Set([
  'AggregateExpr', 'BinaryExpr', 'FunctionCall', 'MatrixSelector', 'NumberDurationLiteral', 'OffsetExpr',
  'AnchoredExpr', 'SmoothedExpr', 'ParenExpr', 'StringLiteral', 'SubqueryExpr', 'UnaryExpr', 'VectorSelector',
  'StepInvariantExpr',
]);

const POSTFIX_NODES = new Set(['MatrixSelector', 'SubqueryExpr', 'OffsetExpr', 'StepInvariantExpr', 'AnchoredExpr', 'SmoothedExpr']);

/**
 * The children of a lezer node.
 * @internal
 */
export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) { out.push(c); }
  return out;
}

/**
 * The children of a lezer node that are expressions.
 * @internal
 */
export function exprChildren(node: SyntaxNode): SyntaxNode[] {
  return children(node).filter((c) => EXPR_NODES.has(c.name));
}

/** Applies the postfix `node` to `operand`, descending into binary and unary operands. */
function attachPostfix(node: SyntaxNode, operand: Ast): Ast {
  if (operand.kind === 'binary') {
    return { ...operand, to: node.to, rhs: attachPostfix(node, operand.rhs) };
  }
  if (operand.kind === 'unary') {
    return { ...operand, to: node.to, expr: attachPostfix(node, operand.expr) };
  }
  return { kind: 'postfix', node, expr: operand, from: operand.from, to: node.to };
}

/**
 * Converts a syntactically valid lezer tree (an expression node or the `PromQL` top node)
 * into an {@link Ast} with Prometheus' precedence.
 * @internal
 */
export function toAst(node: SyntaxNode): Ast {
  const span = { from: node.from, to: node.to };
  const exprs = (): Ast[] => exprChildren(node).map(toAst);
  const sub = (of: SyntaxNode | null): Ast[] => (of ? exprChildren(of).map(toAst) : []);
  if (POSTFIX_NODES.has(node.name)) {
    const [operand] = exprs();
    return operand ? attachPostfix(node, operand) : { kind: 'unknown', ...span };
  }
  switch (node.name) {
    case 'PromQL': {
      const [top] = exprs();
      return top ?? { kind: 'unknown', ...span };
    }
    case 'NumberDurationLiteral':
      return { kind: 'number', ...span };
    case 'StringLiteral':
      return { kind: 'string', node, ...span };
    case 'ParenExpr':
    case 'UnaryExpr': {
      const [expr] = exprs();
      return expr ? { kind: node.name === 'ParenExpr' ? 'paren' : 'unary', expr, ...span } : { kind: 'unknown', ...span };
    }
    case 'BinaryExpr': {
      const [lhs, rhs] = exprs();
      return lhs && rhs ? { kind: 'binary', node, lhs, rhs, ...span } : { kind: 'unknown', ...span };
    }
    case 'VectorSelector':
      return { kind: 'selector', node, ...span };
    case 'FunctionCall':
      return { kind: 'call', node, args: sub(node.getChild('FunctionCallBody')), ...span };
    case 'AggregateExpr':
      return { kind: 'aggregate', node, args: sub(node.getChild('FunctionCallBody')), ...span };
    default:
      return { kind: 'unknown', ...span };
  }
}
