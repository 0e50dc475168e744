/**
 * Fuzz: arbitrary values for every prop and argument of the rule, Prometheus, Flux, stack and
 * app constructs and their factories (see fuzz-alertmanager.test.ts for what is asserted).
 */
import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import {
  AlertingApp, AlertingStack, AlertingValidation, AlertmanagerCluster, AlertmanagerRouting, effectiveConfigOf, routeAlert, AlertmanagerProvider, FluxAlert, FluxErrorAlert, FluxEventSeverity, FluxKustomization, FluxSourceKind,
  FluxSourceRef, GenericWebhookProvider, IFluxProvider, Matcher, MsTeamsProvider, NamespaceSelector, Prometheus, PrometheusRules, Route, RuleGroup,
  SecretKey, SlackAuth, SlackProvider, WebhookReceiver, FluxReceiver, FluxReceiverType, PodAntiAffinity, ReceiverTarget,
} from '../lib/tooling';
import { junk, lit, make, Maker, noCrash, prop, props, tally, uid, v, valid } from './_fuzz';

const list = (item: fc.Arbitrary<Maker>, maxLength = 2): fc.Arbitrary<Maker> =>
  fc.array(item, { maxLength }).map((xs) => make(`[${xs.map((x) => fc.stringify(x)).join(', ')}]`, (c: Chart) => xs.map((x) => x(c))));

const ruleLabels = fc.oneof(v.labels, valid(fc.constantFrom({ severity: 'critical' })), fc.dictionary(fc.constantFrom('severity', 'team'), junk, { maxKeys: 2 }).map((d) => make('{...}', (c: Chart) => Object.fromEntries(Object.entries(d).map(([k, m]) => [k, m(c)])))));
const alertingRule = props({
  alert: prop(valid(fc.constantFrom('Watchdog', 'HighErrorRate')), { optional: false }),
  expr: prop(valid(fc.constantFrom('vector(1)', 'up == 0')), { optional: false }),
  for: prop(v.duration), keepFiringFor: prop(v.duration), labels: prop(ruleLabels), annotations: prop(ruleLabels),
});
const recordingRule = props({
  record: prop(valid(fc.constantFrom('job:up:sum')), { optional: false }),
  expr: prop(valid(fc.constantFrom('sum by (job) (up)')), { optional: false }),
  labels: prop(ruleLabels),
});
const groupOptions = props({ interval: prop(v.duration), alertingRules: prop(list(alertingRule)), recordingRules: prop(list(recordingRule)) });
const ruleGroup = fc.tuple(prop(valid(fc.constantFrom('a.rules', 'b.rules')), { optional: false }), fc.option(groupOptions, { nil: undefined }))
  .map(([n, o]) => make('new RuleGroup(...)', (c: Chart) => new RuleGroup(n(c) as string, o?.(c) as any)));
