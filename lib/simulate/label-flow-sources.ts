/**
 * The alert sources of a model of the cluster, with the labels their alerts can carry:
 *
 * - every alerting rule of every PrometheusRule, as evaluated by each Prometheus that loads it
 *   (its external labels, the operator's `prometheus` label and `enforcedNamespaceLabel`);
 * - the events of every Flux Alert whose Provider of type `alertmanager` posts to an
 *   Alertmanager (labels as notification-controller's alertmanager notifier sets them);
 * - alerts declared for sources outside the app, with {@link EXTERNAL_ALERT_SOURCE_KIND}
 *   objects (the `ExternalAlertSource` construct, or the same document in a YAML file).
 *
 * For each Alertmanager, {@link alertWorld} also says what may send alerts the model does not
 * know: when that list is empty, the model proves which alerts can arrive.
 * @module
 */
import { ClusterModel, GROUPS } from '../model/cluster-model';
import { ModelObject, describeObject } from '../model/model-object';
import {
  ANY_OPTIONAL, ANY_PRESENT, AlertLabelShape, LabelValues, alertShapes, isAlwaysFiring, unknownShape,
} from './label-flow';
import { LabelSelector, namespaceLabelsOf, selectorMatches } from './label-selector';

/** The API group of objects that only inform the checks and are never applied. */
export const CHECKS_GROUP = 'cdk8s-alerting.io';
/** `apiVersion` of an {@link EXTERNAL_ALERT_SOURCE_KIND} document. */
export const EXTERNAL_ALERT_SOURCE_API_VERSION = `${CHECKS_GROUP}/v1`;
/**
 * The kind of a document that declares alerts sent to an Alertmanager from outside the app:
 *
 * ```yaml
 * apiVersion: cdk8s-alerting.io/v1
 * kind: ExternalAlertSource
 * metadata: { name: kube-prometheus-stack }
 * spec:
 *   alertNames: [KubePodCrashLooping, KubeNodeNotReady]   # omitted: any alert name
 *   labels: { severity: [warning, critical], namespace: ["*"] }  # omitted: any labels
 *   otherLabels: false          # with labels: whether other labels may be present too
 *   alertmanager: { name: main, namespace: monitoring }  # omitted: every Alertmanager
 * ```
 *
 * It is never applied to a cluster: keep the file outside the folders Flux reconciles, and
 * give it to `cdk8s-alerting check` beside them.
 */
export const EXTERNAL_ALERT_SOURCE_KIND = 'ExternalAlertSource';

/** What kind of thing sends the alerts of an {@link AlertSource}. */
export enum AlertSourceKind {
  /** An alerting rule of a PrometheusRule. */
  RULE = 'rule',
  /** The events of a Flux Alert, posted by an `alertmanager` Provider. */
  FLUX = 'flux',
  /** Alerts declared with an `ExternalAlertSource`. */
  EXTERNAL = 'external',
}

/** Something that sends alerts, with the label sets they can have. */
export interface AlertSource {
  readonly kind: AlertSourceKind;
  /** The PrometheusRule, Flux Alert or ExternalAlertSource that defines it. */
  readonly object: ModelObject;
  /** The field of `object` it comes from, e.g. `spec.groups[0].rules[1]`. */
  readonly field: string;
  /**
   * The alert's name (rules).
   * @default - several or unknown names
   */
  readonly alertname?: string;
  /** In words, for messages: `alert HighErrorRate (PrometheusRule team-a/rules)`. */
  readonly description: string;
  /** Every alert of the source has labels one of these allows. */
  readonly shapes: readonly AlertLabelShape[];
  /**
   * The Prometheus that evaluates the rule.
   * @default - none in the model (not a rule, or loaded by a Prometheus outside the model)
   */
  readonly prometheus?: ModelObject;
  /**
   * The Alertmanagers of the model it sends to.
   * @default - possibly any of them
   */
  readonly alertmanagers?: readonly ModelObject[];
  /** Whether it fires all the time (`vector(1)`, the Watchdog). */
  readonly alwaysFiring: boolean;
}

