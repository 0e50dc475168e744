/**
 * The Alertmanager configuration prometheus-operator v0.93 generates for one Alertmanager CR
 * from its base configuration and the AlertmanagerConfig CRs of an app
 * (`provisionAlertmanagerConfiguration` and `selectAlertmanagerConfigs` in
 * pkg/alertmanager/operator.go, `ConfigBuilder` in pkg/alertmanager/amcfg.go).
 *
 * @module
 */
import {
  AlertmanagerConfigSpec, CrdRoute, convertInhibitRule, convertRoute, convertTimeInterval, namespacedName, validateAlertmanagerConfig,
} from './alertmanager-config-crd';
import {
  AlertmanagerVersion, OPERATOR_DEFAULT_ALERTMANAGER_VERSION, atLeast, formatVersion, parseAlertmanagerVersion,
} from './alertmanager-version';
import { BaseSecret, defaultBaseConfig, findBaseSecret, maskSecretValues, parseRawConfig } from './base-config';
import { convertGlobalConfig, DEFAULT_RESOLVE_TIMEOUT } from './global-config';
import { LabelSelector, namespaceLabelsOf, selectorMatches } from './label-selector';
import { formatMatcher } from './matchers';
import { checkForVersion, validateGlobalConfig } from './operator-validation';
import { secretPlaceholder } from './placeholders';
import { ConversionContext, ConversionError, MissingSecretError, convertReceiver } from './receivers';
import { DroppedField, SanitizeError, sanitizeConfig } from './sanitize';
import {
  KubeManifest, NativeAlertmanagerConfig, NativeInhibitRule, NativeReceiver, NativeRoute, SecretResolver,
} from './types';
import { faithfulYaml } from '../yaml/faithful';

export { secretPlaceholder };

/** Inputs of {@link renderEffectiveConfig}. */
export interface EffectiveConfigOptions {
  /** The Alertmanager CR (`monitoring.coreos.com/v1`). */
  readonly alertmanager: KubeManifest;
  /**
   * Every AlertmanagerConfig CR of the app, including the one named by
   * `spec.alertmanagerConfiguration.name`. Manifests of other kinds are ignored, except Secrets:
   * the base configuration Secret is looked up among them and {@link EffectiveConfigOptions.secrets}.
   * So the whole synthesized list may be passed.
   */
  readonly alertmanagerConfigs: readonly KubeManifest[];
  /**
   * Secret objects: the base configuration Secret (`spec.configSecret`, or
   * `alertmanager-<name>`, key `alertmanager.yaml`) is read from them.
   * @default - only the Secrets among `alertmanagerConfigs`
   */
  readonly secrets?: readonly KubeManifest[];
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
   * Tells whether a Secret key referenced by a CR exists, when `resolveSecret` is not given
   * (values stay placeholders). A key that does not exist rejects the CR.
   * @default - every key exists
   */
  readonly hasSecretKey?: (namespace: string, name: string, key: string) => boolean;
  /**
   * Resolves ConfigMap keys named by the CRs (an OAuth2 `clientId`).
   * @default - a placeholder `<configmap:ns/name/key>`
   */
  readonly resolveConfigMap?: SecretResolver;
  /**
   * Whether the values read from the base configuration Secret are written as they are. When
   * false, its secret fields (passwords, tokens, webhook URLs…) are placeholders like those of
   * the CRs.
   * @default false
   */
  readonly revealSecrets?: boolean;
  /**
   * Native integration lists to remove from every receiver (the receiver itself stays, so routes
   * remain valid), e.g. {@link ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS} to check the result
   * with amtool 0.25. Each removal is reported in `omitted`.
   * @default - none
   */
  readonly omitIntegrations?: readonly string[];
}

/** Why the operator skips an AlertmanagerConfig. */
export enum RejectionCause {
  /** It breaks the operator's semantic validation. */
  INVALID = 'invalid',
  /** It uses an integration or a field the Alertmanager version does not have. */
  VERSION = 'version',
  /** A Secret or ConfigMap key it references is missing, or holds an invalid URL. */
  REFERENCE = 'reference',
}

