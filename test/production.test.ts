/**
 * Production readiness of the constructs: Prometheus identity and RBAC, HA (disruption budget,
 * anti-affinity, zone spread, requests, storage) and NetworkPolicies (issue 12, items 1-3).
 */
import { ApiObject, Size, Testing } from 'cdk8s';
import {
  AlertmanagerCluster, AlertmanagerNetworkPolicy, DisruptionBudget, NamespaceSelector, NetworkPeer, PodAntiAffinity, Prometheus, PrometheusNetworkPolicy,
  PrometheusRbac, findingsOf,
} from '../lib/tooling';
import { chart, only, synth } from './_util';

const AM_PODS = { 'app.kubernetes.io/name': 'alertmanager', 'alertmanager': 'main' };
const PROM_PODS = { 'app.kubernetes.io/name': 'prometheus', 'prometheus': 'k8s' };
const byName = (ns: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': ns } });

function stack(props: { prometheus?: ConstructorParameters<typeof Prometheus>[2]; alertmanager?: ConstructorParameters<typeof AlertmanagerCluster>[2] } = {}) {
  const c = chart();
  const am = new AlertmanagerCluster(c, 'Am', { name: 'main', ...props.alertmanager });
  const prom = new Prometheus(c, 'P', { name: 'k8s', alertmanager: am, ...props.prometheus });
  return { c, am, prom };
}

describe('Prometheus identity and RBAC', () => {
  test('gets a ServiceAccount and a Role/RoleBinding to discover the Alertmanager endpoints in its namespace', () => {
    // GIVEN / WHEN
    const { c, prom } = stack();
    const m = synth(c);
    // THEN
    expect(only(m, 'Prometheus').spec.serviceAccountName).toBe('prometheus-k8s');
    expect(prom.serviceAccountName).toBe('prometheus-k8s');
    expect(only(m, 'ServiceAccount')).toEqual({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'prometheus-k8s', namespace: 'monitoring' } });
    expect(only(m, 'Role').rules).toEqual([
      { apiGroups: [''], resources: ['services', 'endpoints', 'pods'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
    ]);
    expect(only(m, 'RoleBinding')).toMatchObject({
      metadata: { name: 'prometheus-k8s', namespace: 'monitoring' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'prometheus-k8s' },
      subjects: [{ kind: 'ServiceAccount', name: 'prometheus-k8s', namespace: 'monitoring' }],
    });
    expect(m.filter((o) => o.kind.startsWith('Cluster'))).toEqual([]);
    expect(m.filter((o) => ['ServiceAccount', 'Role', 'RoleBinding'].includes(o.kind))).toMatchSnapshot();
  });

  test('an Alertmanager in another namespace gets its own Role; its own namespace keeps only ConfigMap access', () => {
    const c = chart('prom');
    const am = new AlertmanagerCluster(c, 'Am', { name: 'main', namespace: 'alerting' });
    new Prometheus(c, 'P', { name: 'k8s', alertmanager: am });
    const m = synth(c);
    const roles = m.filter((o) => o.kind === 'Role');
    expect(roles.map((r) => [r.metadata.namespace, r.rules.map((x: any) => x.resources.join(','))])).toEqual([
      ['prom', ['configmaps']],
      ['alerting', ['services,endpoints,pods']],
    ]);
    expect(m.filter((o) => o.kind === 'RoleBinding').map((b) => [b.metadata.namespace, b.subjects])).toEqual([
      ['prom', [{ kind: 'ServiceAccount', name: 'prometheus-k8s', namespace: 'prom' }]],
      ['alerting', [{ kind: 'ServiceAccount', name: 'prometheus-k8s', namespace: 'prom' }]],
    ]);
  });

  test('monitors in named namespaces get one Role each; an all-namespace selector makes a ClusterRole', () => {
    const c = chart();
    new Prometheus(c, 'Named', { name: 'named', serviceMonitorSelectorLabels: { team: 'a' }, serviceMonitorNamespaceSelector: NamespaceSelector.names('team-a', 'team-b') });
    new Prometheus(c, 'All', { name: 'all', podMonitorSelectorLabels: {}, podMonitorNamespaceSelector: NamespaceSelector.all() });
    const m = synth(c);
    expect(m.filter((o) => o.kind === 'Role' && o.metadata.name === 'prometheus-named').map((r) => r.metadata.namespace)).toEqual(['monitoring', 'team-a', 'team-b']);
    expect(only(m, 'Prometheus', 'named').spec).toMatchObject({
      serviceMonitorSelector: { matchLabels: { team: 'a' } },
      serviceMonitorNamespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['team-a', 'team-b'] }] },
    });
    expect(only(m, 'Prometheus', 'all').spec).toMatchObject({ podMonitorSelector: {}, podMonitorNamespaceSelector: {} });
    expect(only(m, 'ClusterRole', 'monitoring-prometheus-all').rules).toEqual([{ apiGroups: [''], resources: ['services', 'endpoints', 'pods'], verbs: ['get', 'list', 'watch'] }]);
    expect(only(m, 'ClusterRoleBinding', 'monitoring-prometheus-all')).toMatchObject({
      roleRef: { kind: 'ClusterRole', name: 'monitoring-prometheus-all' },
      subjects: [{ kind: 'ServiceAccount', name: 'prometheus-all', namespace: 'monitoring' }],
    });
    // the cluster-wide one keeps a Role in its own namespace for ConfigMaps only
    expect(only(m, 'Role', 'prometheus-all').rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]);
  });

  test('a user-supplied service account is used as is, with no RBAC, and the check warns', () => {
    const { c, prom } = stack({ prometheus: { serviceAccountName: 'platform-prometheus' } });
    const m = synth(c);
    expect(only(m, 'Prometheus').spec.serviceAccountName).toBe('platform-prometheus');
    expect(prom.rbac).toBeUndefined();
    expect(m.filter((o) => ['ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'].includes(o.kind))).toEqual([]);
    const findings = findingsOf(c).filter((f) => f.check === 'prometheus-rbac-missing');
    expect(findings.map((f) => f.severity)).toEqual(['warning']);
    expect(findings[0].message).toMatch(/monitoring\/platform-prometheus.*namespace monitoring.*no list\/watch on services, pods, endpoints/);
  });

  test('PrometheusRbac on its own, and clear errors for bad names', () => {
    const c = chart();
    const rbac = new PrometheusRbac(c, 'Rbac', { prometheusName: 'x', namespace: 'monitoring', discoveryNamespaces: ['b', 'a', 'b'] });
    expect(rbac.discoveryNamespaces).toEqual(['a', 'b']);
    expect(ApiObject.of(rbac).kind).toBe('ServiceAccount');
    expect(synth(c).filter((o) => o.kind === 'Role').map((r) => r.metadata.namespace)).toEqual(['monitoring', 'a', 'b']);
    expect(() => new PrometheusRbac(chart(), 'R', { prometheusName: 'x', namespace: 'monitoring', discoveryNamespaces: ['Team_A'] }))
      .toThrow(/\[test\/R\] discoveryNamespaces\[0\]: .*Team_A/);
    expect(() => new Prometheus(chart(), 'P', { serviceAccountName: 'Bad Name' })).toThrow(/serviceAccountName: .*Bad Name/);
    expect(() => new Prometheus(chart(), 'P', { serviceMonitorSelectorLabels: { 'bad key!': 'x' } })).toThrow(/bad key!/);
    expect(() => new Prometheus(chart(), 'P', { serviceMonitorNamespaceSelector: 'all' as any })).toThrow(/serviceMonitorNamespaceSelector: must be a NamespaceSelector/);
  });
});

