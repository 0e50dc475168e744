import { ApiObject, Chart, Duration } from 'cdk8s';
import { ISecretReference } from '../secret-key';
import { Construct, IConstruct } from 'constructs';
import { Provider, ProviderSpecType } from '../../imports/notification-providers-notification.toolkit.fluxcd.io';
import { durationProblems, formatDuration } from '../_util/duration';
import { checkObjectMeta, defaultName, objectMeta } from '../_util/metadata';
import { Problems } from '../_util/problems';
import { checkConstruct, known, metaFields, shape as s } from '../_util/shape';
import { attachToApp } from '../hook/app-hook';
import { providerTypeFacts } from '../simulate/flux-providers';

/**
 * A Flux notification Provider (`notification.toolkit.fluxcd.io/v1beta3`).
 */
export interface IFluxProvider extends IConstruct {
  /** The Provider's name. */
  readonly name: string;
  /** The Provider's namespace; Alerts must be in the same one. */
  readonly namespace: string;
  /** The provider type, e.g. `alertmanager` or `slack`. */
  readonly providerType: string;
}

/**
 * Props every Flux provider takes.
 */
export interface FluxProviderOptions {
  /**
   * The Provider's name.
   * @default - the construct id without `flux` and `provider`, kebab-cased (`TeamSlack` →
   * `team-slack`), else the provider type (`alertmanager`, `slack`), as the Flux docs name
   * Providers (README "Default names")
   */
  readonly name?: string;
  /**
   * The namespace. Alerts that use this Provider must be in the same namespace.
   * @default - the chart's namespace, else `flux-system`
   */
  readonly namespace?: string;
  /**
   * How long the controller waits for the endpoint; Flux takes no hours here.
   * @default - Flux's default, 15s
   */
  readonly timeout?: Duration;
  /**
   * Whether the Provider is suspended.
   * @default false
   */
  readonly suspend?: boolean;
  /**
   * A Secret with `ca.crt` (and `tls.crt`/`tls.key` for mutual TLS) to trust the endpoint.
   * @default - the system's CA bundle
   */
  readonly certSecret?: ISecretReference;
  /**
   * A Secret with the proxy `address` (and `username`/`password`).
   * @default - no proxy
   */
  readonly proxySecret?: ISecretReference;
}

/**
 * The shape of {@link FluxProviderOptions}, for each provider's props.
 * @internal
 */
export const PROVIDER_OPTION_FIELDS = {
  name: metaFields.name, namespace: metaFields.namespace,
  timeout: s.optional(s.duration()), suspend: s.optional(s.boolean()),
  certSecret: s.optional(known.secret), proxySecret: s.optional(known.secret),
};

/** What a subclass passes on: its user's props (which may hold more than its own) and its fields. */
const SPEC_INPUT = s.struct('ProviderSpecInput', {
  ...PROVIDER_OPTION_FIELDS,
  address: s.optional(s.string({ fix: `use a URL such as 'https://example.com/hook'` })),
  channel: s.optional(s.string({ fix: `use a channel such as '#flux-alerts'` })),
  username: s.optional(s.string({ fix: 'use the name messages are posted as' })),
  commitStatusExpr: s.optional(s.string({ fix: `use a CEL expression such as "event.involvedObject.name"` })),
  serviceAccountName: s.optional(s.string({ nonEmpty: true, fix: `name the service account, e.g. 'flux-notifications'` })),
});

/**
 * The Secret keys a provider type reads, and which of them it needs.
 */
export interface ProviderSecretKeys {
  /** The Secret. */
  readonly secret: ISecretReference;
  /** Keys that must all be present, e.g. `address`. */
  readonly required: string[];
  /**
   * Keys of which at least one must be present, e.g. `token` or `username`.
   * @default - none
   */
  readonly anyOf?: string[];
}

/**
 * What a provider subclass passes to {@link FluxProvider}.
 */
