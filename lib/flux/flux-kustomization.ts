import { Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { Kustomization, KustomizationSpecSourceRefKind } from '../../imports/kustomize-kustomizations-kustomize.toolkit.fluxcd.io';
import { durationProblems, formatDuration, optDuration } from '../_util/duration';
import { checkObjectMeta, objectMeta } from '../_util/metadata';
import { Problems } from '../_util/problems';
import { checkArgs, checkConstruct, fits, known, metaFields, Shape, shape as s } from '../_util/shape';

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
   * The object's namespace.
   * @default - the Kustomization's target namespace
   */
  readonly namespace?: string;
}

/**
 * Props of {@link FluxKustomization}.
 */
export interface FluxKustomizationProps {
  /**
   * The Kustomization's name.
   * @default - a name generated from the construct path
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
   * Kustomizations that must be ready first.
   * @default - none
   */
  readonly dependsOn?: FluxKustomization[];
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
});

/**
 * Applies manifests from a Flux source (`kustomize.toolkit.fluxcd.io/v1` Kustomization).
 */
export class FluxKustomization extends Construct {
  /** The generated Kustomization. */
  public readonly resource: Kustomization;
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
    problems.throwIfAny();

    this.resource = new Kustomization(this, 'Resource', {
      metadata: objectMeta(props.name, this.namespace),
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
        healthChecks: props.healthChecks?.map((h) => ({ apiVersion: h.apiVersion, kind: h.kind, name: h.name, namespace: h.namespace })),
        dependsOn: props.dependsOn?.map((d) => ({ name: d.name, namespace: d.namespace === this.namespace ? undefined : d.namespace })),
        wait: props.wait,
        timeout: optDuration(props.timeout, 'h'),
        retryInterval: optDuration(props.retryInterval, 'h'),
      },
    });
  }

  /** The Kustomization's name. */
  public get name(): string {
    return this.resource.name;
  }
}
