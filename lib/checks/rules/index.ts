import { Check } from '../check';
import { alertUnrouted } from './alert-unrouted';
import { configNotSelected } from './config-not-selected';
import { duplicateObject } from './duplicate-object';
import { fluxAlertsUndelivered } from './flux-alerts-undelivered';
import { fluxDoublePost } from './flux-double-post';
import { fluxProviderNamespace } from './flux-provider-namespace';
import { fluxRouteUnmatchable } from './flux-route-unmatchable';
import { inhibitMutesEverything } from './inhibit-mutes-everything';
import { matcherNeverProduced } from './matcher-never-produced';
import { namespaceMatcherCollision } from './namespace-matcher-collision';
import { namespaceMatcherUnsatisfied } from './namespace-matcher-unsatisfied';
import { providerAddress } from './provider-address';
import { routeShadowed } from './route-shadowed';
import { routeUnreachable } from './route-unreachable';
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
  matcherNeverProduced,
  routeUnreachable,
  routeShadowed,
  namespaceMatcherUnsatisfied,
  alertUnrouted,
  inhibitMutesEverything,
  fluxProviderNamespace,
  fluxDoublePost,
  providerAddress,
  secretNamespace,
  secretKeyMissing,
  secretPlaintext,
  urlCredentials,
  fluxAlertsUndelivered,
];
