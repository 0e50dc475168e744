import { Check } from '../check';
import { configNotSelected } from './config-not-selected';
import { duplicateObject } from './duplicate-object';
import { fluxAlertsUndelivered } from './flux-alerts-undelivered';
import { fluxDoublePost } from './flux-double-post';
import { fluxProviderNamespace } from './flux-provider-namespace';
import { fluxRouteUnmatchable } from './flux-route-unmatchable';
import { namespaceMatcherCollision } from './namespace-matcher-collision';
import { operatorConfigFailure } from './operator-config-failure';
import { operatorDropsField } from './operator-drops-field';
import { operatorRejectsConfig } from './operator-rejects-config';
import { providerAddress } from './provider-address';
import { ruleNotSelected } from './rule-not-selected';
import { secretKeyMissing } from './secret-key-missing';
import { secretNamespace } from './secret-namespace';
import { secretPlaintext } from './secret-plaintext';
import { urlCredentials } from './url-credentials';

/** Every check, in the order findings are reported. */
export const CHECKS: readonly Check[] = [
  duplicateObject,
  ruleNotSelected,
  configNotSelected,
  namespaceMatcherCollision,
  fluxRouteUnmatchable,
  fluxProviderNamespace,
  fluxDoublePost,
  providerAddress,
  secretNamespace,
  secretKeyMissing,
  secretPlaintext,
  urlCredentials,
  fluxAlertsUndelivered,
  operatorRejectsConfig,
  operatorConfigFailure,
  operatorDropsField,
];
