import { IConstruct } from 'constructs';
import { AlertmanagerConfigSpecReceivers } from '../../imports/monitoring-alertmanagerconfigs-monitoring.coreos.com';
import { SecretKey } from '../secret-key';
import { Receiver, ReceiverOptions, requireDestination, requireTemplates, checkReceiverProps, destination, receiverProps } from './receiver';
import { known, shape as s } from '../_util/shape';
import { NotificationTemplate } from '../templates/notification-template';

/**
 * Which Microsoft Teams integration Alertmanager uses.
 */
export enum MsTeamsApi {
  /** Power Automate Workflows webhooks (`msteamsv2_configs`, Alertmanager 0.28 and later). */
  WORKFLOWS = 'workflows',
  /** Office 365 connector webhooks (`msteams_configs`, Alertmanager 0.26 and later); Microsoft is retiring them. */
  CONNECTOR = 'connector',
}

/**
 * Props of {@link MsTeamsReceiver}.
 */
export interface MsTeamsReceiverProps extends ReceiverOptions {
  /**
   * The receiver's name.
   * @default 'msteams'
   */
  readonly name?: string;

  /** The Secret key holding the Teams webhook URL. */
  readonly webhookUrl: SecretKey;

  /**
   * Which Teams integration to use.
   * @default MsTeamsApi.WORKFLOWS
   */
  readonly api?: MsTeamsApi;

  /**
   * The title and text templates. `NotificationTemplate.alertmanagerDefault()` keeps
   * Alertmanager's own.
   * @default NotificationTemplate.standard(): status, alertname, severity, summary, runbook link, and the Flux object and revision
   */
  readonly template?: NotificationTemplate;

  /**
   * The card title (a Go template); replaces the title of `template`.
   * @default - the title of `template`
   */
  readonly title?: string;

  /**
   * The card text (a Go template); replaces the text of `template`.
   * @default - the text of `template`
   */
  readonly text?: string;
}

const PROPS = receiverProps('MsTeamsReceiverProps', {
  template: s.optional(known.notificationTemplate),
  webhookUrl: destination(`webhookUrl: SecretKey.fromName('alertmanager-teams', 'url')`),
  api: s.optional(s.oneOf(MsTeamsApi, 'MsTeamsApi')), title: s.optional(s.string()), text: s.optional(s.string()),
});

/**
 * Sends notifications to a Microsoft Teams channel. The webhook URL is read from a Secret.
 */
export class MsTeamsReceiver extends Receiver {
  public readonly secretKeys: SecretKey[];

  constructor(private readonly props: MsTeamsReceiverProps) {
    checkReceiverProps('MsTeamsReceiver', props, PROPS, 'msteams');
    super(props?.name ?? 'msteams');
    requireDestination(this.constructor.name, this.name, 'webhookUrl', props.webhookUrl,
      `webhookUrl: SecretKey.fromName('alertmanager-teams', 'url')`);
    requireTemplates(this.constructor.name, this.name, { title: props.title, text: props.text });
    this.secretKeys = [props.webhookUrl];
  }

  public bind(_scope: IConstruct): any {
    const p = this.props;
    const template = p.template ?? NotificationTemplate.standard();
    const config = { webhookUrl: p.webhookUrl.toSelector(), title: p.title ?? template.teamsTitle, text: p.text ?? template.teamsText, sendResolved: p.sendResolved ?? true };
    return (p.api ?? MsTeamsApi.WORKFLOWS) === MsTeamsApi.WORKFLOWS
      ? { name: this.name, msteamsv2Configs: [config] } satisfies AlertmanagerConfigSpecReceivers
      : { name: this.name, msteamsConfigs: [config] } satisfies AlertmanagerConfigSpecReceivers;
  }
}
