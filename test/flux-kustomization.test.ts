/**
 * FluxKustomization's fields as real Flux repositories use them, FluxAlert's filters and metadata,
 * and the checks over Kustomizations and Alerts (on constructs and on hand-written YAML).
 */
import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { parseAllDocuments } from 'yaml';
import {
  AlertmanagerCluster, AlertmanagerProvider, ClusterModel, FluxAlert, FluxEventSeverity, FluxKustomization, FluxNotificationProvider,
  FluxProviderType, FluxSourceKind, FluxSourceRef, FluxSubstituteFrom, SlackProvider, findingsOf, runChecks,
} from '../lib/tooling';
import { goRegexMatchesEverything } from '../lib/validation';
import { chart, only, synth } from './_util';

function findings(yaml: string, check: string) {
  const model = ClusterModel.build(parseAllDocuments(yaml).map((d, doc) => ({ value: d.toJS(), source: { file: 'x.yaml', doc } })));
  return runChecks(model).filter((f) => f.check === check);
}

const KUSTOMIZATION = (name: string, extra: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: ${name}, namespace: flux-system }
spec:
  interval: 10m
  prune: true
  sourceRef: { kind: GitRepository, name: flux-system }
${extra}`;

describe('FluxKustomization', () => {
  test('renders decryption, postBuild, patches, components, serviceAccountName, suspend, timeout, wait, force, retryInterval, prune, targetNamespace and commonMetadata', () => {
    const c = chart('flux-system');
    new FluxKustomization(c, 'Apps', {
      name: 'apps',
      interval: Duration.minutes(10),
      sourceRef: FluxSourceRef.ociRepository('apps', 'flux-system'),
      path: './apps/prod',
      prune: false,
      targetNamespace: 'apps',
      decryption: { secret: kplus.Secret.fromSecretName(c, 'Age', 'sops-age') },
      substitute: { cluster_name: 'eu-1', _region: 'eu-west-1' },
      substituteFrom: [FluxSubstituteFrom.configMap(kplus.ConfigMap.fromConfigMapName(c, 'Vars', 'cluster-vars')), FluxSubstituteFrom.secret(kplus.Secret.fromSecretName(c, 'SV', 'cluster-secrets'), true)],
      patches: [
        { patch: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec: { replicas: 3 }\n' },
        { patch: '- op: replace\n  path: /spec/replicas\n  value: 2\n', target: { kind: 'Deployment', labelSelector: 'tier=worker' } },
      ],
      components: ['../components/monitoring'],
      serviceAccountName: 'apps-reconciler',
      suspend: true,
      timeout: Duration.minutes(5),
      wait: true,
      force: true,
      retryInterval: Duration.minutes(2),
      commonMetadata: { labels: { team: 'apps' }, annotations: { owner: 'apps@example.com' } },
    });
    const k = only(synth(c), 'Kustomization');
    expect(k.spec).toEqual({
      interval: '10m',
      sourceRef: { kind: 'OCIRepository', name: 'apps', namespace: 'flux-system' },
      path: './apps/prod',
      prune: false,
      targetNamespace: 'apps',
      wait: true,
      timeout: '5m',
      retryInterval: '2m',
      decryption: { provider: 'sops', secretRef: { name: 'sops-age' } },
      postBuild: {
        substitute: { cluster_name: 'eu-1', _region: 'eu-west-1' },
        substituteFrom: [{ kind: 'ConfigMap', name: 'cluster-vars' }, { kind: 'Secret', name: 'cluster-secrets', optional: true }],
      },
      patches: [
        { patch: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec: { replicas: 3 }\n' },
        { patch: '- op: replace\n  path: /spec/replicas\n  value: 2\n', target: { kind: 'Deployment', labelSelector: 'tier=worker' } },
      ],
      components: ['../components/monitoring'],
      serviceAccountName: 'apps-reconciler',
      suspend: true,
      force: true,
      commonMetadata: { labels: { team: 'apps' }, annotations: { owner: 'apps@example.com' } },
    });
  });

  test('sourceRef to a GitRepository, OCIRepository or Bucket', () => {
    const c = chart('flux-system');
    for (const [id, ref] of [['G', FluxSourceRef.gitRepository('flux-system')], ['O', FluxSourceRef.ociRepository('oci')], ['B', FluxSourceRef.bucket('b', 'storage')]] as const) {
      new FluxKustomization(c, id, { name: id.toLowerCase(), interval: Duration.minutes(5), sourceRef: ref });
    }
    expect(synth(c).map((k) => k.spec.sourceRef)).toEqual([
      { kind: 'GitRepository', name: 'flux-system' }, { kind: 'OCIRepository', name: 'oci' }, { kind: 'Bucket', name: 'b', namespace: 'storage' },
    ]);
  });

  test('dependsOn Kustomizations outside the app, by name and namespace', () => {
    const c = chart('apps');
    const infra = FluxKustomization.fromKustomizationName(c, 'Infra', 'infra', 'flux-system');
    const local = FluxKustomization.fromKustomizationName(c, 'Crds', 'crds');
    new FluxKustomization(c, 'Apps', { name: 'apps', interval: Duration.minutes(5), sourceRef: FluxSourceRef.gitRepository('apps'), dependsOn: [infra, local] });
    expect(only(synth(c), 'Kustomization').spec.dependsOn).toEqual([{ name: 'infra', namespace: 'flux-system' }, { name: 'crds' }]);
    expect(() => FluxKustomization.fromKustomizationName(c, 'Bad', 'Bad_Name')).toThrow(/^\[test\/Bad\] name: .*"Bad_Name"/);
  });

  test('a health check without namespace gets the target namespace for namespaced kinds only', () => {
    const c = chart('flux-system');
    new FluxKustomization(c, 'K', {
      name: 'k', interval: Duration.minutes(5), sourceRef: FluxSourceRef.gitRepository('flux-system'), targetNamespace: 'app',
      healthChecks: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'widgets.example.com' },
      ],
    });
    expect(only(synth(c), 'Kustomization').spec.healthChecks).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'app' },
      { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'widgets.example.com' },
    ]);
  });

  test('bad variables, patches and components are rejected at once', () => {
    const c = chart('flux-system');
    expect(() => new FluxKustomization(c, 'K', {
      interval: Duration.minutes(5), sourceRef: FluxSourceRef.gitRepository('flux-system'),
      substitute: { 'cluster-name': 'x' },
      patches: [{ patch: '- op: replace\n  path: /spec/replicas\n  value: 2\n' }, { patch: 'spec: { replicas: 2 }' }, { patch: 'a: [' }],
      components: ['/abs'],
    })).toThrow(/5 problems:[\s\S]*substitute\["cluster-name"\][\s\S]*cluster_name[\s\S]*patches\[0\]\.target: a JSON 6902 patch needs a target[\s\S]*patches\[1\]\.patch[\s\S]*must name its object[\s\S]*patches\[2\]\.patch[\s\S]*not YAML[\s\S]*components\[0\]/);
  });

  test('a dependsOn cycle in the app fails the synth, naming the cycle', () => {
    const app = Testing.app();
    const c = new Chart(app, 'flux', { namespace: 'flux-system' });
    const a = new FluxKustomization(c, 'A', { name: 'a', interval: Duration.minutes(5), sourceRef: FluxSourceRef.gitRepository('flux-system'), dependsOn: [FluxKustomization.fromKustomizationName(c, 'RefC', 'c')] });
    const b = new FluxKustomization(c, 'B', { name: 'b', interval: Duration.minutes(5), sourceRef: FluxSourceRef.gitRepository('flux-system'), dependsOn: [a] });
    new FluxKustomization(c, 'C', { name: 'c', interval: Duration.minutes(5), sourceRef: FluxSourceRef.gitRepository('flux-system'), dependsOn: [b] });
    const cycle = findingsOf(app).filter((f) => f.check === 'flux-depends-on-cycle');
    expect(cycle.map((f) => f.object.name).sort()).toEqual(['a', 'b', 'c']);
    expect(cycle[0].message).toMatch(/closes a cycle flux-system\/a → flux-system\/c → flux-system\/b → flux-system\/a/);
    expect(() => app.synth()).toThrow(/flux-depends-on-cycle/);
  });
});

describe('Kustomization checks on YAML', () => {
  test('flux-depends-on-cycle: a self-dependency, across namespaces, and none for dependencies outside the model', () => {
    expect(findings(KUSTOMIZATION('a', '  dependsOn: [{ name: a }]\n'), 'flux-depends-on-cycle').map((f) => f.message)).toEqual([expect.stringMatching(/names this Kustomization itself/)]);
    const across = `${KUSTOMIZATION('a', '  dependsOn: [{ name: b, namespace: apps }]\n')}---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: b, namespace: apps }
