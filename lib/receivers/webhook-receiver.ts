import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { AlertmanagerConfigSpecReceivers } from '../../imports/monitoring-alertmanagerconfigs-monitoring.coreos.com';
import { optDuration } from '../_util/duration';
import { Problems } from '../_util/problems';
import { SecretKey } from '../secret-key';
import { shape as s, known } from '../_util/shape';
import { checkReceiverProps, destination, Receiver, ReceiverOptions, receiverProps, receiverWhere, requireDestination } from './receiver';

/**
 * Options of a webhook receiver, shared by {@link WebhookReceiver} and {@link LambdaWebhookReceiver}.
 */
export interface WebhookReceiverOptions extends ReceiverOptions {
  /** The Secret key holding the webhook URL. */
  readonly url: SecretKey;

  /**
   * A Secret key holding a bearer token sent as `Authorization: Bearer <token>`.
   * @default - no Authorization header
   */
  readonly bearerToken?: SecretKey;

  /**
   * The largest number of alerts in one message.
   * @default - all alerts of the group
   */
  readonly maxAlerts?: number;

  /**
   * How long Alertmanager waits for the webhook to answer.
   * @default - Alertmanager's default (no timeout before 0.28)
   */
  readonly timeout?: Duration;
}

/**
 * Props of {@link WebhookReceiver}.
 */
export interface WebhookReceiverProps extends WebhookReceiverOptions {
  /** The receiver's name. */
  readonly name: string;
}

/** @internal */
export const WEBHOOK_OPTION_FIELDS = {
  url: destination(`url: SecretKey.fromName('alertmanager-webhook', 'url')`),
  bearerToken: s.optional(known.secretKey),
  maxAlerts: s.optional(s.number({ integer: true, min: 0, fix: 'use 0 for no limit, or a count such as 20' })),
  // no later check covers it: it is written when the routing is synthesized
  timeout: s.optional(s.duration({ whole: true, positive: true })),
};
const WEBHOOK_PROPS = receiverProps('WebhookReceiverProps', {
  ...WEBHOOK_OPTION_FIELDS,
  name: s.string({ pattern: /^\S(.*\S)?$/, patternText: 'must be a non-empty string without leading or trailing spaces', fix: `name the receiver, e.g. 'team-a-webhook'` }),
});

/**
 * A generic webhook receiver: Alertmanager POSTs its JSON payload to a URL read from a Secret.
 */
export class WebhookReceiver extends Receiver {
  public readonly secretKeys: SecretKey[];

  constructor(private readonly props: WebhookReceiverProps) {
    checkReceiverProps('WebhookReceiver', props, WEBHOOK_PROPS);
    super(props?.name);
    requireDestination(this.constructor.name, props.name, 'url', props.url,
      `url: SecretKey.fromName('alertmanager-webhook', 'url')`);
    if (props.maxAlerts !== undefined && !(Number.isInteger(props.maxAlerts) && props.maxAlerts >= 0)) {
      const problems = new Problems(receiverWhere(this.constructor.name, props.name));
      problems.add('maxAlerts', props.maxAlerts, 'must be a whole number of at least 0', 'use 0 for no limit, or a count such as 20');
      problems.throwIfAny();
    }
    this.secretKeys = [props.url, ...(props.bearerToken ? [props.bearerToken] : [])];
  }

  public bind(_scope: IConstruct): any {
    const p = this.props;
    return {
      name: this.name,
      webhookConfigs: [{
        urlSecret: p.url.toSelector(),
        sendResolved: p.sendResolved ?? true,
        maxAlerts: p.maxAlerts,
        timeout: optDuration(p.timeout),
        httpConfig: p.bearerToken ? { authorization: { type: 'Bearer', credentials: p.bearerToken.toSelector() } } : undefined,
      }],
    } satisfies AlertmanagerConfigSpecReceivers;
  }
}
