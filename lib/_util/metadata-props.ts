import { ApiObjectMetadata } from 'cdk8s';

/**
 * Object metadata without undefined fields. cdk8s spreads the given metadata over the name it
 * generates, so an explicit `name: undefined` would erase the generated name.
 * @internal
 */
export function objectMeta(name: string | undefined, namespace: string, labels?: { [key: string]: string }): ApiObjectMetadata {
  return {
    ...(name !== undefined ? { name } : {}),
    namespace,
    ...(labels && Object.keys(labels).length ? { labels: { ...labels } } : {}),
  };
}
