import { parse } from 'yaml';
import {
  ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS, KubeManifest, receiverSlug, renderEffectiveConfig, selectAlertmanagerConfigs, simulateRouting, toYaml,
} from '../../lib/simulate';
import { LAMBDA_RECEIVER, NULL_RECEIVER, SLACK_RECEIVER, alertmanagerOf, loadExampleStack } from '../e2e/_fixtures';

function am(spec: Record<string, unknown>, namespace = 'monitoring'): KubeManifest {
  return { apiVersion: 'monitoring.coreos.com/v1', kind: 'Alertmanager', metadata: { name: 'main', namespace }, spec };
}

function amc(namespace: string, name: string, spec: Record<string, unknown>, labels: Record<string, string> = { sel: 'yes' }): KubeManifest {
  return { apiVersion: 'monitoring.coreos.com/v1alpha1', kind: 'AlertmanagerConfig', metadata: { name, namespace, labels }, spec };
}

const simple = (receiver = 'r') => ({ route: { receiver }, receivers: [{ name: receiver }] });

describe('the example stack', () => {
  const manifests = loadExampleStack();
  const result = renderEffectiveConfig({ alertmanager: alertmanagerOf(manifests), alertmanagerConfigs: manifests });

  test('merges both CRs, ordered by <ns>/<name>, before the base routes', () => {
    expect(result.selected).toStrictEqual(['prometheus-alerts/flux-alerts', 'prometheus/example-alertmanagerconfig']);
    expect(result.rejected).toStrictEqual([]);
    expect(result.config.route.receiver).toBe(NULL_RECEIVER);
    expect(result.config.route.routes?.map((r) => r.receiver)).toStrictEqual([SLACK_RECEIVER, LAMBDA_RECEIVER]);
  });

  test('the Lambda route: namespace matcher appended, continue forced, durations copied', () => {
    expect(result.config.route.routes?.[1]).toStrictEqual({
      receiver: LAMBDA_RECEIVER,
      group_by: ['alertname'],
      matchers: ['severity=~"warning|critical|error"', 'namespace="prometheus"'],
      continue: true,
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '12h',
    });
  });

  test('base receivers are prefixed too, global and templates are written', () => {
    expect(result.config.receivers[0]).toStrictEqual({ name: NULL_RECEIVER });
    expect(result.config.global).toStrictEqual({ resolve_timeout: '5m' });
    expect(result.config.templates).toStrictEqual([]);
    expect(result.config.receivers.find((r) => r.name === LAMBDA_RECEIVER)).toStrictEqual({
      name: LAMBDA_RECEIVER, webhook_configs: [{ url: 'https://secret.invalid/prometheus/alertmanager-lambda/url' }],
    });
  });

  test('routing: ExampleAlert → Lambda; Flux in prometheus-alerts → Slack; Flux elsewhere → null', () => {
    const route = (labels: Record<string, string>) => receiverSlug(simulateRouting(result.config, labels));
    expect(route({ alertname: 'ExampleAlert', severity: 'warning', namespace: 'prometheus' })).toBe(LAMBDA_RECEIVER);
    expect(route({ alertname: 'FluxKustomizationReconciliationfailed', severity: 'error', namespace: 'prometheus-alerts' })).toBe(SLACK_RECEIVER);
    expect(route({ alertname: 'FluxKustomizationReconciliationfailed', severity: 'error', namespace: 'flux-system' })).toBe(NULL_RECEIVER);
    // The article's rule carries no labels: OnNamespace keeps it out of the Lambda route.
    expect(route({ alertname: 'ExampleAlert' })).toBe(NULL_RECEIVER);
  });

  test('toYaml round-trips and quotes the "null" receiver', () => {
    const text = toYaml(result.config);
    expect(parse(text)).toStrictEqual(JSON.parse(JSON.stringify(result.config)));
    expect(text).toContain('receiver: prometheus/example-base/null');
    expect(toYaml(renderEffectiveConfig({ alertmanager: am({}), alertmanagerConfigs: [] }).config)).toContain('receiver: "null"');
  });
});

