/**
 * The effective configuration of an Alertmanager of the model of the cluster.
 * @module
 */
import { ClusterModel, GROUPS } from '../model/cluster-model';
import { ModelObject } from '../model/model-object';
import { secretValue } from './base-config';
import { EffectiveConfig, EffectiveConfigOptions, renderEffectiveConfig } from './effective-config';
import { secretPlaceholder } from './placeholders';
import { KubeManifest, SecretResolver } from './types';

/** Options of {@link effectiveConfigFor}: those of {@link renderEffectiveConfig} the model does not give. */
export type ModelEffectiveConfigOptions = Pick<EffectiveConfigOptions, 'resolveSecret' | 'omitIntegrations' | 'revealSecrets'>;

/**
 * Whether a Secret key exists as far as the model knows: `false` when a Secret of the model lacks
 * it (the operator rejects the CR), `true` when it has it or when the model has no such Secret
 * (assumed to exist, e.g. created by an external secrets operator).
 */
export function modelHasSecretKey(model: ClusterModel): (namespace: string, name: string, key: string) => boolean {
  return (namespace, name, key) => {
    const secret = model.secret(namespace, name);
    return !secret || secretValue(secret.manifest as KubeManifest, key) !== undefined;
  };
}

/** Secret values as the model holds them (for `revealSecrets`); a Secret the model lacks gives a placeholder. */
function modelSecretValues(model: ClusterModel): SecretResolver {
  return (namespace, name, key) => {
    const secret = model.secret(namespace, name);
    return secret ? secretValue(secret.manifest as KubeManifest, key) : secretPlaceholder(namespace, name, key, key);
  };
}

/** ConfigMap keys as the model knows them (values are not secret). */
export function modelConfigMapResolver(model: ClusterModel): SecretResolver {
  return (namespace, name, key) => {
    const cm = model.find(GROUPS.core, 'ConfigMap', namespace, name);
    if (!cm) { return `<configmap:${namespace}/${name}/${key}>`; }
    const value = cm.manifest.data?.[key] ?? cm.manifest.binaryData?.[key];
    return typeof value === 'string' ? value : undefined;
  };
}

/**
 * The `alertmanager.yaml` prometheus-operator v0.93 generates for Alertmanager `am` from the
 * AlertmanagerConfigs, Secrets, ConfigMaps and Namespaces of `model`. Secret values are
 * placeholders unless `revealSecrets`; a key missing from a Secret of the model rejects the CR
 * that references it, as the operator does.
 * @throws OperatorReconcileError when the operator fails the reconciliation
 */
export function effectiveConfigFor(model: ClusterModel, am: ModelObject, options: ModelEffectiveConfigOptions = {}): EffectiveConfig {
  return renderEffectiveConfig({
    alertmanager: am.manifest as KubeManifest,
    alertmanagerConfigs: model.alertmanagerConfigs.map((c) => c.manifest as KubeManifest),
    secrets: model.secrets.map((s) => s.manifest as KubeManifest),
    namespaceLabels: model.namespaceLabelMap,
    resolveSecret: options.resolveSecret ?? (options.revealSecrets ? modelSecretValues(model) : undefined),
    hasSecretKey: modelHasSecretKey(model),
    resolveConfigMap: modelConfigMapResolver(model),
    revealSecrets: options.revealSecrets,
    omitIntegrations: options.omitIntegrations,
  });
}
