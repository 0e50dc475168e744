import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeNetworkPolicyIngressRule, kubeNetworkPolicy } from '../_util/kube-objects';
import { checkObjectMeta, objectMeta } from '../_util/metadata';
import { Problems } from '../_util/problems';
import { checkArgs, checkConstruct, known, metaFields, shape as s } from '../_util/shape';
import { operatorPodSelector } from '../simulate/pod-labels';
import { checkDns1123Label } from '../validation';
import { NetworkPeer } from './network-peer';

/**
 * Alertmanager's web port (API and UI).
 * @internal
 */
export const ALERTMANAGER_WEB_PORT = 9093;
/**
 * Alertmanager's gossip (mesh) port, TCP and UDP.
 * @internal
 */
export const ALERTMANAGER_MESH_PORT = 9094;

/**
 * Props of {@link AlertmanagerNetworkPolicy}.
 */
export interface AlertmanagerNetworkPolicyProps {
  /** The Alertmanager object's name (its pods are labelled `alertmanager=<name>`). */
  readonly alertmanagerName: string;
  /** The Alertmanager's namespace. */
  readonly namespace: string;
  /**
   * The NetworkPolicy's name.
   * @default - `alertmanager-<alertmanagerName>`, as kube-prometheus names it (at most 76
   * characters: `alertmanagerName` is a DNS-1123 label)
   */
  readonly name?: string;
  /**
   * Who may reach the web port (9093): Prometheus servers, Flux's notification-controller,
   * other clients. More can be added with {@link AlertmanagerNetworkPolicy.allowClient}.
   * @default - none: the web port is closed until a client is added
   */
  readonly clients?: NetworkPeer[];
}

const PROPS = s.struct('AlertmanagerNetworkPolicyProps', {
  alertmanagerName: s.string({ fix: `pass the Alertmanager object's name, e.g. 'main'` }),
  namespace: s.string({ fix: `pass the Alertmanager's namespace, e.g. 'monitoring'` }),
  name: metaFields.name,
  clients: s.optional(s.list(known.networkPeer)),
});

/**
 * The ingress NetworkPolicy (`networking.k8s.io/v1`) of an Alertmanager's pods: the web port
 * 9093 only from the declared clients, the mesh port 9094 (TCP and UDP) only between the
 * replicas. Egress is not restricted: receivers live anywhere.
 *
 * {@link AlertmanagerCluster} creates one (prop `networkPolicy`), with the Prometheus servers
 * that send to it and Flux's notification-controller as clients.
 */
export class AlertmanagerNetworkPolicy extends Construct {
  /** The generated NetworkPolicy. */
  public readonly resource: ApiObject;
  private readonly clients: NetworkPeer[] = [];

  constructor(scope: Construct, id: string, props: AlertmanagerNetworkPolicyProps) {
    checkConstruct('AlertmanagerNetworkPolicy', scope, id, props, PROPS);
    super(scope, id);
    const problems = new Problems(this);
    checkObjectMeta(problems, props.name, props.namespace);
    problems.addMessages(checkDns1123Label('alertmanagerName', props.alertmanagerName));
    problems.throwIfAny();
    for (const c of props.clients ?? []) { this.allowClient(c); }

    const pods = operatorPodSelector('Alertmanager', props.alertmanagerName);
    this.resource = kubeNetworkPolicy(this, 'Resource', objectMeta(props.name ?? `alertmanager-${props.alertmanagerName}`, props.namespace), () => {
      const ingress: KubeNetworkPolicyIngressRule[] = [];
      // A rule without `from` admits every source: with no client, the web rule is left out.
      if (this.clients.length) {
        ingress.push({ from: this.clients.map((c) => c._toKube()), ports: [{ protocol: 'TCP', port: ALERTMANAGER_WEB_PORT }] });
      }
      ingress.push({
        from: [{ podSelector: { matchLabels: { ...pods } } }],
        ports: [{ protocol: 'TCP', port: ALERTMANAGER_MESH_PORT }, { protocol: 'UDP', port: ALERTMANAGER_MESH_PORT }],
      });
      return { podSelector: { matchLabels: { ...pods } }, policyTypes: ['Ingress'], ingress };
    });
  }

  /** The NetworkPolicy's name. */
  public get name(): string {
    return this.resource.name;
  }

  /** The peers allowed on the web port. */
  public get allowedClients(): NetworkPeer[] {
    return [...this.clients];
  }

  /** Allows `peer` to reach the web port (9093). */
  public allowClient(peer: NetworkPeer): void {
    checkArgs(this, { 'allowClient(peer)': [peer, known.networkPeer] });
    if (!this.clients.some((c) => JSON.stringify(c._toKube()) === JSON.stringify(peer._toKube()))) {
      this.clients.push(peer);
    }
  }
}
