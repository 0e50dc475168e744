/**
 * Issue 10, "its effective config differs from the operator's": every example, broken and fixed.
 * The checks that surface the operator's verdicts: operator-rejects-config (the CR is skipped),
 * operator-config-failure (the reconciliation fails), operator-drops-field (a field is left out),
 * and the routing checks that read the base configuration Secret.
 */
import { parseAllDocuments } from 'yaml';
import { ClusterModel, Finding, Severity, runChecks } from '../../lib/tooling';

function findings(yaml: string, id: string): Finding[] {
  const model = ClusterModel.build(parseAllDocuments(yaml).map((d, doc) => ({ value: d.toJS(), source: { file: 'app.yaml', doc } })));
  expect(model.problems).toStrictEqual([]);
  return runChecks(model).filter((f) => f.check === id);
}

const AM = (spec: string) => `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: { alertmanagerConfigSelector: {}, ${spec} }
`;
const CR = (receivers: string, extra = '') => `---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: r }
  receivers: [{ name: r, ${receivers} }]
${extra}`;
const BASE = (text: string) => `---
apiVersion: v1
kind: Secret
metadata: { name: alertmanager-main, namespace: monitoring }
stringData:
  alertmanager.yaml: |
${text.split('\n').map((l) => `    ${l}`).join('\n')}
`;

describe('the base configuration Secret is merged', () => {
  const flux = `---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: alertmanager, namespace: flux-system }
spec: { type: alertmanager, address: "http://alertmanager-operated.monitoring:9093/api/v2/alerts/" }
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: errors, namespace: flux-system }
spec: { providerRef: { name: alertmanager }, eventSeverity: error, eventSources: [{ kind: Kustomization, name: "*" }] }
`;
  test('a base route for Flux alerts silences flux-alerts-undelivered; without it the check fires', () => {
    const routed = BASE('route:\n  receiver: "null"\n  routes: [{ receiver: flux, matchers: [\'alertname=~"Flux.+"\'] }]\nreceivers: [{ name: "null" }, { name: flux, webhook_configs: [{ url: "https://hook.example/" }] }]');
    const unrouted = BASE('route: { receiver: "null" }\nreceivers: [{ name: "null" }]');
    expect(findings(AM('') + unrouted + flux, 'flux-alerts-undelivered')).toHaveLength(1);
    expect(findings(AM('') + routed + flux, 'flux-alerts-undelivered')).toStrictEqual([]);
  });

  test('without the Secret in the model, the routing finding says what it assumed', () => {
    const [f] = findings(AM('') + flux, 'flux-alerts-undelivered');
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toMatch(/Assumed: Secret monitoring\/alertmanager-main .* is not in the model/);
  });
});

describe('email receivers without smarthost', () => {
  const mail = CR('emailConfigs: [{ to: oncall@example.com }]');
  test('refused by the operator: an error on the AlertmanagerConfig when the base is known', () => {
    const [f] = findings(AM('') + BASE('route: { receiver: "null" }\nreceivers: [{ name: "null" }]') + mail, 'operator-config-failure');
    expect(f).toMatchObject({ severity: Severity.ERROR, object: { kind: 'AlertmanagerConfig', name: 'team' } });
    expect(f.message).toMatch(/SMTP smarthost is a mandatory field/);
    expect(f.fix).toMatch(/smarthost and from/);
  });

  test('a warning when the base Secret is not in the model (its global section might have one)', () => {
    const [f] = findings(AM('') + mail, 'operator-config-failure');
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toMatch(/Assumed: Secret monitoring\/alertmanager-main/);
  });

  test('quiet with a smarthost at receiver or global level', () => {
    expect(findings(AM('') + CR('emailConfigs: [{ to: oncall@example.com, smarthost: "smtp.example.com:587", from: am@example.com }]'), 'operator-config-failure')).toStrictEqual([]);
    const global = BASE('global: { smtp_smarthost: "smtp.example.com:587", smtp_from: am@example.com }\nroute: { receiver: "null" }\nreceivers: [{ name: "null" }]');
    expect(findings(AM('') + global + mail, 'operator-config-failure')).toStrictEqual([]);
  });
});

