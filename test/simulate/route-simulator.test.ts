import { NativeRoute, formatLabelSet, receiverSlug, simulateRouting } from '../../lib/simulate';
import { routeReceivers } from '../../lib/simulate/route-simulator';

const receivers = (route: NativeRoute, labels: Record<string, string>) => receiverSlug(simulateRouting({ route }, labels));

describe('simulateRouting', () => {
  test('no child matches: the route itself is the result, with the default timers', () => {
    // GIVEN a root with one non-matching child
    const route: NativeRoute = { receiver: 'root', routes: [{ receiver: 'a', matchers: ['team="a"'] }] };
    // WHEN an alert without team arrives
    const [m] = simulateRouting({ route }, { alertname: 'X' });
    // THEN the root catches it with Alertmanager's defaults
    expect(m).toMatchObject({
      receiver: 'root', routePath: [], routeKey: '{}', groupKey: '{}:{}', groupBy: [],
      groupWait: '30s', groupInterval: '5m', repeatInterval: '4h', groupWaitMs: 30_000,
    });
  });

  test('first matching child wins; continue: true lets the search go on', () => {
    const route: NativeRoute = {
      receiver: 'root',
      routes: [
        { receiver: 'a', matchers: ['sev="page"'], continue: true },
        { receiver: 'b', matchers: ['sev="page"'] },
        { receiver: 'c', matchers: ['sev="page"'] },
      ],
    };
    expect(receivers(route, { sev: 'page' })).toBe('a,b');
    expect(receivers(route, { sev: 'info' })).toBe('root');
  });

  test('a matching parent with a matching child yields only the child (the article trap)', () => {
    const route: NativeRoute = {
      receiver: 'root',
      routes: [{ receiver: 'parent', matchers: ['x="1"'], routes: [{ receiver: 'child', matchers: ['y="1"'], continue: true }] }],
    };
    expect(receivers(route, { x: '1', y: '1' })).toBe('child');
    expect(receivers(route, { x: '1' })).toBe('parent');
  });

  test('options are inherited: receiver, group_by, timers; time intervals are not', () => {
    const route: NativeRoute = {
      receiver: 'root',
      group_by: ['alertname'],
      group_wait: '10s',
      mute_time_intervals: ['night'],
      routes: [{ matchers: ['a="1"'], repeat_interval: '1h', routes: [{ matchers: ['b="1"'] }] }],
    };
    const [m] = simulateRouting({ route }, { alertname: 'X', a: '1', b: '1' });
    expect(m).toMatchObject({
      receiver: 'root', routePath: [0, 0], groupBy: ['alertname'], groupLabels: { alertname: 'X' },
      groupWait: '10s', groupInterval: '5m', repeatInterval: '1h', muteTimeIntervals: [],
    });
  });

  test("group_by ['...'] groups by every label; [] inherits the parent's grouping", () => {
    const route: NativeRoute = {
      receiver: 'r',
      group_by: ['a'],
      routes: [{ matchers: ['k="all"'], group_by: ['...'] }, { matchers: ['k="empty"'], group_by: [] }],
    };
    expect(simulateRouting({ route }, { k: 'all', a: '1', z: '2' })[0]).toMatchObject({ groupBy: ['...'], groupLabels: { k: 'all', a: '1', z: '2' } });
    expect(simulateRouting({ route }, { k: 'empty', a: '1' })[0]).toMatchObject({ groupBy: ['a'], groupLabels: { a: '1' } });
  });

  test('group key: sorted matchers per route on the path, then the group labels', () => {
    // GIVEN matchers in the operator's order (namespace appended last) and legacy match/match_re
    const route: NativeRoute = {
      receiver: 'r',
      routes: [{
        receiver: 'lambda',
        group_by: ['alertname', 'missing'],
        matchers: ['severity=~"warning|critical|error"', 'namespace="prometheus"'],
        match: { team: 'x' },
        match_re: { service: 'api|web' },
      }],
    };
    const [m] = simulateRouting({ route }, { alertname: 'ExampleAlert', severity: 'warning', namespace: 'prometheus', team: 'x', service: 'api' });
    // THEN Alertmanager's Route.Key() sorts by name; labels absent from the alert are not grouped
    expect(m.groupKey).toBe('{}/{namespace="prometheus",service=~"api|web",severity=~"warning|critical|error",team="x"}:{alertname="ExampleAlert"}');
  });

  test('label sets print like model.LabelSet.String()', () => {
    expect(formatLabelSet({ b: 'x"y', a: '1' })).toBe('{a="1", b="x\\"y"}');
    expect(formatLabelSet({})).toBe('{}');
  });

  test('regexes are anchored RE2 and a missing label matches as empty', () => {
    const route: NativeRoute = { receiver: 'root', routes: [{ receiver: 'empty', matchers: ['team=~"|none"'] }, { receiver: 'x', matchers: ['team=~"inf"'] }] };
    expect(receivers(route, {})).toBe('empty');
    expect(receivers(route, { team: 'infra' })).toBe('root');
  });

  test('an invalid regex is an error, not a silent non-match', () => {
    expect(() => simulateRouting({ route: { receiver: 'r', routes: [{ matchers: ['a=~"("'] }] } }, {})).toThrow(/missing closing \)/);
  });
});

describe('routeReceivers', () => {
  test('the receivers alone, in Alertmanager\'s order: continue, nesting, and the parent when no child matches', () => {
    const route: NativeRoute = {
      receiver: 'root',
      routes: [
        { receiver: 'a', matchers: ['sev="page"'], continue: true },
        { matchers: ['sev="page"'], routes: [{ receiver: 'nested', matchers: ['team="x"'] }] },
        { receiver: 'c', matchers: ['sev="page"'] },
      ],
    };
    expect(routeReceivers({ route }, { sev: 'page', team: 'x' })).toEqual(['a', 'nested']);
    expect(routeReceivers({ route }, { sev: 'page' })).toEqual(['a', 'root']); // the second route inherits root's receiver
    expect(routeReceivers({ route }, { sev: 'info' })).toEqual(['root']);
    expect(routeReceivers({ route }, { sev: 'page', team: 'x' })).toEqual(simulateRouting({ route }, { sev: 'page', team: 'x' }).map((m) => m.receiver));
  });
});
