/**
 * What notification-controller v1.9.3 does with each Provider type: where the endpoint comes
 * from and what it must look like, which Secret keys it reads, what `channel` and `username`
 * mean, and which types honour a proxy, a certificate Secret, `commitStatusExpr` and
 * `serviceAccountName`.
 *
 * Read from the controller's source at v1.9.3: internal/notifier/factory.go (which options each
 * type's constructor receives), the constructors in internal/notifier/*.go (what they refuse),
 * internal/server/event_handlers.go (the Secret keys: `address`, `token`, `username` +
 * `password`, `headers`, `proxy`), internal/server/provider_commit_status.go and
 * provider_change_request.go, api/v1beta3/provider_types.go, and docs/spec/v1beta3/providers.md.
 * Written by hand: the controller is Go and publishes no such table.
 *
 * @module
 */

/** What a Provider type's address is. */
export type ProviderAddressRule =
  /** An http(s) URL (`url.ParseRequestURI`). */
  | 'url'
  /** A Git repository URL; the path is `<owner>/<repo>` (`parseGitAddress`). */
  | 'git-owner-repo'
  /** A GitLab project URL; the path is the project's full path or its numeric ID. */
  | 'gitlab-project'
  /** An Azure DevOps repository URL: `https://dev.azure.com/<org>/<project>/_git/<repo>`. */
  | 'azure-devops'
  /** A Bitbucket Server/Data Center HTTPS clone URL: `https://<host>[/<context>]/scm/<project>/<repo>.git`. */
  | 'bitbucket-server'
  /** A GCP project ID. */
  | 'gcp-project'
  /** A Sentry DSN (it holds the project's key: keep it in the Secret). */
  | 'sentry-dsn'
  /** An Event Hub SAS connection string (in the Secret), or the Event Hub's name. */
  | 'event-hub'
  /** A NATS server URL, e.g. `nats://nats.nats:4222`. */
  | 'nats-server'
  /** Not read: the type has a fixed endpoint. */
  | 'ignored';

/** How a Provider type authenticates, and the Secret keys each way needs. */
export interface ProviderAuthMethod {
  /** `none`, `token`, `basic`, `github-app`, `nats-creds`, `nats-nkey`, `workload-identity`. */
  readonly id: string;
  /** Secret keys that must all be present. */
  readonly keys: readonly string[];
  /**
   * Secret keys of which one must be present.
   * @default - none
   */
  readonly anyOf?: readonly string[];
  /** What the keys hold, for messages and the README. */
  readonly description: string;
}

/** What `spec.channel` is for a type. */
export type ProviderChannelUse = 'required' | 'optional' | 'unused';
/** What `spec.username` is for a type: the name messages are posted as, a basic-auth user name (the Secret's wins), or nothing. */
export type ProviderUsernameUse = 'post-as' | 'auth' | 'unused';

/** The facts about one Provider type. */
export interface ProviderTypeFacts {
  /** `spec.type`. */
  readonly type: string;
  /** The service, e.g. `Slack`. */
  readonly title: string;
  /** What the address is. */
  readonly address: ProviderAddressRule;
  /** An example address. */
  readonly addressExample?: string;
  /** What `spec.channel` is used for. */
  readonly channel: ProviderChannelUse;
  /** What the channel holds, e.g. `the Pub/Sub topic ID`. */
  readonly channelMeaning?: string;
  /** What `spec.username` is used for. */
  readonly username: ProviderUsernameUse;
  /** The ways to authenticate; the first is the default. */
  readonly auth: readonly ProviderAuthMethod[];
  /** Further keys the type reads from the Secret, e.g. `headers`. */
  readonly optionalKeys: readonly string[];
  /** Whether `certSecretRef` is used (the constructor receives the TLS config). */
  readonly cert: boolean;
  /** Whether `proxySecretRef` is used (the constructor receives the proxy URL). */
  readonly proxy: boolean;
  /** Whether the type sets Git commit statuses (and takes `commitStatusExpr`). */
  readonly commitStatus: boolean;
  /** Whether the type comments on pull/merge requests (events need the `change_request` metadata). */
  readonly changeRequest: boolean;
  /** Whether `serviceAccountName` (object-level workload identity) is supported. */
  readonly serviceAccount: boolean;
}

const NONE: ProviderAuthMethod = { id: 'none', keys: [], description: 'no credentials' };
const TOKEN: ProviderAuthMethod = { id: 'token', keys: ['token'], description: 'a token' };
const BASIC: ProviderAuthMethod = { id: 'basic', keys: ['username', 'password'], description: 'a user name and password' };
const GITHUB_APP: ProviderAuthMethod = {
  id: 'github-app',
  keys: ['githubAppID', 'githubAppPrivateKey'],
  anyOf: ['githubAppInstallationID', 'githubAppInstallationOwner'],
  description: 'a GitHub App (`githubAppID`, `githubAppPrivateKey`, and `githubAppInstallationID` or `githubAppInstallationOwner`; optional `githubAppBaseURL`)',
};
const WORKLOAD_IDENTITY: ProviderAuthMethod = { id: 'workload-identity', keys: [], description: 'workload identity (`serviceAccountName`, or the controller\'s own)' };

