import { createHash } from 'crypto';
import { ApiObject, Chart, Duration } from 'cdk8s';
import { ISecretReference } from '../secret-key';
import { Construct } from 'constructs';
import {
  Receiver, ReceiverSpecResourcesKind, ReceiverSpecType,
} from '../../imports/notification-receivers-notification.toolkit.fluxcd.io';
import { durationProblems, formatDuration } from '../_util/duration';
import { checkObjectMeta, defaultName, objectMeta } from '../_util/metadata';
import { Problems, message } from '../_util/problems';
import { checkArgs, checkConstruct, fits, known, metaFields, shape as s } from '../_util/shape';
import { attachToApp } from '../hook/app-hook';
import { checkDns1123Label } from '../validation';
import { FluxSourceKind } from './event-source';
import type { FluxKustomization, FluxSourceRef } from './flux-kustomization';

/**
 * Who sends the webhook: decides how notification-controller authenticates and reads it.
 * The token is read from the Secret's `token` key for every type.
 */
export enum FluxReceiverType {
  /** Any caller that knows the path; no payload check. */
  GENERIC = 'generic',
  /** Any caller that signs the body with HMAC (the `X-Signature` header) using the token. */
  GENERIC_HMAC = 'generic-hmac',
  /** GitHub (HMAC `X-Hub-Signature`); events such as `push`, `ping`. */
  GITHUB = 'github',
  /** GitLab (`X-Gitlab-Token`); events such as `Push Hook`, `Tag Push Hook`. */
  GITLAB = 'gitlab',
  /** Bitbucket Server / Data Center (HMAC `X-Hub-Signature`); events such as `repo:refs_changed`. */
  BITBUCKET = 'bitbucket',
  /** Harbor (`Authorization` header). */
  HARBOR = 'harbor',
  /** Docker Hub (no signature: the path is the secret). */
  DOCKERHUB = 'dockerhub',
  /** Quay (no signature: the path is the secret). */
  QUAY = 'quay',
  /** Google Container Registry through Pub/Sub push; the Secret also needs `email` and `audience`. */
  GCR = 'gcr',
  /** Sonatype Nexus (HMAC `X-Nexus-Webhook-Signature`). */
  NEXUS = 'nexus',
  /** Azure Container Registry (no signature: the path is the secret). */
  ACR = 'acr',
  /** CDEvents; `events` filters on the CDEvent type. */
  CDEVENTS = 'cdevents',
}

/** The Secret keys notification-controller reads, per receiver type. */
const SECRET_KEYS: Partial<Record<FluxReceiverType, string[]>> = {
  [FluxReceiverType.GCR]: ['token', 'email', 'audience'],
};

const TARGET_NAME = s.string({ nonEmpty: true, fix: `pass the object's name, e.g. 'flux-system'` });
const TARGET_NAMESPACE = s.optional(s.string({ nonEmpty: true, fix: `pass the object's namespace, or leave it out for the Receiver's` }));
// an unknown kind is reported by the FluxReceiver with the list of kinds it can reconcile
const TARGET_KIND = s.oneOf(FluxSourceKind, 'FluxSourceKind', { strict: false });

/** Checks the arguments of a ReceiverTarget factory that takes a name and a namespace. */
function checkTargetArgs(factory: string, name: unknown, namespace: unknown, kind?: unknown): void {
  checkArgs(`ReceiverTarget.${factory}`, {
    ...(kind !== undefined || factory === 'of' ? { kind: [kind, TARGET_KIND] as [unknown, typeof TARGET_KIND] } : {}),
    name: [name, TARGET_NAME],
    namespace: [namespace, TARGET_NAMESPACE],
  });
}

/**
 * A Flux object a Receiver asks to reconcile when a webhook arrives.
 */
export class ReceiverTarget {
  /** A Kustomization defined in this app. */
  public static kustomization(kustomization: FluxKustomization): ReceiverTarget {
    checkArgs('ReceiverTarget.kustomization', { kustomization: [kustomization, known.fluxKustomization] });
    return new ReceiverTarget(FluxSourceKind.KUSTOMIZATION, kustomization.name, kustomization.namespace);
  }