describe('fields gated by the Alertmanager version', () => {
  test('smtp forceImplicitTLS on a receiver before 0.31: the CR is rejected', () => {
    const cr = CR('emailConfigs: [{ to: a@example.com, smarthost: "s:25", from: f@example.com, forceImplicitTLS: true }]');
    const [f] = findings(AM('version: v0.30.0') + cr, 'operator-rejects-config');
    expect(f).toMatchObject({ severity: Severity.ERROR, object: { kind: 'AlertmanagerConfig', name: 'team' } });
    expect(f.message).toMatch(/forceImplicitTLS' is available in Alertmanager >= 0.31.0 only - current 0.30.0/);
    expect(findings(AM('version: v0.31.0') + cr, 'operator-rejects-config')).toStrictEqual([]);
  });

  const base = `---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: base, namespace: monitoring }
spec: { route: { receiver: "null" }, receivers: [{ name: "null" }] }
`;
  test.each([
    ['a global webex URL', 'webex: { apiURL: "https://webexapis.example.com/v1/messages" }', 'v0.24.0', 'v0.25.0'],
    ['a global smtp forceImplicitTLS', 'smtp: { forceImplicitTLS: true }', 'v0.30.0', 'v0.31.0'],
  ])('%s on an older Alertmanager fails the reconciliation', (_what, global, old, fixed) => {
    const am = (v: string) => AM(`version: ${v}, alertmanagerConfiguration: { name: base, global: { ${global} } }`);
    const [f] = findings(am(old) + base, 'operator-config-failure');
    expect(f).toMatchObject({ severity: Severity.ERROR, object: { kind: 'AlertmanagerConfig', name: 'base' } });
    expect(findings(am(fixed) + base, 'operator-config-failure')).toStrictEqual([]);
  });

  test('Teams Workflows receivers before 0.28', () => {
    const cr = CR('msteamsv2Configs: [{ webhookURL: { name: teams, key: url } }]');
    expect(findings(AM('version: v0.27.1') + cr, 'operator-rejects-config')).toHaveLength(1);
    expect(findings(AM('version: v0.28.0') + cr, 'operator-rejects-config')).toStrictEqual([]);
  });

  test('a dropped field is a warning on the config that has it', () => {
    const cr = CR('slackConfigs: [{ apiURL: { name: slack, key: url }, timeout: 10s }]');
    const [f] = findings(AM('version: v0.29.0') + cr, 'operator-drops-field');
    expect(f).toMatchObject({ severity: Severity.WARNING, object: { kind: 'AlertmanagerConfig', name: 'team' } });
    expect(f.message).toMatch(/slack_configs\[0\]\.timeout.*>= 0\.30\.0/);
    expect(findings(AM('version: v0.30.0') + cr, 'operator-drops-field')).toStrictEqual([]);
  });
});

describe('HTTP configs with more than one of basicAuth, oauth2 and authorization', () => {
  const hook = (http: string) => CR(`webhookConfigs: [{ url: "https://hook.example/", httpConfig: { ${http} } }]`);
  test('rejected; one is fine', () => {
    const both = 'basicAuth: { username: { name: s, key: u }, password: { name: s, key: p } }, authorization: { credentials: { name: s, key: t } }';
    const [f] = findings(AM('') + hook(both), 'operator-rejects-config');
    expect(f.message).toMatch(/at most one of 'basicAuth', 'oauth2' and 'authorization'/);
    expect(findings(AM('') + hook('authorization: { credentials: { name: s, key: t } }'), 'operator-rejects-config')).toStrictEqual([]);
  });
});

describe('before 0.22', () => {
  test('matchType matchers reject the CR; matchers without it are written as match', () => {
    const typed = CR('webhookConfigs: [{ url: "https://hook.example/" }]', '').replace('route: { receiver: r }', 'route: { receiver: r, matchers: [{ name: severity, value: critical, matchType: "=" }] }');
    const untyped = typed.replace(', matchType: "="', '');
    expect(findings(AM('version: v0.21.0') + typed, 'operator-rejects-config')).toHaveLength(1);
    expect(findings(AM('version: v0.21.0') + untyped, 'operator-rejects-config')).toStrictEqual([]);
  });
});

describe('a base configuration Secret declared as an external object', () => {
  test('is read for the effective configuration but never reported as a plaintext Secret (it is not written out)', () => {
    const docs = parseAllDocuments(AM('') + BASE('route: { receiver: "null" }\nreceivers: [{ name: "null" }]') + CR('emailConfigs: [{ to: oncall@example.com }]'));
    const build = (external: boolean) => ClusterModel.build(docs.map((d, doc) => ({ value: d.toJS(), source: doc === 1 ? { constructPath: 'app/kps', external } : { file: 'app.yaml', doc } })));
    expect(runChecks(build(true)).filter((f) => f.check === 'secret-plaintext')).toStrictEqual([]);
    expect(runChecks(build(false)).filter((f) => f.check === 'secret-plaintext')).toHaveLength(1);
    // Known, so the email receiver without smarthost is a provable error.
    expect(runChecks(build(true)).filter((f) => f.check === 'operator-config-failure').map((f) => f.severity)).toStrictEqual([Severity.ERROR]);
  });
});
