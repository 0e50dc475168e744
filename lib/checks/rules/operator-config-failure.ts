import { GROUPS } from '../../model/cluster-model';
import { describeObject } from '../../model/model-object';
import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { effectiveOutcome } from '../lib/effective';

export const operatorConfigFailure: Check = {
  id: 'operator-config-failure',
  severity: Severity.ERROR,
  title: 'An Alertmanager configuration the operator cannot generate',
  description: 'Some problems make prometheus-operator v0.93 fail the whole reconciliation of an Alertmanager instead of skipping one AlertmanagerConfig: an email receiver with no `smarthost` or `from` at receiver level nor in the base configuration\'s global section, a base configuration (the `alertmanagerConfiguration` CR, or the config Secret `alertmanager-<name>` / `spec.configSecret`) that is missing or invalid, or a field the Alertmanager version refuses (`http_config.authorization` or `oauth2` before 0.22, `matchers` before 0.22, msteams before 0.26…). Alertmanager then keeps running its previous configuration, and no change reaches it. A warning when the verdict depends on a base configuration Secret the model does not contain (the operator\'s default is assumed).',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: { alertmanagerConfigSelector: {} }
---
apiVersion: v1
kind: Secret
metadata: { name: alertmanager-main, namespace: monitoring }
stringData:
  alertmanager.yaml: |
    route: { receiver: "null" }
    receivers: [{ name: "null" }]
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: mail }
  receivers: [{ name: mail, emailConfigs: [{ to: oncall@example.com }] }]
`,
  fixed: `apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: { alertmanagerConfigSelector: {} }
---
apiVersion: v1
kind: Secret
metadata: { name: alertmanager-main, namespace: monitoring }
stringData:
  alertmanager.yaml: |
    global: { smtp_smarthost: "smtp.example.com:587", smtp_from: alertmanager@example.com }
    route: { receiver: "null" }
    receivers: [{ name: "null" }]
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: mail }
  receivers: [{ name: mail, emailConfigs: [{ to: oncall@example.com }] }]
`,
  run(ctx) {
    const issues: Issue[] = [];
    for (const am of ctx.model.alertmanagers) {
      const { failure } = effectiveOutcome(ctx, am);
      if (!failure) { continue; }
      const c = failure.culprit;
      const group = c.kind === 'Secret' ? GROUPS.core : GROUPS.monitoring;
      const object = ctx.model.find(group, c.kind, c.namespace, c.name) ?? am;
      const email = /SMTP (smarthost|from) is a mandatory field/.test(failure.message);
      issues.push({
        object,
        severity: failure.assumed ? Severity.WARNING : undefined,
        message: `the operator cannot generate the configuration of ${describeObject(am)}, so Alertmanager keeps its previous one and no routing change reaches it: ${failure.message}${failure.assumed ? `. Assumed: ${failure.assumptions.join('; ')}` : ''}`,
        fix: email
          ? 'set smarthost and from on the email receiver, or smtp_smarthost and smtp_from in the global section of the base configuration (spec.alertmanagerConfiguration.global.smtp, or the config Secret)'
          : 'correct what the reason names; the operator retries on every change',
      });
    }
    return issues;
  },
};
