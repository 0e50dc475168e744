/**
 * The pack test's app for one cdk8s-plus version (scripts/pack-test.sh copies it into a fresh
 * project and replaces `cdk8s-plus-XX` with the version under test).
 *
 *   node scenarios.js <scenario> <outdir>
 *
 * Each scenario builds a small stack with a plain cdk8s `App` (no AlertingApp: the checks must
 * run anyway) and synthesizes it. The shell script asserts which check fails it, from stderr.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-XX';
import {
  AlertingChecks, AlertmanagerCluster, AlertmanagerProvider, AlertmanagerRouting, FluxErrorAlert, ISecretReference, Matcher, MatcherStrategy, Prometheus, PrometheusRules,
  RuleGroup, SecretKey, SecretReference, SlackReceiver,
} from 'cdk8s-alerting';
// the TypeScript-only tooling entry, resolved through the package's root stub under TypeScript's
// moduleResolution "node" (what `tsc` and ts-node use for CommonJS) and through "exports" otherwise
import { findingsOf } from 'cdk8s-alerting/tooling';

const [scenario, outdir] = process.argv.slice(2);
const URL = 'https://hooks.slack.invalid/services/T000/B000/pack-test-secret-value';

const app = new App({ outdir });
// key-missing defines its Secret with values in the app, so it opts in to plaintext Secrets
if (scenario === 'key-missing') { app.node.setContext('cdk8s-alerting:allowPlaintextSecrets', true); }
const chart = new Chart(app, 'alerting', { namespace: 'monitoring' });
// The routing config sits beside the Alertmanager and is meant for every alert (the Watchdog
// has no namespace label, Flux events carry flux-system), so the operator must not confine it
// to namespace="monitoring"; namespace-collision keeps the default OnNamespace on purpose.
const alertmanager = new AlertmanagerCluster(chart, 'Alertmanager', {
  name: 'main',
  replicas: 3,
  matcherStrategy: scenario === 'namespace-collision' ? undefined : MatcherStrategy.ON_NAMESPACE_EXCEPT_FOR_ALERTMANAGER_NAMESPACE,
});
const prometheus = new Prometheus(chart, 'Prometheus', { name: 'main', alertmanager });

/** The Slack webhook Secret, made the way the scenario says (any cdk8s-plus Secret is an ISecretReference). */
function slackSecret(): ISecretReference {
  switch (scenario) {
    case 'by-name': // no cdk8s-plus: the library's own reference by name
      return SecretReference.fromName('slack');
    case 'plus-secret': // cdk8s-plus' own Secret, with the value in the app
      return new kplus.Secret(chart, 'slack', { metadata: { name: 'slack' }, stringData: { url: URL } });
    case 'kube-secret': // the raw L1 class that cdk8s-plus ships
      new kplus.k8s.KubeSecret(chart, 'slack', { metadata: { name: 'slack' }, stringData: { url: URL } });
      return kplus.Secret.fromSecretName(chart, 'SlackRef', 'slack');
    case 'key-missing': // defined without the key the receiver reads
      return new kplus.Secret(chart, 'slack', { metadata: { name: 'slack' }, stringData: { webhook: URL } });
    case 'secret-namespace': // defined in another namespace than the config reading it
      new kplus.Secret(new Chart(app, 'other', { namespace: 'default' }), 'slack', { metadata: { name: 'slack' }, immutable: true });
      return kplus.Secret.fromSecretName(chart, 'SlackRef', 'slack');
    default: // referenced by name: created outside Git
      return kplus.Secret.fromSecretName(chart, 'SlackRef', 'slack');
  }
}

new AlertmanagerRouting(chart, 'Routing', {
  alertmanager,
  receiver: new SlackReceiver({ name: 'slack', apiUrl: SecretKey.fromSecret(slackSecret(), 'url'), channel: '#alerts' }),
  groupBy: ['alertname'],
  // under the OnNamespace strategy (namespace-collision) the operator adds namespace="monitoring" to this route
  matchers: scenario === 'namespace-collision' ? [Matcher.eq('namespace', 'apps')] : [],
});

new PrometheusRules(chart, 'Rules', {
  prometheus,
  groups: [new RuleGroup('general.rules', {
    alertingRules: [{ alert: 'Watchdog', expr: 'vector(1)', labels: { severity: 'none' } }],
  })],
});
if (scenario === 'rule-not-selected') {
  // a hand-written PrometheusRule without the labels the Prometheus selects
  new ApiObject(chart, 'Loose', {
    apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'loose' },
    spec: { groups: [{ name: 'loose', rules: [{ alert: 'Loose', expr: 'vector(1)' }] }] },
  } as never);
}

const flux = new Chart(app, 'flux', { namespace: 'flux-system' });
const provider = new AlertmanagerProvider(flux, 'Provider', { alertmanager });
// an Alert outside the Provider's namespace: providerRef cannot cross namespaces
new FluxErrorAlert(flux, 'Errors', { provider, namespace: scenario === 'flux-provider-namespace' ? 'apps' : undefined });

// The construct API's AlertingChecks (what jsii languages get) lists what the tooling's findingsOf does.
const viaTooling = findingsOf(app).map((f) => f.check).join(',');
const viaConstructApi = AlertingChecks.of(app).findings.map((f) => f.checkId).join(',');
if (viaTooling !== viaConstructApi) { throw new Error(`AlertingChecks (${viaConstructApi}) and findingsOf (${viaTooling}) disagree`); }

app.synth();
