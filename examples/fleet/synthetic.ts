/**
 * Fleets of any size, for the benchmark (`bench/`) and the tests.
 *
 * Every cluster gets `teams` teams; even-numbered teams are paged. Each team ships the
 * shared workload pack (4 rules) and `rulesPerTeam` rules of its own. The team rules differ
 * from cluster to cluster (their `service` label names the cluster), so nothing is shared
 * between clusters except the fleet-wide packs: a cache keyed on expressions gains nothing
 * across clusters here, unlike in most real fleets. Every team rule keeps (or sets) the
 * `namespace` label, so its alerts reach the team's routing config (see the
 * `namespace-matcher-unsatisfied` check).
 */
import { Duration } from 'cdk8s';
import type { AlertingRuleProps } from '../../lib';
import type { ClusterConfig, TeamConfig } from './config';
import type { RulePack } from './rule-packs';

/** Options of {@link syntheticFleet}. */
export interface SyntheticFleetOptions {
  /**
   * Teams per cluster.
   * @default 10
   */
  readonly teams?: number;
  /**
   * Rules per team, besides the 4 of the workload pack.
   * @default 6
   */
  readonly rulesPerTeam?: number;
}

const TEMPLATES: Array<(ns: string, svc: string) => Omit<AlertingRuleProps, 'alert'> & { readonly name: string }> = [
  (ns, svc) => ({
    name: 'HighErrorRate',
    expr: `sum by (namespace, service) (rate(http_requests_total{namespace="${ns}", service="${svc}", code=~"5.."}[5m]))\n/\nsum by (namespace, service) (rate(http_requests_total{namespace="${ns}", service="${svc}"}[5m]))\n> 0.05`,
    for: Duration.minutes(10),
    labels: { severity: 'critical', service: svc },
    annotations: { summary: `More than 5% of the requests to ${svc} fail.`, description: '{{ $value | humanizePercentage }} of the requests to {{ $labels.service }} fail.' },
  }),
  (ns, svc) => ({
    name: 'HighLatency',
    expr: `histogram_quantile(0.99, sum by (le, namespace, service) (rate(http_request_duration_seconds_bucket{namespace="${ns}", service="${svc}"}[5m]))) > 0.5`,
    for: Duration.minutes(15),
    labels: { severity: 'warning', service: svc },
    annotations: { summary: `${svc} answers slowly.`, description: 'The 99th percentile latency of {{ $labels.service }} is {{ $value | humanizeDuration }}.' },
  }),
  (ns, svc) => ({
    name: 'TargetMissing',
    expr: `absent(up{namespace="${ns}", service="${svc}"} == 1)`,
    for: Duration.minutes(5),
    // absent() of a comparison has no labels: the team's namespace is set here, so the
    // operator's namespace matcher lets the alert into the team's routing config
    labels: { severity: 'critical', service: svc, namespace: ns },
    annotations: { summary: `${svc} has no healthy scrape target.` },
  }),
  (ns, svc) => ({
    name: 'MemoryNearLimit',
    expr: `max by (namespace, pod) (container_memory_working_set_bytes{namespace="${ns}", container="${svc}"})\n/\nmax by (namespace, pod) (kube_pod_container_resource_limits{namespace="${ns}", container="${svc}", resource="memory"})\n> 0.9`,
    for: Duration.minutes(15),
    labels: { severity: 'warning', service: svc },
    annotations: { summary: `${svc} uses more than 90% of its memory limit.`, description: 'Pod {{ $labels.pod }} is at {{ $value | humanizePercentage }} of its limit.' },
  }),
  (ns, svc) => ({
    name: 'QueueBacklog',
    expr: `sum by (namespace, queue) (rabbitmq_queue_messages_ready{namespace="${ns}", queue=~"${svc}-.*"}) > 1000`,
    for: Duration.minutes(30),
    labels: { severity: 'warning', service: svc },
    annotations: { summary: `Messages pile up in the queues of ${svc}.` },
  }),
  (ns, svc) => ({
    name: 'FrequentRestarts',
    expr: `increase(kube_pod_container_status_restarts_total{namespace="${ns}", container="${svc}"}[1h]) > 3`,
    labels: { severity: 'info', service: svc },
    annotations: { summary: `${svc} restarted more than 3 times in an hour.` },
  }),
];

/** The rules of one synthetic team on cluster number `cluster`. */
export function syntheticTeamPack(cluster: number, team: string, namespace: string, rules: number): RulePack {
  return {
    name: `${team}.rules`,
    interval: Duration.minutes(1),
    rules: Array.from({ length: rules }, (_, r) => {
      const { name, ...rule } = TEMPLATES[r % TEMPLATES.length](namespace, `svc-${r}-c${cluster}`);
      return { alert: `${name}${r}`, ...rule };
    }),
  };
}

/** `clusters` synthetic clusters named `cluster-000`, `cluster-001`, … */
export function syntheticFleet(clusters: number, options: SyntheticFleetOptions = {}): ClusterConfig[] {
  const teamCount = options.teams ?? 10;
  const rulesPerTeam = options.rulesPerTeam ?? 6;
  return Array.from({ length: clusters }, (_, c) => {
    const name = `cluster-${String(c).padStart(3, '0')}`;
    const teams: TeamConfig[] = Array.from({ length: teamCount }, (__, t) => {
      const team = `squad-${String(t).padStart(2, '0')}`;
      return {
        name: team,
        pagerDutySecret: t % 2 === 0 ? 'alertmanager-pagerduty' : undefined,
        rules: rulesPerTeam > 0 ? [syntheticTeamPack(c, team, team, rulesPerTeam)] : [],
      };
    });
    return {
      name,
      externalLabels: { environment: c % 5 === 0 ? 'staging' : 'production' },
      alertmanagerReplicas: c % 5 === 0 ? 1 : 3,
      alertmanagerUrl: `https://alertmanager.${name}.example.com`,
      teams,
    };
  });
}