spec: { interval: 10m, prune: true, sourceRef: { kind: GitRepository, name: x }, dependsOn: [{ name: a, namespace: flux-system }] }
`;
    expect(findings(across, 'flux-depends-on-cycle')).toHaveLength(2);
    expect(findings(KUSTOMIZATION('a', '  dependsOn: [{ name: elsewhere }]\n'), 'flux-depends-on-cycle')).toEqual([]);
    // same name, other namespace: no cycle
    expect(findings(KUSTOMIZATION('a', '  dependsOn: [{ name: a, namespace: other }]\n'), 'flux-depends-on-cycle')).toEqual([]);
  });

  test.each([
    ['extensions/v1beta1', 'Deployment', 'error'],
    ['extensions/v1beta1', 'Ingress', 'error'],
    ['policy/v1beta1', 'PodSecurityPolicy', 'error'],
    ['apps/v1beta1', 'Deployment', 'warning'],
    ['apps/v1beta2', 'StatefulSet', 'warning'],
    ['policy/v1beta1', 'PodDisruptionBudget', 'warning'],
    ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', 'warning'],
    ['batch/v1beta1', 'CronJob', 'warning'],
    ['kustomize.toolkit.fluxcd.io/v1beta2', 'Kustomization', 'warning'],
    ['notification.toolkit.fluxcd.io/v1beta2', 'Provider', 'warning'],
  ])('flux-health-check-api: %s %s is a%s', (apiVersion, kind, severity) => {
    const f = findings(KUSTOMIZATION('k', `  targetNamespace: app\n  healthChecks: [{ apiVersion: ${apiVersion}, kind: ${kind}, name: x, namespace: app }]\n`), 'flux-health-check-api');
    expect(f.map((x) => x.severity)).toEqual([severity]);
  });

  test.each([['apps/v1', 'Deployment'], ['policy/v1', 'PodDisruptionBudget'], ['autoscaling/v2', 'HorizontalPodAutoscaler'], ['helm.toolkit.fluxcd.io/v2', 'HelmRelease']])('flux-health-check-api: %s %s is fine', (apiVersion, kind) => {
    expect(findings(KUSTOMIZATION('k', `  healthChecks: [{ apiVersion: ${apiVersion}, kind: ${kind}, name: x, namespace: app }]\n`), 'flux-health-check-api')).toEqual([]);
  });

  test('flux-health-check-namespace: outside the target namespace, and without namespace; cluster-scoped kinds are fine', () => {
    const yaml = KUSTOMIZATION('k', `  targetNamespace: app
  healthChecks:
    - { apiVersion: apps/v1, kind: Deployment, name: web, namespace: other }
    - { apiVersion: apps/v1, kind: Deployment, name: api }
    - { apiVersion: apiextensions.k8s.io/v1, kind: CustomResourceDefinition, name: widgets.example.com }
    - { apiVersion: apps/v1, kind: Deployment, name: ok, namespace: app }
