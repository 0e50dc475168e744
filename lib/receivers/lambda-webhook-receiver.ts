import { checkReceiverProps, receiverProps } from './receiver';
import { WEBHOOK_OPTION_FIELDS, WebhookReceiver, WebhookReceiverOptions } from './webhook-receiver';

const LAMBDA_PROPS = receiverProps('LambdaWebhookReceiverProps', WEBHOOK_OPTION_FIELDS);

/**
 * Props of {@link LambdaWebhookReceiver}.
 */
export interface LambdaWebhookReceiverProps extends WebhookReceiverOptions {
  /**
   * The receiver's name.
   * @default 'lambda-webhook'
   */
  readonly name?: string;
}

/**
 * Sends notifications to an AWS Lambda behind a function URL or API Gateway, as a webhook.
 *
 * The URL comes from a Secret key: the first article put it in plaintext in the
 * AlertmanagerConfig, where anyone who can read the Git repository could call the function.
 */
export class LambdaWebhookReceiver extends WebhookReceiver {
  constructor(props: LambdaWebhookReceiverProps) {
    checkReceiverProps('LambdaWebhookReceiver', props, LAMBDA_PROPS, 'lambda-webhook');
    super({ ...props, name: props?.name ?? 'lambda-webhook' });
  }
}