describe('selection', () => {
  const configs = [amc('monitoring', 'b', simple()), amc('monitoring', 'a', simple()), amc('team', 'c', simple()), amc('monitoring', 'unlabelled', simple(), {})];

  test('a nil alertmanagerConfigSelector selects nothing, {} everything in scope', () => {
    expect(selectAlertmanagerConfigs(am({}), configs)).toStrictEqual([]);
    expect(selectAlertmanagerConfigs(am({ alertmanagerConfigSelector: {} }), configs).map((m) => m.metadata.name)).toStrictEqual(['a', 'b', 'unlabelled']);
  });

  test('a nil namespace selector means the Alertmanager namespace; {} all; labels use the given namespace labels', () => {
    const sel = { alertmanagerConfigSelector: { matchLabels: { sel: 'yes' } } };
    expect(selectAlertmanagerConfigs(am(sel), configs).map((m) => m.metadata.name)).toStrictEqual(['a', 'b']);
    expect(selectAlertmanagerConfigs(am({ ...sel, alertmanagerConfigNamespaceSelector: {} }), configs).map((m) => m.metadata.name)).toStrictEqual(['a', 'b', 'c']);
    const byLabel = am({ ...sel, alertmanagerConfigNamespaceSelector: { matchLabels: { env: 'prod' } } });
    expect(selectAlertmanagerConfigs(byLabel, configs, { team: { env: 'prod' } }).map((m) => m.metadata.name)).toStrictEqual(['c']);
  });

  test('the base CR is never selected, and duplicates are an error', () => {
    const spec = { alertmanagerConfigSelector: {}, alertmanagerConfiguration: { name: 'a' } };
    expect(selectAlertmanagerConfigs(am(spec), configs).map((m) => m.metadata.name)).toStrictEqual(['b', 'unlabelled']);
    expect(() => selectAlertmanagerConfigs(am(spec), [...configs, configs[0]])).toThrow(/two AlertmanagerConfig manifests are named monitoring\/b/);
  });
});

describe('namespace matcher strategies', () => {
  const crs = [
    amc('monitoring', 'own', { ...simple(), inhibitRules: [{ sourceMatch: [{ name: 'severity', value: 'critical' }], targetMatch: [{ name: 'severity', value: 'warning' }], equal: ['alertname'] }] }),
    amc('team', 'other', simple()),
  ];
  const render = (type?: string) => renderEffectiveConfig({
    alertmanager: am({ alertmanagerConfigSelector: {}, alertmanagerConfigNamespaceSelector: {}, ...(type ? { alertmanagerConfigMatcherStrategy: { type } } : {}) }),
    alertmanagerConfigs: crs,
  }).config;

  test('OnNamespace (default) adds the matcher to routes and both sides of inhibit rules', () => {
    const c = render();
    expect(c.route.routes?.map((r) => r.matchers)).toStrictEqual([['namespace="monitoring"'], ['namespace="team"']]);
    expect(c.inhibit_rules).toStrictEqual([{
      target_matchers: ['severity="warning"', 'namespace="monitoring"'],
      source_matchers: ['severity="critical"', 'namespace="monitoring"'],
      equal: ['alertname'],
    }]);
  });

  test('OnNamespaceExceptForAlertmanagerNamespace skips CRs in the Alertmanager namespace', () => {
    const c = render('OnNamespaceExceptForAlertmanagerNamespace');
    expect(c.route.routes?.map((r) => r.matchers)).toStrictEqual([undefined, ['namespace="team"']]);
    expect(c.inhibit_rules?.[0].source_matchers).toStrictEqual(['severity="critical"']);
  });

  test('None never adds it, but continue stays forced', () => {
    const c = render('None');
    expect(c.route.routes).toStrictEqual([
      { receiver: 'monitoring/own/r', continue: true },
      { receiver: 'team/other/r', continue: true },
    ]);
  });
});

