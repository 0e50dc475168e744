/**
 * What prometheus-operator v0.93 does that the effective configuration must reproduce: the base
 * configuration Secret, the Alertmanager version (default, gates, match/match_re before 0.22),
 * rejections, reconciliation failures and dropped fields. Expectations come from the operator's
 * code (pkg/alertmanager/operator.go, amcfg.go), not from our output.
 */
import { parse } from 'yaml';
import {
  KubeManifest, OPERATOR_DEFAULT_ALERTMANAGER_VERSION, configSecretManifest, configSecretName, OperatorReconcileError, RejectionCause, parseAlertmanagerVersion, renderEffectiveConfig, toYaml,
} from '../../lib/simulate';
import { simulateRouting } from '../../lib/simulate/route-simulator';

function am(spec: Record<string, unknown>, name = 'main', namespace = 'monitoring'): KubeManifest {
  return { apiVersion: 'monitoring.coreos.com/v1', kind: 'Alertmanager', metadata: { name, namespace }, spec };
}
function amc(namespace: string, name: string, spec: Record<string, unknown>): KubeManifest {
  return { apiVersion: 'monitoring.coreos.com/v1alpha1', kind: 'AlertmanagerConfig', metadata: { name, namespace }, spec };
}
function secret(namespace: string, name: string, data: Record<string, string>, encoding: 'stringData' | 'data' = 'stringData'): KubeManifest {
  const values = encoding === 'data' ? Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) : data;
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, [encoding]: values } as KubeManifest;
}
const failureOf = (f: () => unknown): OperatorReconcileError => {
  try {
    f();
  } catch (e) {
    if (e instanceof OperatorReconcileError) { return e; }
    throw e;
  }
  throw new Error('expected the operator to fail');
};

describe('the Alertmanager version', () => {
  test('spec.version is read like semver.ParseTolerant; unset is the operator default v0.33.1', () => {
    expect(parseAlertmanagerVersion('v0.25')).toMatchObject({ major: 0, minor: 25, patch: 0 });
    expect(OPERATOR_DEFAULT_ALERTMANAGER_VERSION).toBe('v0.33.1');
    expect(renderEffectiveConfig({ alertmanager: am({}), alertmanagerConfigs: [] }).version).toBe('0.33.1');
    expect(renderEffectiveConfig({ alertmanager: am({ version: 'v0.27.0' }), alertmanagerConfigs: [] }).version).toBe('0.27.0');
  });

  test('a version below 0.15 or above 0.x fails the reconciliation', () => {
    expect(failureOf(() => renderEffectiveConfig({ alertmanager: am({ version: 'v0.14.0', alertmanagerConfigSelector: {} }), alertmanagerConfigs: [] })).message)
      .toMatch(/unsupported Alertmanager version "v0.14.0"/);
    expect(failureOf(() => renderEffectiveConfig({ alertmanager: am({ version: '1.0.0' }), alertmanagerConfigs: [] })).culprit.kind).toBe('Alertmanager');
  });
});

