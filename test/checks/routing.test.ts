/**
 * The routing checks on the label flow, on apps built with the constructs: every example of
 * issue 10's "Why" list about routing, each on the broken app and on its fixed twin.
 */
import { Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  AlertmanagerCluster, AlertmanagerProvider, AlertmanagerRouting, ExternalAlertSource, FluxErrorAlert, Finding, LambdaWebhookReceiver, Matcher,
  MatcherStrategy, NamespaceSelector, PagerDutyReceiver, Prometheus, PrometheusRules, Route, SecretKey, SlackReceiver, alertFlowsOf, findingsOf,
} from '../../lib/tooling';
import type { AlertingRuleProps } from '../../lib/tooling';

interface Cluster {
  readonly app: ReturnType<typeof Testing.app>;
  readonly monitoring: Chart;
  readonly am: AlertmanagerCluster;
  readonly prometheus: Prometheus;
}

function secret(scope: Chart, name: string): SecretKey {
  return SecretKey.fromSecret(kplus.Secret.fromSecretName(scope, `S-${name}`, name), 'url');
}

/** An Alertmanager and the Prometheus that sends to it, both in `monitoring`; the Prometheus reads rules in `monitoring` and `team-a`. */
function cluster(strategy = MatcherStrategy.ON_NAMESPACE_EXCEPT_FOR_ALERTMANAGER_NAMESPACE, ruleNamespaceSelector = NamespaceSelector.names('monitoring', 'team-a')): Cluster {
  const app = Testing.app();
  const monitoring = new Chart(app, 'monitoring', { namespace: 'monitoring' });
  const am = new AlertmanagerCluster(monitoring, 'Am', { name: 'main', matcherStrategy: strategy });
  const prometheus = new Prometheus(monitoring, 'Prom', { name: 'main', alertmanager: am, ruleNamespaceSelector, externalLabels: { cluster: 'eu-1' } });
  return { app, monitoring, am, prometheus };
}

function rules(c: Cluster, scope: Chart, id: string, list: AlertingRuleProps[]): PrometheusRules {
  const r = new PrometheusRules(scope, id, { prometheus: c.prometheus });
  const g = r.addGroup(id.toLowerCase());
  list.forEach((rule) => g.addAlertingRule(rule));
  return r;
}

/** Rules as kube-prometheus writes them: their alerts carry every label of their series, which the model cannot list. */
const PLATFORM_RULES: AlertingRuleProps[] = [
  { alert: 'AlertmanagerFailedReload', expr: 'max_over_time(alertmanager_config_last_reload_successful{job="alertmanager-main",namespace="monitoring"}[5m]) == 0', labels: { severity: 'critical' } },
  { alert: 'PrometheusRuleFailures', expr: 'increase(prometheus_rule_evaluation_failures_total{job="prometheus-k8s",namespace="monitoring"}[5m]) > 0', labels: { severity: 'warning' } },
];

/** Rules that aggregate: the model knows every label their alerts can carry. */
const AGGREGATED_RULES: AlertingRuleProps[] = [
  { alert: 'HighErrorRate', expr: 'sum by (namespace, service) (rate(http_requests_total{namespace="monitoring", code=~"5.."}[5m])) > 1', labels: { severity: 'critical' } },
  { alert: 'SlowRequests', expr: 'histogram_quantile(0.99, sum by (le, namespace, service) (rate(http_request_duration_seconds_bucket{namespace="monitoring"}[5m]))) > 1', labels: { severity: 'warning' } },
];

function findings(c: Cluster, check: string): Finding[] {
  return findingsOf(c.app).filter((f) => f.check === check);
}

/** `[check, severity, message]` of the findings of `check`. */
function summary(c: Cluster, check: string): Array<[string, string]> {
  return findings(c, check).map((f) => [f.severity, f.message]);
}

