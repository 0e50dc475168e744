import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { secretRefs } from '../lib/secret-refs';

export const secretNamespace: Check = {
  id: 'secret-namespace',
  severity: Severity.ERROR,
  title: 'A Secret referenced from another namespace',
  description: 'The operator and Flux read every Secret from the namespace of the object that references it. When the only Secret of that name is in another namespace, the operator skips the whole AlertmanagerConfig, and Flux cannot send.',
  failing: `apiVersion: v1
kind: Secret
metadata: { name: hook, namespace: default }
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: hook }
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]
`,
  fixed: `apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: hook }
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]
`,
  run({ model }) {
    const issues: Issue[] = [];
    for (const ref of secretRefs(model)) {
      if (model.secret(ref.user.namespace!, ref.name)) { continue; }
      const elsewhere = model.secrets.filter((s) => s.name === ref.name);
      if (elsewhere.length === 0) { continue; } // assumed to exist in the cluster
      issues.push({
        object: ref.user,
        message: `${ref.field}: reads Secret "${ref.name}" from namespace "${ref.user.namespace}", but the Secret of that name is in ${elsewhere.map((s) => `"${s.namespace}"`).join(', ')}; Secrets are read from the referencing object's namespace`,
        fix: `create the Secret in "${ref.user.namespace}"`,
      });
    }
    return issues;
  },
};
