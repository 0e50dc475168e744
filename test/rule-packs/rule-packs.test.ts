import { Chart, Duration, Testing } from 'cdk8s';
import {
  AlertingRulePacks, AlertmanagerCluster, AlertmanagerRulePack, AlertSeverity, FluxRulePack, Matcher, Prometheus,
  PrometheusRulePack, RulePacks, WatchdogRulePack,
} from '../../lib/tooling';
import { synth } from '../_util';

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'monitoring' });
}

function exprOf(pack: { rules: Array<{ alert: string; expr: string }> }, alert: string): string {
  const rule = pack.rules.find((r) => r.alert === alert);
  if (!rule) { throw new Error(`no ${alert}`); }
  return rule.expr;
}

describe('RulePack options', () => {
  test('exclude leaves alerts out, but alertNames still lists them', () => {
    const pack = RulePacks.watchdog({ exclude: ['InfoInhibitor'] });
    expect(pack.rules.map((r) => r.alert)).toStrictEqual(['Watchdog']);
    expect(pack.alertNames).toStrictEqual(['Watchdog', 'InfoInhibitor']);
  });

  test('severities replace the severity of the named alerts only', () => {
    const pack = RulePacks.alertmanager({ severities: { AlertmanagerFailedReload: AlertSeverity.WARNING, AlertmanagerClusterDown: 'page' } });
    const sev = Object.fromEntries(pack.rules.map((r) => [r.alert, r.labels?.severity]));
    expect(sev.AlertmanagerFailedReload).toBe('warning');
    expect(sev.AlertmanagerClusterDown).toBe('page');
    expect(sev.AlertmanagerConfigInconsistent).toBe('critical');
  });

  test('labels go on every alert; runbookBaseUrl replaces every runbook_url', () => {
    const pack = RulePacks.flux({ labels: { team: 'platform' }, runbookBaseUrl: 'https://wiki.example.com/runbooks' });
    for (const r of pack.rules) {
      expect(r.labels?.team).toBe('platform');
      expect(r.labels?.severity).toBe('warning');
      expect(r.annotations?.runbook_url).toBe(`https://wiki.example.com/runbooks/${r.alert.toLowerCase()}`);
    }
    expect(RulePacks.watchdog({ runbookBaseUrl: 'https://wiki.example.com/alerts#' }).rules[0].annotations?.runbook_url).toBe('https://wiki.example.com/alerts#watchdog');
  });

  test('groupName and interval reach the rule group; each toRuleGroup() is a fresh group', () => {
    const pack = RulePacks.prometheus({ groupName: 'platform-prometheus.rules', interval: Duration.seconds(30) });
    const a = pack.toRuleGroup();
    const b = pack.toRuleGroup();
    expect(a).not.toBe(b);
    expect(a._toJson()).toStrictEqual(expect.objectContaining({ name: 'platform-prometheus.rules', interval: '30s' }));
    a.addAlertingRule({ alert: 'Mine', expr: 'vector(1)' });
    expect(b.alertingRules).toHaveLength(pack.rules.length);
  });

  test('bad options are reported all at once, naming the pack, the field, the value and the fix', () => {
    let error = '';
    try {
      RulePacks.watchdog({ exclude: ['Watchdgo'], severities: { Watchdog: 'very high' }, labels: { severity: 'x' }, runbookBaseUrl: 'wiki/runbooks' });
    } catch (e) {
      error = (e as Error).message;
    }
    expect(error).toMatch(/^4 problems:\n  - \[WatchdogRulePack "heartbeat.rules"\] /);
    expect(error).toContain('exclude[0]: is not an alert of this pack (got "Watchdgo"). Fix: use one of Watchdog, InfoInhibitor');
    expect(error).toContain('severities.Watchdog: a severity is a non-empty label value without spaces (got "very high")');
    expect(error).toContain('labels.severity: would give every alert of the pack the same severity');
    expect(error).toContain('runbookBaseUrl: must be an http(s) URL (got "wiki/runbooks")');
  });

  test('an unknown alert in severities names the alerts of the pack', () => {
    expect(() => RulePacks.flux({ severities: { FluxKustomizationNotReady: 'critical' } }))
      .toThrow(/severities.FluxKustomizationNotReady: is not an alert of this pack .*Fix: use one of FluxReconciliationFailed, FluxSourceNotReady, FluxResourceSuspended/);
  });
});

