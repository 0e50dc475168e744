import { IConstruct } from 'constructs';
import { AlertmanagerConfigSpecReceivers } from '../../imports/monitoring-alertmanagerconfigs-monitoring.coreos.com';
import { SecretKey } from '../secret-key';
import { Receiver, ReceiverOptions, requireDestination, requireTemplates, checkReceiverProps, destination, receiverProps } from './receiver';
import { shape as s } from '../_util/shape';

/**
 * Props of {@link OpsgenieReceiver}.
 */
export interface OpsgenieReceiverProps extends ReceiverOptions {
  /**
   * The receiver's name.
   * @default 'opsgenie'
   */
  readonly name?: string;

  /** The Secret key holding the Opsgenie API key. */
  readonly apiKey: SecretKey;

  /**
   * The Opsgenie API URL, for the EU instance for example.
   * @default - the global `opsgenie_api_url`
   */
  readonly apiUrl?: string;

  /**
   * The alert priority, `P1` to `P5` (a Go template).
   * @default - Opsgenie's default
   */
  readonly priority?: string;
}

const PROPS = receiverProps('OpsgenieReceiverProps', {
  apiKey: destination(`apiKey: SecretKey.fromName('alertmanager-opsgenie', 'api-key')`),
  apiUrl: s.optional(s.string({ fix: `use a URL such as 'https://api.eu.opsgenie.com'` })), priority: s.optional(s.string()),
});

/**
 * Creates Opsgenie alerts with an API key read from a Secret.
 */
export class OpsgenieReceiver extends Receiver {
  public readonly secretKeys: SecretKey[];

  constructor(private readonly props: OpsgenieReceiverProps) {
    checkReceiverProps('OpsgenieReceiver', props, PROPS, 'opsgenie');
    super(props?.name ?? 'opsgenie');
    requireDestination(this.constructor.name, this.name, 'apiKey', props.apiKey,
      `apiKey: SecretKey.fromName('alertmanager-opsgenie', 'api-key')`);
    requireTemplates(this.constructor.name, this.name, { priority: props.priority });
    this.secretKeys = [props.apiKey];
  }

  public bind(_scope: IConstruct): any {
    const p = this.props;
    return {
      name: this.name,
      opsgenieConfigs: [{
        apiKey: p.apiKey.toSelector(),
        apiUrl: p.apiUrl,
        priority: p.priority,
        sendResolved: p.sendResolved ?? true,
      }],
    } satisfies AlertmanagerConfigSpecReceivers;
  }
}
