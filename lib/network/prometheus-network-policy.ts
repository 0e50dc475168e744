import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeNetworkPolicyEgressRule, kubeNetworkPolicy } from '../_util/kube-objects';
import { checkObjectMeta, objectMeta } from '../_util/metadata';
import { Problems } from '../_util/problems';
import { checkArgs, checkConstruct, known, metaFields, shape as s } from '../_util/shape';
import { operatorPodSelector } from '../simulate/pod-labels';
import { checkDns1123Label } from '../validation';
import { ALERTMANAGER_WEB_PORT } from './alertmanager-network-policy';
import { NetworkPeer } from './network-peer';

/**
 * Props of {@link PrometheusNetworkPolicy}.
 */
export interface PrometheusNetworkPolicyProps {
  /** The Prometheus object's name. */
  readonly prometheusName: string;
  /** The Prometheus' namespace. */
  readonly namespace: string;
  /**
   * The NetworkPolicy's name.
   * @default - `prometheus-<prometheusName>`, as kube-prometheus names it (at most 74
   * characters: `prometheusName` is a DNS-1123 label)
   */
  readonly name?: string;
  /**
   * Whether egress is limited to the Alertmanagers, DNS, the Kubernetes API (ports 443 and
   * 6443, which service discovery needs) and {@link PrometheusNetworkPolicy.allowEgressTo}
   * peers. Scrape targets are then unreachable unless added.
   * @default false - the rules for Alertmanager and DNS are written out, and a last rule
   * allows all other egress (scraping), as kube-prometheus does
   */
  readonly restrictEgress?: boolean;
}

const PROPS = s.struct('PrometheusNetworkPolicyProps', {
  prometheusName: s.string({ fix: `pass the Prometheus object's name, e.g. 'main'` }),
  namespace: s.string({ fix: `pass the Prometheus' namespace, e.g. 'monitoring'` }),
  name: metaFields.name,
  restrictEgress: s.optional(s.boolean()),
});
const NAME = s.string({ fix: `pass the Alertmanager object's name, e.g. 'main'` });
const NAMESPACE = s.string({ fix: `pass the Alertmanager's namespace, e.g. 'monitoring'` });
const PORT = s.number({ integer: true, min: 1, fix: 'pass a TCP port from 1 to 65535, e.g. 8080' });

/**
 * The egress NetworkPolicy (`networking.k8s.io/v1`) of a Prometheus' pods: to the Alertmanager
 * web port (9093) and to DNS (port 53, TCP and UDP), so alerts still leave when the namespace
 * denies egress by default.
 *
 * {@link Prometheus} creates one (prop `networkPolicy`) with its Alertmanager.
 */
export class PrometheusNetworkPolicy extends Construct {
  /** The generated NetworkPolicy. */
  public readonly resource: ApiObject;
  /** Whether egress is limited to the listed peers. */
  public readonly restrictEgress: boolean;
  private readonly alertmanagers: Array<{ name: string; namespace: string }> = [];
  private readonly peers: Array<{ peer: NetworkPeer; port: number }> = [];

  constructor(scope: Construct, id: string, props: PrometheusNetworkPolicyProps) {
    checkConstruct('PrometheusNetworkPolicy', scope, id, props, PROPS);
    super(scope, id);
    const problems = new Problems(this);
    checkObjectMeta(problems, props.name, props.namespace);
    problems.addMessages(checkDns1123Label('prometheusName', props.prometheusName));
    problems.throwIfAny();
    this.restrictEgress = props.restrictEgress ?? false;

    const pods = operatorPodSelector('Prometheus', props.prometheusName);
    this.resource = kubeNetworkPolicy(this, 'Resource', objectMeta(props.name ?? `prometheus-${props.prometheusName}`, props.namespace), () => {
      const egress: KubeNetworkPolicyEgressRule[] = [];
      for (const am of this.alertmanagers) {
        egress.push({ to: [NetworkPeer.pods(am.namespace, operatorPodSelector('Alertmanager', am.name))._toKube()], ports: [{ protocol: 'TCP', port: ALERTMANAGER_WEB_PORT }] });
      }
      // DNS to any address: kube-dns, or a node-local cache on a link-local IP that no pod selector matches.
      egress.push({ ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] });
      for (const { peer, port } of this.peers) {
        egress.push({ to: [peer._toKube()], ports: [{ protocol: 'TCP', port }] });
      }
      if (this.restrictEgress) {
        // The API server (service discovery) is not a pod: it is reached on these ports.
        egress.push({ ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 6443 }] });
      } else {
        egress.push({});
      }
      return { podSelector: { matchLabels: { ...pods } }, policyTypes: ['Egress'], egress };
    });
  }

  /** The NetworkPolicy's name. */
  public get name(): string {
    return this.resource.name;
  }

  /** Allows egress to the web port of the Alertmanager `name` in `namespace`. */
  public allowAlertmanager(name: string, namespace: string): void {
    checkArgs(this, { 'allowAlertmanager(name)': [name, NAME], 'allowAlertmanager(namespace)': [namespace, NAMESPACE] });
    const problems = new Problems(this);
    problems.addMessages([...checkDns1123Label('allowAlertmanager(name)', name), ...checkDns1123Label('allowAlertmanager(namespace)', namespace)]);
    problems.throwIfAny();
    if (!this.alertmanagers.some((a) => a.name === name && a.namespace === namespace)) {
      this.alertmanagers.push({ name, namespace });
    }
  }

  /** Allows egress to `peer` on TCP `port` (a scrape target, a remote-write endpoint). */
  public allowEgressTo(peer: NetworkPeer, port: number): void {
    checkArgs(this, { 'allowEgressTo(peer)': [peer, known.networkPeer], 'allowEgressTo(port)': [port, PORT] });
    if (port > 65535) {
      const problems = new Problems(this);
      problems.add('allowEgressTo(port)', port, 'is not a TCP port', PORT.fix);
      problems.throwIfAny();
    }
    this.peers.push({ peer, port });
  }
}