function t(token: string): ProviderAuthMethod {
  return { ...TOKEN, description: token };
}

const BASE = { channel: 'unused', username: 'unused', optionalKeys: [], cert: true, proxy: true, commitStatus: false, changeRequest: false, serviceAccount: false } as const;
const GITHUB = { ...BASE, address: 'git-owner-repo', addressExample: 'https://github.com/my-org/my-repo', auth: [t('a personal access token'), GITHUB_APP] } as const;
const GITLAB = { ...BASE, address: 'gitlab-project', addressExample: 'https://gitlab.com/my-group/my-project', auth: [t('a personal, project or group access token with the `api` scope')], proxy: false } as const;
const GITEA = { ...BASE, address: 'git-owner-repo', addressExample: 'https://gitea.example.com/my-org/my-repo', auth: [t('a Gitea token')] } as const;

/** Every Provider type notification-controller v1.9.3 serves, in the CRD's enum order. */
export const PROVIDER_TYPES: readonly ProviderTypeFacts[] = [
  { ...BASE, type: 'slack', title: 'Slack', address: 'url', addressExample: 'https://slack.com/api/chat.postMessage', channel: 'optional', channelMeaning: 'the channel (required with a bot token)', username: 'post-as', auth: [{ ...NONE, description: 'an incoming-webhook URL as `address`' }, t('a bot token, with `address: https://slack.com/api/chat.postMessage`')] },
  { ...BASE, type: 'discord', title: 'Discord', address: 'url', addressExample: 'https://discord.com/api/webhooks/<id>/<token>', username: 'post-as', auth: [NONE], cert: false },
  { ...BASE, type: 'msteams', title: 'Microsoft Teams', address: 'url', addressExample: 'https://prod-00.westeurope.logic.azure.com/workflows/...', auth: [NONE] },
  { ...BASE, type: 'rocket', title: 'Rocket.Chat', address: 'url', addressExample: 'https://rocket.example.com/hooks/<id>', channel: 'optional', channelMeaning: 'the channel', username: 'post-as', auth: [NONE] },
  { ...BASE, type: 'generic', title: 'Generic webhook', address: 'url', addressExample: 'https://webhook.example.com/flux', auth: [NONE], optionalKeys: ['headers'] },
  { ...BASE, type: 'generic-hmac', title: 'Generic webhook with HMAC', address: 'url', addressExample: 'https://webhook.example.com/flux', auth: [t('the HMAC key')], optionalKeys: ['headers'] },
  { ...GITHUB, type: 'github', title: 'GitHub commit status', commitStatus: true },
  { ...GITLAB, type: 'gitlab', title: 'GitLab commit status', commitStatus: true },
  { ...GITEA, type: 'gitea', title: 'Gitea commit status', commitStatus: true },
  { ...GITEA, type: 'giteapullrequestcomment', title: 'Gitea pull request comment', changeRequest: true },
  { ...BASE, type: 'bitbucketserver', title: 'Bitbucket Server/Data Center commit status', address: 'bitbucket-server', addressExample: 'https://bitbucket.example.com/scm/my-project/my-repo.git', username: 'auth', auth: [t('an HTTP access token'), BASIC], proxy: false, commitStatus: true },
  { ...BASE, type: 'bitbucket', title: 'Bitbucket commit status', address: 'git-owner-repo', addressExample: 'https://bitbucket.org/my-workspace/my-repo', auth: [t('`<username>:<app-password>`')], proxy: false, commitStatus: true },
  { ...BASE, type: 'azuredevops', title: 'Azure DevOps commit status', address: 'azure-devops', addressExample: 'https://dev.azure.com/my-org/my-project/_git/my-repo', auth: [t('a personal access token'), WORKLOAD_IDENTITY], commitStatus: true, serviceAccount: true },
  { ...BASE, type: 'googlechat', title: 'Google Chat', address: 'url', addressExample: 'https://chat.googleapis.com/v1/spaces/...', auth: [NONE], cert: false },
  { ...BASE, type: 'googlepubsub', title: 'Google Pub/Sub', address: 'gcp-project', addressExample: 'my-gcp-project', channel: 'required', channelMeaning: 'the Pub/Sub topic ID', auth: [WORKLOAD_IDENTITY, t('JSON credentials of a GCP service account')], optionalKeys: ['headers'], cert: false, proxy: false, serviceAccount: true },
  { ...BASE, type: 'webex', title: 'Webex', address: 'url', addressExample: 'https://webexapis.com/v1/messages', channel: 'required', channelMeaning: 'the room ID', auth: [t('a bot access token')] },
  { ...BASE, type: 'sentry', title: 'Sentry', address: 'sentry-dsn', addressExample: 'https://<key>@o0.ingest.sentry.io/<project>', channel: 'optional', channelMeaning: 'the environment', auth: [NONE], proxy: false },
  { ...BASE, type: 'azureeventhub', title: 'Azure Event Hub', address: 'event-hub', addressExample: 'Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=...;SharedAccessKey=...;EntityPath=<hub>', channel: 'optional', channelMeaning: 'the Event Hub namespace (with a token or workload identity)', auth: [{ ...NONE, description: 'a SAS connection string as `address`' }, WORKLOAD_IDENTITY, t('a JWT (deprecated)')], cert: false, serviceAccount: true },
  { ...BASE, type: 'telegram', title: 'Telegram', address: 'ignored', channel: 'required', channelMeaning: 'the chat ID (`-1234567890`, `-1234567890:1`) or `@channel`', auth: [t('the bot token')], cert: false },
  { ...BASE, type: 'lark', title: 'Lark', address: 'url', addressExample: 'https://open.larksuite.com/open-apis/bot/v2/hook/<id>', auth: [NONE], cert: false, proxy: false },
  { ...BASE, type: 'matrix', title: 'Matrix', address: 'url', addressExample: 'https://matrix.org', channel: 'required', channelMeaning: 'the room ID (`!room:server`)', auth: [t('an access token')], proxy: false },
  { ...BASE, type: 'opsgenie', title: 'Opsgenie', address: 'url', addressExample: 'https://api.opsgenie.com/v2/alerts', auth: [t('an API key')] },
  { ...BASE, type: 'alertmanager', title: 'Prometheus Alertmanager', address: 'url', addressExample: 'http://alertmanager-operated.monitoring:9093/api/v2/alerts/', username: 'auth', auth: [NONE, t('a bearer token'), BASIC] },
  { ...BASE, type: 'grafana', title: 'Grafana annotations', address: 'url', addressExample: 'https://grafana.example.com/api/annotations', username: 'auth', auth: [NONE, t('an API token'), BASIC] },
  { ...GITHUB, type: 'githubdispatch', title: 'GitHub repository dispatch' },
  { ...GITHUB, type: 'githubpullrequestcomment', title: 'GitHub pull request comment', changeRequest: true },
  { ...GITLAB, type: 'gitlabmergerequestcomment', title: 'GitLab merge request comment', changeRequest: true },
  { ...BASE, type: 'pagerduty', title: 'PagerDuty', address: 'url', addressExample: 'https://events.pagerduty.com', channel: 'required', channelMeaning: 'the integration (routing) key', auth: [NONE] },
  { ...BASE, type: 'datadog', title: 'Datadog', address: 'url', addressExample: 'https://api.datadoghq.com', auth: [t('an API key')] },
  { ...BASE, type: 'nats', title: 'NATS', address: 'nats-server', addressExample: 'nats://nats.nats:4222', channel: 'required', channelMeaning: 'the subject', username: 'auth', auth: [NONE, { id: 'nats-creds', keys: ['creds'], description: 'user credentials (a `.creds` file)' }, { id: 'nats-nkey', keys: ['nkey'], description: 'an NKey seed' }, BASIC], cert: false, proxy: false },
  { ...BASE, type: 'zulip', title: 'Zulip', address: 'url', addressExample: 'https://my-org.zulipchat.com', channel: 'required', channelMeaning: '`<channel>/<topic>`', username: 'auth', auth: [{ ...BASIC, description: 'the bot\'s e-mail as `username` and its API key as `password`' }] },
  { ...BASE, type: 'otel', title: 'OpenTelemetry traces', address: 'url', addressExample: 'https://otel-collector.example.com/v1/traces', username: 'auth', auth: [NONE, t('a bearer token'), BASIC], optionalKeys: ['headers'] },
];

