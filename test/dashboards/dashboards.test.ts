import { Duration } from 'cdk8s';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { stringify } from 'yaml';
import {
  AlertingPipelineDashboard, AlertmanagerCluster, FluxDashboard, GrafanaDashboard, Matcher, PanelType, Prometheus,
} from '../../lib/tooling';
import { checkPromQL } from '../../lib/validation';
import { chart, only, synth } from '../_util';
import { TOOLS, cleanup, describeWithTools, run, tempDir } from '../e2e/_harness';

interface Dashboard {
  uid: string;
  title: string;
  tags: string[];
  time: { from: string; to: string };
  refresh: string;
  templating: { list: Array<{ name: string; type: string; query: unknown }> };
  panels: Array<{ id: number; type: string; title: string; gridPos: { x: number; y: number; w: number; h: number }; targets: Array<{ expr: string; instant?: boolean; legendFormat?: string }> }>;
}

/** The ConfigMap and the dashboard JSON inside it. */
function dashboardOf(manifests: any[], name?: string): { configMap: any; dashboard: Dashboard } {
  const configMap = only(manifests, 'ConfigMap', name);
  const keys = Object.keys(configMap.data);
  expect(keys).toHaveLength(1);
  return { configMap, dashboard: JSON.parse(configMap.data[keys[0]]) as Dashboard };
}

function exprs(d: Dashboard): string[] {
  return d.panels.flatMap((p) => p.targets.map((t) => t.expr));
}

function pipelineStack() {
  const c = chart();
  const alertmanager = new AlertmanagerCluster(c, 'AM', { name: 'main' });
  const prometheus = new Prometheus(c, 'Prom', { name: 'main', alertmanager });
  const pipeline = new AlertingPipelineDashboard(c, 'Pipeline', { name: 'alerting-pipeline-dashboard', alertmanager, prometheus });
  const flux = new FluxDashboard(c, 'Flux', { name: 'flux-dashboard' });
  return { c, pipeline, flux };
}

describe('AlertingPipelineDashboard and FluxDashboard', () => {
  test('are ConfigMaps labelled grafana_dashboard: "1", one JSON file each', () => {
    const { c } = pipelineStack();
    const manifests = synth(c);
    const { configMap, dashboard } = dashboardOf(manifests, 'alerting-pipeline-dashboard');
    expect(configMap.metadata).toStrictEqual({ name: 'alerting-pipeline-dashboard', namespace: 'monitoring', labels: { grafana_dashboard: '1' } });
    expect(Object.keys(configMap.data)).toStrictEqual(['alerting-pipeline.json']);
    expect(dashboard).toStrictEqual(expect.objectContaining({ uid: 'alerting-pipeline', title: 'Alerting pipeline', refresh: '30s', time: { from: 'now-6h', to: 'now' } }));
    expect(dashboard.templating.list[0]).toStrictEqual(expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }));
    const flux = dashboardOf(manifests, 'flux-dashboard');
    expect(Object.keys(flux.configMap.data)).toStrictEqual(['flux-reconciliation.json']);
    expect(configMap).toMatchSnapshot();
    expect(flux.configMap).toMatchSnapshot();
  });

  test('the pipeline dashboard shows firing alerts by severity, notifications sent and failed by integration, and cluster health', () => {
    const { c } = pipelineStack();
    const { dashboard } = dashboardOf(synth(c), 'alerting-pipeline-dashboard');
    const byTitle = Object.fromEntries(dashboard.panels.map((p) => [p.title, p.targets.map((t) => t.expr)]));
    const am = '{namespace="monitoring",pod=~"alertmanager-main-[0-9]+"}';
    expect(byTitle['Firing alerts by severity']).toStrictEqual(['sum by (severity) (ALERTS{alertstate="firing"})']);
    expect(byTitle['Notifications sent by integration']).toStrictEqual([`sum by (integration) (rate(alertmanager_notifications_total${am}[5m]))`]);
    expect(byTitle['Notifications failed by integration']).toStrictEqual([`sum by (integration) (rate(alertmanager_notifications_failed_total${am}[5m]))`]);
    expect(byTitle['Alertmanager instances up']).toStrictEqual([`sum(up${am})`]);
    expect(byTitle['Cluster members (lowest)']).toStrictEqual([`min(alertmanager_cluster_members${am})`]);
    expect(byTitle['Prometheus: Alertmanagers discovered']).toStrictEqual(['prometheus_notifications_alertmanagers_discovered{namespace="monitoring",pod=~"prometheus-main-(shard-[0-9]+-)?[0-9]+"}']);
  });

  test('the Flux dashboard filters by a namespace variable and lists objects not ready with their revision', () => {
    const { c } = pipelineStack();
    const { dashboard } = dashboardOf(synth(c), 'flux-dashboard');
    expect(dashboard.templating.list[1]).toStrictEqual(expect.objectContaining({ name: 'namespace', type: 'query', query: { query: 'label_values(gotk_resource_info, exported_namespace)', refId: 'variable' } }));
    const table = dashboard.panels.find((p) => p.title === 'Objects not ready');
    expect(table?.type).toBe('table');
    expect(table?.targets).toStrictEqual([expect.objectContaining({
      expr: 'max by (customresource_kind, exported_namespace, name, revision) (gotk_resource_info{exported_namespace=~"$namespace",ready="False"})',
      instant: true,
    })]);
  });

  test('every panel query passes the PromQL validation rules get', () => {
    const { c } = pipelineStack();
    const manifests = synth(c);
    const all = [...exprs(dashboardOf(manifests, 'alerting-pipeline-dashboard').dashboard), ...exprs(dashboardOf(manifests, 'flux-dashboard').dashboard)];
    expect(all.length).toBeGreaterThan(20);
    expect(all.flatMap((e) => checkPromQL('expr', e))).toStrictEqual([]);
  });

  test('panels flow left to right on the 24-column grid and wrap', () => {
    const { c } = pipelineStack();
    const { dashboard } = dashboardOf(synth(c), 'alerting-pipeline-dashboard');
    expect(dashboard.panels.slice(0, 6).map((p) => p.gridPos)).toStrictEqual([
      { h: 4, w: 6, x: 0, y: 0 }, { h: 4, w: 6, x: 6, y: 0 }, { h: 4, w: 6, x: 12, y: 0 }, { h: 4, w: 6, x: 18, y: 0 },
      { h: 8, w: 12, x: 0, y: 4 }, { h: 8, w: 12, x: 12, y: 4 },
    ]);
    expect(dashboard.panels.map((p) => p.id)).toStrictEqual(dashboard.panels.map((_, i) => i + 1));
  });

  test('selectors: explicit matchers win; bad ones are clear errors', () => {
    const c = chart();
    new AlertingPipelineDashboard(c, 'D', { name: 'd', alertmanagerSelector: [Matcher.eq('job', 'alertmanager-main')] });
    const { dashboard } = dashboardOf(synth(c));
    expect(exprs(dashboard)).toContain('sum(up{job="alertmanager-main"})');
    expect(() => new FluxDashboard(chart(), 'F', { selector: [Matcher.regex('job', '(a')], fluxNamespace: 'Flux_System' }))
      .toThrow(/^2 problems:[\s\S]*\[test\/F\] selector\[0\]\.value: is not a valid Alertmanager regex[\s\S]*fluxNamespace/);
  });
});

