import { shape as s } from '../_util/shape';
import { PodAntiAffinity } from './high-availability';

/**
 * The shapes of {@link HighAvailabilityOptions}' fields, for the props checks of the constructs
 * whose props extend it.
 * @internal
 */
export const HIGH_AVAILABILITY_SHAPES = {
  // types only: the values are checked with the construct's other problems (resolveHighAvailability)
  podDisruptionBudget: s.optional(s.boolean()),
  maxUnavailable: s.optional(s.number()),
  podAntiAffinity: s.optional(s.oneOf(PodAntiAffinity, 'PodAntiAffinity', { strict: false })),
  zoneSpread: s.optional(s.boolean()),
  storage: s.optional(s.struct('PersistentStorage', {
    size: s.optional(s.size()),
    storageClassName: s.optional(s.string()),
  })),
};
