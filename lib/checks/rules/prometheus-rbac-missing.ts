import { ClusterModel, GROUPS, NAMESPACE_NAME_LABEL } from '../../model/cluster-model';
import { ModelObject } from '../../model/model-object';
import { Check, Issue } from '../check';
import { Severity } from '../finding';

/** Where a Prometheus discovers targets: namespaces by name, and why; or every namespace. */
interface Scope {
  readonly namespaces: Map<string, string>;
  readonly all?: string;
}

/** The namespaces a monitor namespace selector names, or undefined when it spans namespaces by label or all. */
function namedNamespaces(selector: unknown, own: string): string[] | undefined {
  if (typeof selector !== 'object' || selector === null || Array.isArray(selector)) { return [own]; }
  const s = selector as { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key?: string; operator?: string; values?: string[] }>; any?: boolean; matchNames?: string[] };
  const labels = Object.entries(s.matchLabels ?? {});
  const exprs = s.matchExpressions ?? [];
  if (labels.length === 1 && labels[0][0] === NAMESPACE_NAME_LABEL && exprs.length === 0) { return [labels[0][1]]; }
  if (labels.length === 0 && exprs.length === 1 && exprs[0].key === NAMESPACE_NAME_LABEL && exprs[0].operator === 'In' && Array.isArray(exprs[0].values)) {
    return exprs[0].values.filter((v) => typeof v === 'string');
  }
  return undefined;
}

/** What the operator makes a Prometheus discover through the Kubernetes API. */
function discoveryScope(prom: ModelObject): Scope {
  const spec = prom.manifest.spec ?? {};
  const own = prom.namespace!;
  const namespaces = new Map<string, string>();
  let all: string | undefined;
  for (const [i, am] of (Array.isArray(spec.alerting?.alertmanagers) ? spec.alerting.alertmanagers : []).entries()) {
    const ns = typeof am?.namespace === 'string' && am.namespace ? am.namespace : own;
    if (!namespaces.has(ns)) { namespaces.set(ns, `the Alertmanager endpoints of spec.alerting.alertmanagers[${i}]`); }
  }
  for (const kind of ['serviceMonitor', 'podMonitor'] as const) {
    const selector = spec[`${kind}Selector`];
    if (typeof selector !== 'object' || selector === null) { continue; }
    const names = namedNamespaces(spec[`${kind}NamespaceSelector`], own);
    const why = `the targets of the ${kind === 'serviceMonitor' ? 'ServiceMonitors' : 'PodMonitors'} it selects`;
    if (names === undefined) { all = all ?? why; continue; }
    for (const ns of names) { if (!namespaces.has(ns)) { namespaces.set(ns, why); } }
  }
  return { namespaces, all };
}

/** Whether a binding subject is the service account `name` in `ns` (directly or through its groups). */
function isSubject(subject: any, bindingNamespace: string | undefined, name: string, ns: string): boolean {
  if (typeof subject !== 'object' || subject === null) { return false; }
  switch (subject.kind) {
    case 'ServiceAccount': return subject.name === name && (subject.namespace ?? bindingNamespace) === ns;
    case 'User': return subject.name === `system:serviceaccount:${ns}:${name}`;
    case 'Group': return subject.name === 'system:serviceaccounts' || subject.name === `system:serviceaccounts:${ns}` || subject.name === 'system:authenticated';
    default: return false;
  }
}

/** The resources discovery needs, with the API group, for the Prometheus' service discovery role. */
function needed(prom: ModelObject): Array<[string, string]> {
  const slices = prom.manifest.spec?.serviceDiscoveryRole === 'EndpointSlice';
  return [['', 'services'], ['', 'pods'], slices ? ['discovery.k8s.io', 'endpointslices'] : ['', 'endpoints']];
}

/** The resources of `needed` that `rules` do not let one list and watch. */
function missing(rules: unknown, need: Array<[string, string]>): string[] {
  const list = Array.isArray(rules) ? rules : [];
  const grants = (group: string, resource: string, verb: string) => list.some((r: any) =>
    Array.isArray(r?.apiGroups) && (r.apiGroups.includes(group) || r.apiGroups.includes('*'))
    && Array.isArray(r?.resources) && (r.resources.includes(resource) || r.resources.includes('*'))
    && Array.isArray(r?.verbs) && (r.verbs.includes(verb) || r.verbs.includes('*'))
    && !(Array.isArray(r?.resourceNames) && r.resourceNames.length));
  return need.filter(([g, res]) => !(grants(g, res, 'list') && grants(g, res, 'watch'))).map(([g, res]) => (g ? `${res}.${g}` : res));
}

/**
 * What the model grants the service account in `namespace` (or cluster-wide when `namespace` is
 * undefined): `ok`, the resources still missing, or `unknown` when a binding names a role the
 * model does not have.
 */
