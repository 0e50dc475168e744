/**
 * Inbound webhooks (the first seed's "GitHub, GitLab and the like"): a push to the repository
 * Flux was bootstrapped from, or a new image in the registry, makes Flux reconcile at once
 * instead of at its next interval.
 *
 * The token Secrets (`github-receiver-token`, `harbor-receiver-token`, key `token`) are created
 * outside Git, e.g. with SOPS. After the first reconciliation, the path GitHub must call is in
 * the Receiver's `.status.webhookPath` (`receiver.webhookPathCommand` prints the kubectl command);
 * the notification-controller serves it on its `webhook-receiver` Service (port 80).
 */
import { Chart, ChartProps, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { FluxKustomization, FluxReceiver, FluxReceiverType, FluxSourceRef, ReceiverTarget } from '../lib';

/** A GitHub push Receiver for `flux-system`, and a Harbor Receiver for an app's images. */
export class WebhookReceiverChart extends Chart {
  public readonly github: FluxReceiver;
  public readonly harbor: FluxReceiver;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'flux-system', ...props });
    const source = FluxSourceRef.gitRepository('flux-system');
    const apps = new FluxKustomization(this, 'Apps', { name: 'apps', interval: Duration.minutes(10), sourceRef: source, path: './apps' });

    this.github = new FluxReceiver(this, 'GitHub', {
      name: 'github-receiver',
      type: FluxReceiverType.GITHUB,
      events: ['ping', 'push'],
      tokenSecret: kplus.Secret.fromSecretName(this, 'GitHubToken', 'github-receiver-token'),
      resources: [ReceiverTarget.source(source), ReceiverTarget.kustomization(apps)],
    });
    this.harbor = new FluxReceiver(this, 'Harbor', {
      name: 'harbor-receiver',
      type: FluxReceiverType.HARBOR,
      tokenSecret: kplus.Secret.fromSecretName(this, 'HarborToken', 'harbor-receiver-token'),
      resources: [ReceiverTarget.imageRepository('podinfo')],
    });
  }
}
