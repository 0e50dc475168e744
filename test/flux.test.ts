import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  AlertmanagerCluster, AlertmanagerProvider, FluxAlert, FluxErrorAlert, FluxEventSeverity, FluxKustomization, FluxSourceKind,
  FluxSourceRef, GenericWebhookProvider, MsTeamsProvider, SlackAuth, SlackProvider,
} from '../lib/tooling';
import { chart, only, synth } from './_util';

describe('Flux providers', () => {
  test('AlertmanagerProvider derives its address from the AlertmanagerCluster', () => {
    const c = chart('flux-system');
    const am = new AlertmanagerCluster(c, 'Am', { name: 'main', namespace: 'monitoring' });
    new AlertmanagerProvider(c, 'P', { name: 'alertmanager', alertmanager: am, timeout: Duration.seconds(90) });
    const p = only(synth(c), 'Provider');
    expect(p).toEqual({
      apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
      kind: 'Provider',
      metadata: { name: 'alertmanager', namespace: 'flux-system' },
      spec: { type: 'alertmanager', address: 'http://alertmanager-operated.monitoring:9093/api/v2/alerts/', timeout: '1m30s' },
    });
  });

  test('SlackProvider: webhook URL in the Secret by default; bot token posts to chat.postMessage', () => {
    const c = chart('flux-system');
    new SlackProvider(c, 'Hook', { name: 'slack', secret: kplus.Secret.fromSecretName(c, 'S', 'slack-url') });
    new SlackProvider(c, 'Bot', { name: 'slack-bot', secret: kplus.Secret.fromSecretName(c, 'T', 'slack-token'), auth: SlackAuth.BOT_TOKEN, channel: '#flux', username: 'flux' });
    const m = synth(c);
    expect(only(m, 'Provider', 'slack').spec).toEqual({ type: 'slack', secretRef: { name: 'slack-url' } });
    expect(only(m, 'Provider', 'slack-bot').spec).toEqual({ type: 'slack', address: 'https://slack.com/api/chat.postMessage', channel: '#flux', username: 'flux', secretRef: { name: 'slack-token' } });
    expect(m).toMatchSnapshot();
  });

  test('MsTeamsProvider and GenericWebhookProvider keep the URL in the Secret', () => {
    const c = chart('flux-system');
    new MsTeamsProvider(c, 'Teams', { name: 'teams', secret: kplus.Secret.fromSecretName(c, 'S', 'teams') });
    new GenericWebhookProvider(c, 'Hook', { name: 'hook', hmac: true, secret: kplus.Secret.fromSecretName(c, 'H', 'hook') });
    const m = synth(c);
    expect(only(m, 'Provider', 'teams').spec).toEqual({ type: 'msteams', secretRef: { name: 'teams' } });
    expect(only(m, 'Provider', 'hook').spec).toEqual({ type: 'generic-hmac', secretRef: { name: 'hook' } });
  });

  test('a bot token without a channel, and a timeout Flux cannot take, are rejected at once', () => {
    const c = chart('flux-system');
    expect(() => new SlackProvider(c, 'Bot', { name: 'Bad_Name', secret: kplus.Secret.fromSecretName(c, 'S', 's'), auth: SlackAuth.BOT_TOKEN, timeout: Duration.millis(0.5) }))
      .toThrow(/3 problems:[\s\S]*\[test\/Bot\] name[\s\S]*timeout[\s\S]*channel: a bot token/);
  });

  test('providers without a destination are rejected', () => {
    const c = chart('flux-system');
    expect(() => new SlackProvider(c, 'A', { secret: undefined as any })).toThrow(/secret: a Slack provider needs the Secret/);
    expect(() => new AlertmanagerProvider(c, 'B', { alertmanager: undefined as any })).toThrow(/alertmanager: an alertmanager provider needs the Alertmanager/);
  });
});

