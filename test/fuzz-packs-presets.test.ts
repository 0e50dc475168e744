/**
 * Fuzz: arbitrary values for every prop and argument of the rule packs, dashboards, notification
 * templates, disruption budgets, network policies and peers, RBAC, suppressions, the
 * kube-prometheus-stack preset, base configs and the newer Flux constructs and factories (see
 * fuzz-alertmanager.test.ts for what is asserted: constructing and synthesizing either succeed
 * or throw our validation error, never a TypeError, a RangeError or a bare error).
 */
import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import {
  AlertingPipelineDashboard, AlertingRulePacks, AlertmanagerBaseConfig, AlertmanagerCluster, AlertmanagerNetworkPolicy, AlertmanagerRouting,
  AlertmanagerRulePack, AlertSeverity, DisruptionBudget, FluxAlert, FluxDashboard, FluxKustomization, FluxNotificationProvider,
  FluxProviderAuth, FluxProviderType, FluxReceiver, FluxReceiverType, FluxRulePack, FluxSourceKind, FluxSourceRef, FluxSubstituteFrom,
  GrafanaDashboard, KubePrometheusStack, Matcher, MatcherStrategy, MsTeamsReceiver, NamespaceSelector, NetworkPeer, NotificationTemplate,
  PanelType, Prometheus, routeAlert, PrometheusNetworkPolicy, PrometheusRbac, PrometheusRulePack, PrometheusRules, ReceiverTarget, RuleGroup, RulePacks,
  SecretKey, SlackReceiver, Suppressions, WatchdogRulePack, WebhookReceiver,
} from '../lib/tooling';
import { junk, lit, make, Maker, noCrash, prop, props, secretJunk, tally, uid, v, valid } from './_fuzz';

const list = (item: fc.Arbitrary<Maker>, maxLength = 2): fc.Arbitrary<Maker> =>
  fc.array(item, { maxLength }).map((xs) => make(`[${xs.map((x) => fc.stringify(x)).join(', ')}]`, (c: Chart) => xs.map((x) => x(c))));
/** A map of `keys` to junk or valid values. */
const mapOf = (keys: string[], value: fc.Arbitrary<Maker>): fc.Arbitrary<Maker> =>
  fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 2 }).map((d) => make(`{ ${Object.entries(d).map(([k, m]) => `${k}: ${fc.stringify(m)}`).join(', ')} }`, (c: Chart) => Object.fromEntries(Object.entries(d).map(([k, m]) => [k, m(c)]))));
/** Calls `f` on the makers' values, each argument sometimes junk. */
const call = <T>(label: string, args: Array<fc.Arbitrary<Maker>>, f: (...xs: any[]) => T): fc.Arbitrary<Maker<T>> =>
  fc.tuple(...args).map((ms) => make(`${label}(${ms.map((m) => fc.stringify(m)).join(', ')})`, (c: Chart) => f(...ms.map((m) => m(c)))));

const am = fc.constant(make('am', (c: Chart) => new AlertmanagerCluster(c, uid('Am'), { name: `am${uid('')}` })));
const prometheus = fc.constantFrom(
  make('new Prometheus', (c: Chart) => new Prometheus(c, uid('P'), { name: `p${uid('')}` })),
  make('Prometheus.fromExisting', (c: Chart) => Prometheus.fromExisting(c, uid('Kps'), { name: 'kps', namespace: 'monitoring', ruleSelectorLabels: { release: 'kps' } })),
);
/** A PrometheusRules holding `groups`, selected by the app's kube-prometheus-stack Prometheus. */
const rulesFor = (c: Chart, groups: RuleGroup[]) => new PrometheusRules(c, 'R', {
  prometheus: Prometheus.fromExisting(c, uid('Kps'), { name: 'kps', namespace: 'monitoring', ruleSelectorLabels: { release: 'kps' } }), groups,
});
const selector = valid(fc.constantFrom([Matcher.eq('job', 'alertmanager-main')], [Matcher.regex('namespace', 'monitoring|infra'), Matcher.neq('pod', '')], []));
const nsSelector = valid(fc.constantFrom(NamespaceSelector.all(), NamespaceSelector.own(), NamespaceSelector.names('team-a'), NamespaceSelector.labels({ team: 'a' })));
const secret = fc.constant(make('kplus.Secret.fromSecretName', (c: Chart) => kplus.Secret.fromSecretName(c, uid('S'), 'alerting')));
const hook = (c: Chart) => new WebhookReceiver({ name: uid('w'), url: SecretKey.fromSecret(kplus.Secret.fromSecretName(c, uid('S'), 's'), 'u') });
const ruleGroup = fc.constant(make('new RuleGroup', () => new RuleGroup(uid('g'), { alertingRules: [{ alert: 'A', expr: 'vector(1)' }] })));