describe('HA that survives maintenance', () => {
  test('Alertmanager (3 replicas) and Prometheus (2): PDB maxUnavailable 1, preferred anti-affinity on hostname, zone spread, requests', () => {
    const { c, am, prom } = stack();
    const m = synth(c);
    for (const [kind, name, pods, requests] of [
      ['Alertmanager', 'main', AM_PODS, { cpu: '20m', memory: '200Mi' }],
      ['Prometheus', 'k8s', PROM_PODS, { cpu: '100m', memory: '512Mi' }],
    ] as const) {
      const spec = only(m, kind).spec;
      expect(spec.affinity).toEqual({
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: pods } } }],
        },
      });
      expect(spec.topologySpreadConstraints).toEqual([{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: pods } }]);
      expect(spec.resources).toEqual({ requests });
      expect(spec.storage).toBeUndefined();
      expect(only(m, 'PodDisruptionBudget', `${kind.toLowerCase()}-${name}`).spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: pods } });
    }
    expect(am.podSelector).toEqual(AM_PODS);
    expect(prom.podSelector).toEqual(PROM_PODS);
    expect(m.filter((o) => o.kind === 'PodDisruptionBudget')).toMatchSnapshot();
  });

  test('the selected labels are ones the operator puts on the pods (v0.93 makeSelectorLabels)', () => {
    // pkg/alertmanager/operator.go and pkg/prometheus/server/operator.go at v0.93.0
    const { am, prom } = stack();
    const amPodLabels = { 'app.kubernetes.io/name': 'alertmanager', 'app.kubernetes.io/managed-by': 'prometheus-operator', 'app.kubernetes.io/instance': 'main', 'alertmanager': 'main' };
    const promPodLabels = { 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/managed-by': 'prometheus-operator', 'app.kubernetes.io/instance': 'k8s', 'operator.prometheus.io/name': 'k8s', 'prometheus': 'k8s' };
    expect(amPodLabels).toMatchObject(am.podSelector);
    expect(promPodLabels).toMatchObject(prom.podSelector);
  });

  test('one replica: no PDB, no anti-affinity, no spread (a single replica is not called HA)', () => {
    const { c } = stack({ alertmanager: { replicas: 1 }, prometheus: { replicas: 1 } });
    const m = synth(c);
    expect(m.filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
    for (const kind of ['Alertmanager', 'Prometheus']) {
      expect(only(m, kind).spec.affinity).toBeUndefined();
      expect(only(m, kind).spec.topologySpreadConstraints).toBeUndefined();
    }
    expect(findingsOf(c).filter((f) => f.check === 'ha-too-few-replicas')).toEqual([]);
  });

  test('everything can be overridden: required anti-affinity, no spread, maxUnavailable 2, storage, own resources', () => {
    const { c } = stack({
      alertmanager: {
        replicas: 5, podAntiAffinity: PodAntiAffinity.REQUIRED, zoneSpread: false, maxUnavailable: 2,
        storage: { size: Size.gibibytes(2), storageClassName: 'fast-ssd' }, resources: {},
      },
      prometheus: { podDisruptionBudget: false, podAntiAffinity: PodAntiAffinity.NONE, storage: { size: Size.mebibytes(1536) } },
    });
    const m = synth(c);
    const am = only(m, 'Alertmanager').spec;
    expect(am.affinity).toEqual({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: AM_PODS } }] } });
    expect(am.topologySpreadConstraints).toBeUndefined();
    expect(am.resources).toEqual({});
    expect(am.storage).toEqual({ volumeClaimTemplate: { spec: { storageClassName: 'fast-ssd', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } } } });
    expect(only(m, 'PodDisruptionBudget').spec.maxUnavailable).toBe(2);
    const prom = only(m, 'Prometheus').spec;
    expect(prom.affinity).toBeUndefined();
    expect(prom.topologySpreadConstraints).toHaveLength(1);
    expect(prom.storage.volumeClaimTemplate.spec.resources.requests.storage).toBe('1536Mi');
    expect(m.filter((o) => o.kind === 'PodDisruptionBudget').map((o) => o.metadata.name)).toEqual(['alertmanager-main']);
  });

  test('a forced PDB with one replica, or maxUnavailable 0, synthesizes with warnings from the HA checks', () => {
    const { c } = stack({ alertmanager: { replicas: 1, podDisruptionBudget: true }, prometheus: { maxUnavailable: 0 } });
    synth(c);
    const findings = findingsOf(c);
    expect(findings.filter((f) => f.check === 'ha-too-few-replicas').map((f) => `${f.severity} ${f.object.kind} ${f.object.name}`)).toEqual(['warning Alertmanager main']);
    expect(findings.filter((f) => f.check === 'pdb-blocks-eviction').map((f) => `${f.severity} ${f.object.name}: ${f.message}`)).toEqual([
      expect.stringMatching(/^warning prometheus-k8s: spec.maxUnavailable is 0: no pod of Prometheus monitoring\/k8s can ever be evicted/),
    ]);
  });

  test('clear errors for bad HA props, all at once', () => {
    expect(() => new AlertmanagerCluster(chart(), 'Am', {
      maxUnavailable: -1, podAntiAffinity: 'sometimes' as PodAntiAffinity, storage: { size: Size.kibibytes(0), storageClassName: 'Fast_SSD' },
    })).toThrow(/4 problems:[\s\S]*\[test\/Am\] maxUnavailable: must be a whole number of at least 0 \(got -1\)[\s\S]*podAntiAffinity: is not a known mode[\s\S]*storage\.size: must be a positive Size[\s\S]*storage\.storageClassName/);
    expect(() => new DisruptionBudget(chart(), 'B', { namespace: 'monitoring', selector: {} })).toThrow(/\[test\/B\] selector: an empty selector protects every pod/);
  });
});

