/**
 * `cdk8s-alerting routes show|test <dir|file...>`: the routing tree of an Alertmanager's
 * effective configuration, and the receivers an alert with given labels reaches, printed exactly
 * as `amtool config routes show|test` (Alertmanager 0.25) prints them for that configuration.
 *
 * The tree and the matching come from the simulator (lib/simulate/route-simulator.ts), whose
 * routing is checked against amtool in test/e2e; the ASCII tree is drawn here the way amtool's
 * treeprint draws it.
 * @module
 */
import { ClusterModel } from '../model/cluster-model';
import { modelOfFiles } from '../model/from-files';
import { ModelObject, describeObject } from '../model/model-object';
import { EffectiveConfig, OperatorReconcileError } from '../simulate/effective-config';
import { effectiveConfigFor } from '../simulate/from-model';
import { parseMatcher } from '../simulate/matchers';
import { RouteTreeNode, receiverSlug, routeTree, simulateRouting } from '../simulate/route-simulator';
import { problemLine } from './format';
import { CliIo, EXIT, UsageError, parseArgs } from './io';

export const ROUTES_USAGE = `usage: cdk8s-alerting routes [show] <dir|file>... [--alertmanager <namespace>/<name>]
       cdk8s-alerting routes test <dir|file>... [<label>=<value>...] [--alertmanager <namespace>/<name>]
                                  [--verify.receivers=<receiver>,...] [--tree]

Works on the configuration prometheus-operator v0.93 generates for an Alertmanager of the YAML
files (folders are searched recursively for *.yaml and *.yml), without a cluster, and prints
what amtool config routes prints for it:
  show   the routing tree (the default)
  test   the receivers an alert with the given labels reaches, comma-separated, in the order
         of the tree; --tree also prints the routes it matches; --verify.receivers exits 1
         (after a WARNING line) when the receivers differ from the given list
Labels are written label=value or label="value" (amtool's syntax); an argument that looks like
one is a label, so write a path such as a=b.yaml as ./a=b.yaml.
--alertmanager names the Alertmanager when the files hold several.
Exit codes: 0 done, 1 the receivers differ from --verify.receivers or the operator cannot
generate the configuration, 2 unusable input or bad usage.`;

/** `name=...`, `name!=...`, `name=~...`, `name!~...`: an argument amtool would read as a label. */
const LABEL_ARG = /^\s*[a-zA-Z_:][a-zA-Z0-9_:]*\s*(=~|=|!=|!~)/;

/**
 * treeprint's drawing, as amtool prints a tree: `.`, then `├── ` / `└── ` branches; below a
 * branch that is not the last, treeprint indents with `│`, two no-break spaces and a space.
 */
function drawTree(root: RouteTreeNode, value: (n: RouteTreeNode) => string, children: (n: RouteTreeNode) => readonly RouteTreeNode[]): string {
  const lines = ['.'];
  const walk = (nodes: readonly RouteTreeNode[], indent: string): void => {
    nodes.forEach((n, i) => {
      const last = i === nodes.length - 1;
      lines.push(`${indent}${last ? '└── ' : '├── '}${value(n)}`);
      walk(children(n), `${indent}${last ? '    ' : '│\u00a0\u00a0 '}`);
    });
  };
  walk([root], '');
  return `${lines.join('\n')}\n`;
}

/** amtool's `getRouteTreeSlug` (0.25): the matchers (`default-route` for none), `continue`, the receiver. */
function slug(node: RouteTreeNode, showContinue: boolean, showReceiver: boolean): string {
  let s = node.matchers.length === 0 ? 'default-route' : node.matchersText;
  if (node.continue && showContinue) { s += '  continue: true'; }
  if (showReceiver) { s += `  receiver: ${node.receiver}`; }
  return s;
}

/** `amtool config routes show`: `Routing tree:` and every route with its receiver. */
export function formatRoutingTree(tree: RouteTreeNode): string {
  return `Routing tree:\n${drawTree(tree, (n) => slug(n, true, true), (n) => n.children)}`;
}

/**
 * `amtool config routes test --tree`: the routes an alert passes through, the final ones (those
 * of `finalPaths`, from {@link simulateRouting}) with their receiver. They are the prefixes of
 * the final paths: amtool's `getMatchingTree` follows the same children `Route.Match` does.
 */
export function formatMatchingTree(tree: RouteTreeNode, finalPaths: ReadonlyArray<readonly number[]>): string {
  const key = (p: readonly number[]) => p.join('/');
  const finals = new Set(finalPaths.map(key));
  const onPath = new Set<string>();
  for (const p of finalPaths) { for (let i = 0; i <= p.length; i++) { onPath.add(key(p.slice(0, i))); } }
  return `Matching routes:\n${drawTree(tree, (n) => slug(n, false, finals.has(key(n.routePath))), (n) => n.children.filter((c) => onPath.has(key(c.routePath))))}`;
}