describe('matcher-never-produced: a label typo or the wrong case, which none of the app\'s rules produce', () => {
  function app(matcher: Matcher, opts: { external?: boolean; openNamespaces?: boolean; seriesLabels?: boolean } = {}) {
    const c = cluster(undefined, opts.openNamespaces ? NamespaceSelector.all() : undefined);
    rules(c, c.monitoring, 'Platform', opts.seriesLabels ? PLATFORM_RULES : AGGREGATED_RULES);
    if (opts.external) { new ExternalAlertSource(c.monitoring, 'Kps', { name: 'kube-prometheus-stack', alertNames: ['KubePodCrashLooping'], labels: { severity: ['warning', 'critical'], namespace: ['*'] } }); }
    new AlertmanagerRouting(c.monitoring, 'Routing', {
      alertmanager: c.am,
      receiver: new SlackReceiver({ apiUrl: secret(c.monitoring, 'slack'), channel: '#alerts' }),
      routes: [new Route({ receiver: new PagerDutyReceiver({ routingKey: secret(c.monitoring, 'pd') }), matchers: [matcher] })],
    });
    return c;
  }

  test('serverity: an error with the suggestion; severity: quiet', () => {
    expect(summary(app(Matcher.eq('serverity', 'critical')), 'matcher-never-produced')).toEqual([[
      'error',
      'spec.route.routes[0].matchers[0] serverity="critical": no alert source of the model sets the label "serverity", so this route never matches. Did you mean "severity"?',
    ]]);
    expect(findings(app(Matcher.eq('severity', 'critical')), 'matcher-never-produced')).toEqual([]);
  });

  test('with rules whose alerts carry every label of their series, the typo is likely, not proven: a warning', () => {
    expect(summary(app(Matcher.eq('serverity', 'critical'), { seriesLabels: true }), 'matcher-never-produced')).toEqual([[
      'warning',
      'spec.route.routes[0].matchers[0] serverity="critical": no alert source of the model is known to set the label "serverity", so this route most likely never matches. Did you mean "severity"? (a warning, not an error: it could come from the labels of the series of alertmanager_config_last_reload_successful{job="alertmanager-main",namespace="monitoring"} or 1 more such source)',
    ]]);
    expect(findings(app(Matcher.eq('severity', 'critical'), { seriesLabels: true }), 'matcher-never-produced')).toEqual([]);
    // a label with no close known one could be any series label: quiet
    expect(findings(app(Matcher.eq('team', 'payments'), { seriesLabels: true }), 'matcher-never-produced')).toEqual([]);
  });

  test.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])('a label named %s, which plain objects inherit, is judged like any other label name', (name) => {
    // GIVEN routes matching a label no rule sets, whose name is a property every JS object inherits
    // WHEN the checks run (the label flow used to read the inherited property and crash)
    const found = summary(app(Matcher.regex(name, '.+')), 'matcher-never-produced');
    // THEN the same finding as for an ordinary label name, and nothing else breaks
    const ordinary = summary(app(Matcher.regex('zzlabel', '.+')), 'matcher-never-produced');
    expect(found).toEqual(ordinary.map(([severity, message]) => [severity, message.split('zzlabel').join(name)]));
    expect(found).toHaveLength(1);
    expect(() => findingsOf(app(Matcher.eq(name, 'x')).app)).not.toThrow();
  });

  test('Critical: an error naming the values the rules set; critical: quiet', () => {
    const [f] = findings(app(Matcher.eq('severity', 'Critical')), 'matcher-never-produced');
    expect(f.severity).toBe('error');
    expect(f.message).toBe('spec.route.routes[0].matchers[0] severity="Critical": no alert source of the model sets severity to a value this matches (they set "critical", "warning"), so this route never matches. Did you mean "critical"? Labels are case-sensitive');
    expect(f.fix).toMatch(/^match severity="critical"/);
    expect(findings(app(Matcher.regex('severity', 'Critical|Warning')), 'matcher-never-produced').map((x) => x.message)).toEqual([expect.stringMatching(/Did you mean "critical"\?/)]);
    expect(findings(app(Matcher.regex('severity', 'critical|warning')), 'matcher-never-produced')).toEqual([]);
  });

  test('a value no rule has yet, with no close one: a warning (the route may be for alerts to come)', () => {
    const [f] = findings(app(Matcher.eq('severity', 'info')), 'matcher-never-produced');
    expect([f.severity, f.message]).toEqual(['warning', expect.stringMatching(/it is unused until an alert source sets it/)]);
  });

  test('sources outside the app may exist: a warning that names them', () => {
    const declared = findings(app(Matcher.eq('serverity', 'critical'), { external: true }), 'matcher-never-produced');
    expect(declared.map((f) => [f.severity, f.message])).toEqual([['warning', expect.stringMatching(/Did you mean "severity"\? \(a warning, not an error: ExternalAlertSource kube-prometheus-stack declares alerts from outside the app\)$/)]]);
    const open = findings(app(Matcher.eq('serverity', 'critical'), { openNamespaces: true }), 'matcher-never-produced');
    expect(open.map((f) => [f.severity, f.message])).toEqual([['warning', expect.stringMatching(/Prometheus monitoring\/main loads PrometheusRules from namespaces chosen by labels \(ruleNamespaceSelector \{\}\)/)]]);
  });

  test('an alert declared with an ExternalAlertSource can be routed to', () => {
    expect(findings(app(Matcher.eq('alertname', 'KubePodCrashLooping')), 'matcher-never-produced').map((f) => f.severity)).toEqual(['warning']);
    expect(findings(app(Matcher.eq('alertname', 'KubePodCrashLooping'), { external: true }), 'matcher-never-produced')).toEqual([]);
  });

  test('the external labels of the Prometheus and the operator\'s prometheus label count as produced', () => {
    expect(findings(app(Matcher.eq('cluster', 'eu-1')), 'matcher-never-produced')).toEqual([]);
    expect(findings(app(Matcher.eq('prometheus', 'monitoring/main')), 'matcher-never-produced')).toEqual([]);
    // eu-2 may well be another cluster's, not a typo of eu-1: a warning
    expect(summary(app(Matcher.eq('cluster', 'eu-2')), 'matcher-never-produced')).toEqual([['warning', expect.stringMatching(/they set "eu-1"\), so this route never matches\. Did you mean "eu-1"\? \(a warning: a route may be meant for another value that differs by a few characters\)$/)]]);
    // a series label wins over an external label: with rules that keep their series' labels, cluster may be anything
    expect(findings(app(Matcher.eq('cluster', 'eu-2'), { seriesLabels: true }), 'matcher-never-produced')).toEqual([]);
  });
});