`);
    const f = findings(yaml, 'flux-health-check-namespace');
    expect(f.map((x) => [x.severity, x.message.slice(0, 40)])).toEqual([
      ['warning', expect.stringMatching(/^spec.healthChecks\[0\] waits for Deploym/)],
      ['warning', expect.stringMatching(/^spec.healthChecks\[1\] Deployment api has/)],
    ]);
  });

  test('flux-cross-namespace-refs: only when the controller runs with --no-cross-namespace-refs', () => {
    const controller = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: flux-system }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec: { containers: [{ name: manager, image: x, args: ["--no-cross-namespace-refs=true"] }] }
---
`;
    const alert = `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: a, namespace: flux-system }
spec: { providerRef: { name: p }, eventSources: [{ kind: HelmRelease, name: "*", namespace: apps }, { kind: Kustomization, name: "*" }] }
---
`;
    const k = KUSTOMIZATION('k', '  dependsOn: [{ name: infra, namespace: infra }]\n').replace('sourceRef: { kind: GitRepository, name: flux-system }', 'sourceRef: { kind: GitRepository, name: apps, namespace: apps }');
    expect(findings(alert + k, 'flux-cross-namespace-refs')).toEqual([]);
    const locked = findings(controller('notification-controller') + controller('kustomize-controller') + alert + k, 'flux-cross-namespace-refs');
    expect(locked.map((f) => `${f.object.kind} ${f.message.split(',')[0]}`)).toEqual([
      'Alert spec.eventSources[0] selects HelmRelease in namespace "apps"',
      'Kustomization spec.sourceRef names GitRepository apps/apps',
    ]);
  });
});

