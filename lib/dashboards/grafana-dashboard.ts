import { ApiObject, Chart, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { durationProblems, formatDuration } from '../_util/duration';
import { checkObjectMeta, defaultName, objectMeta } from '../_util/metadata';
import { message, Problems } from '../_util/problems';
import { checkArgs, checkConstruct, metaFields, shape as s } from '../_util/shape';
import { attachToApp } from '../hook/app-hook';
import { checkLabelKey, checkLabelName, checkLabelValue, checkPromQL } from '../validation';

/**
 * How a panel shows its queries.
 */
export enum PanelType {
  /** Lines over time. */
  TIME_SERIES = 'timeseries',
  /** One big number per query. */
  STAT = 'stat',
  /** A table of the series' labels and values (use instant queries). */
  TABLE = 'table',
}

/**
 * A PromQL query of a panel.
 */
export interface PanelQuery {
  /** The PromQL expression. It is checked like a rule's expression. */
  readonly expr: string;
  /**
   * The legend, e.g. `{{integration}}`.
   * @default - Grafana's default: the series' labels
   */
  readonly legend?: string;
  /**
   * Whether to query one instant (the end of the time range) instead of a range.
   * @default - true for tables, false otherwise
   */
  readonly instant?: boolean;
}

/**
 * A dashboard panel.
 */
export interface DashboardPanel {
  /** The panel title. */
  readonly title: string;
  /** The queries, one or more. */
  readonly queries: PanelQuery[];
  /**
   * How the panel shows its queries.
   * @default PanelType.TIME_SERIES
   */
  readonly type?: PanelType;
  /**
   * What the panel shows, as a tooltip.
   * @default - none
   */
  readonly description?: string;
  /**
   * The Grafana unit of the values, e.g. `short`, `ops`, `s`, `percentunit`.
   * @default - Grafana's default (`short`)
   */
  readonly unit?: string;
  /**
   * The width in grid columns (a dashboard is 24 columns wide). Panels flow left to right
   * and wrap to the next row.
   * @default 12
   */
  readonly width?: number;
  /**
   * The height in grid rows.
   * @default 8
   */
  readonly height?: number;
}

/**
 * A dashboard variable whose values are the values of a label, e.g. the namespaces of the
 * Flux objects. Queries use it as `"$<name>"` in a regex matcher (`exported_namespace=~"$namespace"`).
 */
export interface DashboardVariable {
  /** The variable's name, used in queries as `$name`. */
  readonly name: string;
  /** The series whose label values are offered, as a PromQL selector, e.g. `gotk_resource_info`. */
  readonly metric: string;
  /** The label whose values are offered. */
  readonly labelName: string;
  /**
   * The label shown next to the picker.
   * @default - the name
   */
  readonly label?: string;
}

/**
 * Options every dashboard takes.
 */
export interface GrafanaDashboardOptions {
  /**
   * The ConfigMap's name.
   * @default - the construct id kebab-cased, ending in `-dashboard` (`FluxDashboard` →
   * `flux-dashboard`), else `<title>-dashboard` (README "Default names")
   */
  readonly name?: string;
  /**
   * The ConfigMap's namespace. The kube-prometheus-stack Grafana sidecar reads dashboards from
   * Grafana's own namespace unless `sidecar.dashboards.searchNamespace` is `ALL` (or lists this one).
   * @default - the chart's namespace, else `monitoring`
   */
  readonly namespace?: string;
  /**
   * Extra labels on the ConfigMap.
   * @default - only the sidecar label
   */
  readonly labels?: { [key: string]: string };
  /**
   * The Grafana folder, as the `grafana_folder` annotation the sidecar reads when
   * `sidecar.dashboards.folderAnnotation` is `grafana_folder`.
   * @default - no annotation: the sidecar's default folder
   */
  readonly folder?: string;
  /**
   * The dashboard's uid (its URL), at most 40 letters, digits, `-` and `_`.
   * @default - derived from the title
   */
  readonly uid?: string;
  /**
   * Dashboard tags.
   * @default - the dashboard kind's tags
   */
  readonly tags?: string[];
  /**
   * How often the dashboard refreshes.
   * @default Duration.seconds(30)
   */
  readonly refresh?: Duration;
  /**
   * The time range shown when the dashboard opens (now minus this).
   * @default Duration.hours(6)
   */
  readonly timeRange?: Duration;
  /**
   * The label the Grafana sidecar selects dashboards by, and its value.
   * @default 'grafana_dashboard' with value '1' (kube-prometheus-stack's)
   */
  readonly sidecarLabel?: string;
  /**
   * The value of `sidecarLabel`.
   * @default '1'
   */
  readonly sidecarLabelValue?: string;
}

/**
 * Props of {@link GrafanaDashboard}.
 */
export interface GrafanaDashboardProps extends GrafanaDashboardOptions {
  /** The dashboard title. */
  readonly title: string;
  /**
   * The panels.
   * @default - none; add them with addPanel()
   */
  readonly panels?: DashboardPanel[];
  /**
   * Label-value variables the queries use.
   * @default - none (the Prometheus data source picker is always there, as `$datasource`)
   */
  readonly variables?: DashboardVariable[];
}

const UID = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * The shapes of {@link GrafanaDashboardOptions}' fields, for the props of each dashboard. Types
 * only: the values (uid, label syntax, durations) are checked with the dashboard's other problems.
 * @internal
 */
export const DASHBOARD_OPTION_FIELDS = {
  ...metaFields,
  folder: s.optional(s.string({ fix: `e.g. folder: 'Alerting'` })),
  uid: s.optional(s.string({ fix: `e.g. uid: 'alerting-pipeline'` })),
  tags: s.optional(s.list(s.string({ fix: `e.g. tags: ['alerting']` }))),
  refresh: s.optional(s.duration()),
  timeRange: s.optional(s.duration()),
  sidecarLabel: s.optional(s.string({ fix: `e.g. 'grafana_dashboard'` })),
  sidecarLabelValue: s.optional(s.string({ fix: `e.g. '1'` })),
};

const PANEL = s.struct('DashboardPanel', {
  // missing title and queries are reported with the other problems
  title: s.optional(s.string({ fix: `e.g. title: 'Firing alerts'` })),
  queries: s.optional(s.list(s.struct('PanelQuery', {
    expr: s.string({ fix: `pass a PromQL expression, e.g. expr: 'sum(up)'` }),
    legend: s.optional(s.string({ fix: `e.g. legend: '{{integration}}'` })),
    instant: s.optional(s.boolean()),
  }))),
  type: s.optional(s.oneOf(PanelType, 'PanelType', { strict: false })),
  description: s.optional(s.string()),
  unit: s.optional(s.string({ fix: `use a Grafana unit such as 'short', 'ops' or 's'` })),
  width: s.optional(s.number({ fix: 'a dashboard is 24 columns wide: use 6, 8, 12 or 24' })),
  height: s.optional(s.number({ fix: 'use e.g. 8' })),
});

const VARIABLE = s.struct('DashboardVariable', {
  name: s.string({ fix: `name the variable, e.g. 'namespace'` }),
  metric: s.string({ fix: `pass a PromQL selector, e.g. metric: 'gotk_resource_info'` }),
  labelName: s.string({ fix: `pass a label name, e.g. labelName: 'exported_namespace'` }),
  label: s.optional(s.string()),
});

const PROPS = s.struct('GrafanaDashboardProps', {
  ...DASHBOARD_OPTION_FIELDS,
  // a missing title is reported with the other problems
  title: s.optional(s.string({ fix: `e.g. title: 'Alerting pipeline'` })),
  panels: s.optional(s.list(PANEL)),
  variables: s.optional(s.list(VARIABLE)),
});

/**
 * A Grafana dashboard as a ConfigMap labelled `grafana_dashboard: "1"`, which the
 * kube-prometheus-stack Grafana sidecar loads. Every panel query is checked like a rule
 * expression; the Prometheus data source is a `$datasource` variable.
 */
export class GrafanaDashboard extends Construct {
  /** The ConfigMap. */
  public readonly resource: ApiObject;
  /** The ConfigMap's namespace. */
  public readonly namespace: string;
  /** The dashboard uid. */
  public readonly uid: string;
  /** The dashboard title. */
  public readonly title: string;
  private readonly panelList: DashboardPanel[] = [];
  private readonly variableList: DashboardVariable[];
  private readonly props: GrafanaDashboardProps;

  constructor(scope: Construct, id: string, props: GrafanaDashboardProps) {
    checkConstruct(new.target.name, scope, id, props, PROPS);
    super(scope, id);
    const p = props;
    this.props = p;
    const problems = new Problems(this);
    this.namespace = p.namespace ?? Chart.of(this).namespace ?? 'monitoring';
    checkObjectMeta(problems, p.name, this.namespace, p.labels);
    if (typeof p.title !== 'string' || p.title.trim() === '') {
      problems.add('title', p.title, 'a dashboard needs a title', `e.g. title: 'Alerting pipeline'`);
    }
    this.title = typeof p.title === 'string' ? p.title : '';
    this.uid = p.uid ?? uidOf(this.title);
    if (!UID.test(this.uid)) {
      problems.add('uid', this.uid, 'a Grafana uid has 1 to 40 letters, digits, - and _', `e.g. uid: 'alerting-pipeline'`);
    }
    const sidecarLabel = p.sidecarLabel ?? 'grafana_dashboard';
    problems.addMessages(checkLabelKey('sidecarLabel', sidecarLabel));
    problems.addMessages(checkLabelValue('sidecarLabelValue', p.sidecarLabelValue ?? '1'));
    problems.addMessages(durationProblems('refresh', p.refresh, true));
    problems.addMessages(durationProblems('timeRange', p.timeRange, true));
    if (p.folder !== undefined && (typeof p.folder !== 'string' || p.folder.trim() === '')) {
      problems.add('folder', p.folder, 'must be a folder name', `e.g. folder: 'Alerting'`);
    }
    this.variableList = [...(p.variables ?? [])];
    this.variableList.forEach((v, i) => problems.addMessages(variableProblems(v, `variables[${i}]`)));
    (p.panels ?? []).forEach((panel, i) => problems.addMessages(panelProblems(panel, `panels[${i}]`)));
    problems.throwIfAny();
    this.panelList.push(...(p.panels ?? []));

    this.resource = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        ...objectMeta(p.name ?? defaultName(this, id, { drop: ['grafana', 'dashboard'], suffix: 'dashboard', fallback: `${this.title}-dashboard` }), this.namespace),
        labels: { ...p.labels, [sidecarLabel]: p.sidecarLabelValue ?? '1' },
        ...(p.folder !== undefined ? { annotations: { grafana_folder: p.folder } } : {}),
      },
      data: Lazy.any({ produce: () => ({ [`${this.uid}.json`]: JSON.stringify(this.toJson(), undefined, 2) }) }),
    });
    attachToApp(this);
  }

  /** The ConfigMap's name. */
  public get name(): string {
    return this.resource.name;
  }

  /** The panels, in order. */
  public get panels(): DashboardPanel[] {
    return [...this.panelList];
  }

  /** Adds a panel after the others; its queries are checked at once. */
  public addPanel(panel: DashboardPanel): void {
    checkArgs(this, { 'addPanel(panel)': [panel, PANEL] });
    const problems = new Problems(this);
    problems.addMessages(panelProblems(panel, `panels[${this.panelList.length}]`));
    problems.throwIfAny();
    this.panelList.push(panel);
  }

  /** The dashboard model (Grafana's JSON, schema version 39). */
  public toJson(): { [key: string]: any } {
    const p = this.props;
    let x = 0;
    let y = 0;
    let rowHeight = 0;
    const panels = this.panelList.map((panel, i) => {
      const w = panel.width ?? 12;
      const h = panel.height ?? 8;
      if (x + w > 24) { x = 0; y += rowHeight; rowHeight = 0; }
      const gridPos = { h, w, x, y };
      x += w;
      rowHeight = Math.max(rowHeight, h);
      const type = panel.type ?? PanelType.TIME_SERIES;
      return {
        id: i + 1,
        type,
        title: panel.title,
        ...(panel.description !== undefined ? { description: panel.description } : {}),
        datasource: { type: 'prometheus', uid: '${datasource}' },
        gridPos,
        fieldConfig: { defaults: { ...(panel.unit !== undefined ? { unit: panel.unit } : {}) }, overrides: [] },
        options: type === PanelType.TABLE ? { showHeader: true } : {},
        targets: panel.queries.map((q, j) => ({
          refId: String.fromCharCode(65 + j),
          datasource: { type: 'prometheus', uid: '${datasource}' },
          expr: q.expr,
          ...(q.legend !== undefined ? { legendFormat: q.legend } : {}),
          ...((q.instant ?? type === PanelType.TABLE) ? { instant: true, range: false, format: type === PanelType.TABLE ? 'table' : 'time_series' } : { range: true }),
        })),
        ...(type === PanelType.TABLE ? { transformations: [{ id: 'organize', options: { excludeByName: { Time: true } } }] } : {}),
      };
    });
    return {
      uid: this.uid,
      title: this.title,
      tags: [...(p.tags ?? this.defaultTags())],
      editable: true,
      schemaVersion: 39,
      version: 1,
      timezone: 'browser',
      refresh: formatDuration(p.refresh ?? Duration.seconds(30)),
      time: { from: `now-${formatDuration(p.timeRange ?? Duration.hours(6))}`, to: 'now' },
      templating: {
        list: [
          { name: 'datasource', label: 'Data source', type: 'datasource', query: 'prometheus', current: {}, hide: 0 },
          ...this.variableList.map((v) => ({
            name: v.name,
            label: v.label ?? v.name,
            type: 'query',
            datasource: { type: 'prometheus', uid: '${datasource}' },
            query: { query: `label_values(${v.metric}, ${v.labelName})`, refId: 'variable' },
            definition: `label_values(${v.metric}, ${v.labelName})`,
            refresh: 2,
            multi: true,
            includeAll: true,
            allValue: '.*',
            current: {},
            sort: 1,
            hide: 0,
          })),
        ],
      },
      annotations: { list: [] },
      panels,
    };
  }

  /** The tags used when `tags` is not given. */
  protected defaultTags(): string[] {
    return ['cdk8s-alerting'];
  }
}