/** The Alertmanager `--alertmanager` names, or the only one. */
function chooseAlertmanager(model: ClusterModel, wanted: string | undefined, paths: readonly string[]): ModelObject {
  const all = model.alertmanagers;
  const names = all.map((am) => `${am.namespace}/${am.name}`);
  if (all.length === 0) { throw new UsageError(`no Alertmanager object in ${paths.join(', ')}`); }
  if (wanted === undefined) {
    if (all.length === 1) { return all[0]; }
    throw new UsageError(`the input holds ${all.length} Alertmanagers (${names.join(', ')}): choose one with --alertmanager <namespace>/<name>`);
  }
  const found = wanted.includes('/')
    ? all.filter((am) => `${am.namespace}/${am.name}` === wanted)
    : all.filter((am) => am.name === wanted);
  if (found.length === 1) { return found[0]; }
  throw new UsageError(found.length === 0
    ? `--alertmanager ${JSON.stringify(wanted)}: no such Alertmanager in the input (it holds ${names.join(', ')})`
    : `--alertmanager ${JSON.stringify(wanted)}: several Alertmanagers have this name (${found.map((am) => `${am.namespace}/${am.name}`).join(', ')}): write <namespace>/<name>`);
}

/** The labels of `routes test`, parsed as amtool 0.25 parses them (`labels.ParseMatcher`, `=` only). */
function parseLabels(args: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const a of args) {
    let m;
    try {
      m = parseMatcher(a);
    } catch (e) {
      throw new UsageError(`label ${JSON.stringify(a)}: ${(e as Error).message}`);
    }
    if (m.type !== '=') { throw new UsageError(`label ${JSON.stringify(a)}: labels must be specified as key=value pairs`); }
    labels[m.name] = m.value;
  }
  return labels;
}

/** Runs `routes` (`show`, the default, or `test`). */
export function routesCommand(argv: readonly string[], io: CliIo): number {
  const [first, ...after] = argv;
  const sub = first === 'show' || first === 'test' ? first : 'show';
  const rest = first === 'show' || first === 'test' ? after : argv;
  const args = sub === 'test'
    ? parseArgs(rest, ['--help', '--tree'], ['--alertmanager', '--verify.receivers'])
    : parseArgs(rest, ['--help'], ['--alertmanager']);
  if (args.flags.has('--help')) { io.out(ROUTES_USAGE); return EXIT.OK; }
  const paths = sub === 'test' ? args.positional.filter((a) => !LABEL_ARG.test(a)) : args.positional;
  const labelArgs = sub === 'test' ? args.positional.filter((a) => LABEL_ARG.test(a)) : [];
  if (paths.length === 0) { throw new UsageError(`routes ${sub} needs at least one folder or file`); }
  const labels = parseLabels(labelArgs);

  const { model, problems } = modelOfFiles(paths);
  problems.forEach((p) => io.err(problemLine(p)));
  const am = chooseAlertmanager(model, args.values.get('--alertmanager'), paths);
  let effective: EffectiveConfig;
  try {
    effective = effectiveConfigFor(model, am);
  } catch (e) {
    if (!(e instanceof OperatorReconcileError)) { throw e; }
    io.err(`${describeObject(am)}: the operator cannot generate its configuration, so Alertmanager keeps the one it has: ${e.message}`);
    return EXIT.FINDINGS;
  }
  effective.rejected.forEach((r) => io.err(`warning: the operator would reject AlertmanagerConfig ${r.name}, so its routes are not in the tree: ${r.reason}`));
  effective.dropped.forEach((d) => io.err(`warning: the operator would drop ${d.path}${d.source ? ` of AlertmanagerConfig ${d.source}` : ''}: ${d.reason}`));
  const tree = routeTree(effective.config);
  const unusable = problems.length ? EXIT.UNUSABLE : EXIT.OK;

  if (sub === 'show') {
    io.out(formatRoutingTree(tree));
    return unusable;
  }
  const matches = simulateRouting(effective.config, labels);
  if (args.flags.has('--tree')) { io.out(`${formatMatchingTree(tree, matches.map((m) => m.routePath))}\n`); }
  const slugText = receiverSlug(matches);
  io.out(slugText);
  const expected = args.values.get('--verify.receivers');
  if (expected !== undefined && expected !== '' && expected !== slugText) {
    io.out('WARNING: Expected receivers did not match resolved receivers.');
    return EXIT.FINDINGS;
  }
  return unusable;
}
