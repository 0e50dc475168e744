/**
 * Alertmanager's routing, as `dispatch.Route.Match` (0.25) runs it on a native configuration.
 *
 * The tree is built like `dispatch.NewRoute`: every route inherits its parent's options
 * (receiver, group_by, timers; the root inherits the defaults 30s / 5m / 4h), `match`,
 * `match_re` and `matchers` are combined and sorted by name, value, type. Matching is
 * depth-first: a route matches when all its matchers do; children are tried in order and the
 * first matching child ends the search unless it has `continue: true`; a matching route none of
 * whose children match is itself the result.
 *
 * @module
 */
import { durationToMs } from './durations';
import {
  CompiledMatcher, LabelMatcher, allMatch, compareMatchers, compileMatcher, formatMatcher, parseMatchers,
} from './matchers';
import { NativeRoute } from './types';

/** Alertmanager's `DefaultRouteOpts` timers. */
export const DEFAULT_TIMERS = { groupWait: '30s', groupInterval: '5m', repeatInterval: '4h' } as const;

/** A route an alert reaches, with everything that decides how it is notified. */
export interface RoutingMatch {
  /** The receiver (inherited from the nearest ancestor that names one). */
  readonly receiver: string;
  /** Child indexes from the root to the matched route; `[]` is the root. */
  readonly routePath: readonly number[];
  /** `Route.Key()`: the sorted matchers of each route on the path, `{…}/{…}`. */
  readonly routeKey: string;
  /** The aggregation group key, `<routeKey>:<group labels>`, as in the webhook payload's `groupKey`. */
  readonly groupKey: string;
  /** Effective `group_by`; `['...']` when grouping by all labels. */
  readonly groupBy: readonly string[];
  /** The alert's labels that form its group. */
  readonly groupLabels: Readonly<Record<string, string>>;
  readonly groupWait: string;
  readonly groupInterval: string;
  readonly repeatInterval: string;
  readonly groupWaitMs: number;
  readonly groupIntervalMs: number;
  readonly repeatIntervalMs: number;
  /** Not inherited, as in Alertmanager. */
  readonly muteTimeIntervals: readonly string[];
  readonly activeTimeIntervals: readonly string[];
}

interface CompiledRoute {
  readonly receiver: string;
  readonly matchers: readonly CompiledMatcher[];
  readonly continue: boolean;
  readonly key: string;
  readonly groupBy: readonly string[];
  readonly groupByAll: boolean;
  readonly groupWait: string;
  readonly groupInterval: string;
  readonly repeatInterval: string;
  readonly muteTimeIntervals: readonly string[];
  readonly activeTimeIntervals: readonly string[];
  readonly children: readonly CompiledRoute[];
}

const compiledTrees = new WeakMap<NativeRoute, CompiledRoute>();

function compile(r: NativeRoute, parent: CompiledRoute | undefined): CompiledRoute {
  const parsed: LabelMatcher[] = [
    ...Object.entries(r.match ?? {}).map(([name, value]): LabelMatcher => ({ name, type: '=', value })),
    ...Object.entries(r.match_re ?? {}).map(([name, value]): LabelMatcher => ({ name, type: '=~', value })),
    ...(r.matchers ?? []).flatMap(parseMatchers),
  ].sort(compareMatchers);
  const groupByStr = r.group_by ?? [];
  const labelsOnly = groupByStr.filter((l) => l !== '...');
  // NewRoute: explicit labels replace the parent's grouping; '...' alone switches to all labels.
  const groupBy = labelsOnly.length > 0 ? labelsOnly : (parent?.groupBy ?? []);
  const groupByAll = labelsOnly.length > 0 ? false : (groupByStr.includes('...') || (parent?.groupByAll ?? false));
  const node: Omit<CompiledRoute, 'children'> = {
    receiver: r.receiver || parent?.receiver || '',
    matchers: parsed.map(compileMatcher),
    continue: r.continue === true,
    key: `${parent ? `${parent.key}/` : ''}{${parsed.map(formatMatcher).join(',')}}`,
    groupBy,
    groupByAll,
    groupWait: r.group_wait ?? parent?.groupWait ?? DEFAULT_TIMERS.groupWait,
    groupInterval: r.group_interval ?? parent?.groupInterval ?? DEFAULT_TIMERS.groupInterval,
    repeatInterval: r.repeat_interval ?? parent?.repeatInterval ?? DEFAULT_TIMERS.repeatInterval,
    muteTimeIntervals: r.mute_time_intervals ?? [],
    activeTimeIntervals: r.active_time_intervals ?? [],
  };
  const withChildren = node as CompiledRoute & { children: CompiledRoute[] };
  withChildren.children = (r.routes ?? []).map((child) => compile(child, withChildren));
  return withChildren;
}

