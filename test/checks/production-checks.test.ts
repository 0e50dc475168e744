/**
 * The checks of issue 12 beyond their failing/fixed pair: prometheus-rbac-missing,
 * ha-too-few-replicas, pdb-blocks-eviction, provider-network-policy. They read objects,
 * whatever made them.
 */
import { parseAllDocuments } from 'yaml';
import { AlertmanagerCluster, AlertmanagerClusterProps, AlertmanagerProvider, ClusterModel, Finding, NetworkPeer, Prometheus, findingsOf, runChecks } from '../../lib/tooling';
import { chart } from '../_util';

function findings(yaml: string, check: string): Finding[] {
  const model = ClusterModel.build(parseAllDocuments(yaml).map((d, doc) => ({ value: d.toJS(), source: { file: 'x.yaml', doc } })));
  expect(model.problems).toEqual([]);
  return runChecks(model).filter((f) => f.check === check);
}

const PROM = (extra = '') => `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: main, namespace: monitoring }
spec:
  serviceAccountName: prometheus
  alerting: { alertmanagers: [{ name: alertmanager-operated, namespace: alerting, port: web }] }
${extra}`;
const ROLE = (kind: string, ns: string | undefined, resources: string, verbs = '[get, list, watch]', group = '""') => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: { name: discover${ns ? `, namespace: ${ns}` : ''} }
rules: [{ apiGroups: [${group}], resources: [${resources}], verbs: ${verbs} }]
`;
const BINDING = (kind: string, ns: string | undefined, roleKind: string, subject = '{ kind: ServiceAccount, name: prometheus, namespace: monitoring }') => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: { name: discover${ns ? `, namespace: ${ns}` : ''} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: discover }
subjects: [${subject}]
`;

describe('prometheus-rbac-missing', () => {
  test('a RoleBinding in the Prometheus namespace does not cover an Alertmanager in another namespace', () => {
    const f = findings(PROM() + ROLE('Role', 'monitoring', 'services, endpoints, pods') + BINDING('RoleBinding', 'monitoring', 'Role'), 'prometheus-rbac-missing');
    expect(f.map((x) => x.severity)).toEqual(['warning']);
    expect(f[0].message).toMatch(/does not let service account monitoring\/prometheus discover its targets: namespace alerting \(the Alertmanager endpoints of spec.alerting.alertmanagers\[0\]\)/);
    expect(f[0].message).toMatch(/no ServiceAccount monitoring\/prometheus/);
  });

  test('a ClusterRoleBinding (or a RoleBinding to a ClusterRole) in that namespace covers it', () => {
    expect(findings(PROM() + ROLE('ClusterRole', undefined, 'services, endpoints, pods') + BINDING('ClusterRoleBinding', undefined, 'ClusterRole'), 'prometheus-rbac-missing')).toEqual([]);
    expect(findings(PROM() + ROLE('ClusterRole', undefined, 'services, endpoints, pods') + BINDING('RoleBinding', 'alerting', 'ClusterRole'), 'prometheus-rbac-missing')).toEqual([]);
  });

  test('subjects by group or user name count; other service accounts do not', () => {
    const role = ROLE('ClusterRole', undefined, 'services, endpoints, pods');
    expect(findings(PROM() + role + BINDING('ClusterRoleBinding', undefined, 'ClusterRole', '{ kind: Group, name: "system:serviceaccounts:monitoring" }'), 'prometheus-rbac-missing')).toEqual([]);
    expect(findings(PROM() + role + BINDING('ClusterRoleBinding', undefined, 'ClusterRole', '{ kind: User, name: "system:serviceaccount:monitoring:prometheus" }'), 'prometheus-rbac-missing')).toEqual([]);
    expect(findings(PROM() + role + BINDING('ClusterRoleBinding', undefined, 'ClusterRole', '{ kind: ServiceAccount, name: prometheus, namespace: other }'), 'prometheus-rbac-missing')).toHaveLength(1);
  });

  test('a role without watch, or without pods, is named in the message; wildcards grant', () => {
    const [noWatch] = findings(PROM() + ROLE('ClusterRole', undefined, 'services, endpoints, pods', '[get, list]') + BINDING('ClusterRoleBinding', undefined, 'ClusterRole'), 'prometheus-rbac-missing');
    expect(noWatch.message).toMatch(/no list\/watch on services, pods, endpoints/);
    const [noPods] = findings(PROM() + ROLE('ClusterRole', undefined, 'services, endpoints') + BINDING('ClusterRoleBinding', undefined, 'ClusterRole'), 'prometheus-rbac-missing');
    expect(noPods.message).toMatch(/no list\/watch on pods[^,]/);
    expect(findings(PROM() + ROLE('ClusterRole', undefined, '"*"', '["*"]', '"*"') + BINDING('ClusterRoleBinding', undefined, 'ClusterRole'), 'prometheus-rbac-missing')).toEqual([]);
  });

  test('the EndpointSlice discovery role needs endpointslices.discovery.k8s.io', () => {
    const role = ROLE('ClusterRole', undefined, 'services, endpoints, pods') + BINDING('ClusterRoleBinding', undefined, 'ClusterRole');
    const [f] = findings(PROM('  serviceDiscoveryRole: EndpointSlice\n') + role, 'prometheus-rbac-missing');
    expect(f.message).toMatch(/no list\/watch on endpointslices\.discovery\.k8s\.io/);
  });

  test('a binding to a role the model does not have is assumed to grant (quiet); no discovery at all is quiet', () => {
    expect(findings(PROM() + BINDING('ClusterRoleBinding', undefined, 'ClusterRole'), 'prometheus-rbac-missing')).toEqual([]);
    expect(findings('apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: { name: p, namespace: m }\nspec: { ruleSelector: {} }\n', 'prometheus-rbac-missing')).toEqual([]);
  });

  test('ServiceMonitors in every namespace need cluster-wide access', () => {
    const yaml = PROM('  serviceMonitorSelector: {}\n  serviceMonitorNamespaceSelector: {}\n') + ROLE('ClusterRole', undefined, 'services, endpoints, pods') + BINDING('RoleBinding', 'alerting', 'ClusterRole');
    const [f] = findings(yaml, 'prometheus-rbac-missing');
    expect(f.message).toMatch(/cluster-wide \(the targets of the ServiceMonitors it selects\)/);
  });

  test('Prometheus.fromExisting declares a Prometheus the check leaves alone', () => {
    const c = chart();
    Prometheus.fromExisting(c, 'Kps', { name: 'kps', namespace: 'monitoring', ruleSelectorLabels: { release: 'kps' } });
    expect(findingsOf(c).filter((f) => f.check === 'prometheus-rbac-missing')).toEqual([]);
  });
});