/** Two alerts of each pack, for `exclude` and `severities`. */
const ALERTS = {
  watchdog: ['Watchdog', 'InfoInhibitor'], alertmanager: ['AlertmanagerFailedReload', 'AlertmanagerClusterDown'],
  prometheus: ['PrometheusBadConfig', 'PrometheusRuleFailures'], flux: ['FluxSourceNotReady', 'FluxResourceSuspended'],
};
type PackKind = keyof typeof ALERTS;
/** The props of the pack `kind`: RulePackOptions with that pack's alert names, and the pack's own props. */
const packPropsOf = (kind: PackKind): fc.Arbitrary<Maker> => props({
  groupName: prop(valid(fc.constantFrom('my.rules', `${kind}.rules`)), { rare: true }),
  interval: prop(v.duration, { rare: true }),
  exclude: prop(fc.oneof(valid(fc.constantFrom([], [ALERTS[kind][0]])), list(prop(valid(fc.constantFrom(...ALERTS[kind])), { optional: false, rare: true }))), { rare: true }),
  severities: prop(fc.oneof(valid(fc.constantFrom({}, { [ALERTS[kind][1]]: AlertSeverity.WARNING })), mapOf(ALERTS[kind], prop(valid(fc.constant('page')), { rare: true }))), { rare: true }),
  labels: prop(fc.oneof(v.labels, mapOf(['team', 'tier'], prop(valid(fc.constant('platform')), { rare: true }))), { rare: true }),
  runbookBaseUrl: prop(valid(fc.constantFrom('https://wiki.example.com/runbooks', 'https://wiki.example.com/r#')), { rare: true }),
  ...(kind === 'alertmanager' ? { alertmanager: prop(am), selector: prop(selector), failedNotificationRatio: prop(valid(fc.constantFrom(0.01, 0.5))) } : {}),
  ...(kind === 'prometheus' ? { prometheus: prop(prometheus), selector: prop(selector), operatorSelector: prop(selector) } : {}),
  ...(kind === 'flux' ? { selector: prop(selector), notReadyFor: prop(v.duration), sourceNotReadyFor: prop(v.duration), suspendedFor: prop(v.duration) } : {}),
});
const PACK_CLASSES = { watchdog: WatchdogRulePack, alertmanager: AlertmanagerRulePack, prometheus: PrometheusRulePack, flux: FluxRulePack };
/** A pack built with its factory or its class, from props that are sometimes junk. */
const pack = fc.constantFrom<PackKind>('watchdog', 'alertmanager', 'prometheus', 'flux').chain((k) => fc.tuple(fc.boolean(), packPropsOf(k))
  .map(([viaClass, p]) => make(`${viaClass ? `new ${PACK_CLASSES[k].name}` : `RulePacks.${k}`}(${fc.stringify(p)})`,
    (c: Chart) => (viaClass ? new (PACK_CLASSES[k] as any)(p(c)) : (RulePacks as any)[k](p(c))))));

const query = props({ expr: prop(valid(fc.constantFrom('sum(up)', 'rate(x_total[5m])')), { optional: false, rare: true }), legend: prop(valid(fc.constant('{{job}}')), { rare: true }), instant: prop(v.bool, { rare: true }) });
const panel = props({
  title: prop(valid(fc.constantFrom('Up', 'Errors')), { optional: false, rare: true }),
  queries: prop(list(query), { optional: false, rare: true }),
  type: prop(valid(fc.constantFrom(...Object.values(PanelType))), { rare: true }),
  description: prop(v.text, { rare: true }), unit: prop(valid(fc.constantFrom('short', 'ops')), { rare: true }),
  width: prop(valid(fc.integer({ min: 1, max: 24 })), { rare: true }), height: prop(valid(fc.integer({ min: 1, max: 20 })), { rare: true }),
});
const variable = props({
  name: prop(valid(fc.constantFrom('namespace', 'job')), { optional: false }), metric: prop(valid(fc.constant('up')), { optional: false }),
  labelName: prop(valid(fc.constant('namespace')), { optional: false }), label: prop(v.text),
});
const dashboardOptions = {
  name: prop(v.name), namespace: prop(v.namespace), labels: prop(v.labels), folder: prop(valid(fc.constant('Alerting'))),
  uid: prop(valid(fc.constantFrom('alerting', 'a_b-c'))), tags: prop(valid(fc.constantFrom([], ['alerting']))),
  refresh: prop(v.duration), timeRange: prop(v.duration), sidecarLabel: prop(valid(fc.constant('grafana_dashboard'))), sidecarLabelValue: prop(valid(fc.constant('1'))),
};

const peer = fc.oneof(
  call('NetworkPeer.pods', [prop(valid(fc.constant('apps')), { optional: false }), prop(valid(fc.constantFrom({ app: 'grafana' }, { 'app.kubernetes.io/name': 'x' })), { optional: false })], (ns, l) => NetworkPeer.pods(ns, l)),
  call('NetworkPeer.namespace', [prop(valid(fc.constant('apps')), { optional: false })], (ns) => NetworkPeer.namespace(ns)),
  call('NetworkPeer.fluxNotificationController', [prop(valid(fc.constant('flux-system')))], (ns) => NetworkPeer.fluxNotificationController(ns)),
  call('NetworkPeer.ipBlock', [prop(valid(fc.constantFrom('10.0.0.0/8', 'fd00::/8')), { optional: false })], (cidr) => NetworkPeer.ipBlock(cidr)),
);