describe('the base configuration Secret', () => {
  const base = `global: { resolve_timeout: 2m, slack_api_url: "https://hooks.slack.example/T/B/X" }
route:
  receiver: "null"
  group_by: [namespace]
  routes: [{ receiver: ops, matchers: ['team="ops"'] }]
inhibit_rules: [{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: [alertname] }]
receivers:
- name: "null"
- name: ops
  slack_configs: [{ channel: "#ops", api_url: "https://hooks.slack.example/T/B/OPS" }]
templates: [/etc/alertmanager/config/*.tmpl]
`;
  const team = amc('team', 'team', { route: { receiver: 'hook' }, receivers: [{ name: 'hook', webhookConfigs: [{ url: 'https://hook.example/' }] }] });
  const spec = { alertmanagerConfigSelector: {}, alertmanagerConfigNamespaceSelector: {} };

  test('alertmanager-<name>, key alertmanager.yaml: the CR routes go first under its root route, the rest is kept', () => {
    const result = renderEffectiveConfig({ alertmanager: am(spec), alertmanagerConfigs: [team, secret('monitoring', 'alertmanager-main', { 'alertmanager.yaml': base }, 'data')], revealSecrets: true });
    expect(result.base).toStrictEqual({ kind: 'secret', namespace: 'monitoring', name: 'alertmanager-main', known: true, isDefault: false });
    expect(result.assumptions).toStrictEqual([]);
    expect(result.config.route).toStrictEqual({
      receiver: 'null',
      group_by: ['namespace'],
      routes: [
        { receiver: 'team/team/hook', matchers: ['namespace="team"'], continue: true },
        { receiver: 'ops', matchers: ['team="ops"'] },
      ],
    });
    expect(result.config.receivers.map((r) => r.name)).toStrictEqual(['null', 'ops', 'team/team/hook']);
    expect(result.config.inhibit_rules).toHaveLength(1);
    expect(result.config.templates).toStrictEqual(['/etc/alertmanager/config/*.tmpl']);
    expect(result.config.global).toStrictEqual({ resolve_timeout: '2m', slack_api_url: 'https://hooks.slack.example/T/B/X' });
    expect(simulateRouting(result.config, { team: 'ops' }).map((m) => m.receiver)).toStrictEqual(['ops']);
  });

  test('its secret values are placeholders unless revealSecrets', () => {
    const { config } = renderEffectiveConfig({ alertmanager: am(spec), alertmanagerConfigs: [secret('monitoring', 'alertmanager-main', { 'alertmanager.yaml': base })] });
    const text = toYaml(config);
    expect(text).not.toContain('hooks.slack.example');
    expect(config.global?.slack_api_url).toBe('https://secret.invalid/monitoring/alertmanager-main/alertmanager.yaml');
    expect((config.receivers[1].slack_configs as Array<Record<string, unknown>>)[0]).toStrictEqual({ channel: '#ops', api_url: 'https://secret.invalid/monitoring/alertmanager-main/alertmanager.yaml' });
  });

  test('configSecretManifest builds the Secret from YAML or an object', () => {
    const obj = { route: { receiver: 'x' }, receivers: [{ name: 'x' }] };
    for (const config of [obj, 'route: { receiver: x }\nreceivers: [{ name: x }]']) {
      const s = configSecretManifest('monitoring', configSecretName(am(spec)), config);
      expect(s.metadata).toStrictEqual({ name: 'alertmanager-main', namespace: 'monitoring' });
      expect(renderEffectiveConfig({ alertmanager: am(spec), alertmanagerConfigs: [team, s] }).config.route.receiver).toBe('x');
    }
  });

  test('spec.configSecret names another Secret', () => {
    const result = renderEffectiveConfig({
      alertmanager: am({ ...spec, configSecret: 'custom' }),
      alertmanagerConfigs: [],
      secrets: [secret('monitoring', 'custom', { 'alertmanager.yaml': 'route: { receiver: x }\nreceivers: [{ name: x }]' }), secret('monitoring', 'alertmanager-main', { 'alertmanager.yaml': base })],
    });
    expect(result.config.route).toStrictEqual({ receiver: 'x' });
  });

  test('absent from the model: the operator default is assumed and said so; a Secret without the key is the default as a fact', () => {
    const absent = renderEffectiveConfig({ alertmanager: am(spec), alertmanagerConfigs: [] });
    expect(absent.config.route).toStrictEqual({ receiver: 'null' });
    expect(absent.base).toMatchObject({ known: false, isDefault: true });
    expect(absent.assumptions).toStrictEqual([expect.stringMatching(/Secret monitoring\/alertmanager-main .* is not in the model: assumed absent/)]);
    const noKey = renderEffectiveConfig({ alertmanager: am(spec), alertmanagerConfigs: [secret('monitoring', 'alertmanager-main', { other: 'x' })] });
    expect(noKey.base).toMatchObject({ known: true, isDefault: true });
    expect(noKey.assumptions).toStrictEqual([]);
    const sops = renderEffectiveConfig({ alertmanager: am(spec), alertmanagerConfigs: [secret('monitoring', 'alertmanager-main', { 'alertmanager.yaml': 'ENC[AES256_GCM,data:abc]' })] });
    expect(sops.assumptions).toStrictEqual([expect.stringMatching(/SOPS-encrypted/)]);
  });

  test.each([
    ['not YAML', 'route: [', /is not a valid Alertmanager configuration/],
    ['no route', 'receivers: [{ name: x }]', /no routes provided/],
    ['matchers on the root route', 'route: { receiver: x, matchers: [a="b"] }\nreceivers: [{ name: x }]', /root route must not have any matchers/],
    ['an unknown receiver', 'route: { receiver: y }\nreceivers: [{ name: x }]', /undefined receiver "y" used in route/],
  ])('an invalid base (%s) fails the reconciliation, on the Secret', (_what, text, reason) => {
    const e = failureOf(() => renderEffectiveConfig({ alertmanager: am(spec), alertmanagerConfigs: [secret('monitoring', 'alertmanager-main', { 'alertmanager.yaml': text })] }));
    expect(e.message).toMatch(reason);
    expect(e.culprit).toStrictEqual({ kind: 'Secret', namespace: 'monitoring', name: 'alertmanager-main' });
  });

  test('without alertmanagerConfigSelector and alertmanagerConfiguration the Secret is used as it is', () => {
    const raw = 'route: { receiver: x, routes: [{ receiver: x, mute_time_intervals: [night] }] }\nreceivers: [{ name: x }]\nmute_time_intervals: [{ name: night, time_intervals: [{ times: [{ start_time: "00:00", end_time: "06:00" }] }] }]';
    const result = renderEffectiveConfig({ alertmanager: am({ version: 'v0.21.0' }), alertmanagerConfigs: [team, secret('monitoring', 'alertmanager-main', { 'alertmanager.yaml': raw })] });
    expect(result.config.route.routes?.[0].mute_time_intervals).toStrictEqual(['night']); // not sanitized
    expect(result.selected).toStrictEqual([]);
  });

  test('a kube-prometheus-stack base: the chart\'s config Secret merged as the operator merges it', () => {
    // The chart's default alertmanager.config, rendered into Secret alertmanager-<release>-alertmanager.
    const kps = `global: { resolve_timeout: 5m }
inhibit_rules:
- { source_matchers: ['severity = critical'], target_matchers: ['severity =~ warning|info'], equal: [namespace, alertname] }
- { source_matchers: ['severity = warning'], target_matchers: ['severity = info'], equal: [namespace, alertname] }
- { source_matchers: ['alertname = InfoInhibitor'], target_matchers: ['severity = info'], equal: [namespace] }
- { target_matchers: ['alertname = InfoInhibitor'] }
route:
  group_by: [namespace]
  group_wait: 30s
  group_interval: 5m
  repeat_interval: 12h
  receiver: "null"
  routes: [{ receiver: "null", matchers: ['alertname = "Watchdog"'] }]
receivers: [{ name: "null" }]
templates: ['/etc/alertmanager/config/*.tmpl']
`;
    const kpsAm = am({ alertmanagerConfigSelector: { matchLabels: { release: 'kps' } }, alertmanagerConfigNamespaceSelector: {}, alertmanagerConfigMatcherStrategy: { type: 'OnNamespace' } }, 'kps-alertmanager');
    const teamA = { ...amc('team-a', 'routing', { route: { receiver: 'slack', matchers: [{ name: 'severity', value: 'critical', matchType: '=' }] }, receivers: [{ name: 'slack', slackConfigs: [{ apiURL: { name: 'slack', key: 'url' }, channel: '#a' }] }], inhibitRules: [{ sourceMatch: [{ name: 'alertname', value: 'Down', matchType: '=' }], targetMatch: [{ name: 'severity', value: 'warning', matchType: '=' }] }] }) };
    teamA.metadata = { ...teamA.metadata, labels: { release: 'kps' } };
    const { config } = renderEffectiveConfig({ alertmanager: kpsAm, alertmanagerConfigs: [teamA, secret('monitoring', 'alertmanager-kps-alertmanager', { 'alertmanager.yaml': kps })] });
    expect(parse(toYaml(config))).toStrictEqual({
      global: { resolve_timeout: '5m' },
      route: {
        receiver: 'null',
        group_by: ['namespace'],
        routes: [
          { receiver: 'team-a/routing/slack', matchers: ['severity="critical"', 'namespace="team-a"'], continue: true },
          { receiver: 'null', matchers: ['alertname = "Watchdog"'] },
        ],
        group_wait: '30s',
        group_interval: '5m',
        repeat_interval: '12h',
      },
      inhibit_rules: [
        { source_matchers: ['severity = critical'], target_matchers: ['severity =~ warning|info'], equal: ['namespace', 'alertname'] },
        { source_matchers: ['severity = warning'], target_matchers: ['severity = info'], equal: ['namespace', 'alertname'] },
        { source_matchers: ['alertname = InfoInhibitor'], target_matchers: ['severity = info'], equal: ['namespace'] },
        { target_matchers: ['alertname = InfoInhibitor'] },
        { target_matchers: ['severity="warning"', 'namespace="team-a"'], source_matchers: ['alertname="Down"', 'namespace="team-a"'] },
      ],
      receivers: [{ name: 'null' }, { name: 'team-a/routing/slack', slack_configs: [{ api_url: 'https://secret.invalid/team-a/slack/url', channel: '#a' }] }],
      templates: ['/etc/alertmanager/config/*.tmpl'],
    });
  });
});

