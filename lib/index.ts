// The construct API: what jsii compiles for Python, Java, Go and .NET (see package.json "jsii").
// The TypeScript-only tooling (the cluster model, checks engine, simulation, output writers)
// is exported by `cdk8s-alerting/tooling` (lib/tooling.ts), which re-exports this module too.
export * from './secret-key';
export * from './container-resources';
export * from './namespace-selector';

export * from './alertmanager/matcher';
export * from './alertmanager/time-interval';
export * from './alertmanager/inhibit-rule';
export * from './alertmanager/route';
export * from './alertmanager/base-config';
export * from './alertmanager/alertmanager-cluster';
export * from './alertmanager/alertmanager-routing';

export * from './receivers/receiver';
export * from './receivers/webhook-receiver';
export * from './receivers/lambda-webhook-receiver';
export * from './receivers/slack-receiver';
export * from './receivers/msteams-receiver';
export * from './receivers/email-receiver';
export * from './receivers/pagerduty-receiver';
export * from './receivers/opsgenie-receiver';

export * from './rules/rule-group';
export * from './rules/prometheus-rules';
export * from './rules/external-alert-source';
export * from './prometheus/prometheus';
export * from './presets/kube-prometheus-stack';

export * from './ha/high-availability';
export * from './ha/disruption-budget';
export * from './rbac/prometheus-rbac';
export * from './network/network-peer';
export * from './network/alertmanager-network-policy';
export * from './network/prometheus-network-policy';

export * from './rule-packs/rule-pack';
export * from './rule-packs/watchdog-rule-pack';
export * from './rule-packs/alertmanager-rule-pack';
export * from './rule-packs/prometheus-rule-pack';
export * from './rule-packs/flux-rule-pack';
export * from './rule-packs/rule-packs';
export * from './rule-packs/alerting-rule-packs';

export * from './templates/notification-template';

export * from './dashboards/grafana-dashboard';
export * from './dashboards/alerting-pipeline-dashboard';
export * from './dashboards/flux-dashboard';

export * from './flux/event-source';
export * from './flux/provider';
export * from './flux/provider-type';
export * from './flux/notification-provider';
export * from './flux/alertmanager-provider';
export * from './flux/slack-provider';
export * from './flux/msteams-provider';
export * from './flux/generic-webhook-provider';
export * from './flux/flux-alert';
export * from './flux/flux-error-alert';
export * from './flux/flux-kustomization';
export * from './flux/flux-receiver';

export * from './stack/alerting-stack';
export * from './app/alerting-app';

export * from './diagram';
export * from './suppressions/suppressions';
export { Severity } from './checks/finding';
export * from './inspect/alerting-checks';
export * from './inspect/alert-routing';
// for the cdk8s CLI's `validations:` (package: ./node_modules/cdk8s-alerting); ignored by jsii
export { AlertingValidation } from './plugin/validation-plugin';
export type { AlertingValidationProps, ValidationPluginContext } from './plugin/validation-plugin';
