import { describeObject } from '../../model/model-object';
import { isAbsent, labelOf, shapeCanMatch, shapeMustMatch } from '../../simulate/label-flow';
import { CompiledMatcher, compileMatcher, fromCrdMatcher } from '../../simulate/matchers';
import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { EXAMPLE_RULES, exampleConfig, exampleWithRules } from '../lib/examples';
import { candidatesOf, configFlows, describeSources } from '../lib/route-flow';

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
  description: 'An inhibit rule mutes its target alerts while a source alert fires whose `equal` labels have the same values. When an always-firing alert (the Watchdog, any `vector(1)` rule) matches the source, the targets that share its `equal` labels are muted for as long as Prometheus runs: an error when that alert\'s Prometheus is in the model and sends to the Alertmanager and an alert of the model is surely muted, a warning when one may be. An inhibit rule without `equal` lets any one source alert anywhere mute every target alert in every namespace (a warning, unless its source names one alertname; under the `OnNamespace` strategy the operator already confines both sides to the config\'s namespace).',
  failing: INHIBIT('{ sourceMatch: [{ name: severity, value: none }], targetMatch: [{ name: severity, value: critical }] }'),
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
        const always = flow.world.sources.filter((x) => x.alwaysFiring && x.shapes.every((sh) => shapeMustMatch(sh, source)));
        if (always.length > 0) {
          // The alerts it mutes: targets whose `equal` labels have the always-firing alert's values
          // (an absent label equals an absent one). With alertname in equal, usually none.
          const firing = always[0];
          const sameAs: CompiledMatcher[] = [];
          for (const l of equal) {
            const lv = labelOf(firing.shapes[0], l);
            if (isAbsent(lv)) { sameAs.push(compileMatcher({ name: l, type: '=', value: '' })); } else if (lv.values?.length === 1 && !lv.optional) { sameAs.push(compileMatcher({ name: l, type: '=', value: lv.values[0] })); }
          }
          const muted = candidatesOf(flow.world).filter((c) => !always.includes(c.source) && shapeCanMatch(c.shape, [...target, ...sameAs]));
          if (muted.length === 0) { return; }
          seen.add(key);
          const surely = muted.filter((c) => shapeMustMatch(c.shape, [...target, ...sameAs]));
          const sent = always.some((x) => x.prometheus && !x.prometheus.source.external && x.alertmanagers?.includes(flow.alertmanager));
          const certain = sent && surely.length > 0;
          const shown = sameAs.length ? ` with the same ${equal.join(', ')} (${sameAs.map((m) => (m.value === '' ? `${m.name} unset` : `${m.name}="${m.value}"`)).join(', ')})` : '';
          issues.push({
            object: flow.config,
            severity: certain ? Severity.ERROR : Severity.WARNING,
            message: `${field}: ${firing.description} fires all the time and matches the source matchers ${describe(source)}, so this rule mutes ${describe(target)}${shown} in ${describeObject(flow.alertmanager)} for good: ${describeSources((surely.length ? surely : muted).map((c) => c.source))}${certain ? '' : ` (a warning, not an error: ${sent ? 'assumed those alerts carry the labels it needs' : 'assumed its Prometheus sends to this Alertmanager'})`}`,
            fix: 'use source matchers the always-firing alert does not match (e.g. severity="critical"), or exclude it (alertname!="Watchdog"), or add alertname to equal',
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
