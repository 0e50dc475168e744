/**
 * Random props for every construct: each case must either synthesize YAML that is valid
 * against the CRD schemas, or fail with our validation error (one that says how to fix it).
 * Never a TypeError, never a crash.
 */
import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import {
  AlertmanagerCluster, AlertmanagerProvider, AlertmanagerRouting, EmailReceiver, FluxAlert, FluxErrorAlert, FluxEventSeverity,
  FluxKustomization, FluxSourceKind, FluxSourceRef, GenericWebhookProvider, LambdaWebhookReceiver, Matcher, MatcherStrategy,
  MatchType, MsTeamsProvider, MsTeamsReceiver, OpsgenieReceiver, PagerDutyReceiver, Prometheus, PrometheusRules, Route, RuleGroup,
  SecretKey, SlackAuth, SlackProvider, SlackReceiver, WebhookReceiver,
  AlertingRulePacks, GrafanaDashboard, NotificationTemplate, PanelType, RulePacks,
} from '../lib/tooling';
import { isOurs } from './_fuzz';
import { schemaErrors } from './_schema';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);
let cases = 0;
let synthesized = 0;

/** Runs `build` in a fresh app and checks the outcome. */
function outcome(build: (c: Chart) => void): void {
  cases++;
  const app = Testing.app();
  let manifests: any[];
  try {
    const c = new Chart(app, 'c', { namespace: 'monitoring' });
    build(c);
    manifests = [];
    for (const chart of app.node.children) {
      if (chart instanceof Chart) { manifests.push(...Testing.synth(chart)); }
    }
  } catch (e) {
    // not a TypeError, RangeError or bare cdk8s error: a plain Error naming the path, the field and the fix
    if (!isOurs(e)) { throw e; }
    return;
  }
  expect(schemaErrors(manifests)).toEqual([]);
  synthesized++;
}

// values: mostly plausible (so many cases synthesize), sometimes wrong
function mostly<T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: good, weight: 15 }, { arbitrary: bad, weight: 1 });
}
const name = mostly(
  fc.oneof(fc.constantFrom('main', 'team-a', 'a.b', 'x'), fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/)),
  fc.oneof(fc.constantFrom('Main', 'a_b', '-x', ''), fc.string({ maxLength: 12 })),
);
const optName = fc.option(name, { nil: undefined });
const labelName = mostly(fc.constantFrom('severity', 'namespace', 'alertname', 'team', 'cluster'), fc.oneof(fc.constantFrom('__name__', 'bad-label', ''), fc.string({ maxLength: 8 })));
const labelValue = mostly(fc.constantFrom('critical', 'warning', 'error', 'info', 'eu-1'), fc.string({ maxLength: 10 }));
const regex = mostly(fc.constantFrom('warning|critical', '.*', 'team-.+', '(?i)foo', 'Flux.+'), fc.oneof(fc.constantFrom('a(?=b)', '(a)\\1', '['), fc.string({ maxLength: 8 })));
const matcher = mostly(
  fc.oneof(
    fc.tuple(labelName, labelValue).map(([n, v]) => Matcher.eq(n, v)),
    fc.tuple(labelName, labelValue).map(([n, v]) => Matcher.neq(n, v)),
    fc.tuple(labelName, regex).map(([n, v]) => Matcher.regex(n, v)),
    fc.tuple(labelName, regex).map(([n, v]) => Matcher.notRegex(n, v)),
  ),
  fc.tuple(labelName, fc.constantFrom('==', '~', '=') as fc.Arbitrary<string>, labelValue).map(([n, t, v]) => Matcher.of(n, t as MatchType, v)),
);
const duration = fc.option(mostly(
  fc.oneof(fc.integer({ min: 1, max: 100_000_000 }).map((ms) => Duration.millis(ms)), fc.integer({ min: 1, max: 48 }).map((h) => Duration.hours(h))),
  fc.oneof(fc.constant(Duration.millis(0)), fc.double({ min: 0, max: 1000, noNaN: true }).map((ms) => Duration.millis(ms))),
), { nil: undefined });
const promql = mostly(
  fc.constantFrom('vector(1)', 'up == 0', 'rate(x[5m]) > 1', 'sum by (job) (rate(http_requests_total[5m]))', 'x offset 5m', 'histogram_quantile(0.9, rate(h_bucket[5m]))'),
  fc.oneof(fc.constantFrom('rate(x)', 'sum(', '{}', ''), fc.string({ maxLength: 20 })),
);
const labels = fc.dictionary(labelName, labelValue, { maxKeys: 3 });
const secret = (c: Chart, key: string) => SecretKey.fromSecret(kplus.Secret.fromSecretName(c, `S${Math.random()}`, 'alerting'), key);

