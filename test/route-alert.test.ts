/**
 * Routing tested like code, as the README shows users: which receivers an alert reaches.
 */
import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { effectiveConfigOf, routeAlert, toYaml } from '../lib/tooling';
import { FirstArticleChart } from '../examples/first-article';
import { paymentsStack } from './_payments-stack';

const stack = () => paymentsStack(kplus.Secret.fromSecretName);

describe('routeAlert', () => {
  test('critical alerts from namespace payments reach PagerDuty', () => {
    const s = stack();
    expect(routeAlert(s.alertmanager, { alertname: 'HighErrorRate', severity: 'critical', namespace: 'payments' }).map((m) => m.receiver))
      .toEqual(['monitoring/main-routing/pagerduty']);
  });

  test('warnings from payments go to the Lambda, grouped by alertname and namespace', () => {
    const [match, ...rest] = routeAlert(stack().alertmanager, { alertname: 'HighErrorRate', severity: 'warning', namespace: 'payments' });
    expect(rest).toEqual([]);
    expect(match.receiver).toBe('monitoring/main-routing/lambda-webhook');
    expect(match.groupLabels).toEqual({ alertname: 'HighErrorRate', namespace: 'payments' });
  });

  test('Flux errors take the Flux route, grouped by object', () => {
    const [match] = routeAlert(stack().alertmanager, { alertname: 'FluxKustomizationReconciliationfailed', severity: 'error', namespace: 'flux-system', name: 'apps', kind: 'Kustomization' });
    expect(match.receiver).toBe('monitoring/main-routing/lambda-webhook');
    expect(match.groupBy).toEqual(['alertname', 'namespace', 'name']);
  });

  test('the first article: an alert outside my-cluster-namespace reaches only the null receiver', () => {
    const chart = new FirstArticleChart(Testing.app(), 'first-article');
    expect(routeAlert(chart.alertmanager, { alertname: 'X', severity: 'critical', namespace: 'other' }).map((m) => m.receiver))
      .toEqual(['prometheus/example-base/null']);
    expect(routeAlert(chart.alertmanager, { alertname: 'ExampleAlert', severity: 'warning', namespace: 'my-cluster-namespace' }).map((m) => m.receiver))
      .toEqual(['prometheus/example-alertmanagerconfig/lambda-webhook']);
  });

  test('effectiveConfigOf renders the operator\'s alertmanager.yaml with Secrets as placeholders', () => {
    const { config } = effectiveConfigOf(stack().alertmanager);
    expect(config.global).toMatchObject({ resolve_timeout: '5m' });
    const yaml = toYaml(config);
    expect(yaml).toMatch(/receiver: monitoring\/main-base\/null/);
    expect(yaml).toMatch(/url: https:\/\/secret\.invalid\/monitoring\/alerting\/lambda/); // a URL-shaped placeholder, so amtool accepts it
    expect(yaml).toMatch(/routing_key: <secret:monitoring\/alerting\/pagerduty>/);
    expect(config.route.routes?.[0]).toMatchObject({ receiver: 'monitoring/main-routing/lambda-webhook', continue: true });
  });
});
