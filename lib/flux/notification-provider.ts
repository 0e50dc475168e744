import { ISecretReference } from '../secret-key';
import { Construct } from 'constructs';
import { ProviderSpecType } from '../../imports/notification-providers-notification.toolkit.fluxcd.io';
import { ProblemList } from '../_util/problems';
import { checkConstruct, known, shape as s } from '../_util/shape';
import {
  ProviderTypeFacts, addressProblem, channelProblem, needsAddress, providerTypeFacts,
} from '../simulate/flux-providers';
import { checkDns1123Subdomain } from '../validation';
import { FluxProvider, FluxProviderOptions, PROVIDER_OPTION_FIELDS } from './provider';
import { FluxProviderAuth, FluxProviderType } from './provider-type';

/**
 * Props of {@link FluxNotificationProvider}.
 */
export interface FluxNotificationProviderProps extends FluxProviderOptions {
  /** The provider type, e.g. `FluxProviderType.DISCORD`. */
  readonly type: FluxProviderType;
  /**
   * The endpoint, when it is no secret: a URL, a Git repository URL (commit-status and comment
   * types), a GCP project ID (`googlepubsub`), a NATS server (`nats`), an Event Hub name. A
   * webhook URL that carries its own token belongs in the Secret's `address` key instead.
   * @default - read from the Secret's `address` key (required then)
   */
  readonly address?: string;
  /**
   * The Secret holding the credentials, and the endpoint when `address` is unset. It must be in
   * the Provider's namespace.
   * @default - no Secret: only for types that need no credentials, with `address` set
   */
  readonly secret?: ISecretReference;
  /**
   * Which credentials the Secret holds; each type accepts some of them (see the README's table of
   * provider types).
   * @default - the type's first: `TOKEN` for types that need credentials, `WORKLOAD_IDENTITY` for
   * googlepubsub, `NONE` for the rest
   */
  readonly auth?: FluxProviderAuth;
  /**
   * Whether the Secret also holds `headers`, a YAML map of HTTP headers (Pub/Sub attributes for
   * googlepubsub); only generic, generic-hmac, googlepubsub and otel read it.
   * @default false
   */
  readonly headers?: boolean;
  /**
   * The channel: a Slack channel, a room ID (webex, matrix), a chat (telegram), a topic
   * (googlepubsub), a subject (nats), `<channel>/<topic>` (zulip), the routing key (pagerduty),
   * the environment (sentry), the Event Hub namespace (azureeventhub).
   * @default - none (required by googlepubsub, webex, telegram, matrix, pagerduty, nats, zulip)
   */
  readonly channel?: string;
  /**
   * The name messages are posted as (slack, discord, rocket).
   * @default - the endpoint's own
   */
  readonly username?: string;
  /**
   * A CEL expression (variables `event`, `alert`, `provider`) that computes the commit status ID
   * (github, gitlab, gitea, bitbucketserver, bitbucket, azuredevops only).
   * @default - Flux's `<kind>/<name>/<first part of the Provider's UID>`
   */
  readonly commitStatusExpr?: string;
  /**
   * The ServiceAccount whose identity authenticates to the cloud (azureeventhub, azuredevops,
   * googlepubsub; needs the controller's `ObjectLevelWorkloadIdentity` feature gate).
   * @default - the controller's own identity
   */
  readonly serviceAccountName?: string;
}

const AUTHS = new Set<string>(Object.values(FluxProviderAuth));

const PROPS = s.struct('FluxNotificationProviderProps', {
  ...PROVIDER_OPTION_FIELDS,
  type: s.like('FluxProviderType', { value: 'string' }, `use e.g. FluxProviderType.DISCORD, or FluxProviderType.custom('newtype')`),
  address: s.optional(s.string({ nonEmpty: true, fix: `pass the endpoint, or leave address out to read it from the Secret's "address" key` })),
  secret: s.optional(known.secret),
  // an unknown one is reported with the provider's other problems
  auth: s.optional(s.oneOf(FluxProviderAuth, 'FluxProviderAuth', { strict: false })),
  headers: s.optional(s.boolean()),
  channel: s.optional(s.string({ fix: 'use the channel, room, topic or subject the type needs' })),
  username: s.optional(s.string({ fix: 'use the name messages are posted as' })),
  commitStatusExpr: s.optional(s.string({ fix: `use a CEL expression such as "event.involvedObject.name"` })),
  serviceAccountName: s.optional(s.string({ nonEmpty: true, fix: `name the service account, e.g. 'flux-notifications'` })),
});

/**
 * A Flux Provider of any type notification-controller v1.9 serves (`notification.toolkit.fluxcd.io/v1beta3`),
 * checked against what the controller does with it: where the endpoint comes from and what it
 * must look like, what `channel` and `username` mean, which Secret keys it reads, and whether it
 * honours a proxy, a certificate Secret, `commitStatusExpr` and `serviceAccountName`.
 *
 * {@link AlertmanagerProvider}, {@link SlackProvider}, {@link MsTeamsProvider} and
 * {@link GenericWebhookProvider} are shortcuts for the most common types.
 *
 * @example
 * new FluxNotificationProvider(this, 'GitHub', {
 *   type: FluxProviderType.GITHUB,
 *   address: 'https://github.com/my-org/fleet',
 *   secret: SecretReference.fromName('github-token'),
 * });
 */
