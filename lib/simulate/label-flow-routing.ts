/**
 * Where the alerts of each source can go: Alertmanager's route tree walk (as in
 * {@link simulateRouting}) run on label shapes instead of one label set. A route is followed
 * when some alert of the shape may match it; the walk goes on past a route without `continue`
 * unless every alert of the shape matches it. The receivers found are those the source's
 * alerts can reach (an over-approximation: no other receiver is reachable).
 * @module
 */
import { ClusterModel } from '../model/cluster-model';
import { ModelObject, describeObject } from '../model/model-object';
import { effectiveConfigFor } from './from-model';
import { AlertLabelShape, formatShape, shapeCanMatch, shapeMustMatch } from './label-flow';
import { AlertSource, alertWorld } from './label-flow-sources';
import { CompiledMatcher, LabelMatcher, compileMatcher, parseMatchers } from './matchers';
import { NativeAlertmanagerConfig, NativeReceiver, NativeRoute } from './types';

/** A route an alert can end at. */
export interface AlertDestination {
  /** The route's receiver (inherited from the nearest ancestor that names one). */
  readonly receiver: string;
  /** Child indexes from the root to the route; `[]` is the root. */
  readonly routePath: readonly number[];
  /** Whether the route or one above it (the root excepted) matches on `alertname`: routes made for this alert. */
  readonly byAlertname: boolean;
}

/** Where the alerts of one source can go in one Alertmanager. */
export interface AlertFlow {
  /** The source. */
  readonly source: AlertSource;
  /** The Alertmanager. */
  readonly alertmanager: ModelObject;
  /** Every route the source's alerts can end at, in walk order, without repeats. */
  readonly destinations: readonly AlertDestination[];
  /** The receivers of {@link AlertFlow.destinations}, without repeats. */
  readonly receivers: readonly string[];
  /**
   * Whether no alert of the source is delivered: it can only end at the root route with a
   * receiver that has no integration (the operator's default `null`), or at a receiver without
   * integration that no route chose for this alert by name.
   */
  readonly dropped: boolean;
}

interface Node {
  readonly receiver: string;
  readonly matchers: readonly CompiledMatcher[];
  readonly continue: boolean;
  readonly byAlertname: boolean;
  readonly children: readonly Node[];
}

const trees = new WeakMap<NativeRoute, Node>();

function compile(r: NativeRoute, parent: Node | undefined, root: boolean): Node {
  const parsed: LabelMatcher[] = [
    ...Object.entries(r.match ?? {}).map(([name, value]): LabelMatcher => ({ name, type: '=', value })),
    ...Object.entries(r.match_re ?? {}).map(([name, value]): LabelMatcher => ({ name, type: '=~', value })),
    ...(r.matchers ?? []).flatMap(parseMatchers),
  ];
  const node = {
    receiver: r.receiver || parent?.receiver || '',
    matchers: parsed.map(compileMatcher),
    continue: r.continue === true,
    byAlertname: (!root && parsed.some((m) => m.name === 'alertname' && (m.type === '=' || m.type === '=~'))) || (parent?.byAlertname ?? false),
    children: [] as Node[],
  };
  node.children.push(...(r.routes ?? []).map((c) => compile(c, node, false)));
  return node;
}

function treeOf(route: NativeRoute): Node {
  let t = trees.get(route);
  if (!t) {
    t = compile(route, undefined, true);
    trees.set(route, t);
  }
  return t;
}

function visit(node: Node, shape: AlertLabelShape, path: number[], out: AlertDestination[]): void {
  let caught = false;
  for (const [i, child] of node.children.entries()) {
    if (!shapeCanMatch(shape, child.matchers)) { continue; }
    visit(child, shape, [...path, i], out);
    if (shapeMustMatch(shape, child.matchers)) {
      caught = true;
      if (!child.continue) { break; }
    }
  }
  if (!caught) { out.push({ receiver: node.receiver, routePath: path, byAlertname: node.byAlertname }); }
}

/**
 * The routes of `config` that alerts with one of `shapes` can end at.
 * @throws Error when a matcher of the config cannot be parsed
 */
export function destinationsOf(config: Pick<NativeAlertmanagerConfig, 'route'>, shapes: readonly AlertLabelShape[]): AlertDestination[] {
  const found: AlertDestination[] = [];
  for (const shape of shapes) { visit(treeOf(config.route), shape, [], found); }
  const seen = new Set<string>();
  return found.filter((d) => {
    const key = d.routePath.join('/');
    return !seen.has(key) && !!seen.add(key);
  });
}

/** Whether a native receiver has at least one integration. */
export function hasIntegrations(receiver: NativeReceiver | undefined): boolean {
  if (!receiver) { return false; }
  return Object.entries(receiver).some(([k, v]) => k !== 'name' && Array.isArray(v) && v.length > 0);
}

/** Where the alerts of `sources` can go in `config`, the effective configuration of `am`. */
export function alertFlowsIn(am: ModelObject, config: NativeAlertmanagerConfig, sources: readonly AlertSource[]): AlertFlow[] {
  const receivers = new Map(config.receivers.map((r) => [r.name, r]));
  return sources.map((source) => {
    const destinations = destinationsOf(config, source.shapes);
    const dropped = destinations.every((d) => !hasIntegrations(receivers.get(d.receiver)) && (d.routePath.length === 0 || !d.byAlertname));
    return { source, alertmanager: am, destinations, receivers: [...new Set(destinations.map((d) => d.receiver))], dropped };
  });
}

/**
 * For each alert source of the model that can send to Alertmanager `am` (every alerting rule,
 * Flux Alert event source and declared external source), the receivers its alerts can reach
 * in `am`'s effective configuration.
 * @throws Error when the effective configuration cannot be built (a missing base configuration)
 */
export function labelFlowOf(model: ClusterModel, am: ModelObject): AlertFlow[] {
  return alertFlowsIn(am, effectiveConfigFor(model, am).config, alertWorld(model, am).sources);
}

/**
 * The label-flow view of `flows`, one block per source:
 *
 * ```text
 * alert HighErrorRate (PrometheusRule team-a/rules)
 *   labels {alertname="HighErrorRate", namespace="team-a", service?=*, severity="critical"}
 *   -> team-a/team-a/pagerduty, team-a/team-a/slack
 * ```
 * `*` is any value, `?` marks a label that may be absent, `...` other labels that may be present.
 */
export function formatLabelFlow(flows: readonly AlertFlow[]): string[] {
  const lines: string[] = [];
  for (const f of flows) {
    lines.push(f.source.description + (f.source.prometheus ? ` via ${describeObject(f.source.prometheus)}` : ''));
    for (const s of f.source.shapes) { lines.push(`  labels ${formatShape(s)}`); }
    const quiet = f.source.shapes.every((sh) => sh.labels.severity?.values?.length === 1 && sh.labels.severity.values[0] === 'none');
    const note = !f.dropped ? '' : quiet ? '   (dropped: severity none, not meant to notify)' : '   DROPPED: no receiver delivers it';
    lines.push(`  -> ${f.receivers.join(', ') || '(nothing)'}${note}`);
  }
  return lines;
}
