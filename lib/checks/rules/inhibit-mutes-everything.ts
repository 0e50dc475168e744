import { describeObject } from '../../model/model-object';
import { isAbsent, labelOf, shapeMustMatch } from '../../simulate/label-flow';
import { CompiledMatcher, compileMatcher, fromCrdMatcher } from '../../simulate/matchers';
import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { EXAMPLE_RULES, exampleConfig, exampleWithRules } from '../lib/examples';
import { configFlows } from '../lib/route-flow';

function matchers(list: unknown): CompiledMatcher[] {
  if (!Array.isArray(list)) { return []; }
  const out: CompiledMatcher[] = [];
  for (const m of list) {
    try { out.push(compileMatcher(fromCrdMatcher(m))); } catch { /* reported by the operator-side checks */ }
  }
  return out;
}

function describe(ms: readonly CompiledMatcher[]): string {
  return ms.length ? `{${ms.map((m) => `${m.name}${m.type}${JSON.stringify(m.value)}`).join(', ')}}` : 'every alert';
}

const INHIBIT = (rule: string) => exampleWithRules(EXAMPLE_RULES) + exampleConfig('    receiver: hook', `  inhibitRules:\n    - ${rule}\n`);

export const inhibitMutesEverything: Check = {
  id: 'inhibit-mutes-everything',
  severity: Severity.ERROR,
  title: 'An inhibit rule that can mute every alert it targets',
  description: 'An inhibit rule mutes its target alerts while a source alert fires whose `equal` labels have the same values. When an always-firing alert (the Watchdog, any `vector(1)` rule) matches the source, the targets are muted for as long as Prometheus runs: an error when that alert\'s Prometheus is in the model and sends to the Alertmanager. An inhibit rule without `equal` lets any one source alert anywhere mute every target alert in every namespace (a warning, unless its source names one alertname; under the `OnNamespace` strategy the operator already confines both sides to the config\'s namespace).',
  failing: INHIBIT('{ sourceMatch: [{ name: severity, value: none }], targetMatch: [{ name: severity, value: critical }], equal: [namespace] }'),
  fixed: INHIBIT('{ sourceMatch: [{ name: severity, value: critical }], targetMatch: [{ name: severity, value: warning }], equal: [namespace, alertname] }'),
  run(ctx) {
    const issues: Issue[] = [];
    const seen = new Set<string>();
    for (const flow of configFlows(ctx)) {
      const rules: unknown[] = Array.isArray(flow.config.manifest.spec?.inhibitRules) ? flow.config.manifest.spec.inhibitRules : [];
      rules.forEach((r: any, i) => {
        const key = `${flow.config.namespace}/${flow.config.name}/${i}`;
        if (seen.has(key)) { return; }
        const enforced = flow.enforced ? [flow.enforced] : [];
        const source = [...matchers(r?.sourceMatch), ...enforced];
        const target = [...matchers(r?.targetMatch), ...enforced];
        const equal: string[] = Array.isArray(r?.equal) ? r.equal.filter((e: unknown): e is string => typeof e === 'string') : [];
        const field = `spec.inhibitRules[${i}]`;
        const always = flow.world.sources.filter((s) => s.alwaysFiring && s.shapes.every((sh) => shapeMustMatch(sh, source)));
        if (always.length > 0) {
          seen.add(key);
          const certain = always.some((s) => s.prometheus && !s.prometheus.source.external && s.alertmanagers?.includes(flow.alertmanager));
          const valueOf = (l: string): string => {
            const lv = labelOf(always[0].shapes[0], l);
            return isAbsent(lv) ? `${l} unset` : lv.values?.length === 1 && !lv.optional ? `${l}="${lv.values[0]}"` : `${l} as it has it`;
          };
          const sameAs = equal.length ? ` that have the same ${equal.join(', ')} (${equal.map(valueOf).join(', ')})` : '';
          issues.push({
            object: flow.config,
            severity: certain ? Severity.ERROR : Severity.WARNING,
            message: `${field}: ${always[0].description} fires all the time and matches the source matchers ${describe(source)}, so this rule mutes ${describe(target)}${sameAs} in ${describeObject(flow.alertmanager)} for good${certain ? '' : ' (a warning, not an error: assumed its Prometheus sends to this Alertmanager)'}`,
            fix: 'use source matchers the always-firing alert does not match (e.g. severity="critical"), or exclude it (alertname!="Watchdog")',
          });
          return;
        }
        if (equal.length > 0 || flow.enforced) { return; }
        if (matchers(r?.sourceMatch).some((m) => m.name === 'alertname' && m.type === '=')) { return; } // one named alert: deliberate
        seen.add(key);
        issues.push({
          object: flow.config,
          severity: Severity.WARNING,
          message: `${field}: this inhibit rule has no equal, so any one alert matching ${describe(source)} anywhere mutes ${describe(target)} in every namespace and service`,
          fix: 'list the labels source and target must share in equal (e.g. [namespace, alertname] or [namespace, service])',
        });
      });
    }
    return issues;
  },
};