const baseConfig = fc.oneof(
  fc.constant(make('kubePrometheusStackDefault', () => AlertmanagerBaseConfig.kubePrometheusStackDefault())),
  call('AlertmanagerBaseConfig.fromYaml', [prop(valid(fc.constantFrom('route:\n  receiver: x\nreceivers:\n  - name: x\n', '', 'a: [', '- 1', 'route: 5', 'receivers: {}')), { optional: false })], (t) => AlertmanagerBaseConfig.fromYaml(t)),
  call('AlertmanagerBaseConfig.fromObject', [prop(valid(fc.constantFrom({ route: { receiver: 'x' }, receivers: [{ name: 'x' }] }, {}, { route: 'x' })), { optional: false })], (o) => AlertmanagerBaseConfig.fromObject(o)),
);

afterAll(() => {
  // eslint-disable-next-line no-console
  console.log(`fuzz: ${[...tally].map(([k, t]) => `${k} ${t.cases} cases (${t.accepted} accepted, ${t.rejected} rejected)`).join('; ')}`);
});

describe('fuzz: rule packs, dashboards, templates, network, RBAC, suppressions and presets never crash', () => {
  let stderr: jest.SpyInstance;
  beforeAll(() => { stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true); });
  afterAll(() => stderr.mockRestore());

  test('RulePacks factories and the RulePack classes, used in a PrometheusRules', () => {
    noCrash('RulePacks', [pack], (c, p) => { rulesFor(c, [(p(c) as any).toRuleGroup()]); });
  });

  test('RulePacks.defaults', () => {
    noCrash('RulePacks.defaults', [props({
      alertmanager: prop(am), prometheus: prop(prometheus), watchdog: prop(v.bool), alertmanagerRules: prop(v.bool), prometheusRules: prop(v.bool), fluxRules: prop(v.bool),
    })], (c, o) => {
      rulesFor(c, RulePacks.defaults(o(c) as any).map((p) => p.toRuleGroup()));
    });
  });

  test('AlertingRulePacks', () => {
    noCrash('AlertingRulePacks', [props({
      name: prop(v.name), namespace: prop(v.namespace), labels: prop(v.labels), prometheus: prop(prometheus), groups: prop(list(ruleGroup)),
      alertmanager: prop(am), packs: prop(list(pack)), watchdog: prop(v.bool), alertmanagerRules: prop(v.bool), prometheusRules: prop(v.bool), fluxRules: prop(v.bool),
    })], (c, p) => { new AlertingRulePacks(c, 'Packs', p(c) as any); });
  });

  test('GrafanaDashboard and addPanel', () => {
    noCrash('GrafanaDashboard', [props({
      ...dashboardOptions, title: prop(valid(fc.constantFrom('Alerting', 'My board')), { optional: false }), panels: prop(list(panel)), variables: prop(list(variable)),
    }), fc.option(panel, { nil: undefined })], (c, p, added) => {
      const d = new GrafanaDashboard(c, 'D', p(c) as any);
      if (added) { d.addPanel(added(c) as any); }
    });
  });

  test('AlertingPipelineDashboard and FluxDashboard', () => {
    noCrash('AlertingPipelineDashboard', [fc.boolean(), props({
      ...dashboardOptions, title: prop(v.text), alertmanager: prop(am), alertmanagerSelector: prop(selector), prometheus: prop(prometheus), prometheusSelector: prop(selector),
      selector: prop(selector), fluxNamespace: prop(valid(fc.constant('flux-system'))),
    })], (c, flux, p) => {
      if (flux) { new FluxDashboard(c, 'D', p(c) as any); } else { new AlertingPipelineDashboard(c, 'D', p(c) as any); }
    });
  });

  test('NotificationTemplate factories, used in Slack and Teams receivers', () => {
    const template = fc.oneof(
      call('NotificationTemplate.standard', [fc.oneof(props({ commitUrl: prop(valid(fc.constant('https://github.com/acme/fleet/commit/'))) }), fc.constant(lit(undefined)))], (o) => NotificationTemplate.standard(o)),
      fc.constant(make('NotificationTemplate.alertmanagerDefault', () => NotificationTemplate.alertmanagerDefault())),
      call('NotificationTemplate.custom', [prop(v.text, { optional: false }), prop(v.text, { optional: false })], (t, x) => NotificationTemplate.custom(t, x)),
    );
    noCrash('NotificationTemplate', [template, fc.boolean()], (c, t, teams) => {
      const url = SecretKey.fromSecret(kplus.Secret.fromSecretName(c, 'S', 's'), 'url');
      const receiver = teams ? new MsTeamsReceiver({ name: 't', webhookUrl: url, template: t(c) as any }) : new SlackReceiver({ name: 's', apiUrl: url, template: t(c) as any });
      new AlertmanagerRouting(c, 'R', { receiver });
    });
  });

  test('DisruptionBudget', () => {
    noCrash('DisruptionBudget', [props({
      name: prop(v.name), namespace: prop(v.namespace, { optional: false }), selector: prop(valid(fc.constantFrom({ app: 'x' }, { 'app.kubernetes.io/name': 'am' })), { optional: false }),
      maxUnavailable: prop(valid(fc.integer({ min: 0, max: 3 }))),
    })], (c, p) => { new DisruptionBudget(c, 'Pdb', p(c) as any); });
  });

  test('AlertmanagerNetworkPolicy, allowClient and the NetworkPeer factories', () => {
    noCrash('AlertmanagerNetworkPolicy', [props({
      alertmanagerName: prop(v.name, { optional: false }), namespace: prop(v.namespace, { optional: false }), name: prop(v.name), clients: prop(list(peer)),
    }), fc.option(prop(peer, { optional: false }), { nil: undefined })], (c, p, extra) => {
      const policy = new AlertmanagerNetworkPolicy(c, 'Np', p(c) as any);
      if (extra) { policy.allowClient(extra(c) as any); }
    });
  });

  test('PrometheusNetworkPolicy, allowAlertmanager and allowEgressTo', () => {
    noCrash('PrometheusNetworkPolicy', [props({
      prometheusName: prop(v.name, { optional: false }), namespace: prop(v.namespace, { optional: false }), name: prop(v.name), restrictEgress: prop(v.bool),
    }), fc.option(fc.tuple(prop(v.name, { optional: false }), prop(v.namespace, { optional: false })), { nil: undefined }),
    fc.option(fc.tuple(prop(peer, { optional: false }), prop(valid(fc.constantFrom(8080, 443)), { optional: false })), { nil: undefined })], (c, p, amArgs, egress) => {
      const policy = new PrometheusNetworkPolicy(c, 'Np', p(c) as any);
      if (amArgs) { policy.allowAlertmanager(amArgs[0](c) as any, amArgs[1](c) as any); }
      if (egress) { policy.allowEgressTo(egress[0](c) as any, egress[1](c) as any); }
    });
  });

  test('PrometheusRbac', () => {
    noCrash('PrometheusRbac', [props({
      prometheusName: prop(v.name, { optional: false }), namespace: prop(v.namespace, { optional: false }), serviceAccountName: prop(valid(fc.constant('prometheus'))),
      discoveryNamespaces: prop(valid(fc.constantFrom([], ['team-a', 'monitoring']))), clusterWide: prop(v.bool),
    })], (c, p) => { new PrometheusRbac(c, 'Rbac', p(c) as any); });
  });

  test('Suppressions.add, of and annotationKey', () => {
    const scope = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(make('the chart', (c: Chart) => c), make('the app', (c: Chart) => c.node.root), make('an Alertmanager', (c: Chart) => new AlertmanagerCluster(c, uid('Am'), { name: 'other' }))) }, { weight: 1, arbitrary: junk });
    const suppression = props({ id: prop(valid(fc.constantFrom('flux-double-post', 'secret-plaintext')), { optional: false }), reason: prop(valid(fc.constant('accepted: test cluster')), { optional: false }) });
    noCrash('Suppressions', [scope, prop(list(suppression), { optional: false }), prop(valid(fc.constant('flux-double-post')), { optional: false })], (c, s, list_, id) => {
      new AlertmanagerCluster(c, 'Main', { name: 'main' });
      Suppressions.add(s(c) as any, list_(c) as any);
      Suppressions.of(s(c) as any);
      Suppressions.annotationKey(id(c) as any);
    });
  });

  test('KubePrometheusStack, its props methods and the fromExisting factories', () => {
    noCrash('KubePrometheusStack', [props({
      releaseName: prop(valid(fc.constantFrom('kube-prometheus-stack', 'kps', 'monitoring-a-very-long-release-name')), { optional: false }),
      namespace: prop(v.namespace, { optional: false }), alertmanagerNamespace: prop(v.namespace), fullnameOverride: prop(valid(fc.constant('kps'))),
      nameOverride: prop(valid(fc.constant('kps'))), cleanPrometheusOperatorObjectNames: prop(v.bool),
    }), fc.option(props({
      configSelectorLabels: prop(v.labels), configNamespaceSelector: prop(nsSelector), matcherStrategy: prop(valid(fc.constantFrom(...Object.values(MatcherStrategy)))),
      baseConfig: prop(baseConfig), declareBaseConfig: prop(v.bool), configSecretName: prop(valid(fc.constant('alertmanager-config'))), version: prop(valid(fc.constantFrom('v0.28.1', 'v0.21.0'))),
    }), { nil: undefined }), fc.option(props({ ruleSelectorLabels: prop(v.labels), ruleNamespaceSelector: prop(nsSelector) }), { nil: undefined })],
    (c, p, amOptions, promOptions) => {
      const kps = new KubePrometheusStack(p(c) as any);
      const alertmanager = AlertmanagerCluster.fromExisting(c, 'Am', kps.alertmanagerProps(amOptions?.(c) as any));
      const prom = Prometheus.fromExisting(c, 'Prom', kps.prometheusProps(promOptions?.(c) as any));
      new AlertmanagerRouting(c, 'R', { alertmanager: alertmanager as any, receiver: hook(c) });
      new PrometheusRules(c, 'Rules', { prometheus: prom, groups: [new RuleGroup('g', { alertingRules: [{ alert: 'A', expr: 'vector(1)' }] })] });
    });
  });

  test('AlertmanagerCluster.fromExisting and the AlertmanagerBaseConfig factories', () => {
    noCrash('AlertmanagerCluster.fromExisting', [props({
      name: prop(v.name, { optional: false }), namespace: prop(v.namespace, { optional: false }), configSelectorLabels: prop(v.labels), configNamespaceSelector: prop(nsSelector),
      matcherStrategy: prop(valid(fc.constantFrom(...Object.values(MatcherStrategy)))), configSecretName: prop(valid(fc.constant('alertmanager-main'))),
      baseConfig: prop(baseConfig), version: prop(valid(fc.constantFrom('v0.28.1', 'v0.21.0'))), labels: prop(v.labels),
    })], (c, p) => {
      const alertmanager = AlertmanagerCluster.fromExisting(c, 'Am', p(c) as any);
      new AlertmanagerRouting(c, 'R', { alertmanager: alertmanager as any, receiver: hook(c) });
    });
  });

  test('FluxNotificationProvider and FluxProviderType.custom, used in a FluxAlert', () => {
    const type = fc.oneof(
      valid(fc.constantFrom(FluxProviderType.DISCORD, FluxProviderType.GITHUB, FluxProviderType.GENERIC, FluxProviderType.GOOGLE_PUBSUB, FluxProviderType.NATS, FluxProviderType.PAGERDUTY)),
      call('FluxProviderType.custom', [prop(valid(fc.constantFrom('newtype', 'slack')), { optional: false })], (t) => FluxProviderType.custom(t)),
    );
    noCrash('FluxNotificationProvider', [props({
      name: prop(v.name), namespace: prop(valid(fc.constant('flux-system'))), timeout: prop(v.duration), suspend: prop(v.bool),
      certSecret: prop(secret, { secret: true }), proxySecret: prop(secret, { secret: true }),
      type: prop(type, { optional: false }), address: prop(valid(fc.constantFrom('https://discord.com/api/webhooks/x', 'https://github.com/acme/fleet', 'my-project'))),
      secret: prop(secret, { secret: true }), auth: prop(valid(fc.constantFrom(...Object.values(FluxProviderAuth)))), headers: prop(v.bool),
      channel: prop(valid(fc.constantFrom('alerts', 'room/topic'))), username: prop(valid(fc.constant('flux'))),
      commitStatusExpr: prop(valid(fc.constant('event.involvedObject.name'))), serviceAccountName: prop(valid(fc.constant('flux-notifications'))),
    }, { secret: true })], (c, p) => {
      const provider = new FluxNotificationProvider(c, 'P', p(c) as any);
      new FluxAlert(c, 'A', { provider, eventSources: [{ kind: FluxSourceKind.KUSTOMIZATION }] });
    });
  });

  test('FluxKustomization.fromKustomizationName and FluxSubstituteFrom, used in a FluxKustomization', () => {
    const configMap = fc.constant(make('kplus.ConfigMap.fromConfigMapName', (c: Chart) => kplus.ConfigMap.fromConfigMapName(c, uid('Cm'), 'vars')));
    const from = fc.oneof(
      call('FluxSubstituteFrom.configMap', [prop(configMap, { optional: false }), prop(v.bool)], (cm, o) => FluxSubstituteFrom.configMap(cm, o)),
      call('FluxSubstituteFrom.secret', [prop(secret, { optional: false, secret: true }), prop(v.bool)], (s, o) => FluxSubstituteFrom.secret(s, o)),
    );
    const scope = fc.oneof({ weight: 8, arbitrary: fc.constant(lit('chart')) }, { weight: 1, arbitrary: junk });
    const dep = fc.tuple(scope, fc.oneof({ weight: 8, arbitrary: valid(fc.constantFrom('Dep', 'a/b')) }, { weight: 1, arbitrary: junk }),
      prop(valid(fc.constantFrom('infrastructure', 'flux-system')), { optional: false }), prop(valid(fc.constant('flux-system'))))
      .map(([s, id, n, ns]) => make('FluxKustomization.fromKustomizationName(...)', (c: Chart) => {
        const sc = s(c) === 'chart' ? c : s(c);
        return FluxKustomization.fromKustomizationName(sc as any, id(c) as any, n(c) as any, ns(c) as any);
      }));
    noCrash('FluxKustomization factories', [prop(list(dep, 1)), prop(list(from))], (c, deps, froms) => {
      new FluxKustomization(c, 'K', { interval: Duration.minutes(5), sourceRef: FluxSourceRef.gitRepository('flux-system'), dependsOn: deps(c) as any, substituteFrom: froms(c) as any });
    });
  });

  test('ReceiverTarget factories and FluxReceiver.webhookPath, used in a FluxReceiver', () => {
    const name = prop(valid(fc.constantFrom('flux-system', 'apps')), { optional: false });
    const ns = prop(valid(fc.constant('flux-system')));
    const kind = prop(valid(fc.constantFrom(...Object.values(FluxSourceKind))), { optional: false });
    const kustomization = fc.constant(make('FluxKustomization', (c: Chart) => new FluxKustomization(c, uid('K'), { interval: Duration.minutes(5), sourceRef: FluxSourceRef.gitRepository('flux-system') })));
    const sourceRef = fc.constant(make('FluxSourceRef.gitRepository', () => FluxSourceRef.gitRepository('flux-system')));
    const target = fc.oneof(
      call('ReceiverTarget.kustomization', [prop(kustomization, { optional: false })], (k) => ReceiverTarget.kustomization(k)),
      call('ReceiverTarget.source', [prop(sourceRef, { optional: false })], (r) => ReceiverTarget.source(r)),
      ...(['gitRepository', 'ociRepository', 'helmRepository', 'imageRepository'] as const).map((f) => call(`ReceiverTarget.${f}`, [name, ns], (n, s) => ReceiverTarget[f](n, s))),
      call('ReceiverTarget.of', [kind, name, ns], (k, n, s) => ReceiverTarget.of(k, n, s)),
      call('ReceiverTarget.allOf', [kind, prop(valid(fc.constantFrom({ app: 'web' })), { optional: false }), ns], (k, l, s) => ReceiverTarget.allOf(k, l, s)),
    );
    const targets = fc.array(target, { minLength: 1, maxLength: 2 }).map((xs) => make(`[${xs.map((x) => fc.stringify(x)).join(', ')}]`, (c: Chart) => xs.map((x) => x(c))));
    noCrash('ReceiverTarget', [prop(targets, { optional: false }), fc.oneof({ weight: 4, arbitrary: valid(fc.constant('hunter2-token')) }, { weight: 1, arbitrary: secretJunk }), fc.boolean()], (c, targets, token, statically) => {
      const receiver = new FluxReceiver(c, 'R', { type: FluxReceiverType.GITHUB, tokenSecret: kplus.Secret.fromSecretName(c, 'T', 'token'), resources: targets(c) as any });
      if (statically) { FluxReceiver.webhookPath(token(c) as any, receiver.name, receiver.namespace); } else { receiver.webhookPathFor(token(c) as any); }
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

describe('API input of the packs, dashboards, templates, network, RBAC, suppressions, presets and Flux factories', () => {
  const chart = (ns = 'monitoring') => new Chart(Testing.app(), 'test', { namespace: ns });

  test('rule packs: [<PackClass> "<group>"], every shape problem at once; the factories and AlertingRulePacks check theirs', () => {
    const e = thrown(() => RulePacks.alertmanager({ groupName: 'am.rules', exclude: 'Watchdog', severities: { AlertmanagerClusterDown: 1 }, selector: Matcher.eq('job', 'am'), failedNotificationRatio: '1%' } as any));
    expect(e.message).toMatch(/^4 problems:/);
    expect(e.message).toContain('[AlertmanagerRulePack "am.rules"] exclude: must be a list of strings, not a single one (got "Watchdog"). Fix: wrap it in a list: [ ... ]');
    expect(e.message).toContain('[AlertmanagerRulePack "am.rules"] severities.AlertmanagerClusterDown: must be a string (got 1)');
    expect(e.message).toContain('[AlertmanagerRulePack "am.rules"] selector: must be a list of Matchers, not a single one');
    expect(e.message).toContain('[AlertmanagerRulePack "am.rules"] failedNotificationRatio: must be a number (got "1%")');
    expect(thrown(() => new FluxRulePack(null as any)).message).toMatch(/^\[FluxRulePack "flux\.rules"\] props: must be a FluxRulePackProps object \(got null\)/);
    expect(thrown(() => RulePacks.prometheus({ prometheus: 'kps' } as any)).message).toMatch(/^\[PrometheusRulePack "prometheus\.rules"\] prometheus: must be a Prometheus \(got "kps"\)\. Fix: pass a Prometheus construct/);
    expect(thrown(() => RulePacks.defaults({ watchdog: 'no' } as any)).message).toBe('[RulePacks.defaults] options.watchdog: must be true or false (got "no"). Fix: pass true or false');
    expect(thrown(() => new AlertingRulePacks(chart(), 'Packs', { packs: RulePacks.watchdog() as any })).message)
      .toMatch(/^\[test\/Packs\] packs: must be a list of RulePacks, not a single one/);
    // value problems are still reported all at once, after the shapes pass
    expect(thrown(() => RulePacks.watchdog({ exclude: ['Nope'], runbookBaseUrl: 'wiki' })).message).toMatch(/^2 problems:[\s\S]*exclude\[0\]: is not an alert of this pack[\s\S]*runbookBaseUrl: must be an http\(s\) URL/);
  });

  test('dashboards: props, panels, queries and variables by shape; addPanel names its argument', () => {
    const c = chart();
    const e = thrown(() => new GrafanaDashboard(c, 'D', { title: 'x', tags: 'alerting', panels: [{ title: 'p', queries: { expr: 'up' } }], variables: [{ name: 'ns' }] } as any));
    expect(e.message).toMatch(/^4 problems:/);
    expect(e.message).toContain('[test/D] tags: must be a list of strings, not a single one');
    expect(e.message).toContain('[test/D] panels[0].queries: must be a list of PanelQuery objects, not a single one');
    expect(e.message).toContain(`[test/D] variables[0].metric: is required (a string) (got undefined). Fix: pass a PromQL selector, e.g. metric: 'gotk_resource_info'`);
    expect(e.message).toContain('[test/D] variables[0].labelName: is required');
    const d = new GrafanaDashboard(c, 'Ok', { title: 'Ok' });
    expect(thrown(() => d.addPanel(null as any)).message).toMatch(/^\[test\/Ok\] addPanel\(panel\): must be a DashboardPanel object \(got null\)/);
    expect(thrown(() => new FluxDashboard(c, 'F', { selector: 'job=flux' } as any)).message).toMatch(/^\[test\/F\] selector: must be a list of Matchers \(got "job=flux"\)/);
    expect(thrown(() => new AlertingPipelineDashboard(c, 'P', { alertmanager: {} } as any)).message).toMatch(/^\[test\/P\] alertmanager: must be an AlertmanagerCluster/);
  });

  test('templates, disruption budgets, RBAC and network policies', () => {
    const c = chart();
    expect(thrown(() => NotificationTemplate.standard({ commitUrl: 42 } as any)).message).toMatch(/^\[NotificationTemplate\.standard\] options\.commitUrl: must be a string \(got 42\)/);
    expect(thrown(() => NotificationTemplate.custom(undefined as any, 'x')).message).toMatch(/^\[NotificationTemplate\.custom\] title: is required/);
    expect(thrown(() => new DisruptionBudget(c, 'Pdb', { namespace: 'monitoring', selector: ['app'] } as any)).message).toMatch(/^\[test\/Pdb\] selector: must be a map of names to strings, not a list/);
    expect(thrown(() => new PrometheusRbac(c, 'Rbac', { prometheusName: 'main', namespace: 'monitoring', discoveryNamespaces: 'team-a' } as any)).message)
      .toMatch(/^\[test\/Rbac\] discoveryNamespaces: must be a list of strings, not a single one/);
    const np = new AlertmanagerNetworkPolicy(c, 'Np', { alertmanagerName: 'main', namespace: 'monitoring' });
    expect(thrown(() => np.allowClient('flux' as any)).message).toMatch(/^\[test\/Np\] allowClient\(peer\): must be a NetworkPeer \(got "flux"\)\. Fix: use NetworkPeer\.pods/);
    const pp = new PrometheusNetworkPolicy(c, 'Pp', { prometheusName: 'main', namespace: 'monitoring' });
    expect(thrown(() => pp.allowEgressTo(NetworkPeer.namespace('apps'), 70000)).message).toBe('[test/Pp] allowEgressTo(port): is not a TCP port (got 70000). Fix: pass a TCP port from 1 to 65535, e.g. 8080');
    expect(thrown(() => pp.allowAlertmanager('Main', 42 as any)).message).toMatch(/^\[test\/Pp\] allowAlertmanager\(namespace\): must be a string \(got 42\)/);
    expect(thrown(() => NetworkPeer.pods(undefined as any, 'app' as any)).message).toMatch(/^2 problems:[\s\S]*\[NetworkPeer\.pods\] namespace: is required[\s\S]*\[NetworkPeer\.pods\] labels: must be a map/);
    expect(thrown(() => NetworkPeer.ipBlock('10.0.0.0')).message).toMatch(/^\[NetworkPeer\.ipBlock\] cidr: is not a CIDR \(got "10\.0\.0\.0"\)/);
  });

  test('suppressions: a scope that is no construct names the method; the suppressions name the construct', () => {
    const c = chart();
    expect(thrown(() => Suppressions.add(undefined as any, { id: 'x', reason: 'y' } as any)).message)
      .toMatch(/^2 problems:[\s\S]*\[Suppressions\.add\] scope: is required \(a construct\)[\s\S]*\[Suppressions\.add\] suppressions: must be a list of Suppression objects, not a single one/);
    expect(thrown(() => Suppressions.add(c, [{ id: 'flux-double-post' }] as any)).message).toMatch(/^\[test\] Suppressions\.add: suppressions\[0\]\.reason: is required/);
    expect(thrown(() => Suppressions.of('c' as any)).message).toMatch(/^\[Suppressions\.of\] scope: must be a construct/);
  });

  test('kube-prometheus-stack and base configs: one format, and the configuration text is never shown', () => {
    expect(thrown(() => new KubePrometheusStack({ releaseName: 'kps', namespace: 'monitoring', nameOverride: 'KPS' })).message)
      .toMatch(/^\[KubePrometheusStack\] nameOverride: makes the chart's full name "kps-KPS", which is not a valid object name/);
    const kps = new KubePrometheusStack({ releaseName: 'kps', namespace: 'monitoring' });
    expect(thrown(() => kps.alertmanagerProps({ baseConfig: 'route: {}' } as any)).message).toMatch(/^\[KubePrometheusStack\.alertmanagerProps\] options\.baseConfig: must be an AlertmanagerBaseConfig/);
    expect(thrown(() => kps.prometheusProps({ ruleSelectorLabels: ['release'] } as any)).message).toMatch(/^\[KubePrometheusStack\.prometheusProps\] options\.ruleSelectorLabels: must be a map/);
    const yaml = 'receivers:\n  - name: slack\n    slack_configs:\n      - api_url: https://hooks.slack.com/services/hunter2\n   route: [';
    const bad = thrown(() => AlertmanagerBaseConfig.fromYaml(yaml)).message;
    expect(bad).toMatch(/^\[AlertmanagerBaseConfig\.fromYaml\] text: is not valid YAML: .* \(got a string of \d+ characters\)\. Fix: correct the YAML/);
    expect(bad).not.toContain('hunter2');
    const cyclic: any = { route: { receiver: 'x' } };
    cyclic.route.routes = [cyclic];
    expect(thrown(() => AlertmanagerBaseConfig.fromObject(cyclic)).message).toMatch(/^\[AlertmanagerBaseConfig\.fromObject\] config\.route\.routes\[0\]: refers back to itself \(got an object\)/);
    const app = chart().node.root;
    expect(thrown(() => AlertmanagerBaseConfig.fromObject({ receivers: [{ url: new URL('https://u:hunter2@x') }] })).message)
      .toMatch(/^\[AlertmanagerBaseConfig\.fromObject\] config\.receivers\[0\]\.url: must be plain data .* \(got an? URL\)/);
    expect(thrown(() => AlertmanagerBaseConfig.fromObject(app as any)).message).toMatch(/^\[AlertmanagerBaseConfig\.fromObject\] config: must be an Alertmanager configuration object \(got an App\)/);
  });

  test('Flux factories: provider types, Kustomization references, substitutions, receiver targets and the webhook path', () => {
    const c = chart('flux-system');
    expect(thrown(() => FluxProviderType.custom('')).message).toMatch(/^\[FluxProviderType\.custom\] type: must not be empty/);
    expect(thrown(() => FluxKustomization.fromKustomizationName(undefined as any, 'Infra', 'infra')).message).toMatch(/^\[FluxKustomization\.fromKustomizationName\] scope: must be a construct/);
    expect(thrown(() => FluxKustomization.fromKustomizationName(c, 7 as any, 'infra')).message).toMatch(/^\[FluxKustomization\.fromKustomizationName\] id: must be a non-empty string \(got 7\)/);
    expect(thrown(() => FluxSubstituteFrom.configMap('vars' as any)).message).toMatch(/^\[FluxSubstituteFrom\.configMap\] configMap: must be a ConfigMap \(got "vars"\)/);
    expect(thrown(() => FluxSubstituteFrom.secret(kplus.Secret.fromSecretName(c, 'S', 's'), 'yes' as any)).message).toMatch(/^\[FluxSubstituteFrom\.secret\] optional: must be true or false/);
    expect(thrown(() => ReceiverTarget.gitRepository(['flux-system'] as any)).message).toMatch(/^\[ReceiverTarget\.gitRepository\] name: must be a non-empty string \(got \["flux-system"\]\)/);
    expect(thrown(() => ReceiverTarget.kustomization(undefined as any)).message).toMatch(/^\[ReceiverTarget\.kustomization\] kustomization: is required/);
    const token = thrown(() => FluxReceiver.webhookPath({ value: 'hunter2' } as any, 'r', 'flux-system')).message;
    expect(token).toBe(`[FluxReceiver.webhookPath] token: must be a non-empty string (got an object). Fix: pass the token where it is (CI, a script), never in code`);
    // what a FluxNotificationProvider of a custom type renders
    new FluxNotificationProvider(c, 'P', { type: FluxProviderType.custom('newtype'), address: 'https://example.com', secret: kplus.Secret.fromSecretName(c, 'Ps', 'p') });
  });

  test('routeAlert and effectiveConfigOf: a secret resolver that returns no string is named, its value is not shown', () => {
    const c = chart();
    const am = new AlertmanagerCluster(c, 'Am', { name: 'main' });
    new AlertmanagerRouting(c, 'R', { alertmanager: am, receiver: new WebhookReceiver({ name: 'w', url: SecretKey.fromSecret(kplus.Secret.fromSecretName(c, 'S', 's'), 'url') }) });
    const e = thrown(() => routeAlert(am, {}, { resolveSecret: () => ({ url: 'https://hunter2@x' }) as any }));
    expect(e.message).toBe('[test/Am] effectiveConfigOf(options.resolveSecret): must return a string or undefined; it returned this for key "url" of Secret monitoring/s (got an object). Fix: return the Secret value as a string, or undefined when it is unknown');
    expect(routeAlert(am, { namespace: 'monitoring' }, { resolveSecret: () => 'http://127.0.0.1:1/' }).map((m) => m.receiver)).toEqual([expect.stringMatching(/^monitoring\/.+\/w$/)]);
  });

  test('library objects are recognised by their members: look-alikes from a second copy of the library pass', () => {
    const c = chart();
    // a NetworkPeer, a Route and a RulePack as another copy of the library makes them
    const peer = { description: 'every pod in namespace apps', _toKube: () => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } } }) };
    const np = new AlertmanagerNetworkPolicy(c, 'Np', { alertmanagerName: 'main', namespace: 'monitoring', clients: [peer as any] });
    expect(np.allowedClients).toHaveLength(1);
    const packCopy = { groupName: 'copy.rules', toRuleGroup: () => new RuleGroup('copy.rules', { alertingRules: [{ alert: 'A', expr: 'vector(1)' }] }) };
    const packs = new AlertingRulePacks(c, 'Packs', { labels: { prometheus: 'x' }, packs: [packCopy as any] });
    expect(packs.groups.map((g) => g.name)).toEqual(['copy.rules']);
  });
});
