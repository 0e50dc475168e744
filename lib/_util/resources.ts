import type { ContainerResources } from '../container-resources';

/**
 * Converts container resources (ours, or cdk8s-plus' of any version, which have the same
 * shape) into the requests/limits maps of a CRD, wrapping each quantity with the CRD import's
 * `fromString`.
 * @internal
 */
export function toResourceRequirements<T>(resources: ContainerResources | undefined, wrap: (q: string) => T):
{ limits?: { [k: string]: T }; requests?: { [k: string]: T } } | undefined {
  if (!resources) { return undefined; }
  const limits: { [k: string]: T } = {};
  const requests: { [k: string]: T } = {};
  if (resources.cpu?.limit) { limits.cpu = wrap(resources.cpu.limit.amount); }
  if (resources.cpu?.request) { requests.cpu = wrap(resources.cpu.request.amount); }
  if (resources.memory?.limit) { limits.memory = wrap(`${resources.memory.limit.toMebibytes()}Mi`); }
  if (resources.memory?.request) { requests.memory = wrap(`${resources.memory.request.toMebibytes()}Mi`); }
  if (resources.ephemeralStorage?.limit) { limits['ephemeral-storage'] = wrap(`${resources.ephemeralStorage.limit.toMebibytes()}Mi`); }
  if (resources.ephemeralStorage?.request) { requests['ephemeral-storage'] = wrap(`${resources.ephemeralStorage.request.toMebibytes()}Mi`); }
  return {
    limits: Object.keys(limits).length ? limits : undefined,
    requests: Object.keys(requests).length ? requests : undefined,
  };
}