/** What reaches one Alertmanager. */
export interface AlertWorld {
  /** The Alertmanager. */
  readonly alertmanager: ModelObject;
  /** The sources of the model that may send to it. */
  readonly sources: readonly AlertSource[];
  /** The Prometheuses of the model (in the app or declared as existing) that may send to it. */
  readonly prometheuses: readonly ModelObject[];
  /**
   * Why alerts the model does not describe may arrive too, each in words. Empty when the
   * model holds every source, so that what no source can send provably never arrives.
   */
  readonly assumptions: readonly string[];
}

/** The notification-controller reasons whose alert names serve as examples. */
const FLUX_REASONS = ['ReconciliationFailed', 'HealthCheckFailed', 'DependencyNotReady', 'ArtifactFailed', 'BuildFailed', 'Progressing', 'ReconciliationSucceeded'];
/** The labels Flux's alertmanager notifier sets itself, over any event metadata. */
const FLUX_FIXED_LABELS = ['alertname', 'severity', 'reason', 'kind', 'name', 'namespace', 'reportingcontroller'];
/** The controller that emits the events of each kind. */
const FLUX_CONTROLLER_OF: Readonly<Record<string, string>> = {
  Kustomization: 'kustomize-controller',
  HelmRelease: 'helm-controller',
  ImageRepository: 'image-reflector-controller',
  ImagePolicy: 'image-reflector-controller',
  ImageUpdateAutomation: 'image-automation-controller',
  GitRepository: 'source-controller',
  OCIRepository: 'source-controller',
  HelmRepository: 'source-controller',
  HelmChart: 'source-controller',
  Bucket: 'source-controller',
};
/** Every kind a Flux Alert's event source may name (notification-controller v1.9). */
export const FLUX_EVENT_KINDS: readonly string[] = [
  'Bucket', 'GitRepository', 'Kustomization', 'HelmRelease', 'HelmChart', 'HelmRepository', 'ImageRepository',
  'ImagePolicy', 'ImageUpdateAutomation', 'OCIRepository', 'ArtifactGenerator', 'ExternalArtifact',
];

/** notification-controller's alert name: `Flux` + kind + the reason title-cased (`cases.Title`: only its first letter upper-case). */
export function fluxAlertName(kind: string, reason: string): string {
  return `Flux${kind}${reason.charAt(0).toUpperCase()}${reason.slice(1).toLowerCase()}`;
}

/** Why Flux alerts may carry labels beyond those it always sets. */
export const FLUX_OPEN_REASON = 'the metadata Flux adds to its alerts (e.g. revision, and the objects\' event.toolkit.fluxcd.io/* annotations)';

/**
 * The label set of the alerts Flux's alertmanager notifier posts for events of `kinds`.
 * @param kinds the involved objects' kinds
 * @param severities `error`, or `info` and `error`
 * @param namespace the involved objects' namespace, if known
 * @param name the involved object's name, if one
 * @param metadata the Alert's `eventMetadata`
 */
export function fluxShape(kinds: readonly string[], severities: readonly string[], namespace?: string, name?: string, metadata: Readonly<Record<string, string>> = {}): AlertLabelShape {
  const key = JSON.stringify([kinds, severities, namespace, name, metadata]);
  let shape = fluxShapes.get(key);
  if (!shape) {
    shape = makeFluxShape(kinds, severities, namespace, name, metadata);
    if (fluxShapes.size > 5_000) { fluxShapes.clear(); }
    fluxShapes.set(key, shape);
  }
  return shape;
}
const fluxShapes = new Map<string, AlertLabelShape>();

