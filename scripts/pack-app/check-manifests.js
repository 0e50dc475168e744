// The pack test's check of synthesized manifests: `node check-manifests.js <dir> [quick-app|quick-start]`.
// quick-app: the small AlertingStack app of the pack test; quick-start: the README's quick start.
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');
const [dir, which = 'quick-app'] = process.argv.slice(2);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const docs = files.flatMap((f) => YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS()));
const kinds = [...new Set(docs.map((d) => `${d.apiVersion}/${d.kind}`))].sort();
const fail = (message) => { console.error(message); process.exit(1); };

const expected = {
  'quick-app': [
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
  ],
  'quick-start': [
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
    'v1/ConfigMap', // the two Grafana dashboards
    'v1/ServiceAccount',
  ],
}[which];
if (!expected) { fail(`unknown app ${which}`); }
if (JSON.stringify(kinds) !== JSON.stringify(expected)) {
  fail(`expected kinds ${expected.join(', ')}\ngot ${kinds.join(', ')}`);
}
if (docs.some((d) => d.kind === 'Secret')) { fail('a Secret was synthesized'); }
const groups = docs.filter((d) => d.kind === 'PrometheusRule').flatMap((d) => d.spec.groups);
const alerts = groups.flatMap((g) => g.rules.map((r) => r.alert));
if (!alerts.includes('Watchdog')) { fail('the Watchdog rule is missing'); }
if (which === 'quick-start') {
  if (!alerts.includes('HighErrorRate')) { fail('the HighErrorRate rule is missing'); }
  const packs = ['heartbeat.rules', 'alertmanager.rules', 'prometheus.rules', 'flux.rules'];
  const missing = packs.filter((p) => !groups.some((g) => g.name === p));
  if (missing.length) { fail(`rule pack groups missing: ${missing.join(', ')}`); }
  const provider = docs.find((d) => d.kind === 'Provider');
  if (provider.metadata.namespace !== 'flux-system' || provider.spec.type !== 'alertmanager') { fail('the Flux alertmanager Provider is not in flux-system'); }
  const am = docs.find((d) => d.kind === 'Alertmanager');
  if (am.metadata.namespace !== 'monitoring' || am.spec.replicas !== 3) { fail('the Alertmanager is not main/3 replicas in monitoring'); }
}
console.log(`${files.length} files, ${docs.length} manifests: ${kinds.join(', ')}`);
