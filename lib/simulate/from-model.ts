/**
 * The effective configuration of an Alertmanager of the model of the cluster.
 * @module
 */
import { ClusterModel } from '../model/cluster-model';
import { ModelObject } from '../model/model-object';
import { EffectiveConfig, EffectiveConfigOptions, renderEffectiveConfig } from './effective-config';
import { KubeManifest } from './types';

/** Options of {@link effectiveConfigFor}: those of {@link renderEffectiveConfig} the model does not give. */
export type ModelEffectiveConfigOptions = Pick<EffectiveConfigOptions, 'resolveSecret' | 'omitIntegrations'>;

/**
 * The `alertmanager.yaml` prometheus-operator v0.93 generates for Alertmanager `am` from the
 * AlertmanagerConfigs and Namespaces of `model`.
 * @throws Error when the base configuration is missing or invalid (the operator fails the reconciliation)
 */
export function effectiveConfigFor(model: ClusterModel, am: ModelObject, options: ModelEffectiveConfigOptions = {}): EffectiveConfig {
  return renderEffectiveConfig({
    alertmanager: am.manifest as KubeManifest,
    alertmanagerConfigs: model.alertmanagerConfigs.map((c) => c.manifest as KubeManifest),
    namespaceLabels: model.namespaceLabelMap,
    ...options,
  });
}