function makeFluxShape(kinds: readonly string[], severities: readonly string[], namespace?: string, name?: string, metadata: Readonly<Record<string, string>> = {}): AlertLabelShape {
  const labels: Record<string, LabelValues> = { revision: ANY_OPTIONAL };
  for (const [k, v] of Object.entries(metadata)) {
    if (k !== 'summary' && typeof v === 'string') { labels[k] = v === '' ? ANY_OPTIONAL : { values: [v], optional: false, examples: [v] }; }
  }
  const controllers = kinds.map((k) => FLUX_CONTROLLER_OF[k]);
  Object.assign(labels, {
    alertname: {
      optional: false,
      pattern: `Flux(?:${kinds.join('|')})[A-Z][^A-Z]*(?:,[A-Z][^A-Z]*)*`,
      prefixes: kinds.map((k) => `Flux${k}`),
      examples: kinds.flatMap((k) => FLUX_REASONS.map((r) => fluxAlertName(k, r))),
    },
    severity: { values: [...severities], optional: false },
    reason: { ...ANY_PRESENT, examples: FLUX_REASONS },
    kind: { values: [...kinds], optional: false },
    name: name && name !== '*' ? { values: [name], optional: false } : ANY_PRESENT,
    namespace: namespace ? { values: [namespace], optional: false } : ANY_PRESENT,
    reportingcontroller: controllers.every((c) => c !== undefined) ? { values: [...new Set(controllers)], optional: false } : ANY_PRESENT,
  } satisfies Record<string, LabelValues>);
  return { labels, open: true, openReason: FLUX_OPEN_REASON };
}

function isSelector(v: unknown): v is LabelSelector {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `true`, `false`, or `undefined` when it depends on labels of a namespace the model lacks. */
function namespaceSelected(model: ClusterModel, selector: unknown, own: string, ns: string): boolean | undefined {
  if (!isSelector(selector)) { return ns === own; }
  try {
    if (selectorMatches(selector, namespaceLabelsOf(ns, model.namespaceLabelMap))) { return true; }
  } catch {
    return false;
  }
  const keys = [...Object.keys(selector.matchLabels ?? {}), ...(selector.matchExpressions ?? []).map((e) => e.key)];
  return keys.every((k) => k === 'kubernetes.io/metadata.name') || model.knowsNamespace(ns) ? false : undefined;
}

/** Whether Prometheus `p` may load PrometheusRule `rule`. */
function loads(model: ClusterModel, p: ModelObject, rule: ModelObject): boolean {
  const spec = p.manifest.spec ?? {};
  let labelsOk: boolean;
  try { labelsOk = isSelector(spec.ruleSelector) && selectorMatches(spec.ruleSelector, rule.labels); } catch { labelsOk = false; }
  return labelsOk && namespaceSelected(model, spec.ruleNamespaceSelector, p.namespace!, rule.namespace!) !== false;
}

/** Whether a namespace selector names its namespaces (unset, or by `kubernetes.io/metadata.name` only). */
function namesItsNamespaces(selector: unknown): boolean {
  if (!isSelector(selector)) { return true; }
  const labels = Object.keys(selector.matchLabels ?? {});
  const exprs = selector.matchExpressions ?? [];
  if (labels.length === 0 && exprs.length === 0) { return false; }
  return labels.every((k) => k === 'kubernetes.io/metadata.name') && exprs.every((e) => e.key === 'kubernetes.io/metadata.name' && e.operator === 'In');
}

/** The Alertmanagers of the model a Prometheus sends to; `undefined` when possibly any. */
function prometheusTargets(model: ClusterModel, p: ModelObject): ModelObject[] | undefined {
  const spec = p.manifest.spec ?? {};
  if (p.source.external || spec.additionalAlertManagerConfigs) { return undefined; }
  const endpoints: unknown[] = Array.isArray(spec.alerting?.alertmanagers) ? spec.alerting.alertmanagers : [];
  const namespaces = new Set(endpoints.map((e) => (typeof (e as any)?.namespace === 'string' ? (e as any).namespace : p.namespace)));
  return model.alertmanagers.filter((am) => namespaces.has(am.namespace));
}

/** Why Prometheus `p` may change the labels of alerts when it sends them, if it may. */
function relabels(p: ModelObject): string | undefined {
  const spec = p.manifest.spec ?? {};
  const endpoints: any[] = Array.isArray(spec.alerting?.alertmanagers) ? spec.alerting.alertmanagers : [];
  if (spec.additionalAlertRelabelConfigs) { return `the alert relabelling of ${describeObject(p)} (additionalAlertRelabelConfigs)`; }
  if (endpoints.some((e) => Array.isArray(e?.alertRelabelings) && e.alertRelabelings.length > 0)) { return `the alert relabelling of ${describeObject(p)} (alertRelabelings)`; }
  return undefined;
}

/** The external labels `p` adds to alerts (the operator's `prometheus` label; `prometheus_replica` is dropped before sending). */
function externalLabelsOf(p: ModelObject): Record<string, string> {
  const spec = p.manifest.spec ?? {};
  const promLabel = typeof spec.prometheusExternalLabelName === 'string' ? spec.prometheusExternalLabelName : 'prometheus';
  const replicaLabel = typeof spec.replicaExternalLabelName === 'string' ? spec.replicaExternalLabelName : 'prometheus_replica';
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec.externalLabels ?? {})) {
    if (typeof v === 'string' && k !== promLabel && k !== replicaLabel) { out[k] = v; }
  }
  if (promLabel !== '') { out[promLabel] = `${p.namespace}/${p.name}`; }
  return out;
}

