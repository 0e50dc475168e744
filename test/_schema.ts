/**
 * Validates synthesized manifests against the upstream CRD schemas, through the
 * `@kubernetes-models` validators (generated from the same CRDs).
 */
import { Alertmanager, Prometheus, PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { AlertmanagerConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1';
import { Alert, Provider } from '@kubernetes-models/flux-cd/notification.toolkit.fluxcd.io/v1beta3';
import { Kustomization } from '@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1';
import { Receiver } from '@kubernetes-models/flux-cd/notification.toolkit.fluxcd.io/v1';
import { ConfigMap, ServiceAccount } from 'kubernetes-models/v1';
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';

import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

interface Validatable { validate(): void }
type ModelClass = new (data: any) => Validatable;

const MODELS: Record<string, ModelClass> = {
  'monitoring.coreos.com/v1/Alertmanager': Alertmanager as unknown as ModelClass,
  'monitoring.coreos.com/v1/Prometheus': Prometheus as unknown as ModelClass,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule as unknown as ModelClass,
  'monitoring.coreos.com/v1alpha1/AlertmanagerConfig': AlertmanagerConfig as unknown as ModelClass,
  'notification.toolkit.fluxcd.io/v1beta3/Alert': Alert as unknown as ModelClass,
  'notification.toolkit.fluxcd.io/v1beta3/Provider': Provider as unknown as ModelClass,
  'kustomize.toolkit.fluxcd.io/v1/Kustomization': Kustomization as unknown as ModelClass,
  'notification.toolkit.fluxcd.io/v1/Receiver': Receiver as unknown as ModelClass,
  // core kinds: the kubernetes-models validators (generated from the Kubernetes OpenAPI schema)
  'v1/ServiceAccount': ServiceAccount as unknown as ModelClass,
  'rbac.authorization.k8s.io/v1/Role': Role as unknown as ModelClass,
  'rbac.authorization.k8s.io/v1/RoleBinding': RoleBinding as unknown as ModelClass,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole as unknown as ModelClass,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding as unknown as ModelClass,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget as unknown as ModelClass,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy as unknown as ModelClass,
  // Grafana dashboards
  'v1/ConfigMap': ConfigMap as unknown as ModelClass,
};

/** The API versions the targeted controllers serve, per kind. */
export const SERVED: Record<string, string> = {
  Alertmanager: 'monitoring.coreos.com/v1',
  Prometheus: 'monitoring.coreos.com/v1',
  PrometheusRule: 'monitoring.coreos.com/v1',
  AlertmanagerConfig: 'monitoring.coreos.com/v1alpha1',
  Alert: 'notification.toolkit.fluxcd.io/v1beta3',
  Provider: 'notification.toolkit.fluxcd.io/v1beta3',
  Kustomization: 'kustomize.toolkit.fluxcd.io/v1',
  Receiver: 'notification.toolkit.fluxcd.io/v1',
  ServiceAccount: 'v1',
  Role: 'rbac.authorization.k8s.io/v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
  ClusterRole: 'rbac.authorization.k8s.io/v1',
  ClusterRoleBinding: 'rbac.authorization.k8s.io/v1',
  PodDisruptionBudget: 'policy/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  ConfigMap: 'v1',
};

/**
 * The upstream CRDs, byte for byte the pinned versions (see scripts/import-crds.js). The
 * @kubernetes-models validators follow the API server, which prunes unknown fields instead
 * of rejecting them; a typo would pass. This strict walk over the CRD's own
 * openAPIV3Schema (hand-written: no library offers "reject unknown fields" for structural
 * schemas) makes a misspelled field fail the test.
 */
const CRD_DIR = path.resolve(__dirname, '..', '..', 'shared', 'crds');
let crdSchemas: Map<string, any> | undefined;

function schemaFor(apiVersion: string, kind: string): any {
  if (!crdSchemas) {
    crdSchemas = new Map();
    for (const file of fs.readdirSync(CRD_DIR).filter((f) => f.endsWith('.yaml'))) {
      const crd = parse(fs.readFileSync(path.join(CRD_DIR, file), 'utf8'));
      for (const v of crd.spec.versions) {
        if (v.served) { crdSchemas.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, v.schema.openAPIV3Schema); }
      }
    }
  }
  return crdSchemas.get(`${apiVersion}/${kind}`);
}

function unknownFields(value: any, schema: any, at: string, out: string[]): void {
  if (!schema || schema['x-kubernetes-preserve-unknown-fields'] || value === null || typeof value !== 'object') { return; }
  if (Array.isArray(value)) {
    value.forEach((v, i) => unknownFields(v, schema.items, `${at}[${i}]`, out));
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    const sub = schema.properties?.[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    if (!sub && !schema.additionalProperties) {
      out.push(`${at}.${k} is not a field of the CRD schema`);
      continue;
    }
    unknownFields(v, sub, `${at}.${k}`, out);
  }
}

/**
 * Errors of the @kubernetes-models validators that the CRDs contradict. @kubernetes-models/prometheus-operator
 * 6.0.0 treats `storage.volumeClaimTemplate` (an EmbeddedPersistentVolumeClaim) as an object of
 * its own kind and requires `apiVersion: monitoring.coreos.com/v1`, `kind: EmbeddedPersistentVolumeClaim`;
 * the CRD's schema has neither as required, and the operator ignores them. The strict CRD walk
 * below still checks every field of it.
 */
const KNOWN_VALIDATOR_BUGS = [/^data\/spec\/storage\/volumeClaimTemplate must have required property (apiVersion|kind)$/];

/** Returns one message per manifest that fails its CRD schema, or whose kind has no validator. */
export function schemaErrors(manifests: any[]): string[] {
  const errors: string[] = [];
  for (const m of manifests) {
    const id = `${m.kind} ${m.metadata?.namespace}/${m.metadata?.name}`;
    const Model = MODELS[`${m.apiVersion}/${m.kind}`];
    if (!Model) {
      errors.push(`${id}: no schema validator for ${m.apiVersion}/${m.kind}`);
      continue;
    }
    try {
      new Model(m).validate();
    } catch (e) {
      const message = (e as Error).message.split(', ').filter((x) => !KNOWN_VALIDATOR_BUGS.some((r) => r.test(x))).join(', ');
      if (message) { errors.push(`${id}: ${message}`); }
    }
    if (!m.metadata?.name) {
      errors.push(`${id}: metadata.name is missing; the API server rejects the object`);
    }
    const unknown: string[] = [];
    const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = m;
    unknownFields(rest, schemaFor(m.apiVersion, m.kind), '', unknown);
    errors.push(...unknown.map((u) => `${id}: ${u}`));
  }
  return errors;
}

/** Fails the test when any manifest does not validate against its CRD schema. */
export function expectSchemaValid(manifests: any[]): void {
  expect(schemaErrors(manifests)).toEqual([]);
}

const ALLOWED_URL = [
  /^http:\/\/alertmanager-operated\.[a-z0-9-]+:9093\/api\/v2\/alerts\/?$/,
  /^https:\/\/slack\.com\/api\/chat\.postMessage$/,
  // the commit links of the examples' notification templates (a public repository's commits)
  /^https:\/\/github\.com\/acme\/[a-z-]+\/commit\/$/,
];
/** The URLs in a value: the whole value, or each URL inside a text such as a template. */
const URLS = /https?:\/\/[^\s"'<>|{}]+/g;

/**
 * Values that look like secrets in plaintext: Secret data, and URLs other than in-cluster
 * service addresses and public API endpoints.
 */
export function plaintextSecrets(manifests: any[]): string[] {
  const found: string[] = [];
  for (const m of manifests) {
    if (m.kind === 'Secret' && (m.data || m.stringData)) {
      found.push(`Secret ${m.metadata?.name} holds data in the manifest`);
    }
    walk(m, (path, value) => {
      // runbook links of alerting rules are public documentation, not credentials
      if (/\.annotations\.runbook_url$/.test(path)) { return; }
      for (const url of value.match(URLS) ?? []) {
        if (!ALLOWED_URL.some((r) => r.test(url))) { found.push(`${m.kind} ${m.metadata?.name} ${path}: ${url}`); }
      }
    });
  }
  return found;
}

function walk(o: unknown, visit: (path: string, value: string) => void, path = ''): void {
  if (typeof o === 'string') { visit(path, o); return; }
  if (Array.isArray(o)) { o.forEach((v, i) => walk(v, visit, `${path}[${i}]`)); return; }
  if (o && typeof o === 'object') {
    for (const [k, v] of Object.entries(o)) { walk(v, visit, `${path}.${k}`); }
  }
}
