/**
 * Fuzz: arbitrary values for every prop and argument of the Alertmanager constructs, receivers
 * and their factories, as a JavaScript caller can pass them (TypeScript does not protect it).
 * Constructing and synthesizing must either succeed or throw our validation error, which names
 * the construct path (or the factory), the prop, the value (never a secret) and the fix: never a
 * TypeError, a RangeError or a bare cdk8s error.
 */
import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import {
  AlertmanagerCluster, AlertmanagerRouting, EmailReceiver, IReceiver, LambdaWebhookReceiver, Matcher, MatcherStrategy, MatchType,
  MsTeamsApi, MsTeamsReceiver, NetworkPeer, OpsgenieReceiver, PagerDutyReceiver, PodAntiAffinity, Route, SecretKey, SlackReceiver, TimeInterval, WebhookReceiver,
} from '../lib/tooling';
import { junk, lit, make, Maker, noCrash, prop, props, tally, uid, v, valid } from './_fuzz';

const receiverKinds = ['webhook', 'lambda', 'slack', 'msteams', 'email', 'pagerduty', 'opsgenie'] as const;

/** A valid receiver. */
const receiver: fc.Arbitrary<Maker> = fc.constantFrom(...receiverKinds).map((k) => make(`${k} receiver`, (c: Chart) => {
  const key = SecretKey.fromSecret(kplus.Secret.fromSecretName(c, uid('S'), 'alerting'), 'key');
  switch (k) {
    case 'webhook': return new WebhookReceiver({ name: `w${uid()}`, url: key });
    case 'lambda': return new LambdaWebhookReceiver({ name: `l${uid()}`, url: key });
    case 'slack': return new SlackReceiver({ name: `s${uid()}`, apiUrl: key });
    case 'msteams': return new MsTeamsReceiver({ name: `t${uid()}`, webhookUrl: key });
    case 'email': return new EmailReceiver({ name: `e${uid()}`, to: ['oncall@example.com'] });
    case 'pagerduty': return new PagerDutyReceiver({ name: `p${uid()}`, routingKey: key });
    default: return new OpsgenieReceiver({ name: `o${uid()}`, apiKey: key });
  }
}));

const timeIntervals = valid(fc.constantFrom([TimeInterval.businessHours()], [TimeInterval.weekends('w')], []));
const matchers: fc.Arbitrary<Maker> = fc.oneof<fc.Arbitrary<Maker>[]>(v.matchers as fc.Arbitrary<Maker>, fc.array(prop(valid(fc.constant(Matcher.eq('team', 'a')))), { maxLength: 2 }).map((ms) => make('[...]', (c: Chart) => ms.map((m) => m(c)))));

const routeOptions = (depth: number, rare = false): Record<string, fc.Arbitrary<Maker>> => ({
  receiver: prop(receiver, { rare }),
  matchers: prop(matchers, { rare }),
  groupBy: prop(valid(fc.constantFrom(['alertname'], ['...'], [])), { rare }),
  groupWait: prop(v.duration, { rare }),
  groupInterval: prop(v.duration, { rare }),
  repeatInterval: prop(v.duration, { rare }),
  continue: prop(v.bool, { rare }),
  muteTimeIntervals: prop(timeIntervals, { rare }),
  activeTimeIntervals: prop(timeIntervals, { rare }),
  ...(depth > 0 ? { routes: prop(fc.array(props(routeOptions(depth - 1, true)), { maxLength: 2 }).map((rs) => make('[routes]', (c: Chart) => rs.map((r) => {
    const o = r(c);
    return o && typeof o === 'object' && !Array.isArray(o) ? new Route(o as any) : o;
  })))) } : {}),
});

const oneMatcher = valid(fc.constantFrom([Matcher.eq('severity', 'critical')], [Matcher.regex('alertname', 'Flux.+')]));
const inhibitRule = props({ sourceMatchers: prop(oneMatcher, { optional: false }), targetMatchers: prop(oneMatcher, { optional: false }), equal: prop(valid(fc.constantFrom(['namespace'], []))) });

