import { ApiObject } from 'cdk8s';
import type { AlertmanagerCluster } from '../alertmanager/alertmanager-cluster';
import { EffectiveConfig, renderEffectiveConfig } from './effective-config';
import { RoutingMatch, simulateRouting } from './route-simulator';
import { KubeManifest, SecretResolver } from './types';

/**
 * Options of {@link effectiveConfigOf}.
 */
export interface EffectiveConfigOfOptions {
  /**
   * Returns a Secret key's value, e.g. a local URL in an end-to-end test.
   * @default - every Secret value renders as a placeholder `<secret:ns/name/key>`
   */
  readonly resolveSecret?: SecretResolver;
  /**
   * Labels of namespaces, for namespace selectors by label.
   * @default - only the `kubernetes.io/metadata.name` label Kubernetes sets
   */
  readonly namespaceLabels?: Record<string, Record<string, string>>;
  /**
   * Integrations to leave out, e.g. those an older Alertmanager cannot load.
   * @default - none
   */
  readonly omitIntegrations?: readonly string[];
}

/**
 * The `alertmanager.yaml` prometheus-operator v0.93 generates for `cluster` from the
 * AlertmanagerConfigs defined in the same app, without synthesizing files.
 */
export function effectiveConfigOf(cluster: AlertmanagerCluster, options: EffectiveConfigOfOptions = {}): EffectiveConfig {
  const configs: KubeManifest[] = cluster.node.root.node.findAll()
    .filter((c): c is ApiObject => c instanceof ApiObject && c.kind === 'AlertmanagerConfig')
    .map((o) => o.toJson());
  return renderEffectiveConfig({
    alertmanager: cluster.resource.toJson(),
    alertmanagerConfigs: configs,
    resolveSecret: options.resolveSecret,
    namespaceLabels: options.namespaceLabels,
    omitIntegrations: options.omitIntegrations,
  });
}

/**
 * Where an alert with `labels` goes in `cluster`'s effective configuration: every receiver it
 * reaches (named `<namespace>/<config>/<receiver>` as the operator names them), with its group key.
 *
 * @example
 * expect(routeAlert(stack.alertmanager, { severity: 'critical', namespace: 'payments' }).map((m) => m.receiver))
 *   .toEqual(['monitoring/main-routing/pagerduty']);
 */
export function routeAlert(cluster: AlertmanagerCluster, labels: Record<string, string>, options: EffectiveConfigOfOptions = {}): RoutingMatch[] {
  return simulateRouting(effectiveConfigOf(cluster, options).config, labels);
}