/** Whether `p` adds its enforced namespace label to the alerts of `rule`. */
function enforcedLabel(p: ModelObject, rule: ModelObject): { name: string; value: string } | undefined {
  const spec = p.manifest.spec ?? {};
  const name = spec.enforcedNamespaceLabel;
  if (typeof name !== 'string' || name === '') { return undefined; }
  const excluded = (Array.isArray(spec.excludedFromEnforcement) ? spec.excludedFromEnforcement : []).some((r: any) =>
    (r?.resource === 'prometheusrules') && r?.namespace === rule.namespace && (r?.name === undefined || r?.name === rule.name))
    || (Array.isArray(spec.prometheusRulesExcludedFromEnforce) ? spec.prometheusRulesExcludedFromEnforce : []).some((r: any) =>
      r?.ruleNamespace === rule.namespace && r?.ruleName === rule.name);
  return excluded ? undefined : { name, value: rule.namespace! };
}

function stringMap(v: unknown): Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) { return {}; }
  return Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string' || typeof x === 'number').map(([k, x]) => [k, String(x)]));
}

function ruleSources(model: ClusterModel): AlertSource[] {
  const out: AlertSource[] = [];
  const prometheuses = model.prometheuses;
  const targets = new Map(prometheuses.map((p) => [p, prometheusTargets(model, p)]));
  const external = new Map(prometheuses.map((p) => [p, p.source.external ? {} : externalLabelsOf(p)]));
  const anyOwn = prometheuses.some((p) => !p.source.external);
  for (const rule of model.prometheusRules) {
    const loaders = prometheuses.filter((p) => loads(model, p, rule));
    if (loaders.length === 0 && anyOwn) { continue; } // no Prometheus loads it (rule-not-selected): it never fires
    const groups: unknown[] = Array.isArray(rule.manifest.spec?.groups) ? rule.manifest.spec.groups : [];
    const described = describeObject(rule);
    // what each Prometheus that loads the rule does to its alerts: the same for all its rules
    const senders = loaders.map((p) => ({
      p,
      relabel: relabels(p),
      externalLabels: external.get(p),
      enforcedLabel: p.source.external ? undefined : enforcedLabel(p, rule),
      openReason: p.source.external ? `the external labels of ${describeObject(p)}, which is outside the app` : undefined,
    }));
    groups.forEach((g: any, gi) => {
      const rules: unknown[] = Array.isArray(g?.rules) ? g.rules : [];
      const groupLabels = stringMap(g?.labels);
      rules.forEach((r: any, ri) => {
        if (typeof r?.alert !== 'string' || (typeof r.expr !== 'string' && typeof r.expr !== 'number')) { return; }
        const expr = String(r.expr);
        const base = {
          kind: AlertSourceKind.RULE,
          object: rule,
          field: `spec.groups[${gi}].rules[${ri}]`,
          alertname: r.alert,
          description: `alert ${r.alert} (${described})`,
          alwaysFiring: isAlwaysFiring(expr),
        };
        const labels = stringMap(r.labels);
        if (loaders.length === 0) {
          out.push({ ...base, shapes: alertShapes(r.alert, expr, labels, { groupLabels, openReason: `the external labels of the Prometheus outside the model that loads ${r.alert}` }) });
          return;
        }
        for (const { p, relabel, externalLabels, enforcedLabel: enforced, openReason } of senders) {
          const shapes = relabel ? [unknownShape(relabel)] : alertShapes(r.alert, expr, labels, {
            groupLabels, externalLabels, enforcedLabel: enforced, openReason,
          });
          out.push({ ...base, shapes, prometheus: p, alertmanagers: targets.get(p) });
        }
      });
    });
  }
  return out;
}