describe('email receivers need a smarthost and a from', () => {
  const mail = (email: Record<string, unknown>) => amc('monitoring', 'team', { route: { receiver: 'mail' }, receivers: [{ name: 'mail', emailConfigs: [{ to: 'a@example.com', ...email }] }] });
  const spec = { alertmanagerConfigSelector: {} };
  const withBase = (text: string) => [secret('monitoring', 'alertmanager-main', { 'alertmanager.yaml': text })];

  test('neither at receiver level nor in the base global section: the operator fails the whole configuration', () => {
    const e = failureOf(() => renderEffectiveConfig({ alertmanager: am(spec), alertmanagerConfigs: [mail({}), ...withBase('route: { receiver: x }\nreceivers: [{ name: x }]')] }));
    expect(e.message).toMatch(/SMTP smarthost is a mandatory field/);
    expect(e.culprit).toStrictEqual({ kind: 'AlertmanagerConfig', namespace: 'monitoring', name: 'team' });
    expect(e.assumed).toBe(false);
    expect(failureOf(() => renderEffectiveConfig({ alertmanager: am(spec), alertmanagerConfigs: [mail({ smarthost: 'smtp:25' }), ...withBase('route: { receiver: x }\nreceivers: [{ name: x }]')] })).message)
      .toMatch(/SMTP from is a mandatory field/);
  });

  test('given at receiver level, or in the global section, it is accepted', () => {
    expect(renderEffectiveConfig({ alertmanager: am(spec), alertmanagerConfigs: [mail({ smarthost: 'smtp:25', from: 'am@example.com' })] }).selected).toStrictEqual(['monitoring/team']);
    const global = 'global: { smtp_smarthost: "smtp:25", smtp_from: am@example.com }\nroute: { receiver: x }\nreceivers: [{ name: x }]';
    expect(renderEffectiveConfig({ alertmanager: am(spec), alertmanagerConfigs: [mail({}), ...withBase(global)] }).selected).toStrictEqual(['monitoring/team']);
    const baseCr = amc('monitoring', 'base', { route: { receiver: 'x' }, receivers: [{ name: 'x' }] });
    const ac = { name: 'base', global: { smtp: { smartHost: { host: 'smtp', port: '25' }, from: 'am@example.com' } } };
    expect(renderEffectiveConfig({ alertmanager: am({ ...spec, alertmanagerConfiguration: ac }), alertmanagerConfigs: [mail({}), baseCr] }).selected).toStrictEqual(['monitoring/team']);
  });

  test('with the base Secret absent from the model, the failure is only assumed', () => {
    expect(failureOf(() => renderEffectiveConfig({ alertmanager: am(spec), alertmanagerConfigs: [mail({})] })).assumed).toBe(true);
  });
});

