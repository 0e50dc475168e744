import { Check } from '../check';
import { configNotSelected } from './config-not-selected';
import { duplicateObject } from './duplicate-object';
import { fluxAlertsUndelivered } from './flux-alerts-undelivered';
import { fluxDoublePost } from './flux-double-post';
import { fluxProviderNamespace } from './flux-provider-namespace';
import { fluxRouteUnmatchable } from './flux-route-unmatchable';
import { invalidObject } from './invalid-object';
import { namespaceMatcherCollision } from './namespace-matcher-collision';
import { providerAddress } from './provider-address';
import { repeatIntervalTooShort } from './repeat-interval-too-short';
import { ruleNotSelected } from './rule-not-selected';
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
  timeIntervalInvalid,
  repeatIntervalTooShort,
  // Reported after every other check, by the engine's suppression pass.
  suppressionInvalid,
  suppressionUnused,
];