const BY_TYPE = new Map(PROVIDER_TYPES.map((f) => [f.type, f]));

/** The facts of a Provider type, or `undefined` for a type v1.9.3 does not serve. */
export function providerTypeFacts(type: string): ProviderTypeFacts | undefined {
  return BY_TYPE.get(type);
}

/** Whether the type needs an endpoint (in `spec.address` or the Secret's `address` key). */
export function needsAddress(facts: ProviderTypeFacts): boolean {
  return facts.address !== 'ignored';
}

/** Whether the type cannot work without credentials in a Secret. */
export function needsCredentials(facts: ProviderTypeFacts): boolean {
  return !facts.auth.some((a) => a.id === 'none' || a.id === 'workload-identity');
}

/** Every Secret key a type reads from `secretRef`. */
export function secretKeysRead(facts: ProviderTypeFacts): string[] {
  const keys = new Set<string>(needsAddress(facts) ? ['address'] : []);
  for (const a of facts.auth) { [...a.keys, ...(a.anyOf ?? [])].forEach((k) => keys.add(k)); }
  facts.optionalKeys.forEach((k) => keys.add(k));
  if (facts.commitStatus || facts.changeRequest) { ['ca.crt', 'tls.crt', 'tls.key'].forEach((k) => keys.add(k)); }
  keys.add('proxy');
  return [...keys];
}