const nsSelector = fc.oneof(
  fc.constantFrom(make('own', () => NamespaceSelector.own()), make('all', () => NamespaceSelector.all())),
  fc.array(prop(valid(fc.constantFrom('team-a', 'team-b')), { optional: false }), { maxLength: 2 }).map((ns) => make('names(...)', (c: Chart) => NamespaceSelector.names(...ns.map((n) => n(c) as string)))),
  prop(v.labels, { optional: false }).map((l) => make('labels(...)', (c: Chart) => NamespaceSelector.labels(l(c) as any))),
);
const existing = (c: Chart) => Prometheus.fromExisting(c, uid('Kps'), { name: 'kps', namespace: 'monitoring', ruleSelectorLabels: { release: 'kps' } });
const prometheus = fc.constantFrom(make('new Prometheus', (c: Chart) => new Prometheus(c, uid('P'), { name: 'main' })), make('Prometheus.fromExisting', existing));
const am = fc.constant(make('am', (c: Chart) => new AlertmanagerCluster(c, uid('Am'), { name: `am${uid('')}` })));
const hook = fc.constant(make('receiver', (c: Chart) => new WebhookReceiver({ name: uid('w'), url: SecretKey.fromSecret(kplus.Secret.fromSecretName(c, uid('S'), 's'), 'u') })));
const providerOptions = { name: prop(v.name), namespace: prop(valid(fc.constantFrom('flux-system'))), timeout: prop(v.duration), suspend: prop(v.bool), certSecret: prop(v.secret, { secret: true }), proxySecret: prop(v.secret, { secret: true }) };
const provider = fc.constant(make('SlackProvider', (c: Chart) => new SlackProvider(c, uid('Sp'), { namespace: 'flux-system', secret: kplus.Secret.fromSecretName(c, uid('S'), 'slack') })));
const eventSource = props({
  kind: prop(valid(fc.constantFrom(...Object.values(FluxSourceKind))), { optional: false }),
  name: prop(valid(fc.constantFrom('*', 'apps'))), namespace: prop(valid(fc.constantFrom('flux-system', 'team-a'))), matchLabels: prop(v.labels),
});
const sourceRef = fc.tuple(fc.constantFrom('gitRepository', 'ociRepository', 'bucket'), prop(valid(fc.constantFrom('flux-system')), { optional: false }), prop(v.namespace))
  .map(([f, n, ns]) => make(`FluxSourceRef.${f}(...)`, (c: Chart) => (FluxSourceRef as any)[f](n(c), ns(c))));

afterAll(() => {
  // eslint-disable-next-line no-console
  console.log(`fuzz: ${[...tally].map(([k, t]) => `${k} ${t.cases} cases (${t.accepted} accepted, ${t.rejected} rejected)`).join('; ')}`);
});

