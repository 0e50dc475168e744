/**
 * Which alerts can reach each route of an AlertmanagerConfig: the label flow of every alert
 * source that sends to an Alertmanager loading the config, walked through the config's route
 * tree with the namespace matcher the operator adds. Shared by the routing checks (computed
 * once per run).
 * @module
 */
import { ModelObject } from '../../model/model-object';
import { AlertLabelShape, isAbsent, regexLiteralPrefix, regexLiterals, shapeCanMatch, shapeMustMatch, valuesCanMatch } from '../../simulate/label-flow';
import { AlertSource, AlertWorld, alertWorld } from '../../simulate/label-flow-sources';
import { CompiledMatcher, compileMatcher, ownLabel } from '../../simulate/matchers';
import { CheckContext } from '../check';
import { Severity } from '../finding';
import { alertmanagersLoading, enforcesNamespace, isBaseConfig, matcherStrategy } from './alertmanagers';
import { ConfigRoute, configRoutes } from './routes';

/** One alert shape of one source. */
export interface Candidate {
  readonly source: AlertSource;
  readonly shape: AlertLabelShape;
}

/** A route of a config, with the alerts that can reach it. */
export interface RouteNode {
  readonly route: ConfigRoute;
  /** The route above, if any. */
  readonly parent?: RouteNode;
  /** Earlier siblings, in order. */
  readonly before: readonly RouteNode[];
  /** Alerts that can match every matcher from the top route down (the operator's namespace matcher included). */
  readonly candidates: readonly Candidate[];
  /** Alerts that reach the parent and can match this route's own matchers. */
  readonly arriving: readonly Candidate[];
  /** Of those, the ones no earlier sibling without `continue` catches for sure: the alerts that can reach this route. */
  readonly reaching: readonly Candidate[];
  /** Alerts that would match the path without the operator's namespace matcher (sibling order ignored). */
  readonly withoutNamespace: readonly Candidate[];
}

/** The route tree of one config as one Alertmanager runs it. */
export interface ConfigFlow {
  readonly config: ModelObject;
  readonly alertmanager: ModelObject;
  readonly world: AlertWorld;
  /** The namespace matcher the operator adds to the top route, if it adds one. */
  readonly enforced?: CompiledMatcher;
  /** Every route, depth first (the top route first). */
  readonly routes: readonly RouteNode[];
}

/** Every shape of every source of `world`. */
export function candidatesOf(world: AlertWorld): readonly Candidate[] {
  let c = candidateCache.get(world);
  if (!c) {
    c = world.sources.flatMap((source) => source.shapes.map((shape) => ({ source, shape })));
    candidateCache.set(world, c);
  }
  return c;
}
const candidateCache = new WeakMap<AlertWorld, readonly Candidate[]>();

function analyse(config: ModelObject, am: ModelObject, world: AlertWorld, base: boolean): ConfigFlow {
  const enforced = !base && enforcesNamespace(am, config) ? compileMatcher({ name: 'namespace', type: '=', value: config.namespace! }) : undefined;
  const all = candidatesOf(world);
  const flat = configRoutes(config);
  const nodes: RouteNode[] = [];
  const byRoute = new Map<ConfigRoute['route'], RouteNode>();
  for (const r of flat) {
    const parentRoute = flat.find((p) => Array.isArray(p.route.routes) && p.route.routes.includes(r.route));
    const parent = parentRoute ? byRoute.get(parentRoute.route) : undefined;
    const own = r.matchers;
    const siblings = parent ? nodes.filter((n) => n.parent === parent) : [];
    const canOwn = (c: Candidate) => shapeCanMatch(c.shape, own);
    let candidates: Candidate[];
    let arriving: Candidate[];
    // Below the top route, `withoutNamespace` is computed when a check first reads it: it walks
    // every alert of the Alertmanager, not only the config's namespace, and only a route that
    // no alert reaches needs it (route-unreachable). The top route's is read by
    // namespace-matcher-unsatisfied for every config, and gives the candidates.
    let withoutNamespace: Candidate[] | undefined;
    if (!parent) {
      withoutNamespace = all.filter(canOwn);
      candidates = enforced ? withoutNamespace.filter((c) => shapeCanMatch(c.shape, [enforced])) : withoutNamespace;
      arriving = candidates;
    } else {
      candidates = parent.candidates.filter(canOwn);
      arriving = parent.reaching.filter(canOwn);
    }
    const catching = siblings.filter((s) => s.route.route.continue !== true);
    const reaching = arriving.filter((c) => !catching.some((s) => shapeMustMatch(c.shape, s.route.matchers)));
    const node: RouteNode = {
      route: r, parent, before: siblings, candidates, arriving, reaching,
      get withoutNamespace() { return (withoutNamespace ??= parent!.withoutNamespace.filter(canOwn)); },
    };
    nodes.push(node);
    byRoute.set(r.route, node);
  }
  return { config, alertmanager: am, world, enforced, routes: nodes };
}

