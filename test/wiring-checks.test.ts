import { App, Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  AlertmanagerCluster, AlertmanagerProvider, AlertmanagerRouting, FluxAlert, FluxErrorAlert, FluxEventSeverity, FluxSourceKind,
  LambdaWebhookReceiver, Matcher, MatcherStrategy, NamespaceSelector, Prometheus, PrometheusRules, Route, SecretKey, SlackProvider,
  WebhookReceiver, findingsOf, wiringFindings,
} from '../lib/tooling';

/** Synthesizes the whole app as `cdk8s synth` does, returning the error message or undefined. */
function synthError(app: App): string | undefined {
  try {
    for (const c of app.node.children) {
      if (c instanceof Chart) { Testing.synth(c); }
    }
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function setup(namespace = 'monitoring') {
  const app = Testing.app();
  const c = new Chart(app, 'c', { namespace });
  return { app, c };
}

function hook(c: Chart, secretName = 'hook') {
  return new LambdaWebhookReceiver({ url: SecretKey.fromSecret(kplus.Secret.fromSecretName(c, `S-${secretName}-${Math.random()}`, secretName), 'url') });
}

describe('1. a PrometheusRule its Prometheus does not select', () => {
  test('by namespace: caught', () => {
    const { app, c } = setup();
    const p = new Prometheus(c, 'P', { name: 'main' });
    new PrometheusRules(c, 'R', { namespace: 'apps', prometheus: p }).addGroup('g').addAlertingRule({ alert: 'A', expr: 'up == 0' });
    expect(synthError(app)).toMatch(/\[c\/R\] rule-not-selected: Prometheus monitoring\/main never loads this PrometheusRule: its ruleNamespaceSelector is unset, so it reads only its own namespace "monitoring", not "apps"\. Fix: /);
  });

  test('by namespace: corrected with a wider ruleNamespaceSelector', () => {
    const { app, c } = setup();
    const p = new Prometheus(c, 'P', { name: 'main', ruleNamespaceSelector: NamespaceSelector.names('monitoring', 'apps') });
    new PrometheusRules(c, 'R', { namespace: 'apps', prometheus: p });
    expect(synthError(app)).toBeUndefined();
  });

  test('by labels, when the selector labels are patched away: caught', () => {
    const { app, c } = setup();
    const p = Prometheus.fromExisting(c, 'Kps', { name: 'kps', namespace: 'monitoring', ruleSelectorLabels: { release: 'kps' } });
    const r = new PrometheusRules(c, 'R', { prometheus: p });
    r.resource.addJsonPatch(JsonPatch.replace('/metadata/labels', { release: 'other' }));
    expect(synthError(app)).toMatch(/rule-not-selected: Prometheus monitoring\/kps never loads this PrometheusRule: its ruleSelector does not match the PrometheusRule's labels \(selector: release=kps; labels: release=other; unmet: release=kps \[release=other here\]\)/);
  });

  test('rules that name no Prometheus while no Prometheus in the app selects them: caught; naming it fixes it', () => {
    const { app, c } = setup();
    new Prometheus(c, 'P', { name: 'main' });
    new PrometheusRules(c, 'R');
    expect(synthError(app)).toMatch(/\[c\/R\] rule-not-selected: Prometheus monitoring\/main never loads this PrometheusRule: its ruleSelector does not match the PrometheusRule's labels \(selector: prometheus=main, role=alert-rules; labels: \(none\); unmet: prometheus=main \[no label prometheus\], role=alert-rules \[no label role\]\)\. Fix: put the selector's labels on the PrometheusRule's metadata \(with cdk8s-alerting: pass prometheus: <the Prometheus>\)/);
    const fixed = setup();
    new PrometheusRules(fixed.c, 'R', { prometheus: new Prometheus(fixed.c, 'P', { name: 'main' }) });
    expect(synthError(fixed.app)).toBeUndefined();
  });
});

describe('2. an AlertmanagerConfig its Alertmanager does not select', () => {
  test('not attached: caught; attached: passes', () => {
    const { app, c } = setup();
    new AlertmanagerCluster(c, 'Am', { name: 'main' });
    new AlertmanagerRouting(c, 'R', { receiver: hook(c) });
    expect(synthError(app)).toMatch(/\[c\/R\] config-not-selected: Alertmanager monitoring\/main never loads this AlertmanagerConfig, so its routes never run: its alertmanagerConfigSelector does not match the AlertmanagerConfig's labels \(selector: alertmanager=main; labels: \(none\); unmet: alertmanager=main \[no label alertmanager\]\)\. Fix: .*pass alertmanager: <the AlertmanagerCluster>/);
    const fixed = setup();
    const am = new AlertmanagerCluster(fixed.c, 'Am', { name: 'main' });
    new AlertmanagerRouting(fixed.c, 'R', { receiver: hook(fixed.c), alertmanager: am });
    expect(synthError(fixed.app)).toBeUndefined();
  });

  test('selector labels patched away: caught', () => {
    const { app, c } = setup();
    const am = new AlertmanagerCluster(c, 'Am', { name: 'main' });
    const r = new AlertmanagerRouting(c, 'R', { receiver: hook(c), alertmanager: am });
    r.resource.addJsonPatch(JsonPatch.remove('/metadata/labels'));
    expect(synthError(app)).toMatch(/config-not-selected: Alertmanager monitoring\/main never loads this AlertmanagerConfig, so its routes never run: its alertmanagerConfigSelector does not match the AlertmanagerConfig's labels \(selector: alertmanager=main; labels: \(none\);/);
  });
});

describe('3. a namespace matcher that collides with the one the operator injects', () => {
  function article(strategy?: MatcherStrategy, configNamespace = 'prometheus') {
    const { app, c } = setup('prometheus');
    const am = new AlertmanagerCluster(c, 'Am', { name: 'example', matcherStrategy: strategy });
    new AlertmanagerRouting(c, 'R', {
      namespace: configNamespace,
      alertmanager: am,
      receiver: hook(c),
      matchers: [Matcher.eq('namespace', 'my-cluster-namespace'), Matcher.regex('severity', 'warning|critical|error')],
    });
    return app;
  }

  test('the first article as written (OnNamespace): caught, naming both fixes', () => {
    expect(synthError(article())).toMatch(/namespace-matcher-collision: spec\.route\.matchers\[0\]: namespace="my-cluster-namespace" can never match: under the OnNamespace strategy of Alertmanager prometheus\/example the operator also requires namespace="prometheus".*Fix: move the AlertmanagerConfig to namespace "my-cluster-namespace", or set the Alertmanager's matcher strategy to OnNamespaceExceptForAlertmanagerNamespace \(MatcherStrategy.ON_NAMESPACE_EXCEPT_FOR_ALERTMANAGER_NAMESPACE\)/);
  });

  test('corrected: config moved to the matched namespace', () => {
    expect(synthError(article(MatcherStrategy.ON_NAMESPACE, 'my-cluster-namespace'))).toBeUndefined();
  });

  test('corrected: OnNamespaceExceptForAlertmanagerNamespace with the config beside the Alertmanager', () => {
    expect(synthError(article(MatcherStrategy.ON_NAMESPACE_EXCEPT_FOR_ALERTMANAGER_NAMESPACE))).toBeUndefined();
  });

  test('also in nested routes, and for regex matchers', () => {
    const { app, c } = setup();
    const am = new AlertmanagerCluster(c, 'Am', { name: 'main' });
    new AlertmanagerRouting(c, 'R', { alertmanager: am, receiver: hook(c), routes: [new Route({ matchers: [Matcher.regex('namespace', 'team-.*')] })] });
    expect(synthError(app)).toMatch(/route\.routes\[0\]\.matchers\[0\]: namespace=~"team-\.\*" can never match/);
  });
});

describe('4. routes meant for Flux events that can never match', () => {
  /**
   * An Alertmanager, the Prometheus that sends to it and a route for Flux events. The model
   * holds every alert source of the Alertmanager, so what it proves is an error.
   */
  function fluxRoute(...matchers: Matcher[]) {
    const { app, c } = setup();
    const am = new AlertmanagerCluster(c, 'Am', { name: 'main', matcherStrategy: MatcherStrategy.NONE });
    new Prometheus(c, 'Prom', { name: 'main', alertmanager: am });
    new AlertmanagerRouting(c, 'R', { alertmanager: am, receiver: hook(c), routes: [new Route({ matchers: [Matcher.regex('alertname', 'Flux.+'), ...matchers] })] });
    return { app, c, am };
  }

  test('a severity Flux never sends: caught; error: passes', () => {
    expect(synthError(fluxRoute(Matcher.eq('severity', 'critical')).app)).toMatch(/flux-route-unmatchable: spec\.route\.routes\[0\]\.matchers\[1\] severity="critical": .*Flux only sends severity "info" or "error"/);
    expect(synthError(fluxRoute(Matcher.regex('severity', 'warning|critical')).app)).toMatch(/flux-route-unmatchable/);
    expect(synthError(fluxRoute(Matcher.eq('severity', 'error')).app)).toBeUndefined();
  });

  test('without the Prometheus in the app, alerts may come from outside it: a warning that says so', () => {
    const { app, c } = setup();
    const am = new AlertmanagerCluster(c, 'Am', { name: 'main', matcherStrategy: MatcherStrategy.NONE });
    const r = new AlertmanagerRouting(c, 'R', { alertmanager: am, receiver: hook(c), routes: [new Route({ matchers: [Matcher.regex('alertname', 'Flux.+'), Matcher.eq('severity', 'critical')] })] });
    const [f] = wiringFindings(c).get(r) ?? [];
    expect([f.check, f.severity]).toEqual(['flux-route-unmatchable', 'warning']);
    expect(f.message).toMatch(/a warning, not an error: no Prometheus of the model sends alerts to Alertmanager monitoring\/main/);
    expect(synthError(app)).toBeUndefined();
  });

  test('a label Flux never sets itself: a warning (an annotation on the Flux objects could set it); a label from eventMetadata: passes', () => {
    function withFluxAlert(matcher: Matcher, eventMetadata?: Record<string, string>) {
      const { app, c, am } = fluxRoute(matcher);
      const provider = new AlertmanagerProvider(c, 'P', { namespace: 'flux-system', alertmanager: am });
      new FluxAlert(c, 'A', { provider, eventSources: [{ kind: FluxSourceKind.KUSTOMIZATION }], eventMetadata });
      return { app, c };
    }
    const team = withFluxAlert(Matcher.eq('team', 'platform'));
    expect(synthError(team.app)).toBeUndefined();
    const findings = [...wiringFindings(team.c).values()].flat().filter((f) => f.check === 'flux-route-unmatchable');
    expect(findings.map((f) => f.severity)).toEqual(['warning']);
    expect(findings[0].message).toMatch(/Flux never sets the label "team" .*only an annotation event\.toolkit\.fluxcd\.io\/team on the Flux objects would/);
    const cluster = withFluxAlert(Matcher.eq('cluster', 'eu-1'), { cluster: 'eu-1' });
    expect([...wiringFindings(cluster.c).values()].flat().filter((f) => f.check === 'flux-route-unmatchable')).toEqual([]);
  });

  test('an alertname with the reason in the wrong case: caught with the right spelling', () => {
    function app(alertname: string) {
      const { app: a, c } = setup();
      const am = new AlertmanagerCluster(c, 'Am', { name: 'main', matcherStrategy: MatcherStrategy.NONE });
      new Prometheus(c, 'Prom', { name: 'main', alertmanager: am });
      new AlertmanagerRouting(c, 'R', { alertmanager: am, receiver: hook(c), matchers: [Matcher.eq('alertname', alertname)] });
      return a;
    }
    expect(synthError(app('FluxKustomizationReconciliationFailed'))).toMatch(/Fix: use "FluxKustomizationReconciliationfailed"/);
    expect(synthError(app('FluxKustomizationReconciliationfailed'))).toBeUndefined();
  });

  test('an alert named Flux... defined by a PrometheusRule of the app is not a Flux event: the route is fine', () => {
    function app(withRule: boolean) {
      const { app: a, c } = setup();
      const am = new AlertmanagerCluster(c, 'Am', { name: 'main', matcherStrategy: MatcherStrategy.ON_NAMESPACE_EXCEPT_FOR_ALERTMANAGER_NAMESPACE });
      const prometheus = new Prometheus(c, 'Prom', { name: 'main', alertmanager: am });
      if (withRule) {
        new PrometheusRules(c, 'Rules', { prometheus }).addGroup('flux.rules').addAlertingRule({
          alert: 'FluxKustomizationNotReady',
          expr: 'max by (exported_namespace, name) (gotk_resource_info{ready="False", customresource_kind="Kustomization"}) > 0',
          labels: { severity: 'warning' },
        });
      }
      new AlertmanagerRouting(c, 'R', { alertmanager: am, receiver: hook(c), matchers: [Matcher.eq('alertname', 'FluxKustomizationNotReady')] });
      return a;
    }
    expect(synthError(app(true))).toBeUndefined();
    // not even a warning: the alert exists, so the route is not meant for Flux events
    expect(findingsOf(app(true)).filter((f) => f.check === 'flux-route-unmatchable')).toEqual([]);
    // Without the rule, nothing sends it: Flux would name such an event FluxKustomizationNotready.
    expect(synthError(app(false))).toMatch(/flux-route-unmatchable: spec\.route\.matchers\[0\] alertname="FluxKustomizationNotReady": .*no alert rule or declared source of the model does either\. Fix: use "FluxKustomizationNotready", .*ExternalAlertSource/);
  });
});

describe('5. Flux Alerts and their Providers', () => {
  function slack(c: Chart, namespace = 'flux-system') {
    return new SlackProvider(c, `Slack-${namespace}`, { name: 'slack', namespace, secret: kplus.Secret.fromSecretName(c, `S-${namespace}`, 'slack-url') });
  }

  test('a Provider in another namespace: caught; same namespace: passes', () => {
    const { app, c } = setup('flux-system');
    new FluxAlert(c, 'A', { namespace: 'apps', provider: slack(c), eventSources: [{ kind: FluxSourceKind.KUSTOMIZATION }] });
    expect(synthError(app)).toMatch(/\[c\/A\] flux-provider-namespace: spec\.providerRef: the Provider flux-system\/slack is in another namespace than this Alert \("apps"\)/);
    const fixed = setup('flux-system');
    new FluxAlert(fixed.c, 'A', { provider: slack(fixed.c), eventSources: [{ kind: FluxSourceKind.KUSTOMIZATION }] });
    expect(synthError(fixed.app)).toBeUndefined();
  });

  test('an info Alert and an error Alert on the same sources and Provider: a warning, an error in strict mode', () => {
    const build = (strict: boolean, infoKind: FluxSourceKind) => {
      const app = Testing.app();
      if (strict) { app.node.setContext('cdk8s-alerting:strict', true); }
      const c = new Chart(app, 'c', { namespace: 'flux-system' });
      const p = slack(c);
      new FluxAlert(c, 'Info', { provider: p, eventSeverity: FluxEventSeverity.INFO, eventSources: [{ kind: infoKind }] });
      new FluxErrorAlert(c, 'Errors', { provider: p });
      return app;
    };
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(synthError(build(false, FluxSourceKind.KUSTOMIZATION))).toBeUndefined();
      const warnings = stderr.mock.calls.map((args) => String(args[0])).filter((l) => l.includes('flux-double-post'));
      expect(warnings).toHaveLength(1); // once per synth, although two charts... one chart, validated by each synth call
      expect(warnings[0]).toMatch(/^\[c\/Info\] warning flux-double-post: spec\.eventSeverity: this info Alert forwards errors too/);
    } finally {
      stderr.mockRestore();
    }
    expect(synthError(build(true, FluxSourceKind.KUSTOMIZATION))).toMatch(/flux-double-post/);
    // corrected: the info Alert watches a kind the error Alert does not
    expect(synthError(build(true, FluxSourceKind.BUCKET))).toBeUndefined();
  });
});

describe('6. an alertmanager Provider that does not reach its Alertmanager', () => {
  test('a patched address: caught; the derived address: passes', () => {
    const { app, c } = setup('flux-system');
    const am = new AlertmanagerCluster(c, 'Am', { name: 'main', namespace: 'monitoring' });
    const p = new AlertmanagerProvider(c, 'P', { alertmanager: am });
    expect(synthError(app)).toBeUndefined();
    p.resource.addJsonPatch(JsonPatch.replace('/spec/address', 'http://alertmanager-operated.monitoring:9094/api/v1/alerts'));
    expect(synthError(app)).toMatch(/provider-address: spec\.address "http:\/\/alertmanager-operated\.monitoring:9094\/api\/v1\/alerts" uses port 9094, but Alertmanager listens on 9093/);
    p.resource.addJsonPatch(JsonPatch.replace('/spec/address', 'http://alertmanager-operated.prometheus:9093/api/v2/alerts/'));
    // An address naming no Alertmanager of the app may be one outside it: a warning, not an error.
    expect(synthError(app)).toBeUndefined();
    expect(wiringFindings(c).get(p)?.map((f) => [f.check, f.severity])).toEqual([['provider-address', 'warning']]);
  });
});

describe('7. Secrets', () => {
  test('a Secret in another namespace than the AlertmanagerConfig: caught', () => {
    const app = Testing.app();
    app.node.setContext('cdk8s-alerting:allowPlaintextSecrets', true);
    const c = new Chart(app, 'c', { namespace: 'monitoring' });
    const s = new kplus.Secret(c, 'S', { metadata: { name: 'hook', namespace: 'other' }, stringData: { url: 'https://example.invalid/hook' } });
    new AlertmanagerRouting(c, 'R', { receiver: new WebhookReceiver({ name: 'w', url: SecretKey.fromSecret(s, 'url') }) });
    expect(synthError(app)).toMatch(/\[c\/R\] secret-namespace: spec\.receivers\[0\]\.webhookConfigs\[0\]\.urlSecret: reads Secret "hook" from namespace "monitoring", but the Secret of that name is in "other"; Secrets are read from the referencing object's namespace/);
  });

  test('a Secret defined in the app without the referenced key: caught', () => {
    const app = Testing.app();
    app.node.setContext('cdk8s-alerting:allowPlaintextSecrets', true);
    const c = new Chart(app, 'c', { namespace: 'flux-system' });
    const s = new kplus.Secret(c, 'S', { metadata: { name: 'slack-url' }, stringData: { url: 'https://example.invalid/hook' } });
    new SlackProvider(c, 'Slack', { secret: s });
    expect(synthError(app)).toMatch(/\[c\/Slack\] secret-key-missing: spec\.secretRef: Secret flux-system\/slack-url has no key "address" \(it has \["url"\]\)/);
  });

  test('a Secret defined in the app with the right key and namespace passes only with the plaintext opt-in', () => {
    const build = (optIn: boolean) => {
      const app = Testing.app();
      if (optIn) { app.node.setContext('cdk8s-alerting:allowPlaintextSecrets', true); }
      const c = new Chart(app, 'c', { namespace: 'flux-system' });
      new SlackProvider(c, 'Slack', { secret: new kplus.Secret(c, 'S', { stringData: { address: 'https://example.invalid/hook' } }) });
      return app;
    };
    expect(synthError(build(false))).toMatch(/secret-plaintext: .*would be committed to Git in plaintext/);
    expect(synthError(build(true))).toBeUndefined();
  });
});

describe('reporting', () => {
  test('all problems of the app are reported at once, each with its construct path', () => {
    const { app, c } = setup();
    const p = new Prometheus(c, 'P', { name: 'main' });
    new PrometheusRules(c, 'Rules', { namespace: 'apps', prometheus: p });
    new AlertmanagerCluster(c, 'Am', { name: 'main' });
    new AlertmanagerRouting(c, 'Routing', { receiver: hook(c), groupWait: Duration.seconds(10) });
    const message = synthError(app)!;
    expect(message).toMatch(/\[c\/Rules\] rule-not-selected/);
    expect(message).toMatch(/\[c\/Routing\] config-not-selected/);
  });

  test('wiringFindings exposes the findings for tooling', () => {
    const { c } = setup();
    new AlertmanagerCluster(c, 'Am', { name: 'main' });
    const r = new AlertmanagerRouting(c, 'Routing', { receiver: hook(c) });
    expect(wiringFindings(c).get(r)?.map((f) => f.check)).toEqual(['config-not-selected']);
  });
});

describe('8. Flux alerts that reach the Alertmanager but no receiver (simulated)', () => {
  function build(withFluxRoute: boolean, strict = false) {
    const app = Testing.app();
    if (strict) { app.node.setContext('cdk8s-alerting:strict', true); }
    const c = new Chart(app, 'c', { namespace: 'prometheus' });
    const am = new AlertmanagerCluster(c, 'Am', { name: 'example', matcherStrategy: MatcherStrategy.ON_NAMESPACE_EXCEPT_FOR_ALERTMANAGER_NAMESPACE });
    const receiver = hook(c);
    // the first article's routing: only my-cluster-namespace
    new AlertmanagerRouting(c, 'R', { alertmanager: am, receiver, matchers: [Matcher.eq('namespace', 'my-cluster-namespace')] });
    if (withFluxRoute) {
      new AlertmanagerRouting(c, 'Flux', { alertmanager: am, receiver, matchers: [Matcher.regex('alertname', 'Flux.+')] });
    }
    const provider = new AlertmanagerProvider(c, 'P', { namespace: 'prometheus-alerts', alertmanager: am });
    new FluxErrorAlert(c, 'Errors', { provider, kinds: [FluxSourceKind.KUSTOMIZATION, FluxSourceKind.HELM_RELEASE] });
    return app;
  }

  test('the first article\'s Flux alerts end at the null receiver: a warning naming the sources', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(synthError(build(false))).toBeUndefined();
      const lines = stderr.mock.calls.map((a) => String(a[0])).filter((l) => l.includes('flux-alerts-undelivered'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/\[c\/Errors\] warning flux-alerts-undelivered: spec\.eventSources: error events of Kustomization in "prometheus-alerts", HelmRelease in "prometheus-alerts" reach Alertmanager prometheus\/example but no route sends them anywhere \(they end at prometheus\/example-base\/null/);
    } finally {
      stderr.mockRestore();
    }
    expect(synthError(build(false, true))).toMatch(/flux-alerts-undelivered/);
  });

  test('corrected with a route for Flux alerts', () => {
    expect(synthError(build(true, true))).toBeUndefined();
  });
});
