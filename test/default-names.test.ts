/**
 * Default names (README "Default names"): an object whose construct got no `name` is named
 * after the construct id and the object's role, as kube-prometheus and the Flux CLI name them,
 * never with a hash of the construct path; collisions fail the synth with both construct paths.
 */
import { ApiObject, App, Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { defaultName, DefaultNameRule, fitName, kebabCase, nameFromId } from '../lib/_util/metadata';
import {
  AlertingPipelineDashboard, AlertingRulePacks, AlertingStack, AlertmanagerCluster, AlertmanagerNetworkPolicy, AlertmanagerProvider,
  AlertmanagerRouting, DisruptionBudget, findingsOf, FluxAlert, FluxDashboard, FluxErrorAlert, FluxKustomization, FluxReceiver,
  FluxReceiverType, FluxSourceKind, FluxSourceRef, GrafanaDashboard, LambdaWebhookReceiver, Prometheus, PrometheusNetworkPolicy,
  PrometheusRules, ReceiverTarget, RuleGroup, SecretKey, SlackProvider, WebhookReceiver,
} from '../lib/tooling';
import { checkDns1123Label } from '../lib/validation';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** `kind namespace/name` of every manifest of the app, in output order. */
function names(app: App): string[] {
  return app.charts.flatMap((c) => c.toJson()).map((m) => `${m.kind} ${m.metadata.namespace ?? ''}/${m.metadata.name}`);
}

function receiver(scope: Construct): LambdaWebhookReceiver {
  return new LambdaWebhookReceiver({ url: SecretKey.fromSecret(kplus.Secret.fromSecretName(scope, 'LambdaUrl', 'alertmanager-lambda'), 'url') });
}

/** The README quick start, with every `name` left out. */
function quickStart(): App {
  const app = Testing.app();
  const chart = new Chart(app, 'alerting', { namespace: 'monitoring' });
  const alertmanager = new AlertmanagerCluster(chart, 'Alertmanager', { replicas: 3 });
  new AlertmanagerRouting(chart, 'Routing', { alertmanager, receiver: receiver(chart) });
  const prometheus = new Prometheus(chart, 'Prometheus', { alertmanager });
  new PrometheusRules(chart, 'Rules', { prometheus, groups: [new RuleGroup('app.rules', { alertingRules: [{ alert: 'Up', expr: 'vector(1)', labels: { namespace: 'monitoring' } }] })] });
  new AlertingRulePacks(chart, 'RulePacks', { prometheus, alertmanager });
  new AlertingPipelineDashboard(chart, 'PipelineDashboard', { alertmanager, prometheus });
  new FluxDashboard(chart, 'FluxDashboard');
  const provider = new AlertmanagerProvider(chart, 'FluxProvider', { namespace: 'flux-system', alertmanager });
  new FluxErrorAlert(chart, 'FluxErrors', { provider });
  return app;
}

describe('names from the construct id', () => {
  test.each([
    ['FluxErrors', 'flux-errors'],
    ['PlatformRules', 'platform-rules'],
    ['HTTPRoutes', 'http-routes'],
    ['GitHub', 'git-hub'],
    ['MSTeams', 'ms-teams'],
    ['Team1Rules', 'team1-rules'],
    ['team_a.rules', 'team-a-rules'],
    ['--Ops  Pager--', 'ops-pager'],
    ['already-kebab', 'already-kebab'],
    ['Ünïcode', 'n-code'],
  ])('kebabCase(%j) is %j', (id, expected) => {
    expect(kebabCase(id)).toBe(expected);
  });

  const rule: DefaultNameRule = { drop: ['prometheus', 'rules'], suffix: 'rules', fallback: 'main-rules' };
  test.each([
    ['Rules', 'main-rules'], // only the kind: the fallback
    ['PrometheusRules', 'main-rules'],
    ['App', 'app-rules'], // the suffix is added
    ['AppRules', 'app-rules'], // and not doubled
    ['PrometheusAppRules', 'app-rules'], // kind words dropped at both ends
    ['RulesForApp', 'for-app-rules'],
    ['AppRulesCheck', 'app-rules-check-rules'], // only the ends are dropped
    ['!!!', 'main-rules'],
  ])('nameFromId(%j) is %j', (id, expected) => {
    expect(nameFromId(id, rule)).toBe(expected);
  });

  test('a fallback that is no DNS label is made one', () => {
    expect(nameFromId('Rules', { drop: ['rules'], fallback: 'Prometheus.Main-rules' })).toBe('prometheus-main-rules');
    expect(nameFromId('Rules', { drop: ['rules'], fallback: '' })).toBe('default');
  });

  test('a name that fits is never hashed; a longer one is cut to the limit and ends with a hash of the whole name', () => {
    const exact = 'a'.repeat(63);
    expect(fitName(exact)).toBe(exact);
    const long = `${'very-long-team-name-'.repeat(4)}rules`;
    const fitted = fitName(long);
    expect(fitted).toHaveLength(63);
    expect(fitted).toMatch(/^very-long-team-name-.*-[0-9a-f]{8}$/);
    expect(fitted).toMatch(DNS_LABEL);
    expect(fitName(long)).toBe(fitted); // deterministic
    // Two names that share the first 54 characters stay apart.
    expect(fitName(`${long}-a`)).not.toBe(fitName(`${long}-b`));
    expect(fitName(long, 39)).toBe('very-long-team-name-very-long-70f76878'); // the dash the cut left is dropped
  });

  test('the cut never leaves a double dash before the hash', () => {
    const name = `${'x'.repeat(53)}-${'y'.repeat(20)}`; // the cut at 54 lands on the dash
    expect(fitName(name)).toMatch(/^x{53}-[0-9a-f]{8}$/);
  });

  test('property: any id gives a DNS-1123 label within the limit, the same every time', () => {
    const word = fc.constantFrom('alertmanager', 'rules', 'routing', 'flux', 'Provider', 'main');
    fc.assert(fc.property(
      fc.string({ maxLength: 120, unit: 'binary' }),
      fc.array(word, { maxLength: 3 }), fc.option(word, { nil: undefined }), fc.string({ maxLength: 80 }), fc.integer({ min: 20, max: 63 }),
      (id, drop, suffix, fallback, maxLength) => {
        const rule = { drop: drop.map((d) => d.toLowerCase()), suffix: suffix?.toLowerCase(), fallback, maxLength };
        const name = nameFromId(id, rule);
        expect(name).toMatch(DNS_LABEL);
        expect(name.length).toBeLessThanOrEqual(maxLength);
        expect(checkDns1123Label('name', name)).toEqual([]);
        expect(nameFromId(id, rule)).toBe(name);
      },
    ), { numRuns: 500 });
  });
});

describe('default names of the constructs', () => {
  test('the quick start without names gives the names AlertingStack gives, no hash', () => {
    const got = names(quickStart());
    expect(got).toEqual([
      'Alertmanager monitoring/main',
      'AlertmanagerConfig monitoring/main-base',
      'PodDisruptionBudget monitoring/alertmanager-main',
      'NetworkPolicy monitoring/alertmanager-main',
      'AlertmanagerConfig monitoring/main-routing',
      'Prometheus monitoring/main',
      'ServiceAccount monitoring/prometheus-main',
      'Role monitoring/prometheus-main',
      'RoleBinding monitoring/prometheus-main',
      'PodDisruptionBudget monitoring/prometheus-main',
      'NetworkPolicy monitoring/prometheus-main',
      'PrometheusRule monitoring/main-rules',
      'PrometheusRule monitoring/main-rule-packs',
      'ConfigMap monitoring/pipeline-dashboard',
      'ConfigMap monitoring/flux-dashboard',
      'Provider flux-system/alertmanager',
      'Alert flux-system/flux-errors',
    ]);
    // The same names as the stack gives them (its dashboards are prefixed with the Alertmanager's name).
    const stack = new AlertingStack(Testing.app(), 'alerting', { receiver: new WebhookReceiver({ name: 'hook', url: SecretKey.fromSecret(kplus.Secret.fromSecretName(new Chart(Testing.app(), 'x'), 'S', 's'), 'url') }) });
    const stackNames = stack.toJson().map((m: any) => `${m.kind} ${m.metadata.namespace ?? ''}/${m.metadata.name}`);
    expect(got.filter((n) => !n.startsWith('ConfigMap'))).toEqual(expect.arrayContaining(stackNames.filter((n: string) => !n.startsWith('ConfigMap'))));
  });

  test('ids that say more than the kind name the object', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c', { namespace: 'monitoring' });
    const am = new AlertmanagerCluster(c, 'OpsAlertmanager', { replicas: 1 });
    const prom = new Prometheus(c, 'TeamPrometheus', { replicas: 1, alertmanager: am });
    expect([am.name, prom.name]).toEqual(['ops', 'team']);
    expect(am.disruptionBudget).toBeUndefined();
    expect(am.networkPolicy!.name).toBe('alertmanager-ops');
    expect(prom.serviceAccountName).toBe('prometheus-team');
    expect(new AlertmanagerRouting(c, 'PlatformRouting', { alertmanager: am, receiver: receiver(c) }).name).toBe('platform');
    expect(new AlertmanagerRouting(c, 'TeamA', { receiver: receiver(new Chart(app, 'd')) }).name).toBe('team-a');
    expect(new AlertmanagerRouting(c, 'AlertmanagerConfig', { receiver: receiver(new Chart(app, 'e')) }).name).toBe('routing'); // no Alertmanager to name it after
    expect(new PrometheusRules(c, 'App', { prometheus: prom }).name).toBe('app-rules');
    expect(new PrometheusRules(c, 'PrometheusRules').name).toBe('prometheus-rules'); // no Prometheus
    expect(new AlertingRulePacks(c, 'FluxPacks', { prometheus: prom }).name).toBe('flux-rule-packs');
    expect(new AlertingRulePacks(c, 'AlertingRulePacks').name).toBe('alerting-rule-packs');
    expect(new GrafanaDashboard(c, 'Dashboard', { title: 'My Service' }).name).toBe('my-service-dashboard');
    expect(new GrafanaDashboard(c, 'Latency', { title: 'x' }).name).toBe('latency-dashboard');
    expect(new DisruptionBudget(c, 'WebBudget', { namespace: 'web', selector: { app: 'web' } }).name).toBe('web-budget');
    expect(new AlertmanagerNetworkPolicy(c, 'Policy', { namespace: 'other', alertmanagerName: 'edge' }).name).toBe('alertmanager-edge');
    expect(new PrometheusNetworkPolicy(c, 'Policy2', { namespace: 'other', prometheusName: 'edge' }).resource.name).toBe('prometheus-edge');
  });

  test('Flux objects are named as the Flux CLI and docs name them', () => {
    const app = Testing.app();
    const flux = new Chart(app, 'flux', { namespace: 'flux-system' });
    const slack = new SlackProvider(flux, 'SlackProvider', { channel: '#alerts', secret: kplus.Secret.fromSecretName(flux, 'SlackUrl', 'slack-url') });
    const teamSlack = new SlackProvider(flux, 'TeamSlack', { channel: '#team', secret: kplus.Secret.fromSecretName(flux, 'TeamSlackUrl', 'team-slack-url') });
    expect([slack.name, teamSlack.name]).toEqual(['slack', 'team-slack']);
    expect(new FluxAlert(flux, 'Alert', { provider: slack, eventSources: [{ kind: FluxSourceKind.KUSTOMIZATION }] }).name).toBe('slack');
    expect(new FluxAlert(flux, 'AppEventsAlert', { provider: teamSlack, eventSources: [{ kind: FluxSourceKind.KUSTOMIZATION }] }).name).toBe('app-events');
    expect(new FluxErrorAlert(flux, 'FluxErrorAlert', { provider: teamSlack }).name).toBe('flux-errors');
    expect(new FluxErrorAlert(flux, 'Apps', { provider: teamSlack }).name).toBe('apps-errors');
    const source = FluxSourceRef.gitRepository('flux-system');
    expect(new FluxKustomization(flux, 'MyApp', { interval: Duration.minutes(10), sourceRef: source, path: './apps/my-app' }).name).toBe('my-app');
    expect(new FluxKustomization(flux, 'Kustomization', { interval: Duration.minutes(10), sourceRef: source, path: './apps/podinfo/' }).name).toBe('podinfo');
    expect(new FluxKustomization(flux, 'FluxKustomization', { interval: Duration.minutes(10), sourceRef: FluxSourceRef.gitRepository('fleet'), path: './' }).name).toBe('fleet');
    const token = kplus.Secret.fromSecretName(flux, 'Token', 'receiver-token');
    const resources = [ReceiverTarget.gitRepository('flux-system')];
    expect(new FluxReceiver(flux, 'Receiver', { type: FluxReceiverType.GITHUB, tokenSecret: token, resources }).name).toBe('github-receiver');
    expect(new FluxReceiver(flux, 'Harbor', { type: FluxReceiverType.HARBOR, tokenSecret: token, resources }).name).toBe('harbor-receiver');
    expect(findingsOf(flux).filter((f) => f.check === 'duplicate-object')).toEqual([]);
  });

  test('a given name always wins', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'monitoring' });
    const am = new AlertmanagerCluster(c, 'Alertmanager', { name: 'edge' });
    expect(am.name).toBe('edge');
    expect(new PrometheusRules(c, 'Rules', { name: 'custom.rules' }).name).toBe('custom.rules');
    expect(new FluxKustomization(c, 'Kustomization', { name: 'apps', interval: Duration.minutes(5), sourceRef: FluxSourceRef.gitRepository('flux-system') }).name).toBe('apps');
  });

  test('a long id is cut to fit, with a hash: the Alertmanager to 39 characters, so its StatefulSet pods can be labelled', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'monitoring' });
    const id = 'TheAlertmanagerOfTheCentralObservabilityPlatformTeamInEurope';
    const am = new AlertmanagerCluster(c, id);
    expect(am.name.length).toBeLessThanOrEqual(39);
    expect(am.name).toMatch(/^the-alertmanager-of-the-.*-[0-9a-f]{8}$/);
    expect(am.name).toBe(new AlertmanagerCluster(new Chart(Testing.app(), 'd'), id).name);
    const prom = new Prometheus(c, `${id}Prometheus`);
    expect(prom.name.length).toBeLessThanOrEqual(41);
    expect(`alertmanager-${am.name}`.length + 11).toBeLessThanOrEqual(63); // StatefulSet name + '-' + revision hash
    const rules = new PrometheusRules(c, `${id}${id}`);
    expect(rules.name.length).toBe(63);
    expect(rules.name).toMatch(DNS_LABEL);
  });

  test('a name depends on the id only: adding constructs never renames an object', () => {
    const build = (more: boolean): string[] => {
      const app = Testing.app();
      const c = new Chart(app, 'c', { namespace: 'monitoring' });
      const am = new AlertmanagerCluster(c, 'Alertmanager');
      if (more) {
        new AlertmanagerCluster(c, 'Edge');
        new AlertmanagerRouting(c, 'EdgeRouting', { alertmanager: am, receiver: receiver(c) });
      }
      new AlertmanagerRouting(c, 'Routing', { alertmanager: am, receiver: new WebhookReceiver({ name: 'w', url: SecretKey.fromSecret(kplus.Secret.fromSecretName(c, 'W', 'w'), 'url') }) });
      return names(app).filter((n) => !n.includes('edge'));
    };
    expect(build(true)).toEqual(build(false));
  });

  test('a chart that overrides generateObjectName keeps naming the objects', () => {
    class Prefixed extends Chart {
      public generateObjectName(o: ApiObject): string { return `acme-${o.kind.toLowerCase()}`; }
    }
    const c = new Prefixed(Testing.app(), 'c', { namespace: 'monitoring' });
    expect(new PrometheusRules(c, 'Rules').name).toBe('acme-prometheusrule');
    expect(defaultName(c, 'Rules', { fallback: 'x' })).toBeUndefined();
    expect(defaultName(new Chart(Testing.app(), 'd'), 'Rules', { fallback: 'x' })).toBe('rules');
    const rulePacks = new AlertingRulePacks(c, 'RulePacks');
    expect(rulePacks.name).toBe('acme-prometheusrule');
  });
});