function grant(model: ClusterModel, sa: string, saNs: string, namespace: string | undefined, need: Array<[string, string]>): { unknown: boolean; missing: string[] } {
  const bindings = model.roleBindings.filter((b) => (b.kind === 'ClusterRoleBinding' || (namespace !== undefined && b.namespace === namespace))
    && Array.isArray(b.manifest.subjects) && b.manifest.subjects.some((s: unknown) => isSubject(s, b.namespace, sa, saNs)));
  let rest = need;
  let unknown = false;
  for (const b of bindings) {
    const ref = b.manifest.roleRef ?? {};
    const role = ref.kind === 'Role' ? model.find(GROUPS.rbac, 'Role', b.namespace, ref.name) : model.find(GROUPS.rbac, 'ClusterRole', undefined, ref.name);
    if (!role) { unknown = true; continue; }
    const still = missing(role.manifest.rules, rest);
    rest = rest.filter(([g, r]) => still.includes(g ? `${r}.${g}` : r));
  }
  return { unknown, missing: rest.map(([g, r]) => (g ? `${r}.${g}` : r)) };
}

export const prometheusRbacMissing: Check = {
  id: 'prometheus-rbac-missing',
  severity: Severity.WARNING,
  title: 'A Prometheus whose service account the manifests grant no discovery',
  description: 'The operator configures Kubernetes service discovery (role `endpoints`, or `endpointslice`) for the Alertmanagers of `spec.alerting` and for the ServiceMonitors and PodMonitors it selects. Without `list` and `watch` on services, pods and endpoints in those namespaces, Prometheus discovers no Alertmanager and sends its alerts nowhere, and nothing but its own log says so. A warning: the RBAC may be managed outside these manifests (a platform team, a Helm chart).',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: main, namespace: monitoring }
spec:
  serviceAccountName: prometheus
  ruleSelector: { matchLabels: { role: alert-rules } }
  alerting: { alertmanagers: [{ name: alertmanager-operated, namespace: monitoring, port: web }] }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: prometheus, namespace: monitoring }
`,
  fixed: `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: main, namespace: monitoring }
spec:
  serviceAccountName: prometheus
  ruleSelector: { matchLabels: { role: alert-rules } }
  alerting: { alertmanagers: [{ name: alertmanager-operated, namespace: monitoring, port: web }] }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: prometheus, namespace: monitoring }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: prometheus, namespace: monitoring }
rules: [{ apiGroups: [""], resources: [services, endpoints, pods], verbs: [get, list, watch] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: prometheus, namespace: monitoring }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: prometheus }
subjects: [{ kind: ServiceAccount, name: prometheus, namespace: monitoring }]
`,
  run({ model }) {
    const issues: Issue[] = [];
    for (const prom of model.prometheuses) {
      if (prom.source.external) { continue; }
      const scope = discoveryScope(prom);
      if (scope.namespaces.size === 0 && !scope.all) { continue; }
      const sa = typeof prom.manifest.spec?.serviceAccountName === 'string' && prom.manifest.spec.serviceAccountName ? prom.manifest.spec.serviceAccountName : 'default';
      const saNs = prom.namespace!;
      const need = needed(prom);
      const targets: Array<[string | undefined, string]> = scope.all ? [[undefined, scope.all]] : [...scope.namespaces.entries()];
      const gaps: string[] = [];
      const anyBinding = model.roleBindings.some((b) => Array.isArray(b.manifest.subjects) && b.manifest.subjects.some((x: unknown) => isSubject(x, b.namespace, sa, saNs)));
      for (const [ns, why] of targets) {
        const g = grant(model, sa, saNs, ns, need);
        if (g.unknown || g.missing.length === 0) { continue; }
        gaps.push(`${ns === undefined ? 'cluster-wide' : `namespace ${ns}`} (${why}): no list/watch on ${g.missing.join(', ')}`);
      }
      if (gaps.length === 0) { continue; }
      const account = `service account ${saNs}/${sa}${sa === 'default' ? ' (spec.serviceAccountName is unset)' : ''}`;
      const noAccount = sa !== 'default' && !model.find(GROUPS.core, 'ServiceAccount', saNs, sa) ? `; the manifests have no ServiceAccount ${saNs}/${sa} either, and the operator's pods do not start without one` : '';
      issues.push({
        object: prom,
        message: `${anyBinding ? 'the RBAC in these manifests does not let' : 'these manifests grant no RBAC to'} ${account}${anyBinding ? ' discover its targets' : ''}: ${gaps.join('; ')}${noAccount} (assumed: nothing outside these manifests grants it)`,
        fix: `bind a Role (per namespace) or a ClusterRole with get/list/watch on ${need.map(([g, r]) => (g ? `${r}.${g}` : r)).join(', ')} to ${account.replace(' (spec.serviceAccountName is unset)', '')}, or leave serviceAccountName unset on the Prometheus construct so it creates them`,
      });
    }
    return issues;
  },
};
