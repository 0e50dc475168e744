/**
 * Selection findings show the selector and the object's labels side by side, with each unmet
 * requirement and what the labels hold instead.
 */
import { parseAllDocuments } from 'yaml';
import { ClusterModel, runChecks } from '../../lib/tooling';
import { formatLabelSelector, labelMismatch, unmetRequirements } from '../../lib/checks/lib/selection';

function findings(yaml: string) {
  const model = ClusterModel.build(parseAllDocuments(yaml).map((d, doc) => ({ value: d.toJS(), source: { file: 'x.yaml', doc } })));
  return runChecks(model);
}

test('selectors are written as kubectl writes them', () => {
  expect(formatLabelSelector(undefined)).toBe('unset');
  expect(formatLabelSelector({})).toBe('{} (everything)');
  expect(formatLabelSelector({
    matchLabels: { release: 'kps' },
    matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'b'] }, { key: 'legacy', operator: 'DoesNotExist' }, { key: 'tier', operator: 'Exists' }, { key: 'env', operator: 'NotIn', values: ['dev'] }],
  })).toBe('release=kps, team in (a, b), !legacy, tier, env notin (dev)');
});

test('each unmet requirement says what the labels hold instead', () => {
  const selector = {
    matchLabels: { release: 'kps', prometheus: 'main' },
    matchExpressions: [{ key: 'team', operator: 'In', values: ['a'] }, { key: 'legacy', operator: 'DoesNotExist' }, { key: 'env', operator: 'NotIn', values: ['dev'] }],
  };
  expect(unmetRequirements(selector, { release: 'prod', team: 'b', legacy: 'yes', env: 'dev' })).toEqual([
    'release=kps [release=prod here]',
    'prometheus=main [no label prometheus]',
    'team in (a) [team=b here]',
    '!legacy [legacy=yes here]',
    'env notin (dev) [env=dev here]',
  ]);
  expect(unmetRequirements(selector, { release: 'kps', prometheus: 'main', team: 'a' })).toEqual([]);
});

test('an unset selector says it selects nothing, and still shows the labels', () => {
  expect(labelMismatch('ruleSelector', undefined, 'PrometheusRule', { app: 'x' })).toBe('its ruleSelector is unset, which selects no PrometheusRule (PrometheusRule labels: app=x)');
});

test('rule-not-selected by a matchExpressions selector: selector, labels and the unmet requirement side by side', () => {
  const [f] = findings(`apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: main, namespace: monitoring }
spec:
  ruleSelector: { matchExpressions: [{ key: team, operator: In, values: [platform, payments] }] }
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: apps, namespace: monitoring, labels: { team: checkout, prometheus: main } }
spec: { groups: [{ name: a, rules: [{ alert: Down, expr: up == 0 }] }] }
`);
  expect(f.check).toBe('rule-not-selected');
  expect(f.message).toBe('Prometheus monitoring/main never loads this PrometheusRule: its ruleSelector does not match the PrometheusRule\'s labels (selector: team in (platform, payments); labels: prometheus=main, team=checkout; unmet: team in (platform, payments) [team=checkout here])');
});

test('config-not-selected by namespace: the namespace selector beside the namespace\'s labels', () => {
  const [f] = findings(`apiVersion: v1
kind: Namespace
metadata: { name: team-a, labels: { tier: apps } }
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec:
  alertmanagerConfigSelector: {}
  alertmanagerConfigNamespaceSelector: { matchLabels: { alerting: enabled } }
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: team-a }
spec:
  route: { receiver: hook }
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]
`);
  expect(f.check).toBe('config-not-selected');
  expect(f.message).toContain('its alertmanagerConfigNamespaceSelector does not select namespace "team-a" (selector: alerting=enabled; namespace labels: kubernetes.io/metadata.name=team-a, tier=apps; unmet: alerting=enabled [no label alerting])');
});
