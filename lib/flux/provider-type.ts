import { checkArgs, shape as s } from '../_util/shape';
import { providerTypeFacts } from '../simulate/flux-providers';

/**
 * A Flux Provider type (`spec.type` of `notification.toolkit.fluxcd.io/v1beta3` Provider): the 32
 * types notification-controller v1.9 serves, and {@link FluxProviderType.custom} for newer ones.
 *
 * {@link FluxNotificationProvider} checks each known type's address, channel, username and
 * Secret keys against what the controller does with them.
 */
export class FluxProviderType {
  /** Slack: an incoming webhook, or a bot token posting to `chat.postMessage` (see also {@link SlackProvider}). */
  public static readonly SLACK = new FluxProviderType('slack');
  /** Discord webhooks (through their Slack-compatible endpoint). */
  public static readonly DISCORD = new FluxProviderType('discord');
  /** Microsoft Teams Workflows (or the deprecated connectors); see also {@link MsTeamsProvider}. */
  public static readonly MSTEAMS = new FluxProviderType('msteams');
  /** Rocket.Chat. */
  public static readonly ROCKET = new FluxProviderType('rocket');
  /** A generic JSON webhook (see also {@link GenericWebhookProvider}). */
  public static readonly GENERIC = new FluxProviderType('generic');
  /** A generic JSON webhook signed with an HMAC of the body. */
  public static readonly GENERIC_HMAC = new FluxProviderType('generic-hmac');
  /** GitHub commit statuses. */
  public static readonly GITHUB = new FluxProviderType('github');
  /** GitLab commit statuses. */
  public static readonly GITLAB = new FluxProviderType('gitlab');
  /** Gitea commit statuses. */
  public static readonly GITEA = new FluxProviderType('gitea');
  /** Comments on Gitea pull requests. */
  public static readonly GITEA_PULL_REQUEST_COMMENT = new FluxProviderType('giteapullrequestcomment');
  /** Bitbucket Server/Data Center commit statuses. */
  public static readonly BITBUCKET_SERVER = new FluxProviderType('bitbucketserver');
  /** Bitbucket Cloud commit statuses. */
  public static readonly BITBUCKET = new FluxProviderType('bitbucket');
  /** Azure DevOps commit statuses. */
  public static readonly AZURE_DEVOPS = new FluxProviderType('azuredevops');
  /** Google Chat webhooks. */
  public static readonly GOOGLE_CHAT = new FluxProviderType('googlechat');
  /** Google Pub/Sub: `address` is the GCP project, `channel` the topic. */
  public static readonly GOOGLE_PUBSUB = new FluxProviderType('googlepubsub');
  /** Webex messages: `channel` is the room ID. */
  public static readonly WEBEX = new FluxProviderType('webex');
  /** Sentry events and traces: the DSN is the address, `channel` the environment. */
  public static readonly SENTRY = new FluxProviderType('sentry');
  /** Azure Event Hub. */
  public static readonly AZURE_EVENT_HUB = new FluxProviderType('azureeventhub');
  /** Telegram: `channel` is the chat. */
  public static readonly TELEGRAM = new FluxProviderType('telegram');
  /** Lark message cards. */
  public static readonly LARK = new FluxProviderType('lark');
  /** Matrix rooms: `channel` is the room ID. */
  public static readonly MATRIX = new FluxProviderType('matrix');
  /** Opsgenie alerts. */
  public static readonly OPSGENIE = new FluxProviderType('opsgenie');
  /** Prometheus Alertmanager (see also {@link AlertmanagerProvider}). */
  public static readonly ALERTMANAGER = new FluxProviderType('alertmanager');
  /** Grafana annotations. */
  public static readonly GRAFANA = new FluxProviderType('grafana');
  /** GitHub `repository_dispatch` events. */
  public static readonly GITHUB_DISPATCH = new FluxProviderType('githubdispatch');
  /** Comments on GitHub pull requests. */
  public static readonly GITHUB_PULL_REQUEST_COMMENT = new FluxProviderType('githubpullrequestcomment');
  /** Comments on GitLab merge requests. */
  public static readonly GITLAB_MERGE_REQUEST_COMMENT = new FluxProviderType('gitlabmergerequestcomment');
  /** PagerDuty Events API v2: `channel` is the routing key. */
  public static readonly PAGERDUTY = new FluxProviderType('pagerduty');
  /** Datadog events. */
  public static readonly DATADOG = new FluxProviderType('datadog');
  /** NATS: `address` is the server, `channel` the subject. */
  public static readonly NATS = new FluxProviderType('nats');
  /** Zulip: `channel` is `<channel>/<topic>`. */
  public static readonly ZULIP = new FluxProviderType('zulip');
  /** OpenTelemetry traces (OTLP over HTTP). */
  public static readonly OTEL = new FluxProviderType('otel');

  /**
   * A type this library does not know yet, for a newer notification-controller. Only the checks
   * every Provider gets apply (name, timeout, lengths); the API server's enum decides the rest.
   */
  public static custom(type: string): FluxProviderType {
    checkArgs('FluxProviderType.custom', { type: [type, s.string({ nonEmpty: true, fix: `pass the type's spec.type value, e.g. FluxProviderType.custom('newtype')` })] });
    return new FluxProviderType(type);
  }

  private constructor(
    /** The value of `spec.type`. */
    public readonly value: string,
  ) {}

  /** Whether the type is one notification-controller v1.9 serves, so its rules are known. */
  public get isKnown(): boolean {
    return providerTypeFacts(this.value) !== undefined;
  }
}

/**
 * How a Provider authenticates: which keys its Secret holds.
 */
export enum FluxProviderAuth {
  /** No credentials (the address alone, e.g. a webhook URL that carries its own token). */
  NONE = 'none',
  /** Key `token`: an API token, a bot token, an HMAC key, JSON credentials... depending on the type. */
  TOKEN = 'token',
  /** Keys `username` and `password` (both: Flux ignores a Secret with only one of them). */
  BASIC = 'basic',
  /** A GitHub App: `githubAppID`, `githubAppPrivateKey` and `githubAppInstallationID` or `githubAppInstallationOwner`. */
  GITHUB_APP = 'github-app',
  /** NATS user credentials: key `creds` (a `.creds` file). */
  NATS_CREDENTIALS = 'nats-creds',
  /** A NATS NKey seed: key `nkey`. */
  NATS_NKEY = 'nats-nkey',
  /** Workload identity: `serviceAccountName`, or the controller's own identity; no Secret keys. */
  WORKLOAD_IDENTITY = 'workload-identity',
}
