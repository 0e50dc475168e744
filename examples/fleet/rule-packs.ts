/**
 * Rule packs shared by every cluster of the fleet.
 *
 * A pack is plain data (a group name and its rules), defined once here. Each cluster turns
 * it into its own `RuleGroup` (`packGroups` in `main.ts`), so adding a rule to one
 * cluster's group never leaks into another cluster. This module does not load the construct
 * library, so the benchmark's baselines share it.
 *
 * Where an expression comes from kube-prometheus (the `general.rules`,
 * `alertmanager.rules` and `prometheus` mixins) it is copied as upstream renders it, with
 * the selectors passed in {@link PackSelectors} instead of kube-prometheus' defaults
 * (`job="alertmanager-main"`, `job="prometheus-k8s"`, `namespace="monitoring"`), and without
 * upstream's `#` comments. Annotations are shortened. Rules written here rather than copied
 * say so.
 */
import { Duration } from 'cdk8s';
import type { AlertingRuleProps } from '../../lib';

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
 * The label selectors that find the scraped Alertmanager, Prometheus and operator series.
 * They depend on how they are scraped (ServiceMonitor job names).
 */
export interface PackSelectors {
  /** @default 'job="alertmanager-main",namespace="monitoring"' */
  readonly alertmanager?: string;
  /** @default 'job="prometheus-k8s",namespace="monitoring"' */
  readonly prometheus?: string;
  /** @default 'job="prometheus-operator",namespace="monitoring"' */
  readonly operator?: string;
}

const RUNBOOKS = 'https://runbooks.prometheus-operator.dev/runbooks';

/** kube-prometheus `general.rules`: the dead man's switch and the info inhibitor. */
export function generalPack(): RulePack {
  return {
    name: 'general.rules',
    rules: [
      {
        alert: 'Watchdog',
        expr: 'vector(1)',
        labels: { severity: 'none' },
        annotations: {
          summary: 'An alert that should always be firing to certify that Alertmanager is working properly.',
          description: 'This alert is always firing. Route it to a dead man\'s switch, which pages when it stops arriving.',
          runbook_url: `${RUNBOOKS}/general/watchdog`,
        },
      },
      {
        alert: 'InfoInhibitor',
        expr: 'ALERTS{severity = "info"} == 1 unless on (namespace) ALERTS{alertname != "InfoInhibitor", severity =~ "warning|critical", alertstate="firing"} == 1',
        labels: { severity: 'none' },
        annotations: {
          summary: 'Info-level alert inhibition.',
          description: 'Fires while a severity="info" alert fires without a warning or critical alert in the same namespace; route it to a null receiver and let it inhibit info alerts.',
          runbook_url: `${RUNBOOKS}/general/infoinhibitor`,
        },
      },
    ],
  };
}

