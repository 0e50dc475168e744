import { ModelObject } from '../../model/model-object';
import { Check, Issue } from '../check';
import { Severity } from '../finding';

interface Source { readonly kind: string; readonly name: string; readonly namespace: string }

function sources(alert: ModelObject): Source[] {
  const list = alert.manifest.spec?.eventSources;
  return (Array.isArray(list) ? list : []).map((s: any) => ({ kind: s?.kind, name: s?.name ?? '*', namespace: s?.namespace ?? alert.namespace }));
}

function overlap(a: Source, b: Source): boolean {
  return a.kind === b.kind && a.namespace === b.namespace && (a.name === '*' || b.name === '*' || a.name === b.name);
}

export const fluxDoublePost: Check = {
  id: 'flux-double-post',
  severity: Severity.WARNING,
  title: 'An info and an error Flux Alert that post the same errors twice',
  description: '`eventSeverity: info` forwards every event, errors included. An info Alert and an error Alert on the same sources and the same Provider post every error twice (flux2#3072).',
  failing: `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: all, namespace: flux-system }
spec: { providerRef: { name: slack }, eventSeverity: info, eventSources: [{ kind: Kustomization, name: "*" }] }
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: errors, namespace: flux-system }
spec: { providerRef: { name: slack }, eventSeverity: error, eventSources: [{ kind: Kustomization, name: "*" }] }
`,
  fixed: `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: all, namespace: flux-system }
spec: { providerRef: { name: slack-info }, eventSeverity: info, eventSources: [{ kind: Kustomization, name: "*" }] }
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: errors, namespace: flux-system }
spec: { providerRef: { name: slack }, eventSeverity: error, eventSources: [{ kind: Kustomization, name: "*" }] }
`,
  run({ model }) {
    const severity = (a: ModelObject) => a.manifest.spec?.eventSeverity ?? 'info';
    const provider = (a: ModelObject) => `${a.namespace}/${a.manifest.spec?.providerRef?.name}`;
    const infos = model.fluxAlerts.filter((a) => severity(a) === 'info');
    const errors = model.fluxAlerts.filter((a) => severity(a) === 'error');
    const issues: Issue[] = [];
    for (const info of infos) {
      for (const error of errors) {
        if (provider(info) !== provider(error)) { continue; }
        const shared = sources(info).find((a) => sources(error).some((b) => overlap(a, b)));
        if (!shared) { continue; }
        issues.push({
          object: info,
          message: `spec.eventSeverity: this info Alert forwards errors too, and Alert ${error.namespace}/${error.name} forwards the errors of the same ${shared.kind} sources to the same Provider, so every error is posted twice (flux2#3072)`,
          fix: 'exclude the overlapping sources from one Alert, or send info events to another Provider',
        });
      }
    }
    return issues;
  },
};
