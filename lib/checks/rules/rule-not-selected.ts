import { ClusterModel } from '../../model/cluster-model';
import { ModelObject, describeObject } from '../../model/model-object';
import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { labelMismatch, namespaceMismatch, selectsLabels, selectsNamespace } from '../lib/selection';

/** Why `prometheus` does not load `rule`, or `undefined` when it does (or may). */
function gap(model: ClusterModel, prometheus: ModelObject, rule: ModelObject): string | undefined {
  const spec = prometheus.manifest.spec ?? {};
  if (!selectsLabels(spec.ruleSelector, rule.labels)) {
    return labelMismatch('ruleSelector', spec.ruleSelector, 'PrometheusRule', rule.labels);
  }
  if (selectsNamespace(model, spec.ruleNamespaceSelector, prometheus.namespace!, rule.namespace!) === false) {
    return namespaceMismatch(model, 'ruleNamespaceSelector', spec.ruleNamespaceSelector, prometheus.namespace!, rule.namespace!);
  }
  return undefined;
}

export const ruleNotSelected: Check = {
  id: 'rule-not-selected',
  severity: Severity.ERROR,
  title: 'A PrometheusRule that no Prometheus loads',
  description: 'A Prometheus loads only the PrometheusRules whose metadata labels match its `ruleSelector` (unset selects none) in the namespaces of its `ruleNamespaceSelector` (unset means its own namespace). A rule nobody selects is never evaluated, and nothing reports it.',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: main, namespace: monitoring }
spec:
  ruleSelector: { matchLabels: { prometheus: main } }
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: apps, namespace: apps, labels: { prometheus: main } }
spec:
  groups: [{ name: apps, rules: [{ alert: Down, expr: up == 0 }] }]
`,
  fixed: `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: main, namespace: monitoring }
spec:
  ruleSelector: { matchLabels: { prometheus: main } }
  ruleNamespaceSelector: { matchExpressions: [{ key: kubernetes.io/metadata.name, operator: In, values: [monitoring, apps] }] }
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: apps, namespace: apps, labels: { prometheus: main } }
spec:
  groups: [{ name: apps, rules: [{ alert: Down, expr: up == 0 }] }]
`,
  run({ model }) {
    const prometheuses = model.prometheuses;
    if (prometheuses.length === 0) { return []; }
    const issues: Issue[] = [];
    for (const rule of model.prometheusRules) {
      const gaps = prometheuses.map((p) => ({ p, why: gap(model, p, rule) }));
      if (gaps.some((g) => g.why === undefined)) { continue; }
      const [only] = gaps;
      issues.push({
        object: rule,
        message: gaps.length === 1
          ? `${describeObject(only.p)} never loads this PrometheusRule: ${only.why}`
          : `no Prometheus loads this PrometheusRule (${gaps.map((g) => `${describeObject(g.p)}: ${g.why}`).join('; ')})`,
        fix: 'put the selector\'s labels on the PrometheusRule\'s metadata (with cdk8s-alerting: pass prometheus: <the Prometheus>) and keep it in a namespace the Prometheus reads, or widen ruleNamespaceSelector (NamespaceSelector.names(...) or .all())',
      });
    }
    return issues;
  },
};
