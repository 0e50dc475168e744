import { GROUPS } from '../../model/cluster-model';
import { providerTypeFacts } from '../../simulate/flux-providers';
import { Check, Issue } from '../check';
import { Severity } from '../finding';

/** Event metadata keys the controllers set themselves (the object group's prefix stripped). */
const CONTROLLER_METADATA = new Set(['revision', 'originRevision', 'commit_status', 'summary']);
/** The annotation that gives an object's events the change request number. */
const CHANGE_REQUEST_ANNOTATION = 'event.toolkit.fluxcd.io/change_request';

/** The `event.metadata.<key>` / `event.metadata['<key>']` a CEL expression reads. */
export function eventMetadataKeys(expr: string): string[] {
  const keys = new Set<string>();
  for (const m of expr.matchAll(/\bevent\.metadata\.([A-Za-z_][A-Za-z0-9_]*)/g)) { keys.add(m[1]); }
  for (const m of expr.matchAll(/\bevent\.metadata\[\s*(["'])((?:(?!\1).)*)\1\s*\]/g)) { keys.add(m[2]); }
  return [...keys];
}

export const fluxGitProviderEvents: Check = {
  id: 'flux-git-provider-events',
  severity: Severity.WARNING,
  title: 'A Flux Alert whose events its commit-status or comment Provider cannot use',
  description: 'The commit-status Providers (github, gitlab, gitea, bitbucketserver, bitbucket, azuredevops) set a status on the commit an event names. notification-controller drops every event that is not a commit status update, has no commit key and is not an error; only Kustomization events carry both (`commit_status: update` and the Git revision), so other kinds give no status, or an error in the controller\'s log. An Alert with `eventSeverity: error` passes failures only: commits are never marked successful. A `commitStatusExpr` that reads `event.metadata.<key>` fails for every event that lacks the key, and the Alert\'s `eventMetadata` is where it is set. The comment Providers (githubpullrequestcomment, gitlabmergerequestcomment, giteapullrequestcomment) drop every event of an object without the `event.toolkit.fluxcd.io/change_request` annotation. Warnings: events may carry keys from annotations this check cannot see.',
  failing: `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: github, namespace: flux-system }
spec:
  type: github
  address: https://github.com/my-org/fleet
  secretRef: { name: github-token }
  commitStatusExpr: "(event.involvedObject.name + '/' + event.metadata.cluster).lowerAscii()"
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: github, namespace: flux-system }
spec:
  providerRef: { name: github }
  eventSeverity: info
  eventSources: [{ kind: HelmRelease, name: "*" }]
`,
  fixed: `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: github, namespace: flux-system }
spec:
  type: github
  address: https://github.com/my-org/fleet
  secretRef: { name: github-token }
  commitStatusExpr: "(event.involvedObject.name + '/' + event.metadata.cluster).lowerAscii()"
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: { name: github, namespace: flux-system }
spec:
  providerRef: { name: github }
  eventSeverity: info
  eventSources: [{ kind: Kustomization, name: "*" }]
  eventMetadata: { cluster: eu-1 }
`,
  run({ model }) {
    const issues: Issue[] = [];
    for (const alert of model.fluxAlerts) {
      const spec = alert.manifest.spec ?? {};
      const provider = typeof spec.providerRef?.name === 'string' ? model.find(GROUPS.notification, 'Provider', alert.namespace, spec.providerRef.name) : undefined;
      const type = provider?.manifest.spec?.type;
      const facts = typeof type === 'string' ? providerTypeFacts(type) : undefined;
      if (!provider || !facts || !(facts.commitStatus || facts.changeRequest)) { continue; }
      const sources: any[] = Array.isArray(spec.eventSources) ? spec.eventSources : [];
      if (facts.commitStatus) {
        const others = [...new Set(sources.map((s) => s?.kind).filter((k) => typeof k === 'string' && k !== 'Kustomization'))];
        if (others.length) {
          issues.push({
            object: alert,
            message: `spec.eventSources select ${others.join(', ')} for the ${type} Provider ${provider.name}: only Kustomization events are commit status updates with a Git revision; the others are dropped, or fail for lack of a commit`,
            fix: 'select Kustomizations only, and send other kinds to a chat or alerting Provider with another Alert',
          });
        }
        if (spec.eventSeverity === 'error') {
          issues.push({
            object: alert,
            message: `spec.eventSeverity is error, so the ${type} Provider ${provider.name} only ever gets failures: commits are marked failed, never successful`,
            fix: 'set eventSeverity: info (the default) on the commit-status Alert',
          });
        }
        const expr = provider.manifest.spec?.commitStatusExpr;
        if (typeof expr === 'string') {
          const given = new Set(Object.keys(spec.eventMetadata ?? {}));
          const missing = eventMetadataKeys(expr).filter((k) => !given.has(k) && !CONTROLLER_METADATA.has(k));
          if (missing.length) {
            issues.push({
              object: alert,
              message: `the commitStatusExpr of Provider ${provider.name} reads event.metadata ${missing.map((k) => JSON.stringify(k)).join(', ')}, which this Alert's spec.eventMetadata does not set, so the expression fails for its events (assumed: no event.toolkit.fluxcd.io/${missing[0]} annotation on the objects)`,
              fix: `set spec.eventMetadata: { ${missing.map((k) => `${k}: ...`).join(', ')} } on the Alert`,
            });
          }
        }
      }
      if (facts.changeRequest) {
        sources.forEach((s, i) => {
          if (typeof s?.name !== 'string' || s.name === '*') { return; }
          const ns = typeof s.namespace === 'string' && s.namespace ? s.namespace : alert.namespace;
          const object = model.objects.find((o) => o.kind === s.kind && o.namespace === ns && o.name === s.name && o.group.endsWith('toolkit.fluxcd.io'));
          if (object && object.annotations[CHANGE_REQUEST_ANNOTATION] === undefined) {
            issues.push({
              object: alert,
              message: `spec.eventSources[${i}] ${s.kind} ${ns}/${s.name} has no ${CHANGE_REQUEST_ANNOTATION} annotation, so the ${type} Provider ${provider.name} drops all its events`,
              fix: `annotate the ${s.kind} with ${CHANGE_REQUEST_ANNOTATION}: "<pull request number>" (preview environments set it per pull request)`,
            });
          }
        });
      }
    }
    return issues;
  },
};