  /** The source a Kustomization of this app reads from (`FluxSourceRef.gitRepository(...)`). */
  public static source(ref: FluxSourceRef): ReceiverTarget {
    checkArgs('ReceiverTarget.source', { ref: [ref, known.fluxSourceRef] });
    return new ReceiverTarget(ref.kind as FluxSourceKind, ref.name, ref.namespace);
  }

  /** A GitRepository, e.g. `flux-system` as `flux bootstrap` creates it. */
  public static gitRepository(name: string, namespace?: string): ReceiverTarget {
    checkTargetArgs('gitRepository', name, namespace);
    return new ReceiverTarget(FluxSourceKind.GIT_REPOSITORY, name, namespace);
  }

  /** An OCIRepository. */
  public static ociRepository(name: string, namespace?: string): ReceiverTarget {
    checkTargetArgs('ociRepository', name, namespace);
    return new ReceiverTarget(FluxSourceKind.OCI_REPOSITORY, name, namespace);
  }

  /** A HelmRepository. */
  public static helmRepository(name: string, namespace?: string): ReceiverTarget {
    checkTargetArgs('helmRepository', name, namespace);
    return new ReceiverTarget(FluxSourceKind.HELM_REPOSITORY, name, namespace);
  }

  /** An ImageRepository (registry webhooks: Harbor, Docker Hub, Quay, GCR, ACR, Nexus). */
  public static imageRepository(name: string, namespace?: string): ReceiverTarget {
    checkTargetArgs('imageRepository', name, namespace);
    return new ReceiverTarget(FluxSourceKind.IMAGE_REPOSITORY, name, namespace);
  }

  /** An object of any kind the Receiver CRD accepts, by name. */
  public static of(kind: FluxSourceKind, name: string, namespace?: string): ReceiverTarget {
    checkTargetArgs('of', name, namespace, kind);
    return new ReceiverTarget(kind, name, namespace);
  }

  /** Every object of `kind` that carries `matchLabels` (name `*`). */
  public static allOf(kind: FluxSourceKind, matchLabels: { [key: string]: string }, namespace?: string): ReceiverTarget {
    checkArgs('ReceiverTarget.allOf', { kind: [kind, TARGET_KIND], matchLabels: [matchLabels, s.map()], namespace: [namespace, TARGET_NAMESPACE] });
    return new ReceiverTarget(kind, '*', namespace, { ...matchLabels });
  }

  private constructor(
    /** The object's kind. */
    public readonly kind: FluxSourceKind,
    /** The object's name, or `*`. */
    public readonly name: string,
    /** The object's namespace; defaults to the Receiver's. */
    public readonly namespace?: string,
    /** With name `*`: the labels the objects must carry. */
    public readonly matchLabels?: { [key: string]: string },
  ) {}
}

/**
 * Props of {@link FluxReceiver}.
 */
export interface FluxReceiverProps {
  /**
   * The Receiver's name (part of the webhook path).
   * @default - the construct id kebab-cased, ending in `-receiver` (`Harbor` →
   * `harbor-receiver`), else `<type>-receiver` (`github-receiver`), as the Flux docs name
   * Receivers (README "Default names")
   */
  readonly name?: string;
  /**
   * The namespace (part of the webhook path). The token Secret must be in it.
   * @default - the chart's namespace, else `flux-system`
   */
  readonly namespace?: string;
  /** Who sends the webhook. */
  readonly type: FluxReceiverType;
  /**
   * The Secret, in the Receiver's namespace, whose `token` key holds the shared token (and,
   * for GCR, `email` and `audience`). Reference one created outside Git with
   * `SecretReference.fromName('receiver-token')`: the token never appears in
   * the synthesized YAML.
   */
  readonly tokenSecret: ISecretReference;
  /** The objects to reconcile when a webhook arrives; at least one. */
  readonly resources: ReceiverTarget[];
  /**
   * The event types to act on, e.g. `['ping', 'push']` for GitHub or `['Push Hook']` for GitLab.
   * @default - every event the sender posts
   */
  readonly events?: string[];
  /**
   * How often the Receiver re-reads its token Secret.
   * @default - Flux's default, 10m
   */
  readonly interval?: Duration;
  /**
   * A CEL expression, evaluated per resource (`res`) and request (`req`); the resource is
   * reconciled only when it returns true.
   * @default - every resource is reconciled
   */
  readonly resourceFilter?: string;
  /**
   * Whether the Receiver ignores webhooks.
   * @default false
   */
  readonly suspend?: boolean;
}

