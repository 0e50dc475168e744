import { IConstruct } from 'constructs';
import { AlertmanagerConfigSpecReceivers } from '../../imports/monitoring-alertmanagerconfigs-monitoring.coreos.com';
import { SecretKey } from '../secret-key';
import { Receiver, ReceiverOptions, requireDestination, requireTemplates, checkReceiverProps, destination, receiverProps } from './receiver';
import { shape as s } from '../_util/shape';

/**
 * Props of {@link PagerDutyReceiver}.
 */
export interface PagerDutyReceiverProps extends ReceiverOptions {
  /**
   * The receiver's name.
   * @default 'pagerduty'
   */
  readonly name?: string;

  /** The Secret key holding the PagerDuty Events API v2 integration (routing) key. */
  readonly routingKey: SecretKey;

  /**
   * The PagerDuty severity (a Go template).
   * @default - Alertmanager's default, `error`
   */
  readonly severity?: string;

  /**
   * The incident description (a Go template).
   * @default - Alertmanager's default description template
   */
  readonly description?: string;
}

const PROPS = receiverProps('PagerDutyReceiverProps', {
  routingKey: destination(`routingKey: SecretKey.fromName('alertmanager-pagerduty', 'routing-key')`),
  severity: s.optional(s.string()), description: s.optional(s.string()),
});

/**
 * Pages through PagerDuty's Events API v2 with a routing key read from a Secret.
 */
export class PagerDutyReceiver extends Receiver {
  public readonly secretKeys: SecretKey[];

  constructor(private readonly props: PagerDutyReceiverProps) {
    checkReceiverProps('PagerDutyReceiver', props, PROPS, 'pagerduty');
    super(props?.name ?? 'pagerduty');
    requireDestination(this.constructor.name, this.name, 'routingKey', props.routingKey,
      `routingKey: SecretKey.fromName('alertmanager-pagerduty', 'routing-key')`);
    requireTemplates(this.constructor.name, this.name, { severity: props.severity, description: props.description });
    this.secretKeys = [props.routingKey];
  }

  public bind(_scope: IConstruct): any {
    const p = this.props;
    return {
      name: this.name,
      pagerdutyConfigs: [{
        routingKey: p.routingKey.toSelector(),
        severity: p.severity,
        description: p.description,
        sendResolved: p.sendResolved ?? true,
      }],
    } satisfies AlertmanagerConfigSpecReceivers;
  }
}