const AM = (replicas: string, extra = '') => `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: { ${replicas}${extra} }
`;
const PDB = (spec: string, selector = '{ alertmanager: main }') => `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: am, namespace: monitoring }
spec: { ${spec}, selector: { matchLabels: ${selector} } }
`;

describe('ha-too-few-replicas and pdb-blocks-eviction', () => {
  test('anti-affinity or a spread with replicas unset is HA intent with one replica', () => {
    const [f] = findings(AM('', 'affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } }'), 'ha-too-few-replicas');
    expect(f.message).toMatch(/^spec.replicas is unset \(1 replica\), yet it is set up to be highly available \(spec.affinity.podAntiAffinity/);
    expect(findings(AM('replicas: 1, ', 'topologySpreadConstraints: [{ maxSkew: 1, topologyKey: z, whenUnsatisfiable: ScheduleAnyway }]'), 'ha-too-few-replicas')).toHaveLength(1);
    expect(findings(AM('replicas: 1'), 'ha-too-few-replicas')).toEqual([]);
  });

  test('a PDB that selects other pods says nothing about this Alertmanager', () => {
    expect(findings(AM('replicas: 1') + PDB('maxUnavailable: 1', '{ alertmanager: other }'), 'ha-too-few-replicas')).toEqual([]);
    expect(findings(AM('replicas: 1') + PDB('maxUnavailable: 0', '{ alertmanager: other }'), 'pdb-blocks-eviction')).toEqual([]);
  });

  test.each([
    ['maxUnavailable: 0', 3, true],
    ['maxUnavailable: "0%"', 3, true],
    ['maxUnavailable: "10%"', 3, false],
    ['minAvailable: 3', 3, true],
    ['minAvailable: "100%"', 3, true],
    ['minAvailable: "67%"', 3, true], // rounds up to 3 of 3
    ['minAvailable: 2', 3, false],
    ['minAvailable: 1', 1, true],
  ])('%s with %i replicas blocks every eviction: %s', (spec, replicas, blocks) => {
    expect(findings(AM(`replicas: ${replicas}`) + PDB(spec), 'pdb-blocks-eviction')).toHaveLength(blocks ? 1 : 0);
  });
});

const POLICY = (from: string, ports = '[{ protocol: TCP, port: 9093 }]') => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: am, namespace: monitoring }
spec:
  podSelector: { matchLabels: { alertmanager: main } }
  policyTypes: [Ingress]
  ingress: [{ from: ${from}, ports: ${ports} }]