export class FluxNotificationProvider extends FluxProvider {
  /** The provider type. */
  public readonly type: FluxProviderType;
  /** How the provider authenticates. */
  public readonly auth: FluxProviderAuth;

  constructor(scope: Construct, id: string, props: FluxNotificationProviderProps) {
    checkConstruct('FluxNotificationProvider', scope, id, props, PROPS);
    const type = props.type;
    // recognised by its member, not instanceof: a second copy of the library must pass too
    const typeValue = typeof type?.value === 'string' ? type.value : undefined;
    const facts = typeValue !== undefined ? providerTypeFacts(typeValue) : undefined;
    const auth = props?.auth ?? defaultAuth(facts);
    const secretKeys = facts && props?.secret ? keysFor(facts, auth, props) : { required: [] as string[], anyOf: undefined as string[] | undefined };
    super(scope, id, {
      ...props,
      type: (typeValue ?? String(type)) as ProviderSpecType,
      secret: props?.secret ? { secret: props.secret, required: secretKeys.required, anyOf: secretKeys.anyOf } : undefined,
      typeProblems: (() => {
        const p = new ProblemList();
        if (typeValue === undefined) {
          p.add('type', type, 'must be a FluxProviderType', 'use e.g. FluxProviderType.DISCORD, or FluxProviderType.custom(\'newtype\') for a type this library does not know yet');
          return p.messages;
        }
        if (props.auth !== undefined && !AUTHS.has(props.auth)) {
          p.add('auth', props.auth, 'is not a FluxProviderAuth', `use FluxProviderAuth.${Object.keys(FluxProviderAuth).join(', FluxProviderAuth.')}`);
          return p.messages;
        }
        if (props.serviceAccountName !== undefined) { p.messages.push(...checkDns1123Subdomain('serviceAccountName', props.serviceAccountName)); }
        if (facts) { checkKnownType(p, facts, auth, props); }
        return p.messages;
      })(),
    });
    this.type = type;
    this.auth = auth;
  }
}

function defaultAuth(facts: ProviderTypeFacts | undefined): FluxProviderAuth {
  return (facts?.auth[0].id ?? FluxProviderAuth.NONE) as FluxProviderAuth;
}

/** The Secret keys a Provider of `facts.type` reads with `auth`. */
function keysFor(facts: ProviderTypeFacts, auth: FluxProviderAuth, props: FluxNotificationProviderProps): { required: string[]; anyOf?: string[] } {
  const method = facts.auth.find((a) => a.id === auth);
  const required = [
    ...(needsAddress(facts) && props.address === undefined ? ['address'] : []),
    ...(method?.keys ?? []),
    ...(props.headers ? ['headers'] : []),
  ];
  return { required: [...new Set(required)], anyOf: method?.anyOf ? [...method.anyOf] : undefined };
}

function list(items: readonly string[]): string {
  return items.map((i) => `FluxProviderAuth.${Object.entries(FluxProviderAuth).find(([, v]) => v === i)?.[0] ?? i}`).join(', ');
}

