/**
 * The cluster the routing checks' examples run in: an Alertmanager with its base configuration
 * and a Prometheus that sends to it, both in the model, so that the model holds every alert
 * source and a provable problem is an error.
 * @module
 */

/**
 * An Alertmanager `main` (its configs in `monitoring` get no namespace matcher) and a Prometheus
 * `main` in `monitoring`, the Prometheus loading the rules of its namespace.
 */
export const EXAMPLE_CLUSTER = `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec:
  alertmanagerConfigSelector: {}
  alertmanagerConfigNamespaceSelector: {}
  alertmanagerConfiguration: { name: main-base }
  alertmanagerConfigMatcherStrategy: { type: OnNamespaceExceptForAlertmanagerNamespace }
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: main-base, namespace: monitoring }
spec: { route: { receiver: "null" }, receivers: [{ name: "null" }] }
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: main, namespace: monitoring }
spec:
  ruleSelector: {}
  alerting: { alertmanagers: [{ name: alertmanager-operated, namespace: monitoring, port: web }] }
`;

/** {@link EXAMPLE_CLUSTER} with a PrometheusRule in `monitoring` holding `rules` (YAML list items, indented by 8). */
export function exampleWithRules(rules: string): string {
  return `${EXAMPLE_CLUSTER}---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: rules, namespace: monitoring }
spec:
  groups:
    - name: rules
      rules:
${rules}`;
}

/** Three rules: the always-firing Watchdog (severity none), a critical error-rate alert per service, a warning per crash-looping pod. */
export const EXAMPLE_RULES = `        - alert: Watchdog
          expr: vector(1)
          labels: { severity: none }
        - alert: HighErrorRate
          expr: sum by (namespace, service) (rate(http_requests_total{code=~"5.."}[5m])) > 1
          labels: { severity: critical }
        - alert: PodCrashLooping
          expr: max by (namespace, pod) (kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}) > 0
          labels: { severity: warning }
`;

/** An AlertmanagerConfig `routing` in `monitoring` with a webhook receiver `hook` and `spec.route` as given (YAML, indented by 2). */
export function exampleConfig(route: string, extra = ''): string {
  return `---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: routing, namespace: monitoring }
spec:
  route:
${route}
  receivers:
    - { name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }
    - { name: pager, webhookConfigs: [{ urlSecret: { name: pager, key: url } }] }
${extra}`;
}
