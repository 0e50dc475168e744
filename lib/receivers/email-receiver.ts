import { IConstruct } from 'constructs';
import { AlertmanagerConfigSpecReceivers } from '../../imports/monitoring-alertmanagerconfigs-monitoring.coreos.com';
import { SecretKey } from '../secret-key';
import { known, shape as s } from '../_util/shape';
import { Problems } from '../_util/problems';
import { checkReceiverProps, destination, Receiver, ReceiverOptions, receiverProps, receiverWhere, requireDestination } from './receiver';

/**
 * Props of {@link EmailReceiver}.
 */
export interface EmailReceiverProps extends ReceiverOptions {
  /**
   * The receiver's name.
   * @default 'email'
   */
  readonly name?: string;

  /** The recipients. */
  readonly to: string[];

  /**
   * The sender address.
   * @default - the global `smtp_from`
   */
  readonly from?: string;

  /**
   * The SMTP server, `host:port`.
   * @default - the global `smtp_smarthost`
   */
  readonly smarthost?: string;

  /**
   * The SMTP user name.
   * @default - no authentication
   */
  readonly authUsername?: string;

  /**
   * The Secret key holding the SMTP password.
   * @default - no password
   */
  readonly authPassword?: SecretKey;

  /**
   * Whether STARTTLS is required.
   * @default true
   */
  readonly requireTls?: boolean;
}

const PROPS = receiverProps('EmailReceiverProps', {
  to: destination(`to: ['oncall@example.com']`, s.list(s.string({ fix: `use addresses such as 'oncall@example.com'` }), { nonEmpty: true })),
  from: s.optional(s.string()), smarthost: s.optional(s.string({ fix: `use 'host:port', e.g. 'smtp.example.com:587'` })), authUsername: s.optional(s.string()),
  authPassword: s.optional(known.secretKey), requireTls: s.optional(s.boolean()),
});

/**
 * Sends notifications by email. The SMTP password, if any, is read from a Secret.
 */
export class EmailReceiver extends Receiver {
  public readonly secretKeys: SecretKey[];

  constructor(private readonly props: EmailReceiverProps) {
    checkReceiverProps('EmailReceiver', props, PROPS, 'email');
    super(props?.name ?? 'email');
    requireDestination(this.constructor.name, this.name, 'to', props.to, `to: ['oncall@example.com']`);
    const bad = props.to.filter((a) => typeof a !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(a));
    if (bad.length) {
      const problems = new Problems(receiverWhere(this.constructor.name, this.name));
      problems.add('to', bad, 'holds addresses that are not e-mail addresses', `use addresses such as 'oncall@example.com'`);
      problems.throwIfAny();
    }
    this.secretKeys = props.authPassword ? [props.authPassword] : [];
  }

  public bind(_scope: IConstruct): any {
    const p = this.props;
    return {
      name: this.name,
      emailConfigs: [{
        to: p.to.join(', '),
        from: p.from,
        smarthost: p.smarthost,
        authUsername: p.authUsername,
        authPassword: p.authPassword?.toSelector(),
        requireTls: p.requireTls,
        sendResolved: p.sendResolved ?? true,
      }],
    } satisfies AlertmanagerConfigSpecReceivers;
  }
}