describe('FluxAlert', () => {
  function provider(c: any) {
    return new SlackProvider(c, 'Slack', { name: 'slack', secret: kplus.Secret.fromSecretName(c, 'S', 'slack-url') });
  }

  test('renders severity, sources, inclusion and exclusion lists and metadata', () => {
    const c = chart('flux-system');
    new FluxAlert(c, 'A', {
      name: 'all',
      provider: provider(c),
      eventSeverity: FluxEventSeverity.INFO,
      eventSources: [{ kind: FluxSourceKind.KUSTOMIZATION }, { kind: FluxSourceKind.HELM_RELEASE, name: '*', namespace: 'apps', matchLabels: { team: 'a' } }],
      inclusionList: ['.*failed.*'],
      exclusionList: ['^Dependencies'],
      eventMetadata: { cluster: 'eu-1' },
    });
    const a = only(synth(c), 'Alert');
    expect(a.spec).toEqual({
      providerRef: { name: 'slack' },
      eventSeverity: 'info',
      eventSources: [{ kind: 'Kustomization', name: '*' }, { kind: 'HelmRelease', name: '*', namespace: 'apps', matchLabels: { team: 'a' } }],
      inclusionList: ['.*failed.*'],
      exclusionList: ['^Dependencies'],
      eventMetadata: { cluster: 'eu-1' },
    });
    expect(a.metadata.namespace).toBe('flux-system');
    expect(a).toMatchSnapshot();
  });

  test('FluxErrorAlert covers the article\'s eight kinds with error severity', () => {
    const c = chart('prometheus-alerts');
    new FluxErrorAlert(c, 'E', { name: 'errors', provider: provider(c) });
    const a = only(synth(c), 'Alert');
    expect(a.spec.eventSeverity).toBe('error');
    expect(a.spec.eventSources.map((s: any) => s.kind)).toEqual(['HelmRelease', 'ImagePolicy', 'Kustomization', 'ImageRepository', 'GitRepository', 'HelmChart', 'HelmRepository', 'OCIRepository']);
    expect(a.spec.eventSources.every((s: any) => s.name === '*')).toBe(true);
  });

  test('FluxErrorAlert: one source per kind and namespace', () => {
    const c = chart('flux-system');
    new FluxErrorAlert(c, 'E', { provider: provider(c), kinds: [FluxSourceKind.KUSTOMIZATION], sourceNamespaces: ['a', 'b'] });
    expect(only(synth(c), 'Alert').spec.eventSources).toEqual([
      { kind: 'Kustomization', name: '*', namespace: 'a' }, { kind: 'Kustomization', name: '*', namespace: 'b' },
    ]);
  });

  test('rejects a severity list, an unknown kind, a namespace wildcard and matchLabels on a named source, all at once', () => {
    const c = chart('flux-system');
    expect(() => new FluxAlert(c, 'A', {
      provider: provider(c),
      eventSeverity: ['error', 'warn'] as any,
      eventSources: [
        { kind: 'Deployment' as FluxSourceKind },
        { kind: FluxSourceKind.KUSTOMIZATION, namespace: '*' },
        { kind: FluxSourceKind.HELM_RELEASE, name: 'app', matchLabels: { a: 'b' } },
      ],
      inclusionList: ['(?<=x)y'],
    })).toThrow(/5 problems:[\s\S]*eventSeverity: takes one value[\s\S]*eventSources\[0\]\.kind[\s\S]*eventSources\[1\]\.namespace: there is no namespace wildcard[\s\S]*eventSources\[2\]\.name: must be '\*' when matchLabels is set[\s\S]*inclusionList\[0\]/);
  });
});

describe('FluxKustomization', () => {
  test('renders interval, path, prune, sourceRef, targetNamespace, healthChecks and dependsOn', () => {
    const c = chart('flux-system');
    const infra = new FluxKustomization(c, 'Infra', { name: 'infra', interval: Duration.hours(1), sourceRef: FluxSourceRef.gitRepository('flux-system'), path: './infra' });
    new FluxKustomization(c, 'App', {
      name: 'app',
      interval: Duration.minutes(10),
      sourceRef: FluxSourceRef.ociRepository('apps', 'sources'),
      path: './apps/app',
      targetNamespace: 'app',
      healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'app', namespace: 'app' }],
      dependsOn: [infra],
      timeout: Duration.minutes(5),
    });
    const m = synth(c);
    expect(only(m, 'Kustomization', 'infra').spec).toEqual({ interval: '1h', sourceRef: { kind: 'GitRepository', name: 'flux-system' }, path: './infra', prune: true });
    expect(only(m, 'Kustomization', 'app').spec).toEqual({
      interval: '10m',
      sourceRef: { kind: 'OCIRepository', name: 'apps', namespace: 'sources' },
      path: './apps/app',
      prune: true,
      targetNamespace: 'app',
      healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'app', namespace: 'app' }],
      dependsOn: [{ name: 'infra' }],
      timeout: '5m',
    });
    expect(m).toMatchSnapshot();
  });

  test('a daily interval is written in hours, the largest unit Flux takes', () => {
    const c = chart('flux-system');
    new FluxKustomization(c, 'K', { interval: Duration.days(1), sourceRef: FluxSourceRef.bucket('b') });
    expect(only(synth(c), 'Kustomization').spec.interval).toBe('24h');
  });

  test('rejects a path outside the source and a malformed interval', () => {
    expect(() => new FluxKustomization(chart('flux-system'), 'K', { interval: Duration.millis(0.1), sourceRef: FluxSourceRef.gitRepository('x'), path: '../other' }))
      .toThrow(/2 problems:[\s\S]*interval[\s\S]*path/);
  });
});
