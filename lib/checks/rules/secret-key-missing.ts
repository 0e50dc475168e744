import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { secretKeys, secretRefs } from '../lib/secret-refs';

export const secretKeyMissing: Check = {
  id: 'secret-key-missing',
  severity: Severity.ERROR,
  title: 'A Secret that lacks the key a receiver or Provider reads',
  description: 'A missing key makes the operator skip the whole AlertmanagerConfig (an `InvalidConfiguration` event, nothing else), and leaves a Flux Provider without its address or token.',
  failing: `apiVersion: v1
kind: Secret
metadata: { name: hook, namespace: monitoring }
data: { address: aHR0cHM6Ly9leGFtcGxlLmludmFsaWQ= }
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: hook }
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]
`,
  fixed: `apiVersion: v1
kind: Secret
metadata: { name: hook, namespace: monitoring }
data: { url: aHR0cHM6Ly9leGFtcGxlLmludmFsaWQ= }
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: hook }
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]
`,
  run({ model }) {
    const issues: Issue[] = [];
    for (const ref of secretRefs(model)) {
      const secret = model.secret(ref.user.namespace!, ref.name);
      if (!secret) { continue; }
      const has = secretKeys(secret);
      const where = `Secret ${secret.namespace}/${secret.name}`;
      const missing = ref.keys.filter((k) => !has.includes(k));
      if (missing.length) {
        issues.push({ object: ref.user, message: `${ref.field}: ${where} has no key ${missing.map((k) => JSON.stringify(k)).join(', ')} (it has ${JSON.stringify(has)})`, fix: 'add the key, or reference the key that holds the value' });
      }
      const together = ref.together ?? [];
      if (together.some((k) => has.includes(k)) && !together.every((k) => has.includes(k))) {
        issues.push({
          object: ref.user,
          message: `${ref.field}: ${where} has ${together.filter((k) => has.includes(k)).map((k) => JSON.stringify(k)).join(', ')} without ${together.filter((k) => !has.includes(k)).map((k) => JSON.stringify(k)).join(', ')}; Flux reads them only together, and then ignores the Secret's other credentials too (it has ${JSON.stringify(has)})`,
          fix: `add ${together.filter((k) => !has.includes(k)).map((k) => JSON.stringify(k)).join(', ')}, or remove ${together.filter((k) => has.includes(k)).map((k) => JSON.stringify(k)).join(', ')}`,
        });
      }
      if (ref.anyOf?.length && !ref.anyOf.some((k) => has.includes(k))) {
        issues.push({ object: ref.user, message: `${ref.field}: ${where} needs one of the keys ${JSON.stringify(ref.anyOf)} (it has ${JSON.stringify(has)})`, fix: 'add one of them' });
      }
    }
    return issues;
  },
};
