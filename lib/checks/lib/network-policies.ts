/**
 * What NetworkPolicies let through, as the API defines it (networking.k8s.io/v1): a pod that
 * some policy selects for Ingress accepts only what one of those policies' rules allows; a rule
 * without `from` allows every source, without `ports` every port.
 * @module
 */
import { ClusterModel } from '../../model/cluster-model';
import { ModelObject } from '../../model/model-object';
import { selects } from './workloads';

/** A client pod: where it runs and its labels. */
export interface PodRef {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** The policy types of a NetworkPolicy, with the API server's default when unset. */
export function policyTypes(policy: ModelObject): string[] {
  const spec = policy.manifest.spec ?? {};
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.length) { return spec.policyTypes.filter((t: unknown) => typeof t === 'string'); }
  return Array.isArray(spec.egress) && spec.egress.length ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** The NetworkPolicies that isolate the pods with `labels` in `namespace` for ingress. */
export function ingressPolicies(model: ClusterModel, namespace: string, labels: Readonly<Record<string, string>>): ModelObject[] {
  return model.networkPolicies.filter((p) => p.namespace === namespace && policyTypes(p).includes('Ingress') && selects(p.manifest.spec?.podSelector, labels));
}

/** Whether a rule's `ports` admit TCP `port` (named `portName` on the pod). */
function portAllowed(ports: unknown, port: number, portName: string): boolean {
  if (!Array.isArray(ports) || ports.length === 0) { return true; }
  return ports.some((p) => {
    if (typeof p !== 'object' || p === null) { return false; }
    if ((p.protocol ?? 'TCP') !== 'TCP') { return false; }
    if (p.port === undefined) { return true; }
    if (typeof p.port === 'string') { return p.port === portName || p.port === String(port); }
    if (typeof p.port !== 'number') { return false; }
    return typeof p.endPort === 'number' ? p.port <= port && port <= p.endPort : p.port === port;
  });
}

/**
 * Whether a peer admits `client`: `true`, `false`, or `undefined` when it depends on what the
 * model cannot know (an ipBlock; labels of a namespace it has no Namespace object for).
 */
function peerAllows(model: ClusterModel, peer: any, policyNamespace: string, client: PodRef): boolean | undefined {
  if (typeof peer !== 'object' || peer === null) { return false; }
  if (peer.ipBlock) { return undefined; }
  if (peer.podSelector === undefined && peer.namespaceSelector === undefined) { return false; }
  let namespaceOk: boolean | undefined;
  if (peer.namespaceSelector === undefined) {
    namespaceOk = client.namespace === policyNamespace;
  } else if (selects(peer.namespaceSelector, model.namespaceLabels(client.namespace))) {
    namespaceOk = true;
  } else {
    namespaceOk = model.knowsNamespace(client.namespace) ? false : undefined;
  }
  if (namespaceOk === false) { return false; }
  const podOk = peer.podSelector === undefined || selects(peer.podSelector, client.labels);
  return podOk ? namespaceOk : false;
}

/**
 * Whether the ingress policies `policies` (all selecting the target pod) admit `client` on TCP
 * `port`: `true`, `false`, or `undefined` when the model cannot tell.
 */
export function ingressAllows(model: ClusterModel, policies: readonly ModelObject[], client: PodRef, port: number, portName: string): boolean | undefined {
  let unknown = false;
  for (const policy of policies) {
    const rules = policy.manifest.spec?.ingress;
    if (!Array.isArray(rules)) { continue; }
    for (const rule of rules) {
      if (typeof rule !== 'object' || rule === null || !portAllowed(rule.ports, port, portName)) { continue; }
      if (!Array.isArray(rule.from) || rule.from.length === 0) { return true; }
      for (const peer of rule.from) {
        const ok = peerAllows(model, peer, policy.namespace!, client);
        if (ok === true) { return true; }
        if (ok === undefined) { unknown = true; }
      }
    }
  }
  return unknown ? undefined : false;
}