const resources = props({
  cpu: prop(fc.constant(make('cpu', () => ({ request: kplus.Cpu.millis(100), limit: kplus.Cpu.units(1) })))),
  memory: prop(fc.constantFrom(
    make('memory Mi', () => ({ request: Size.mebibytes(64), limit: Size.gibibytes(1) })),
    make('memory KiB', () => ({ limit: Size.kibibytes(1) })),
  )),
});

afterAll(() => {
  // eslint-disable-next-line no-console
  console.log(`fuzz: ${[...tally].map(([k, t]) => `${k} ${t.cases} cases (${t.accepted} accepted, ${t.rejected} rejected)`).join('; ')}`);
});

describe('fuzz: Alertmanager constructs and receivers never crash', () => {
  let stderr: jest.SpyInstance;
  beforeAll(() => { stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true); });
  afterAll(() => stderr.mockRestore());

  test('AlertmanagerCluster', () => {
    noCrash('AlertmanagerCluster', [props({
      name: prop(v.name), namespace: prop(v.namespace), replicas: prop(valid(fc.integer({ min: 1, max: 5 }))), version: prop(valid(fc.constantFrom('v0.28.1'))),
      resources: prop(resources), retention: prop(v.duration), resolveTimeout: prop(v.duration),
      matcherStrategy: prop(valid(fc.constantFrom(...Object.values(MatcherStrategy)))),
      securityContext: prop(props({ runAsUser: prop(valid(fc.nat(65535))), fsGroup: prop(valid(fc.nat(65535))), runAsNonRoot: prop(v.bool) })),
      externalUrl: prop(valid(fc.constantFrom('https://am.example.com'))), labels: prop(v.labels),
      networkPolicy: prop(v.bool), allowFlux: prop(v.bool), fluxNamespace: prop(valid(fc.constantFrom('flux-system'))),
      clients: prop(valid(fc.constantFrom([NetworkPeer.namespace('apps')], [NetworkPeer.pods('grafana', { app: 'grafana' })], []))),
      podDisruptionBudget: prop(v.bool), maxUnavailable: prop(valid(fc.integer({ min: 0, max: 2 }))), zoneSpread: prop(v.bool),
      podAntiAffinity: prop(valid(fc.constantFrom(...Object.values(PodAntiAffinity)))),
      storage: prop(props({ size: prop(valid(fc.constantFrom(Size.gibibytes(1), Size.mebibytes(512)))), storageClassName: prop(valid(fc.constantFrom('gp3'))) })),
    })], (c, p) => {
      new AlertmanagerCluster(c, 'Am', p(c) as any);
    });
  });

  test('AlertmanagerRouting, with addRoute, addReceiver, addInhibitRule and addRouting', () => {
    noCrash('AlertmanagerRouting', [props({
      name: prop(v.name), namespace: prop(v.namespace), labels: prop(v.labels),
      alertmanager: prop(fc.constant(make('am', (c: Chart) => new AlertmanagerCluster(c, uid('Am'), { name: 'main' })))),
      inhibitRules: prop(fc.array(inhibitRule, { maxLength: 2 }).map((rs) => make('[rules]', (c: Chart) => rs.map((r) => r(c))))),
      receivers: prop(fc.array(receiver, { maxLength: 2 }).map((rs) => make('[receivers]', (c: Chart) => rs.map((r) => r(c))))),
      ...routeOptions(1),
      continue: prop(valid(fc.constant(true))),
      receiver: prop(receiver, { optional: false }),
    }), fc.option(props(routeOptions(1, true)), { freq: 2 }), fc.option(prop(receiver), { freq: 2 }), fc.option(inhibitRule, { freq: 2 }),
    fc.option(prop(fc.constant(make('am', (c: Chart) => new AlertmanagerCluster(c, uid('Am'), { name: 'other' })))), { freq: 2 })],
    (c, p, route, extra, inhibit, cluster) => {
      const routing = new AlertmanagerRouting(c, 'R', p(c) as any);
      if (route) { routing.addRoute(route(c) as any); }
      if (extra) { routing.addReceiver(extra(c) as any); }
      if (inhibit) { routing.addInhibitRule(inhibit(c) as any); }
      if (cluster) { (cluster(c) as AlertmanagerCluster)?.addRouting?.(routing); }
    });
  });

  test('Route and Route.addRoute, used in a routing', () => {
    noCrash('Route', [props(routeOptions(1)), fc.option(props(routeOptions(0)))], (c, o, child) => {
      const route = new Route(o(c) as any);
      if (child) { route.addRoute(child(c) as any); }
      new AlertmanagerRouting(c, 'R', { receiver: new WebhookReceiver({ name: 'w', url: SecretKey.fromSecret(kplus.Secret.fromSecretName(c, 'S', 's'), 'u') }), routes: [route] });
    });
  });

  test('Matcher factories, used in a routing', () => {
    const arg = prop(valid(fc.constantFrom('severity', 'critical', 'warning|critical')), { optional: false });
    noCrash('Matcher', [fc.constantFrom('eq', 'neq', 'regex', 'notRegex', 'of'), arg, arg, prop(valid(fc.constantFrom(...Object.values(MatchType))), { optional: false })],
      (c, f, a, b, t) => {
        const m = f === 'of' ? Matcher.of(a(c) as string, t(c) as MatchType, b(c) as string) : (Matcher as any)[f](a(c), b(c));
        new AlertmanagerRouting(c, 'R', { receiver: new WebhookReceiver({ name: 'w', url: SecretKey.fromSecret(kplus.Secret.fromSecretName(c, 'S', 's'), 'u') }), matchers: [m] });
      });
  });

  test('TimeInterval and its factories, used in a routing', () => {
    const period = props({
      weekdays: prop(valid(fc.constantFrom(['monday:friday'], ['saturday']))),
      times: prop(valid(fc.constantFrom([{ startTime: '09:00', endTime: '17:00' }]))),
      daysOfMonth: prop(valid(fc.constantFrom([{ start: 1, end: 7 }]))),
      months: prop(valid(fc.constantFrom(['january:march']))),
      years: prop(valid(fc.constantFrom(['2026']))),
    });
    noCrash('TimeInterval', [fc.constantFrom('new', 'businessHours', 'weekends'), prop(v.name), fc.oneof(fc.array(period, { maxLength: 2 }).map((ps) => make('[periods]', (c: Chart) => ps.map((p) => p(c)))), junk)],
      (c, f, n, periods) => {
        const t = f === 'new' ? new TimeInterval(n(c) as string, periods(c) as any) : (TimeInterval as any)[f](n(c));
        new AlertmanagerRouting(c, 'R', { receiver: new WebhookReceiver({ name: 'w', url: SecretKey.fromSecret(kplus.Secret.fromSecretName(c, 'S', 's'), 'u') }), muteTimeIntervals: [t] });
      });
  });

  test('SecretKey.fromSecret, used in a receiver', () => {
    noCrash('SecretKey.fromSecret', [prop(v.secret, { secret: true }), prop(valid(fc.constantFrom('url', 'api-key', 'a.b_c')))], (c, s, k) => {
      const key = SecretKey.fromSecret(s(c) as any, k(c) as any);
      new AlertmanagerRouting(c, 'R', { receiver: new WebhookReceiver({ name: 'w', url: key }) });
    });
  });

  const common = { name: prop(v.name), sendResolved: prop(v.bool) };
  const receiverCases: Array<[string, Record<string, fc.Arbitrary<Maker>>, (p: any) => IReceiver]> = [
    ['WebhookReceiver', { ...common, url: prop(v.secretKey, { secret: true, optional: false }), bearerToken: prop(v.secretKey, { secret: true }), maxAlerts: prop(valid(fc.nat(50))), timeout: prop(v.duration) }, (p) => new WebhookReceiver(p)],
    ['LambdaWebhookReceiver', { ...common, url: prop(v.secretKey, { secret: true, optional: false }), bearerToken: prop(v.secretKey, { secret: true }), maxAlerts: prop(valid(fc.nat(50))), timeout: prop(fc.constantFrom(make('Duration.millis(0.5)', () => Duration.millis(0.5)), make('Duration.seconds(10)', () => Duration.seconds(10)))) }, (p) => new LambdaWebhookReceiver(p)],
    ['SlackReceiver', { ...common, apiUrl: prop(v.secretKey, { secret: true, optional: false }), channel: prop(valid(fc.constant('#alerts'))), title: prop(v.text), text: prop(v.text) }, (p) => new SlackReceiver(p)],
    ['MsTeamsReceiver', { ...common, webhookUrl: prop(v.secretKey, { secret: true, optional: false }), api: prop(valid(fc.constantFrom(...Object.values(MsTeamsApi)))), title: prop(v.text), text: prop(v.text) }, (p) => new MsTeamsReceiver(p)],
    ['EmailReceiver', { ...common, to: prop(valid(fc.constantFrom(['oncall@example.com'], ['a@b.c', 'd@e.f'])), { optional: false }), from: prop(valid(fc.constant('am@example.com'))), smarthost: prop(valid(fc.constant('smtp.example.com:587'))), authUsername: prop(valid(fc.constant('am'))), authPassword: prop(v.secretKey, { secret: true }), requireTls: prop(v.bool) }, (p) => new EmailReceiver(p)],
    ['PagerDutyReceiver', { ...common, routingKey: prop(v.secretKey, { secret: true, optional: false }), severity: prop(v.text), description: prop(v.text) }, (p) => new PagerDutyReceiver(p)],
    ['OpsgenieReceiver', { ...common, apiKey: prop(v.secretKey, { secret: true, optional: false }), apiUrl: prop(valid(fc.constant('https://api.eu.opsgenie.com'))), priority: prop(valid(fc.constant('P1'))) }, (p) => new OpsgenieReceiver(p)],
  ];
  test.each(receiverCases)('%s, used in a routing', (name, fields, build) => {
    noCrash(name, [props(fields, { secret: true })], (c, p) => {
      new AlertmanagerRouting(c, 'R', { receiver: build(p(c)) });
    });
  });

  test('scope and id of a construct', () => {
    noCrash('scope and id', [fc.oneof(fc.constant(lit('chart')), junk), fc.oneof(valid(fc.constantFrom('Am', 'a/b')), junk)], (c, s, id) => {
      const scope = s(c) === 'chart' ? c : s(c);
      new AlertmanagerCluster(scope as any, id(c) as any, {});
    });
  });

});