describe('namespace-matcher-unsatisfied and route-unreachable: the namespace matcher the operator adds', () => {
  /** A team config in team-a and team rules; `by` is the team rule's aggregation. */
  function team(by: string, opts: { enforced?: boolean; withOtherRule?: boolean } = {}) {
    const c = cluster();
    if (opts.enforced) { c.prometheus.resource.addJsonPatch(JsonPatch.add('/spec/enforcedNamespaceLabel', 'namespace')); }
    rules(c, c.monitoring, 'Platform', PLATFORM_RULES);
    const chart = new Chart(c.app, 'team-a', { namespace: 'team-a' });
    rules(c, chart, 'Team', [
      { alert: 'JobDown', expr: `sum by (${by}) (up{namespace="team-a"}) == 0`, labels: { severity: 'critical' } },
      ...(opts.withOtherRule ? [{ alert: 'PodCrashLooping', expr: 'max by (namespace, pod) (kube_pod_container_status_waiting_reason{namespace="team-a", reason="CrashLoopBackOff"}) > 0', labels: { severity: 'warning' } }] : []),
    ]);
    new AlertmanagerRouting(chart, 'Routing', { alertmanager: c.am, receiver: new SlackReceiver({ apiUrl: secret(chart, 'slack'), channel: '#team-a' }) });
    return c;
  }

  test('a team rule with sum by (job) loses namespace: a warning on the rule; sum by (namespace, job): quiet', () => {
    const [f] = findings(team('job', { withOtherRule: true }), 'namespace-matcher-unsatisfied');
    expect(f.object).toMatchObject({ kind: 'PrometheusRule', namespace: 'team-a' });
    expect(f.severity).toBe('warning');
    expect(f.message).toBe('spec.groups[0].rules[0]: the JobDown alerts never reach AlertmanagerConfig team-a/team-a-routing-c8a4e3a1 beside them: under the OnNamespaceExceptForAlertmanagerNamespace strategy of Alertmanager monitoring/main the operator confines that config to alerts labelled namespace="team-a", and its expression\'s sum by (job) drops the namespace label'.replace('team-a-routing-c8a4e3a1', f.message.match(/AlertmanagerConfig team-a\/(\S+)/)![1]));
    expect(findings(team('namespace, job', { withOtherRule: true }), 'namespace-matcher-unsatisfied')).toEqual([]);
  });

  test('when no alert at all can reach the team config: route-unreachable, an error that explains the namespace', () => {
    const c = team('job');
    expect(findings(c, 'namespace-matcher-unsatisfied')).toEqual([]);
    const [f] = findings(c, 'route-unreachable');
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(/^spec\.route: no alert can reach this route of Alertmanager monitoring\/main: under the OnNamespaceExceptForAlertmanagerNamespace strategy .* the operator adds namespace="team-a" to this config's top route, and none of the alerts that would otherwise match carries it: .*alert JobDown \(PrometheusRule team-a\/[^)]+\) has no namespace label \(its expression's sum by \(job\) drops it\)/);
    expect(findings(team('namespace, job'), 'route-unreachable')).toEqual([]);
  });

  test('the Prometheus\' enforcedNamespaceLabel puts namespace on every alert of the rule: quiet', () => {
    const c = team('job', { enforced: true });
    expect([...findings(c, 'namespace-matcher-unsatisfied'), ...findings(c, 'route-unreachable')]).toEqual([]);
  });

  function catchAll(strategy: MatcherStrategy) {
    const c = cluster(strategy);
    rules(c, c.monitoring, 'Platform', PLATFORM_RULES);
    const chart = new Chart(c.app, 'team-a', { namespace: 'team-a' });
    rules(c, chart, 'Team', [{ alert: 'HighErrorRate', expr: 'sum by (namespace, service) (rate(http_requests_total{namespace="team-a", code=~"5.."}[5m])) > 1', labels: { severity: 'critical' } }]);
    new AlertmanagerRouting(c.monitoring, 'CatchAll', { alertmanager: c.am, receiver: new LambdaWebhookReceiver({ url: secret(c.monitoring, 'lambda') }) });
    return c;
  }

  test('under OnNamespace, a catch-all config in the Alertmanager\'s namespace misses the team namespaces: a warning; OnNamespaceExceptForAlertmanagerNamespace: quiet', () => {
    const [f] = findings(catchAll(MatcherStrategy.ON_NAMESPACE), 'namespace-matcher-unsatisfied');
    expect(f.object.kind).toBe('AlertmanagerConfig');
    expect(f.message).toMatch(/^spec\.route: this config has no matchers, as if meant for every alert, but under the OnNamespace strategy of Alertmanager monitoring\/main the operator confines it to alerts labelled namespace="monitoring": alert HighErrorRate \(PrometheusRule team-a\/[^)]+\) never reach it$/);
    expect(f.fix).toMatch(/OnNamespaceExceptForAlertmanagerNamespace/);
    expect(findings(catchAll(MatcherStrategy.ON_NAMESPACE_EXCEPT_FOR_ALERTMANAGER_NAMESPACE), 'namespace-matcher-unsatisfied')).toEqual([]);
  });

  test('Flux events from flux-system miss it too', () => {
    const c = catchAll(MatcherStrategy.ON_NAMESPACE);
    const flux = new Chart(c.app, 'flux', { namespace: 'flux-system' });
    new FluxErrorAlert(flux, 'Errors', { provider: new AlertmanagerProvider(flux, 'P', { alertmanager: c.am }) });
    expect(findings(c, 'namespace-matcher-unsatisfied').map((f) => f.message)).toEqual([expect.stringMatching(/: alert HighErrorRate \(PrometheusRule team-a\/[^)]+\), error events of every HelmRelease in "flux-system" \(Flux Alert flux-system\/[^)]+\), .* and \d+ more never reach it$/)]);
  });
});