describe('selectors', () => {
  test('the Alertmanager pack selects an AlertmanagerCluster by namespace and pod name', () => {
    const c = chart();
    const alertmanager = new AlertmanagerCluster(c, 'AM', { name: 'main.eu', networkPolicy: false }); // a dotted name: no NetworkPolicy then
    const pack = new AlertmanagerRulePack({ alertmanager });
    expect(pack.selector.map(String)).toStrictEqual(['namespace="monitoring"', 'pod=~"alertmanager-main\\\\.eu-[0-9]+"']);
    expect(exprOf(pack, 'AlertmanagerFailedReload')).toBe('alertmanager_config_last_reload_successful{namespace="monitoring",pod=~"alertmanager-main\\\\.eu-[0-9]+"} == 0');
  });

  test('an explicit selector wins; without any, the Alertmanager pack matches alertmanager jobs', () => {
    const c = chart();
    const alertmanager = new AlertmanagerCluster(c, 'AM', { name: 'main' });
    const explicit = RulePacks.alertmanager({ alertmanager, selector: [Matcher.eq('job', 'alertmanager-main')] });
    expect(exprOf(explicit, 'AlertmanagerFailedReload')).toBe('alertmanager_config_last_reload_successful{job="alertmanager-main"} == 0');
    expect(exprOf(RulePacks.alertmanager(), 'AlertmanagerFailedReload')).toBe('alertmanager_config_last_reload_successful{job=~".*alertmanager.*"} == 0');
  });

  test('the Prometheus pack selects a Prometheus (also an existing one) by namespace and pod, sharded pods included', () => {
    const c = chart();
    const existing = Prometheus.fromExisting(c, 'Kps', { name: 'kps', namespace: 'observability', ruleSelectorLabels: { release: 'kps' } });
    const pack = RulePacks.prometheus({ prometheus: existing });
    expect(exprOf(pack, 'PrometheusBadConfig')).toBe('prometheus_config_last_reload_successful{namespace="observability",pod=~"prometheus-kps-(shard-[0-9]+-)?[0-9]+"} == 0');
    expect(exprOf(RulePacks.prometheus(), 'PrometheusBadConfig')).toBe('prometheus_config_last_reload_successful == 0');
    expect(exprOf(RulePacks.prometheus({ operatorSelector: [Matcher.eq('job', 'kps-operator')] }), 'PrometheusOperatorRejectedResources'))
      .toBe('prometheus_operator_managed_resources{job="kps-operator",state="rejected"} > 0');
  });

  test('the Flux pack adds its selector to every gotk_resource_info selector and takes its timers', () => {
    const pack = new FluxRulePack({ selector: [Matcher.eq('job', 'flux-ksm')], notReadyFor: Duration.minutes(20), suspendedFor: Duration.hours(2) });
    expect(pack.rules.every((r) => r.expr.includes('gotk_resource_info{job="flux-ksm",'))).toBe(true);
    const failed = pack.rules.find((r) => r.alert === 'FluxReconciliationFailed');
    expect(failed?.for?.toMinutes()).toBe(20);
    expect(failed?.labels).toStrictEqual({ severity: 'warning', namespace: '{{ $labels.exported_namespace }}', kind: '{{ $labels.customresource_kind }}' });
    expect(pack.rules.find((r) => r.alert === 'FluxResourceSuspended')?.annotations?.description).toContain('has been suspended for 2h');
  });

  test('bad selectors and timers are clear errors', () => {
    expect(() => new AlertmanagerRulePack({ selector: [Matcher.regex('job', '(?=alertmanager)')] })).toThrow(/selector\[0\]\.value: is not a valid Alertmanager regex/);
    expect(() => new AlertmanagerRulePack({ failedNotificationRatio: 5 })).toThrow(/failedNotificationRatio: must be a number between 0 and 1 \(got 5\)/);
    expect(() => new PrometheusRulePack({ selector: 'job="x"' as never })).toThrow(/selector: must be a list of Matchers \(got "job=\\"x\\""\)/);
    expect(() => new FluxRulePack({ notReadyFor: Duration.seconds(0) })).toThrow(/notReadyFor: must be a positive whole number of milliseconds/);
  });
});

describe('AlertingRulePacks', () => {
  test('synthesizes one PrometheusRule with one group per pack, selected by the Prometheus', () => {
    const c = chart();
    const alertmanager = new AlertmanagerCluster(c, 'AM', { name: 'main' });
    const prometheus = new Prometheus(c, 'Prom', { name: 'main', alertmanager });
    const packs = new AlertingRulePacks(c, 'Packs', { name: 'alerting-packs', prometheus, alertmanager });
    const out = synth(c); // schema-checked
    const rule = out.find((m) => m.kind === 'PrometheusRule');
    expect(rule.metadata).toStrictEqual({ name: 'alerting-packs', namespace: 'monitoring', labels: { prometheus: 'main', role: 'alert-rules' } });
    expect(rule.spec.groups.map((g: { name: string }) => g.name)).toStrictEqual(['heartbeat.rules', 'alertmanager.rules', 'prometheus.rules', 'flux.rules']);
    expect(packs.packs).toHaveLength(4);
    expect(rule).toMatchSnapshot();
  });

  test('each default pack can be switched off', () => {
    const c = chart();
    const packs = new AlertingRulePacks(c, 'Packs', { labels: { prometheus: 'x' }, watchdog: false, fluxRules: false });
    expect(packs.groups.map((g) => g.name)).toStrictEqual(['alertmanager.rules', 'prometheus.rules']);
  });

  test('packs replaces the defaults; addGroup adds groups of your own', () => {
    const c = chart();
    const packs = new AlertingRulePacks(c, 'Packs', { labels: { prometheus: 'x' }, packs: [new WatchdogRulePack({ exclude: ['InfoInhibitor'] })] });
    packs.addGroup('mine.rules', { alertingRules: [{ alert: 'Mine', expr: 'up == 0', labels: { severity: 'warning' } }] });
    expect(packs.groups.map((g) => [g.name, g.size])).toStrictEqual([['heartbeat.rules', 1], ['mine.rules', 1]]);
  });

  test('two packs with the same group name fail like any duplicate group', () => {
    const c = chart();
    expect(() => new AlertingRulePacks(c, 'Packs', { labels: { prometheus: 'x' }, packs: [RulePacks.watchdog(), RulePacks.flux({ groupName: 'heartbeat.rules' })] }))
      .toThrow(/\[test\/Packs\] groups\[1\]\.name: "heartbeat.rules" is already a group of this PrometheusRule/);
  });

  test('packs that are not rule packs are a clear error', () => {
    expect(() => new AlertingRulePacks(chart(), 'Packs', { labels: { prometheus: 'x' }, packs: [{ groupName: 'x' } as never] }))
      .toThrow(/\[test\/Packs\] packs\[0\]: must be a RulePack .*Fix: build packs with RulePacks.watchdog\(\)/);
  });
});
