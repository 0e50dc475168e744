/**
 * The routing tests' stack: an AlertingStack whose critical alerts from namespace payments go to
 * PagerDuty and everything else to the Lambda webhook, with Secrets referenced by name through
 * the given cdk8s-plus.
 */
import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { AlertingStack, ISecretReference, LambdaWebhookReceiver, Matcher, PagerDutyReceiver, Route, SecretKey } from '../lib/tooling';

/** `fromSecretName` of any cdk8s-plus' Secret class. */
type SecretByName = (scope: Construct, id: string, name: string) => ISecretReference;

export function paymentsStack(fromSecretName: SecretByName): AlertingStack {
  const app = Testing.app();
  const secret = fromSecretName(app, 'Secret', 'alerting');
  const pagerduty = new PagerDutyReceiver({ routingKey: SecretKey.fromSecret(secret, 'pagerduty') });
  return new AlertingStack(app, 'alerting', {
    receiver: new LambdaWebhookReceiver({ url: SecretKey.fromSecret(secret, 'lambda') }),
    routes: [new Route({ receiver: pagerduty, matchers: [Matcher.eq('severity', 'critical'), Matcher.eq('namespace', 'payments')] })],
  });
}
