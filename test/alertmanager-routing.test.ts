import { Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  AlertmanagerCluster, AlertmanagerRouting, Matcher, MatchType, Route, SecretKey, SlackReceiver, TimeInterval, WebhookReceiver,
} from '../lib/tooling';
import { chart, only, synth } from './_util';

let n = 0;
function hook(c: Chart, name = 'hook') {
  return new WebhookReceiver({ name, url: SecretKey.fromSecret(kplus.Secret.fromSecretName(c, `S${n++}`, 'hooks'), name) });
}

describe('AlertmanagerRouting', () => {
  test('renders the top route, nested routes, receivers, inhibit rules and time intervals', () => {
    // GIVEN
    const c = chart();
    const am = new AlertmanagerCluster(c, 'Am', { name: 'main' });
    const nights = new TimeInterval('nights', [{ times: [{ startTime: '22:00', endTime: '24:00' }] }]);
    const pager = hook(c, 'pager');
    // WHEN
    const routing = new AlertmanagerRouting(c, 'Routing', {
      name: 'team',
      alertmanager: am,
      receiver: hook(c, 'default'),
      groupBy: ['alertname', 'namespace'],
      groupWait: Duration.seconds(30),
      groupInterval: Duration.minutes(5),
      repeatInterval: Duration.hours(12),
      matchers: [Matcher.regex('severity', 'warning|critical')],
      routes: [new Route({ receiver: pager, matchers: [Matcher.eq('severity', 'critical')], continue: true, muteTimeIntervals: [nights] })],
    });
    routing.addRoute({ receiver: hook(c, 'late'), matchers: [Matcher.neq('team', 'infra'), Matcher.notRegex('env', 'dev|test')] });
    routing.addInhibitRule({ sourceMatchers: [Matcher.eq('severity', 'critical')], targetMatchers: [Matcher.eq('severity', 'warning')], equal: ['alertname'] });
    routing.addReceiver(hook(c, 'spare'));
    const manifests = synth(c);
    // THEN
    const cfg = only(manifests, 'AlertmanagerConfig', 'team');
    expect(cfg.metadata.labels).toEqual({ alertmanager: 'main' });
    expect(cfg.spec.route).toEqual({
      receiver: 'default',
      groupBy: ['alertname', 'namespace'],
      groupWait: '30s',
      groupInterval: '5m',
      repeatInterval: '12h',
      matchers: [{ name: 'severity', matchType: '=~', value: 'warning|critical' }],
      routes: [
        { receiver: 'pager', matchers: [{ name: 'severity', matchType: '=', value: 'critical' }], continue: true, muteTimeIntervals: ['nights'] },
        { receiver: 'late', matchers: [{ name: 'team', matchType: '!=', value: 'infra' }, { name: 'env', matchType: '!~', value: 'dev|test' }] },
      ],
    });
    expect(cfg.spec.receivers.map((r: any) => r.name)).toEqual(['default', 'pager', 'late', 'spare']);
    expect(cfg.spec.inhibitRules).toEqual([{
      sourceMatch: [{ name: 'severity', matchType: '=', value: 'critical' }],
      targetMatch: [{ name: 'severity', matchType: '=', value: 'warning' }],
      equal: ['alertname'],
    }]);
    expect(cfg.spec.muteTimeIntervals).toEqual([{ name: 'nights', timeIntervals: [{ times: [{ startTime: '22:00', endTime: '24:00' }] }] }]);
    expect(cfg).toMatchSnapshot();
  });

  test('a receiver used by several routes is declared once', () => {
    const c = chart();
    const r = hook(c);
    new AlertmanagerRouting(c, 'R', { name: 'r', receiver: r, routes: [new Route({ receiver: r }), new Route({ receiver: r })] });
    expect(only(synth(c), 'AlertmanagerConfig').spec.receivers).toHaveLength(1);
  });

  test('no plaintext: webhook URLs are Secret key references', () => {
    const c = chart();
    new AlertmanagerRouting(c, 'R', { name: 'r', receiver: hook(c) });
    const spec = only(synth(c), 'AlertmanagerConfig').spec;
    expect(spec.receivers[0].webhookConfigs[0]).toEqual({ urlSecret: { name: 'hooks', key: 'hook' }, sendResolved: true });
  });

  test('rejects an unknown match type, a bad label name and a regex RE2 cannot compile, all at once', () => {
    const c = chart();
    expect(() => new AlertmanagerRouting(c, 'R', {
      receiver: hook(c),
      matchers: [Matcher.of('severity', '==' as MatchType, 'x'), Matcher.eq('bad-label', 'x'), Matcher.regex('a', '(x)\\1')],
    })).toThrow(/3 problems:[\s\S]*route\.matchers\[0\]\.matchType: unknown match type \(got "=="\)[\s\S]*route\.matchers\[1\]\.name[\s\S]*"bad-label"[\s\S]*route\.matchers\[2\]\.value/);
  });

  test('rejects a malformed duration with the construct path', () => {
    const c = chart();
    expect(() => new AlertmanagerRouting(c, 'R', { receiver: hook(c), groupInterval: Duration.millis(1.5) }))
      .toThrow(/\[test\/R\] route\.groupInterval: must be a positive whole number of milliseconds \(got "1\.5ms"\)\. Fix: /);
  });

  test('rejects repeated groupBy labels and "..." with others', () => {
    const c = chart();
    expect(() => new AlertmanagerRouting(c, 'R', { receiver: hook(c), groupBy: ['a', 'a'] })).toThrow(/groupBy: repeats \["a"\]/);
    expect(() => new AlertmanagerRouting(c, 'R2', { receiver: hook(c), groupBy: ['...', 'a'] })).toThrow(/'\.\.\.' groups by every label and must stand alone/);
  });

  test('rejects an invalid name and a missing receiver', () => {
    const c = chart();
    expect(() => new AlertmanagerRouting(c, 'R', { name: 'Team_Routing', receiver: undefined as any }))
      .toThrow(/2 problems:[\s\S]*name[\s\S]*"Team_Routing"[\s\S]*receiver: the top route needs a receiver/);
  });

  test('two different receivers with one name fail the synth', () => {
    const c = chart();
    new AlertmanagerRouting(c, 'R', { receiver: hook(c, 'same'), routes: [new Route({ receiver: new SlackReceiver({ name: 'same', apiUrl: SecretKey.fromSecret(kplus.Secret.fromSecretName(c, 'Sl', 'slack'), 'url') }) })] });
    expect(() => synth(c)).toThrow(/two different receivers are named "same"/);
  });

  test('two different time intervals with one name fail the synth; reusing one interval passes', () => {
    const c = chart();
    const a = TimeInterval.weekends('quiet');
    const routing = new AlertmanagerRouting(c, 'R', { receiver: hook(c), muteTimeIntervals: [a] });
    routing.addRoute({ muteTimeIntervals: [a] });
    expect(() => synth(c)).not.toThrow();
    routing.addRoute({ activeTimeIntervals: [TimeInterval.businessHours('quiet')] });
    expect(() => synth(c)).toThrow(/muteTimeIntervals: two different time intervals are named "quiet"/);
  });

  test('a bad route added below a nested route after construction fails the synth', () => {
    const c = chart();
    const routing = new AlertmanagerRouting(c, 'R', { receiver: hook(c) });
    const child = routing.addRoute({ matchers: [Matcher.eq('team', 'a')] });
    child.addRoute({ matchers: [Matcher.regex('x', 'a(?=b)')] });
    expect(() => synth(c)).toThrow(/route\.routes\[0\]\.routes\[0\]\.matchers\[0\]\.value/);
  });

  test('an inhibit rule without matchers is rejected', () => {
    const c = chart();
    const routing = new AlertmanagerRouting(c, 'R', { receiver: hook(c) });
    expect(() => routing.addInhibitRule({ sourceMatchers: [], targetMatchers: [Matcher.eq('a', 'b')] })).toThrow(/inhibitRules\[0\]: needs at least one source and one target matcher/);
  });
});