/** The Alertmanager a URL names by its `alertmanager-operated` service; `null` when it names none of the model, `undefined` when unknown. */
export function alertmanagerOfAddress(model: ClusterModel, address: unknown): ModelObject | null | undefined {
  if (typeof address !== 'string' || address === '') { return undefined; }
  let host: string;
  try { host = new URL(address).hostname; } catch { return null; }
  const m = /^alertmanager-operated\.([a-z0-9-]+)(\.svc(\.cluster\.local)?)?$/.exec(host);
  return (m ? model.alertmanagers.find((am) => am.namespace === m[1]) : undefined) ?? null;
}

function fluxSources(model: ClusterModel): AlertSource[] {
  const out: AlertSource[] = [];
  for (const alert of model.fluxAlerts) {
    const spec = alert.manifest.spec ?? {};
    const provider = model.find(GROUPS.notification, 'Provider', alert.namespace, spec.providerRef?.name ?? '');
    if (!provider || provider.manifest.spec?.type !== 'alertmanager') { continue; }
    const am = alertmanagerOfAddress(model, provider.manifest.spec?.address);
    if (am === null) { continue; } // posts to an Alertmanager outside the model
    const severities = spec.eventSeverity === 'error' ? ['error'] : ['info', 'error'];
    const metadata = stringMap(spec.eventMetadata);
    for (const k of FLUX_FIXED_LABELS) { delete metadata[k]; }
    const sources: any[] = Array.isArray(spec.eventSources) ? spec.eventSources : [];
    sources.forEach((s, i) => {
      const namespace = typeof s?.namespace === 'string' ? s.namespace : alert.namespace!;
      if (namespace === '*' || typeof s?.kind !== 'string') { return; } // '*' matches no namespace
      out.push({
        kind: AlertSourceKind.FLUX,
        object: alert,
        field: `spec.eventSources[${i}]`,
        description: `${spec.eventSeverity === 'error' ? 'error ' : ''}events of ${s.name && s.name !== '*' ? `${s.kind} ${s.name}` : `every ${s.kind}`} in "${namespace}" (Flux ${describeObject(alert)})`,
        shapes: [fluxShape([s.kind], severities, namespace, s.name, metadata)],
        alertmanagers: am ? [am] : undefined,
        alwaysFiring: false,
      });
    });
  }
  return out;
}

