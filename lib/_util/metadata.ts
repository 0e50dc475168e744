import { checkDns1123Label, checkDns1123Subdomain, checkLabelKey, checkLabelValue } from '../validation';
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
