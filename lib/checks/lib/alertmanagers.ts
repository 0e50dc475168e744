/**
 * Which Alertmanager loads which AlertmanagerConfig, and how it confines each config to its
 * namespace; where a Flux alertmanager Provider posts to.
 * @module
 */
import { ClusterModel } from '../../model/cluster-model';
import { ModelObject } from '../../model/model-object';
import { labelMismatch, namespaceMismatch, selectsLabels, selectsNamespace } from './selection';

/** The port of Alertmanager's web API on the `alertmanager-operated` service. */
export const ALERTMANAGER_WEB_PORT = 9093;

/** Whether `config` is the base configuration `am` names in `spec.alertmanagerConfiguration.name`. */
export function isBaseConfig(am: ModelObject, config: ModelObject): boolean {
  return am.manifest.spec?.alertmanagerConfiguration?.name === config.name && am.namespace === config.namespace;
}

/**
 * Why `am` does not load `config`, or `undefined` when it does (or may: namespace labels unknown).
 * The message shows the selector beside the config's labels.
 */
export function configSelectionGap(model: ClusterModel, am: ModelObject, config: ModelObject): string | undefined {
  const spec = am.manifest.spec ?? {};
  if (!selectsLabels(spec.alertmanagerConfigSelector, config.labels)) {
    return labelMismatch('alertmanagerConfigSelector', spec.alertmanagerConfigSelector, 'AlertmanagerConfig', config.labels);
  }
  if (selectsNamespace(model, spec.alertmanagerConfigNamespaceSelector, am.namespace!, config.namespace!) === false) {
    return namespaceMismatch(model, 'alertmanagerConfigNamespaceSelector', spec.alertmanagerConfigNamespaceSelector, am.namespace!, config.namespace!);
  }
  return undefined;
}

/** The Alertmanagers of the model that load `config` as a routing config (not as their base). */
export function alertmanagersLoading(model: ClusterModel, config: ModelObject): ModelObject[] {
  return model.alertmanagers.filter((am) => !isBaseConfig(am, config) && configSelectionGap(model, am, config) === undefined);
}

/** The matcher strategy of `am` (`OnNamespace` when unset). */
export function matcherStrategy(am: ModelObject): string {
  return am.manifest.spec?.alertmanagerConfigMatcherStrategy?.type ?? 'OnNamespace';
}

/** Whether the operator adds `namespace="<config namespace>"` to `config`'s routes for `am`. */
export function enforcesNamespace(am: ModelObject, config: ModelObject): boolean {
  switch (matcherStrategy(am)) {
    case 'None': return false;
    case 'OnNamespaceExceptForAlertmanagerNamespace': return config.namespace !== am.namespace;
    default: return true;
  }
}

/** The hosts under which the `alertmanager-operated` service of namespace `ns` resolves. */
export function alertmanagerHosts(ns: string): string[] {
  return [`alertmanager-operated.${ns}`, `alertmanager-operated.${ns}.svc`, `alertmanager-operated.${ns}.svc.cluster.local`];
}

/** The Alertmanager of the model a URL's host names (by its `alertmanager-operated` service), if any. */
export function alertmanagerOfHost(model: ClusterModel, host: string): ModelObject | undefined {
  const m = /^alertmanager-operated\.([a-z0-9-]+)(\.svc(\.cluster\.local)?)?$/.exec(host);
  return m ? model.alertmanagers.find((am) => am.namespace === m[1]) : undefined;
}

/** The Alertmanager a Flux Provider of type `alertmanager` posts to, when its address names one of the model. */
export function providerAlertmanager(model: ClusterModel, provider: ModelObject): ModelObject | undefined {
  const spec = provider.manifest.spec ?? {};
  if (spec.type !== 'alertmanager' || typeof spec.address !== 'string') { return undefined; }
  try {
    return alertmanagerOfHost(model, new URL(spec.address).hostname);
  } catch {
    return undefined;
  }
}