describe('CR conversion details', () => {
  const render = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => renderEffectiveConfig({
    alertmanager: am({ alertmanagerConfigSelector: {}, ...extra }),
    alertmanagerConfigs: [amc('monitoring', 'cr', spec)],
  });

  test('child routes are converted recursively, prefixed, not forced to continue', () => {
    const { config } = render({
      route: {
        receiver: 'a',
        routes: [{ receiver: 'b', matchers: [{ name: 'x', value: 'y', regex: true }], groupWait: '0s', groupInterval: '0s', routes: [{ continue: true }] }],
        muteTimeIntervals: ['night'],
      },
      receivers: [{ name: 'a' }, { name: 'b' }],
      muteTimeIntervals: [{ name: 'night', timeIntervals: [{ times: [{ startTime: '00:00', endTime: '06:00' }], weekdays: ['Monday:Friday'], months: ['1:3'], daysOfMonth: [{ start: 1, end: 7 }] }] }],
    });
    expect(config.route.routes?.[0]).toStrictEqual({
      receiver: 'monitoring/cr/a',
      matchers: ['namespace="monitoring"'],
      continue: true,
      routes: [{ receiver: 'monitoring/cr/b', matchers: ['x=~"y"'], routes: [{ continue: true }], group_wait: '0s' }],
      mute_time_intervals: ['monitoring/cr/night'],
    });
    expect(config.mute_time_intervals).toStrictEqual([{
      name: 'monitoring/cr/night',
      time_intervals: [{ times: [{ start_time: '00:00', end_time: '06:00' }], weekdays: ['monday:friday'], days_of_month: ['1:7'], months: ['1:3'] }],
    }]);
  });

  test('a CR without route keeps its inhibit rules but loses its receivers', () => {
    const { config, selected } = render({ receivers: [{ name: 'a' }], inhibitRules: [{ sourceMatch: [{ name: 'a', value: '1' }], targetMatch: [{ name: 'b', value: '1' }] }] });
    expect(selected).toStrictEqual(['monitoring/cr']);
    expect(config.receivers.map((r) => r.name)).toStrictEqual(['null']);
    expect(config.inhibit_rules).toHaveLength(1);
    expect(config.route.routes).toBeUndefined();
  });

  test.each([
    [{ route: { receiver: 'missing' }, receivers: [{ name: 'a' }] }, /receiver "missing" not found/],
    [{ route: {}, receivers: [] }, /root route must define a receiver/],
    [{ route: { receiver: 'a' }, receivers: [{ name: 'a' }, { name: 'a' }] }, /"a" receiver is not unique/],
    [{ route: { receiver: 'a', groupBy: ['...', 'x'] }, receivers: [{ name: 'a' }] }, /'\.\.\.' must be a sole value/],
    [{ route: { receiver: 'a', routes: [{ reciever: 'a' }] }, receivers: [{ name: 'a' }] }, /unknown field "reciever"/],
    [{ route: { receiver: 'a', groupWait: '30 s' }, receivers: [{ name: 'a' }] }, /groupWait 30 s is not a valid duration/],
    [{ route: { receiver: 'a' }, receivers: [{ name: 'a', webhookConfigs: [{ sendResolved: true }] }] }, /one of 'url' or 'urlSecret'/],
  ])('the operator rejects %j', (spec, reason) => {
    const result = render(spec);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0].reason).toMatch(reason);
    expect(result.config.route.routes).toBeUndefined();
  });

  test('a missing secret rejects the CR; resolved secrets are written verbatim', () => {
    const spec = { route: { receiver: 'a' }, receivers: [{ name: 'a', pagerdutyConfigs: [{ routingKey: { name: 'pd', key: 'key' } }] }] };
    const missing = renderEffectiveConfig({ alertmanager: am({ alertmanagerConfigSelector: {} }), alertmanagerConfigs: [amc('monitoring', 'cr', spec)], resolveSecret: () => undefined });
    expect(missing.rejected[0].reason).toMatch(/secret monitoring\/pd has no key "key"/);
    const resolved = renderEffectiveConfig({
      alertmanager: am({ alertmanagerConfigSelector: {} }),
      alertmanagerConfigs: [amc('monitoring', 'cr', spec)],
      resolveSecret: (ns, name, key) => `${ns}:${name}:${key}`,
    });
    expect(resolved.config.receivers[1]).toStrictEqual({ name: 'monitoring/cr/a', pagerduty_configs: [{ routing_key: 'monitoring:pd:key' }] });
  });
});

