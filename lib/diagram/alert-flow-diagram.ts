/**
 * A picture of the alert flow of a model: PrometheusRules → Prometheus → Alertmanager → routes
 * → receivers, and Flux event sources → Flux Alerts → Providers (→ Alertmanager), as a Mermaid
 * `flowchart LR`, with the parts no alert can reach highlighted.
 * @module
 */
import { IConstruct } from 'constructs';
import { isBaseConfig, configSelectionGap, providerAlertmanager } from '../checks/lib/alertmanagers';
import { selectsLabels, selectsNamespace } from '../checks/lib/selection';
import { ClusterModel, GROUPS } from '../model/cluster-model';
import { modelOfApp } from '../model/from-app';
import { ModelObject } from '../model/model-object';
import { EffectiveConfig } from '../simulate/effective-config';
import { effectiveConfigFor } from '../simulate/from-model';
import { formatMatcher } from '../simulate/matchers';
import { RouteTreeNode, routeTree } from '../simulate/route-simulator';
import { labelFlowOf } from '../simulate/label-flow-routing';
import { alertWorld } from '../simulate/label-flow-sources';
import { NativeAlertmanagerConfig, NativeReceiver } from '../simulate/types';
import { Flowchart, NodeShape } from './mermaid';

/** The classes the diagram gives to highlighted nodes. */
export enum DiagramClass {
  /** Nothing reaches it: a rule no Prometheus loads, a config no Alertmanager loads, a route no alert can reach... */
  UNREACHABLE = 'unreachable',
  /** Referenced, but not in the input (a Flux Alert's Provider, an Alertmanager endpoint). */
  MISSING = 'missing',
  /** A receiver without integrations: the alerts that end there notify nobody. */
  DROP = 'drop',
}

/** The Mermaid styles of the classes; `unreachable` last, so it wins on a node that has two. */
const CLASS_STYLES: ReadonlyArray<[DiagramClass, string]> = [
  [DiagramClass.DROP, 'fill:#eeeeee,stroke:#757575,color:#424242'],
  [DiagramClass.MISSING, 'fill:#f5f5f5,stroke:#9e9e9e,stroke-dasharray:3 3,color:#616161'],
  [DiagramClass.UNREACHABLE, 'fill:#fde8e8,stroke:#c62828,stroke-width:2px,stroke-dasharray:5 4,color:#b71c1c'],
];

/** A highlighted part of an {@link AlertFlowDiagram}. */
export interface DiagramHighlight {
  /** The Mermaid node id. */
  readonly nodeId: string;
  /** The class it has (`unreachable`, `missing` or `drop`). */
  readonly className: string;
  /** What it is, e.g. `PrometheusRule team-a/rules`. */
  readonly subject: string;
  /** Why it is highlighted. */
  readonly reason: string;
}

/** Options of {@link AlertFlowDiagram}. */
export interface AlertFlowDiagramOptions {
  /**
   * How many alert names a PrometheusRule's node lists before `… and N more`.
   * @default 8
   */
  readonly maxAlertNames?: number;
}

/** `kind ns/name` for labels (Kubernetes names need no quoting; the label escaping does the rest). */
function nameOf(o: Pick<ModelObject, 'namespace' | 'name'>): string {
  return o.namespace === undefined ? o.name : `${o.namespace}/${o.name}`;
}