describe('route-shadowed: a broad sibling without continue before critical→PagerDuty', () => {
  function app(order: 'broad-first' | 'critical-first', broadContinue = false) {
    const c = cluster();
    rules(c, c.monitoring, 'Platform', PLATFORM_RULES);
    const slack = new SlackReceiver({ apiUrl: secret(c.monitoring, 'slack'), channel: '#alerts' });
    const pager = new PagerDutyReceiver({ routingKey: secret(c.monitoring, 'pd') });
    const broad = new Route({ receiver: slack, matchers: [Matcher.regex('severity', 'warning|critical')], continue: broadContinue });
    const critical = new Route({ receiver: pager, matchers: [Matcher.eq('severity', 'critical')] });
    new AlertmanagerRouting(c.monitoring, 'Routing', { alertmanager: c.am, receiver: slack, routes: order === 'broad-first' ? [broad, critical] : [critical, broad] });
    return c;
  }

  test('broad first: an error naming the broader route; critical first, or continue on the broad one: quiet', () => {
    expect(summary(app('broad-first'), 'route-shadowed')).toEqual([[
      'error',
      'spec.route.routes[1]: this route never receives an alert: the earlier route spec.route.routes[0] (receiver slack) {severity=~"warning|critical"} matches every alert it matches and has no continue, so Alertmanager stops there',
    ]]);
    expect(findings(app('critical-first'), 'route-shadowed')).toEqual([]);
    expect(findings(app('broad-first', true), 'route-shadowed')).toEqual([]);
  });

  test('the simulator agrees: a critical alert reaches PagerDuty only when the critical route comes first', () => {
    const flowOf = (c: Cluster) => alertFlowsOf(c.am).find((f) => f.source.alertname === 'AlertmanagerFailedReload')!;
    expect(flowOf(app('broad-first')).receivers).toEqual([expect.stringMatching(/\/slack$/)]);
    expect(flowOf(app('critical-first')).receivers).toEqual([expect.stringMatching(/\/pagerduty$/)]);
  });

  test('shadowed in fact: every alert of the model that matches it matches an earlier route', () => {
    const c = cluster();
    rules(c, c.monitoring, 'Platform', PLATFORM_RULES);
    const slack = new SlackReceiver({ apiUrl: secret(c.monitoring, 'slack'), channel: '#alerts' });
    new AlertmanagerRouting(c.monitoring, 'Routing', {
      alertmanager: c.am,
      receiver: slack,
      routes: [
        new Route({ receiver: slack, matchers: [Matcher.eq('namespace', 'monitoring')] }),
        new Route({ receiver: new PagerDutyReceiver({ routingKey: secret(c.monitoring, 'pd') }), matchers: [Matcher.eq('alertname', 'AlertmanagerFailedReload')] }),
      ],
    });
    expect(summary(c, 'route-shadowed')).toEqual([['error', expect.stringMatching(/^spec\.route\.routes\[1\]: no alert reaches this route of Alertmanager monitoring\/main: every alert that matches it \(alert AlertmanagerFailedReload .*\) also matches the earlier route spec\.route\.routes\[0\] \(receiver slack\) \{namespace="monitoring"\}, which has no continue$/)]]);
  });
});