describe('GrafanaDashboard', () => {
  test('folder, tags, timers and the sidecar label are configurable', () => {
    const c = chart();
    new GrafanaDashboard(c, 'D', {
      name: 'mine', title: 'My team', folder: 'Teams', tags: ['team'], refresh: Duration.minutes(1), timeRange: Duration.hours(24),
      sidecarLabel: 'dashboards', sidecarLabelValue: 'team', labels: { team: 'payments' },
      panels: [{ title: 'Errors', type: PanelType.STAT, queries: [{ expr: 'sum(rate(http_requests_total{code=~"5.."}[5m]))' }] }],
    });
    const { configMap, dashboard } = dashboardOf(synth(c));
    expect(configMap.metadata).toStrictEqual({ name: 'mine', namespace: 'monitoring', labels: { team: 'payments', dashboards: 'team' }, annotations: { grafana_folder: 'Teams' } });
    expect(dashboard).toStrictEqual(expect.objectContaining({ uid: 'my-team', tags: ['team'], refresh: '1m', time: { from: 'now-1d', to: 'now' } }));
  });

  test('addPanel adds panels after construction, checked at once', () => {
    const c = chart();
    const d = new GrafanaDashboard(c, 'D', { title: 'Mine' });
    d.addPanel({ title: 'Up', queries: [{ expr: 'up', legend: '{{instance}}' }] });
    expect(dashboardOf(synth(c)).dashboard.panels.map((p) => p.title)).toStrictEqual(['Up']);
    expect(() => d.addPanel({ title: 'Broken', queries: [{ expr: 'rate(up)' }] })).toThrow(/\[test\/D\] panels\[1\]\.queries\[0\]\.expr: .*range/);
  });

  test('bad props are reported all at once, with the construct path, the field, the value and the fix', () => {
    let error = '';
    try {
      new GrafanaDashboard(chart(), 'D', {
        title: '', uid: 'not a uid!',
        panels: [
          { title: 'Wide', width: 30, queries: [{ expr: 'sum(up' }] },
          { title: '', queries: [] },
        ],
        variables: [{ name: 'datasource', metric: 'up', labelName: 'job' }],
      });
    } catch (e) {
      error = (e as Error).message;
    }
    expect(error).toMatch(/^7 problems:/);
    expect(error).toContain('[test/D] title: a dashboard needs a title (got "")');
    expect(error).toContain('[test/D] uid: a Grafana uid has 1 to 40 letters, digits, - and _ (got "not a uid!")');
    expect(error).toContain('[test/D] variables[0].name: is the data source variable every dashboard has');
    expect(error).toContain('[test/D] panels[0].width: must be a whole number from 1 to 24 (got 30)');
    expect(error).toMatch(/\[test\/D\] panels\[0\]\.queries\[0\]\.expr: .*parse error/);
    expect(error).toContain('[test/D] panels[1].title: a panel needs a title');
    expect(error).toContain('[test/D] panels[1].queries: a panel needs at least one query');
  });
});

describeWithTools([TOOLS.promtool], 'dashboard queries with promtool 2.42', () => {
  afterAll(cleanup);

  test('Prometheus parses every panel query (each checked as a recording rule)', async () => {
    const { c } = pipelineStack();
    const manifests = synth(c);
    const all = [...exprs(dashboardOf(manifests, 'alerting-pipeline-dashboard').dashboard), ...exprs(dashboardOf(manifests, 'flux-dashboard').dashboard)];
    const file = join(tempDir('dashboards'), 'panels.yaml');
    writeFileSync(file, stringify({ groups: [{ name: 'panels', rules: all.map((expr, i) => ({ record: `dashboard:panel_${i}`, expr })) }] }));
    const res = await run(TOOLS.promtool, ['check', 'rules', file]);
    expect(`${res.stdout}${res.stderr}`).toContain(`SUCCESS: ${all.length} rules found`);
    expect(res.code).toBe(0);
  });
});
