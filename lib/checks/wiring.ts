import { IConstruct } from 'constructs';
import { indexApp } from './app-index';
import { fluxDeliveryFindings } from './delivery-checks';
import { Finding, Severity } from './finding';
import { fluxAlertFindings, providerAddressFindings } from './flux-checks';
import { perSynth } from './per-synth';
import { fluxRouteFindings, namespaceMatcherFindings, routingSelectionFindings } from './routing-checks';
import { ruleSelectionFindings } from './rule-checks';
import { secretFindings } from './secret-checks';

/** The context key (or `CDK8S_ALERTING_STRICT=1`) that turns warnings into errors. */
export const STRICT_CONTEXT = 'cdk8s-alerting:strict';

const FINDINGS = Symbol('findings');
const WARNED = Symbol('warned');

/**
 * Runs every app-wide wiring check on the app that holds `scope`, once per synth.
 * @returns the findings, grouped by the construct they are about
 */
export function wiringFindings(scope: IConstruct): Map<IConstruct, Finding[]> {
  const root = scope.node.root;
  return perSynth(root, FINDINGS, () => {
    const index = indexApp(root);
    const all = [
      ...ruleSelectionFindings(index),
      ...routingSelectionFindings(index),
      ...namespaceMatcherFindings(index),
      ...fluxRouteFindings(index),
      ...fluxAlertFindings(index),
      ...providerAddressFindings(index),
      ...secretFindings(index),
      ...fluxDeliveryFindings(index),
    ];
    const byConstruct = new Map<IConstruct, Finding[]>();
    for (const f of all) {
      byConstruct.set(f.construct, [...(byConstruct.get(f.construct) ?? []), f]);
    }
    return byConstruct;
  });
}

/** Whether warnings fail the synth for the app holding `scope`. */
export function isStrict(scope: IConstruct): boolean {
  const ctx = scope.node.tryGetContext(STRICT_CONTEXT);
  return ctx === true || ctx === 'true' || process.env.CDK8S_ALERTING_STRICT === '1' || process.env.CDK8S_ALERTING_STRICT === 'true';
}

/**
 * Adds the app-wide wiring checks to `construct`'s validation: errors fail the synth, warnings
 * go to stderr once per synth (or fail it in strict mode).
 * @internal
 */
export function addWiringChecks(construct: IConstruct): void {
  construct.node.addValidation({
    validate: () => {
      const findings = wiringFindings(construct).get(construct) ?? [];
      const strict = isStrict(construct);
      const errors: string[] = [];
      for (const f of findings) {
        const text = `${f.check}: ${f.message}`;
        if (f.severity === Severity.ERROR || strict) {
          errors.push(text);
        } else {
          const warned = perSynth(construct, WARNED, () => new Set<string>());
          const line = `[${construct.node.path}] warning ${text}`;
          if (!warned.has(line)) {
            warned.add(line);
            process.stderr.write(`${line}\n`);
          }
        }
      }
      return errors;
    },
  });
}