/** An AlertmanagerConfig the operator would skip, and why. */
export interface RejectedConfig {
  /** `<namespace>/<name>`. */
  readonly name: string;
  readonly reason: string;
  readonly cause: RejectionCause;
}

/** An integration list removed by `omitIntegrations`. */
export interface OmittedIntegration {
  readonly receiver: string;
  readonly integration: string;
}

/** A field the operator leaves out of the generated configuration for the Alertmanager version. */
export interface DroppedConfigField {
  /**
   * `<namespace>/<name>` of the AlertmanagerConfig it came from.
   * @default - it came from the base configuration
   */
  readonly source?: string;
  /** Where it was in the generated configuration, e.g. `receivers["ns/cr/hook"].webhook_configs[0].timeout`. */
  readonly path: string;
  /** What the operator logs. */
  readonly reason: string;
}

/** Where a base configuration is read from. */
export enum BaseConfigKind {
  /** The config Secret (`spec.configSecret`, or `alertmanager-<name>`), or the operator's default in its place. */
  SECRET = 'secret',
  /** The AlertmanagerConfig named by `spec.alertmanagerConfiguration`. */
  ALERTMANAGER_CONFIGURATION = 'alertmanagerConfiguration',
}

/** Where the base configuration came from. */
export interface BaseConfigSource {
  readonly kind: BaseConfigKind;
  readonly namespace: string;
  /** The Secret's or the AlertmanagerConfig's name. */
  readonly name: string;
  /**
   * Whether the base is known: false when the config Secret is not in the model, so the
   * operator's default base configuration was assumed in its place.
   */
  readonly known: boolean;
  /** Whether the operator's default configuration is used. */
  readonly isDefault: boolean;
}

/** Result of {@link renderEffectiveConfig}. */
export interface EffectiveConfig {
  /** The native `alertmanager.yaml` object. */
  readonly config: NativeAlertmanagerConfig;
  /** The Alertmanager version the configuration was generated for, e.g. `0.33.1`. */
  readonly version: string;
  /** Where the base configuration came from. */
  readonly base: BaseConfigSource;
  /** `<namespace>/<name>` of the merged AlertmanagerConfigs, in route order. */
  readonly selected: readonly string[];
  readonly rejected: readonly RejectedConfig[];
  readonly omitted: readonly OmittedIntegration[];
  /** Fields the operator dropped for the Alertmanager version (it logs a warning for each). */
  readonly dropped: readonly DroppedConfigField[];
  /** What was assumed because the model does not say it (e.g. an absent base configuration Secret). */
  readonly assumptions: readonly string[];
}

/** The object an {@link OperatorReconcileError} is about. */
export interface ReconcileCulprit {
  /** `Alertmanager`, `AlertmanagerConfig` or `Secret`. */
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/**
 * The operator cannot generate the configuration: the reconciliation of the Alertmanager fails
 * and Alertmanager keeps running its previous configuration.
 */
export class OperatorReconcileError extends Error {
  constructor(
    message: string,
    /** The object that causes it. */
    public readonly culprit: ReconcileCulprit,
    /** Whether it depends on an assumed base configuration (then it is not provable). */
    public readonly assumed: boolean,
  ) {
    super(message);
  }