function externalSources(model: ClusterModel): AlertSource[] {
  return model.ofKind(CHECKS_GROUP, EXTERNAL_ALERT_SOURCE_KIND).map((o) => {
    const spec = o.manifest.spec ?? {};
    const names = Array.isArray(spec.alertNames) ? spec.alertNames.filter((n: unknown): n is string => typeof n === 'string') : undefined;
    const declared = typeof spec.labels === 'object' && spec.labels !== null && !Array.isArray(spec.labels) ? spec.labels as Record<string, unknown> : undefined;
    const labels: Record<string, LabelValues> = {};
    for (const [k, v] of Object.entries(declared ?? {})) {
      const values = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
      labels[k] = values.length === 0 || values.includes('*') ? ANY_OPTIONAL : { values, optional: true };
    }
    labels.alertname = names && names.length ? { values: names, optional: false } : ANY_PRESENT;
    const open = declared === undefined || spec.otherLabels === true;
    const target = spec.alertmanager;
    const am = target && typeof target.name === 'string'
      ? model.alertmanagers.find((a) => a.name === target.name && a.namespace === (target.namespace ?? 'default'))
      : undefined;
    return {
      kind: AlertSourceKind.EXTERNAL,
      object: o,
      field: 'spec',
      ...(names?.length === 1 ? { alertname: names[0] } : {}),
      description: `alerts declared by ${EXTERNAL_ALERT_SOURCE_KIND} ${o.name}`,
      shapes: [{ labels, open, ...(open ? { openReason: `the alerts of ${EXTERNAL_ALERT_SOURCE_KIND} ${o.name}, which may carry any label` } : {}) }],
      alertmanagers: am ? [am] : undefined,
      alwaysFiring: false,
    };
  });
}

const cache = new WeakMap<ClusterModel, AlertSource[]>();

/** Every alert source of `model` (computed once per model). */
export function alertSources(model: ClusterModel): readonly AlertSource[] {
  let sources = cache.get(model);
  if (!sources) {
    sources = [...ruleSources(model), ...fluxSources(model), ...externalSources(model)];
    cache.set(model, sources);
  }
  return sources;
}

/** Whether `source` may send to `am`. */
export function sendsTo(source: AlertSource, am: ModelObject): boolean {
  return source.alertmanagers === undefined || source.alertmanagers.includes(am);
}

const worlds = new WeakMap<ClusterModel, Map<ModelObject, AlertWorld>>();

/** The sources that may send to `am`, and what the model does not know about the others (computed once per model and Alertmanager). */
export function alertWorld(model: ClusterModel, am: ModelObject): AlertWorld {
  let byAm = worlds.get(model);
  if (!byAm) {
    byAm = new Map();
    worlds.set(model, byAm);
  }
  let world = byAm.get(am);
  if (!world) {
    world = computeWorld(model, am);
    byAm.set(am, world);
  }
  return world;
}

function computeWorld(model: ClusterModel, am: ModelObject): AlertWorld {
  const sources = alertSources(model).filter((s) => sendsTo(s, am));
  const assumptions: string[] = [];
  const senders = model.prometheuses.filter((p) => {
    const targets = prometheusTargets(model, p);
    return targets === undefined || targets.includes(am);
  });
  if (!senders.some((p) => !p.source.external)) {
    assumptions.push(`no Prometheus of the model sends alerts to ${describeObject(am)}, so the rules that fire there are not all in the model`);
  }
  for (const p of senders) {
    const spec = p.manifest.spec ?? {};
    if (p.source.external) {
      assumptions.push(`${describeObject(p)} is outside the app: the rules it loads and its external labels are not all in the model`);
      continue;
    }
    if (!namesItsNamespaces(spec.ruleNamespaceSelector)) {
      assumptions.push(`${describeObject(p)} loads PrometheusRules from namespaces chosen by labels (ruleNamespaceSelector ${JSON.stringify(spec.ruleNamespaceSelector)}), which may hold rules outside the model`);
    }
    const relabel = relabels(p);
    if (relabel) { assumptions.push(`${relabel} may change the alerts' labels`); }
  }
  for (const s of sources) {
    if (s.kind === AlertSourceKind.EXTERNAL) { assumptions.push(`${EXTERNAL_ALERT_SOURCE_KIND} ${s.object.name} declares alerts from outside the app`); }
  }
  return { alertmanager: am, sources, prometheuses: senders, assumptions };
}
