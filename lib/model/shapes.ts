/**
 * The shape of the fields the model's readers rely on, per kind: a value of the wrong type
 * (an Alertmanager whose `spec` is a string, a PrometheusRule whose `groups` is a string)
 * makes the object unusable, and is reported instead of being read.
 *
 * This is deliberately not a full CRD schema validation (the API server does that, and the
 * tests check every synthesized object against the upstream CRDs): it covers the fields the
 * checks and the simulator read, so they never meet a value of a type they do not expect.
 * @module
 */
import type { ModelObject } from './model-object';

type Type = 'object' | 'array' | 'string' | 'boolean' | 'number';

/** `a.b[].c` paths (`[]` = every element) and their types, per `group/kind`. */
const SHAPES: Record<string, ReadonlyArray<readonly [string, Type]>> = {
  '/Secret': [['data', 'object'], ['stringData', 'object']],
  '/ConfigMap': [['data', 'object']],
  'rbac.authorization.k8s.io/Role': [['rules', 'array'], ['rules[]', 'object'], ['rules[].apiGroups', 'array'], ['rules[].resources', 'array'], ['rules[].verbs', 'array']],
  'rbac.authorization.k8s.io/ClusterRole': [['rules', 'array'], ['rules[]', 'object'], ['rules[].apiGroups', 'array'], ['rules[].resources', 'array'], ['rules[].verbs', 'array']],
  'rbac.authorization.k8s.io/RoleBinding': [['roleRef', 'object'], ['roleRef.kind', 'string'], ['roleRef.name', 'string'], ['subjects', 'array'], ['subjects[]', 'object']],
  'rbac.authorization.k8s.io/ClusterRoleBinding': [['roleRef', 'object'], ['roleRef.kind', 'string'], ['roleRef.name', 'string'], ['subjects', 'array'], ['subjects[]', 'object']],
  'policy/PodDisruptionBudget': [['spec', 'object'], ['spec.selector', 'object']],
  'networking.k8s.io/NetworkPolicy': [
    ['spec', 'object'], ['spec.podSelector', 'object'], ['spec.policyTypes', 'array'],
    ['spec.ingress', 'array'], ['spec.ingress[]', 'object'], ['spec.ingress[].from', 'array'], ['spec.ingress[].ports', 'array'],
    ['spec.egress', 'array'], ['spec.egress[]', 'object'],
  ],
  'monitoring.coreos.com/Prometheus': [
    ['spec', 'object'], ['spec.ruleSelector', 'object'], ['spec.ruleNamespaceSelector', 'object'],
    ['spec.externalLabels', 'object'], ['spec.alerting', 'object'], ['spec.alerting.alertmanagers', 'array'],
    ['spec.serviceAccountName', 'string'], ['spec.serviceMonitorSelector', 'object'], ['spec.podMonitorSelector', 'object'],
    ['spec.serviceMonitorNamespaceSelector', 'object'], ['spec.podMonitorNamespaceSelector', 'object'], ['spec.podMetadata', 'object'],
  ],
  'monitoring.coreos.com/Alertmanager': [
    ['spec', 'object'], ['spec.alertmanagerConfigSelector', 'object'], ['spec.alertmanagerConfigNamespaceSelector', 'object'],
    ['spec.alertmanagerConfigMatcherStrategy', 'object'], ['spec.alertmanagerConfiguration', 'object'],
    ['spec.alertmanagerConfiguration.name', 'string'], ['spec.configSecret', 'string'], ['spec.version', 'string'],
    ['spec.podMetadata', 'object'],
  ],
  'monitoring.coreos.com/AlertmanagerConfig': [
    ['spec', 'object'], ['spec.route', 'object'], ['spec.route.matchers', 'array'], ['spec.route.matchers[]', 'object'],
    ['spec.route.routes', 'array'], ['spec.route.receiver', 'string'],
    ['spec.receivers', 'array'], ['spec.receivers[]', 'object'], ['spec.receivers[].name', 'string'],
    ['spec.inhibitRules', 'array'], ['spec.inhibitRules[]', 'object'], ['spec.muteTimeIntervals', 'array'],
  ],
  'monitoring.coreos.com/PrometheusRule': [
    ['spec', 'object'], ['spec.groups', 'array'], ['spec.groups[]', 'object'], ['spec.groups[].name', 'string'],
    ['spec.groups[].rules', 'array'], ['spec.groups[].rules[]', 'object'], ['spec.groups[].rules[].labels', 'object'],
    ['spec.groups[].rules[].annotations', 'object'],
  ],
  'notification.toolkit.fluxcd.io/Provider': [
    ['spec', 'object'], ['spec.type', 'string'], ['spec.address', 'string'], ['spec.secretRef', 'object'],
    ['spec.secretRef.name', 'string'], ['spec.certSecretRef', 'object'], ['spec.proxySecretRef', 'object'],
  ],
  'notification.toolkit.fluxcd.io/Receiver': [
    ['spec', 'object'], ['spec.type', 'string'], ['spec.secretRef', 'object'], ['spec.secretRef.name', 'string'], ['spec.resources', 'array'],
  ],
  'notification.toolkit.fluxcd.io/Alert': [
    ['spec', 'object'], ['spec.providerRef', 'object'], ['spec.providerRef.name', 'string'], ['spec.eventSeverity', 'string'],
    ['spec.eventSources', 'array'], ['spec.eventSources[]', 'object'], ['spec.eventSources[].kind', 'string'],
    ['spec.eventSources[].name', 'string'], ['spec.eventSources[].namespace', 'string'], ['spec.eventMetadata', 'object'],
    ['spec.inclusionList', 'array'], ['spec.exclusionList', 'array'],
  ],
  'kustomize.toolkit.fluxcd.io/Kustomization': [
    ['spec', 'object'], ['spec.sourceRef', 'object'], ['spec.dependsOn', 'array'], ['spec.healthChecks', 'array'],
  ],
};

function typeOf(v: unknown): string {
  if (v === null) { return 'null'; }
  if (Array.isArray(v)) { return 'array'; }
  return typeof v;
}

function article(type: Type): string {
  return type === 'array' ? 'a list' : `a${type === 'object' ? 'n' : ''} ${type}`;
}

/** Walks `segments` (`x[]` = each element of x) and checks the type of what it reaches. */
function walk(value: unknown, segments: readonly string[], type: Type, at: string, out: string[]): void {
  if (segments.length === 0) {
    if (value !== undefined && value !== null && typeOf(value) !== type) {
      const shown = typeof value === 'string' ? ` ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}` : '';
      out.push(`${at}: must be ${article(type)}, got ${typeOf(value)}${shown}`);
    }
    return;
  }
  if (typeOf(value) !== 'object') { return; } // the parent's own entry reports it
  const [segment, ...rest] = segments;
  const key = segment.replace('[]', '');
  const child = (value as Record<string, unknown>)[key];
  const here = at ? `${at}.${key}` : key;
  if (!segment.endsWith('[]')) {
    walk(child, rest, type, here, out);
  } else if (Array.isArray(child)) {
    child.forEach((el, i) => walk(el, rest, type, `${here}[${i}]`, out));
  }
}

/** The fields of `o` whose type the model cannot read, as `field: must be X, got Y`. */
export function shapeProblems(o: ModelObject): string[] {
  const out: string[] = [];
  for (const [path, type] of SHAPES[`${o.group}/${o.kind}`] ?? []) {
    walk(o.manifest, path.split('.'), type, '', out);
  }
  return out;
}