/** What `fn` throws (it must throw). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('API input of the Alertmanager constructs: the examples of issue 11', () => {
  const chart = () => new Chart(Testing.app(), 'test', { namespace: 'monitoring' });
  const key = (c: Chart) => SecretKey.fromSecret(kplus.Secret.fromSecretName(c, uid('S'), 'alerting'), 'url');
  const hook = (c: Chart, name = 'hook') => new WebhookReceiver({ name, url: key(c) });

  test('null props name the construct path, the prop and the fix', () => {
    expect(thrown(() => new AlertmanagerCluster(chart(), 'Am', null as any)).message)
      .toBe('[test/Am] props: must be an AlertmanagerClusterProps object (got null). Fix: pass an object of AlertmanagerClusterProps, e.g. { name: ..., namespace: ... }');
  });

  test('name: 42, and every other shape problem of the call, at once', () => {
    const e = thrown(() => new AlertmanagerCluster(chart(), 'Am', { name: 42, replicas: '3', retention: '5m', labels: ['team'] } as any));
    expect(e.message).toMatch(/^4 problems:/);
    expect(e.message).toContain(`[test/Am] name: must be a string (got 42). Fix: pass a Kubernetes name such as 'main'`);
    expect(e.message).toContain('[test/Am] replicas: must be a number (got "3")');
    expect(e.message).toContain('[test/Am] retention: must be a Duration (got "5m"). Fix: use Duration.seconds(30)');
    expect(e.message).toContain('[test/Am] labels: must be a map of names to strings, not a list (got ["team"])');
  });

  test('Matcher.eq(undefined, "x") names the factory and the argument', () => {
    expect(thrown(() => Matcher.eq(undefined as any, 'x')).message).toMatch(/^\[Matcher\.eq\] name: is required \(a string\) \(got undefined\)\. Fix: pass the label name/);
    expect(thrown(() => Matcher.regex('severity', /crit/ as any)).message).toMatch(/^\[Matcher\.regex\] regex: must be a string \(got \{\}\)/);
  });

  test('matchers given as one Matcher, and receivers given as a map', () => {
    const c = chart();
    const e = thrown(() => new AlertmanagerRouting(c, 'R', { receiver: hook(c), matchers: Matcher.eq('team', 'a') as any, receivers: { slack: hook(c, 's') } as any }));
    expect(e.message).toMatch(/\[test\/R\] matchers: must be a list of Matchers, not a single one \(got \{"name":"team","matchType":"=","value":"a"\}\)\. Fix: wrap it in a list/);
    expect(e.message).toMatch(/\[test\/R\] receivers: must be a list of receivers, not a map/);
  });

  test('an empty Secret key, a key Kubernetes cannot hold, and a missing Secret', () => {
    const c = chart();
    const secret = kplus.Secret.fromSecretName(c, 'S', 'alerting');
    expect(thrown(() => SecretKey.fromSecret(secret, '')).message).toMatch(/^\[SecretKey\.fromSecret\] key: must not be empty \(got ""\)\. Fix: name the key/);
    expect(thrown(() => SecretKey.fromSecret(secret, 'web hook')).message).toMatch(/key: may hold only letters, digits, -, _ and \./);
    expect(thrown(() => SecretKey.fromSecret(undefined as any, 'k')).message).toMatch(/^\[SecretKey\.fromSecret\] secret: is required \(a Secret\) \(got undefined\)\. Fix: use SecretReference\.fromName\('secret-name'\)/);
  });

  test('a string where a Secret or SecretKey belongs is never printed: it may be the secret itself', () => {
    const url = 'https://hooks.slack.com/services/T000/B000/XXXXXXXX';
    for (const make of [
      () => new SlackReceiver({ apiUrl: url as any }),
      () => new SlackReceiver(url as any),
      () => SecretKey.fromSecret(url as any, 'url'),
      () => new EmailReceiver({ to: ['a@b.c'], authPassword: { password: 'hunter2' } as any }),
    ]) {
      const e = thrown(make);
      expect(e.message).toMatch(/Fix: /);
      expect(e.message).not.toMatch(/hooks\.slack|hunter2/);
    }
    expect(thrown(() => new SlackReceiver({ apiUrl: url as any })).message)
      .toMatch(/^\[SlackReceiver "slack"\] apiUrl: must be a SecretKey, so the value stays out of Git \(got a string of 51 characters\)/);
  });

  test('long values are shortened', () => {
    const e = thrown(() => new AlertmanagerCluster(chart(), 'Am', { replicas: 'x'.repeat(100_000) as any, labels: { a: Array(10_000).fill(1) } as any }));
    expect(e.message.length).toBeLessThan(1000);
    expect(e.message).toContain('…');
  });

  test('objects of the wrong class, recognised by shape, not by instanceof', () => {
    const c = chart();
    expect(thrown(() => new AlertmanagerRouting(c, 'R', { receiver: Matcher.eq('a', 'b') as any })).message)
      .toMatch(/\[test\/R\] receiver: must be a receiver \(got \{"name":"a","matchType":"=","value":"b"\}\)\. Fix: pass a receiver object/);
    // a receiver and a matcher made elsewhere (another copy of the library, or by hand) pass
    const custom: IReceiver = { name: 'custom', secretKeys: [], bind: () => ({ name: 'custom' }) };
    const matcher = Object.assign(Object.create(null), { name: 'team', matchType: '=', value: 'a', isRegex: false, toJson: () => ({ name: 'team', matchType: '=', value: 'a' }) });
    new AlertmanagerRouting(c, 'Ok', { receiver: custom, matchers: [matcher] });
    const routing = Testing.synth(c).find((m) => m.kind === 'AlertmanagerConfig');
    expect(routing.spec.receivers).toEqual([{ name: 'custom' }]);
    expect(routing.spec.route.matchers).toEqual([{ name: 'team', matchType: '=', value: 'a' }]);
  });

  test('methods check their arguments under the construct path', () => {
    const c = chart();
    const routing = new AlertmanagerRouting(c, 'R', { receiver: hook(c) });
    expect(thrown(() => routing.addRoute('team-a' as any)).message).toMatch(/^\[test\/R\] addRoute\(options\): must be a RouteOptions object \(got a string of 6 characters\)/);
    expect(thrown(() => routing.addInhibitRule({ sourceMatchers: Matcher.eq('a', 'b') } as any)).message)
      .toMatch(/2 problems:[\s\S]*addInhibitRule\(rule\)\.sourceMatchers: must be a list of Matchers, not a single one[\s\S]*addInhibitRule\(rule\)\.targetMatchers: is required/);
    expect(thrown(() => routing.addReceiver(null as any)).message).toMatch(/^\[test\/R\] addReceiver\(receiver\): must be a receiver \(got null\)/);
  });

  test('an unknown value of an enum no other check covers', () => {
    expect(thrown(() => new MsTeamsReceiver({ webhookUrl: key(chart()), api: 'workflow' as MsTeamsApi })).message)
      .toMatch(/^\[MsTeamsReceiver "msteams"\] api: is not a MsTeamsApi \(got "workflow"\)\. Fix: use one of MsTeamsApi\.WORKFLOWS, MsTeamsApi\.CONNECTOR/);
  });

  test('scope and id of every construct are checked before it joins the tree', () => {
    const c = chart();
    const builds: Array<[string, (scope: any, id: any) => unknown]> = [
      ['AlertmanagerCluster', (sc, id) => new AlertmanagerCluster(sc, id)],
      ['AlertmanagerRouting', (sc, id) => new AlertmanagerRouting(sc, id, { receiver: hook(c) })],
    ];
    for (const [kind, build] of builds) {
      expect(thrown(() => build(undefined, 'X')).message).toMatch(new RegExp(`^\\[${kind}\\] scope: must be a construct \\(got undefined\\)`));
      expect(thrown(() => build(c.node.root, 'X')).message).toMatch(/^\[X\] scope: must be a Chart or a construct inside one \(got App ""\)/);
      expect(thrown(() => build(c, 7)).message).toMatch(new RegExp(`^\\[${kind}\\] id: must be a non-empty string \\(got 7\\)`));
      build(c, kind);
      expect(thrown(() => build(c, kind)).message).toMatch(new RegExp(`^\\[test/${kind}\\] id: is already used by another construct in "test"`));
    }
  });
});

describe('cdk8s errors for our props are re-raised with the construct path and the prop', () => {
  const chart = () => new Chart(Testing.app(), 'test', { namespace: 'monitoring' });

  test('a Size that is no whole number of mebibytes', () => {
    // cdk8s alone: "'1 kibibytes' cannot be converted into a whole number of mebibytes.", with no path
    expect(thrown(() => new AlertmanagerCluster(chart(), 'Am', { resources: { memory: { limit: Size.kibibytes(1) } } })).message)
      .toBe(`[test/Am] resources.memory.limit: cdk8s rejects this Size: '1 kibibytes' cannot be converted into a whole number of mebibytes. (got {"amount":1,"unit":{"label":"kibibytes","inKibiBytes":1,"abbr":"Ki"}}). Fix: use Size.mebibytes(512) or Size.gibibytes(2) from cdk8s`);
  });

  test('a Duration cdk8s cannot read', () => {
    const broken = Object.create(Duration.prototype);
    expect(thrown(() => new AlertmanagerCluster(chart(), 'Am', { retention: broken })).message)
      .toMatch(/^\[test\/Am\] retention: cdk8s rejects this Duration: Cannot read properties of undefined/);
  });

  test('a webhook timeout of a fractional millisecond is rejected when the receiver is made, not by cdk8s during the synth', () => {
    // before: the synth failed with cdk8s' "0.5 must be a whole number of millis.", naming neither the receiver nor the prop
    expect(thrown(() => new WebhookReceiver({ name: 'w', url: SecretKey.fromSecret(kplus.Secret.fromSecretName(chart(), 'S', 's'), 'u'), timeout: Duration.millis(0.5) })).message)
      .toMatch(/^\[WebhookReceiver "w"\] timeout: must be a positive whole number of milliseconds \(got "0\.5ms"\)/);
  });
});
