/**
 * The Alertmanager configuration prometheus-operator v0.93 generates for one Alertmanager CR
 * from the AlertmanagerConfig CRs of an app (`provisionAlertmanagerConfiguration` in
 * pkg/alertmanager/operator.go, `ConfigBuilder` in pkg/alertmanager/amcfg.go).
 *
 * @module
 */
import {
  AlertmanagerConfigSpec, CrdRoute, convertInhibitRule, convertRoute, convertTimeInterval, namespacedName, validateAlertmanagerConfig,
} from './alertmanager-config-crd';
import { convertGlobalConfig } from './global-config';
import { LabelSelector, namespaceLabelsOf, selectorMatches } from './label-selector';
import { formatMatcher } from './matchers';
import { ConversionContext, MissingSecretError, convertReceiver } from './receivers';
import {
  KubeManifest, NativeAlertmanagerConfig, NativeInhibitRule, NativeReceiver, NativeRoute, NativeTimeInterval, SecretResolver,
} from './types';
import { faithfulYaml } from '../yaml/faithful';

/** Inputs of {@link renderEffectiveConfig}. */
export interface EffectiveConfigOptions {
  /** The Alertmanager CR (`monitoring.coreos.com/v1`). */
  readonly alertmanager: KubeManifest;
  /**
   * Every AlertmanagerConfig CR of the app, including the one named by
   * `spec.alertmanagerConfiguration.name`. Manifests of other kinds are ignored, so the whole
   * synthesized list may be passed.
   */
  readonly alertmanagerConfigs: readonly KubeManifest[];
  /**
   * Labels of namespaces, for `alertmanagerConfigNamespaceSelector`.
   * `kubernetes.io/metadata.name: <ns>` is always added, as the API server does.
   * @default - namespaces carry only `kubernetes.io/metadata.name`
   */
  readonly namespaceLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * Resolves secret keys named by the CRs. Returning `undefined` makes the CR count as rejected,
   * as the operator skips a CR whose secret is missing.
   * @default - {@link secretPlaceholder}
   */
  readonly resolveSecret?: SecretResolver;
  /**
   * Native integration lists to remove from every receiver (the receiver itself stays, so routes
   * remain valid), e.g. {@link ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS} to check the result
   * with amtool 0.25. Each removal is reported in `omitted`.
   * @default - none
   */
  readonly omitIntegrations?: readonly string[];
}

/** An AlertmanagerConfig the operator would skip, and why. */
export interface RejectedConfig {
  /** `<namespace>/<name>`. */
  readonly name: string;
  readonly reason: string;
}

/** An integration list removed by `omitIntegrations`. */
export interface OmittedIntegration {
  readonly receiver: string;
  readonly integration: string;
}

/** Result of {@link renderEffectiveConfig}. */
export interface EffectiveConfig {
  /** The native `alertmanager.yaml` object. */
  readonly config: NativeAlertmanagerConfig;
  /** `<namespace>/<name>` of the merged AlertmanagerConfigs, in route order. */
  readonly selected: readonly string[];
  readonly rejected: readonly RejectedConfig[];
  readonly omitted: readonly OmittedIntegration[];
}

interface AlertmanagerSpec {
  readonly alertmanagerConfigSelector?: LabelSelector | null;
  readonly alertmanagerConfigNamespaceSelector?: LabelSelector | null;
  readonly alertmanagerConfigMatcherStrategy?: { readonly type?: string };
  readonly alertmanagerConfiguration?: {
    readonly name: string;
    readonly global?: Readonly<Record<string, unknown>>;
    readonly templates?: ReadonlyArray<{ readonly configMap?: { readonly key: string }; readonly secret?: { readonly key: string } }>;
  };
}

/** Where the operator mounts `alertmanagerConfiguration.templates` (`alertmanagerTemplatesDir`). */
const TEMPLATES_DIR = '/etc/alertmanager/templates';
const ROUTE_KEY_ORDER: ReadonlyArray<keyof NativeRoute> = [
  'receiver', 'group_by', 'match', 'match_re', 'matchers', 'continue', 'routes',
  'group_wait', 'group_interval', 'repeat_interval', 'mute_time_intervals', 'active_time_intervals',
];