  /** The AlertmanagerConfigs the operator had already rejected when it failed. */
  public rejected: readonly RejectedConfig[] = [];
  /** What was assumed because the model does not say it. */
  public assumptions: readonly string[] = [];
}

interface AlertmanagerSpec {
  readonly version?: string;
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

/** The Alertmanager version the operator targets for `am`: `spec.version`, or its default. */
export function alertmanagerVersionOf(am: KubeManifest): AlertmanagerVersion {
  const v = ((am.spec ?? {}) as AlertmanagerSpec).version;
  return parseAlertmanagerVersion(typeof v === 'string' && v !== '' ? v : OPERATOR_DEFAULT_ALERTMANAGER_VERSION);
}

interface ContextOptions {
  readonly resolveSecret?: SecretResolver;
  readonly hasSecretKey?: (namespace: string, name: string, key: string) => boolean;
  readonly resolveConfigMap?: SecretResolver;
  readonly version: AlertmanagerVersion;
}

function conversionContext(namespace: string, o: ContextOptions, extra: Partial<ConversionContext> = {}): ConversionContext {
  return {
    namespace,
    version: o.version,
    resolve: (ref, field) => {
      const value = o.resolveSecret ? o.resolveSecret(namespace, ref.name, ref.key)
        : o.hasSecretKey?.(namespace, ref.name, ref.key) === false ? undefined : secretPlaceholder(namespace, ref.name, ref.key, field);
      if (value === undefined) { throw new MissingSecretError(`secret ${namespace}/${ref.name} has no key "${ref.key}" (field ${field})`); }
      return value;
    },
    resolveConfigMap: o.resolveConfigMap ? (ref) => o.resolveConfigMap!(namespace, ref.name, ref.key) : undefined,
    valuesKnown: o.resolveSecret !== undefined,
    ...extra,
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

/**
 * `checkAlertmanagerConfigResource`: why the operator refuses `cr` for `version`, or `undefined`.
 * Secrets are looked up (and URL secrets validated) through a dry conversion of its receivers.
 */
function checkResource(cr: KubeManifest, o: ContextOptions): { reason: string; cause: RejectionCause } | undefined {
  const ns = namespaceOf(cr);
  const spec = (cr.spec ?? {}) as AlertmanagerConfigSpec;
  const invalid = validateAlertmanagerConfig(spec);
  if (invalid) { return { reason: invalid, cause: RejectionCause.INVALID }; }
  const version = checkForVersion(spec as Record<string, unknown>, o.version);
  if (version) { return { reason: `${version.field}: ${version.reason}`, cause: RejectionCause.VERSION }; }
  try {
    for (const r of spec.receivers ?? []) { convertReceiver(r.name, r, conversionContext(ns, o)); }
  } catch (e) {
    if (e instanceof ConversionError && e.rejects) { return { reason: e.message, cause: RejectionCause.REFERENCE }; }
    if (!(e instanceof ConversionError)) { throw e; }
  }
  return undefined;
}

/** `checkAlertmanagerConfigRootRoute`. */
function rootRouteProblem(route: NativeRoute | undefined): string | undefined {
  if (!route) { return 'root route must exist'; }
  if (route.continue) { return 'cannot have continue in root route'; }
  if (!route.receiver) { return "root route's receiver must exist"; }
  if ((route.matchers ?? []).length > 0 || route.match || route.match_re) { return "'matchers' not permitted on root route"; }
  if ((route.mute_time_intervals ?? []).length > 0) { return "'mute_time_intervals' not permitted on root route"; }
  if ((route.active_time_intervals ?? []).length > 0) { return "'active_time_intervals' not permitted on root route"; }
  return undefined;
}

interface Base {
  readonly config: NativeAlertmanagerConfig;
  readonly source: BaseConfigSource;
  readonly assumptions: string[];
  readonly dropped: DroppedField[];
}

/** `initializeFromAlertmanagerConfig`: the base built from the CR named by `alertmanagerConfiguration.name`. */
function baseFromAlertmanagerConfig(am: KubeManifest, manifests: readonly KubeManifest[], o: ContextOptions): Base {
  const amNs = namespaceOf(am);
  const ac = ((am.spec ?? {}) as AlertmanagerSpec).alertmanagerConfiguration!;
  const where = `Alertmanager ${amNs}/${am.metadata.name}: spec.alertmanagerConfiguration.name "${ac.name}"`;
  const source: BaseConfigSource = { kind: BaseConfigKind.ALERTMANAGER_CONFIGURATION, namespace: amNs, name: ac.name, known: true, isDefault: false };
  const cr = manifests.find((m) => m.kind === 'AlertmanagerConfig' && namespaceOf(m) === amNs && m.metadata.name === ac.name);
  if (!cr) {
    throw new OperatorReconcileError(
      `${where} names no AlertmanagerConfig in namespace ${amNs}; the operator fails the reconciliation. Fix: add AlertmanagerConfig ${amNs}/${ac.name}`,
      { kind: 'Alertmanager', namespace: amNs, name: am.metadata.name }, false,
    );
  }
  const culprit: ReconcileCulprit = { kind: 'AlertmanagerConfig', namespace: amNs, name: ac.name };
  const fail = (problem: string): never => {
    throw new OperatorReconcileError(`${where} is invalid, so the operator fails the reconciliation: ${problem}`, culprit, false);
  };
  const spec = (cr.spec ?? {}) as AlertmanagerConfigSpec;
  const rejected = checkResource(cr, o);
  if (rejected) { fail(rejected.reason); }
  const globalProblem = validateGlobalConfig(ac.global, o.version);
  if (globalProblem) { fail(`global: ${globalProblem}`); }
  try {
    const global = ac.global ? convertGlobalConfig(ac.global, conversionContext(amNs, o)) : undefined;
    const ctx = conversionContext(amNs, o, { global: global ?? {} });
    const config: NativeAlertmanagerConfig = {
      ...(global ? { global } : {}),
      route: spec.route ? orderRoute(convertRoute(spec.route as CrdRoute, amNs, ac.name, o.version)) : (undefined as unknown as NativeRoute),
      inhibit_rules: (spec.inhibitRules ?? []).map((r) => convertInhibitRule(r, o.version)),
      receivers: (spec.receivers ?? []).map((r) => convertReceiver(namespacedName(amNs, ac.name, r.name) as string, r, ctx)),
      mute_time_intervals: (spec.muteTimeIntervals ?? []).map((t) => convertTimeInterval(t, amNs, ac.name)),
      templates: (ac.templates ?? []).flatMap((t) => [t.configMap?.key, t.secret?.key]).filter((k): k is string => !!k).map((k) => `${TEMPLATES_DIR}/${k}`),
    };
    const dropped: DroppedField[] = [];
    if (config.route) { dropped.push(...sanitizeConfig(config, o.version).dropped); }
    const root = rootRouteProblem(config.route);
    if (root) { fail(root); }
    if (!config.global) { config.global = { resolve_timeout: DEFAULT_RESOLVE_TIMEOUT }; }
    return { config, source, assumptions: [], dropped };
  } catch (e) {
    if (e instanceof ConversionError || e instanceof SanitizeError) { return fail(e.message); }
    throw e;
  }
}

/** `loadConfigurationFromSecret` + `InitializeFromRawConfiguration`: the base read from the config Secret. */
function baseFromSecret(am: KubeManifest, secret: BaseSecret, options: EffectiveConfigOptions, validate: boolean): Base {
  const assumptions: string[] = [];
  const known = secret.manifest !== undefined && !secret.encrypted;
  const source: BaseConfigSource = { kind: BaseConfigKind.SECRET, namespace: secret.namespace, name: secret.name, known, isDefault: secret.text === undefined };
  const what = `Secret ${secret.namespace}/${secret.name} (the base configuration of Alertmanager ${namespaceOf(am)}/${am.metadata.name})`;
  if (!secret.manifest) {
    assumptions.push(`${what} is not in the model: assumed absent, so the operator's default base configuration (route to "null") was used`);
  } else if (secret.encrypted) {
    assumptions.push(`${what} is SOPS-encrypted: its content is unknown, so the operator's default base configuration (route to "null") was used in its place`);
  }
  let config: NativeAlertmanagerConfig;
  if (secret.text === undefined) {
    config = defaultBaseConfig();
  } else {
    try {
      config = parseRawConfig(secret.text);
    } catch (e) {
      const what = validate ? 'the operator fails the reconciliation' : 'the operator copies it as is and Alertmanager refuses to load it';
      throw new OperatorReconcileError(
        `Secret ${secret.namespace}/${secret.name} key "alertmanager.yaml" is not a valid Alertmanager configuration, so ${what}: ${(e as Error).message}`,
        { kind: 'Secret', namespace: secret.namespace, name: secret.name }, false,
      );
    }
    if (!options.revealSecrets) { maskSecretValues(config, secret); }
  }
  config.global = { resolve_timeout: DEFAULT_RESOLVE_TIMEOUT, ...(config.global ?? {}) };
  return { config, source, assumptions, dropped: [] };
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

/** `namespaceEnforcer.processInhibitRule`. */
function enforceInhibitRule(rule: NativeInhibitRule, ns: string, v2: boolean): NativeInhibitRule {
  const out: NativeInhibitRule = { ...rule };
  for (const k of ['source_match_re', 'target_match_re'] as const) {
    if (out[k] && 'namespace' in out[k]!) {
      const { namespace: _, ...rest } = out[k]!;
      out[k] = rest;
    }
  }
  if (!v2) {
    out.source_match = { ...(out.source_match ?? {}), namespace: ns };
    out.target_match = { ...(out.target_match ?? {}), namespace: ns };
    return out;
  }
  const matcher = formatMatcher({ name: 'namespace', type: '=', value: ns });
  out.source_matchers = appendOnce(out.source_matchers, matcher);
  out.target_matchers = appendOnce(out.target_matchers, matcher);
  for (const k of ['source_match', 'target_match'] as const) {
    if (out[k] && 'namespace' in out[k]!) {
      const { namespace: _, ...rest } = out[k]!;
      out[k] = rest;
    }
  }
  return out;
}

/**
 * Renders the configuration prometheus-operator v0.93 generates for `options.alertmanager`.
 *
 * - Version: `spec.version`, or the operator's default (v0.33.1). Below 0.22, matchers without
 *   `matchType` become `match`/`match_re`; fields and integrations the version lacks make the
 *   operator reject the CR, drop the field (`dropped`), or fail, as the operator does.
 * - Without `alertmanagerConfigSelector` and `alertmanagerConfiguration`, the config Secret is
 *   used as is.
 * - Base: the CR named by `spec.alertmanagerConfiguration.name` (names prefixed `<ns>/<name>/`,
 *   no namespace matcher, its route is the root route); otherwise the `alertmanager.yaml` key
 *   of the config Secret (`spec.configSecret`, or `alertmanager-<name>`), or the operator's
 *   default (`route: {receiver: "null"}`) when the Secret, its key or its text is missing. A
 *   Secret absent from the inputs is assumed absent, and said so in `assumptions`.
 * - Each selected, valid CR contributes a first-level route (`continue: true`, plus
 *   `namespace="<cr ns>"` unless the matcher strategy says otherwise), placed before the base's
 *   own routes in `<ns>/<name>` order; its receivers and time intervals (dropped if it has no
 *   route) and inhibition rules (namespace matcher added to source and target).
 * @throws OperatorReconcileError when the operator fails the reconciliation (an invalid base, an
 *   email receiver with no smarthost anywhere, a field the version refuses…)
 */
export function renderEffectiveConfig(options: EffectiveConfigOptions): EffectiveConfig {
  const am = options.alertmanager;
  if (am.kind !== 'Alertmanager') { throw new Error(`renderEffectiveConfig needs an Alertmanager manifest, got kind ${am.kind}`); }
  const amNs = namespaceOf(am);
  const amCulprit: ReconcileCulprit = { kind: 'Alertmanager', namespace: amNs, name: am.metadata.name };
  const amSpec = (am.spec ?? {}) as AlertmanagerSpec;
  let version: AlertmanagerVersion;
  try {
    version = alertmanagerVersionOf(am);
  } catch (e) {
    throw new OperatorReconcileError(`Alertmanager ${amNs}/${am.metadata.name}: spec.version: ${(e as Error).message}`, amCulprit, false);
  }
  if (!atLeast(version, '0.15.0') || version.major > 0) {
    throw new OperatorReconcileError(`Alertmanager ${amNs}/${am.metadata.name}: unsupported Alertmanager version "${version.text}"`, amCulprit, false);
  }
  const o: ContextOptions = { resolveSecret: options.resolveSecret, hasSecretKey: options.hasSecretKey, resolveConfigMap: options.resolveConfigMap, version };
  const secrets = [...(options.secrets ?? []), ...options.alertmanagerConfigs].filter((m) => m.kind === 'Secret');
  const result = (config: NativeAlertmanagerConfig, base: Base, rest: Partial<EffectiveConfig>): EffectiveConfig => ({
    config, version: formatVersion(version), base: base.source, selected: [], rejected: [], omitted: [], dropped: [], assumptions: base.assumptions, ...rest,
  });

  if ((amSpec.alertmanagerConfigSelector === undefined || amSpec.alertmanagerConfigSelector === null) && !amSpec.alertmanagerConfiguration) {
    // The user manages the configuration: the Secret is copied as it is.
    const base = baseFromSecret(am, findBaseSecret(am, secrets), options, false);
    return result(base.config, base, { omitted: omit(base.config.receivers, options.omitIntegrations) });
  }

  // selectAlertmanagerConfigs runs before the base is loaded.
  const rejected: RejectedConfig[] = [];
  const accepted: KubeManifest[] = [];
  for (const cr of selectAlertmanagerConfigs(am, options.alertmanagerConfigs, options.namespaceLabels)) {
    const problem = checkResource(cr, o);
    if (problem) {
      rejected.push({ name: `${namespaceOf(cr)}/${cr.metadata.name}`, ...problem });
    } else {
      accepted.push(cr);
    }
  }

  try {
    return mergeInto(am, amSpec, options, o, version, secrets, accepted, rejected, result);
  } catch (e) {
    if (e instanceof OperatorReconcileError) { e.rejected = rejected; }
    throw e;
  }
}

/** `provisionAlertmanagerConfiguration` after the selection: the base, the merge, the final sanitize. */
function mergeInto(
  am: KubeManifest, amSpec: AlertmanagerSpec, options: EffectiveConfigOptions, o: ContextOptions, version: AlertmanagerVersion,
  secrets: readonly KubeManifest[], accepted: readonly KubeManifest[], rejected: RejectedConfig[],
  result: (config: NativeAlertmanagerConfig, base: Base, rest: Partial<EffectiveConfig>) => EffectiveConfig,
): EffectiveConfig {
  const amNs = namespaceOf(am);
  const base = amSpec.alertmanagerConfiguration
    ? baseFromAlertmanagerConfig(am, options.alertmanagerConfigs, o)
    : baseFromSecret(am, findBaseSecret(am, secrets), options, true);
  if (!amSpec.alertmanagerConfiguration) {
    const problem = rootRouteProblem(base.config.route);
    if (problem) {
      throw new OperatorReconcileError(`Secret ${base.source.namespace}/${base.source.name}: check AlertmanagerConfig root route failed: ${problem}`,
        { kind: 'Secret', namespace: base.source.namespace, name: base.source.name }, false);
    }
  }

  const strategy = amSpec.alertmanagerConfigMatcherStrategy?.type;
  const v2 = atLeast(version, '0.22.0');
  const subRoutes: NativeRoute[] = [];
  const receivers = [...base.config.receivers];
  const inhibitRules = [...(base.config.inhibit_rules ?? [])];
  const muteTimeIntervals = [...(base.config.mute_time_intervals ?? [])];
  const selected: string[] = [];
  const origin = new Map<string, string>(); // receiver or time interval name → CR
  const routeOrigin: string[] = [];
  const conversionDrops: DroppedConfigField[] = [];

  for (const cr of accepted) {
    const ns = namespaceOf(cr);
    const name = cr.metadata.name;
    const key = `${ns}/${name}`;
    const spec = (cr.spec ?? {}) as AlertmanagerConfigSpec;
    const enforce = enforcesNamespace(strategy, amNs, ns);
    for (const rule of (spec.inhibitRules ?? []).map((r) => convertInhibitRule(r, version))) {
      inhibitRules.push(enforce ? enforceInhibitRule(rule, ns, v2) : rule);
    }
    selected.push(key);
    if (!spec.route) { continue; } // the operator drops the receivers of a CR without route
    const route = convertRoute(spec.route, ns, name, version);
    const enforced: NativeRoute = !enforce ? route
      : v2 ? { ...route, matchers: [...(route.matchers ?? []), formatMatcher({ name: 'namespace', type: '=', value: ns })] }
        : { ...route, match: { ...(route.match ?? {}), namespace: ns } };
    subRoutes.push(orderRoute({ ...enforced, continue: true }));
    routeOrigin.push(key);
    for (const r of spec.receivers ?? []) {
      const receiverName = namespacedName(ns, name, r.name) as string;
      const ctx = conversionContext(ns, o, {
        global: base.config.global ?? {},
        onDropped: (field, reason) => conversionDrops.push({ source: key, path: `receivers[${JSON.stringify(receiverName)}].${field}`, reason }),
      });
      try {
        receivers.push(convertReceiver(receiverName, r, ctx));
      } catch (e) {
        if (!(e instanceof ConversionError)) { throw e; }
        const failure = new OperatorReconcileError(
          `AlertmanagerConfig ${key}: receiver "${r.name}": ${e.message}; the operator fails the whole configuration of Alertmanager ${amNs}/${am.metadata.name}`,
          { kind: 'AlertmanagerConfig', namespace: ns, name }, !base.source.known,
        );
        failure.assumptions = base.assumptions;
        throw failure;
      }
      origin.set(receiverName, key);
    }
    for (const t of spec.muteTimeIntervals ?? []) {
      const converted = convertTimeInterval(t, ns, name);
      muteTimeIntervals.push(converted);
      origin.set(converted.name, key);
    }
  }

  const config: NativeAlertmanagerConfig = {
    ...(base.config.global ? { global: base.config.global } : {}),
    route: orderRoute({ ...base.config.route, routes: [...subRoutes, ...(base.config.route.routes ?? [])] }),
    ...(inhibitRules.length > 0 ? { inhibit_rules: inhibitRules } : {}),
    receivers,
    ...(muteTimeIntervals.length > 0 ? { mute_time_intervals: muteTimeIntervals } : {}),
    ...(base.config.time_intervals?.length ? { time_intervals: base.config.time_intervals } : {}),
    templates: base.config.templates ?? [],
  };
  if (config.route.routes?.length === 0) { delete config.route.routes; }

  let dropped: readonly DroppedField[];
  try {
    dropped = sanitizeConfig(config, version).dropped;
  } catch (e) {
    if (!(e instanceof SanitizeError)) { throw e; }
    const from = (e.receiver && origin.get(e.receiver)) ?? (e.route !== undefined ? routeOrigin[e.route] : undefined);
    const [crNs, crName] = from ? from.split('/') : [];
    throw new OperatorReconcileError(
      `Alertmanager ${amNs}/${am.metadata.name}: the operator fails to generate the configuration: ${e.message}`,
      from ? { kind: 'AlertmanagerConfig', namespace: crNs, name: crName }
        : base.source.kind === BaseConfigKind.SECRET ? { kind: 'Secret', namespace: base.source.namespace, name: base.source.name }
          : { kind: 'AlertmanagerConfig', namespace: amNs, name: base.source.name },
      false,
    );
  }
  const seen = new Set<string>();
  const allDropped = [...base.dropped, ...dropped].flatMap((d): DroppedConfigField[] => {
    if (seen.has(d.path)) { return []; }
    seen.add(d.path);
    const source = (d.receiver && origin.get(d.receiver)) ?? (d.route !== undefined ? routeOrigin[d.route] : undefined)
      ?? [...origin.entries()].find(([n]) => d.path.includes(JSON.stringify(n)))?.[1];
    return [{ ...(source ? { source } : {}), path: d.path, reason: d.reason }];
  });
  return result(config, base, {
    selected, rejected, dropped: [...conversionDrops, ...allDropped], omitted: omit(receivers, options.omitIntegrations),
  });
}

function omit(receivers: NativeReceiver[], integrations: readonly string[] | undefined): OmittedIntegration[] {
  const omitted: OmittedIntegration[] = [];
  for (const r of receivers) {
    for (const integration of integrations ?? []) {
      if (r[integration] !== undefined) {
        delete r[integration];
        omitted.push({ receiver: r.name, integration });
      }
    }
  }
  return omitted;
}

/**
 * Serialises a native configuration as `alertmanager.yaml` (no line folding, no YAML aliases;
 * every string quoted that a YAML 1.1 or 1.2 reader, such as Alertmanager's, would not read back
 * as the same string).
 */
export function toYaml(config: NativeAlertmanagerConfig): string {
  return faithfulYaml(config, { aliasDuplicateObjects: false });
}