describe('FluxAlert filters and metadata', () => {
  function slack(c: any) {
    return new SlackProvider(c, 'Slack', { name: 'slack', secret: kplus.Secret.fromSecretName(c, 'S', 'slack-url') });
  }

  test('an exclusionList that drops every event, and an inclusionList undone by the exclusionList, are rejected', () => {
    const c = chart('flux-system');
    const provider = slack(c);
    expect(() => new FluxAlert(c, 'A', { provider, eventSources: [{ kind: FluxSourceKind.KUSTOMIZATION }], exclusionList: ['^.*'], inclusionList: ['x'] }))
      .toThrow(/exclusionList\[0\]: matches every event message/);
    expect(() => new FluxAlert(c, 'B', { provider, eventSources: [{ kind: FluxSourceKind.KUSTOMIZATION }], inclusionList: ['fail'], exclusionList: ['fail'] }))
      .toThrow(/inclusionList: every entry is also in exclusionList/);
    new FluxAlert(c, 'C', { provider, eventSources: [{ kind: FluxSourceKind.KUSTOMIZATION }], exclusionList: ['.+'] });
  });

  test('goRegexMatchesEverything: only what provably matches every message', () => {
    expect(['.*', '^', '$', '(?i).*', 'x*', '', '^.*', '.*$', '(a|)', '[^x]*'].filter((p) => !goRegexMatchesEverything(p))).toEqual([]);
    expect(['.+', '^$', 'a', '^a', '\\bfoo', 'x*\\b', '^x*$', '\\$', '(', '(?<=a)b'].filter((p) => goRegexMatchesEverything(p))).toEqual([]);
  });

  test('flux-alert-excludes-everything on YAML', () => {
    const alert = (lists: string) => `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: a, namespace: flux-system }
spec:
  providerRef: { name: p }
  eventSources: [{ kind: Kustomization, name: "*" }]
${lists}`;
    expect(findings(alert('  exclusionList: ["reconciliation.*succeeded", "$"]\n'), 'flux-alert-excludes-everything')[0].message).toMatch(/exclusionList\[1\] "\$" matches every event message/);
    // its fixed twin: the same list without the catch-all entry
    expect(findings(alert('  exclusionList: ["reconciliation.*succeeded"]\n'), 'flux-alert-excludes-everything')).toEqual([]);
    expect(findings(alert('  inclusionList: ["a"]\n  exclusionList: ["a", "b"]\n'), 'flux-alert-excludes-everything')).toHaveLength(1);
    expect(findings(alert('  inclusionList: ["a", "c"]\n  exclusionList: ["a", "b"]\n'), 'flux-alert-excludes-everything')).toEqual([]);
  });

  test('eventSources with matchLabels for every source kind, in other namespaces', () => {
    const c = chart('flux-system');
    new FluxAlert(c, 'A', {
      name: 'labelled', provider: slack(c), eventSeverity: FluxEventSeverity.ERROR,
      eventSources: Object.values(FluxSourceKind).map((kind) => ({ kind, namespace: 'apps', matchLabels: { 'team': 'apps', 'app.kubernetes.io/part-of': 'shop' } })),
    });
    const sources = only(synth(c), 'Alert').spec.eventSources;
    expect(sources).toHaveLength(12);
    expect(sources.every((s: any) => s.name === '*' && s.namespace === 'apps' && s.matchLabels.team === 'apps')).toBe(true);
  });

  test('metadata keys an Alertmanager cannot take as label names are rejected for the alertmanager provider only', () => {
    const c = chart('flux-system');
    const am = new AlertmanagerCluster(c, 'Am', { name: 'main', namespace: 'monitoring' });
    const provider = new AlertmanagerProvider(c, 'P', { name: 'am', alertmanager: am });
    expect(() => new FluxAlert(c, 'A', { provider, eventSources: [{ kind: FluxSourceKind.KUSTOMIZATION }], eventMetadata: { 'cluster-name': 'eu-1' } }))
      .toThrow(/eventMetadata\["cluster-name"\]/);
    new FluxAlert(c, 'B', { provider: slack(c), eventSources: [{ kind: FluxSourceKind.KUSTOMIZATION }], eventMetadata: { 'cluster-name': 'eu-1' } });
  });

  test('flux-git-provider-events: commit statuses need Kustomization info events and the metadata their expression reads', () => {
    const app = Testing.app();
    const c = new Chart(app, 'flux', { namespace: 'flux-system' });
    const github = new FluxNotificationProvider(c, 'GitHub', {
      name: 'github', type: FluxProviderType.GITHUB, address: 'https://github.com/my-org/fleet', secret: kplus.Secret.fromSecretName(c, 'T', 'github-token'),
      commitStatusExpr: "(event.involvedObject.name + '/' + event.metadata.cluster + '/' + event.metadata['region']).lowerAscii()",
    });
    new FluxAlert(c, 'Status', { name: 'status', provider: github, eventSeverity: FluxEventSeverity.ERROR, eventSources: [{ kind: FluxSourceKind.KUSTOMIZATION }, { kind: FluxSourceKind.HELM_RELEASE }], eventMetadata: { cluster: 'eu-1' } });
    const f = findingsOf(app).filter((x) => x.check === 'flux-git-provider-events');
    expect(f.map((x) => x.message)).toEqual([
      expect.stringMatching(/select HelmRelease for the github Provider github: only Kustomization events/),
      expect.stringMatching(/eventSeverity is error, so the github Provider github only ever gets failures/),
      expect.stringMatching(/reads event.metadata "region", which this Alert's spec.eventMetadata does not set/),
    ]);
    expect(f.every((x) => x.severity === 'warning')).toBe(true);
  });

  test('flux-git-provider-events: comment Providers drop objects without the change_request annotation', () => {
    const yaml = `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: pr, namespace: apps }
spec: { type: githubpullrequestcomment, address: "https://github.com/a/b", secretRef: { name: t } }
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: pr, namespace: apps }
spec: { providerRef: { name: pr }, eventSources: [{ kind: Kustomization, name: preview }, { kind: Kustomization, name: pr-42 }] }
---
${KUSTOMIZATION('preview', '').replace('namespace: flux-system', 'namespace: apps')}---
${KUSTOMIZATION('pr-42', '').replace('namespace: flux-system', 'namespace: apps, annotations: { event.toolkit.fluxcd.io/change_request: "42" }')}`;
    const f = findings(yaml, 'flux-git-provider-events');
    expect(f.map((x) => x.message)).toEqual([expect.stringMatching(/Kustomization apps\/preview has no event.toolkit.fluxcd.io\/change_request annotation/)]);
  });
});