`;
const PROVIDER = `---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: am, namespace: apps }
spec: { type: alertmanager, address: "http://alertmanager-operated.monitoring:9093/api/v2/alerts/" }
`;
const NC = '{ app: notification-controller }';

describe('provider-network-policy', () => {
  test('no policy, a rule without from, a named port web, or a namespace rule admit Flux', () => {
    expect(findings(AM('replicas: 3') + PROVIDER, 'provider-network-policy')).toEqual([]);
    expect(findings(AM('replicas: 3') + POLICY('[]') + PROVIDER, 'provider-network-policy')).toEqual([]);
    expect(findings(AM('replicas: 3') + POLICY(`[{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: flux-system } }, podSelector: { matchLabels: ${NC} } }]`, '[{ port: web }]') + PROVIDER, 'provider-network-policy')).toEqual([]);
    expect(findings(AM('replicas: 3') + POLICY('[{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: flux-system } } }]') + PROVIDER, 'provider-network-policy')).toEqual([]);
  });

  test('the right peer on the wrong port, or a pod selector alone (same namespace only), turns Flux away', () => {
    const peer = `[{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: flux-system } }, podSelector: { matchLabels: ${NC} } }]`;
    const [f] = findings(AM('replicas: 3') + POLICY(peer, '[{ protocol: TCP, port: 9094 }]') + PROVIDER, 'provider-network-policy');
    expect(f.severity).toBe('warning');
    expect(f.object.kind).toBe('Provider');
    expect(f.message).toMatch(/admit nothing from Flux's notification-controller on TCP 9093.*assumed: the controller runs in namespace flux-system/);
    expect(findings(AM('replicas: 3') + POLICY(`[{ podSelector: { matchLabels: ${NC} } }]`) + PROVIDER, 'provider-network-policy')).toHaveLength(1);
  });

  test('what the model cannot know stays quiet: an ipBlock, a namespace selected by a label of an unknown namespace', () => {
    expect(findings(AM('replicas: 3') + POLICY('[{ ipBlock: { cidr: 10.0.0.0/8 } }]') + PROVIDER, 'provider-network-policy')).toEqual([]);
    expect(findings(AM('replicas: 3') + POLICY(`[{ namespaceSelector: { matchLabels: { team: platform } }, podSelector: { matchLabels: ${NC} } }]`) + PROVIDER, 'provider-network-policy')).toEqual([]);
    // ... but a known Namespace without the label is provably excluded
    const ns = '---\napiVersion: v1\nkind: Namespace\nmetadata: { name: flux-system }\n';
    expect(findings(AM('replicas: 3') + POLICY(`[{ namespaceSelector: { matchLabels: { team: platform } }, podSelector: { matchLabels: ${NC} } }]`) + PROVIDER + ns, 'provider-network-policy')).toHaveLength(1);
  });

  test('a rule naming another namespace for the controller\'s pods is taken as where Flux runs', () => {
    const peer = `[{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: flux } }, podSelector: { matchLabels: ${NC} } }]`;
    expect(findings(AM('replicas: 3') + POLICY(peer) + PROVIDER, 'provider-network-policy')).toEqual([]);
  });

  test('constructs: the AlertmanagerCluster policy admits Flux; allowFlux: false makes the check warn, a declared client fixes it', () => {
    const cases: Array<[AlertmanagerClusterProps, number]> = [[{}, 0], [{ allowFlux: false }, 1], [{ allowFlux: false, clients: [NetworkPeer.fluxNotificationController()] }, 0], [{ fluxNamespace: 'flux' }, 0]];
    for (const [props, count] of cases) {
      const c = chart();
      const am = new AlertmanagerCluster(c, 'Am', { name: 'main', ...props });
      new AlertmanagerProvider(c, 'P', { name: 'am', namespace: 'flux-system', alertmanager: am });
      expect(findingsOf(c).filter((f) => f.check === 'provider-network-policy')).toHaveLength(count);
    }
  });
});
