import { IConstruct } from 'constructs';
import { AlertmanagerConfigSpecReceivers } from '../../imports/monitoring-alertmanagerconfigs-monitoring.coreos.com';
import { SecretKey } from '../secret-key';
import { Receiver, ReceiverOptions, requireDestination, requireTemplates, checkReceiverProps, destination, receiverProps } from './receiver';
import { known, shape as s } from '../_util/shape';
import { NotificationTemplate } from '../templates/notification-template';

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
   * The title and text templates. `NotificationTemplate.alertmanagerDefault()` keeps
   * Alertmanager's own.
   * @default NotificationTemplate.standard(): status, alertname, severity, summary, runbook link, and the Flux object and revision
   */
  readonly template?: NotificationTemplate;

  /**
   * The message title (a Go template); replaces the title of `template`.
   * @default - the title of `template`
   */
  readonly title?: string;

  /**
   * The message text (a Go template); replaces the text of `template`.
   * @default - the text of `template`
   */
  readonly text?: string;
}

const PROPS = receiverProps('SlackReceiverProps', {
  template: s.optional(known.notificationTemplate),
  apiUrl: destination(`apiUrl: SecretKey.fromName('alertmanager-slack', 'url')`),
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
      `apiUrl: SecretKey.fromName('alertmanager-slack', 'url')`);
    requireTemplates(this.constructor.name, this.name, { channel: props.channel, title: props.title, text: props.text });
    this.secretKeys = [props.apiUrl];
  }

  public bind(_scope: IConstruct): any {
    const p = this.props;
    const template = p.template ?? NotificationTemplate.standard();
    return {
      name: this.name,
      slackConfigs: [{
        apiUrl: p.apiUrl.toSelector(),
        channel: p.channel,
        title: p.title ?? template.slackTitle,
        text: p.text ?? template.slackText,
        sendResolved: p.sendResolved ?? true,
      }],
    } satisfies AlertmanagerConfigSpecReceivers;
  }
}