function byNamespaceAndName(a: ModelObject, b: ModelObject): number {
  const ka = `${a.namespace ?? ''}\u0000${a.name}`;
  const kb = `${b.namespace ?? ''}\u0000${b.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function sorted(objects: readonly ModelObject[]): ModelObject[] {
  return [...objects].sort(byNamespaceAndName);
}

/** The alert names of a PrometheusRule, in file order, without repeats. */
function alertNames(rule: ModelObject): string[] {
  const names: string[] = [];
  const groups: unknown[] = Array.isArray(rule.manifest.spec?.groups) ? rule.manifest.spec.groups : [];
  for (const g of groups) {
    const rules: unknown[] = Array.isArray((g as any)?.rules) ? (g as any).rules : [];
    for (const r of rules) {
      const alert = (r as any)?.alert;
      if (typeof alert === 'string' && !names.includes(alert)) { names.push(alert); }
    }
  }
  return names;
}

/** Whether Prometheus `p` loads PrometheusRule `rule` (as the check `rule-not-selected` decides it). */
function loadsRule(model: ClusterModel, p: ModelObject, rule: ModelObject): boolean {
  const spec = p.manifest.spec ?? {};
  return selectsLabels(spec.ruleSelector, rule.labels)
    && selectsNamespace(model, spec.ruleNamespaceSelector, p.namespace!, rule.namespace!) !== false;
}

/** The `spec.alerting.alertmanagers` endpoints of a Prometheus: namespace and Service name. */
function alertmanagerEndpoints(p: ModelObject): Array<{ namespace: string; service: string }> {
  const list: unknown[] = Array.isArray(p.manifest.spec?.alerting?.alertmanagers) ? p.manifest.spec.alerting.alertmanagers : [];
  return list
    .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
    .map((e) => ({ namespace: typeof e.namespace === 'string' && e.namespace !== '' ? e.namespace : p.namespace!, service: typeof e.name === 'string' ? e.name : '' }));
}

/** The integrations of a native receiver (`webhook`, `slack`...). */
function integrationsOf(r: NativeReceiver): string[] {
  return Object.entries(r)
    .filter(([k, v]) => k.endsWith('_configs') && Array.isArray(v) && v.length > 0)
    .map(([k, v]) => `${k.slice(0, -'_configs'.length)}${(v as unknown[]).length > 1 ? ` ×${(v as unknown[]).length}` : ''}`);
}

/** `a, b, c` wrapped into lines of at most `per` items. */
function wrap(items: readonly string[], per: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += per) { lines.push(items.slice(i, i + per).join(', ')); }
  return lines;
}

function pathKey(p: readonly number[]): string {
  return p.join('/');
}

/**
 * The routes of `config` (the effective configuration of `am`) that no alert can reach, by route
 * path (`0/1`), each with the reason.
 *
 * What the tree alone proves: a route after an earlier sibling that matches every alert (no
 * matchers) and does not continue. And, when the model holds every source that sends to `am`
 * (`alertWorld(model, am).assumptions` is empty), every route on no path the label flow finds for
 * any alert source (`labelFlowOf`: the routes its alerts end at, and the routes above them).
 */
function unreachableRoutes(model: ClusterModel, am: ModelObject, config: NativeAlertmanagerConfig): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (node: RouteTreeNode, dead: boolean): void => {
    if (dead) { out.set(pathKey(node.routePath), 'no alert can reach it: an earlier route without matchers and without continue takes every alert'); }
    let shadowed = dead;
    for (const child of node.children) {
      walk(child, shadowed);
      if (child.matchers.length === 0 && !child.continue) { shadowed = true; }
    }
  };
  const tree = routeTree(config);
  walk(tree, false);
  if (alertWorld(model, am).assumptions.length > 0) { return out; }
  const live = new Set<string>();
  for (const flow of labelFlowOf(model, am)) {
    for (const d of flow.destinations) {
      for (let i = 0; i <= d.routePath.length; i++) { live.add(pathKey(d.routePath.slice(0, i))); }
    }
  }
  const byFlow = (node: RouteTreeNode): void => {
    const key = pathKey(node.routePath);
    if (node.routePath.length > 0 && !live.has(key) && !out.has(key)) {
      out.set(key, 'no alert source of the model can reach it (label flow: the labels its alerts can carry never satisfy this route and the routes above it)');
    }
    node.children.forEach(byFlow);
  };
  byFlow(tree);
  return out;
}

/**
 * The alert flow of a set of Kubernetes objects as a Mermaid `flowchart LR`:
 * PrometheusRules (their alert names) → the Prometheus that loads them → the Alertmanagers it
 * sends to → the routes of each Alertmanager's effective configuration (their matchers, as
 * prometheus-operator generates them) → receivers; and Flux event sources → Flux Alerts →
 * Providers (→ the Alertmanager an `alertmanager` Provider posts to).
 *
 * Highlighted (class `unreachable`): rules no Prometheus loads, AlertmanagerConfigs no
 * Alertmanager loads or the operator rejects, routes after a catch-all sibling or (when the model
 * holds every source that sends to the Alertmanager) on no path of the label flow, receivers no
 * reachable route uses, Flux Alerts whose Provider is missing or that are suspended, Providers no
 * Alert uses. Class `missing`: objects referenced but not in the input; class `drop`: receivers
 * without integrations (the operator's `null`). Node ids are derived from the objects' kinds,
 * namespaces and names (route ids from their place in the tree), so they are the same on every
 * run.
 *
 * @example
 * const diagram = AlertFlowDiagram.fromConstruct(app);
 * fs.writeFileSync('alert-flow.md', diagram.markdown());
 */
export class AlertFlowDiagram {
  /**
   * The diagram of the objects a model holds (e.g. `modelOfFiles(...).model`), TypeScript only.
   * @jsii ignore the cluster model is TypeScript-only tooling (`cdk8s-alerting/tooling`)
   */
  public static fromModel(model: ClusterModel, options: AlertFlowDiagramOptions = {}): AlertFlowDiagram {
    return new AlertFlowDiagram(model, options);
  }

  /**
   * The diagram of every Kubernetes object under `scope` (a cdk8s App or Chart), whatever
   * library made it, without synthesizing files.
   */
  public static fromConstruct(scope: IConstruct, options: AlertFlowDiagramOptions = {}): AlertFlowDiagram {
    return new AlertFlowDiagram(modelOfApp(scope).model, options);
  }

  /** The highlighted parts, in the order of the diagram. */
  public readonly highlights: DiagramHighlight[];

  private readonly chart = new Flowchart();
  private readonly pending: Array<{ key: string; className: DiagramClass; subject: string; reason: string }> = [];
  private readonly maxAlertNames: number;

  private constructor(private readonly model: ClusterModel, options: AlertFlowDiagramOptions) {
    this.maxAlertNames = Math.max(1, Math.floor(options.maxAlertNames ?? 8));
    for (const [name, style] of CLASS_STYLES) { this.chart.defineClass(name, style); }
    this.chart.group('rules', 'PrometheusRules');
    this.addRules();
    this.addAlertmanagers();
    this.addUnloadedConfigs();
    this.addFlux();
    this.highlights = this.pending.map((h) => ({ nodeId: this.chart.idOf(h.key), className: h.className, subject: h.subject, reason: h.reason }));
  }

  /** The Mermaid text: `flowchart LR`, nodes, edges, then `classDef` and `class` lines. */
  public mermaid(): string {
    return this.chart.render(['alert flow generated by cdk8s-alerting; dashed red: unreachable, dashed grey: not in the input, grey: receiver without integrations']);
  }

  /** The diagram in a Markdown ```` ```mermaid ```` block, as GitHub renders it. */
  public markdown(): string {
    return `\`\`\`mermaid\n${this.mermaid()}\`\`\`\n`;
  }

  private mark(key: string, className: DiagramClass, subject: string, reason: string): void {
    if (this.chart.hasClass(key, className)) { return; }
    this.chart.addClass(key, className);
    this.pending.push({ key, className, subject, reason });
  }

  private prometheusKey(p: ModelObject): string { return `Prometheus/${p.namespace}/${p.name}`; }
  private alertmanagerKey(am: ModelObject): string { return `Alertmanager/${am.namespace}/${am.name}`; }

  private addRules(): void {
    const prometheuses = sorted(this.model.prometheuses);
    for (const p of prometheuses) {
      this.chart.node(this.prometheusKey(p), `prom_${p.namespace}_${p.name}`, NodeShape.STADIUM, [`Prometheus ${nameOf(p)}`, ...(p.source.external ? ['(exists in the cluster)'] : [])]);
    }
    for (const rule of sorted(this.model.prometheusRules)) {
      const names = alertNames(rule);
      if (names.length === 0) { continue; } // recording rules only: no alert flows from it
      const shown = names.slice(0, this.maxAlertNames);
      const more = names.length - shown.length;
      const key = this.chart.node(`PrometheusRule/${rule.namespace}/${rule.name}`, `rule_${rule.namespace}_${rule.name}`, NodeShape.RECTANGLE,
        [`PrometheusRule ${nameOf(rule)}`, ...wrap(shown, 2), ...(more > 0 ? [`… and ${more} more`] : [])], 'rules');
      const loaders = prometheuses.filter((p) => loadsRule(this.model, p, rule));
      loaders.forEach((p) => this.chart.edge(key, this.prometheusKey(p)));
      // Like the check rule-not-selected: only provable when the input holds a Prometheus.
      if (loaders.length === 0 && prometheuses.length > 0) {
        this.mark(key, DiagramClass.UNREACHABLE, `PrometheusRule ${nameOf(rule)}`, 'no Prometheus of the input loads it (ruleSelector / ruleNamespaceSelector)');
      }
    }
    for (const p of prometheuses) {
      for (const e of alertmanagerEndpoints(p)) {
        // As the operator's Service alertmanager-operated does, an endpoint reaches the Alertmanagers of its namespace.
        const targets = sorted(this.model.alertmanagers.filter((am) => am.namespace === e.namespace));
        if (targets.length === 0) {
          const key = this.chart.node(`AlertmanagerEndpoint/${e.namespace}/${e.service}`, `amsvc_${e.namespace}_${e.service}`, NodeShape.HEXAGON,
            [`Alertmanager Service ${e.namespace}/${e.service}`, 'not in the input']);
          this.chart.edge(this.prometheusKey(p), key);
          this.mark(key, DiagramClass.MISSING, `Alertmanager Service ${e.namespace}/${e.service}`, `${`Prometheus ${nameOf(p)}`} sends to it; the input holds no Alertmanager in namespace "${e.namespace}"`);
          continue;
        }
        targets.forEach((am) => this.chart.edge(this.prometheusKey(p), this.alertmanagerKey(am)));
      }
    }
  }

  private addAlertmanagers(): void {
    const alertmanagers = sorted(this.model.alertmanagers);
    for (const am of alertmanagers) {
      this.chart.node(this.alertmanagerKey(am), `am_${am.namespace}_${am.name}`, NodeShape.HEXAGON, [`Alertmanager ${nameOf(am)}`, ...(am.source.external ? ['(exists in the cluster)'] : [])]);
    }
    for (const am of alertmanagers) { this.addRouting(am); }
  }

  private addRouting(am: ModelObject): void {
    const amKey = this.alertmanagerKey(am);
    const base = `am_${am.namespace}_${am.name}`;
    const group = this.chart.group(`routing/${am.namespace}/${am.name}`, `routing of Alertmanager ${nameOf(am)}`);
    let effective: EffectiveConfig;
    let tree: RouteTreeNode;
    try {
      effective = effectiveConfigFor(this.model, am);
      tree = routeTree(effective.config);
    } catch (e) {
      const key = this.chart.node(`${amKey}/failure`, `${base}_failure`, NodeShape.RECTANGLE, ['no configuration generated', (e as Error).message], group);
      this.chart.edge(amKey, key, undefined, true);
      this.mark(key, DiagramClass.UNREACHABLE, `the configuration of Alertmanager ${nameOf(am)}`, `the operator cannot generate it: ${(e as Error).message}`);
      return;
    }
    const dead = unreachableRoutes(this.model, am, effective.config);
    const reachableReceivers = new Set<string>();
    const receivers = new Map(effective.config.receivers.map((r) => [r.name, r]));
    const receiverKey = (name: string) => `${amKey}/receiver/${name}`;
    const addReceiver = (name: string) => {
      const r = receivers.get(name) ?? { name };
      const integrations = integrationsOf(r);
      const key = this.chart.node(receiverKey(name), `${base}_recv_${name}`, NodeShape.PARALLELOGRAM,
        [name, integrations.length ? integrations.join(', ') : 'no integration: notifies nobody'], group);
      if (integrations.length === 0) { this.mark(key, DiagramClass.DROP, `receiver ${name} of Alertmanager ${nameOf(am)}`, 'it has no integration: the alerts that end there notify nobody'); }
      return key;
    };
    const walk = (node: RouteTreeNode, parentKey: string | undefined): void => {
      const isRoot = node.routePath.length === 0;
      const key = isRoot
        ? amKey
        : this.chart.node(`${amKey}/route/${pathKey(node.routePath)}`, `${base}_route_${node.routePath.join('_')}`, NodeShape.ROUNDED,
          [`route ${node.routePath.map((i) => i + 1).join('.')}`, ...(node.matchers.length ? node.matchers.map(formatMatcher) : ['every alert (no matchers)']), ...(node.continue ? ['continue: true'] : [])], group);
      if (parentKey !== undefined) { this.chart.edge(parentKey, key); }
      const deadBecause = dead.get(pathKey(node.routePath));
      if (deadBecause !== undefined) {
        this.mark(key, DiagramClass.UNREACHABLE, `route ${node.matchersText} of Alertmanager ${nameOf(am)}`, deadBecause);
      } else {
        reachableReceivers.add(node.receiver);
      }
      this.chart.edge(key, addReceiver(node.receiver), node.children.length ? 'otherwise' : undefined);
      node.children.forEach((c) => walk(c, key));
    };
    walk(tree, undefined);
    for (const r of effective.config.receivers) {
      const key = addReceiver(r.name);
      if (!reachableReceivers.has(r.name)) {
        this.mark(key, DiagramClass.UNREACHABLE, `receiver ${r.name} of Alertmanager ${nameOf(am)}`, 'no route that an alert can reach sends to it');
      }
    }
    for (const r of effective.rejected) {
      const key = this.chart.node(`AlertmanagerConfig/${r.name}`, `config_${r.name}`, NodeShape.RECTANGLE, [`AlertmanagerConfig ${r.name}`, 'rejected by the operator'], group);
      this.chart.edge(amKey, key, 'rejected', true);
      this.mark(key, DiagramClass.UNREACHABLE, `AlertmanagerConfig ${r.name}`, `the operator rejects it for Alertmanager ${nameOf(am)}: ${r.reason}`);
    }
  }

  /** AlertmanagerConfigs no Alertmanager of the input loads (as the check config-not-selected decides it). */
  private addUnloadedConfigs(): void {
    const alertmanagers = this.model.alertmanagers;
    for (const config of sorted(this.model.alertmanagerConfigs)) {
      const candidates = alertmanagers.filter((am) => !isBaseConfig(am, config));
      if (candidates.length === 0 || candidates.length < alertmanagers.length) { continue; }
      if (candidates.some((am) => configSelectionGap(this.model, am, config) === undefined)) { continue; }
      const key = this.chart.node(`AlertmanagerConfig/${config.namespace}/${config.name}`, `config_${config.namespace}_${config.name}`, NodeShape.RECTANGLE,
        [`AlertmanagerConfig ${nameOf(config)}`, 'no Alertmanager loads it']);
      this.mark(key, DiagramClass.UNREACHABLE, `AlertmanagerConfig ${nameOf(config)}`, 'no Alertmanager of the input loads it (alertmanagerConfigSelector / alertmanagerConfigNamespaceSelector)');
    }
  }

  private addFlux(): void {
    this.chart.group('flux', 'Flux notifications');
    const providerKey = (ns: string, name: string) => `Provider/${ns}/${name}`;
    const used = new Set<string>();
    for (const p of sorted(this.model.fluxProviders)) {
      const spec = p.manifest.spec ?? {};
      const key = this.chart.node(providerKey(p.namespace!, p.name), `provider_${p.namespace}_${p.name}`, NodeShape.PARALLELOGRAM,
        [`Provider ${nameOf(p)}`, `type: ${typeof spec.type === 'string' ? spec.type : '(none)'}`], 'flux');
      const am = providerAlertmanager(this.model, p);
      if (am) { this.chart.edge(key, this.alertmanagerKey(am)); }
      if (spec.suspend === true) { this.mark(key, DiagramClass.UNREACHABLE, `Provider ${nameOf(p)}`, 'it is suspended (spec.suspend: true): it sends nothing'); }
    }
    for (const alert of sorted(this.model.fluxAlerts)) {
      const spec = alert.manifest.spec ?? {};
      const alertKey = this.chart.node(`Alert/${alert.namespace}/${alert.name}`, `fluxalert_${alert.namespace}_${alert.name}`, NodeShape.ROUNDED,
        [`Alert ${nameOf(alert)}`, `eventSeverity: ${spec.eventSeverity === 'error' ? 'error' : 'info'}`], 'flux');
      this.addEventSources(alert, alertKey);
      const ref = typeof spec.providerRef?.name === 'string' ? spec.providerRef.name : '';
      const provider = this.model.find(GROUPS.notification, 'Provider', alert.namespace, ref);
      const pKey = providerKey(alert.namespace!, ref);
      if (!provider) {
        this.chart.node(pKey, `provider_${alert.namespace}_${ref}`, NodeShape.PARALLELOGRAM, [`Provider ${alert.namespace}/${ref}`, 'not in the input'], 'flux');
        this.mark(pKey, DiagramClass.MISSING, `Provider ${alert.namespace}/${ref}`, `Alert ${nameOf(alert)} names it in spec.providerRef; the input has no such Provider in namespace "${alert.namespace}"`);
        this.mark(alertKey, DiagramClass.UNREACHABLE, `Alert ${nameOf(alert)}`, `its Provider ${alert.namespace}/${ref} is not in the input, so its events go nowhere`);
      }
      this.chart.edge(alertKey, pKey);
      used.add(pKey);
      if (spec.suspend === true) { this.mark(alertKey, DiagramClass.UNREACHABLE, `Alert ${nameOf(alert)}`, 'it is suspended (spec.suspend: true): it sends nothing'); }
    }
    for (const p of sorted(this.model.fluxProviders)) {
      const key = providerKey(p.namespace!, p.name);
      if (!used.has(key)) { this.mark(key, DiagramClass.UNREACHABLE, `Provider ${nameOf(p)}`, 'no Flux Alert of the input uses it'); }
    }
  }

  /** One node per (namespace, name, matchLabels) of an Alert's event sources, listing their kinds. */
  private addEventSources(alert: ModelObject, alertKey: string): void {
    const sources: unknown[] = Array.isArray(alert.manifest.spec?.eventSources) ? alert.manifest.spec.eventSources : [];
    const groups = new Map<string, { namespace: string; name: string; matchLabels: Record<string, string>; kinds: string[] }>();
    for (const s of sources) {
      if (typeof s !== 'object' || s === null) { continue; }
      const src = s as Record<string, any>;
      const namespace = typeof src.namespace === 'string' && src.namespace !== '' ? src.namespace : alert.namespace!;
      const name = typeof src.name === 'string' && src.name !== '' ? src.name : '*';
      const matchLabels: Record<string, string> = typeof src.matchLabels === 'object' && src.matchLabels !== null ? Object.fromEntries(Object.entries(src.matchLabels).filter(([, v]) => typeof v === 'string')) as Record<string, string> : {};
      const labelsKey = JSON.stringify(Object.keys(matchLabels).sort().map((k) => [k, matchLabels[k]]));
      const k = JSON.stringify([namespace, name, labelsKey]);
      const g = groups.get(k) ?? { namespace, name, matchLabels, kinds: [] };
      const kind = typeof src.kind === 'string' ? src.kind : '(no kind)';
      if (!g.kinds.includes(kind)) { g.kinds.push(kind); }
      groups.set(k, g);
    }
    for (const g of groups.values()) {
      const kinds = [...g.kinds].sort();
      const labelText = Object.keys(g.matchLabels).sort().map((k) => `${k}=${g.matchLabels[k]}`);
      const key = this.chart.node(`FluxSource/${JSON.stringify([g.namespace, g.name, labelText, kinds])}`,
        `fluxsrc_${g.namespace}_${g.name === '*' ? 'all' : g.name}${labelText.length ? `_${labelText.join('_')}` : ''}`, NodeShape.RECTANGLE,
        [`${g.namespace}/${g.name}`, ...(labelText.length ? [`labels ${labelText.join(', ')}`] : []), ...wrap(kinds, 3)], 'flux');
      this.chart.edge(key, alertKey);
    }
  }
}
