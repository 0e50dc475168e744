import { KubeNetworkPolicyPeer } from '../_util/kube-objects';
import { Problems } from '../_util/problems';
import { checkArgs, shape as s } from '../_util/shape';
import { NAMESPACE_NAME_LABEL } from '../model/cluster-model';
import { checkDns1123Label, checkLabelKey, checkLabelValue } from '../validation';

/**
 * The namespace Flux installs its controllers in.
 * @internal
 */
export const FLUX_NAMESPACE = 'flux-system';
/**
 * The labels of Flux's notification-controller pods (its `webhook-receiver` Service selects them).
 * @internal
 */
export const NOTIFICATION_CONTROLLER_LABELS: { readonly [key: string]: string } = { app: 'notification-controller' };

const NAMESPACE = s.string({ fix: `pass a namespace name such as 'apps'` });
const CIDR = /^(\d{1,3}(\.\d{1,3}){3}\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/;

/**
 * Who may connect: pods, namespaces or an address range, as a NetworkPolicy peer.
 */
export class NetworkPeer {
  /**
   * The pods with all of these labels in one namespace.
   * @param namespace the pods' namespace
   * @param labels labels the pods carry
   */
  public static pods(namespace: string, labels: { [key: string]: string }): NetworkPeer {
    checkArgs('NetworkPeer.pods', { namespace: [namespace, NAMESPACE], labels: [labels, s.map()] });
    const problems = new Problems('NetworkPeer.pods');
    problems.addMessages(checkDns1123Label('namespace', namespace));
    if (Object.keys(labels).length === 0) {
      problems.add('labels', labels, 'no labels: every pod of the namespace', `use NetworkPeer.namespace('${namespace}') for every pod, or name labels`);
    }
    for (const [k, v] of Object.entries(labels)) {
      problems.addMessages([...checkLabelKey(`labels[${JSON.stringify(k)}]`, k), ...checkLabelValue(`labels[${JSON.stringify(k)}]`, v)]);
    }
    problems.throwIfAny();
    return new NetworkPeer(`pods ${JSON.stringify(labels)} in namespace ${namespace}`, {
      namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } },
      podSelector: { matchLabels: { ...labels } },
    });
  }

  /** Every pod of one namespace. */
  public static namespace(name: string): NetworkPeer {
    checkArgs('NetworkPeer.namespace', { name: [name, NAMESPACE] });
    const problems = new Problems('NetworkPeer.namespace');
    problems.addMessages(checkDns1123Label('name', name));
    problems.throwIfAny();
    return new NetworkPeer(`every pod in namespace ${name}`, { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: name } } });
  }

  /**
   * Flux's notification-controller, which posts the events of an alertmanager Provider.
   * @param namespace where Flux runs
   * @default namespace 'flux-system'
   */
  public static fluxNotificationController(namespace: string = FLUX_NAMESPACE): NetworkPeer {
    checkArgs('NetworkPeer.fluxNotificationController', { namespace: [namespace, NAMESPACE] });
    return NetworkPeer.pods(namespace, { ...NOTIFICATION_CONTROLLER_LABELS });
  }

  /**
   * An address range outside the cluster (pod IPs change: select pods with {@link NetworkPeer.pods}).
   * @param cidr e.g. `10.0.0.0/8`
   */
  public static ipBlock(cidr: string): NetworkPeer {
    checkArgs('NetworkPeer.ipBlock', { cidr: [cidr, s.string({ pattern: CIDR, patternText: 'is not a CIDR', fix: `use a range such as '10.0.0.0/8'` })] });
    return new NetworkPeer(`addresses ${cidr}`, { ipBlock: { cidr } });
  }

  private constructor(
    /** The peer in words, for messages and docs. */
    public readonly description: string,
    private readonly peer: KubeNetworkPolicyPeer,
  ) {}

  /** The NetworkPolicy peer. @internal */
  public _toKube(): KubeNetworkPolicyPeer {
    return JSON.parse(JSON.stringify(this.peer));
  }
}
