/**
 * What Flux's notification-controller puts on the alerts it posts to Alertmanager.
 * @module
 */

/** The labels Flux's alertmanager provider sets on every alert. */
export const FLUX_ALERT_LABELS: readonly string[] = ['alertname', 'severity', 'reason', 'kind', 'name', 'namespace', 'reportingcontroller', 'revision'];

/** The severities Flux sends. */
export const FLUX_SEVERITIES: readonly string[] = ['info', 'error'];

/** The kinds an Alert's eventSources may name (notification-controller v1.9 `CrossNamespaceObjectReference`). */
export const FLUX_SOURCE_KINDS: readonly string[] = [
  'Bucket', 'GitRepository', 'Kustomization', 'HelmRelease', 'HelmChart', 'HelmRepository', 'ImageRepository',
  'ImagePolicy', 'ImageUpdateAutomation', 'OCIRepository', 'ArtifactGenerator', 'ExternalArtifact',
];

/** The controller that emits the events of each kind. */
export const FLUX_CONTROLLERS: Readonly<Record<string, string>> = {
  Kustomization: 'kustomize-controller',
  HelmRelease: 'helm-controller',
  ImageRepository: 'image-reflector-controller',
  ImagePolicy: 'image-reflector-controller',
  ImageUpdateAutomation: 'image-automation-controller',
};