/** The namespace of a manifest (`default` when unset). */
export function namespaceOf(m: KubeManifest): string {
  return m.metadata.namespace ?? 'default';
}

/**
 * The default stand-in for a secret value: `https://secret.invalid/<ns>/<name>/<key>` for URL
 * fields (Alertmanager parses them, and `.invalid` never resolves), `<secret:<ns>/<name>/<key>>`
 * for the rest.
 */
export function secretPlaceholder(namespace: string, name: string, key: string, nativeField: string): string {
  return /url$/.test(nativeField) ? `https://secret.invalid/${namespace}/${name}/${key}` : `<secret:${namespace}/${name}/${key}>`;
}

function conversionContext(namespace: string, resolveSecret: SecretResolver | undefined): ConversionContext {
  return {
    namespace,
    resolve: (ref, field) => {
      if (!resolveSecret) { return secretPlaceholder(namespace, ref.name, ref.key, field); }
      const value = resolveSecret(namespace, ref.name, ref.key);
      if (value === undefined) { throw new MissingSecretError(`secret ${namespace}/${ref.name} has no key "${ref.key}" (field ${field})`); }
      return value;
    },
  };
}

/**
 * The AlertmanagerConfigs the operator merges into `alertmanager`'s configuration, sorted by
 * `<namespace>/<name>` (validity not yet checked). `alertmanagerConfigSelector` nil selects none
 * and `{}` all; `alertmanagerConfigNamespaceSelector` nil means the Alertmanager's own namespace.
 * The CR named by `alertmanagerConfiguration.name` is never selected.
 * @throws Error when two manifests share a namespace and name
 */
export function selectAlertmanagerConfigs(
  alertmanager: KubeManifest,
  manifests: readonly KubeManifest[],
  namespaceLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>,
): KubeManifest[] {
  const spec = (alertmanager.spec ?? {}) as AlertmanagerSpec;
  const amNs = namespaceOf(alertmanager);
  const base = spec.alertmanagerConfiguration?.name;
  const seen = new Map<string, KubeManifest>();
  for (const m of manifests.filter((x) => x.kind === 'AlertmanagerConfig')) {
    const key = `${namespaceOf(m)}/${m.metadata.name}`;
    if (seen.has(key)) { throw new Error(`two AlertmanagerConfig manifests are named ${key}; Kubernetes keeps only one`); }
    seen.set(key, m);
  }
  const nsSelector = spec.alertmanagerConfigNamespaceSelector;
  return [...seen.entries()]
    .filter(([, m]) => {
      const ns = namespaceOf(m);
      const nsSelected = nsSelector === undefined || nsSelector === null
        ? ns === amNs
        : selectorMatches(nsSelector, namespaceLabelsOf(ns, namespaceLabels));
      return nsSelected
        && !(base !== undefined && ns === amNs && m.metadata.name === base)
        && selectorMatches(spec.alertmanagerConfigSelector, m.metadata.labels ?? {});
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, m]) => m);
}

function orderRoute(r: NativeRoute): NativeRoute {
  const out: Record<string, unknown> = {};
  for (const k of ROUTE_KEY_ORDER) {
    if (r[k] !== undefined) { out[k] = r[k]; }
  }
  return out as NativeRoute;
}

interface Base {
  readonly global: Record<string, unknown>;
  readonly route: NativeRoute;
  readonly inhibitRules: NativeInhibitRule[];
  readonly receivers: NativeReceiver[];
  readonly timeIntervals: NativeTimeInterval[];
  readonly templates: string[];
}