describe('inhibit-mutes-everything', () => {
  function app(rule: { sourceMatchers: Matcher[]; targetMatchers: Matcher[]; equal?: string[] }) {
    const c = cluster();
    rules(c, c.monitoring, 'Platform', [...PLATFORM_RULES, { alert: 'Watchdog', expr: 'vector(1)', labels: { severity: 'none' } }]);
    const slack = new SlackReceiver({ apiUrl: secret(c.monitoring, 'slack'), channel: '#alerts' });
    new AlertmanagerRouting(c.monitoring, 'Routing', { alertmanager: c.am, receiver: slack, inhibitRules: [rule] });
    return c;
  }

  test('the always-firing Watchdog as source: an error naming the alerts it mutes; a critical source: quiet', () => {
    expect(summary(app({ sourceMatchers: [Matcher.eq('alertname', 'Watchdog')], targetMatchers: [Matcher.eq('severity', 'warning')] }), 'inhibit-mutes-everything')).toEqual([[
      'error',
      expect.stringMatching(/^spec\.inhibitRules\[0\]: alert Watchdog \(PrometheusRule monitoring\/[^)]+\) fires all the time and matches the source matchers \{alertname="Watchdog"\}, so this rule mutes \{severity="warning"\} in Alertmanager monitoring\/main for good: alert PrometheusRuleFailures \(PrometheusRule monitoring\/[^)]+\)$/),
    ]]);
    // with alertname in equal, it mutes only warnings named Watchdog: none exist
    expect(findings(app({ sourceMatchers: [Matcher.eq('alertname', 'Watchdog')], targetMatchers: [Matcher.eq('severity', 'warning')], equal: ['alertname'] }), 'inhibit-mutes-everything')).toEqual([]);
    expect(findings(app({ sourceMatchers: [Matcher.eq('severity', 'critical')], targetMatchers: [Matcher.eq('severity', 'warning')], equal: ['namespace', 'alertname'] }), 'inhibit-mutes-everything')).toEqual([]);
  });

  test('no equal: any one source alert mutes every target everywhere, a warning; with equal: quiet', () => {
    expect(summary(app({ sourceMatchers: [Matcher.eq('severity', 'critical')], targetMatchers: [Matcher.regex('severity', 'warning|info')] }), 'inhibit-mutes-everything')).toEqual([[
      'warning',
      'spec.inhibitRules[0]: this inhibit rule has no equal, so any one alert matching {severity="critical"} anywhere mutes {severity=~"warning|info"} in every namespace and service',
    ]]);
    expect(findings(app({ sourceMatchers: [Matcher.eq('severity', 'critical')], targetMatchers: [Matcher.regex('severity', 'warning|info')], equal: ['namespace'] }), 'inhibit-mutes-everything')).toEqual([]);
  });
});