function compiledTree(root: NativeRoute): CompiledRoute {
  let tree = compiledTrees.get(root);
  if (!tree) {
    tree = compile(root, undefined);
    compiledTrees.set(root, tree);
  }
  return tree;
}

function match(r: CompiledRoute, labels: Readonly<Record<string, string>>, path: number[]): Array<[CompiledRoute, number[]]> {
  if (!allMatch(r.matchers, labels)) { return []; }
  const all: Array<[CompiledRoute, number[]]> = [];
  for (const [i, child] of r.children.entries()) {
    const found = match(child, labels, [...path, i]);
    all.push(...found);
    if (found.length > 0 && !child.continue) { break; }
  }
  return all.length > 0 ? all : [[r, path]];
}

/** Go's `%q` for the printable strings label values usually are (`model.LabelSet.String`). */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') { out += `\\${ch}`; } else if (ch === '\n') { out += '\\n'; } else if (ch === '\t') { out += '\\t'; } else if (ch === '\r') { out += '\\r'; } else if (c < 0x20 || c === 0x7f) { out += `\\x${c.toString(16).padStart(2, '0')}`; } else { out += ch; }
  }
  return `${out}"`;
}

/** `model.LabelSet.String()`: `{a="1", b="2"}`, sorted by name. */
export function formatLabelSet(labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${names.map((n) => `${n}=${goQuote(labels[n])}`).join(', ')}}`;
}

/**
 * The receivers an alert with `labels` reaches under `config.route`, in Alertmanager's order
 * (the same list `amtool config routes test` prints).
 * @throws Error when a matcher cannot be parsed or a regex is invalid
 */
export function simulateRouting(config: { readonly route: NativeRoute }, labels: Readonly<Record<string, string>>): RoutingMatch[] {
  return match(compiledTree(config.route), labels, []).map(([r, routePath]) => {
    const groupLabels: Record<string, string> = {};
    for (const [name, value] of Object.entries(labels)) {
      if (r.groupByAll || r.groupBy.includes(name)) { groupLabels[name] = value; }
    }
    return {
      receiver: r.receiver,
      routePath,
      routeKey: r.key,
      groupKey: `${r.key}:${formatLabelSet(groupLabels)}`,
      groupBy: r.groupByAll ? ['...'] : r.groupBy,
      groupLabels,
      groupWait: r.groupWait,
      groupInterval: r.groupInterval,
      repeatInterval: r.repeatInterval,
      groupWaitMs: durationToMs(r.groupWait),
      groupIntervalMs: durationToMs(r.groupInterval),
      repeatIntervalMs: durationToMs(r.repeatInterval),
      muteTimeIntervals: r.muteTimeIntervals,
      activeTimeIntervals: r.activeTimeIntervals,
    };
  });
}

/**
 * Only the receivers of {@link simulateRouting} (the same list, in the same order), without the
 * group keys and timers it also computes: for checks that route many label sets.
 * @throws Error when a matcher cannot be parsed or a regex is invalid
 */
export function routeReceivers(config: { readonly route: NativeRoute }, labels: Readonly<Record<string, string>>): string[] {
  return match(compiledTree(config.route), labels, []).map(([r]) => r.receiver);
}

/** The receiver names {@link simulateRouting} returns, joined like amtool's output (`a,b`). */
export function receiverSlug(matches: readonly RoutingMatch[]): string {
  return matches.map((m) => m.receiver).join(',');
}

/** One route of the tree as `dispatch.NewRoute` builds it, for display (`amtool config routes show`). */
export interface RouteTreeNode {
  /** Child indexes from the root; `[]` is the root. */
  readonly routePath: readonly number[];
  /** The receiver (inherited from the nearest ancestor that names one). */
  readonly receiver: string;
  /** Its own matchers (`match`, `match_re` and `matchers` combined), sorted as Alertmanager sorts them. */
  readonly matchers: readonly LabelMatcher[];
  /** `Matchers.String()`: `{a="1",b=~"x"}`. */
  readonly matchersText: string;
  readonly continue: boolean;
  readonly children: readonly RouteTreeNode[];
}

function toTreeNode(r: CompiledRoute, routePath: readonly number[]): RouteTreeNode {
  const matchers = r.matchers.map(({ name, type, value }) => ({ name, type, value }));
  return {
    routePath,
    receiver: r.receiver,
    matchers,
    matchersText: `{${matchers.map(formatMatcher).join(',')}}`,
    continue: r.continue,
    children: r.children.map((c, i) => toTreeNode(c, [...routePath, i])),
  };
}

/**
 * The route tree of `config` as the simulator (and Alertmanager) builds it: inherited receivers,
 * sorted matchers, in tree order.
 * @throws Error when a matcher cannot be parsed or a regex is invalid
 */
export function routeTree(config: { readonly route: NativeRoute }): RouteTreeNode {
  return toTreeNode(compiledTree(config.route), []);
}
