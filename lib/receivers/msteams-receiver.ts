import { IConstruct } from 'constructs';
import { AlertmanagerConfigSpecReceivers } from '../../imports/monitoring-alertmanagerconfigs-monitoring.coreos.com';
import { SecretKey } from '../secret-key';
import { Receiver, ReceiverOptions, requireDestination, requireTemplates, checkReceiverProps, destination, receiverProps } from './receiver';
import { shape as s } from '../_util/shape';

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
   * The card title (a Go template).
   * @default - Alertmanager's default title template
   */
  readonly title?: string;

  /**
   * The card text (a Go template).
   * @default - Alertmanager's default text template
   */
  readonly text?: string;
}

const PROPS = receiverProps('MsTeamsReceiverProps', {
  webhookUrl: destination(`webhookUrl: SecretKey.fromSecret(kplus.Secret.fromSecretName(this, 'Teams', 'alertmanager-teams'), 'url')`),
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
      `webhookUrl: SecretKey.fromSecret(kplus.Secret.fromSecretName(this, 'Teams', 'alertmanager-teams'), 'url')`);
    requireTemplates(this.constructor.name, this.name, { title: props.title, text: props.text });
    this.secretKeys = [props.webhookUrl];
  }

  public bind(_scope: IConstruct): AlertmanagerConfigSpecReceivers {
    const p = this.props;
    const config = { webhookUrl: p.webhookUrl.toSelector(), title: p.title, text: p.text, sendResolved: p.sendResolved ?? true };
    return (p.api ?? MsTeamsApi.WORKFLOWS) === MsTeamsApi.WORKFLOWS
      ? { name: this.name, msteamsv2Configs: [config] }
      : { name: this.name, msteamsConfigs: [config] };
  }
}