describe('collisions', () => {
  class Team extends Construct {
    constructor(scope: Construct, id: string, alertmanager: AlertmanagerCluster) {
      super(scope, id);
      new AlertmanagerRouting(this, 'Routing', { alertmanager, receiver: receiver(this) });
    }
  }

  test('two unnamed constructs of one kind in one namespace fail the synth, naming both construct paths, the name and the fix', () => {
    const app = Testing.app();
    const c = new Chart(app, 'alerting', { namespace: 'monitoring' });
    const am = new AlertmanagerCluster(c, 'Alertmanager');
    new Team(c, 'TeamA', am);
    new Team(c, 'TeamB', am);
    const dup = findingsOf(c).filter((f) => f.check === 'duplicate-object');
    expect(dup).toHaveLength(1);
    expect(dup[0].severity).toBe('error');
    expect(dup[0].construct?.node.path).toBe('alerting/TeamB/Routing');
    expect(dup[0].message).toBe('AlertmanagerConfig monitoring/main-routing is defined twice, by construct alerting/TeamA/Routing and by construct alerting/TeamB/Routing; Kubernetes keeps only one, so one silently replaces the other');
    expect(dup[0].fix).toContain("pass a different `name` to one of them (e.g. name: 'team-b-main-routing')");
    expect(() => app.synth()).toThrow(/\[alerting\/TeamB\/Routing\] duplicate-object: AlertmanagerConfig monitoring\/main-routing is defined twice/);
  });

  test('the same ids in different namespaces do not collide', () => {
    const app = Testing.app();
    const am = new AlertmanagerCluster(new Chart(app, 'monitoring', { namespace: 'monitoring' }), 'Alertmanager');
    new Team(new Chart(app, 'team-a', { namespace: 'team-a' }), 'Team', am);
    new Team(new Chart(app, 'team-b', { namespace: 'team-b' }), 'Team', am);
    expect(findingsOf(am).filter((f) => f.check === 'duplicate-object')).toEqual([]);
    expect(names(app).filter((n) => n.startsWith('AlertmanagerConfig'))).toEqual([
      'AlertmanagerConfig monitoring/main-base', 'AlertmanagerConfig team-a/main-routing', 'AlertmanagerConfig team-b/main-routing',
    ]);
  });

  test('ids that differ only in the kind words collide too, and are reported', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'monitoring' });
    new PrometheusRules(c, 'App');
    new PrometheusRules(c, 'AppRules');
    const dup = findingsOf(c).filter((f) => f.check === 'duplicate-object');
    expect(dup.map((f) => f.message)).toEqual(['PrometheusRule monitoring/app-rules is defined twice, by construct c/App and by construct c/AppRules; Kubernetes keeps only one, so one silently replaces the other']);
  });
});