/** The base configuration: the CR named by `alertmanagerConfiguration.name`, or the operator's default. */
function buildBase(am: KubeManifest, manifests: readonly KubeManifest[], resolveSecret: SecretResolver | undefined): Base {
  const amNs = namespaceOf(am);
  const ctx = conversionContext(amNs, resolveSecret);
  const ac = ((am.spec ?? {}) as AlertmanagerSpec).alertmanagerConfiguration;
  if (!ac) {
    // defaultAlertmanagerConfiguration() in operator.go: route to 'null', no integrations.
    return { global: convertGlobalConfig(undefined, ctx), route: { receiver: 'null' }, inhibitRules: [], receivers: [{ name: 'null' }], timeIntervals: [], templates: [] };
  }
  const where = `Alertmanager ${amNs}/${am.metadata.name}: spec.alertmanagerConfiguration.name "${ac.name}"`;
  const cr = manifests.find((m) => m.kind === 'AlertmanagerConfig' && namespaceOf(m) === amNs && m.metadata.name === ac.name);
  if (!cr) {
    throw new Error(`${where} names no AlertmanagerConfig in namespace ${amNs}; the operator fails the reconciliation. Fix: add AlertmanagerConfig ${amNs}/${ac.name}`);
  }
  const spec = (cr.spec ?? {}) as AlertmanagerConfigSpec;
  const problem = validateAlertmanagerConfig(spec) ?? rootRouteProblem(spec.route);
  if (problem) { throw new Error(`${where} is invalid, so the operator fails the reconciliation: ${problem}`); }
  try {
    return {
      global: convertGlobalConfig(ac.global, ctx),
      route: orderRoute(convertRoute(spec.route as CrdRoute, amNs, ac.name)),
      inhibitRules: (spec.inhibitRules ?? []).map(convertInhibitRule),
      receivers: (spec.receivers ?? []).map((r) => convertReceiver(namespacedName(amNs, ac.name, r.name) as string, r, ctx)),
      timeIntervals: (spec.muteTimeIntervals ?? []).map((t) => convertTimeInterval(t, amNs, ac.name)),
      templates: (ac.templates ?? []).flatMap((t) => [t.configMap?.key, t.secret?.key]).filter((k): k is string => !!k).map((k) => `${TEMPLATES_DIR}/${k}`),
    };
  } catch (e) {
    throw e instanceof MissingSecretError ? new Error(`${where}: ${e.message}; the operator fails the reconciliation`) : e;
  }
}

/** `checkAlertmanagerConfigRootRoute`: what the base CR's route may not have. */
function rootRouteProblem(route: CrdRoute | undefined): string | undefined {
  if (!route) { return 'root route must exist'; }
  if (route.continue) { return 'cannot have continue in root route'; }
  if ((route.matchers ?? []).length > 0) { return "'matchers' not permitted on root route"; }
  if ((route.muteTimeIntervals ?? []).length > 0) { return "'mute_time_intervals' not permitted on root route"; }
  if ((route.activeTimeIntervals ?? []).length > 0) { return "'active_time_intervals' not permitted on root route"; }
  return undefined;
}

/** Whether the matcher strategy adds `namespace="<cr ns>"` for a CR in `crNs` (getEnforcer). */
function enforcesNamespace(strategy: string | undefined, amNs: string, crNs: string): boolean {
  switch (strategy) {
    case 'None': return false;
    case 'OnNamespaceExceptForAlertmanagerNamespace': return crNs !== amNs;
    default: return true; // OnNamespace, and anything unknown
  }
}

function withoutSpaces(s: string): string {
  return s.replace(/ /g, '');
}

function appendOnce(list: string[] | undefined, matcher: string): string[] {
  const l = list ?? [];
  return l.some((m) => withoutSpaces(m) === withoutSpaces(matcher)) ? l : [...l, matcher];
}

/**
 * Renders the configuration prometheus-operator v0.93 generates for `options.alertmanager`.
 *
 * - Base: the CR named by `spec.alertmanagerConfiguration.name` (in the Alertmanager's
 *   namespace). Its names are prefixed `<ns>/<name>/` like any CR's, but no namespace matcher is
 *   added and its route is the root route. Without `alertmanagerConfiguration`, the operator's
 *   default (`route: {receiver: "null"}`, `receivers: [{name: "null"}]`) is used.
 * - Each selected, valid CR contributes a first-level route (`continue: true`, plus
 *   `namespace="<cr ns>"` unless the matcher strategy says otherwise), placed before the base's
 *   own routes in `<ns>/<name>` order; its receivers and time intervals (dropped if it has no
 *   route) and inhibition rules (namespace matcher added to source and target).
 * @throws Error when the base CR is missing or invalid (the operator fails the reconciliation)
 */
