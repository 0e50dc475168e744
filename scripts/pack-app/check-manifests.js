// The pack test's check of the quick app's manifests: `node check-manifests.js <dir>`.
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');
const dir = process.argv[2];
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const docs = files.flatMap((f) => YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS()));
const kinds = [...new Set(docs.map((d) => `${d.apiVersion}/${d.kind}`))].sort();
const expected = [
  'kustomize.toolkit.fluxcd.io/v1/Kustomization',
  'monitoring.coreos.com/v1/Alertmanager',
  'monitoring.coreos.com/v1/Prometheus',
  'monitoring.coreos.com/v1/PrometheusRule',
  'monitoring.coreos.com/v1alpha1/AlertmanagerConfig',
  'networking.k8s.io/v1/NetworkPolicy',
  'notification.toolkit.fluxcd.io/v1beta3/Alert',
  'notification.toolkit.fluxcd.io/v1beta3/Provider',
  'policy/v1/PodDisruptionBudget',
  'rbac.authorization.k8s.io/v1/Role',
  'rbac.authorization.k8s.io/v1/RoleBinding',
  'v1/ConfigMap', // the AlertingStack's Grafana dashboards
  'v1/ServiceAccount',
];
if (JSON.stringify(kinds) !== JSON.stringify(expected)) {
  console.error(`expected kinds ${expected.join(', ')}\ngot ${kinds.join(', ')}`);
  process.exit(1);
}
const rule = docs.find((d) => d.kind === 'PrometheusRule');
if (rule.spec.groups[0].rules[0].expr !== 'vector(1)') { console.error('the Watchdog rule is missing'); process.exit(1); }
if (docs.some((d) => d.kind === 'Secret')) { console.error('a Secret was synthesized'); process.exit(1); }
console.log(`${files.length} files, ${docs.length} manifests: ${kinds.join(', ')}`);