/** `Alerting pipeline` → `alerting-pipeline`, at most 40 characters. */
function uidOf(title: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return slug === '' ? 'dashboard' : slug;
}

function panelProblems(panel: DashboardPanel, field: string): string[] {
  if (panel === null || typeof panel !== 'object') {
    return [message(field, panel, 'must be a panel', `e.g. { title: 'Firing alerts', queries: [{ expr: 'sum(ALERTS)' }] }`)];
  }
  const problems: string[] = [];
  if (typeof panel.title !== 'string' || panel.title.trim() === '') {
    problems.push(message(`${field}.title`, panel.title, 'a panel needs a title', `e.g. title: 'Firing alerts'`));
  }
  if (panel.type !== undefined && !Object.values(PanelType).includes(panel.type)) {
    problems.push(message(`${field}.type`, panel.type, 'is not a panel type', 'use PanelType.TIME_SERIES, STAT or TABLE'));
  }
  for (const [k, max] of [['width', 24], ['height', 100]] as const) {
    const v = panel[k];
    if (v !== undefined && !(Number.isInteger(v) && v >= 1 && v <= max)) {
      problems.push(message(`${field}.${k}`, v, `must be a whole number from 1 to ${max}`, k === 'width' ? 'a dashboard is 24 columns wide: use 6, 8, 12 or 24' : 'use e.g. 8'));
    }
  }
  if (!Array.isArray(panel.queries) || panel.queries.length === 0) {
    problems.push(message(`${field}.queries`, panel.queries, 'a panel needs at least one query', `e.g. queries: [{ expr: 'sum(ALERTS{alertstate="firing"})' }]`));
  } else if (panel.queries.length > 26) {
    problems.push(message(`${field}.queries`, panel.queries.length, 'at most 26 queries fit a panel (refIds A to Z)', 'split the panel'));
  } else {
    panel.queries.forEach((q, j) => {
      if (typeof q?.expr !== 'string') {
        problems.push(message(`${field}.queries[${j}].expr`, q?.expr, 'must be a PromQL expression', `e.g. expr: 'sum(up)'`));
      } else {
        problems.push(...checkPromQL(`${field}.queries[${j}].expr`, q.expr));
      }
    });
  }
  return problems;
}

function variableProblems(v: DashboardVariable, field: string): string[] {
  if (v === null || typeof v !== 'object') {
    return [message(field, v, 'must be a variable', `e.g. { name: 'namespace', metric: 'gotk_resource_info', labelName: 'exported_namespace' }`)];
  }
  const problems = [...checkLabelName(`${field}.name`, v.name), ...checkLabelName(`${field}.labelName`, v.labelName)];
  if (v.name === 'datasource') {
    problems.push(message(`${field}.name`, v.name, 'is the data source variable every dashboard has', 'choose another name'));
  }
  if (typeof v.metric !== 'string') {
    problems.push(message(`${field}.metric`, v.metric, 'must be a PromQL selector', `e.g. metric: 'gotk_resource_info'`));
  } else {
    problems.push(...checkPromQL(`${field}.metric`, v.metric));
  }
  return problems;
}
