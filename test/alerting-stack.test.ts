import * as kplus from 'cdk8s-plus-27';
import { Testing } from 'cdk8s';
import { AlertingStack, LambdaWebhookReceiver, Matcher, Prometheus, routeAlert, RuleGroup, SecretKey, WebhookReceiver } from '../lib/tooling';
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
      'PrometheusRule/monitoring/main-rule-packs',
      'ConfigMap/monitoring/main-alerting-pipeline-dashboard',
      'ConfigMap/monitoring/main-flux-dashboard',
      'Provider/flux-system/alertmanager',
      'Alert/flux-system/flux-errors',
    ]);
    // the routing config sees Flux alerts from every namespace
    expect(only(m, 'Alertmanager').spec.alertmanagerConfigMatcherStrategy).toEqual({ type: 'OnNamespaceExceptForAlertmanagerNamespace' });
    expect(only(m, 'Prometheus').spec.externalLabels).toEqual({ cluster: 'eu-1' });
    // the Prometheus selects the rules and the rule packs
    expect(only(m, 'PrometheusRule', 'main-rules').metadata.labels).toEqual(only(m, 'Prometheus').spec.ruleSelector.matchLabels);
    expect(only(m, 'PrometheusRule', 'main-rule-packs').metadata.labels).toEqual(only(m, 'Prometheus').spec.ruleSelector.matchLabels);
    expect(only(m, 'PrometheusRule', 'main-rule-packs').spec.groups.map((g: { name: string }) => g.name))
      .toEqual(['heartbeat.rules', 'alertmanager.rules', 'prometheus.rules', 'flux.rules']);
    // the base configuration carries the inhibit rules and routes Watchdog; the catch-all route leaves the heartbeats to it
    expect(only(m, 'AlertmanagerConfig', 'main-base').spec.inhibitRules).toHaveLength(3);
    expect(only(m, 'AlertmanagerConfig', 'main-routing').spec.route.matchers).toEqual([{ name: 'alertname', matchType: '!~', value: 'Watchdog|InfoInhibitor' }]);
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
    expect(only(m, 'PrometheusRule', 'main-rules').metadata.labels).toEqual({ release: 'kps' });
    expect(only(m, 'PrometheusRule', 'main-rule-packs').metadata.labels).toEqual({ release: 'kps' });
    expect(only(m, 'AlertmanagerConfig', 'main-routing').spec.route.routes).toHaveLength(1);
  });

  test('Watchdog reaches the heartbeat receiver only; a critical alert inhibits the warning of the same name and namespace', () => {
    const app = Testing.app();
    const heartbeat = new WebhookReceiver({ name: 'heartbeat', url: SecretKey.fromSecret(kplus.Secret.fromSecretName(app, 'Hb', 'heartbeat'), 'url') });
    const stack = new AlertingStack(app, 'alerting', { receiver: lambda(app), heartbeatReceiver: heartbeat });
    synth(stack);
    expect(routeAlert(stack.alertmanager, { alertname: 'Watchdog', severity: 'none' }).map((r) => r.receiver)).toEqual(['monitoring/main-base/heartbeat']);
    expect(routeAlert(stack.alertmanager, { alertname: 'InfoInhibitor', severity: 'none', namespace: 'apps' }).map((r) => r.receiver)).toEqual(['monitoring/main-base/null']);
    expect(routeAlert(stack.alertmanager, { alertname: 'PrometheusRuleFailures', severity: 'critical', namespace: 'monitoring' }).map((r) => r.receiver))
      .toEqual(['monitoring/main-routing/lambda-webhook']);
  });

  test('rule packs, dashboards and inhibit rules can each be switched off', () => {
    const app = Testing.app();
    const stack = new AlertingStack(app, 'alerting', { receiver: lambda(app), rulePacks: false, dashboards: false, defaultInhibitRules: false });
    const m = synth(stack);
    expect(m.filter((o) => o.kind === 'PrometheusRule').map((o) => o.metadata.name)).toEqual(['main-rules']);
    expect(m.some((o) => o.kind === 'ConfigMap')).toBe(false);
    expect(only(m, 'AlertmanagerConfig', 'main-base').spec.inhibitRules).toBeUndefined();
    expect(only(m, 'AlertmanagerConfig', 'main-routing').spec.route.matchers).toBeUndefined();
    expect(stack.rulePacks).toBeUndefined();
    expect(stack.pipelineDashboard).toBeUndefined();
  });
});