/** kube-prometheus `alertmanager.rules`. */
export function alertmanagerPack(selectors: PackSelectors = {}): RulePack {
  const am = selectors.alertmanager ?? 'job="alertmanager-main",namespace="monitoring"';
  return {
    name: 'alertmanager.rules',
    rules: [
      {
        alert: 'AlertmanagerFailedReload',
        expr: `max_over_time(alertmanager_config_last_reload_successful{${am}}[5m]) == 0`,
        for: Duration.minutes(10),
        labels: { severity: 'critical' },
        annotations: {
          summary: 'Reloading an Alertmanager configuration has failed.',
          description: 'Configuration has failed to load for {{ $labels.namespace }}/{{ $labels.pod}}.',
          runbook_url: `${RUNBOOKS}/alertmanager/alertmanagerfailedreload`,
        },
      },
      {
        alert: 'AlertmanagerMembersInconsistent',
        expr: `max_over_time(alertmanager_cluster_members{${am}}[5m])
< on (namespace,service) group_left
  count by (namespace,service) (max_over_time(alertmanager_cluster_members{${am}}[5m]))`,
        for: Duration.minutes(15),
        labels: { severity: 'critical' },
        annotations: {
          summary: 'A member of an Alertmanager cluster has not found all other cluster members.',
          description: 'Alertmanager {{ $labels.namespace }}/{{ $labels.pod}} has only found {{ $value }} members of the {{$labels.job}} cluster.',
          runbook_url: `${RUNBOOKS}/alertmanager/alertmanagermembersinconsistent`,
        },
      },
      {
        alert: 'AlertmanagerFailedToSendAlerts',
        expr: `(
  rate(alertmanager_notifications_failed_total{${am}}[5m])
/
  ignoring (reason) group_left rate(alertmanager_notifications_total{${am}}[5m])
)
> 0.01`,
        for: Duration.minutes(5),
        labels: { severity: 'warning' },
        annotations: {
          summary: 'An Alertmanager instance failed to send notifications.',
          description: 'Alertmanager {{ $labels.namespace }}/{{ $labels.pod}} failed to send {{ $value | humanizePercentage }} of notifications to {{ $labels.integration }}.',
          runbook_url: `${RUNBOOKS}/alertmanager/alertmanagerfailedtosendalerts`,
        },
      },
      {
        alert: 'AlertmanagerClusterFailedToSendAlerts',
        expr: `min by (namespace,service, integration) (
  rate(alertmanager_notifications_failed_total{${am}, integration=~\`.*\`}[5m])
/
  ignoring (reason) group_left rate(alertmanager_notifications_total{${am}, integration=~\`.*\`}[5m])
)
> 0.01`,
        for: Duration.minutes(5),
        labels: { severity: 'critical' },
        annotations: {
          summary: 'All Alertmanager instances in a cluster failed to send notifications to a critical integration.',
          description: 'The minimum notification failure rate to {{ $labels.integration }} sent from any instance in the {{$labels.job}} cluster is {{ $value | humanizePercentage }}.',
          runbook_url: `${RUNBOOKS}/alertmanager/alertmanagerclusterfailedtosendalerts`,
        },
      },
      {
        alert: 'AlertmanagerConfigInconsistent',
        expr: `count by (namespace,service) (
  count_values by (namespace,service) ("config_hash", alertmanager_config_hash{${am}})
)
!= 1`,
        for: Duration.minutes(20),
        labels: { severity: 'critical' },
        annotations: {
          summary: 'Alertmanager instances within the same cluster have different configurations.',
          description: 'Alertmanager instances within the {{$labels.job}} cluster have different configurations.',
          runbook_url: `${RUNBOOKS}/alertmanager/alertmanagerconfiginconsistent`,
        },
      },
      {
        alert: 'AlertmanagerClusterDown',
        expr: `(
  count by (namespace,service) (
    avg_over_time(up{${am}}[5m]) < 0.5
  )
/
  count by (namespace,service) (
    up{${am}}
  )
)
>= 0.5`,
        for: Duration.minutes(5),
        labels: { severity: 'critical' },
        annotations: {
          summary: 'Half or more of the Alertmanager instances within the same cluster are down.',
          description: '{{ $value | humanizePercentage }} of Alertmanager instances within the {{$labels.job}} cluster have been up for less than half of the last 5m.',
          runbook_url: `${RUNBOOKS}/alertmanager/alertmanagerclusterdown`,
        },
      },
      {
        alert: 'AlertmanagerClusterCrashlooping',
        expr: `(
  count by (namespace,service) (
    changes(process_start_time_seconds{${am}}[10m]) > 4
  )
/
  count by (namespace,service) (
    up{${am}}
  )
)
>= 0.5`,
        for: Duration.minutes(5),
        labels: { severity: 'critical' },
        annotations: {
          summary: 'Half or more of the Alertmanager instances within the same cluster are crashlooping.',
          description: '{{ $value | humanizePercentage }} of Alertmanager instances within the {{$labels.job}} cluster have restarted at least 5 times in the last 10m.',
          runbook_url: `${RUNBOOKS}/alertmanager/alertmanagerclustercrashlooping`,
        },
      },
      {
        // Written here, not copied: the gossip mesh reports peers it cannot reach.
        alert: 'AlertmanagerClusterFailedPeers',
        expr: `max_over_time(alertmanager_cluster_failed_peers{${am}}[5m]) > 0`,
        for: Duration.minutes(15),
        labels: { severity: 'warning' },
        annotations: {
          summary: 'An Alertmanager instance cannot reach some of its cluster peers.',
          description: 'Alertmanager {{ $labels.namespace }}/{{ $labels.pod }} has {{ $value }} failed peers; notifications may be duplicated.',
        },
      },
    ],
  };
}

