/**
 * The jsii-friendly answers of the construct API (`AlertRouting`, `AlertingChecks`): the same
 * as the TypeScript tooling (`routeAlert`, `effectiveConfigOf`, `findingsOf`), as plain structs.
 */
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import {
  AlertingChecks, AlertmanagerCluster, AlertmanagerRouting, AlertRouting, effectiveConfigOf, findingsOf, Matcher, routeAlert, SecretKey,
  Severity, SlackReceiver, Suppressions, toYaml, WebhookReceiver,
} from '../../lib/tooling';
import { paymentsStack } from '../_payments-stack';

// the same stack as the routing tests', with cdk8s-plus-33's Secret (what `cdk8s init` installs)
const stack = () => paymentsStack(kplus.Secret.fromSecretName);

describe('AlertRouting', () => {
  test('receivers() and test() agree with routeAlert, as plain structs', () => {
    const s = stack();
    const routing = AlertRouting.of(s.alertmanager);
    const labels = { alertname: 'HighErrorRate', severity: 'critical', namespace: 'payments' };
    expect(routing.receivers(labels)).toEqual(['monitoring/main-routing/pagerduty']);
    const [match] = routing.test(labels);
    const [full] = routeAlert(s.alertmanager, labels);
    expect(match).toEqual({
      receiver: full.receiver, groupKey: full.groupKey, groupBy: [...full.groupBy], groupLabels: { ...full.groupLabels },
      groupWait: full.groupWait, groupInterval: full.groupInterval, repeatInterval: full.repeatInterval,
    });
    expect(routing.receivers({ ...labels, severity: 'warning' })).toEqual(['monitoring/main-routing/lambda-webhook']);
  });

  test('effectiveConfigYaml() is the effective config with Secret values as placeholders', () => {
    const s = stack();
    const yaml = AlertRouting.of(s.alertmanager).effectiveConfigYaml();
    expect(yaml).toBe(toYaml(effectiveConfigOf(s.alertmanager).config));
    expect(yaml).toMatch(/routing_key: <secret:monitoring\/alerting\/pagerduty>/);
  });

  test('sees routing added after of() was called', () => {
    const s = stack();
    const routing = AlertRouting.of(s.alertmanager);
    const slack = new SlackReceiver({ apiUrl: SecretKey.fromName('slack', 'url'), channel: '#db' });
    s.routing.addRoute({ receiver: slack, matchers: [Matcher.eq('team', 'db')] });
    expect(routing.receivers({ alertname: 'X', team: 'db', namespace: 'monitoring' })).toEqual(['monitoring/main-routing/slack']);
  });

  test('bad input names the call, the field and the fix', () => {
    expect(() => AlertRouting.of('main' as any)).toThrow(/AlertRouting\.of.*alertmanager.*Fix: pass the AlertmanagerCluster/s);
    expect(() => AlertRouting.of(stack().alertmanager).receivers({ severity: 1 } as any)).toThrow(/AlertRouting\.receivers.*labels/s);
  });
});

describe('AlertingChecks', () => {
  function plaintext() {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'monitoring' });
    const secret = new kplus.Secret(chart, 'hook', { stringData: { url: 'https://hooks.example.com/T0/B0/x' } });
    const am = new AlertmanagerCluster(chart, 'Am', { name: 'main' });
    new AlertmanagerRouting(chart, 'Routing', { alertmanager: am, receiver: new WebhookReceiver({ name: 'w', url: SecretKey.fromSecret(secret, 'url') }) });
    return { app, secret };
  }

  test('lists the findings of the synth, flattened; blocking holds the unsuppressed errors', () => {
    const { app } = plaintext();
    const checks = AlertingChecks.of(app);
    const full = findingsOf(app);
    expect(checks.findings.map((f) => f.checkId)).toEqual(full.map((f) => f.check));
    const [finding] = checks.findingsOf('secret-plaintext');
    expect(finding).toMatchObject({ checkId: 'secret-plaintext', severity: Severity.ERROR, kind: 'Secret', namespace: 'monitoring', blocking: true });
    expect(finding.source).toMatch(/c\/hook/);
    expect(finding.text).toBe(`secret-plaintext: ${finding.message}. Fix: ${finding.fix}`);
    expect(checks.blocking).toContain(finding);
    // the finding names the Secret, never its value
    expect(JSON.stringify(checks.findings)).not.toContain('hooks.example.com');
  });

  test('each call checks the app as it is then: a Secret added after the first call is found by the next', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'monitoring' });
    const am = new AlertmanagerCluster(chart, 'Am', { name: 'main' });
    expect(AlertingChecks.of(app).findingsOf('secret-plaintext')).toEqual([]);
    const secret = new kplus.Secret(chart, 'hook', { stringData: { url: 'https://hooks.example.com/T0/B0/x' } });
    new AlertmanagerRouting(chart, 'Routing', { alertmanager: am, receiver: new WebhookReceiver({ name: 'w', url: SecretKey.fromSecret(secret, 'url') }) });
    expect(AlertingChecks.of(app).findingsOf('secret-plaintext').map((f) => f.name)).toEqual([secret.name]);
  });

  test('a suppressed finding is listed with its reason and blocks nothing', () => {
    const { app, secret } = plaintext();
    Suppressions.add(secret, [{ id: 'secret-plaintext', reason: 'a throwaway test hook' }]);
    const [finding] = AlertingChecks.of(app).findingsOf('secret-plaintext');
    expect(finding).toMatchObject({ suppressedBecause: 'a throwaway test hook', blocking: false });
    expect(AlertingChecks.of(app).blocking.filter((f) => f.checkId === 'secret-plaintext')).toEqual([]);
  });

  test('bad input names the call and the fix', () => {
    expect(() => AlertingChecks.of({} as any)).toThrow(/AlertingChecks\.of.*Fix: pass a cdk8s App/s);
    expect(() => AlertingChecks.of(Testing.app()).findingsOf(42 as any)).toThrow(/AlertingChecks\.findingsOf.*checkId.*Fix: pass a check id/s);
  });
});