/** Every config loaded by an Alertmanager of the model (routing configs and base configs), once per Alertmanager. */
export function configFlows(ctx: CheckContext): readonly ConfigFlow[] {
  return ctx.memo('route-flow', () => {
    const { model } = ctx;
    const worlds = new Map(model.alertmanagers.map((am) => [am, alertWorld(model, am)]));
    const out: ConfigFlow[] = [];
    for (const config of model.alertmanagerConfigs) {
      for (const am of model.alertmanagers) {
        const base = isBaseConfig(am, config);
        if (!base && !alertmanagersLoading(model, config).includes(am)) { continue; }
        out.push(analyse(config, am, worlds.get(am)!, base));
      }
    }
    return out;
  });
}

/**
 * Whether the model knows enough of what reaches the flow's Alertmanager to judge its routes:
 * a Prometheus of the model sends to it. Without one, the model is a slice (say, a team's
 * AlertmanagerConfigs) and every rule is unknown, so the routing checks stay quiet.
 */
export function informative(flow: ConfigFlow): boolean {
  return flow.world.prometheuses.length > 0 && flow.world.sources.length > 0;
}

/** The flows of each config, grouped (a config loaded by two Alertmanagers has two). */
export function flowsByConfig(ctx: CheckContext): Map<ModelObject, ConfigFlow[]> {
  const out = new Map<ModelObject, ConfigFlow[]>();
  for (const f of configFlows(ctx)) { out.set(f.config, [...(out.get(f.config) ?? []), f]); }
  return out;
}

/** Error when every world is closed (the model holds every alert source), else warning. */
export function severityOf(worlds: readonly AlertWorld[]): Severity {
  return worlds.every((w) => w.assumptions.length === 0) ? Severity.ERROR : Severity.WARNING;
}

/** `; assumed: ...` for a warning, naming what the model does not know. */
export function assumedText(worlds: readonly AlertWorld[]): string {
  const all = [...new Set(worlds.flatMap((w) => w.assumptions))];
  return all.length ? ` (a warning, not an error: ${all.join('; ')})` : '';
}

/** The node of `flow` for route field `field`. */
export function nodeAt(flow: ConfigFlow, field: string): RouteNode | undefined {
  return flow.routes.find((n) => n.route.field === field);
}

/** The namespace matcher strategy in words, for messages. */
export function strategyText(flow: ConfigFlow): string {
  return `the ${matcherStrategy(flow.alertmanager)} strategy of Alertmanager ${flow.alertmanager.namespace}/${flow.alertmanager.name}`;
}

/** A list of source descriptions, at most `n`, for messages. */
export function describeSources(sources: readonly AlertSource[], n = 3): string {
  const unique = [...new Set(sources.map((s) => s.description))];
  return unique.length <= n ? unique.join(', ') : `${unique.slice(0, n).join(', ')} and ${unique.length - n} more`;
}

/** How a matcher that needs a non-empty value fares against the alerts of `candidates`. */
export enum Produced {
  /** Some alert's listed labels satisfy it. */
  LISTED = 'listed',
  /** Only alerts that may carry labels the model does not list could satisfy it. */
  OPEN = 'open',
  /** No alert can satisfy it. */
  NEVER = 'never',
}

/** Whether any of `candidates` can satisfy `m` (a matcher that needs a non-empty value), and how. */
export function producedBy(candidates: readonly Candidate[], m: CompiledMatcher): Produced {
  let open = false;
  for (const c of candidates) {
    const lv = ownLabel(c.shape.labels, m.name);
    if (lv) {
      if (valuesCanMatch(lv, [m])) { return Produced.LISTED; }
    } else if (c.shape.open) {
      open = true;
    }
  }
  return open ? Produced.OPEN : Produced.NEVER;
}

/** What a set of candidates says about label names and values, computed once per set. */
export interface Vocabulary {
  /** The label names the candidates list (present or possibly present). */
  readonly names: ReadonlySet<string>;
  /** The values (known, or examples) they list, per label name. */
  readonly values: ReadonlyMap<string, ReadonlySet<string>>;
}

const vocabularies = new WeakMap<readonly Candidate[], Vocabulary>();

/** The {@link Vocabulary} of `candidates` (cached for the same array). */
export function vocabularyOf(candidates: readonly Candidate[]): Vocabulary {
  let v = vocabularies.get(candidates);
  if (v) { return v; }
  const names = new Set<string>();
  const values = new Map<string, Set<string>>();
  for (const c of candidates) {
    for (const [n, lv] of Object.entries(c.shape.labels)) {
      if (isAbsent(lv)) { continue; }
      names.add(n);
      let set = values.get(n);
      if (!set) { set = new Set(); values.set(n, set); }
      for (const x of lv.values ?? lv.examples ?? []) { set.add(x); }
    }
  }
  v = { names, values };
  vocabularies.set(candidates, v);
  return v;
}