/** The checks of a type whose behaviour is known (the table in simulate/flux-providers). */
function checkKnownType(p: ProblemList, facts: ProviderTypeFacts, auth: FluxProviderAuth, props: FluxNotificationProviderProps): void {
  const t = facts.type;
  const method = facts.auth.find((a) => a.id === auth);
  // How it authenticates.
  if (!method) {
    p.add('auth', auth, `is not a way ${facts.title} (${t}) authenticates`, `use ${list(facts.auth.map((a) => a.id))}`);
  } else if (method.keys.length > 0 && !props.secret) {
    p.add('secret', props.secret, `${facts.title} with ${list([auth])} reads ${method.keys.map((k) => `"${k}"`).join(' and ')} from a Secret`, `pass secret: SecretReference.fromName('${t}-credentials')`);
  }
  if (props.serviceAccountName !== undefined && !facts.serviceAccount) {
    p.add('serviceAccountName', props.serviceAccountName, `${t} does not use workload identity (only azureeventhub, azuredevops and googlepubsub do)`, 'leave serviceAccountName unset');
  } else if (props.serviceAccountName !== undefined && auth !== FluxProviderAuth.WORKLOAD_IDENTITY) {
    p.add('serviceAccountName', props.serviceAccountName, `is for auth: FluxProviderAuth.WORKLOAD_IDENTITY; with ${list([auth])} the controller rejects static credentials next to it`, 'set auth: FluxProviderAuth.WORKLOAD_IDENTITY, or leave serviceAccountName unset');
  }
  // Where the endpoint comes from.
  if (props.address !== undefined) {
    if (facts.address === 'ignored') {
      p.add('address', props.address, `${t} ignores the address and always posts to its own API`, 'leave address unset');
    } else if (facts.address === 'sentry-dsn') {
      p.add('address', '<the DSN>', 'a Sentry DSN holds the project\'s key, and the manifest is committed to Git', 'put the DSN in the Secret\'s "address" key and leave address unset');
    } else if (facts.address === 'event-hub' && props.address.includes('SharedAccessKey')) {
      p.add('address', '<a SAS connection string>', 'holds the shared access key, and the manifest is committed to Git', 'put the connection string in the Secret\'s "address" key and leave address unset');
    } else {
      const problem = addressProblem(facts, props.address);
      if (problem) { p.add('address', props.address, problem, `use an address such as ${facts.addressExample}`); }
    }
  } else if (needsAddress(facts) && !props.secret) {
    p.add('address', props.address, `${facts.title} needs an endpoint, in address or in the Secret's "address" key`, `set address: '${facts.addressExample}', or pass the Secret that holds it`);
  }
  if (t === 'azureeventhub' && auth === FluxProviderAuth.NONE && props.address !== undefined && !props.address.includes('SharedAccessKey')) {
    p.add('auth', auth, 'without a token or workload identity the Event Hub is reached with a SAS connection string, which belongs in the Secret\'s "address" key', 'leave address unset and put the connection string in the Secret, or set auth: FluxProviderAuth.WORKLOAD_IDENTITY');
  }
  // Channel and username.
  const channelNeeded = facts.channel === 'required'
    || (t === 'slack' && auth === FluxProviderAuth.TOKEN)
    || (t === 'azureeventhub' && auth !== FluxProviderAuth.NONE);
  if (props.channel === undefined || props.channel === '') {
    if (channelNeeded) { p.add('channel', props.channel, `${facts.title}${t === 'slack' ? ' with a bot token' : ''} needs ${facts.channelMeaning}`, `set channel`); }
  } else if (facts.channel === 'unused') {
    p.add('channel', props.channel, `${t} has no channel: ${t === 'msteams' || t === 'discord' ? 'the webhook decides where messages go' : 'the address decides where events go'}`, 'leave channel unset');
  } else {
    const problem = channelProblem(facts, props.channel);
    if (problem) { p.add('channel', props.channel, problem, 'set channel: \'general/flux\''); }
  }
  if (props.username !== undefined) {
    if (facts.username === 'unused') {
      p.add('username', props.username, `${t} does not use a username`, 'leave username unset');
    } else if (facts.username === 'auth') {
      p.add('username', props.username, `for ${t} the username is a basic-auth user, and Flux reads the password only from a Secret that holds both "username" and "password"`, 'put both in the Secret (auth: FluxProviderAuth.BASIC) and leave username unset');
    }
  }
  // Optional features.
  if (props.headers && !facts.optionalKeys.includes('headers')) {
    p.add('headers', props.headers, `${t} does not read the Secret's "headers" key (only generic, generic-hmac, googlepubsub and otel do)`, 'leave headers unset');
  }
  if (props.headers && !props.secret) {
    p.add('headers', props.headers, 'the headers are read from the Secret', 'pass the Secret that holds them');
  }
  if (props.certSecret && !facts.cert) {
    p.add('certSecret', props.certSecret.name, `${t} ignores certSecretRef: notification-controller v1.9 gives it no TLS configuration`, 'leave certSecret unset');
  }
  if (props.proxySecret && !facts.proxy) {
    p.add('proxySecret', props.proxySecret.name, `${t} ignores proxySecretRef: notification-controller v1.9 gives it no proxy`, 'leave proxySecret unset');
  }
  if (props.commitStatusExpr !== undefined) {
    if (!facts.commitStatus) {
      p.add('commitStatusExpr', props.commitStatusExpr, 'is only for the commit-status types (github, gitlab, gitea, bitbucketserver, bitbucket, azuredevops); the API server rejects it on others', 'leave commitStatusExpr unset');
    } else {
      const problem = celShapeProblem(props.commitStatusExpr);
      if (problem) { p.add('commitStatusExpr', props.commitStatusExpr, problem, `e.g. "(event.involvedObject.kind + '/' + event.involvedObject.name).lowerAscii()"`); }
    }
  }
}

/**
 * What is visibly wrong with a CEL expression: empty, unbalanced brackets or quotes, or no
 * variable the controller provides. Not a CEL parser: a well-formed but wrong expression fails
 * at run time, in the controller's log.
 * @internal
 */
export function celShapeProblem(expr: string): string | undefined {
  if (expr.trim() === '') { return 'is empty'; }
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '"' || c === '\'') {
      const end = expr.indexOf(c, i + 1);
      if (end < 0) { return `has an unterminated ${c === '"' ? 'double' : 'single'}-quoted string`; }
      i = end;
    } else if ('([{'.includes(c)) {
      stack.push(c);
    } else if (pairs[c]) {
      if (stack.pop() !== pairs[c]) { return `has an unbalanced "${c}"`; }
    }
  }
  if (stack.length) { return `has an unclosed "${stack[stack.length - 1]}"`; }
  if (!/\b(event|alert|provider)\b/.test(expr.replace(/(["'])(?:(?!\1).)*\1/g, '""'))) {
    return 'uses none of the variables event, alert and provider, so every commit gets the same status ID';
  }
  return undefined;
}
