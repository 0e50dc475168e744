import { describeObject } from '../../model/model-object';
import { GROUPS } from '../../model/cluster-model';
import { RejectionCause } from '../../simulate/effective-config';
import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { effectiveOutcome } from '../lib/effective';

export const operatorRejectsConfig: Check = {
  id: 'operator-rejects-config',
  severity: Severity.ERROR,
  title: 'An AlertmanagerConfig the operator skips',
  description: 'Before merging an AlertmanagerConfig, prometheus-operator v0.93 validates it (`checkAlertmanagerConfigResource`): unique receiver names, routes naming existing receivers and time intervals, well-formed time intervals, at most one of `basicAuth`, `oauth2` and `authorization` in an `httpConfig`, and integrations and fields the Alertmanager version supports (`spec.version`, default v0.33.1): e.g. MS Teams Workflows (`msteamsv2Configs`) need 0.28, `webexConfigs` 0.25, email `forceImplicitTLS` 0.31, `matchType` matchers 0.22. A config that fails is skipped whole, with only an `InvalidConfiguration` event: its routes never run. Missing Secret keys are reported by `secret-key-missing`.',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: { version: v0.27.0, alertmanagerConfigSelector: {} }
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: teams }
  receivers: [{ name: teams, msteamsv2Configs: [{ webhookURL: { name: teams, key: url } }] }]
`,
  fixed: `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: { version: v0.28.1, alertmanagerConfigSelector: {} }
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: teams }
  receivers: [{ name: teams, msteamsv2Configs: [{ webhookURL: { name: teams, key: url } }] }]
`,
  run(ctx) {
    const issues: Issue[] = [];
    for (const am of ctx.model.alertmanagers) {
      const outcome = effectiveOutcome(ctx, am);
      const rejected = outcome.effective?.rejected ?? outcome.failure?.rejected ?? [];
      const version = outcome.effective?.version ?? am.manifest.spec?.version ?? 'the operator default v0.33.1';
      for (const r of rejected) {
        if (r.cause === RejectionCause.REFERENCE) { continue; } // secret-key-missing reports those
        const [ns, name] = [r.name.slice(0, r.name.indexOf('/')), r.name.slice(r.name.indexOf('/') + 1)];
        const config = ctx.model.find(GROUPS.monitoring, 'AlertmanagerConfig', ns, name);
        if (!config) { continue; }
        issues.push({
          object: config,
          message: `${describeObject(am)} (Alertmanager ${version}) skips this AlertmanagerConfig, so none of its routes run: ${r.reason}`,
          fix: r.cause === RejectionCause.VERSION
            ? 'set the Alertmanager\'s spec.version to a release that has this integration or field, or remove it from the config'
            : 'correct the field the reason names (the operator validates the whole config and skips it on the first problem)',
        });
      }
    }
    return issues;
  },
};