/** Whether a route is meant for Flux events: an alertname matcher above or on it that starts with `Flux`. */
export function fluxLooking(route: ConfigRoute): boolean {
  return route.path.some((m) => m.name === 'alertname' && (m.type === '=' || m.type === '=~') && (m.type === '=' ? m.value : regexLiteralPrefix(m.value)).startsWith('Flux'));
}

/** The own matchers of `node` and of every route above it, each with its field, nearest first. */
export function pathMatchers(node: RouteNode): Array<{ readonly m: CompiledMatcher; readonly field: string; readonly text: string; readonly own: boolean }> {
  const out: Array<{ m: CompiledMatcher; field: string; text: string; own: boolean }> = [];
  for (let n: RouteNode | undefined = node; n; n = n.parent) {
    for (const m of n.route.matchers) { out.push({ m, field: `${n.route.field}.matchers[${m.index}]`, text: m.text, own: n === node }); }
  }
  return out;
}

/** What became of the alerts meant for a route, in every flow that has it. */
export enum RouteFate {
  /** Some alert can reach it. */
  REACHED = 'reached',
  /** No alert reaches it, and none reaches its parent either (reported there). */
  BELOW_DEAD = 'below-dead',
  /** No alert that reaches its parent can match it. */
  UNMATCHED = 'unmatched',
  /** Alerts can match it, but an earlier sibling without `continue` catches all of them. */
  SHADOWED = 'shadowed',
}

/** The fate of a route across the flows that have it (`nodes`, one per Alertmanager). */
export function fateOf(nodes: ReadonlyArray<RouteNode | undefined>): RouteFate {
  const present = nodes.filter((n): n is RouteNode => n !== undefined);
  if (present.length === 0 || present.some((n) => n.reaching.length > 0)) { return RouteFate.REACHED; }
  if (!present.some((n) => !n.parent || n.parent.reaching.length > 0)) { return RouteFate.BELOW_DEAD; }
  return present.every((n) => n.arriving.length === 0) ? RouteFate.UNMATCHED : RouteFate.SHADOWED;
}

/** The alert names a route's path pins (`alertname="X"`, or an alternation of literals), if it pins any. */
export function pinnedAlertnames(node: RouteNode): string[] | undefined {
  let names: string[] | undefined;
  for (const m of node.route.path) {
    if (m.name !== 'alertname') { continue; }
    const these = m.type === '=' ? [m.value] : m.type === '=~' ? [...(regexLiterals(m.value) ?? [])] : undefined;
    if (!these || these.length === 0) { continue; }
    names = names ? names.filter((n) => these.includes(n)) : these;
  }
  return names;
}

/**
 * Whether the model shows what a route was meant for: its path pins alert names and an alert
 * source of `flows` fires one of them. A route that misses an alert that exists is a mistake;
 * one that nothing matches yet may be waiting for alerts to come.
 */
export function meantForExistingAlert(node: RouteNode, flows: readonly ConfigFlow[]): boolean {
  const names = pinnedAlertnames(node);
  if (!names?.length) { return false; }
  return flows.some((f) => candidatesOf(f.world).some((c) => c.shape.labels.alertname?.values?.some((v) => names.includes(v))));
}

/** What a warning about a route no alert of a closed model reaches says instead of an assumption. */
export const MAY_BE_FOR_ALERTS_TO_COME = ' (a warning: no alert of the model fits it, but the route may be meant for alerts to come)';

/** Whether a receiver of an AlertmanagerConfig (v1alpha1) has an integration (`webhookConfigs`, `slackConfigs`...). */
function crReceiverNotifies(receiver: unknown): boolean {
  if (typeof receiver !== 'object' || receiver === null) { return true; } // not readable: assume it notifies
  return Object.entries(receiver).some(([k, v]) => k.endsWith('Configs') && Array.isArray(v) && v.length > 0);
}

/**
 * Whether `node` routes to a receiver without integration (a `null` receiver, inherited or its
 * own): a route that drops what it matches. One that matches nothing loses nothing, so the
 * routing checks leave such routes alone (the kube-prometheus defaults route the Watchdog to
 * `null` in apps that may have no Watchdog).
 */
export function dropsWhatItMatches(node: RouteNode, config: ModelObject): boolean {
  let receiver: unknown;
  for (let n: RouteNode | undefined = node; n && receiver === undefined; n = n.parent) {
    if (typeof n.route.route.receiver === 'string' && n.route.route.receiver !== '') { receiver = n.route.route.receiver; }
  }
  if (typeof receiver !== 'string') { return false; }
  const receivers: unknown[] = Array.isArray(config.manifest.spec?.receivers) ? config.manifest.spec.receivers : [];
  const found = receivers.find((r) => (r as { name?: unknown })?.name === receiver);
  return found !== undefined && !crReceiverNotifies(found);
}