/** The `<owner>/<repo>`-style path of a Git address (`parseGitAddress`: git-urls, `.git` trimmed), or undefined when it is no URL. */
export function gitAddressPath(address: string): string | undefined {
  const scp = /^[\w.-]+@[\w.-]+:(?!\/\/)(.+)$/.exec(address);
  if (scp) { return scp[1].replace(/^\/+/, '').replace(/\.git$/, ''); }
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  if (!['http:', 'https:', 'ssh:', 'git:'].includes(url.protocol) || !url.host) { return undefined; }
  return decodeURIComponent(url.pathname).replace(/^\/+/, '').replace(/\.git$/, '');
}

/**
 * Why `address` cannot be the endpoint of a Provider of this type, or `undefined` when it can.
 * Only what the controller itself refuses or cannot use is reported.
 */
export function addressProblem(facts: ProviderTypeFacts, address: string): string | undefined {
  switch (facts.address) {
    case 'url': {
      if (!/^https?:\/\/[^\s/?#]+/i.test(address)) { return `is not an http(s) URL; ${facts.title} needs one, e.g. ${facts.addressExample}`; }
      return undefined;
    }
    case 'git-owner-repo': {
      const path = gitAddressPath(address);
      if (path === undefined) { return `is not a Git repository URL, e.g. ${facts.addressExample}`; }
      if (path.split('/').length !== 2 || path.split('/').some((p) => p === '')) { return `names the repository "${path}", but ${facts.title} needs <owner>/<repo> in the URL, e.g. ${facts.addressExample}`; }
      return undefined;
    }
    case 'gitlab-project': {
      const path = gitAddressPath(address);
      if (path === undefined || path === '') { return `is not a GitLab project URL, e.g. ${facts.addressExample} or https://gitlab.com/<project ID>`; }
      return undefined;
    }
    case 'azure-devops': {
      const path = gitAddressPath(address);
      const parts = path?.split('/') ?? [];
      if (parts.length !== 4 || parts[2] !== '_git' || parts.some((p) => p === '')) { return `is not an Azure DevOps repository URL of the form https://dev.azure.com/<org>/<project>/_git/<repo>`; }
      return undefined;
    }
    case 'bitbucket-server': {
      let url: URL;
      try { url = new URL(address); } catch { return `is not an http(s) clone URL, e.g. ${facts.addressExample} (SSH URLs are not supported)`; }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') { return `uses ${url.protocol.replace(':', '')}, but Bitbucket Server takes its HTTPS clone URL, e.g. ${facts.addressExample}`; }
      const path = url.pathname.replace(/\.git$/, '');
      const i = path.lastIndexOf('/scm/');
      const id = i < 0 ? [] : path.slice(i + 5).split('/');
      if (i < 0 || id.length !== 2 || id.some((p) => p === '')) { return `is not a Bitbucket Server clone URL: it needs /scm/<project>/<repo>, e.g. ${facts.addressExample}`; }
      return undefined;
    }
    case 'gcp-project':
      return /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(address) ? undefined : 'is not a GCP project ID (6 to 30 lowercase letters, digits and hyphens, starting with a letter)';
    case 'nats-server':
      return /^(nats|tls|ws|wss):\/\/[^\s/]+/.test(address) || /^[\w.-]+:\d+$/.test(address) ? undefined : `is not a NATS server URL, e.g. ${facts.addressExample}`;
    case 'sentry-dsn':
      return /^https?:\/\/[^\s@/]+@[^\s/]+\/\S+$/.test(address) ? undefined : `is not a Sentry DSN (${facts.addressExample})`;
    case 'event-hub':
    case 'ignored':
    default:
      return undefined;
  }
}

/** Zulip's channel: `<channel>/<topic>`, both non-empty. */
export function channelProblem(facts: ProviderTypeFacts, channel: string): string | undefined {
  if (facts.type === 'zulip') {
    const [c, ...topic] = channel.split('/');
    if (!c || topic.join('/') === '') { return 'must be <channel>/<topic>, e.g. general/flux: Zulip sends to a channel and a topic'; }
  }
  return undefined;
}

/** Variables of `event.metadata` every event carries, whatever the Alert: the revision and the token-free controller keys. */
export const EVENT_METADATA_BUILTIN: readonly string[] = ['revision', 'summary', 'commit_status', 'change_request'];
