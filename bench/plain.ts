/**
 * The benchmark's baselines: the fleet's manifests written out by hand as plain objects,
 * the way one would without the construct library. No L2 constructs, no validation.
 *
 * `plainCluster` must produce exactly what `examples/fleet/main.ts` produces; the benchmark
 * compares the YAML byte for byte before it reports any number. This module loads neither
 * the library nor the generated CRD imports; it shares the data the library ships (the rule
 * packs, through `examples/fleet/rule-packs`, and the Slack template strings).
 */
import type { Duration } from 'cdk8s';
import { ClusterConfig, FLUX_NAMESPACE, MONITORING_NAMESPACE, alertingPath, teamNamespace } from '../examples/fleet/config';
import { RulePack, workloadPack } from '../examples/fleet/rule-packs';
import { NotificationTemplate } from '../lib/templates/notification-template';

/** A Kubernetes manifest as a plain object. */
export type Manifest = { apiVersion: string; kind: string; metadata: { [key: string]: any }; [key: string]: any };

/** One chart's worth of manifests: `<id>.yaml` in the cluster's `alerting/` directory. */
export interface PlainChart {
  readonly id: string;
  readonly namespace: string;
  readonly objects: Manifest[];
}

/** A cluster's manifests: its charts, and the Flux Kustomization that applies them. */
export interface PlainCluster {
  readonly charts: PlainChart[];
  readonly sync: PlainChart;
}

const UNITS: Array<[string, number]> = [['w', 604_800_000], ['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];

/** Prometheus-style duration, e.g. `1d`, `1m30s`. */
function dur(d: Duration | undefined, largest = 604_800_000): string | undefined {
  if (d === undefined) { return undefined; }
  let ms = d.toMilliseconds();
  if (ms === 0) { return '0s'; }
  let out = '';
  for (const [unit, size] of UNITS) {
    if (size > largest) { continue; }
    const n = Math.floor(ms / size);
    if (n > 0) { out += `${n}${unit}`; ms -= n * size; }
  }
  return out;
}

const eq = (name: string, value: string) => ({ matchType: '=', name, value });
const SLACK = NotificationTemplate.standard();
const slack = (name: string, secret: string, channel: string) => ({
  name, slackConfigs: [{ apiURL: { key: 'url', name: secret }, channel, sendResolved: true, text: SLACK.slackText, title: SLACK.slackTitle }],
});
const pagerduty = (name: string, secret: string) => ({
  name, pagerdutyConfigs: [{ routingKey: { key: 'routing-key', name: secret }, sendResolved: true }],
});
const namesSelector = (names: string[]) => ({
  matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [...new Set(names)].sort() }],
});
const RULE_SELECTOR = { prometheus: 'main', role: 'alert-rules' };

/** The pod labels the operator sets that the HA settings and NetworkPolicies select. */
const AM_PODS = { 'app.kubernetes.io/name': 'alertmanager', 'alertmanager': 'main' };
const PROM_PODS = { 'app.kubernetes.io/name': 'prometheus', 'prometheus': 'main' };
const byName = (ns: string) => ({ 'kubernetes.io/metadata.name': ns });

/** Anti-affinity on hostname and a zone spread, with more than one replica. */
function spreading(replicas: number, pods: Record<string, string>): Record<string, unknown> {
  if (replicas <= 1) { return {}; }
  return {
    affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ podAffinityTerm: { labelSelector: { matchLabels: pods }, topologyKey: 'kubernetes.io/hostname' }, weight: 100 }] } },
    topologySpreadConstraints: [{ labelSelector: { matchLabels: pods }, maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }],
  };
}

/** A PodDisruptionBudget with maxUnavailable 1, with more than one replica. */
function budget(name: string, replicas: number, pods: Record<string, string>): Manifest[] {
  return replicas > 1 ? [{ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: MONITORING_NAMESPACE }, spec: { maxUnavailable: 1, selector: { matchLabels: pods } } }] : [];
}

function prometheusRule(name: string, namespace: string, packs: readonly RulePack[]): Manifest {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { labels: RULE_SELECTOR, name, namespace },
    spec: {
      groups: packs.map((p) => ({
        name: p.name,
        interval: dur(p.interval),
        rules: p.rules.map((r) => ({
          alert: r.alert,
          expr: r.expr,
          for: dur(r.for),
          keepFiringFor: dur(r.keepFiringFor),
          labels: r.labels,
          annotations: r.annotations,
        })),
      })),
    },
  };
}

