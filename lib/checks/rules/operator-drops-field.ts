import { BaseConfigKind } from '../../simulate/effective-config';
import { GROUPS } from '../../model/cluster-model';
import { describeObject } from '../../model/model-object';
import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { effectiveOutcome } from '../lib/effective';

export const operatorDropsField: Check = {
  id: 'operator-drops-field',
  severity: Severity.WARNING,
  title: 'A field the operator leaves out for the Alertmanager version',
  description: 'prometheus-operator v0.93 removes fields the targeted Alertmanager (`spec.version`, default v0.33.1) does not know, logging a warning nobody reads: e.g. webhook `timeout` (0.28), Slack `timeout` (0.30), PagerDuty `source` (0.25), Discord `content` (0.28), MS Teams `summary` (0.27), global `smtp_force_implicit_tls` (0.31), `mute_time_intervals` on routes (0.22), `active_time_intervals` (0.24), TLS `min_version` (0.25). The configuration loads, but without what the field was meant to do.',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: { version: v0.27.0, alertmanagerConfigSelector: {} }
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: hook }
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url }, timeout: 10s }] }]
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
  route: { receiver: hook }
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url }, timeout: 10s }] }]
`,
  run(ctx) {
    const issues: Issue[] = [];
    for (const am of ctx.model.alertmanagers) {
      const { effective } = effectiveOutcome(ctx, am);
      if (!effective) { continue; }
      for (const d of effective.dropped) {
        const [ns, name] = d.source ? [d.source.slice(0, d.source.indexOf('/')), d.source.slice(d.source.indexOf('/') + 1)] : ['', ''];
        const base = effective.base;
        const object = (d.source ? ctx.model.find(GROUPS.monitoring, 'AlertmanagerConfig', ns, name)
          : base.kind === BaseConfigKind.SECRET ? ctx.model.secret(base.namespace, base.name) : ctx.model.find(GROUPS.monitoring, 'AlertmanagerConfig', base.namespace, base.name)) ?? am;
        issues.push({
          object,
          message: `${describeObject(am)} runs Alertmanager ${effective.version}, so the operator leaves ${d.path} out of the generated configuration: ${d.reason}`,
          fix: 'remove the field, or set the Alertmanager\'s spec.version to a release that supports it',
        });
      }
    }
    return issues;
  },
};
