import { Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { AlertmanagerCluster, AlertmanagerRouting, MatcherStrategy, SecretKey, WebhookReceiver } from '../lib/tooling';
import { chart, only, synth } from './_util';

let n = 0;
function receiver(c: Chart) {
  return new WebhookReceiver({ name: 'hook', url: SecretKey.fromSecret(kplus.Secret.fromSecretName(c, `S${n++}`, 'hook'), 'url') });
}

describe('AlertmanagerCluster', () => {
  test('defaults: 3 replicas, kube-prometheus security context, 5m resolve timeout, own-namespace selection', () => {
    // GIVEN
    const c = chart();
    // WHEN
    new AlertmanagerCluster(c, 'Am', { name: 'main' });
    const manifests = synth(c);
    // THEN
    const am = only(manifests, 'Alertmanager');
    expect(am.metadata).toEqual({ name: 'main', namespace: 'monitoring' });
    expect(am.spec.replicas).toBe(3);
    expect(am.spec.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 1000, fsGroup: 2000 });
    expect(am.spec.alertmanagerConfigSelector).toEqual({ matchLabels: { alertmanager: 'main' } });
    expect(am.spec.alertmanagerConfigNamespaceSelector).toBeUndefined();
    expect(am.spec.alertmanagerConfigMatcherStrategy).toEqual({ type: 'OnNamespace' });
    expect(am.spec.alertmanagerConfiguration).toEqual({ name: 'main-base', global: { resolveTimeout: '5m' } });
    const base = only(manifests, 'AlertmanagerConfig', 'main-base');
    expect(base.metadata.labels).toBeUndefined();
    // the root route drops what no routing config takes; Watchdog and the inhibit rules: test/alertmanager-defaults.test.ts
    expect(base.spec.route.receiver).toBe('null');
    expect(base.spec.receivers).toEqual([{ name: 'null' }]);
    expect(manifests).toMatchSnapshot();
  });

  test('props: version, resources, retention (hours only), matcher strategy, resolve timeout', () => {
    const c = chart();
    new AlertmanagerCluster(c, 'Am', {
      name: 'main',
      replicas: 5,
      version: 'v0.28.1',
      resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { limit: Size.mebibytes(256) } },
      retention: Duration.days(5),
      resolveTimeout: Duration.minutes(15),
      matcherStrategy: MatcherStrategy.NONE,
    });
    const am = only(synth(c), 'Alertmanager');
    expect(am.spec).toMatchObject({
      replicas: 5,
      version: 'v0.28.1',
      resources: { requests: { cpu: '100m' }, limits: { memory: '256Mi' } },
      retention: '120h',
      alertmanagerConfigMatcherStrategy: { type: 'None' },
      alertmanagerConfiguration: { global: { resolveTimeout: '15m' } },
    });
  });

  test('selectors are derived from the attached routing configs', () => {
    // GIVEN
    const c = chart();
    const am = new AlertmanagerCluster(c, 'Am', { name: 'main' });
    // WHEN configs live in two other namespaces
    new AlertmanagerRouting(c, 'A', { name: 'a', namespace: 'team-a', alertmanager: am, receiver: receiver(c) });
    const b = new AlertmanagerRouting(c, 'B', { name: 'b', namespace: 'team-b', receiver: receiver(c) });
    am.addRouting(b);
    const manifests = synth(c);
    // THEN the Alertmanager selects their label and exactly their namespaces (plus its own)
    expect(only(manifests, 'Alertmanager').spec.alertmanagerConfigNamespaceSelector).toEqual({
      matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['monitoring', 'team-a', 'team-b'] }],
    });
    for (const name of ['a', 'b']) {
      expect(only(manifests, 'AlertmanagerConfig', name).metadata.labels).toEqual({ alertmanager: 'main' });
    }
  });

  test('exposes the in-cluster API address', () => {
    const am = new AlertmanagerCluster(chart('prometheus'), 'Am', { name: 'example' });
    expect(am.apiUrl).toBe('http://alertmanager-operated.prometheus:9093');
    expect(am.alertsUrl).toBe('http://alertmanager-operated.prometheus:9093/api/v2/alerts');
  });

  test.each([0, -1, 1.5])('rejects replicas %p with the path, the value and the fix', (replicas) => {
    expect(() => new AlertmanagerCluster(chart(), 'Am', { replicas }))
      .toThrow(new RegExp(`\\[test/Am\\] replicas: must be a whole number of at least 1 \\(got ${replicas}\\)\\. Fix: use 3`));
  });

  test('reports every bad prop at once', () => {
    expect(() => new AlertmanagerCluster(chart(), 'Am', { name: 'Main_AM', replicas: 0, resolveTimeout: Duration.millis(0.5), version: 'latest' }))
      .toThrow(/4 problems:[\s\S]*name[\s\S]*replicas[\s\S]*resolveTimeout[\s\S]*version/);
  });

  test('a routing config cannot be attached to two clusters', () => {
    const c = chart();
    const a = new AlertmanagerCluster(c, 'A', { name: 'a' });
    const b = new AlertmanagerCluster(c, 'B', { name: 'b' });
    const r = new AlertmanagerRouting(c, 'R', { alertmanager: a, receiver: receiver(c) });
    expect(() => b.addRouting(r)).toThrow(/already attached to test\/A/);
  });
});