/** The manifests of one cluster, as `buildCluster` and `buildFleet` make them. */
export function plainCluster(cluster: ClusterConfig, packs: readonly RulePack[]): PlainCluster {
  const teamNamespaces = cluster.teams.map(teamNamespace);
  const amNamespaces = [...new Set([MONITORING_NAMESPACE, ...teamNamespaces])];

  const monitoring: Manifest[] = [
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Alertmanager',
      metadata: { name: 'main', namespace: MONITORING_NAMESPACE },
      spec: {
        alertmanagerConfigMatcherStrategy: { type: 'OnNamespaceExceptForAlertmanagerNamespace' },
        alertmanagerConfigNamespaceSelector: amNamespaces.length > 1 ? namesSelector(amNamespaces) : undefined,
        alertmanagerConfigSelector: { matchLabels: { alertmanager: 'main' } },
        alertmanagerConfiguration: { global: { resolveTimeout: '5m' }, name: 'main-base' },
        externalUrl: cluster.alertmanagerUrl,
        replicas: cluster.alertmanagerReplicas ?? 3,
        resources: { requests: { cpu: '20m', memory: '200Mi' } },
        securityContext: { fsGroup: 2000, runAsNonRoot: true, runAsUser: 1000 },
        ...spreading(cluster.alertmanagerReplicas ?? 3, AM_PODS),
      },
    },
    {
      apiVersion: 'monitoring.coreos.com/v1alpha1',
      kind: 'AlertmanagerConfig',
      metadata: { name: 'main-base', namespace: MONITORING_NAMESPACE },
      spec: {
        inhibitRules: [
          { equal: ['namespace', 'alertname'], sourceMatch: [eq('severity', 'critical')], targetMatch: [{ matchType: '=~', name: 'severity', value: 'warning|info' }] },
          { equal: ['namespace', 'alertname'], sourceMatch: [eq('severity', 'warning')], targetMatch: [eq('severity', 'info')] },
          { equal: ['namespace'], sourceMatch: [eq('alertname', 'InfoInhibitor')], targetMatch: [eq('severity', 'info')] },
        ],
        receivers: [{ name: 'null' }, { name: 'deadmans-switch', webhookConfigs: [{ sendResolved: true, urlSecret: { key: 'url', name: 'deadmans-switch' } }] }],
        route: {
          receiver: 'null',
          routes: [{ groupInterval: '1m', groupWait: '0s', matchers: [eq('alertname', 'Watchdog')], receiver: 'deadmans-switch', repeatInterval: '1m' }],
        },
      },
    },
    ...budget('alertmanager-main', cluster.alertmanagerReplicas ?? 3, AM_PODS),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'alertmanager-main', namespace: MONITORING_NAMESPACE },
      spec: {
        ingress: [
          {
            from: [
              { namespaceSelector: { matchLabels: byName(FLUX_NAMESPACE) }, podSelector: { matchLabels: { app: 'notification-controller' } } },
              { namespaceSelector: { matchLabels: byName(MONITORING_NAMESPACE) }, podSelector: { matchLabels: PROM_PODS } },
            ],
            ports: [{ port: 9093, protocol: 'TCP' }],
          },
          { from: [{ podSelector: { matchLabels: AM_PODS } }], ports: [{ port: 9094, protocol: 'TCP' }, { port: 9094, protocol: 'UDP' }] },
        ],
        podSelector: { matchLabels: AM_PODS },
        policyTypes: ['Ingress'],
      },
    },
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Prometheus',
      metadata: { name: 'main', namespace: MONITORING_NAMESPACE },
      spec: {
        alerting: { alertmanagers: [{ apiVersion: 'v2', name: 'alertmanager-operated', namespace: MONITORING_NAMESPACE, port: 'web' }] },
        externalLabels: { ...cluster.externalLabels, cluster: cluster.name },
        replicas: cluster.prometheusReplicas ?? 2,
        resources: { requests: { cpu: '100m', memory: '512Mi' } },
        ruleNamespaceSelector: namesSelector([MONITORING_NAMESPACE, ...teamNamespaces]),
        ruleSelector: { matchLabels: RULE_SELECTOR },
        serviceAccountName: 'prometheus-main',
        ...spreading(cluster.prometheusReplicas ?? 2, PROM_PODS),
      },
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'prometheus-main', namespace: MONITORING_NAMESPACE } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'prometheus-main', namespace: MONITORING_NAMESPACE },
      rules: [
        { apiGroups: [''], resources: ['services', 'endpoints', 'pods'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'prometheus-main', namespace: MONITORING_NAMESPACE },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'prometheus-main' },
      subjects: [{ kind: 'ServiceAccount', name: 'prometheus-main', namespace: MONITORING_NAMESPACE }],
    },
    ...budget('prometheus-main', cluster.prometheusReplicas ?? 2, PROM_PODS),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'prometheus-main', namespace: MONITORING_NAMESPACE },
      spec: {
        egress: [
          { ports: [{ port: 9093, protocol: 'TCP' }], to: [{ namespaceSelector: { matchLabels: byName(MONITORING_NAMESPACE) }, podSelector: { matchLabels: AM_PODS } }] },
          { ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] },
          {},
        ],
        podSelector: { matchLabels: PROM_PODS },
        policyTypes: ['Egress'],
      },
    },
    prometheusRule('platform-rules', MONITORING_NAMESPACE, packs),
    {
      apiVersion: 'monitoring.coreos.com/v1alpha1',
      kind: 'AlertmanagerConfig',
      metadata: { labels: { alertmanager: 'main' }, name: 'platform', namespace: MONITORING_NAMESPACE },
      spec: {
        receivers: [
          slack('platform-slack', 'alertmanager-slack', `#alerts-${cluster.name}`),
          pagerduty('platform-pagerduty', 'alertmanager-pagerduty'),
        ],
        route: {
          groupBy: ['alertname', 'namespace'],
          matchers: [
            ...(teamNamespaces.length ? [{ matchType: '!~', name: 'namespace', value: teamNamespaces.join('|') }] : []),
            { matchType: '!~', name: 'alertname', value: 'Watchdog|InfoInhibitor' },
          ],
          receiver: 'platform-slack',
          routes: [
            {
              groupBy: ['alertname', 'namespace', 'name'],
              matchers: [{ matchType: '=~', name: 'alertname', value: 'Flux.+' }, eq('severity', 'error')],
              receiver: 'platform-slack',
            },
            { matchers: [eq('severity', 'critical')], receiver: 'platform-pagerduty' },
          ],
        },
      },
    },
  ];

  const kinds = ['HelmRelease', 'ImagePolicy', 'Kustomization', 'ImageRepository', 'GitRepository', 'HelmChart', 'HelmRepository', 'OCIRepository'];
  const sourceNamespaces = [FLUX_NAMESPACE, ...teamNamespaces];
  const flux: Manifest[] = [
    {
      apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
      kind: 'Provider',
      metadata: { name: 'alertmanager', namespace: FLUX_NAMESPACE },
      spec: { address: `http://alertmanager-operated.${MONITORING_NAMESPACE}:9093/api/v2/alerts/`, type: 'alertmanager' },
    },
    {
      apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
      kind: 'Alert',
      metadata: { name: 'flux-errors', namespace: FLUX_NAMESPACE },
      spec: {
        eventMetadata: { cluster: cluster.name },
        eventSeverity: 'error',
        eventSources: kinds.flatMap((kind) => sourceNamespaces.map((namespace) => ({ kind, name: '*', namespace }))),
        providerRef: { name: 'alertmanager' },
      },
    },
  ];

  const teams: PlainChart[] = cluster.teams.map((team) => {
    const namespace = teamNamespace(team);
    const receivers: object[] = [slack('slack', team.slackSecret ?? 'alertmanager-slack', `#${team.name}-alerts`)];
    const routes: object[] = [];
    if (team.pagerDutySecret) {
      receivers.push(pagerduty('pagerduty', team.pagerDutySecret));
      routes.push({ continue: true, matchers: [eq('severity', 'critical')], receiver: 'pagerduty' });
    }
    routes.push({ matchers: [eq('severity', 'info')], receiver: 'slack', repeatInterval: '1d' });
    return {
      id: `team-${team.name}`,
      namespace,
      objects: [
        {
          apiVersion: 'monitoring.coreos.com/v1alpha1',
          kind: 'AlertmanagerConfig',
          metadata: { labels: { alertmanager: 'main' }, name: team.name, namespace },
          spec: { receivers, route: { groupBy: ['alertname', 'service'], receiver: 'slack', routes } },
        },
        prometheusRule(`${team.name}-rules`, namespace, [workloadPack(namespace), ...(team.rules ?? [])]),
      ],
    };
  });

  return {
    charts: [
      { id: 'monitoring', namespace: MONITORING_NAMESPACE, objects: monitoring },
      { id: 'flux', namespace: FLUX_NAMESPACE, objects: flux },
      ...teams,
    ],
    sync: {
      id: 'alerting-sync',
      namespace: FLUX_NAMESPACE,
      objects: [{
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { name: 'alerting', namespace: FLUX_NAMESPACE },
        spec: {
          interval: '10m',
          path: alertingPath(cluster.name),
          prune: true,
          retryInterval: '2m',
          sourceRef: { kind: 'GitRepository', name: 'flux-system' },
          timeout: '3m',
        },
      }],
    },
  };
}

/**
 * What cdk8s' `ApiObject.toJson()` does to a manifest: keys sorted, `undefined` and `null`
 * dropped (and empty maps and lists dropped from `metadata`), `apiVersion`, `kind` and
 * `metadata` first.
 */
export function sanitize(m: Manifest): Manifest {
  const { apiVersion, kind, metadata, ...rest } = m;
  const body = clean(rest, false);
  return { apiVersion, kind, metadata: clean(metadata, true), ...body };
}

function clean(v: any, dropEmpty: boolean): any {
  if (v === null || v === undefined) { return undefined; }
  if (typeof v !== 'object') { return v; }
  if (Array.isArray(v)) {
    return dropEmpty && v.length === 0 ? undefined : v.map((x) => clean(x, dropEmpty));
  }
  const out: { [k: string]: any } = {};
  for (const k of Object.keys(v).sort()) {
    const c = clean(v[k], dropEmpty);
    if (c !== undefined && c !== null) { out[k] = c; }
  }
  return dropEmpty && Object.keys(out).length === 0 ? undefined : out;
}
