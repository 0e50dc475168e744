/**
 * The conformance comparison itself must be able to fail: it ignores only what Alertmanager
 * reads the same way, and reports every other difference.
 */
import { ConformanceCase, compare, differences, loadCases, normalise } from './_harness';

const cases = loadCases();
const byName = (name: string): ConformanceCase => {
  const c = cases.find((x) => x.name === name);
  if (!c) { throw new Error(`no case ${name}`); }
  return c;
};
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

describe('normalise', () => {
  test('drops empty values, false booleans whose default is false, and the default resolve_timeout', () => {
    expect(normalise({
      global: { resolve_timeout: '5m', smtp_require_tls: false },
      receivers: [{ name: 'x', webhook_configs: [{ url: 'u', http_config: { tls_config: { insecure_skip_verify: false } }, send_resolved: false }] }],
      templates: [],
      inhibit_rules: [{}],
    })).toStrictEqual({
      global: { smtp_require_tls: false },
      receivers: [{ name: 'x', webhook_configs: [{ url: 'u', send_resolved: false }] }],
    });
  });

  test('durations, matchers and time interval ranges get one spelling', () => {
    expect(normalise({ route: { receiver: 'r', group_wait: '60s', matchers: ['a=b', 'c =~ "d"'] } }))
      .toStrictEqual(normalise({ route: { receiver: 'r', group_wait: '1m', matchers: ['a="b"', 'c=~"d"'] } }));
    expect(normalise({ time_intervals: [{ weekdays: ['Monday:Monday', '1:5'], months: ['january:march', '4'], days_of_month: ['7:7'] }] }))
      .toStrictEqual({ time_intervals: [{ weekdays: ['monday', 'monday:friday'], months: ['1:3', '4'], days_of_month: ['7'] }] });
  });

  test('what Alertmanager reads differently stays different', () => {
    expect(normalise({ send_resolved: false })).not.toStrictEqual(normalise({}));
    expect(normalise({ group_wait: '30s' })).not.toStrictEqual(normalise({ group_wait: '31s' }));
    expect(normalise({ global: { resolve_timeout: '1m' } })).not.toStrictEqual(normalise({}));
    expect(differences(normalise({ routes: [{ receiver: 'a' }, { receiver: 'b' }] }), normalise({ routes: [{ receiver: 'b' }, { receiver: 'a' }] }))).toHaveLength(2);
  });
});

describe('compare', () => {
  test('an agreeing case compares equal', () => {
    expect(compare(byName('skeleton base, CR with sub-routes'))).toStrictEqual([]);
  });

  test.each([
    ['a changed matcher', (c: any) => { c.expect.config.route.routes[0].routes[0].matchers = ['job="bar"']; }],
    ['a lost continue', (c: any) => { delete c.expect.config.route.routes[0].continue; }],
    ['an extra receiver field', (c: any) => { c.expect.config.receivers[1].webhook_configs = [{ url: 'http://x' }]; }],
    ['a different receiver order', (c: any) => { c.expect.config.receivers.reverse(); }],
    ['an expected rejection', (c: any) => { c.expect.rejected = ['mynamespace/myamc']; }],
    ['an expected failure', (c: any) => { c.expect = { failure: 'anything' }; }],
  ])('%s is reported', (_what, mutate) => {
    const c = clone(byName('skeleton base, CR with sub-routes'));
    mutate(c);
    expect(compare(c).length).toBeGreaterThan(0);
  });

  test('a failure must match the expected reason', () => {
    const c: any = clone(byName('CR with EmailConfig Missing SmartHost Field'));
    expect(compare(c)).toStrictEqual([]);
    c.expect = { failure: 'SMTP from is a mandatory field' };
    expect(compare(c)).toStrictEqual([expect.stringMatching(/^failure reason: expected/)]);
  });
});