/** Pipeline health: Prometheus can reach Alertmanager, rules evaluate, the operator accepts resources. */
export function pipelinePack(selectors: PackSelectors = {}): RulePack {
  const prom = selectors.prometheus ?? 'job="prometheus-k8s",namespace="monitoring"';
  const operator = selectors.operator ?? 'job="prometheus-operator",namespace="monitoring"';
  return {
    name: 'alerting-pipeline.rules',
    rules: [
      {
        alert: 'PrometheusNotConnectedToAlertmanagers',
        expr: `max_over_time(prometheus_notifications_alertmanagers_discovered{${prom}}[5m]) < 1`,
        for: Duration.minutes(10),
        labels: { severity: 'warning' },
        annotations: {
          summary: 'Prometheus is not connected to any Alertmanagers.',
          description: 'Prometheus {{$labels.namespace}}/{{$labels.pod}} is not connected to any Alertmanagers.',
          runbook_url: `${RUNBOOKS}/prometheus/prometheusnotconnectedtoalertmanagers`,
        },
      },
      {
        alert: 'PrometheusErrorSendingAlertsToAnyAlertmanager',
        expr: `min without (alertmanager) (
  rate(prometheus_notifications_errors_total{${prom},alertmanager!~\`\`}[5m])
/
  rate(prometheus_notifications_sent_total{${prom},alertmanager!~\`\`}[5m])
)
* 100
> 3`,
        for: Duration.minutes(15),
        labels: { severity: 'critical' },
        annotations: {
          summary: 'Prometheus encounters more than 3% errors sending alerts to any Alertmanager.',
          description: '{{ printf "%.1f" $value }}% minimum errors while sending alerts from Prometheus {{$labels.namespace}}/{{$labels.pod}} to any Alertmanager.',
          runbook_url: `${RUNBOOKS}/prometheus/prometheuserrorsendingalertstoanyalertmanager`,
        },
      },
      {
        alert: 'PrometheusRuleFailures',
        expr: `increase(prometheus_rule_evaluation_failures_total{${prom}}[5m]) > 0`,
        for: Duration.minutes(15),
        labels: { severity: 'critical' },
        annotations: {
          summary: 'Prometheus is failing rule evaluations.',
          description: 'Prometheus {{$labels.namespace}}/{{$labels.pod}} has failed to evaluate {{ printf "%.0f" $value }} rules in the last 5m.',
          runbook_url: `${RUNBOOKS}/prometheus/prometheusrulefailures`,
        },
      },
      {
        alert: 'PrometheusOperatorRejectedResources',
        expr: `min_over_time(prometheus_operator_managed_resources{state="rejected",${operator}}[5m]) > 0`,
        for: Duration.minutes(5),
        labels: { severity: 'warning' },
        annotations: {
          summary: 'Resources rejected by Prometheus operator',
          description: 'Prometheus operator in {{ $labels.namespace }} namespace rejected {{ printf "%0.0f" $value }} {{ $labels.controller }}/{{ $labels.resource }} resources.',
          runbook_url: `${RUNBOOKS}/prometheus-operator/prometheusoperatorrejectedresources`,
        },
      },
    ],
  };
}

/**
 * Flux reconciliation, from kube-state-metrics' custom resource state metric
 * `gotk_resource_info` (as in fluxcd/flux2-monitoring-example). The object's namespace is in
 * `exported_namespace`. Written here, not copied.
 */