describe('the base configuration', () => {
  test('without alertmanagerConfiguration: the operator default, route and receiver "null"', () => {
    const { config } = renderEffectiveConfig({ alertmanager: am({}), alertmanagerConfigs: [] });
    expect(config).toStrictEqual({ global: { resolve_timeout: '5m' }, route: { receiver: 'null' }, receivers: [{ name: 'null' }], templates: [] });
  });

  test('names prefixed, no namespace matcher, own child routes kept after the CR routes, global mapped', () => {
    const base = amc('monitoring', 'main-base', {
      route: { receiver: 'null', groupBy: ['alertname'], routes: [{ receiver: 'ops', matchers: [{ name: 'team', value: 'ops', matchType: '=' }] }] },
      receivers: [{ name: 'null' }, { name: 'ops', emailConfigs: [{ to: 'ops@example.com' }] }],
      inhibitRules: [{ sourceMatch: [{ name: 'severity', value: 'critical', matchType: '=' }], targetMatch: [{ name: 'severity', value: 'warning', matchType: '=' }] }],
    }, {});
    const { config } = renderEffectiveConfig({
      alertmanager: am({
        alertmanagerConfigSelector: {},
        alertmanagerConfiguration: {
          name: 'main-base',
          global: { resolveTimeout: '10m', smtp: { from: 'am@example.com', smartHost: { host: 'smtp', port: '25' } }, slackApiUrl: { name: 'slack', key: 'url' } },
          templates: [{ configMap: { name: 't', key: 'slack.tmpl' } }],
        },
      }),
      alertmanagerConfigs: [base, amc('monitoring', 'cr', simple())],
    });
    expect(config.global).toStrictEqual({
      resolve_timeout: '10m', smtp_from: 'am@example.com', smtp_smarthost: 'smtp:25', slack_api_url: 'https://secret.invalid/monitoring/slack/url',
    });
    expect(config.route).toStrictEqual({
      receiver: 'monitoring/main-base/null',
      group_by: ['alertname'],
      routes: [
        { receiver: 'monitoring/cr/r', matchers: ['namespace="monitoring"'], continue: true },
        { receiver: 'monitoring/main-base/ops', matchers: ['team="ops"'] },
      ],
    });
    expect(config.inhibit_rules).toStrictEqual([{ target_matchers: ['severity="warning"'], source_matchers: ['severity="critical"'] }]);
    expect(config.templates).toStrictEqual(['/etc/alertmanager/templates/slack.tmpl']);
  });

  test('a missing or invalid base fails like the operator reconciliation', () => {
    const spec = { alertmanagerConfiguration: { name: 'nope' } };
    expect(() => renderEffectiveConfig({ alertmanager: am(spec), alertmanagerConfigs: [] })).toThrow(/"nope" names no AlertmanagerConfig in namespace monitoring/);
    const withMatchers = amc('monitoring', 'nope', { route: { receiver: 'r', matchers: [{ name: 'a', value: 'b' }] }, receivers: [{ name: 'r' }] });
    expect(() => renderEffectiveConfig({ alertmanager: am(spec), alertmanagerConfigs: [withMatchers] })).toThrow(/'matchers' not permitted on root route/);
  });
});

describe('integrations Alertmanager 0.25 lacks', () => {
  test('omitIntegrations drops msteams_configs, keeps the receiver and reports it', () => {
    const manifests = loadExampleStack({ withMsTeams: true });
    const result = renderEffectiveConfig({
      alertmanager: alertmanagerOf(manifests), alertmanagerConfigs: manifests, omitIntegrations: ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS,
    });
    expect(result.omitted).toStrictEqual([{ receiver: 'prometheus-alerts/flux-alerts/msteams', integration: 'msteams_configs' }]);
    expect(result.config.receivers.find((r) => r.name === 'prometheus-alerts/flux-alerts/msteams')).toStrictEqual({ name: 'prometheus-alerts/flux-alerts/msteams' });
  });
});

describe('what the operator does not check', () => {
  test('an invalid regex passes the operator and reaches the config (Alertmanager then refuses it)', () => {
    const result = renderEffectiveConfig({
      alertmanager: am({ alertmanagerConfigSelector: {} }),
      alertmanagerConfigs: [amc('monitoring', 'cr', { route: { receiver: 'a', matchers: [{ name: 'x', value: '(', matchType: '=~' }] }, receivers: [{ name: 'a' }] })],
    });
    expect(result.rejected).toStrictEqual([]);
    expect(result.config.route.routes?.[0].matchers).toStrictEqual(['x=~"("', 'namespace="monitoring"']);
    expect(() => simulateRouting(result.config, {})).toThrow(/missing closing \)/);
  });
});