describe('NetworkPolicies', () => {
  test('Alertmanager: web port from Flux and the Prometheus that sends to it; mesh TCP+UDP between replicas only; egress untouched', () => {
    const { c, am } = stack();
    const m = synth(c);
    const policy = only(m, 'NetworkPolicy', 'alertmanager-main');
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: AM_PODS },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            { namespaceSelector: byName('flux-system'), podSelector: { matchLabels: { app: 'notification-controller' } } },
            { namespaceSelector: byName('monitoring'), podSelector: { matchLabels: PROM_PODS } },
          ],
          ports: [{ protocol: 'TCP', port: 9093 }],
        },
        { from: [{ podSelector: { matchLabels: AM_PODS } }], ports: [{ protocol: 'TCP', port: 9094 }, { protocol: 'UDP', port: 9094 }] },
      ],
    });
    expect(am.networkPolicy?.allowedClients.map((p) => p.description)).toEqual([
      'pods {"app":"notification-controller"} in namespace flux-system',
      'pods {"app.kubernetes.io/name":"prometheus","prometheus":"k8s"} in namespace monitoring',
    ]);
    expect(m.filter((o) => o.kind === 'NetworkPolicy')).toMatchSnapshot();
  });

  test('Prometheus: egress to the Alertmanager web port and DNS, then everything else unless restricted', () => {
    const open = synth(stack().c);
    expect(only(open, 'NetworkPolicy', 'prometheus-k8s').spec).toEqual({
      podSelector: { matchLabels: PROM_PODS },
      policyTypes: ['Egress'],
      egress: [
        { to: [{ namespaceSelector: byName('monitoring'), podSelector: { matchLabels: AM_PODS } }], ports: [{ protocol: 'TCP', port: 9093 }] },
        { ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] },
        {},
      ],
    });
    const { c, prom } = stack({ prometheus: { restrictEgress: true } });
    prom.networkPolicy!.allowEgressTo(NetworkPeer.pods('apps', { app: 'api' }), 8080);
    const egress = only(synth(c), 'NetworkPolicy', 'prometheus-k8s').spec.egress;
    expect(egress.slice(2)).toEqual([
      { to: [{ namespaceSelector: byName('apps'), podSelector: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 8080 }] },
      { ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 6443 }] },
    ]);
    expect(egress).not.toContainEqual({});
  });

  test('declared clients, another Flux namespace, added later; Flux can be left out', () => {
    const { c, am } = stack({ alertmanager: { clients: [NetworkPeer.namespace('grafana')], fluxNamespace: 'flux' } });
    am.allowClient(NetworkPeer.ipBlock('10.1.0.0/16'));
    am.allowClient(NetworkPeer.namespace('grafana')); // twice is once
    const from = only(synth(c), 'NetworkPolicy', 'alertmanager-main').spec.ingress[0].from;
    expect(from).toEqual([
      { namespaceSelector: byName('grafana') },
      { namespaceSelector: byName('flux'), podSelector: { matchLabels: { app: 'notification-controller' } } },
      { namespaceSelector: byName('monitoring'), podSelector: { matchLabels: PROM_PODS } },
      { ipBlock: { cidr: '10.1.0.0/16' } },
    ]);
    const noFlux = stack({ alertmanager: { allowFlux: false } });
    expect(only(synth(noFlux.c), 'NetworkPolicy', 'alertmanager-main').spec.ingress[0].from).toEqual([
      { namespaceSelector: byName('monitoring'), podSelector: { matchLabels: PROM_PODS } },
    ]);
  });

  test('with no client at all, the web rule is left out instead of admitting everyone', () => {
    const c = chart();
    new AlertmanagerCluster(c, 'Am', { name: 'main', allowFlux: false });
    const ingress = only(synth(c), 'NetworkPolicy').spec.ingress;
    expect(ingress).toHaveLength(1);
    expect(ingress[0].ports.map((p: any) => p.port)).toEqual([9094, 9094]);
    for (const rule of ingress) { expect(rule.from?.length).toBeGreaterThan(0); }
  });

  test('opt-out: networkPolicy false writes none, and allowClient is then a no-op', () => {
    const { c, am, prom } = stack({ alertmanager: { networkPolicy: false }, prometheus: { networkPolicy: false } });
    am.allowClient(NetworkPeer.namespace('x'));
    expect(synth(c).filter((o) => o.kind === 'NetworkPolicy')).toEqual([]);
    expect(am.networkPolicy).toBeUndefined();
    expect(prom.networkPolicy).toBeUndefined();
  });

  test('the standalone constructs, and clear errors for bad peers', () => {
    const c = chart();
    const policy = new AlertmanagerNetworkPolicy(c, 'Np', { alertmanagerName: 'other', namespace: 'monitoring', clients: [NetworkPeer.fluxNotificationController()] });
    new PrometheusNetworkPolicy(c, 'Pp', { prometheusName: 'p', namespace: 'monitoring' });
    expect(ApiObject.of(policy).kind).toBe('NetworkPolicy');
    expect(synth(c).map((o) => o.kind)).toEqual(['NetworkPolicy', 'NetworkPolicy']);
    expect(() => NetworkPeer.pods('apps', {})).toThrow(/\[NetworkPeer.pods\] labels: no labels/);
    expect(() => NetworkPeer.namespace('Bad_NS')).toThrow(/\[NetworkPeer.namespace\] name: .*Bad_NS/);
    expect(() => NetworkPeer.ipBlock('10.0.0.0')).toThrow(/cidr: is not a CIDR \(got "10.0.0.0"\)/);
    expect(() => new AlertmanagerCluster(chart(), 'Am', { clients: [{ podSelector: {} } as any] })).toThrow(/clients\[0\]: must be a NetworkPeer/);
    expect(() => policy.allowClient('flux' as any)).toThrow(/^\[test\/Np\] allowClient\(peer\): must be a NetworkPeer \(got "flux"\)/);
  });
});

describe('first-article-sized stack: every new object validates and no check finds anything', () => {
  test('synth is schema-valid (kubernetes-models validators) and clean', () => {
    const { c } = stack();
    synth(c);
    expect(findingsOf(c).filter((f) => ['prometheus-rbac-missing', 'ha-too-few-replicas', 'pdb-blocks-eviction', 'provider-network-policy'].includes(f.check))).toEqual([]);
    expect(Testing.synth(c).map((o) => o.kind)).toEqual([
      'Alertmanager', 'AlertmanagerConfig', 'PodDisruptionBudget', 'NetworkPolicy',
      'Prometheus', 'ServiceAccount', 'Role', 'RoleBinding', 'PodDisruptionBudget', 'NetworkPolicy',
    ]);
  });
});