describe('property: random props never crash', () => {
  // random stacks raise many wiring warnings; they are expected here and would drown the log
  let stderr: jest.SpyInstance;
  beforeAll(() => { stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true); });
  afterAll(() => {
    stderr.mockRestore();
    // eslint-disable-next-line no-console
    console.log(`property tests: ${cases} generated cases, ${synthesized} synthesized schema-valid YAML, ${cases - synthesized} rejected with a validation error`);
  });

  test('AlertmanagerCluster', () => {
    fc.assert(fc.property(optName, fc.option(name, { nil: undefined }), fc.option(fc.integer({ min: -2, max: 7 }), { nil: undefined }),
      fc.option(fc.constantFrom(...Object.values(MatcherStrategy), 'Bogus' as MatcherStrategy), { nil: undefined }), duration, duration,
      fc.option(mostly(fc.constantFrom('v0.28.1', '0.27.0'), fc.constantFrom('latest', '')), { nil: undefined }), labels,
      (n, ns, replicas, strategy, retention, resolveTimeout, version, l) => outcome((c) => {
        new AlertmanagerCluster(c, 'Am', { name: n, namespace: ns, replicas, matcherStrategy: strategy, retention, resolveTimeout, version, labels: l });
      })), { numRuns: RUNS });
  });

  test('AlertmanagerRouting with receivers, nested routes and inhibit rules', () => {
    const receiver = fc.constantFrom('webhook', 'lambda', 'slack', 'teams', 'email', 'pagerduty', 'opsgenie');
    fc.assert(fc.property(optName, receiver, fc.array(matcher, { maxLength: 3 }), fc.array(labelName, { maxLength: 3 }), duration, duration, duration,
      fc.array(fc.tuple(fc.array(matcher, { maxLength: 2 }), fc.boolean(), receiver), { maxLength: 3 }),
      fc.array(fc.tuple(fc.array(matcher, { maxLength: 2 }), fc.array(matcher, { maxLength: 2 }), fc.array(labelName, { maxLength: 2 })), { maxLength: 2 }),
      fc.array(mostly(fc.constantFrom('oncall@example.com', 'a@b.c'), fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 2 }), fc.boolean(),
      (n, r, matchers, groupBy, groupWait, groupInterval, repeatInterval, children, inhibits, emails, attach) => outcome((c) => {
        const make = (kind: string, rn: string) => {
          switch (kind) {
            case 'webhook': return new WebhookReceiver({ name: rn, url: secret(c, 'url') });
            case 'lambda': return new LambdaWebhookReceiver({ name: rn, url: secret(c, 'url') });
            case 'slack': return new SlackReceiver({ name: rn, apiUrl: secret(c, 'url'), channel: '#a' });
            case 'teams': return new MsTeamsReceiver({ name: rn, webhookUrl: secret(c, 'url') });
            case 'email': return new EmailReceiver({ name: rn, to: emails });
            case 'pagerduty': return new PagerDutyReceiver({ name: rn, routingKey: secret(c, 'key') });
            default: return new OpsgenieReceiver({ name: rn, apiKey: secret(c, 'key') });
          }
        };
        const am = new AlertmanagerCluster(c, 'Am', { name: 'main', matcherStrategy: MatcherStrategy.NONE });
        const routing = new AlertmanagerRouting(c, 'R', {
          name: n, alertmanager: attach ? am : undefined, receiver: make(r, 'top'), matchers, groupBy, groupWait, groupInterval, repeatInterval,
          routes: children.map(([m, cont, kind], i) => new Route({ matchers: m, continue: cont, receiver: make(kind, `child-${i}`) })),
        });
        inhibits.forEach(([s, t, eq]) => routing.addInhibitRule({ sourceMatchers: s, targetMatchers: t, equal: eq }));
        if (!attach) { am.addRouting(routing); }
      })), { numRuns: RUNS });
  });

  test('Prometheus and PrometheusRules', () => {
    fc.assert(fc.property(optName, fc.option(fc.integer({ min: -1, max: 4 }), { nil: undefined }), labels, duration,
      fc.array(fc.tuple(mostly(fc.constantFrom('app.rules', 'flux', './example.rules'), fc.string({ maxLength: 10 })), duration, fc.array(fc.tuple(mostly(fc.constantFrom('Watchdog', 'HighErrorRate'), fc.string({ maxLength: 12 })), promql, duration, duration, labels, fc.dictionary(labelName, mostly(fc.constantFrom('{{ $value }} errors', 'plain text'), fc.string({ maxLength: 20 })), { maxKeys: 2 })), { maxLength: 3 }),
        fc.array(fc.tuple(mostly(fc.constantFrom('job:x:rate5m', 'ns:up:sum'), fc.oneof(fc.constant('bad name'), fc.string({ maxLength: 10 }))), promql), { maxLength: 2 })), { maxLength: 3 }),
      (n, replicas, selector, evaluationInterval, groups) => outcome((c) => {
        const p = new Prometheus(c, 'P', { name: n, replicas, ruleSelectorLabels: Object.keys(selector).length ? selector : undefined, evaluationInterval });
        new PrometheusRules(c, 'Rules', {
          prometheus: p,
          groups: groups.map(([gn, interval, alerts, records]) => new RuleGroup(gn, {
            interval,
            alertingRules: alerts.map(([alert, expr, f, kff, l, annotations]) => ({ alert, expr, for: f, keepFiringFor: kff, labels: l, annotations })),
            recordingRules: records.map(([record, expr]) => ({ record, expr })),
          })),
        });
      })), { numRuns: RUNS });
  });

  test('Flux providers and alerts', () => {
    const kind = fc.constantFrom(...Object.values(FluxSourceKind), 'Deployment' as FluxSourceKind);
    const source = fc.record({
      kind,
      name: fc.option(fc.oneof(fc.constant('*'), name), { nil: undefined }),
      namespace: fc.option(fc.oneof(fc.constant('*'), name), { nil: undefined }),
      matchLabels: fc.option(labels, { nil: undefined }),
    });
    fc.assert(fc.property(fc.constantFrom('alertmanager', 'slack', 'slack-bot', 'teams', 'generic', 'hmac'), optName, fc.option(name, { nil: undefined }), duration,
      fc.option(fc.constantFrom(FluxEventSeverity.INFO, FluxEventSeverity.ERROR, 'warn' as FluxEventSeverity), { nil: undefined }),
      fc.array(source, { maxLength: 3 }), fc.array(regex, { maxLength: 2 }), labels, fc.boolean(), fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
      (type, n, ns, timeout, severity, sources, exclusions, metadata, errorAlert, channel) => outcome((c) => {
        const s = kplus.Secret.fromSecretName(c, 'S', 'flux');
        const common = { name: n, namespace: ns, timeout };
        const provider = type === 'alertmanager' ? new AlertmanagerProvider(c, 'P', { ...common, alertmanager: new AlertmanagerCluster(c, 'Am', { name: 'main' }) })
          : type === 'slack' ? new SlackProvider(c, 'P', { ...common, secret: s, channel })
            : type === 'slack-bot' ? new SlackProvider(c, 'P', { ...common, secret: s, channel, auth: SlackAuth.BOT_TOKEN })
              : type === 'teams' ? new MsTeamsProvider(c, 'P', { ...common, secret: s })
                : new GenericWebhookProvider(c, 'P', { ...common, secret: s, hmac: type === 'hmac' });
        if (errorAlert) {
          new FluxErrorAlert(c, 'A', { provider, kinds: sources.map((x) => x.kind), exclusionList: exclusions, eventMetadata: metadata });
        } else {
          new FluxAlert(c, 'A', { provider, eventSeverity: severity, eventSources: sources, exclusionList: exclusions, eventMetadata: metadata });
        }
      })), { numRuns: RUNS });
  });

  test('FluxKustomization', () => {
    fc.assert(fc.property(optName, duration, fc.constantFrom('git', 'oci', 'bucket'), name, fc.option(fc.oneof(fc.constantFrom('./apps', '../x', '/abs', ''), fc.string({ maxLength: 10 })), { nil: undefined }),
      fc.option(name, { nil: undefined }), fc.array(fc.record({ apiVersion: fc.constantFrom('apps/v1', ''), kind: fc.constantFrom('Deployment', ''), name, namespace: fc.option(name, { nil: undefined }) }), { maxLength: 2 }), duration,
      (n, interval, kind, source, p, targetNamespace, healthChecks, timeout) => outcome((c) => {
        const sourceRef = kind === 'git' ? FluxSourceRef.gitRepository(source) : kind === 'oci' ? FluxSourceRef.ociRepository(source) : FluxSourceRef.bucket(source);
        new FluxKustomization(c, 'K', { name: n, interval: interval as Duration, sourceRef, path: p, targetNamespace, healthChecks, timeout });
      })), { numRuns: RUNS });
  });

  test('rule packs: exclusions, severities, labels, runbooks, selectors, timers', () => {
    const alert = mostly(fc.constantFrom('Watchdog', 'InfoInhibitor', 'AlertmanagerFailedReload', 'PrometheusRuleFailures', 'FluxResourceSuspended'), fc.string({ maxLength: 10 }));
    fc.assert(fc.property(fc.array(alert, { maxLength: 2 }), fc.dictionary(alert, labelValue, { maxKeys: 2 }), labels,
      fc.option(mostly(fc.constantFrom('https://wiki.example.com/runbooks', 'http://r/#'), fc.string({ maxLength: 10 })), { nil: undefined }),
      fc.array(matcher, { maxLength: 2 }), duration, fc.option(mostly(fc.double({ min: 0.001, max: 0.5, noNaN: true }), fc.double({ noNaN: false })), { nil: undefined }),
      fc.boolean(), fc.option(name, { nil: undefined }),
      (exclude, severities, extra, runbookBaseUrl, selector, timer, ratio, withConstructs, groupName) => outcome((c) => {
        const am = withConstructs ? new AlertmanagerCluster(c, 'Am', { name: 'main' }) : undefined;
        const prometheus = withConstructs ? new Prometheus(c, 'P', { name: 'main', alertmanager: am }) : undefined;
        const pick = (names: string[]) => ({
          exclude: exclude.filter((a) => names.includes(a) || !a.match(/^[A-Z]/)),
          severities: Object.fromEntries(Object.entries(severities).filter(([a]) => names.includes(a) || !a.match(/^[A-Z]/))),
          labels: extra, runbookBaseUrl,
        });
        new AlertingRulePacks(c, 'Packs', {
          prometheus, labels: prometheus ? undefined : { prometheus: 'x' },
          packs: [
            RulePacks.watchdog({ ...pick(['Watchdog', 'InfoInhibitor']), groupName }),
            RulePacks.alertmanager({ ...pick(['AlertmanagerFailedReload']), alertmanager: am, selector: selector.length ? selector : undefined, failedNotificationRatio: ratio }),
            RulePacks.prometheus({ ...pick(['PrometheusRuleFailures']), prometheus }),
            RulePacks.flux({ ...pick(['FluxResourceSuspended']), notReadyFor: timer, suspendedFor: timer }),
          ],
        });
      })), { numRuns: RUNS });
  });

  test('GrafanaDashboard and the Slack template', () => {
    const panel = fc.record({
      title: mostly(fc.constantFrom('Firing', 'Up'), fc.string({ maxLength: 6 })),
      type: fc.option(fc.constantFrom(...Object.values(PanelType), 'pie' as PanelType), { nil: undefined }),
      queries: fc.array(fc.record({ expr: promql, legend: fc.option(fc.constantFrom('{{job}}', ''), { nil: undefined }) }), { maxLength: 3 }),
      width: fc.option(fc.integer({ min: -1, max: 30 }), { nil: undefined }),
      unit: fc.option(fc.constantFrom('s', 'ops'), { nil: undefined }),
    });
    fc.assert(fc.property(optName, mostly(fc.constantFrom('Alerting', 'Flux objects'), fc.string({ maxLength: 12 })), fc.option(fc.string({ maxLength: 45 }), { nil: undefined }),
      fc.array(panel, { maxLength: 4 }), duration, fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
      fc.option(mostly(fc.constantFrom('https://github.com/acme/fleet/commit/'), fc.string({ maxLength: 12 })), { nil: undefined }),
      (n, title, uid, panels, refresh, folder, commitUrl) => outcome((c) => {
        new GrafanaDashboard(c, 'D', { name: n, title, uid, panels, refresh, folder });
        new AlertingRulePacks(c, 'Packs', { labels: { prometheus: 'x' }, packs: [] });
        new AlertmanagerRouting(c, 'R', {
          alertmanager: new AlertmanagerCluster(c, 'Am', { name: 'main' }),
          receiver: new SlackReceiver({ apiUrl: secret(c, 'url'), template: NotificationTemplate.standard({ commitUrl }) }),
        });
      })), { numRuns: RUNS });
  });
});