// the token is the secret the webhook path is made from: never shown
const TOKEN = s.string({ nonEmpty: true, secret: true, fix: 'pass the token where it is (CI, a script), never in code' });
const RECEIVER_TARGET = s.like('ReceiverTarget', { kind: 'string', name: 'string' }, `use ReceiverTarget.gitRepository('flux-system') and the like`);
// types only: type, tokenSecret and resources are required and the values are checked by the
// constructor, which reports them with its other problems
const PROPS = s.struct('FluxReceiverProps', {
  ...metaFields,
  type: s.optional(s.oneOf(FluxReceiverType, 'FluxReceiverType', { strict: false })),
  tokenSecret: s.optional(known.secret),
  resources: s.optional(s.list(RECEIVER_TARGET)),
  events: s.optional(s.list(s.string())),
  interval: s.optional(s.duration()),
  resourceFilter: s.optional(s.string()),
  suspend: s.optional(s.boolean()),
});

/**
 * An inbound webhook (`notification.toolkit.fluxcd.io/v1` Receiver): GitHub, GitLab, a
 * registry and the like tell Flux to reconcile now instead of at the next interval.
 *
 * notification-controller serves it on its `webhook-receiver` Service (port 80 → 9292) at
 * `/hook/<sha256(token + name + namespace)>` and reports that path in `.status.webhookPath`.
 * The library never sees the token, so it cannot know the path: read it from the cluster
 * ({@link FluxReceiver.webhookPathCommand}) or compute it where the token is
 * ({@link FluxReceiver.webhookPathFor}).
 */
export class FluxReceiver extends Construct {
  /** The prefix of every webhook path notification-controller serves. */
  public static readonly WEBHOOK_PATH_PREFIX = '/hook/';

  /**
   * The path notification-controller serves a Receiver's webhook at:
   * `/hook/` + hex(sha256(token + name + namespace)), as Flux documents and computes it.
   * Call it where the token is (CI, a script), never with a token in code.
   */
  public static webhookPath(token: string, name: string, namespace: string): string {
    checkArgs('FluxReceiver.webhookPath', { token: [token, TOKEN], name: [name, s.string({ nonEmpty: true, fix: `pass the Receiver's name` })], namespace: [namespace, s.string({ nonEmpty: true, fix: `pass the Receiver's namespace` })] });
    return FluxReceiver.WEBHOOK_PATH_PREFIX + createHash('sha256').update(`${token}${name}${namespace}`, 'utf8').digest('hex');
  }

  /** The generated Receiver. */
  public readonly resource: ApiObject;
  /** The namespace. */
  public readonly namespace: string;
  /** The receiver type. */
  public readonly receiverType: FluxReceiverType;
  /** The token Secret. */
  public readonly tokenSecret: ISecretReference;
  /** The Secret keys notification-controller reads. */
  public readonly secretKeys: string[];