describe('route-unreachable and alert-unrouted', () => {
  test('Watchdog with severity critical: no alert has both; the Watchdog alone: quiet', () => {
    function app(matchers: Matcher[]) {
      const c = cluster();
      rules(c, c.monitoring, 'Platform', [...PLATFORM_RULES, { alert: 'Watchdog', expr: 'vector(1)', labels: { severity: 'none' } }]);
      const slack = new SlackReceiver({ apiUrl: secret(c.monitoring, 'slack'), channel: '#alerts' });
      new AlertmanagerRouting(c.monitoring, 'Routing', { alertmanager: c.am, receiver: slack, routes: [new Route({ receiver: new LambdaWebhookReceiver({ url: secret(c.monitoring, 'dms') }), matchers })] });
      return c;
    }
    expect(summary(app([Matcher.eq('alertname', 'Watchdog'), Matcher.eq('severity', 'critical')]), 'route-unreachable')).toEqual([['error', expect.stringMatching(/: severity="critical" keeps out alert Watchdog \(PrometheusRule monitoring\/[^)]+\), which has severity="none"$/)]]);
    expect(findings(app([Matcher.eq('alertname', 'Watchdog')]), 'route-unreachable')).toEqual([]);
  });

  test('a route that names no alert and that nothing fits yet: a warning (it may be meant for alerts to come)', () => {
    const c = cluster();
    rules(c, c.monitoring, 'Platform', [...AGGREGATED_RULES, { alert: 'Watchdog', expr: 'vector(1)', labels: { severity: 'none' } }]);
    const slack = new SlackReceiver({ apiUrl: secret(c.monitoring, 'slack'), channel: '#alerts' });
    new AlertmanagerRouting(c.monitoring, 'Routing', { alertmanager: c.am, receiver: slack, routes: [new Route({ receiver: slack, matchers: [Matcher.eq('namespace', 'monitoring'), Matcher.eq('severity', 'none')] })] });
    expect(summary(c, 'route-unreachable')).toEqual([['warning', expect.stringMatching(/\(a warning: no alert of the model fits it, but the route may be meant for alerts to come\)$/)]]);
  });

  test('a new team\'s config with no rule of its own yet: a warning, not an error', () => {
    const c = cluster();
    rules(c, c.monitoring, 'Platform', PLATFORM_RULES);
    const chart = new Chart(c.app, 'team-a', { namespace: 'team-a' });
    new AlertmanagerRouting(chart, 'Routing', { alertmanager: c.am, receiver: new SlackReceiver({ apiUrl: secret(chart, 'slack'), channel: '#team-a' }) });
    expect(findings(c, 'route-unreachable').map((f) => f.severity)).toEqual(['warning']);
  });

  test('a route for Flux events when no Flux Alert of the app posts here: a warning (Flux Alerts may live elsewhere)', () => {
    const c = cluster();
    rules(c, c.monitoring, 'Platform', PLATFORM_RULES);
    const slack = new SlackReceiver({ apiUrl: secret(c.monitoring, 'slack'), channel: '#alerts' });
    new AlertmanagerRouting(c.monitoring, 'Routing', { alertmanager: c.am, receiver: slack, routes: [new Route({ receiver: slack, matchers: [Matcher.regex('alertname', 'Flux.+'), Matcher.eq('severity', 'error')] })] });
    expect(summary(c, 'flux-route-unmatchable')).toEqual([['warning', expect.stringMatching(/no Flux Alert, alert rule or declared source of the model sends an alert that matches it \(a warning, not an error: Flux Alerts outside the model may send such events\)$/)]]);
  });

  test('critical alerts that no route takes end at the null root: an error on the rule; routed: quiet', () => {
    function app(severities: string) {
      const c = cluster();
      rules(c, c.monitoring, 'Platform', PLATFORM_RULES);
      new AlertmanagerRouting(c.monitoring, 'Routing', {
        alertmanager: c.am,
        receiver: new SlackReceiver({ apiUrl: secret(c.monitoring, 'slack'), channel: '#alerts' }),
        matchers: [Matcher.regex('severity', severities)],
      });
      return c;
    }
    const [f] = findings(app('warning'), 'alert-unrouted');
    expect([f.severity, f.object.kind, f.message]).toEqual(['error', 'PrometheusRule', expect.stringMatching(/^spec\.groups\[0\]\.rules\[0\]: alert AlertmanagerFailedReload .* reaches no receiver that notifies anyone: in Alertmanager monitoring\/main it ends at the root route's receiver monitoring\/main-base\/null$/)]);
    expect(findings(app('warning|critical'), 'alert-unrouted')).toEqual([]);
  });
});
