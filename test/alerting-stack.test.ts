import * as kplus from 'cdk8s-plus-27';
import { Testing } from 'cdk8s';
import { AlertingStack, LambdaWebhookReceiver, Matcher, Prometheus, RuleGroup, SecretKey } from '../lib';
import { only, synth } from './_util';

function lambda(stack: any) {
  return new LambdaWebhookReceiver({ url: SecretKey.fromSecret(kplus.Secret.fromSecretName(stack, 'Lambda', 'alertmanager'), 'url') });
}

describe('AlertingStack', () => {
  test('builds the whole pipeline from a few props', () => {
    // GIVEN / WHEN
    const app = Testing.app();
    const stack = new AlertingStack(app, 'alerting', {
      receiver: new LambdaWebhookReceiver({ url: SecretKey.fromSecret(kplus.Secret.fromSecretName(app, 'L', 'alertmanager'), 'url') }),
      externalLabels: { cluster: 'eu-1' },
      ruleGroups: [new RuleGroup('dead-mans-switch', { alertingRules: [{ alert: 'Watchdog', expr: 'vector(1)', labels: { severity: 'none' } }] })],
    });
    const m = synth(stack);
    // THEN
    expect(m.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'Alertmanager/monitoring/main',
      'AlertmanagerConfig/monitoring/main-base',
      'PodDisruptionBudget/monitoring/alertmanager-main',
      'NetworkPolicy/monitoring/alertmanager-main',
      'AlertmanagerConfig/monitoring/main-routing',
      'Prometheus/monitoring/main',
      'ServiceAccount/monitoring/prometheus-main',
      'Role/monitoring/prometheus-main',
      'RoleBinding/monitoring/prometheus-main',
      'PodDisruptionBudget/monitoring/prometheus-main',
      'NetworkPolicy/monitoring/prometheus-main',
      'PrometheusRule/monitoring/main-rules',
      'Provider/flux-system/alertmanager',
      'Alert/flux-system/flux-errors',
    ]);
    // the routing config sees Flux alerts from every namespace
    expect(only(m, 'Alertmanager').spec.alertmanagerConfigMatcherStrategy).toEqual({ type: 'OnNamespaceExceptForAlertmanagerNamespace' });
    expect(only(m, 'Prometheus').spec.externalLabels).toEqual({ cluster: 'eu-1' });
    // the Prometheus selects the rules
    expect(only(m, 'PrometheusRule').metadata.labels).toEqual(only(m, 'Prometheus').spec.ruleSelector.matchLabels);
    // Flux errors take their own route
    expect(only(m, 'AlertmanagerConfig', 'main-routing').spec.route.routes).toEqual([{
      receiver: 'lambda-webhook',
      matchers: [{ name: 'alertname', matchType: '=~', value: 'Flux.+' }, { name: 'severity', matchType: '=', value: 'error' }],
      groupBy: ['alertname', 'namespace', 'name'],
    }]);
    expect(m).toMatchSnapshot();
  });

  test('parts can be replaced and extended afterwards', () => {
    const app = Testing.app();
    const kps = Prometheus.fromExisting(app, 'Kps', { name: 'kps', namespace: 'monitoring', ruleSelectorLabels: { release: 'kps' } });
    const stack = new AlertingStack(app, 'alerting', { receiver: lambda(app), prometheus: kps, fluxAlerts: false });
    stack.routing.addRoute({ receiver: stack.routing.route.options.receiver, matchers: [Matcher.eq('team', 'a')] });
    stack.rules.addGroup('extra').addAlertingRule({ alert: 'Down', expr: 'up == 0' });
    const m = synth(stack);
    expect(m.some((o) => o.kind === 'Prometheus')).toBe(false);
    expect(m.some((o) => o.kind === 'Provider' || o.kind === 'Alert')).toBe(false);
    expect(only(m, 'PrometheusRule').metadata.labels).toEqual({ release: 'kps' });
    expect(only(m, 'AlertmanagerConfig', 'main-routing').spec.route.routes).toHaveLength(1);
  });
});
