import { goRegexMatchesEverything } from '../../validation';
import { Check, Issue } from '../check';
import { Severity } from '../finding';

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export const fluxAlertExcludesEverything: Check = {
  id: 'flux-alert-excludes-everything',
  severity: Severity.ERROR,
  title: 'A Flux Alert whose exclusionList drops every event',
  description: 'notification-controller matches each `exclusionList` entry unanchored against the event message (Go `regexp`, `Match`) and drops the event on the first match. An entry that matches the empty string without depending on the text around it (`.*`, `^`, `$`, `x*`, or an empty entry) matches every message, so the Alert never sends anything. So does an `inclusionList` whose every entry is also in the `exclusionList`: whatever it lets in is dropped again.',
  failing: `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: errors, namespace: flux-system }
spec:
  providerRef: { name: alertmanager }
  eventSeverity: error
  eventSources: [{ kind: Kustomization, name: "*" }]
  exclusionList: [".*"]
`,
  fixed: `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: errors, namespace: flux-system }
spec:
  providerRef: { name: alertmanager }
  eventSeverity: error
  eventSources: [{ kind: Kustomization, name: "*" }]
  exclusionList: [".*dependency.*not ready.*"]
`,
  run({ model }) {
    const issues: Issue[] = [];
    for (const alert of model.fluxAlerts) {
      const exclusion = strings(alert.manifest.spec?.exclusionList);
      const inclusion = strings(alert.manifest.spec?.inclusionList);
      const all = exclusion.map((e, i) => [e, i] as const).filter(([e]) => goRegexMatchesEverything(e));
      if (all.length) {
        const [e, i] = all[0];
        issues.push({
          object: alert,
          message: `spec.exclusionList[${i}] ${JSON.stringify(e)} matches every event message (it matches the empty string, and Flux matches it anywhere in the message), so this Alert never sends an event`,
          fix: 'write a regex for the messages to drop, e.g. ".*dependency.*not ready.*", or remove the entry',
        });
      } else if (inclusion.length > 0 && inclusion.every((r) => exclusion.includes(r))) {
        issues.push({
          object: alert,
          message: `every spec.inclusionList entry (${JSON.stringify(inclusion)}) is also in spec.exclusionList: each message it lets in is dropped again, so this Alert never sends an event`,
          fix: 'remove the entries from one of the two lists',
        });
      }
    }
    return issues;
  },
};
