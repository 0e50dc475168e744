import { ApiObject, Chart, Duration } from 'cdk8s';
import { IConfigMapReference, ISecretReference } from '../secret-key';
import { Construct, IConstruct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import {
  Kustomization, KustomizationSpecDecryptionProvider, KustomizationSpecPostBuildSubstituteFromKind, KustomizationSpecSourceRefKind,
} from '../../imports/kustomize-kustomizations-kustomize.toolkit.fluxcd.io';
import { durationProblems, formatDuration, optDuration } from '../_util/duration';
import { checkObjectMeta, defaultName, DefaultNameRule, objectMeta } from '../_util/metadata';
import { plainMap, Problems } from '../_util/problems';
import { checkArgs, checkConstruct, checkConstructArgs, fits, known, metaFields, Shape, shape as s } from '../_util/shape';
import { attachToApp } from '../hook/app-hook';
import { groupOf, isNamespaced } from '../model/model-object';
import { checkDns1123Subdomain } from '../validation';

/**
 * The Flux source a Kustomization reads manifests from.
 */
export class FluxSourceRef {
  /** A GitRepository, e.g. `flux-system` as `flux bootstrap` creates it. */
  public static gitRepository(name: string, namespace?: string): FluxSourceRef {
    checkSourceArgs('FluxSourceRef.gitRepository', name, namespace);
    return new FluxSourceRef('GitRepository', name, namespace);
  }

  /** An OCIRepository. */
  public static ociRepository(name: string, namespace?: string): FluxSourceRef {
    checkSourceArgs('FluxSourceRef.ociRepository', name, namespace);
    return new FluxSourceRef('OCIRepository', name, namespace);
  }

  /** A Bucket. */
  public static bucket(name: string, namespace?: string): FluxSourceRef {
    checkSourceArgs('FluxSourceRef.bucket', name, namespace);
    return new FluxSourceRef('Bucket', name, namespace);
  }

  private constructor(
    /** The source kind. */
    public readonly kind: string,
    /** The source's name. */
    public readonly name: string,
    /** The source's namespace; defaults to the Kustomization's. */
    public readonly namespace?: string,
  ) {}
}

function checkSourceArgs(factory: string, name: unknown, namespace: unknown): void {
  checkArgs(factory, {
    name: [name, s.string({ nonEmpty: true, fix: `pass the source's name, e.g. ${factory}('flux-system')` })],
    namespace: [namespace, s.optional(s.string({ nonEmpty: true, fix: `pass the source's namespace, or leave it out for the Kustomization's` }))],
  });
}

/**
 * An object whose readiness a Kustomization waits for after applying.
 */
export interface HealthCheck {
  /** The object's API version, e.g. `apps/v1`. */
  readonly apiVersion: string;
  /** The object's kind, e.g. `Deployment`. */
  readonly kind: string;
  /** The object's name. */
  readonly name: string;
  /**
   * The object's namespace; the controller looks the object up exactly there.
   * @default - the Kustomization's target namespace, when it has one (written out explicitly);
   * otherwise none, for cluster-scoped kinds
   */
  readonly namespace?: string;
}

/**
 * A Flux Kustomization: one of this app, or one that exists elsewhere
 * ({@link FluxKustomization.fromKustomizationName}).
 */
export interface IFluxKustomization extends IConstruct {
  /** The Kustomization's name. */
  readonly name: string;
  /** The Kustomization's namespace. */
  readonly namespace: string;
}

/**
 * SOPS decryption of the Secrets a Kustomization applies.
 */
export interface SopsDecryption {
  /**
   * The Secret with the decryption keys (`*.agekey`, `*.asc`, `sops.aws-kms`, `sops.azure-kv`,
   * `sops.gcp-kms`, `sops.vault-token`), in the Kustomization's namespace.
   * @default - the controller's own keys (cloud KMS through its identity, or `--sops-age-secret`)
   */
  readonly secret?: ISecretReference;
  /**
   * The ServiceAccount whose cloud identity reaches the KMS (object-level workload identity).
   * @default - the controller's own identity
   */
  readonly serviceAccountName?: string;
}

/**
 * A ConfigMap or Secret whose keys are substitution variables (`postBuild.substituteFrom`).
 */
export class FluxSubstituteFrom {
  /** The keys of a ConfigMap. */
  public static configMap(configMap: IConfigMapReference, optional?: boolean): FluxSubstituteFrom {
    checkArgs('FluxSubstituteFrom.configMap', { configMap: [configMap, known.configMap], optional: [optional, s.optional(s.boolean())] });
    return new FluxSubstituteFrom('ConfigMap', configMap.name, optional);
  }

  /** The keys of a Secret. */
  public static secret(secret: ISecretReference, optional?: boolean): FluxSubstituteFrom {
    checkArgs('FluxSubstituteFrom.secret', { secret: [secret, known.secret], optional: [optional, s.optional(s.boolean())] });
    return new FluxSubstituteFrom('Secret', secret.name, optional);
  }

  private constructor(
    /** `ConfigMap` or `Secret`. */
    public readonly kind: string,
    /** The object's name, in the Kustomization's namespace. */
    public readonly name: string,
    /** Whether a missing object counts as empty instead of failing the reconciliation. */
    public readonly optional?: boolean,
  ) {}
}

/**
 * The objects a patch applies to; every field narrows the selection.
 */
export interface FluxPatchTarget {
  /**
   * The API group.
   * @default - any
   */
  readonly group?: string;
  /**
   * The API version.
   * @default - any
   */
  readonly version?: string;
  /**
   * The kind.
   * @default - any
   */
  readonly kind?: string;
  /**
   * The name (a regex).
   * @default - any
   */
  readonly name?: string;
  /**
   * The namespace (a regex).
   * @default - any
   */
  readonly namespace?: string;
  /**
   * A label selector, e.g. `app=web`.
   * @default - any
   */
  readonly labelSelector?: string;
  /**
   * An annotation selector.
   * @default - any
   */
  readonly annotationSelector?: string;
}

/**
 * A strategic merge or JSON 6902 patch applied after kustomize build.
 */
export interface FluxPatch {
  /** The patch, as YAML: a partial object, or a list of JSON 6902 operations. */
  readonly patch: string;
  /**
   * The objects it applies to.
   * @default - those the strategic merge patch names (required for JSON 6902 patches)
   */
  readonly target?: FluxPatchTarget;
}

/**
 * Labels and annotations put on every object the Kustomization applies.
 */
export interface FluxCommonMetadata {
  /**
   * Labels.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** A Kustomization that exists outside this app. */
class KustomizationReference extends Construct implements IFluxKustomization {
  constructor(scope: Construct, id: string, public readonly name: string, public readonly namespace: string) {
    super(scope, id);
  }
}

/** kustomize-controller's variable names (`^[_[:alpha:]][_[:alpha:][:digit:]]*$`). */
const VARIABLE = /^[_a-zA-Z][_a-zA-Z0-9]*$/;

/**
 * Props of {@link FluxKustomization}.
 */
export interface FluxKustomizationProps {
  /**
   * The Kustomization's name.
   * @default - the construct id without `flux` and `kustomization`, kebab-cased (`MyApp` →
   * `my-app`), else the last directory of `path`, else the source's name, as
   * `flux create kustomization` names them after the app (README "Default names")
   */
  readonly name?: string;
  /**
   * The namespace.
   * @default - the chart's namespace, else `flux-system`
   */
  readonly namespace?: string;
  /** How often the source is reconciled. */
  readonly interval: Duration;
  /** The source of the manifests. */
  readonly sourceRef: FluxSourceRef;
  /**
   * The path inside the source.
   * @default - the source's root
   */
  readonly path?: string;
  /**
   * Whether objects removed from the source are deleted from the cluster.
   * @default true
   */
  readonly prune?: boolean;
  /**
   * The namespace every object is put in.
   * @default - each object's own namespace
   */
  readonly targetNamespace?: string;
  /**
   * Objects whose readiness decides the Kustomization's health.
   * @default - none
   */
  readonly healthChecks?: HealthCheck[];
  /**
   * Kustomizations that must be ready first: of this app, or elsewhere
   * (`FluxKustomization.fromKustomizationName(this, 'Infra', 'infra', 'flux-system')`).
   * @default - none
   */
  readonly dependsOn?: IFluxKustomization[];
  /**
   * Whether to wait for every applied object to be ready (overrides healthChecks).
   * @default false
   */
  readonly wait?: boolean;
  /**
   * How long apply and health checks may take.
   * @default - the interval
   */
  readonly timeout?: Duration;
  /**
   * How long to wait before retrying a failed reconciliation.
   * @default - the interval
   */
  readonly retryInterval?: Duration;
  /**
   * SOPS decryption of the Secrets in the source.
   * @default - no decryption: encrypted Secrets are applied as they are (and rejected)
   */
  readonly decryption?: SopsDecryption;
  /**
   * Variables substituted in the built manifests (`${name}`); names are letters, digits and `_`.
   * @default - none
   */
  readonly substitute?: { [key: string]: string };
  /**
   * ConfigMaps and Secrets whose keys are substitution variables, in the Kustomization's namespace.
   * @default - none
   */
  readonly substituteFrom?: FluxSubstituteFrom[];
  /**
   * Patches applied after kustomize build.
   * @default - none
   */
  readonly patches?: FluxPatch[];
  /**
   * Kustomize components to include, as paths relative to `path`.
   * @default - none
   */
  readonly components?: string[];
  /**
   * The ServiceAccount the controller impersonates to apply (multi-tenancy).
   * @default - the controller's own account (or its `--default-service-account`)
   */
  readonly serviceAccountName?: string;
  /**
   * Whether reconciliation is suspended.
   * @default false
   */
  readonly suspend?: boolean;
  /**
   * Whether objects whose immutable fields changed are deleted and created again.
   * @default false
   */
  readonly force?: boolean;
  /**
   * Labels and annotations put on every object applied.
   * @default - none
   */
  readonly commonMetadata?: FluxCommonMetadata;
}

const text = (fix: string): Shape => s.string({ fix });
const PROPS = s.struct('FluxKustomizationProps', {
  name: metaFields.name, namespace: metaFields.namespace,
  // interval and sourceRef are required: reported with the other problems when missing
  interval: s.optional(s.duration()),
  sourceRef: s.optional(known.fluxSourceRef),
  path: s.optional(text(`use a path such as './clusters/my-cluster/apps/my-app'`)),
  prune: s.optional(s.boolean()),
  targetNamespace: s.optional(text(`use a namespace such as 'my-app', or leave it out`)),
  healthChecks: s.optional(s.list(s.struct('HealthCheck', {
    apiVersion: text(`e.g. 'apps/v1'`), kind: text(`e.g. 'Deployment'`), name: text(`the object's name`), namespace: s.optional(text(`the object's namespace`)),
  }))),
  dependsOn: s.optional(s.list(known.fluxKustomization)),
  wait: s.optional(s.boolean()),
  timeout: s.optional(s.duration()),
  retryInterval: s.optional(s.duration()),
  decryption: s.optional(s.struct('SopsDecryption', {
    secret: s.optional(known.secret),
    serviceAccountName: s.optional(text(`name the service account, e.g. 'sops-kms'`)),
  })),
  substitute: s.optional(s.map()),
  substituteFrom: s.optional(s.list(s.like('FluxSubstituteFrom', { kind: 'string', name: 'string' }, 'use FluxSubstituteFrom.configMap(cm) or FluxSubstituteFrom.secret(secret)'))),
  patches: s.optional(s.list(s.struct('FluxPatch', {
    patch: text(`a strategic merge patch or JSON 6902 operations, as YAML`),
    target: s.optional(s.struct('FluxPatchTarget', {
      group: s.optional(text(`e.g. 'apps'`)), version: s.optional(text(`e.g. 'v1'`)), kind: s.optional(text(`e.g. 'Deployment'`)),
      name: s.optional(text('a name regex')), namespace: s.optional(text('a namespace regex')),
      labelSelector: s.optional(text(`e.g. 'app=web'`)), annotationSelector: s.optional(text(`e.g. 'team=a'`)),
    })),
  }))),
  components: s.optional(s.list(text(`e.g. '../components/monitoring'`))),
  serviceAccountName: s.optional(text(`name the service account, e.g. 'apps-reconciler'`)),
  suspend: s.optional(s.boolean()),
  force: s.optional(s.boolean()),
  commonMetadata: s.optional(s.struct('FluxCommonMetadata', { labels: s.optional(s.map()), annotations: s.optional(s.map()) })),
});

/**
 * Applies manifests from a Flux source (`kustomize.toolkit.fluxcd.io/v1` Kustomization).
 */
export class FluxKustomization extends Construct implements IFluxKustomization {
  /**
   * References a Kustomization that exists outside this app (such as `flux-system`, which
   * `flux bootstrap` creates), for `dependsOn`.
   */
  public static fromKustomizationName(scope: Construct, id: string, name: string, namespace?: string): IFluxKustomization {
    const path = checkConstructArgs('FluxKustomization.fromKustomizationName', scope, id, {
      name: [name, s.string({ nonEmpty: true, fix: `pass the Kustomization's name, e.g. 'infrastructure'` })],
      namespace: [namespace, s.optional(s.string({ nonEmpty: true, fix: `pass its namespace, or leave it out for the chart's` }))],
    }, { inChart: false });
    const ns = namespace ?? (Chart.isChart(scope) || scope.node.scopes.some((c) => Chart.isChart(c)) ? Chart.of(scope).namespace : undefined) ?? 'flux-system';
    const problems = new Problems(path);
    problems.addMessages([...checkDns1123Subdomain('name', name), ...(namespace !== undefined ? checkDns1123Subdomain('namespace', namespace) : [])]);
    problems.throwIfAny();
    return new KustomizationReference(scope, id, name, ns);
  }

  /** The generated Kustomization. */
  public readonly resource: ApiObject;
  /** The namespace. */
  public readonly namespace: string;

  constructor(scope: Construct, id: string, props: FluxKustomizationProps) {
    checkConstruct('FluxKustomization', scope, id, props, PROPS);
    super(scope, id);
    const problems = new Problems(this);
    this.namespace = props.namespace ?? Chart.of(this).namespace ?? 'flux-system';
    checkObjectMeta(problems, props.name, this.namespace);
    if (props.targetNamespace !== undefined) {
      checkObjectMeta(problems, undefined, props.targetNamespace);
    }
    if (!props.interval) {
      problems.add('interval', props.interval, 'is required', 'set interval: Duration.minutes(10)');
    }
    problems.addMessages(durationProblems('interval', props.interval, true));
    problems.addMessages(durationProblems('timeout', props.timeout, true));
    problems.addMessages(durationProblems('retryInterval', props.retryInterval, true));
    if (!fits(known.fluxSourceRef, props.sourceRef)) {
      problems.add('sourceRef', props.sourceRef, 'must be a FluxSourceRef', `use FluxSourceRef.gitRepository('flux-system')`);
    }
    if (props.path !== undefined && (props.path.startsWith('/') || props.path.split('/').includes('..'))) {
      problems.add('path', props.path, 'must be relative to the source root and stay inside it', `use a path such as './clusters/my-cluster/apps/my-app'`);
    }
    (props.healthChecks ?? []).forEach((h, i) => {
      if (!h?.apiVersion || !h?.kind || !h?.name) {
        problems.add(`healthChecks[${i}]`, h, 'needs apiVersion, kind and name', `e.g. { apiVersion: 'apps/v1', kind: 'Deployment', name: 'my-app', namespace: 'my-app' }`);
      }
    });
    (props.dependsOn ?? []).forEach((d, i) => {
      if (typeof d?.name !== 'string' || typeof d?.namespace !== 'string') {
        problems.add(`dependsOn[${i}]`, d, 'must be a Kustomization', `pass a FluxKustomization, or FluxKustomization.fromKustomizationName(this, 'Infra', 'infra')`);
      }
    });
    this.checkDecryption(problems, props.decryption);
    for (const key of Object.keys(props.substitute ?? {})) {
      if (!VARIABLE.test(key)) {
        problems.add(`substitute[${JSON.stringify(key)}]`, key, 'is not a variable name kustomize-controller accepts (letters, digits and _, not starting with a digit); it fails the reconciliation', `rename it, e.g. ${JSON.stringify(key.replace(/[^_a-zA-Z0-9]/g, '_').replace(/^([0-9])/, '_$1'))}`);
      }
    }
    (props.substituteFrom ?? []).forEach((f, i) => {
      if (typeof f?.kind !== 'string' || typeof f?.name !== 'string') { problems.add(`substituteFrom[${i}]`, f, 'must be a FluxSubstituteFrom', `use FluxSubstituteFrom.configMap(cm) or FluxSubstituteFrom.secret(secret)`); }
    });
    (props.patches ?? []).forEach((p, i) => this.checkPatch(problems, `patches[${i}]`, p));
    (props.components ?? []).forEach((c, i) => {
      if (typeof c !== 'string' || c === '' || c.startsWith('/')) {
        problems.add(`components[${i}]`, c, 'must be a path relative to the Kustomization\'s path', `e.g. '../components/monitoring'`);
      }
    });
    if (props.serviceAccountName !== undefined) { problems.addMessages(checkDns1123Subdomain('serviceAccountName', props.serviceAccountName)); }
    checkObjectMeta(problems, undefined, undefined, props.commonMetadata?.labels);
    problems.throwIfAny();

    this.resource = new Kustomization(this, 'Resource', {
      metadata: objectMeta(props.name ?? defaultName(this, id, kustomizationName(props)), this.namespace),
      spec: {
        interval: formatDuration(props.interval, 'h'),
        sourceRef: {
          kind: props.sourceRef.kind as KustomizationSpecSourceRefKind,
          name: props.sourceRef.name,
          namespace: props.sourceRef.namespace,
        },
        path: props.path,
        prune: props.prune ?? true,
        targetNamespace: props.targetNamespace,
        healthChecks: props.healthChecks?.map((h) => ({
          apiVersion: h.apiVersion, kind: h.kind, name: h.name,
          namespace: h.namespace ?? (isNamespaced(groupOf(h.apiVersion), h.kind) ? props.targetNamespace : undefined),
        })),
        dependsOn: props.dependsOn?.map((d) => ({ name: d.name, namespace: d.namespace === this.namespace ? undefined : d.namespace })),
        wait: props.wait,
        timeout: optDuration(props.timeout, 'h'),
        retryInterval: optDuration(props.retryInterval, 'h'),
        decryption: props.decryption ? {
          provider: KustomizationSpecDecryptionProvider.SOPS,
          secretRef: props.decryption.secret ? { name: props.decryption.secret.name } : undefined,
          serviceAccountName: props.decryption.serviceAccountName,
        } : undefined,
        postBuild: props.substitute || props.substituteFrom?.length ? {
          substitute: plainMap(props.substitute),
          substituteFrom: props.substituteFrom?.length ? props.substituteFrom.map((f) => ({
            kind: f.kind as KustomizationSpecPostBuildSubstituteFromKind, name: f.name, optional: f.optional,
          })) : undefined,
        } : undefined,
        patches: props.patches?.length ? props.patches.map((p) => ({ patch: p.patch, target: p.target ? { ...p.target } : undefined })) : undefined,
        components: props.components?.length ? [...props.components] : undefined,
        serviceAccountName: props.serviceAccountName,
        suspend: props.suspend,
        force: props.force,
        commonMetadata: props.commonMetadata && (props.commonMetadata.labels || props.commonMetadata.annotations) ? {
          labels: plainMap(props.commonMetadata.labels), annotations: plainMap(props.commonMetadata.annotations),
        } : undefined,
      },
    });
    attachToApp(this);
  }

  private checkDecryption(problems: Problems, d: SopsDecryption | undefined): void {
    if (d === undefined) { return; }
    if (typeof d !== 'object' || d === null) {
      problems.add('decryption', d, 'must be an object', `e.g. { secret: SecretReference.fromName('sops-age') }`);
      return;
    }
    if (d.serviceAccountName !== undefined) { problems.addMessages(checkDns1123Subdomain('decryption.serviceAccountName', d.serviceAccountName)); }
  }

  private checkPatch(problems: Problems, field: string, p: FluxPatch): void {
    if (typeof p?.patch !== 'string' || p.patch.trim() === '') {
      problems.add(`${field}.patch`, p?.patch, 'must be a non-empty patch', `e.g. a strategic merge patch: 'apiVersion: apps/v1\\nkind: Deployment\\nmetadata: { name: web }\\nspec: { replicas: 2 }'`);
      return;
    }
    const docs = parseAllDocuments(p.patch);
    const errors = docs.flatMap((d) => d.errors);
    if (errors.length) {
      problems.add(`${field}.patch`, p.patch.split('\n')[0], `is not YAML: ${errors[0].message.split('\n')[0]}`, 'correct the YAML');
      return;
    }
    const value = docs[0]?.toJS();
    if (Array.isArray(value)) {
      const bad = value.findIndex((op: any) => typeof op?.op !== 'string' || typeof op?.path !== 'string');
      if (bad >= 0) { problems.add(`${field}.patch`, value[bad], 'is a list, so a JSON 6902 patch, but this entry has no op and path', `e.g. [{ op: replace, path: /spec/replicas, value: 2 }]`); }
      if (!p.target) { problems.add(`${field}.target`, p.target, 'a JSON 6902 patch needs a target: it names no object itself', `e.g. target: { kind: 'Deployment', name: 'web' }`); }
    } else if (typeof value !== 'object' || value === null) {
      problems.add(`${field}.patch`, p.patch.split('\n')[0], 'is neither a strategic merge patch (an object) nor a JSON 6902 patch (a list)', 'write one of the two');
    } else if (!p.target && (typeof value.kind !== 'string' || typeof value.metadata?.name !== 'string')) {
      problems.add(`${field}.patch`, p.patch.split('\n')[0], 'a strategic merge patch without target must name its object (kind and metadata.name)', 'add kind and metadata.name, or a target');
    }
  }

  /** The Kustomization's name. */
  public get name(): string {
    return this.resource.name;
  }
}

/**
 * The Kustomization's default name (README "Default names"): the id names the app; an id that
 * only says "kustomization" gives the last directory of the path (`./apps/podinfo` →
 * `podinfo`), else the source's name (`flux-system`, as `flux bootstrap` names its own).
 */
function kustomizationName(props: FluxKustomizationProps): DefaultNameRule {
  const dir = (props.path ?? '').split('/').filter((d) => d !== '' && d !== '.').pop();
  return { drop: ['flux', 'kustomization'], fallback: dir ?? props.sourceRef.name };
}
