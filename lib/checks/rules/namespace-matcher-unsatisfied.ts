import { describeObject } from '../../model/model-object';
import { formatLabelValues, labelOf, shapeCanMatch } from '../../simulate/label-flow';
import { AlertSourceKind } from '../../simulate/label-flow-sources';
import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { EXAMPLE_CLUSTER } from '../lib/examples';
import { Candidate, RouteFate, configFlows, describeSources, fateOf, informative, strategyText } from '../lib/route-flow';

function rulesIn(namespace: string, rules: string): string {
  return `---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: rules, namespace: ${namespace} }
spec:
  groups:
    - name: rules
      rules:
${rules}`;
}

const TEAM = (by: string) => `${EXAMPLE_CLUSTER.replace('ruleSelector: {}', 'ruleSelector: {}\n  ruleNamespaceSelector: { matchExpressions: [{ key: kubernetes.io/metadata.name, operator: In, values: [monitoring, team-a] }] }')}${rulesIn('team-a', `        - alert: JobDown
          expr: sum by (${by}) (up{namespace="team-a"}) == 0
          labels: { severity: critical }
        - alert: PodCrashLooping
          expr: max by (namespace, pod) (kube_pod_container_status_waiting_reason{namespace="team-a", reason="CrashLoopBackOff"}) > 0
          labels: { severity: warning }
`)}---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team-a, namespace: team-a }
spec:
  route: { receiver: slack }
  receivers: [{ name: slack, slackConfigs: [{ apiURL: { name: slack, key: url } }] }]
`;

/** Why the alerts of `c` never carry `namespace="<ns>"`. */
function gap(c: Candidate): string {
  if (c.shape.labels.namespace === undefined && !c.shape.open) {
    return c.shape.closedBy ? `its expression's ${c.shape.closedBy} drops the namespace label` : 'they carry no namespace label';
  }
  return `they carry ${formatLabelValues('namespace', labelOf(c.shape, 'namespace'))}`;
}

export const namespaceMatcherUnsatisfied: Check = {
  id: 'namespace-matcher-unsatisfied',
  severity: Severity.WARNING,
  title: 'Alerts that the operator\'s namespace matcher keeps out of the config meant for them',
  description: 'Under the `OnNamespace` matcher strategy (the operator\'s default) a config only receives alerts labelled `namespace="<its namespace>"`. A team\'s rule whose expression drops the label (`sum by (job) (...)`) never reaches the team\'s config in the same namespace; and a config without matchers in the Alertmanager\'s own namespace, meant to catch everything, only catches the alerts of that namespace, not those of team namespaces or Flux events of other namespaces. A warning: that these alerts were meant for that config is assumed. A config that no alert reaches at all is reported by `route-unreachable`.',
  failing: TEAM('job'),
  fixed: TEAM('namespace, job'),
  run(ctx) {
    const issues: Issue[] = [];
    const seen = new Set<string>();
    for (const flow of configFlows(ctx)) {
      if (!flow.enforced || !informative(flow)) { continue; }
      const top = flow.routes[0];
      if (!top || fateOf([top]) === RouteFate.UNMATCHED) { continue; } // route-unreachable reports it
      const ns = flow.enforced.value;
      const keptOut = top.withoutNamespace.filter((c) => !shapeCanMatch(c.shape, [flow.enforced!]));
      // 1. The rules of the config's own namespace whose alerts lack namespace="<ns>".
      for (const c of keptOut) {
        if (c.source.kind !== AlertSourceKind.RULE || c.source.object.namespace !== ns) { continue; }
        const key = `${c.source.object.namespace}/${c.source.object.name}/${c.source.field}/${flow.config.name}`;
        if (seen.has(key)) { continue; }
        seen.add(key);
        issues.push({
          object: c.source.object,
          message: `${c.source.field}: the ${c.source.alertname} alerts never reach ${describeObject(flow.config)} beside them: under ${strategyText(flow)} the operator confines that config to alerts labelled namespace="${ns}", and ${gap(c)}`,
          fix: `keep the namespace label (e.g. sum by (namespace, ...)), or set it in the rule's labels (namespace: ${ns})`,
        });
      }
      // 2. A catch-all config in the Alertmanager's namespace.
      if (flow.config.namespace !== flow.alertmanager.namespace || top.route.matchers.length > 0) { continue; }
      const others = keptOut.filter((c) => c.source.kind !== AlertSourceKind.RULE || c.source.object.namespace !== ns);
      if (others.length === 0) { continue; }
      issues.push({
        object: flow.config,
        message: `spec.route: this config has no matchers, as if meant for every alert, but under ${strategyText(flow)} the operator confines it to alerts labelled namespace="${ns}": ${describeSources(others.map((c) => c.source))} never reach it`,
        fix: `set the Alertmanager's matcherStrategy to OnNamespaceExceptForAlertmanagerNamespace (MatcherStrategy.ON_NAMESPACE_EXCEPT_FOR_ALERTMANAGER_NAMESPACE), which leaves configs in its namespace "${flow.alertmanager.namespace}" unconfined`,
      });
    }
    return issues;
  },
};
