/**
 * repeat-interval-too-short (inheritance down the route tree, from the root route) and
 * time-interval-invalid (on YAML, and the same validation when AlertmanagerRouting is built).
 */
import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { parseAllDocuments } from 'yaml';
import { AlertmanagerRouting, ClusterModel, LambdaWebhookReceiver, Route, SecretKey, Severity, TimeInterval, runChecks } from '../../lib/tooling';

function findings(yaml: string, check: string) {
  const model = ClusterModel.build(parseAllDocuments(yaml).map((d, doc) => ({ value: d.toJS(), source: { file: 'x.yaml', doc } })));
  return runChecks(model).filter((f) => f.check === check);
}

const receivers = 'receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]';

describe('repeat-interval-too-short', () => {
  test('a child route\'s repeatInterval below the groupInterval it inherits: a warning naming both values and where they come from', () => {
    const [f, ...rest] = findings(`apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route:
    receiver: hook
    groupInterval: 10m
    routes:
      - { repeatInterval: 5m }
      - routes: [{ repeatInterval: 2m }]
  ${receivers}
`, 'repeat-interval-too-short');
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toBe('spec.route.routes[0]: repeatInterval 5m (set here) is shorter than groupInterval 10m (inherited from spec.route); Alertmanager repeats only at group intervals, so notifications repeat every 10m, not every 5m');
    expect(rest.map((x) => x.message)).toEqual([expect.stringMatching(/^spec\.route\.routes\[1\]\.routes\[0\]: repeatInterval 2m \(set here\) is shorter than groupInterval 10m \(inherited from spec\.route\)/)]);
  });

  test('a repeatInterval below the root route\'s default group_interval (5m): the assumption is named', () => {
    const [f] = findings(`apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: hook, repeatInterval: 1m }
  ${receivers}
`, 'repeat-interval-too-short');
    expect(f.message).toMatch(/^spec\.route: repeatInterval 1m \(set here\) is shorter than groupInterval 5m \(inherited from the root route: assumed Alertmanager's default, as no Alertmanager in the input loads this config\)/);
  });

  test('the root route of the Alertmanager\'s base config is read: a long group_interval there is inherited', () => {
    const [f] = findings(`apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec:
  alertmanagerConfigSelector: {}
  alertmanagerConfiguration: { name: base }
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: base, namespace: monitoring }
spec:
  route: { receiver: hook, groupInterval: 1h }
  ${receivers}
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: hook, repeatInterval: 30m }
  ${receivers}
`, 'repeat-interval-too-short');
    expect(f.object.name).toBe('team');
    expect(f.message).toMatch(/^spec\.route: repeatInterval 30m \(set here\) is shorter than groupInterval 1h \(set by AlertmanagerConfig monitoring\/base spec\.route, the root route of Alertmanager monitoring\/main\)/);
  });

  test('loaded by an Alertmanager without a base AlertmanagerConfig: the default is assumed, and the Secret named as what may differ', () => {
    const [f] = findings(`apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: { alertmanagerConfigSelector: {} }
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: hook, repeatInterval: 1m }
  ${receivers}
`, 'repeat-interval-too-short');
    expect(f.message).toMatch(/groupInterval 5m \(inherited from the root route of Alertmanager monitoring\/main: assumed Alertmanager's default \(its base configuration Secret may set another\)\)/);
  });

  test('quiet when both come from above (reported where they are set), equal values, zero (dropped by the operator) and a child that restores order', () => {
    expect(findings(`apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route:
    receiver: hook
    groupInterval: 5m
    repeatInterval: 5m
    routes:
      - { repeatInterval: "0" }
      - { groupInterval: 1m, repeatInterval: 1m, routes: [{ matchers: [{ name: a, value: b }] }] }
  ${receivers}
`, 'repeat-interval-too-short')).toEqual([]);
  });
});

describe('time-interval-invalid', () => {
  /** A config muted by an office-hours interval written with `weekdays` and `startTime`. */
  const office = (weekdays: string, startTime: string) => `apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: hook, muteTimeIntervals: [office] }
  ${receivers}
  muteTimeIntervals:
    - name: office
      timeIntervals: [{ weekdays: [${weekdays}], times: [{ startTime: "${startTime}", endTime: "17:00" }] }]
`;

  test('monday-friday and 9:00: one error each, with the value and the fix', () => {
    const found = findings(office('monday-friday', '9:00'), 'time-interval-invalid');
    expect(found.map((f) => [f.severity, f.message, f.fix])).toEqual([
      [Severity.ERROR, expect.stringMatching(/^spec\.muteTimeIntervals\[0\]\.timeIntervals\[0\]\.times\[0\]\.startTime: is not a time in HH:MM 24-hour form .* \(got "9:00"\)$/), 'write "09:00"'],
      [Severity.ERROR, expect.stringMatching(/^spec\.muteTimeIntervals\[0\]\.timeIntervals\[0\]\.weekdays\[0\]: .*API server rejects the whole object \(got "monday-friday"\)$/), 'write "monday:friday"'],
    ]);
  });

  test('the fixed twin, monday:friday and 09:00, is quiet', () => {
    expect(findings(office('"monday:friday"', '09:00'), 'time-interval-invalid')).toEqual([]);
  });

  test('AlertmanagerRouting refuses the same values when it is built, naming the construct path and the interval', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'monitoring' });
    const receiver = new LambdaWebhookReceiver({ url: SecretKey.fromSecret(kplus.Secret.fromSecretName(chart, 'S', 'hook'), 'url') });
    const office = new TimeInterval('office', [{ weekdays: ['monday-friday'], times: [{ startTime: '9:00', endTime: '17:00' }] }]);
    expect(() => new AlertmanagerRouting(chart, 'R', { receiver, routes: [new Route({ muteTimeIntervals: [office] })] })).toThrow(
      /2 problems:\n {2}- \[c\/R\] timeIntervals\["office"\]\.periods\[0\]\.times\[0\]\.startTime: .*Fix: write "09:00"\n {2}- \[c\/R\] timeIntervals\["office"\]\.periods\[0\]\.weekdays\[0\]: .*Fix: write "monday:friday"/,
    );
    const ok = new AlertmanagerRouting(chart, 'Ok', { receiver, groupInterval: Duration.minutes(5) });
    expect(() => ok.addRoute({ activeTimeIntervals: [new TimeInterval('night', [{ times: [{ startTime: '22:00', endTime: '06:00' }] }])] })).toThrow(
      /\[c\/Ok\] timeIntervals\["night"\]\.periods\[0\]\.times\[0\]: starts at or after it ends.*split it into two/,
    );
    expect(() => ok.addRoute({ activeTimeIntervals: [TimeInterval.businessHours(), TimeInterval.weekends()] })).not.toThrow();
  });
});
