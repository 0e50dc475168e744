/**
 * The defaults kube-prometheus-stack users expect, in the Alertmanager's base configuration:
 * Watchdog routed to a heartbeat receiver (or `null`) and the severity inhibit rules.
 */
import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  AlertmanagerCluster, AlertmanagerRouting, LambdaWebhookReceiver, Matcher, MatcherStrategy, routeAlert, SecretKey, WebhookReceiver,
} from '../lib/tooling';
import { KubeManifest, renderEffectiveConfig } from '../lib/simulate';
import { chart, only, synth } from './_util';

function webhook(c: ReturnType<typeof chart>, name: string, secret: string) {
  return new WebhookReceiver({ name, url: SecretKey.fromSecret(kplus.Secret.fromSecretName(c, `${name}-secret`, secret), 'url') });
}

describe('AlertmanagerCluster base configuration defaults', () => {
  test('by default: Watchdog routed to null, and the three inhibit rules', () => {
    const c = chart();
    new AlertmanagerCluster(c, 'Am', { name: 'main' });
    const base = only(synth(c), 'AlertmanagerConfig', 'main-base');
    expect(base.spec.route).toEqual({ receiver: 'null', routes: [{ receiver: 'null', matchers: [{ name: 'alertname', matchType: '=', value: 'Watchdog' }] }] });
    expect(base.spec.inhibitRules).toEqual([
      {
        sourceMatch: [{ name: 'severity', matchType: '=', value: 'critical' }],
        targetMatch: [{ name: 'severity', matchType: '=~', value: 'warning|info' }],
        equal: ['namespace', 'alertname'],
      },
      {
        sourceMatch: [{ name: 'severity', matchType: '=', value: 'warning' }],
        targetMatch: [{ name: 'severity', matchType: '=', value: 'info' }],
        equal: ['namespace', 'alertname'],
      },
      {
        sourceMatch: [{ name: 'alertname', matchType: '=', value: 'InfoInhibitor' }],
        targetMatch: [{ name: 'severity', matchType: '=', value: 'info' }],
        equal: ['namespace'],
      },
    ]);
  });

  test('a heartbeat receiver gets Watchdog at the heartbeat interval, and nobody else does', () => {
    const c = chart();
    const am = new AlertmanagerCluster(c, 'Am', {
      name: 'main',
      matcherStrategy: MatcherStrategy.ON_NAMESPACE_EXCEPT_FOR_ALERTMANAGER_NAMESPACE,
      heartbeatReceiver: webhook(c, 'heartbeat', 'deadmans-switch'),
      heartbeatInterval: Duration.minutes(1),
    });
    // a routing config with severity matchers, as the first article's
    new AlertmanagerRouting(c, 'Routing', {
      name: 'routing', alertmanager: am, matchers: [Matcher.regex('severity', 'warning|critical')],
      receiver: new LambdaWebhookReceiver({ url: SecretKey.fromSecret(kplus.Secret.fromSecretName(c, 'L', 'lambda'), 'url') }),
    });
    const base = only(synth(c), 'AlertmanagerConfig', 'main-base');
    expect(base.spec.route.routes).toEqual([{
      receiver: 'heartbeat', matchers: [{ name: 'alertname', matchType: '=', value: 'Watchdog' }], groupWait: '0s', groupInterval: '1m', repeatInterval: '1m',
    }]);
    expect(base.spec.receivers).toEqual([{ name: 'null' }, expect.objectContaining({ name: 'heartbeat', webhookConfigs: [expect.objectContaining({ urlSecret: { name: 'deadmans-switch', key: 'url' } })] })]);
    const watchdog = routeAlert(am, { alertname: 'Watchdog', severity: 'none' });
    expect(watchdog.map((m) => [m.receiver, m.repeatInterval])).toEqual([['monitoring/main-base/heartbeat', '1m']]);
  });

  test('the inhibit rules apply to every namespace: the operator adds no namespace matcher to the base', () => {
    const c = chart();
    new AlertmanagerCluster(c, 'Am', { name: 'main' }); // OnNamespace strategy
    const manifests = synth(c) as KubeManifest[];
    const { config } = renderEffectiveConfig({ alertmanager: only(manifests, 'Alertmanager'), alertmanagerConfigs: manifests });
    expect(config.inhibit_rules).toEqual([
      { source_matchers: ['severity="critical"'], target_matchers: ['severity=~"warning|info"'], equal: ['namespace', 'alertname'] },
      { source_matchers: ['severity="warning"'], target_matchers: ['severity="info"'], equal: ['namespace', 'alertname'] },
      { source_matchers: ['alertname="InfoInhibitor"'], target_matchers: ['severity="info"'], equal: ['namespace'] },
    ]);
  });

  test('each default can be switched off', () => {
    const c = chart();
    new AlertmanagerCluster(c, 'Am', { name: 'main', watchdogRoute: false, defaultInhibitRules: false });
    expect(only(synth(c), 'AlertmanagerConfig', 'main-base').spec).toEqual({ route: { receiver: 'null' }, receivers: [{ name: 'null' }] });
  });

  test('contradictory or bad props are reported at once, with the fix', () => {
    const c = chart();
    let error = '';
    try {
      new AlertmanagerCluster(c, 'Am', {
        heartbeatReceiver: webhook(c, 'null', 'x'), watchdogRoute: false, heartbeatInterval: Duration.seconds(0),
      });
    } catch (e) {
      error = (e as Error).message;
    }
    expect(error).toMatch(/^3 problems:/);
    expect(error).toContain(`[test/Am] heartbeatReceiver.name: is the name of the base configuration's receiver that drops alerts (got "null"). Fix: name the heartbeat receiver e.g. 'heartbeat'`);
    expect(error).toContain('[test/Am] watchdogRoute: turns off the Watchdog route, so heartbeatReceiver would never be notified');
    expect(error).toContain('[test/Am] heartbeatInterval: must be a positive whole number of milliseconds');
    expect(() => new AlertmanagerCluster(chart(), 'Am', { heartbeatInterval: Duration.minutes(1) }))
      .toThrow(/heartbeatInterval: only applies to heartbeatReceiver, which is not set/);
  });
});
