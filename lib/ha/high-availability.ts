import { Size, SizeRoundingBehavior } from 'cdk8s';
import { message } from '../_util/problems';
import { checkDns1123Subdomain } from '../validation';

/**
 * How replicas of an Alertmanager or Prometheus avoid sharing a node.
 */
export enum PodAntiAffinity {
  /**
   * The scheduler prefers nodes without another replica (weight 100 on
   * `kubernetes.io/hostname`), but still schedules when it cannot: a small cluster keeps running.
   */
  PREFERRED = 'preferred',
  /**
   * The scheduler never puts two replicas on one node; a replica stays Pending when no node
   * is free.
   */
  REQUIRED = 'required',
  /** No anti-affinity. */
  NONE = 'none',
}

/**
 * A persistent volume per replica, through the operator's `spec.storage.volumeClaimTemplate`.
 */
export interface PersistentStorage {
  /** The size of each replica's volume, e.g. `Size.gibibytes(10)`. */
  readonly size: Size;
  /**
   * The StorageClass.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

/**
 * Props that keep replicas apart and available through node drains and zone outages.
 *
 * The defaults follow kube-prometheus(-stack): a PodDisruptionBudget with `maxUnavailable: 1`,
 * a preferred pod anti-affinity on `kubernetes.io/hostname` and a topology spread over
 * `topology.kubernetes.io/zone` (ScheduleAnyway), each only when there is more than one replica.
 */
export interface HighAvailabilityOptions {
  /**
   * Whether a PodDisruptionBudget limits voluntary evictions (node drains) to
   * {@link HighAvailabilityOptions.maxUnavailable} replicas at a time.
   * @default - true when there is more than one replica
   */
  readonly podDisruptionBudget?: boolean;
  /**
   * How many replicas a node drain may evict at once. 0 blocks every drain.
   * @default 1
   */
  readonly maxUnavailable?: number;
  /**
   * How the scheduler keeps replicas on different nodes.
   * @default - PodAntiAffinity.PREFERRED when there is more than one replica, else NONE
   */
  readonly podAntiAffinity?: PodAntiAffinity;
  /**
   * Whether replicas are spread over zones (`topology.kubernetes.io/zone`, maxSkew 1,
   * ScheduleAnyway: a cluster with one zone still schedules every replica).
   * @default - true when there is more than one replica
   */
  readonly zoneSpread?: boolean;
  /**
   * A persistent volume per replica, so silences and the notification log (Alertmanager) or
   * the TSDB (Prometheus) survive a restart.
   * @default - an emptyDir: data is lost when a pod is rescheduled
   */
  readonly storage?: PersistentStorage;
}

/**
 * The topology key of the anti-affinity.
 * @internal
 */
export const HOSTNAME_TOPOLOGY_KEY = 'kubernetes.io/hostname';
/**
 * The topology key of the zone spread.
 * @internal
 */
export const ZONE_TOPOLOGY_KEY = 'topology.kubernetes.io/zone';

/** What {@link resolveHighAvailability} decided. @internal */
export interface ResolvedHighAvailability {
  readonly podDisruptionBudget: boolean;
  readonly maxUnavailable: number;
  readonly podAntiAffinity: PodAntiAffinity;
  readonly zoneSpread: boolean;
  readonly storage?: PersistentStorage;
}

/**
 * Checks the options and fills in the defaults for `replicas` replicas.
 * @returns the decision, and the problems (each naming its field)
 * @internal
 */
export function resolveHighAvailability(replicas: number, opts: HighAvailabilityOptions): { ha: ResolvedHighAvailability; problems: string[] } {
  const problems: string[] = [];
  const several = replicas > 1;
  const maxUnavailable = opts.maxUnavailable ?? 1;
  if (!Number.isInteger(maxUnavailable) || maxUnavailable < 0) {
    problems.push(message('maxUnavailable', opts.maxUnavailable, 'must be a whole number of at least 0', 'use 1 (the default): a drain evicts one replica at a time'));
  }
  const antiAffinity = opts.podAntiAffinity ?? (several ? PodAntiAffinity.PREFERRED : PodAntiAffinity.NONE);
  if (!Object.values(PodAntiAffinity).includes(antiAffinity)) {
    problems.push(message('podAntiAffinity', opts.podAntiAffinity, 'is not a known mode', 'use PodAntiAffinity.PREFERRED, REQUIRED or NONE'));
  }
  if (opts.storage !== undefined) {
    const size = opts.storage?.size;
    // recognised by its member, not instanceof: a Size of another copy of cdk8s must pass too
    if (typeof size?.toKibibytes !== 'function' || !(size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) >= 1)) {
      problems.push(message('storage.size', size, 'must be a positive Size', 'use Size.gibibytes(10)'));
    }
    if (opts.storage?.storageClassName !== undefined) {
      problems.push(...checkDns1123Subdomain('storage.storageClassName', opts.storage.storageClassName));
    }
  }
  return {
    problems,
    ha: {
      podDisruptionBudget: opts.podDisruptionBudget ?? several,
      maxUnavailable,
      podAntiAffinity: antiAffinity,
      zoneSpread: opts.zoneSpread ?? several,
      storage: opts.storage,
    },
  };
}

/**
 * The `affinity` of the CR, or undefined for NONE.
 * @internal
 */
export function antiAffinityJson(ha: ResolvedHighAvailability, podSelector: { [key: string]: string }): any {
  const term = { topologyKey: HOSTNAME_TOPOLOGY_KEY, labelSelector: { matchLabels: { ...podSelector } } };
  switch (ha.podAntiAffinity) {
    case PodAntiAffinity.PREFERRED:
      return { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] } };
    case PodAntiAffinity.REQUIRED:
      return { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } };
    default:
      return undefined;
  }
}

/**
 * The `topologySpreadConstraints` of the CR, or undefined.
 * @internal
 */
export function zoneSpreadJson(ha: ResolvedHighAvailability, podSelector: { [key: string]: string }): any[] | undefined {
  return ha.zoneSpread ? [{
    maxSkew: 1,
    topologyKey: ZONE_TOPOLOGY_KEY,
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: { ...podSelector } },
  }] : undefined;
}

/**
 * The `storage` of the CR, or undefined (the operator's emptyDir).
 * @internal
 */
export function storageJson<Q>(ha: ResolvedHighAvailability, wrap: (q: string) => Q): any {
  if (!ha.storage) { return undefined; }
  return {
    volumeClaimTemplate: {
      spec: {
        storageClassName: ha.storage.storageClassName,
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: wrap(quantity(ha.storage.size)) } },
      },
    },
  };
}

/** A Size as a Kubernetes quantity: whole Gi, else whole Mi, else Ki (rounded up). */
function quantity(size: Size): string {
  const gi = size.toGibibytes({ rounding: SizeRoundingBehavior.NONE });
  if (Number.isInteger(gi)) { return `${gi}Gi`; }
  const mi = size.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
  if (Number.isInteger(mi)) { return `${mi}Mi`; }
  return `${Math.ceil(size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }))}Ki`;
}