  constructor(scope: Construct, id: string, props: FluxReceiverProps) {
    checkConstruct('FluxReceiver', scope, id, props, PROPS);
    super(scope, id);
    const problems = new Problems(this);
    this.namespace = props.namespace ?? Chart.of(this).namespace ?? 'flux-system';
    checkObjectMeta(problems, props.name, this.namespace);
    if (!Object.values(FluxReceiverType).includes(props.type)) {
      problems.add('type', props.type, 'is not a receiver type this construct supports', `use FluxReceiverType.${Object.keys(FluxReceiverType).join(', FluxReceiverType.')} (generic-oidc needs oidcProviders: use the Receiver L1 class)`);
    }
    if (typeof props.tokenSecret?.name !== 'string' || props.tokenSecret.name === '') {
      problems.add('tokenSecret', props.tokenSecret, 'must be a Secret', `use SecretReference.fromName('receiver-token')`);
    }
    if (!Array.isArray(props.resources) || props.resources.length === 0) {
      problems.add('resources', props.resources, 'a Receiver needs at least one object to reconcile', `e.g. [ReceiverTarget.gitRepository('flux-system')]`);
    }
    (Array.isArray(props.resources) ? props.resources : []).forEach((r, i) => problems.addMessages(targetProblems(`resources[${i}]`, r)));
    (props.events ?? []).forEach((e, i) => {
      if (typeof e !== 'string' || e.trim() === '') {
        problems.add(`events[${i}]`, e, 'must be a non-empty event type', `e.g. 'push' (GitHub) or 'Push Hook' (GitLab); leave events out to act on every event`);
      }
    });
    problems.addMessages(durationProblems('interval', props.interval, true));
    if (props.resourceFilter !== undefined && (typeof props.resourceFilter !== 'string' || props.resourceFilter.trim() === '')) {
      problems.add('resourceFilter', props.resourceFilter, 'must be a CEL expression', `e.g. "res.metadata.name == 'my-app'", or leave it out`);
    }
    problems.throwIfAny();

    this.receiverType = props.type;
    this.tokenSecret = props.tokenSecret;
    this.secretKeys = [...(SECRET_KEYS[props.type] ?? ['token'])];
    this.resource = new Receiver(this, 'Resource', {
      metadata: objectMeta(props.name ?? defaultName(this, id, { drop: ['flux', 'receiver', 'webhook'], suffix: 'receiver', fallback: `${props.type}-receiver` }), this.namespace),
      spec: {
        type: props.type as string as ReceiverSpecType,
        events: props.events && props.events.length ? [...props.events] : undefined,
        interval: props.interval ? formatDuration(props.interval, 'h') : undefined,
        secretRef: { name: props.tokenSecret.name },
        resources: props.resources.map((r) => ({
          kind: r.kind as string as ReceiverSpecResourcesKind,
          name: r.name,
          namespace: r.namespace,
          matchLabels: r.matchLabels && Object.keys(r.matchLabels).length ? { ...r.matchLabels } : undefined,
        })),
        resourceFilter: props.resourceFilter,
        suspend: props.suspend,
      },
    });
    attachToApp(this);
  }

  /** The Receiver's name. */
  public get name(): string {
    return this.resource.name;
  }

  /** Where notification-controller reports the webhook path once it has read the token. */
  public get webhookPathField(): string {
    return '.status.webhookPath';
  }

  /** A command that prints the webhook path from the cluster. */
  public get webhookPathCommand(): string {
    return `kubectl -n ${this.namespace} get receivers.notification.toolkit.fluxcd.io ${this.name} -o jsonpath='{.status.webhookPath}'`;
  }

  /**
   * The webhook path for `token`: see {@link FluxReceiver.webhookPath}.
   */
  public webhookPathFor(token: string): string {
    checkArgs(this, { 'webhookPathFor(token)': [token, TOKEN] });
    return FluxReceiver.webhookPath(token, this.name, this.namespace);
  }
}

function targetProblems(field: string, t: ReceiverTarget): string[] {
  // recognised by its members, not instanceof: a second copy of the library must pass too
  if (!fits(RECEIVER_TARGET, t)) {
    return [message(field, t, 'must be a ReceiverTarget', `use ReceiverTarget.gitRepository('flux-system') or ReceiverTarget.kustomization(k)`)];
  }
  const problems: string[] = [];
  if (!Object.values(FluxSourceKind).includes(t.kind)) {
    problems.push(message(`${field}.kind`, t.kind, 'is not a kind a Receiver can reconcile', `use one of ${Object.values(FluxSourceKind).join(', ')}`));
  }
  if (typeof t.name !== 'string' || t.name.length < 1 || t.name.length > 253) {
    problems.push(message(`${field}.name`, t.name, 'must be 1 to 253 characters', 'name the object, or use ReceiverTarget.allOf(kind, labels) for several'));
  }
  if (t.namespace !== undefined) {
    problems.push(...checkDns1123Label(`${field}.namespace`, t.namespace));
  }
  if (t.name === '*' && (!t.matchLabels || Object.keys(t.matchLabels).length === 0)) {
    problems.push(message(`${field}.matchLabels`, t.matchLabels, 'with name "*" and no labels the Receiver reconciles every object of the kind', 'name the labels the objects carry'));
  }
  for (const [k, v] of Object.entries(t.matchLabels ?? {})) {
    if (typeof v !== 'string') { problems.push(message(`${field}.matchLabels[${JSON.stringify(k)}]`, v, 'must be a string', 'quote the value')); }
  }
  return problems;
}
