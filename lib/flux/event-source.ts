/**
 * The kinds of Flux objects that emit events an Alert can select
 * (the enum served by notification-controller v1.9).
 */
export enum FluxSourceKind {
  BUCKET = 'Bucket',
  GIT_REPOSITORY = 'GitRepository',
  KUSTOMIZATION = 'Kustomization',
  HELM_RELEASE = 'HelmRelease',
  HELM_CHART = 'HelmChart',
  HELM_REPOSITORY = 'HelmRepository',
  IMAGE_REPOSITORY = 'ImageRepository',
  IMAGE_POLICY = 'ImagePolicy',
  IMAGE_UPDATE_AUTOMATION = 'ImageUpdateAutomation',
  OCI_REPOSITORY = 'OCIRepository',
  ARTIFACT_GENERATOR = 'ArtifactGenerator',
  EXTERNAL_ARTIFACT = 'ExternalArtifact',
}

/**
 * Which Flux objects' events an Alert forwards.
 */
export interface FluxEventSource {
  /** The kind of object. */
  readonly kind: FluxSourceKind;
  /**
   * The object's name, or `*` for every object of the kind.
   * @default '*'
   */
  readonly name?: string;
  /**
   * The object's namespace. There is no namespace wildcard: `*` matches nothing.
   * @default - the Alert's namespace
   */
  readonly namespace?: string;
  /**
   * Labels the objects must carry; only with `name: '*'`.
   * @default - no label filter
   */
  readonly matchLabels?: { [key: string]: string };
}

/**
 * The kinds the first article's error Alert covers: the objects whose failures matter
 * most in a GitOps pipeline.
 * @internal
 */
export const DEFAULT_ERROR_SOURCE_KINDS: FluxSourceKind[] = [
  FluxSourceKind.HELM_RELEASE,
  FluxSourceKind.IMAGE_POLICY,
  FluxSourceKind.KUSTOMIZATION,
  FluxSourceKind.IMAGE_REPOSITORY,
  FluxSourceKind.GIT_REPOSITORY,
  FluxSourceKind.HELM_CHART,
  FluxSourceKind.HELM_REPOSITORY,
  FluxSourceKind.OCI_REPOSITORY,
];