export interface ProviderSpecInput extends FluxProviderOptions {
  /** The provider type (a `FluxProviderType` value, e.g. `'slack'`). */
  readonly type: string;
  /**
   * The endpoint, when it is no secret (an in-cluster service, a public API).
   * @default - read from the Secret's `address` key
   */
  readonly address?: string;
  /**
   * The channel.
   * @default - the endpoint's own
   */
  readonly channel?: string;
  /**
   * The name messages are posted as.
   * @default - the endpoint's own
   */
  readonly username?: string;
  /**
   * The Secret with the credentials, and the keys this type needs in it.
   * @default - no Secret
   */
  readonly secret?: ProviderSecretKeys;
  /**
   * A CEL expression for the commit status ID (commit-status types only).
   * @default - Flux's `<kind>/<name>/<provider UID prefix>`
   */
  readonly commitStatusExpr?: string;
  /**
   * The ServiceAccount for workload identity (azureeventhub, azuredevops, googlepubsub).
   * @default - the controller's own identity
   */
  readonly serviceAccountName?: string;
  /**
   * Problems the subclass found in its type-specific props, reported with the base checks
   * so all problems are reported at once. Each message names its field, the value and the
   * fix (`field: problem (got value). Fix: ...`).
   * @default - none
   */
  readonly typeProblems?: string[];
}

/**
 * Base class of the Flux provider constructs: renders the Provider and checks its values.
 */
export abstract class FluxProvider extends Construct implements IFluxProvider {
  /** The generated Provider. */
  public readonly resource: ApiObject;
  public readonly namespace: string;
  public readonly providerType: string;
  /** The Secret this provider reads and the keys it needs, if any. */
  public readonly secret?: ProviderSecretKeys;
  /** The endpoint address in the spec, if any. */
  public readonly address?: string;

  protected constructor(scope: Construct, id: string, props: ProviderSpecInput) {
    checkConstruct(new.target.name, scope, id, props, SPEC_INPUT);
    super(scope, id);
    const own = new Problems(this);
    this.namespace = props.namespace ?? Chart.of(this).namespace ?? 'flux-system';
    checkObjectMeta(own, props.name, this.namespace);
    own.addMessages(durationProblems('timeout', props.timeout, true));
    for (const [field, value] of [['address', props.address], ['channel', props.channel], ['username', props.username]] as const) {
      if (value !== undefined && value.length > 2048) {
        own.add(field, `${value.slice(0, 40)}...`, `is ${value.length} characters; Flux accepts at most 2048`, `shorten the ${field}`);
      }
    }
    // Types whose address is no URL (a GCP project, a NATS server, a Git repository) check it themselves.
    const urlAddress = (providerTypeFacts(props.type)?.address ?? 'url') === 'url';
    if (urlAddress && props.address !== undefined && !/^https?:\/\/[^\s/]+/.test(props.address)) {
      own.add('address', props.address, 'is not an http(s) URL, and the API server does not check it', `use a URL such as 'http://alertmanager-operated.monitoring:9093/api/v2/alerts'`);
    }
    own.addMessages(props.typeProblems ?? []);
    own.throwIfAny();

    this.providerType = props.type;
    this.secret = props.secret;
    this.address = props.address;
    this.resource = new Provider(this, 'Resource', {
      // The Flux docs name a Provider after its type: `flux create alert-provider slack --type slack`.
      metadata: objectMeta(props.name ?? defaultName(this, id, { drop: ['flux', 'provider'], fallback: props.type }), this.namespace),
      spec: {
        type: props.type as ProviderSpecType,
        address: props.address,
        channel: props.channel,
        username: props.username,
        timeout: props.timeout ? formatDuration(props.timeout, 'm') : undefined,
        suspend: props.suspend,
        secretRef: props.secret ? { name: props.secret.secret.name } : undefined,
        commitStatusExpr: props.commitStatusExpr,
        serviceAccountName: props.serviceAccountName,
        certSecretRef: props.certSecret ? { name: props.certSecret.name } : undefined,
        proxySecretRef: props.proxySecret ? { name: props.proxySecret.name } : undefined,
      },
    });
    attachToApp(this);
  }

  public get name(): string {
    return this.resource.name;
  }
}
