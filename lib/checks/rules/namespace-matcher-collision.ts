import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { alertmanagersLoading, enforcesNamespace, matcherStrategy } from '../lib/alertmanagers';
import { configRoutes } from '../lib/routes';

export const namespaceMatcherCollision: Check = {
  id: 'namespace-matcher-collision',
  severity: Severity.ERROR,
  title: 'A namespace matcher that contradicts the one the operator adds',
  description: 'Under the `OnNamespace` matcher strategy (the default), the operator appends `namespace="<config namespace>"` to the top route of every AlertmanagerConfig (`OnNamespaceExceptForAlertmanagerNamespace` skips configs in the Alertmanager\'s own namespace). A route of the config that requires another namespace can then never match.',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec:
  alertmanagerConfigSelector: {}
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: apps, namespace: monitoring }
spec:
  route:
    receiver: hook
    matchers: [{ name: namespace, value: apps }]
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]
`,
  fixed: `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec:
  alertmanagerConfigSelector: {}
  alertmanagerConfigMatcherStrategy: { type: OnNamespaceExceptForAlertmanagerNamespace }
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: apps, namespace: monitoring }
spec:
  route:
    receiver: hook
    matchers: [{ name: namespace, value: apps }]
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]
`,
  run({ model }) {
    const issues: Issue[] = [];
    for (const config of model.alertmanagerConfigs) {
      for (const am of alertmanagersLoading(model, config)) {
        if (!enforcesNamespace(am, config)) { continue; }
        for (const { field, matchers } of configRoutes(config)) {
          for (const m of matchers) {
            if (m.name !== 'namespace' || m.matches(config.namespace!)) { continue; }
            const fixes = [
              m.type === '=' ? `move the AlertmanagerConfig to namespace "${m.value}"` : undefined,
              `set the Alertmanager's matcher strategy to OnNamespaceExceptForAlertmanagerNamespace (MatcherStrategy.ON_NAMESPACE_EXCEPT_FOR_ALERTMANAGER_NAMESPACE) and put this config in the Alertmanager's namespace "${am.namespace}"`,
              'use the strategy None',
            ].filter(Boolean).join(', or ');
            issues.push({
              object: config,
              message: `${field}.matchers[${m.index}]: ${m.text} can never match: under the ${matcherStrategy(am)} strategy of Alertmanager ${am.namespace}/${am.name} the operator also requires namespace="${config.namespace}" (the config's namespace) on this config's routes`,
              fix: fixes,
            });
          }
        }
      }
    }
    return issues;
  },
};
