import { Check } from '../check';
import { alertUnrouted } from './alert-unrouted';
import { configNotSelected } from './config-not-selected';
import { duplicateObject } from './duplicate-object';
import { fluxAlertExcludesEverything } from './flux-alert-excludes-everything';
import { fluxAlertsUndelivered } from './flux-alerts-undelivered';
import { fluxCrossNamespaceRefs } from './flux-cross-namespace-refs';
import { fluxDependsOnCycle } from './flux-depends-on-cycle';
import { fluxDoublePost } from './flux-double-post';
import { fluxGitProviderEvents } from './flux-git-provider-events';
import { fluxHealthCheckApi } from './flux-health-check-api';
import { fluxHealthCheckNamespace } from './flux-health-check-namespace';
import { fluxProviderNamespace } from './flux-provider-namespace';
import { fluxProviderSpec } from './flux-provider-spec';
import { fluxRouteUnmatchable } from './flux-route-unmatchable';
import { haTooFewReplicas } from './ha-too-few-replicas';
import { inhibitMutesEverything } from './inhibit-mutes-everything';
import { invalidObject } from './invalid-object';
import { matcherNeverProduced } from './matcher-never-produced';
import { namespaceMatcherCollision } from './namespace-matcher-collision';
import { namespaceMatcherUnsatisfied } from './namespace-matcher-unsatisfied';
import { pdbBlocksEviction } from './pdb-blocks-eviction';
import { prometheusRbacMissing } from './prometheus-rbac-missing';
import { operatorConfigFailure } from './operator-config-failure';
import { operatorDropsField } from './operator-drops-field';
import { operatorRejectsConfig } from './operator-rejects-config';
import { providerAddress } from './provider-address';
import { providerNetworkPolicy } from './provider-network-policy';
import { receiverTemplate } from './receiver-template';
import { repeatIntervalTooShort } from './repeat-interval-too-short';
import { routeShadowed } from './route-shadowed';
import { routeUnreachable } from './route-unreachable';
import { ruleDuplicate } from './rule-duplicate';
import { ruleInvalid } from './rule-invalid';
import { ruleLabelValue } from './rule-label-value';
import { ruleNotSelected } from './rule-not-selected';
import { ruleTemplate } from './rule-template';
import { ruleUnwiseName } from './rule-unwise-name';
import { secretKeyMissing } from './secret-key-missing';
import { secretNamespace } from './secret-namespace';
import { secretPlaintext } from './secret-plaintext';
import { suppressionInvalid } from './suppression-invalid';
import { suppressionUnused } from './suppression-unused';
import { timeIntervalInvalid } from './time-interval-invalid';
import { urlCredentials } from './url-credentials';

/** Every check, in the order findings are reported. */
export const CHECKS: readonly Check[] = [
  invalidObject,
  duplicateObject,
  ruleNotSelected,
  ruleInvalid,
  ruleTemplate,
  ruleLabelValue,
  ruleDuplicate,
  ruleUnwiseName,
  configNotSelected,
  namespaceMatcherCollision,
  fluxRouteUnmatchable,
  matcherNeverProduced,
  routeUnreachable,
  routeShadowed,
  namespaceMatcherUnsatisfied,
  alertUnrouted,
  inhibitMutesEverything,
  fluxProviderNamespace,
  fluxDoublePost,
  fluxAlertExcludesEverything,
  fluxCrossNamespaceRefs,
  fluxGitProviderEvents,
  fluxDependsOnCycle,
  fluxHealthCheckApi,
  fluxHealthCheckNamespace,
  providerAddress,
  fluxProviderSpec,
  receiverTemplate,
  secretNamespace,
  secretKeyMissing,
  secretPlaintext,
  urlCredentials,
  fluxAlertsUndelivered,
  providerNetworkPolicy,
  prometheusRbacMissing,
  haTooFewReplicas,
  pdbBlocksEviction,
  timeIntervalInvalid,
  repeatIntervalTooShort,
  operatorRejectsConfig,
  operatorConfigFailure,
  operatorDropsField,
  // Reported after every other check, by the engine's suppression pass.
  suppressionInvalid,
  suppressionUnused,
];
