import { ISecretReference } from '../secret-key';
import { Construct } from 'constructs';
import { ProviderSpecType } from '../../imports/notification-providers-notification.toolkit.fluxcd.io';
import { ProblemList } from '../_util/problems';
import { checkConstruct, known, shape as s } from '../_util/shape';
import { FluxProvider, FluxProviderOptions, PROVIDER_OPTION_FIELDS } from './provider';

/**
 * How Flux authenticates to Slack.
 */
export enum SlackAuth {
  /**
   * A bot token in the Secret's `token` key; Flux posts to `chat.postMessage` and `channel` is required.
   * Slack's preferred way.
   */
  BOT_TOKEN = 'bot-token',
  /** A legacy incoming-webhook URL in the Secret's `address` key. */
  WEBHOOK = 'webhook',
}

/**
 * Props of {@link SlackProvider}.
 */
export interface SlackProviderProps extends FluxProviderOptions {
  /**
   * The Secret holding the credentials: key `address` (the incoming-webhook URL) for
   * `SlackAuth.WEBHOOK`, key `token` for `SlackAuth.BOT_TOKEN`. It must be in the Provider's namespace.
   */
  readonly secret: ISecretReference;
  /**
   * How Flux authenticates to Slack.
   * @default SlackAuth.WEBHOOK
   */
  readonly auth?: SlackAuth;
  /**
   * The channel, e.g. `#flux-alerts`.
   * @default - the webhook's own channel (required with a bot token)
   */
  readonly channel?: string;
  /**
   * The name messages are posted as.
   * @default - the webhook's or bot's name
   */
  readonly username?: string;
}

const PROPS = s.struct('SlackProviderProps', {
  ...PROVIDER_OPTION_FIELDS,
  // required: a missing one is reported with the provider's other problems
  secret: s.optional(known.secret),
  // an unknown one is reported with the provider's other problems
  auth: s.optional(s.oneOf(SlackAuth, 'SlackAuth', { strict: false })),
  channel: s.optional(s.string({ fix: `use a channel such as '#flux-alerts'` })),
  username: s.optional(s.string()),
});

/**
 * Sends Flux events straight to Slack (a Provider of type `slack`).
 *
 * The webhook URL or bot token stays in a Secret; it never appears in the synthesized YAML.
 */
export class SlackProvider extends FluxProvider {
  /** The Slack chat.postMessage API endpoint, used with bot tokens. */
  public static readonly CHAT_POST_MESSAGE = 'https://slack.com/api/chat.postMessage';

  constructor(scope: Construct, id: string, props: SlackProviderProps) {
    checkConstruct('SlackProvider', scope, id, props, PROPS);
    const auth = props.auth ?? SlackAuth.WEBHOOK;
    super(scope, id, {
      ...props,
      type: ProviderSpecType.SLACK,
      address: auth === SlackAuth.BOT_TOKEN ? SlackProvider.CHAT_POST_MESSAGE : undefined,
      secret: props.secret ? { secret: props.secret, required: auth === SlackAuth.BOT_TOKEN ? ['token'] : ['address'] } : undefined,
      typeProblems: (() => {
        const p = new ProblemList();
        if (!props.secret) {
          p.add('secret', props.secret, 'a Slack provider needs the Secret holding its webhook URL or bot token', `pass secret: SecretReference.fromName('slack-url')`);
        }
        if (!Object.values(SlackAuth).includes(auth)) {
          p.add('auth', auth, 'is not a known Slack authentication', 'use SlackAuth.WEBHOOK or SlackAuth.BOT_TOKEN');
        }
        if (auth === SlackAuth.BOT_TOKEN && !props.channel) {
          p.add('channel', props.channel, 'a bot token posts to chat.postMessage, which needs a channel', `set channel: '#flux-alerts'`);
        }
        return p.messages;
      })(),
    });
  }
}
