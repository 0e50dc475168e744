export type {
  KubeManifest, ManifestMetadata, NativeAlertmanagerConfig, NativeInhibitRule, NativeReceiver, NativeRoute, NativeTimeInterval, SecretResolver,
} from './types';
export type {
  BaseConfigSource, DroppedConfigField, EffectiveConfig, EffectiveConfigOptions, OmittedIntegration, ReconcileCulprit, RejectedConfig,
} from './effective-config';
export {
  BaseConfigKind, OperatorReconcileError, RejectionCause, alertmanagerVersionOf, namespaceOf, renderEffectiveConfig, secretPlaceholder, selectAlertmanagerConfigs, toYaml,
} from './effective-config';
export type { AlertmanagerVersion } from './alertmanager-version';
export { OPERATOR_DEFAULT_ALERTMANAGER_VERSION, parseAlertmanagerVersion } from './alertmanager-version';
export type { IntegrationKind } from './receivers';
export { ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS, INTEGRATIONS } from './receivers';
export { DEFAULT_RESOLVE_TIMEOUT } from './global-config';
export type { ProviderAddressRule, ProviderAuthMethod, ProviderChannelUse, ProviderTypeFacts, ProviderUsernameUse } from './flux-providers';
export { PROVIDER_TYPES, providerTypeFacts } from './flux-providers';
export type { LabelSelector, LabelSelectorRequirement } from './label-selector';
export { selectorMatches } from './label-selector';
export type { LabelMatcher, MatchOperator } from './matchers';
export { formatMatcher, parseMatcher, parseMatchers } from './matchers';
export type { RoutingMatch } from './route-simulator';
export { DEFAULT_TIMERS, formatLabelSet, receiverSlug, simulateRouting } from './route-simulator';
export { durationToMs, isDuration } from './durations';
export type { RuleFile } from './rule-files';
export { ruleFilesFrom } from './rule-files';
export { loadManifests, namespaceLabelsFrom } from './manifests';
export { effectiveConfigFor } from './from-model';
export type { ModelEffectiveConfigOptions } from './from-model';
export type { AlertContext, AlertLabelShape, LabelValues } from './label-flow';
export { alertShapes, formatLabelValues, formatShape, seriesShapes, shapeCanMatch, shapeMustMatch } from './label-flow';
export type { AlertSource, AlertWorld } from './label-flow-sources';
export {
  AlertSourceKind, EXTERNAL_ALERT_SOURCE_API_VERSION, EXTERNAL_ALERT_SOURCE_KIND, alertSources, alertWorld,
} from './label-flow-sources';
export type { AlertDestination, AlertFlow } from './label-flow-routing';
export { alertFlowsIn, formatLabelFlow, labelFlowOf } from './label-flow-routing';
export type { OperatedKind } from './pod-labels';
export { operatorPodLabels, operatorPodSelector, podLabelsOf } from './pod-labels';
export { CONFIG_SECRET_KEY, configSecretManifest, configSecretName } from './base-config';
