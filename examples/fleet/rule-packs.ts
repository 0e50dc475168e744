/**
 * Rule packs shared by every cluster of the fleet.
 *
 * A pack is plain data (a group name and its rules), defined once here. Each cluster turns
 * it into its own `RuleGroup` (`packGroups` in `main.ts`), so adding a rule to one
 * cluster's group never leaks into another cluster.
 *
 * The platform packs are the library's shipped packs (`lib/rule-packs`: Watchdog and
 * InfoInhibitor, Alertmanager and Prometheus self-monitoring, Flux reconciliation), read as
 * data. This module loads only those modules (and the rule classes they use), not the whole
 * construct library, so the benchmark's baselines can share it. The workload pack below is
 * the fleet's own.
 */
import { Duration } from 'cdk8s';
import type { AlertingRuleProps } from '../../lib/rules/rule-group';
import { Matcher } from '../../lib/alertmanager/matcher';
import { RulePacks } from '../../lib/rule-packs/rule-packs';

/**
 * A named group of alerting rules, shared as data.
 */
export interface RulePack {
  /** The rule group's name, unique within a PrometheusRule. */
  readonly name: string;
  /**
   * How often the group is evaluated.
   * @default - the Prometheus' evaluation interval
   */
  readonly interval?: Duration;
  /** The alerting rules. */
  readonly rules: readonly AlertingRuleProps[];
}

/**
 * The label matchers that find the scraped Alertmanager and Prometheus series. They depend
 * on how they are scraped; by default the pods of the fleet's `main` Alertmanager and
 * Prometheus in namespace `monitoring`, whatever the scrape's job name.
 */
export interface PackSelectors {
  /** @default namespace="monitoring", pod=~"alertmanager-main-[0-9]+" */
  readonly alertmanager?: Matcher[];
  /** @default namespace="monitoring", pod=~"prometheus-main-[0-9]+" */
  readonly prometheus?: Matcher[];
}

const RUNBOOKS = 'https://runbooks.prometheus-operator.dev/runbooks';

/** The library's shipped packs as data: heartbeat, Alertmanager, Prometheus and Flux. */
export function defaultPacks(selectors: PackSelectors = {}): RulePack[] {
  const packs = [
    RulePacks.watchdog(),
    RulePacks.alertmanager({ selector: selectors.alertmanager ?? [Matcher.eq('namespace', 'monitoring'), Matcher.regex('pod', 'alertmanager-main-[0-9]+')] }),
    RulePacks.prometheus({ selector: selectors.prometheus ?? [Matcher.eq('namespace', 'monitoring'), Matcher.regex('pod', 'prometheus-main-[0-9]+')] }),
    RulePacks.flux(),
  ];
  return packs.map((p) => ({ name: p.groupName, interval: p.interval, rules: p.rules }));
}

/**
 * Workload health of one team's namespace, from kube-state-metrics, and a request error
 * rate. Written for this example.
 * @param namespace the team's namespace
 */
export function workloadPack(namespace: string): RulePack {
  const ksm = `job="kube-state-metrics", namespace="${namespace}"`;
  return {
    name: 'workloads.rules',
    rules: [
      {
        alert: 'KubePodCrashLooping',
        expr: `max by (namespace, pod, container) (kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff", ${ksm}}) > 0`,
        for: Duration.minutes(15),
        labels: { severity: 'warning' },
        annotations: {
          summary: 'A container keeps crashing.',
          description: 'Container {{ $labels.container }} of pod {{ $labels.namespace }}/{{ $labels.pod }} has been waiting in CrashLoopBackOff for 15 minutes.',
          runbook_url: `${RUNBOOKS}/kubernetes/kubepodcrashlooping`,
        },
      },
      {
        alert: 'KubeDeploymentReplicasMismatch',
        expr: `kube_deployment_status_replicas_available{${ksm}}\n  <\nkube_deployment_spec_replicas{${ksm}}`,
        for: Duration.minutes(15),
        labels: { severity: 'warning' },
        annotations: {
          summary: 'A Deployment runs fewer available replicas than it asks for.',
          description: 'Deployment {{ $labels.namespace }}/{{ $labels.deployment }} has had only {{ $value }} available replicas, fewer than its spec asks for, for 15 minutes.',
          runbook_url: `${RUNBOOKS}/kubernetes/kubedeploymentreplicasmismatch`,
        },
      },
      {
        alert: 'KubeContainerWaiting',
        expr: `max by (namespace, pod, container) (kube_pod_container_status_waiting{${ksm}}) > 0`,
        for: Duration.hours(1),
        labels: { severity: 'warning' },
        annotations: {
          summary: 'A container has been waiting to start for an hour.',
          description: 'Container {{ $labels.container }} of pod {{ $labels.namespace }}/{{ $labels.pod }} has been waiting to start for an hour.',
          runbook_url: `${RUNBOOKS}/kubernetes/kubecontainerwaiting`,
        },
      },
      {
        // info: routed to the team's Slack once a day (examples/fleet/main.ts), muted by a
        // warning or critical alert of the same name and namespace (the default inhibit rules)
        alert: 'KubeContainerRestartsOften',
        expr: `increase(kube_pod_container_status_restarts_total{${ksm}}[1h]) > 3`,
        labels: { severity: 'info' },
        annotations: {
          summary: 'A container restarts often.',
          description: 'Container {{ $labels.container }} of pod {{ $labels.namespace }}/{{ $labels.pod }} restarted {{ $value | humanize }} times in the last hour.',
        },
      },
      {
        alert: 'HighErrorRate',
        expr: `sum by (namespace, service) (rate(http_requests_total{namespace="${namespace}", code=~"5.."}[5m]))
/
sum by (namespace, service) (rate(http_requests_total{namespace="${namespace}"}[5m]))
> 0.05`,
        for: Duration.minutes(10),
        labels: { severity: 'critical' },
        annotations: {
          summary: 'More than 5% of requests fail.',
          description: '{{ $value | humanizePercentage }} of the requests to {{ $labels.namespace }}/{{ $labels.service }} fail.',
        },
      },
    ],
  };
}

/** The number of rules in the packs. */
export function packRuleCount(packs: readonly RulePack[]): number {
  return packs.reduce((n, p) => n + p.rules.length, 0);
}
