import { Construct } from 'constructs';
import { Matcher } from '../alertmanager/matcher';
import { checkDns1123Label } from '../validation';
import { Problems } from '../_util/problems';
import { selectorProblems, series } from '../_util/series-selector';
import { checkConstruct, known, shape as s } from '../_util/shape';
import { DASHBOARD_OPTION_FIELDS, DashboardPanel, GrafanaDashboard, GrafanaDashboardOptions, PanelType } from './grafana-dashboard';

/**
 * Props of {@link FluxDashboard}.
 */
export interface FluxDashboardProps extends GrafanaDashboardOptions {
  /**
   * The dashboard title.
   * @default 'Flux reconciliation'
   */
  readonly title?: string;
  /**
   * Label matchers added to every `gotk_resource_info` selector.
   * @default - every `gotk_resource_info` series
   */
  readonly selector?: Matcher[];
  /**
   * The namespace of the Flux controllers, whose own metrics (reconcile durations and errors) are shown.
   * @default 'flux-system'
   */
  readonly fluxNamespace?: string;
}

const PROPS = s.struct('FluxDashboardProps', {
  ...DASHBOARD_OPTION_FIELDS,
  title: s.optional(s.string({ fix: `e.g. title: 'Flux reconciliation'` })),
  selector: s.optional(s.list(known.matcher)),
  fluxNamespace: s.optional(s.string({ fix: `name the namespace Flux runs in, e.g. 'flux-system'` })),
});

/**
 * Flux reconciliation in one Grafana dashboard: objects, not ready and suspended (from
 * kube-state-metrics' `gotk_resource_info`, as in fluxcd/flux2-monitoring-example), tables of
 * the objects that are not ready or suspended with their revision, Flux alerts firing, and the
 * controllers' reconcile durations and errors. A `namespace` picker filters the objects.
 */
export class FluxDashboard extends GrafanaDashboard {
  constructor(scope: Construct, id: string, props: FluxDashboardProps = {}) {
    checkConstruct('FluxDashboard', scope, id, props, PROPS);
    const p = props;
    const fluxNamespace = p.fluxNamespace ?? 'flux-system';
    const bad = [...selectorProblems('selector', p.selector), ...checkDns1123Label('fluxNamespace', fluxNamespace)];
    super(scope, id, {
      ...p,
      title: p.title ?? 'Flux reconciliation',
      variables: [{ name: 'namespace', label: 'Namespace', metric: series('gotk_resource_info', bad.length ? [] : p.selector ?? []), labelName: 'exported_namespace' }],
      panels: bad.length ? [] : fluxPanels(p.selector ?? [], fluxNamespace),
    });
    const problems = new Problems(this);
    problems.addMessages(bad);
    problems.throwIfAny();
  }

  protected defaultTags(): string[] {
    return ['cdk8s-alerting', 'flux'];
  }
}

function fluxPanels(sel: Matcher[], fluxNamespace: string): DashboardPanel[] {
  const info = (...extra: string[]) => series('gotk_resource_info', sel, 'exported_namespace=~"$namespace"', ...extra);
  const controllers = `namespace=${JSON.stringify(fluxNamespace)}`;
  const stat = (title: string, expr: string, description: string): DashboardPanel => ({ title, type: PanelType.STAT, width: 6, height: 4, description, queries: [{ expr }] });
  const table = (title: string, expr: string): DashboardPanel => ({
    title, type: PanelType.TABLE, width: 24, height: 8,
    queries: [{ expr: `max by (customresource_kind, exported_namespace, name, revision) (${expr})` }],
  });
  return [
    stat('Flux objects', `count(${info()}) or vector(0)`, 'Flux objects kube-state-metrics reports.'),
    stat('Not ready', `count(${info('ready="False"')}) or vector(0)`, 'Objects whose Ready condition is False.'),
    stat('Suspended', `count(${info('suspended="true"')}) or vector(0)`, 'Objects whose reconciliation is suspended.'),
    stat('Flux alerts firing', 'count(ALERTS{alertstate="firing", alertname=~"Flux.+"}) or vector(0)', 'Alerts of the Flux rule pack firing in Prometheus.'),
    table('Objects not ready', info('ready="False"')),
    table('Suspended objects', info('suspended="true"')),
    {
      title: 'Not ready objects by kind',
      queries: [{ expr: `count by (customresource_kind) (${info('ready="False"')})`, legend: '{{customresource_kind}}' }],
    },
    {
      title: 'Objects by kind',
      queries: [{ expr: `count by (customresource_kind) (${info()})`, legend: '{{customresource_kind}}' }],
    },
    {
      title: 'Reconcile duration (p99) by kind',
      unit: 's',
      // The controllers' pods are scraped in their own namespace: the object's namespace becomes exported_namespace.
      queries: [{ expr: `histogram_quantile(0.99, sum by (le, kind) (rate(gotk_reconcile_duration_seconds_bucket{${controllers}, exported_namespace=~"$namespace"}[5m])))`, legend: '{{kind}}' }],
    },
    {
      title: 'Reconcile errors by controller',
      unit: 'ops',
      queries: [{ expr: `sum by (controller) (rate(controller_runtime_reconcile_errors_total{${controllers}}[5m]))`, legend: '{{controller}}' }],
    },
  ];
}