describe('fields gated by the Alertmanager version', () => {
  const spec = (version: string, extra: Record<string, unknown> = {}) => ({ version, alertmanagerConfigSelector: {}, ...extra });
  const cr = (receiver: Record<string, unknown>) => amc('monitoring', 'team', { route: { receiver: 'r' }, receivers: [{ name: 'r', ...receiver }] });
  const render = (version: string, receiver: Record<string, unknown>) => renderEffectiveConfig({ alertmanager: am(spec(version)), alertmanagerConfigs: [cr(receiver)] });

  test.each([
    ['email forceImplicitTLS', { emailConfigs: [{ to: 'a@b', smarthost: 's:25', from: 'f@b', forceImplicitTLS: true }] }, 'v0.30.0', 'v0.31.0', /forceImplicitTLS' is available in Alertmanager >= 0.31.0/],
    ['email threading', { emailConfigs: [{ to: 'a@b', smarthost: 's:25', from: 'f@b', threading: { threadByDate: 'Daily' } }] }, 'v0.29.0', 'v0.30.0', /threading'/],
    ['MS Teams Workflows (msteamsv2Configs)', { msteamsv2Configs: [{ webhookURL: { name: 't', key: 'url' } }] }, 'v0.27.0', 'v0.28.0', /msteamsv2 integration is only available in Alertmanager >= 0.28.0/],
    ['MS Teams (msteamsConfigs)', { msteamsConfigs: [{ webhookUrl: { name: 't', key: 'url' } }] }, 'v0.25.0', 'v0.26.0', /msteams integration is only available/],
    ['webex', { webexConfigs: [{ roomID: 'r', httpConfig: { authorization: { credentials: { name: 'w', key: 't' } } } }] }, 'v0.24.0', 'v0.25.0', /webexConfigs' is available in Alertmanager >= 0.25.0/],
    ['discord', { discordConfigs: [{ apiURL: { name: 'd', key: 'url' } }] }, 'v0.24.0', 'v0.25.0', /discordConfigs'/],
    ['telegram', { telegramConfigs: [{ botToken: { name: 't', key: 'k' }, chatID: 1 }] }, 'v0.23.0', 'v0.24.0', /telegramConfigs'/],
    ['rocketchat', { rocketchatConfigs: [{ token: { name: 't', key: 'k' }, tokenID: { name: 't', key: 'i' } }] }, 'v0.27.0', 'v0.28.0', /rocketChatConfigs'/],
    ['slack messageText', { slackConfigs: [{ messageText: 'm' }] }, 'v0.30.0', 'v0.31.0', /messageText'/],
    ['webhook payload', { webhookConfigs: [{ url: 'https://h.example/', payload: 'x' }] }, 'v0.31.0', 'v0.32.0', /payload'/],
    ['sns useAWSHTTPClient', { snsConfigs: [{ topicARN: 'arn', useAWSHTTPClient: true }] }, 'v0.32.0', 'v0.33.0', /useAWSHTTPClient'/],
    ['opsgenie teams responder', { opsgenieConfigs: [{ responders: [{ type: 'teams', name: 'x' }] }] }, 'v0.23.0', 'v0.24.0', /'teams' set in 'opsgenieResponder'/],
    ['httpConfig authorization', { webhookConfigs: [{ url: 'https://h.example/', httpConfig: { authorization: { credentials: { name: 'a', key: 'b' } } } }] }, 'v0.21.0', 'v0.22.0', /'authorization' config set in 'httpConfig'/],
    ['httpConfig noProxy', { webhookConfigs: [{ url: 'https://h.example/', httpConfig: { proxyUrl: 'http://p', noProxy: 'x' } }] }, 'v0.24.0', 'v0.25.0', /'ProxyConfig'/],
  ])('%s: the CR is rejected below the version, merged from it', (_what, receiver, below, from, reason) => {
    const old = render(below, receiver);
    expect(old.rejected).toStrictEqual([{ name: 'monitoring/team', reason: expect.stringMatching(reason), cause: RejectionCause.VERSION }]);
    expect(render(from, receiver).rejected).toStrictEqual([]);
  });

  test.each([
    ['webhook timeout', { webhookConfigs: [{ url: 'https://h.example/', timeout: '5s' }] }, 'v0.27.0', 'timeout'],
    ['slack timeout', { slackConfigs: [{ timeout: '5s' }] }, 'v0.29.0', 'timeout'],
    ['pagerduty source', { pagerdutyConfigs: [{ routingKey: { name: 'p', key: 'k' }, source: 's' }] }, 'v0.24.0', 'source'],
    ['discord content', { discordConfigs: [{ apiURL: { name: 'd', key: 'url' }, content: 'c' }] }, 'v0.27.0', 'content'],
    ['msteams summary', { msteamsConfigs: [{ webhookUrl: { name: 't', key: 'url' }, summary: 's' }] }, 'v0.26.0', 'summary'],
    ['tls min_version', { webhookConfigs: [{ url: 'https://h.example/', httpConfig: { tlsConfig: { minVersion: 'TLS12' } } }] }, 'v0.24.0', 'min_version'],
    ['sns externalID', { snsConfigs: [{ topicARN: 'arn', sigv4: { roleArn: 'r', externalID: 'e' } }] }, 'v0.32.0', 'externalID'],
  ])('%s: dropped with the operator\'s warning, attributed to the CR', (_what, receiver, version, field) => {
    const result = render(version, receiver);
    expect(result.rejected).toStrictEqual([]);
    expect(result.dropped).toStrictEqual([expect.objectContaining({ source: 'monitoring/team', path: expect.stringContaining(field) })]);
    expect(JSON.stringify(result.config.receivers)).not.toMatch(new RegExp(`"${field === 'externalID' ? 'external_id' : field}"`));
  });

  test('global fields of alertmanagerConfiguration: an unsupported integration fails the reconciliation', () => {
    const base = amc('monitoring', 'base', { route: { receiver: 'x' }, receivers: [{ name: 'x' }] });
    const render2 = (version: string, global: Record<string, unknown>) => () => renderEffectiveConfig({
      alertmanager: am(spec(version, { alertmanagerConfiguration: { name: 'base', global } })), alertmanagerConfigs: [base],
    });
    expect(failureOf(render2('v0.24.0', { webex: { apiURL: 'https://webex.example.com' } })).message).toMatch(/'webex' integration requires Alertmanager >= 0.25.0/);
    expect(render2('v0.25.0', { webex: { apiURL: 'https://webex.example.com' } })().config.global).toMatchObject({ webex_api_url: 'https://webex.example.com' });
    expect(failureOf(render2('v0.30.0', { smtp: { forceImplicitTLS: true } })).message).toMatch(/'forceImplicitTLS' integration requires Alertmanager >= 0.31.0/);
    expect(render2('v0.31.0', { smtp: { forceImplicitTLS: true } })().config.global).toMatchObject({ smtp_force_implicit_tls: true });
  });

  test('a base Secret with a field the version refuses fails; one it merely lacks is dropped', () => {
    const text = (receiver: string) => `route: { receiver: x }\nreceivers: [{ name: x, ${receiver} }]`;
    const render3 = (receiver: string, version: string) => () => renderEffectiveConfig({
      alertmanager: am(spec(version)), alertmanagerConfigs: [secret('monitoring', 'alertmanager-main', { 'alertmanager.yaml': text(receiver) })],
    });
    const e = failureOf(render3('msteamsv2_configs: [{ webhook_url: "https://teams.example/" }]', 'v0.27.0'));
    expect(e.message).toMatch(/msteams v2 integration is available in Alertmanager >= 0.28.0/);
    expect(e.culprit.kind).toBe('Secret');
    const dropped = render3('webhook_configs: [{ url: "https://h.example/", timeout: 5s }]', 'v0.27.0')();
    expect(dropped.dropped).toStrictEqual([expect.objectContaining({ path: 'receivers["x"].webhook_configs[0].timeout' })]);
    expect(dropped.dropped[0].source).toBeUndefined();
  });
});

describe('HTTP configs with more than one authentication', () => {
  const hook = (httpConfig: Record<string, unknown>) => amc('monitoring', 'team', { route: { receiver: 'r' }, receivers: [{ name: 'r', webhookConfigs: [{ url: 'https://h.example/', httpConfig }] }] });
  const ref = { name: 's', key: 'k' };
  test.each([
    [{ basicAuth: { username: ref, password: ref }, authorization: { credentials: ref } }],
    [{ oauth2: { clientId: { secret: ref }, clientSecret: ref, tokenUrl: 'https://t.example' }, authorization: { credentials: ref } }],
    [{ basicAuth: { username: ref, password: ref }, oauth2: { clientId: { secret: ref }, clientSecret: ref, tokenUrl: 'https://t.example' } }],
  ])('%j is rejected; each alone is accepted', (httpConfig) => {
    const render = (hc: Record<string, unknown>) => renderEffectiveConfig({ alertmanager: am({ alertmanagerConfigSelector: {} }), alertmanagerConfigs: [hook(hc)] });
    expect(render(httpConfig).rejected).toStrictEqual([{ name: 'monitoring/team', reason: expect.stringMatching(/at most one of 'basicAuth', 'oauth2' and 'authorization'/), cause: RejectionCause.INVALID }]);
    for (const [k, v] of Object.entries(httpConfig)) { expect(render({ [k]: v }).rejected).toStrictEqual([]); }
  });
});

describe('before Alertmanager 0.22', () => {
  const spec = { version: 'v0.21.0', alertmanagerConfigSelector: {} };
  test('matchers without matchType become match/match_re, and the namespace matcher goes into match', () => {
    const cr = amc('monitoring', 'team', {
      route: { receiver: 'r', matchers: [{ name: 'severity', value: 'critical' }, { name: 'job', value: 'a|b', regex: true }] },
      receivers: [{ name: 'r' }],
      inhibitRules: [{ sourceMatch: [{ name: 'severity', value: 'critical' }], targetMatch: [{ name: 'severity', value: 'warning' }] }],
    });
    const { config } = renderEffectiveConfig({ alertmanager: am(spec), alertmanagerConfigs: [cr] });
    expect(config.route.routes).toStrictEqual([{ receiver: 'monitoring/team/r', match: { severity: 'critical', namespace: 'monitoring' }, match_re: { job: 'a|b' }, continue: true }]);
    expect(config.inhibit_rules).toStrictEqual([{ target_match: { severity: 'warning', namespace: 'monitoring' }, source_match: { severity: 'critical', namespace: 'monitoring' } }]);
    expect(simulateRouting(config, { severity: 'critical', job: 'a', namespace: 'monitoring' }).map((m) => m.receiver)).toStrictEqual(['monitoring/team/r']);
  });

  test('a matcher with matchType rejects the CR', () => {
    const cr = amc('monitoring', 'team', { route: { receiver: 'r', routes: [{ receiver: 'r', matchers: [{ name: 'a', value: 'b', matchType: '=' }] }] }, receivers: [{ name: 'r' }] });
    expect(renderEffectiveConfig({ alertmanager: am(spec), alertmanagerConfigs: [cr] }).rejected)
      .toStrictEqual([{ name: 'monitoring/team', reason: expect.stringMatching(/spec.route.routes\[0\].matchers: .*Alertmanager >= 0.22.0 only/), cause: RejectionCause.VERSION }]);
  });
});
