/**
 * The second article's stack ("Flux alerts to Slack"), as today's controllers accept it.
 *
 * What changed from the article, and why:
 * - `Provider` and `Alert` use `notification.toolkit.fluxcd.io/v1beta3`; the article's
 *   v1beta1 was removed in notification-controller 1.7.0.
 * - `eventSeverity` is one value. The article suggests a list (`["error", "warn"]`), which the
 *   API rejects; Flux has no `warn` severity either, only `info` and `error`.
 * - The Secret `slack-url` must hold the webhook URL under the key `address`, which is the key
 *   Flux reads. The article's key `url` is ignored, so the provider has no address. The
 *   Secret itself stays out of Git: only its name is referenced here.
 * - The Kustomization drops `validation: client`, a field `kustomize.toolkit.fluxcd.io/v1`
 *   no longer has.
 */
import { Chart, ChartProps, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { FluxAlert, FluxEventSeverity, FluxKustomization, FluxSourceKind, FluxSourceRef, SlackProvider } from '../lib';

/**
 * The second article's Flux-to-Slack stack.
 */
export class SecondArticleChart extends Chart {
  public readonly provider: SlackProvider;
  public readonly alert: FluxAlert;
  public readonly kustomization: FluxKustomization;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'flux-system', ...props });

    this.provider = new SlackProvider(this, 'Slack', {
      name: 'slack',
      secret: kplus.Secret.fromSecretName(this, 'SlackUrl', 'slack-url'),
    });

    this.alert = new FluxAlert(this, 'Alerts', {
      name: 'flux-alerts',
      provider: this.provider,
      eventSeverity: FluxEventSeverity.ERROR,
      eventSources: [
        { kind: FluxSourceKind.KUSTOMIZATION, name: '*' },
        { kind: FluxSourceKind.HELM_RELEASE, name: '*' },
      ],
    });

    this.kustomization = new FluxKustomization(this, 'MyApp', {
      name: 'my-app-kustomization',
      interval: Duration.minutes(10),
      path: './clusters/my-cluster/apps/my-app',
      prune: true,
      sourceRef: FluxSourceRef.gitRepository('flux-system'),
      targetNamespace: 'my-app',
      healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'my-app-deployment', namespace: 'my-app' }],
    });
  }
}