export function renderEffectiveConfig(options: EffectiveConfigOptions): EffectiveConfig {
  const am = options.alertmanager;
  if (am.kind !== 'Alertmanager') { throw new Error(`renderEffectiveConfig needs an Alertmanager manifest, got kind ${am.kind}`); }
  const amNs = namespaceOf(am);
  const strategy = ((am.spec ?? {}) as AlertmanagerSpec).alertmanagerConfigMatcherStrategy?.type;
  const base = buildBase(am, options.alertmanagerConfigs, options.resolveSecret);
  const subRoutes: NativeRoute[] = [];
  const receivers = [...base.receivers];
  const inhibitRules = [...base.inhibitRules];
  const timeIntervals = [...base.timeIntervals];
  const selected: string[] = [];
  const rejected: RejectedConfig[] = [];

  for (const cr of selectAlertmanagerConfigs(am, options.alertmanagerConfigs, options.namespaceLabels)) {
    const ns = namespaceOf(cr);
    const name = cr.metadata.name;
    const spec = (cr.spec ?? {}) as AlertmanagerConfigSpec;
    const problem = validateAlertmanagerConfig(spec);
    if (problem) {
      rejected.push({ name: `${ns}/${name}`, reason: problem });
      continue;
    }
    let crReceivers: NativeReceiver[];
    try {
      crReceivers = (spec.receivers ?? []).map((r) => convertReceiver(namespacedName(ns, name, r.name) as string, r, conversionContext(ns, options.resolveSecret)));
    } catch (e) {
      if (!(e instanceof MissingSecretError)) { throw e; }
      rejected.push({ name: `${ns}/${name}`, reason: e.message });
      continue;
    }
    const enforce = enforcesNamespace(strategy, amNs, ns);
    const nsMatcher = formatMatcher({ name: 'namespace', type: '=', value: ns });
    for (const rule of (spec.inhibitRules ?? []).map(convertInhibitRule)) {
      inhibitRules.push(enforce
        ? { ...rule, target_matchers: appendOnce(rule.target_matchers, nsMatcher), source_matchers: appendOnce(rule.source_matchers, nsMatcher) }
        : rule);
    }
    selected.push(`${ns}/${name}`);
    if (!spec.route) { continue; } // the operator drops the receivers of a CR without route
    const route = convertRoute(spec.route, ns, name);
    subRoutes.push(orderRoute({ ...route, matchers: enforce ? [...(route.matchers ?? []), nsMatcher] : route.matchers, continue: true }));
    receivers.push(...crReceivers);
    timeIntervals.push(...(spec.muteTimeIntervals ?? []).map((t) => convertTimeInterval(t, ns, name)));
  }

  const omitted: OmittedIntegration[] = [];
  for (const r of receivers) {
    for (const integration of options.omitIntegrations ?? []) {
      if (r[integration] !== undefined) {
        delete r[integration];
        omitted.push({ receiver: r.name, integration });
      }
    }
  }
  const config: NativeAlertmanagerConfig = {
    global: base.global,
    route: orderRoute({ ...base.route, routes: [...subRoutes, ...(base.route.routes ?? [])] }),
    ...(inhibitRules.length > 0 ? { inhibit_rules: inhibitRules } : {}),
    receivers,
    ...(timeIntervals.length > 0 ? { mute_time_intervals: timeIntervals } : {}),
    templates: base.templates,
  };
  if (config.route.routes?.length === 0) { delete config.route.routes; }
  return { config, selected, rejected, omitted };
}

/**
 * Serialises a native configuration as `alertmanager.yaml` (no line folding, no YAML aliases;
 * every string quoted that a YAML 1.1 or 1.2 reader, such as Alertmanager's, would not read back
 * as the same string).
 */
export function toYaml(config: NativeAlertmanagerConfig): string {
  return faithfulYaml(config, { aliasDuplicateObjects: false });
}