export function fluxPack(): RulePack {
  return {
    name: 'flux.rules',
    rules: [
      {
        alert: 'FluxKustomizationNotReady',
        expr: 'max by (exported_namespace, name) (gotk_resource_info{ready="False", customresource_kind="Kustomization"}) > 0',
        for: Duration.minutes(10),
        labels: { severity: 'warning' },
        annotations: {
          summary: 'A Flux Kustomization is not ready.',
          description: 'Kustomization {{ $labels.exported_namespace }}/{{ $labels.name }} has not been ready for 10 minutes.',
        },
      },
      {
        alert: 'FluxHelmReleaseNotReady',
        expr: 'max by (exported_namespace, name) (gotk_resource_info{ready="False", customresource_kind="HelmRelease"}) > 0',
        for: Duration.minutes(10),
        labels: { severity: 'warning' },
        annotations: {
          summary: 'A Flux HelmRelease is not ready.',
          description: 'HelmRelease {{ $labels.exported_namespace }}/{{ $labels.name }} has not been ready for 10 minutes.',
        },
      },
      {
        alert: 'FluxSourceNotReady',
        expr: 'max by (exported_namespace, name, customresource_kind) (gotk_resource_info{ready="False", customresource_kind=~"GitRepository|OCIRepository|HelmRepository|Bucket"}) > 0',
        for: Duration.minutes(15),
        labels: { severity: 'warning' },
        annotations: {
          summary: 'A Flux source cannot be fetched.',
          description: '{{ $labels.customresource_kind }} {{ $labels.exported_namespace }}/{{ $labels.name }} has not been ready for 15 minutes.',
        },
      },
    ],
  };
}

/**
 * Workload health of one namespace, from kube-state-metrics (kubernetes-mixin's
 * `kubernetes-apps` rules, as kube-prometheus ships them, narrowed to `namespace`), and a
 * request error rate.
 * @param namespace the team's namespace
 */
export function workloadPack(namespace: string): RulePack {
  const ksm = `job="kube-state-metrics", namespace="${namespace}"`;
  return {
    name: 'workloads.rules',
    rules: [
      {
        alert: 'KubePodCrashLooping',
        expr: `max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff", ${ksm}}[5m]) >= 1`,
        for: Duration.minutes(15),
        labels: { severity: 'warning' },
        annotations: {
          summary: 'Pod is crash looping.',
          description: 'Pod {{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.container }}) is in waiting state (reason: "CrashLoopBackOff").',
          runbook_url: `${RUNBOOKS}/kubernetes/kubepodcrashlooping`,
        },
      },
      {
        alert: 'KubeDeploymentReplicasMismatch',
        expr: `(
  kube_deployment_spec_replicas{${ksm}}
    >
  kube_deployment_status_replicas_available{${ksm}}
) and (
  changes(kube_deployment_status_replicas_updated{${ksm}}[10m])
    ==
  0
)`,
        for: Duration.minutes(15),
        labels: { severity: 'warning' },
        annotations: {
          summary: 'Deployment has not matched the expected number of replicas.',
          description: 'Deployment {{ $labels.namespace }}/{{ $labels.deployment }} has not matched the expected number of replicas for longer than 15 minutes.',
          runbook_url: `${RUNBOOKS}/kubernetes/kubedeploymentreplicasmismatch`,
        },
      },
      {
        alert: 'KubeContainerWaiting',
        expr: `sum by (namespace, pod, container) (kube_pod_container_status_waiting_reason{${ksm}}) > 0`,
        for: Duration.hours(1),
        labels: { severity: 'warning' },
        annotations: {
          summary: 'Pod container waiting longer than 1 hour',
          description: 'pod/{{ $labels.pod }} in namespace {{ $labels.namespace }} on container {{ $labels.container}} has been in waiting state for longer than 1 hour.',
          runbook_url: `${RUNBOOKS}/kubernetes/kubecontainerwaiting`,
        },
      },
      {
        // Written here, not copied: the share of 5xx answers of each service.
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

/** The packs every cluster of the fleet ships, in order. */
export function defaultPacks(selectors: PackSelectors = {}): RulePack[] {
  return [generalPack(), alertmanagerPack(selectors), pipelinePack(selectors), fluxPack()];
}

/** The number of rules in the packs. */
export function packRuleCount(packs: readonly RulePack[]): number {
  return packs.reduce((n, p) => n + p.rules.length, 0);
}