describe('fuzz: rule, Prometheus, Flux, stack and app constructs never crash', () => {
  let stderr: jest.SpyInstance;
  beforeAll(() => { stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true); });
  afterAll(() => stderr.mockRestore());

  test('RuleGroup, addAlertingRule, addRecordingRule and PrometheusRules.addGroup', () => {
    noCrash('RuleGroup', [prop(valid(fc.constantFrom('a.rules')), { optional: false }), fc.option(groupOptions, { nil: undefined }), fc.option(alertingRule), fc.option(recordingRule),
      fc.option(fc.tuple(prop(valid(fc.constantFrom('b.rules')), { optional: false }), fc.option(groupOptions, { nil: undefined })))],
    (c, n, o, a, r, added) => {
      const g = new RuleGroup(n(c) as string, o?.(c) as any);
      if (a) { g.addAlertingRule(a(c) as any); }
      if (r) { g.addRecordingRule(r(c) as any); }
      const rules = new PrometheusRules(c, 'Rules', { groups: [g] });
      if (added) { rules.addGroup(added[0](c) as string, added[1]?.(c) as any); }
    });
  });

  test('PrometheusRules', () => {
    noCrash('PrometheusRules', [props({ name: prop(v.name), namespace: prop(v.namespace), prometheus: prop(prometheus), labels: prop(v.labels), groups: prop(list(ruleGroup)) })],
      (c, p) => { new PrometheusRules(c, 'Rules', p(c) as any); });
  });

  test('Prometheus and Prometheus.fromExisting', () => {
    noCrash('Prometheus', [props({
      name: prop(v.name), namespace: prop(v.namespace), replicas: prop(valid(fc.integer({ min: 1, max: 3 }))), version: prop(valid(fc.constant('v3.5.0'))),
      alertmanager: prop(am), ruleSelectorLabels: prop(valid(fc.constant({ prometheus: 'main' }))), ruleNamespaceSelector: prop(nsSelector),
      evaluationInterval: prop(v.duration), externalLabels: prop(v.labels), serviceAccountName: prop(valid(fc.constant('prometheus'))),
      resources: prop(valid(fc.constant({ cpu: { request: kplus.Cpu.millis(100) } }))),
      serviceMonitorSelectorLabels: prop(v.labels), serviceMonitorNamespaceSelector: prop(nsSelector),
      podMonitorSelectorLabels: prop(v.labels), podMonitorNamespaceSelector: prop(nsSelector),
      networkPolicy: prop(v.bool), restrictEgress: prop(v.bool), podDisruptionBudget: prop(v.bool), zoneSpread: prop(v.bool),
      maxUnavailable: prop(valid(fc.integer({ min: 0, max: 2 }))), podAntiAffinity: prop(valid(fc.constantFrom(...Object.values(PodAntiAffinity)))),
    }), props({ name: prop(v.name, { optional: false }), namespace: prop(v.namespace, { optional: false }), ruleSelectorLabels: prop(valid(fc.constant({ release: 'kps' })), { optional: false }), ruleNamespaceSelector: prop(nsSelector) })],
    (c, p, e) => {
      const prom = new Prometheus(c, 'P', p(c) as any);
      const kps = Prometheus.fromExisting(c, 'Kps', e(c) as any);
      new PrometheusRules(c, 'R1', { prometheus: prom, groups: [new RuleGroup('a', { alertingRules: [{ alert: 'A', expr: 'vector(1)' }] })] });
      new PrometheusRules(c, 'R2', { prometheus: kps });
    });
  });

  test('Flux providers', () => {
    noCrash('Flux providers', [fc.constantFrom('alertmanager', 'slack', 'msteams', 'generic'), props({
      ...providerOptions, alertmanager: prop(am, { optional: false }), authSecret: prop(v.secret, { secret: true }), secret: prop(v.secret, { secret: true, optional: false }),
      auth: prop(valid(fc.constantFrom(...Object.values(SlackAuth)))), channel: prop(valid(fc.constant('#flux'))), username: prop(valid(fc.constant('flux'))), hmac: prop(v.bool),
    }, { secret: true })], (c, kind, p) => {
      const args = p(c) as any;
      const provider: IFluxProvider = kind === 'alertmanager' ? new AlertmanagerProvider(c, 'P', args)
        : kind === 'slack' ? new SlackProvider(c, 'P', args) : kind === 'msteams' ? new MsTeamsProvider(c, 'P', args) : new GenericWebhookProvider(c, 'P', args);
      new FluxAlert(c, 'A', { provider, eventSources: [{ kind: FluxSourceKind.KUSTOMIZATION }] });
    });
  });

  test('FluxAlert and FluxErrorAlert', () => {
    noCrash('FluxAlert', [fc.boolean(), props({
      name: prop(v.name), namespace: prop(valid(fc.constant('flux-system'))), provider: prop(provider, { optional: false }),
      eventSeverity: prop(valid(fc.constantFrom(...Object.values(FluxEventSeverity)))), eventSources: prop(list(eventSource), { optional: false }),
      inclusionList: prop(valid(fc.constantFrom(['.*'], []))), exclusionList: prop(valid(fc.constantFrom(['^Dependencies'], []))), eventMetadata: prop(v.labels), suspend: prop(v.bool),
      kinds: prop(valid(fc.constantFrom([FluxSourceKind.KUSTOMIZATION], []))), sourceNamespaces: prop(valid(fc.constantFrom(['flux-system', 'team-a'], []))), extraSources: prop(list(eventSource)),
    })], (c, error, p) => {
      if (error) { new FluxErrorAlert(c, 'A', p(c) as any); } else { new FluxAlert(c, 'A', p(c) as any); }
    });
  });

  test('FluxKustomization and FluxSourceRef factories', () => {
    noCrash('FluxKustomization', [props({
      name: prop(v.name), namespace: prop(valid(fc.constant('flux-system'))), interval: prop(v.duration, { optional: false }), sourceRef: prop(sourceRef, { optional: false }),
      path: prop(valid(fc.constantFrom('./apps', 'clusters/eu'))), prune: prop(v.bool), targetNamespace: prop(v.namespace),
      healthChecks: prop(list(props({ apiVersion: prop(valid(fc.constant('apps/v1')), { optional: false }), kind: prop(valid(fc.constant('Deployment')), { optional: false }), name: prop(v.name, { optional: false }), namespace: prop(v.namespace) }))),
      dependsOn: prop(fc.constant(make('[kustomization]', (c: Chart) => [new FluxKustomization(c, uid('K'), { interval: Duration.minutes(5), sourceRef: FluxSourceRef.gitRepository('flux-system') })]))),
      wait: prop(v.bool), timeout: prop(v.duration), retryInterval: prop(v.duration),
    })], (c, p) => { new FluxKustomization(c, 'K', p(c) as any); });
  });

  test('FluxReceiver and ReceiverTarget', () => {
    const target = fc.constantFrom(
      make('ReceiverTarget.gitRepository', () => ReceiverTarget.gitRepository('flux-system')),
      make('ReceiverTarget.allOf', () => ReceiverTarget.allOf(FluxSourceKind.IMAGE_REPOSITORY, { app: 'web' })),
    );
    noCrash('FluxReceiver', [props({
      name: prop(v.name), namespace: prop(valid(fc.constant('flux-system'))), type: prop(valid(fc.constantFrom(...Object.values(FluxReceiverType))), { optional: false }),
      tokenSecret: prop(v.secret, { secret: true, optional: false }), resources: prop(list(target), { optional: false }),
      events: prop(valid(fc.constantFrom(['push'], ['ping', 'push']))), interval: prop(v.duration), resourceFilter: prop(valid(fc.constant('res.metadata.name == "app"'))), suspend: prop(v.bool),
    }, { secret: true })], (c, p) => { new FluxReceiver(c, 'R', p(c) as any); });
  });

  test('AlertingStack', () => {
    noCrash('AlertingStack', [props({
      namespace: prop(v.namespace), receiver: prop(hook, { optional: false }), alertmanagerName: prop(v.name), replicas: prop(valid(fc.integer({ min: 1, max: 3 }))),
      resolveTimeout: prop(v.duration), groupBy: prop(valid(fc.constant(['alertname']))), routes: prop(valid(fc.constant([new Route({ matchers: [Matcher.eq('team', 'a')] })]))),
      prometheus: prop(fc.constant(make('fromExisting', (c: Chart) => Prometheus.fromExisting(c, uid('Kps'), { name: 'kps', namespace: 'monitoring', ruleSelectorLabels: { release: 'kps' }, ruleNamespaceSelector: NamespaceSelector.all() })))), externalLabels: prop(v.labels), ruleNamespaceSelector: prop(nsSelector),
      ruleGroups: prop(list(ruleGroup)), fluxAlerts: prop(v.bool), fluxNamespace: prop(valid(fc.constant('flux-system'))),
      fluxKinds: prop(valid(fc.constant([FluxSourceKind.HELM_RELEASE]))), fluxReceiver: prop(hook), labels: prop(v.labels),
    })], (c, p) => { new AlertingStack(c.node.root as any, 'Stack', p(c) as any); });
  });

  test('routeAlert, effectiveConfigOf and the validation plugin', () => {
    noCrash('routeAlert', [fc.boolean(), prop(am, { optional: false }), prop(valid(fc.constantFrom({ severity: 'critical' }, {})), { optional: false }),
      fc.option(props({ resolveSecret: prop(fc.constant(make('() => url', () => () => 'http://127.0.0.1:1/'))), omitIntegrations: prop(valid(fc.constant(['msteamsv2']))) }), { nil: undefined }),
      fc.option(props({ strict: prop(v.bool), allowPlaintextSecrets: prop(v.bool) }), { nil: undefined })],
    (c, route, cluster, labels, options, plugin) => {
      const am = cluster(c) as any;
      if (am instanceof AlertmanagerCluster) {
        new AlertmanagerRouting(c, 'R', { alertmanager: am, receiver: new WebhookReceiver({ name: 'w', url: SecretKey.fromSecret(kplus.Secret.fromSecretName(c, 'S', 's'), 'u') }) });
      }
      if (route) { routeAlert(am, labels(c) as any, options?.(c) as any); } else { effectiveConfigOf(am, options?.(c) as any); }
      if (plugin) { new AlertingValidation(plugin(c) as any); }
    });
  });

  test('AlertingApp', () => {
    const outdir = `${require('os').tmpdir()}/fuzz-alerting-app-${process.pid}`;
    noCrash('AlertingApp', [props({
      outdir: prop(valid(fc.constant(outdir))), strict: prop(v.bool), allowPlaintextSecrets: prop(v.bool),
      outputFileExtension: prop(valid(fc.constant('.k8s.yaml'))), recordConstructMetadata: prop(v.bool), resolvers: prop(valid(fc.constant([]))),
      // junk strings for publishDir are safe: the app only checks folders when constructed, and synthYaml writes nothing
      publishDir: prop(fc.constant(lit(undefined))),
    })], (c, p) => {
      const props = p(c) as any;
      // a relative or empty outdir would be the project folder: keep the junk away from the disk
      if (props && typeof props === 'object' && typeof props.outdir === 'string' && props.outdir !== outdir) { props.outdir = outdir; }
      const app = new AlertingApp(props);
      new AlertmanagerCluster(new Chart(app, 'c'), 'Am');
      return app;
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

describe('API input of the rule, Prometheus, Flux and stack constructs: the examples of issue 11', () => {
  const chart = (ns = 'monitoring') => new Chart(Testing.app(), 'test', { namespace: ns });

  test('a rule without expr, and non-string rule labels and annotations', () => {
    const e = thrown(() => new RuleGroup('app.rules', { alertingRules: [{ alert: 'A', labels: { severity: 1 }, annotations: { summary: ['x'] } } as any] }));
    expect(e.message).toMatch(/^3 problems:/);
    expect(e.message).toContain('[RuleGroup "app.rules"] options.alertingRules[0].expr: is required (a string) (got undefined). Fix: pass the PromQL expression as a string');
    expect(e.message).toContain('[RuleGroup "app.rules"] options.alertingRules[0].labels.severity: must be a string (got 1). Fix: quote the value');
    expect(e.message).toContain('options.alertingRules[0].annotations.summary: must be a string (got ["x"])');
    expect(thrown(() => new RuleGroup('g').addRecordingRule({ record: 'a:b' } as any)).message).toMatch(/^\[RuleGroup "g"\.addRecordingRule\] rule\.expr: is required/);
  });

  test('groups given as one RuleGroup, and a group name that is no string', () => {
    const c = chart();
    expect(thrown(() => new PrometheusRules(c, 'R', { groups: new RuleGroup('a') as any })).message).toMatch(/^\[test\/R\] groups: must be a list of RuleGroups, not a single one/);
    const rules = new PrometheusRules(c, 'Ok');
    expect(thrown(() => rules.addGroup(3 as any)).message).toMatch(/^\[test\/Ok\] addGroup\(name\): must be a string \(got 3\)/);
  });

  test('Flux: a provider that is no provider, event sources given as one source, and a Secret given as a string', () => {
    const c = chart('flux-system');
    const e = thrown(() => new FluxAlert(c, 'A', { provider: 'alertmanager' as any, eventSources: { kind: FluxSourceKind.KUSTOMIZATION } as any }));
    expect(e.message).toMatch(/\[test\/A\] provider: must be a Flux provider \(got "alertmanager"\)/);
    expect(e.message).toMatch(/\[test\/A\] eventSources: must be a list of FluxEventSource objects, not a single one/);
    const s = thrown(() => new SlackProvider(c, 'S', { secret: 'https://hooks.slack.com/services/T/B/X' as any }));
    expect(s.message).toMatch(/^\[test\/S\] secret: must be a Secret \(got a string of 38 characters\)/);
    expect(s.message).not.toContain('hooks.slack.com');
  });

  test('FluxSourceRef factories and FluxKustomization', () => {
    expect(thrown(() => FluxSourceRef.gitRepository(undefined as any)).message).toMatch(/^\[FluxSourceRef\.gitRepository\] name: is required/);
    expect(thrown(() => new FluxKustomization(chart(), 'K', { interval: '10m', sourceRef: { kind: 'GitRepository', name: 'x' } } as any)).message)
      .toMatch(/^\[test\/K\] interval: must be a Duration \(got "10m"\)/);
  });

  test('NamespaceSelector factories', () => {
    expect(thrown(() => NamespaceSelector.names('a', 5 as any)).message).toMatch(/^\[NamespaceSelector\.names\] names\[1\]: must be a non-empty string \(got 5\)/);
    expect(thrown(() => NamespaceSelector.labels(['team'] as any)).message).toMatch(/^\[NamespaceSelector\.labels\] labels: must be a map of names to strings, not a list/);
  });

  test('AlertingStack and AlertingApp', () => {
    expect(thrown(() => new AlertingStack(Testing.app(), 'Stack', { receiver: undefined as any, ruleGroups: 'flux' as any })).message)
      .toMatch(/^2 problems:[\s\S]*\[Stack\] receiver: is required \(a receiver\)[\s\S]*\[Stack\] ruleGroups: must be a list of RuleGroups/);
    expect(thrown(() => new AlertingApp({ strict: 'yes' } as any)).message).toMatch(/^\[AlertingApp\] strict: must be true or false \(got "yes"\)/);
  });

  test('scope and id of every construct are checked before it joins the tree', () => {
    const c = chart('flux-system');
    const secret = kplus.Secret.fromSecretName(c, 'S', 'slack');
    const provider = new SlackProvider(c, 'Provider', { secret });
    const builds: Array<[string, (scope: any, id: any) => unknown, boolean]> = [
      ['Prometheus', (sc, id) => new Prometheus(sc, id), true],
      ['Prometheus.fromExisting', (sc, id) => Prometheus.fromExisting(sc, id, { name: 'kps', namespace: 'monitoring', ruleSelectorLabels: { release: 'kps' } }), false],
      ['PrometheusRules', (sc, id) => new PrometheusRules(sc, id), true],
      ['AlertmanagerProvider', (sc, id) => new AlertmanagerProvider(sc, id, { alertmanager: new AlertmanagerCluster(c, uid('Am'), { name: `am${uid('')}` }) }), true],
      ['SlackProvider', (sc, id) => new SlackProvider(sc, id, { secret }), true],
      ['MsTeamsProvider', (sc, id) => new MsTeamsProvider(sc, id, { secret }), true],
      ['GenericWebhookProvider', (sc, id) => new GenericWebhookProvider(sc, id, { secret }), true],
      ['FluxAlert', (sc, id) => new FluxAlert(sc, id, { provider, eventSources: [{ kind: FluxSourceKind.KUSTOMIZATION }] }), true],
      ['FluxErrorAlert', (sc, id) => new FluxErrorAlert(sc, id, { provider }), true],
      ['FluxKustomization', (sc, id) => new FluxKustomization(sc, id, { interval: Duration.minutes(5), sourceRef: FluxSourceRef.gitRepository('x') }), true],
      ['AlertingStack', (sc, id) => new AlertingStack(sc, id, { receiver: new WebhookReceiver({ name: 'w', url: SecretKey.fromSecret(secret, 'u') }) }), false],
    ];
    for (const [kind, build, inChart] of builds) {
      expect(thrown(() => build(undefined, 'X')).message).toMatch(new RegExp(`^\\[${kind.replace('.', '\\.')}\\] scope: must be a construct \\(got undefined\\)`));
      expect(thrown(() => build(c, '')).message).toMatch(new RegExp(`^\\[${kind.replace('.', '\\.')}\\] id: must be a non-empty string \\(got ""\\)`));
      if (inChart) {
        expect(thrown(() => build(c.node.root, 'X')).message).toMatch(/^\[X\] scope: must be a Chart or a construct inside one/);
      }
      const scope = inChart ? c : c.node.root;
      build(scope, kind);
      expect(thrown(() => build(scope, kind)).message).toMatch(/id: is already used by another construct in/);
    }
  });
});
