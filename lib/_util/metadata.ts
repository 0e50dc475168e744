import { checkDns1123Label, checkDns1123Subdomain, checkLabelKey, checkLabelValue } from '../validation';
import { ApiObjectMetadata } from 'cdk8s';
import { Problems } from './problems';

/**
 * Checks an object's name (when given), namespace and labels against Kubernetes' rules.
 * @internal
 */
export function checkObjectMeta(problems: Problems, name: string | undefined, namespace: string | undefined, labels?: { [key: string]: string }): void {
  if (name !== undefined) {
    problems.addMessages(checkDns1123Subdomain('name', name));
  }
  if (namespace !== undefined) {
    problems.addMessages(checkDns1123Label('namespace', namespace));
  }
  for (const [k, v] of Object.entries(labels ?? {})) {
    problems.addMessages(checkLabelKey(`labels[${JSON.stringify(k)}]`, k));
    problems.addMessages(checkLabelValue(`labels[${JSON.stringify(k)}]`, v));
  }
}

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
