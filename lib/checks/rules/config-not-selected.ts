import { describeObject } from '../../model/model-object';
import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { configSelectionGap, isBaseConfig } from '../lib/alertmanagers';

export const configNotSelected: Check = {
  id: 'config-not-selected',
  severity: Severity.ERROR,
  title: 'An AlertmanagerConfig that no Alertmanager loads',
  description: 'An Alertmanager merges only the AlertmanagerConfigs whose labels match its `alertmanagerConfigSelector` (unset selects none) in the namespaces of its `alertmanagerConfigNamespaceSelector` (unset means its own namespace). Routes of a config nobody selects never run.',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec:
  alertmanagerConfigSelector: { matchLabels: { release: kps } }
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: hook }
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]
`,
  fixed: `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec:
  alertmanagerConfigSelector: { matchLabels: { release: kps } }
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring, labels: { release: kps } }
spec:
  route: { receiver: hook }
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]
`,
  run({ model }) {
    const issues: Issue[] = [];
    for (const config of model.alertmanagerConfigs) {
      const candidates = model.alertmanagers.filter((am) => !isBaseConfig(am, config));
      if (candidates.length === 0 || candidates.length < model.alertmanagers.length) { continue; }
      const gaps = candidates.map((am) => ({ am, why: configSelectionGap(model, am, config) }));
      if (gaps.some((g) => g.why === undefined)) { continue; }
      const [only] = gaps;
      issues.push({
        object: config,
        message: gaps.length === 1
          ? `${describeObject(only.am)} never loads this AlertmanagerConfig, so its routes never run: ${only.why}`
          : `no Alertmanager loads this AlertmanagerConfig, so its routes never run (${gaps.map((g) => `${describeObject(g.am)}: ${g.why}`).join('; ')})`,
        fix: 'give the config the labels the Alertmanager selects and keep it in a namespace it reads (with cdk8s-alerting: pass alertmanager: <the AlertmanagerCluster>, or call alertmanager.addRouting(routing), and do not override those labels)',
      });
    }
    return issues;
  },
};
