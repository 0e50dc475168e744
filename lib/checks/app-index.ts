import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { AlertmanagerCluster } from '../alertmanager/alertmanager-cluster';
import { AlertmanagerRouting } from '../alertmanager/alertmanager-routing';
import { FluxAlert } from '../flux/flux-alert';
import { FluxProvider } from '../flux/provider';
import { Prometheus } from '../prometheus/prometheus';
import { PrometheusRules } from '../rules/prometheus-rules';

/**
 * Every construct of this library in one app, found in a single walk of the tree.
 * @internal
 */
export interface AppIndex {
  readonly alertmanagers: AlertmanagerCluster[];
  readonly routings: AlertmanagerRouting[];
  readonly prometheuses: Prometheus[];
  readonly rules: PrometheusRules[];
  readonly providers: FluxProvider[];
  readonly alerts: FluxAlert[];
  readonly secrets: kplus.Secret[];
}

/** Walks the app once and sorts our constructs by kind. @internal */
export function indexApp(root: IConstruct): AppIndex {
  const index: AppIndex = { alertmanagers: [], routings: [], prometheuses: [], rules: [], providers: [], alerts: [], secrets: [] };
  for (const c of root.node.findAll()) {
    if (c instanceof AlertmanagerCluster) { index.alertmanagers.push(c); }
    else if (c instanceof AlertmanagerRouting) { index.routings.push(c); }
    else if (c instanceof Prometheus) { index.prometheuses.push(c); }
    else if (c instanceof PrometheusRules) { index.rules.push(c); }
    else if (c instanceof FluxProvider) { index.providers.push(c); }
    else if (c instanceof FluxAlert) { index.alerts.push(c); }
    else if (c instanceof kplus.Secret) { index.secrets.push(c); }
  }
  return index;
}

/** Whether every selector label is on the object. @internal */
export function hasLabels(labels: { [k: string]: string }, selector: { [k: string]: string }): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** The labels an ApiObject synthesizes with, including JSON patches and chart labels. @internal */
export function labelsOf(resource: { toJson(): any }): { [k: string]: string } {
  // Rendering a whole PrometheusRule to read its labels is costly. Without JSON patches the
  // rendered labels are the metadata's (chart labels included), so render only the metadata;
  // with patches (or if cdk8s renames its private `patches` field) render everything.
  const obj = resource as { toJson(): any; patches?: unknown; metadata?: { toJson?: () => any } };
  if (Array.isArray(obj.patches) && obj.patches.length === 0 && typeof obj.metadata?.toJson === 'function') {
    return obj.metadata.toJson().labels ?? {};
  }
  return resource.toJson().metadata?.labels ?? {};
}
