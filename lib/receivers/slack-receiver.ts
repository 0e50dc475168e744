import { IConstruct } from 'constructs';
import { AlertmanagerConfigSpecReceivers } from '../../imports/monitoring-alertmanagerconfigs-monitoring.coreos.com';
import { SecretKey } from '../secret-key';
import { Receiver, ReceiverOptions, requireDestination, requireTemplates, checkReceiverProps, destination, receiverProps } from './receiver';
import { shape as s } from '../_util/shape';

/**
 * Props of {@link SlackReceiver}.
 */
export interface SlackReceiverProps extends ReceiverOptions {
  /**
   * The receiver's name.
   * @default 'slack'
   */
  readonly name?: string;

  /** The Secret key holding the Slack incoming-webhook URL. */
  readonly apiUrl: SecretKey;

  /**
   * The channel, e.g. `#alerts`.
   * @default - the webhook's own channel
   */
  readonly channel?: string;

  /**
   * The message title (a Go template).
   * @default - Alertmanager's default title template
   */
  readonly title?: string;

  /**
   * The message text (a Go template).
   * @default - Alertmanager's default text template
   */
  readonly text?: string;
}

const PROPS = receiverProps('SlackReceiverProps', {
  apiUrl: destination(`apiUrl: SecretKey.fromSecret(kplus.Secret.fromSecretName(this, 'Slack', 'alertmanager-slack'), 'url')`),
  channel: s.optional(s.string({ fix: `use a channel such as '#alerts'` })), title: s.optional(s.string()), text: s.optional(s.string()),
});

/**
 * Sends notifications to a Slack channel through an incoming webhook whose URL is in a Secret.
 */
export class SlackReceiver extends Receiver {
  public readonly secretKeys: SecretKey[];

  constructor(private readonly props: SlackReceiverProps) {
    checkReceiverProps('SlackReceiver', props, PROPS, 'slack');
    super(props?.name ?? 'slack');
    requireDestination(this.constructor.name, this.name, 'apiUrl', props.apiUrl,
      `apiUrl: SecretKey.fromSecret(kplus.Secret.fromSecretName(this, 'Slack', 'alertmanager-slack'), 'url')`);
    requireTemplates(this.constructor.name, this.name, { channel: props.channel, title: props.title, text: props.text });
    this.secretKeys = [props.apiUrl];
  }

  public bind(_scope: IConstruct): AlertmanagerConfigSpecReceivers {
    const p = this.props;
    return {
      name: this.name,
      slackConfigs: [{
        apiUrl: p.apiUrl.toSelector(),
        channel: p.channel,
        title: p.title,
        text: p.text,
        sendResolved: p.sendResolved ?? true,
      }],
    };
  }
}
