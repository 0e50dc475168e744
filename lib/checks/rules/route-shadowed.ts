import { describeObject } from '../../model/model-object';
import { regexLiterals, shapeMustMatch } from '../../simulate/label-flow';
import { CompiledMatcher } from '../../simulate/matchers';
import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { EXAMPLE_RULES, exampleConfig, exampleWithRules } from '../lib/examples';
import {
  RouteFate, RouteNode, assumedText, describeSources, dropsWhatItMatches, fateOf, flowsByConfig, informative, meantForExistingAlert, nodeAt,
  severityOf,
} from '../lib/route-flow';

/** Whether every alert that matches all of `later` also matches `a`, from the matchers alone. */
function implied(a: CompiledMatcher, later: readonly CompiledMatcher[]): boolean {
  if (a.type === '=~' && a.value === '.*') { return true; }
  return later.filter((b) => b.name === a.name).some((b) => {
    if (b.type === a.type && b.value === a.value) { return true; }
    if (b.type === '=') { return a.matches(b.value); }
    if (b.type === '=~') {
      const literals = regexLiterals(b.value);
      return literals !== undefined && literals.every((v) => a.matches(v));
    }
    return false;
  });
}

/** Whether route `earlier` catches every alert `later` could match (same parent, `earlier` first). */
function supersetOf(earlier: readonly CompiledMatcher[], later: readonly CompiledMatcher[]): boolean {
  return earlier.every((a) => implied(a, later));
}

function describeRoute(n: RouteNode): string {
  const receiver = typeof n.route.route.receiver === 'string' ? ` (receiver ${n.route.route.receiver})` : '';
  return `${n.route.field}${receiver}${n.route.matchers.length ? ` {${n.route.matchers.map((m) => m.text).join(', ')}}` : ' with no matchers'}`;
}

export const routeShadowed: Check = {
  id: 'route-shadowed',
  severity: Severity.ERROR,
  title: 'A route that an earlier sibling without continue always catches first',
  description: 'Alertmanager tries sibling routes in order and stops at the first match unless that route has `continue: true`. A route whose every alert an earlier sibling without `continue` also matches never receives anything: e.g. a broad `severity=~"warning|critical"` route to Slack placed before the `severity="critical"` route to PagerDuty. An error when the matchers alone prove it; when it is the alerts of the model that all match the earlier route, an error if the model holds every source of the Alertmanager and the route names an alert that exists, otherwise a warning.',
  failing: exampleWithRules(EXAMPLE_RULES) + exampleConfig(`    receiver: hook
    routes:
      - { receiver: hook, matchers: [{ name: severity, value: warning|critical, matchType: "=~" }] }
      - { receiver: pager, matchers: [{ name: severity, value: critical }] }`),
  fixed: exampleWithRules(EXAMPLE_RULES) + exampleConfig(`    receiver: hook
    routes:
      - { receiver: pager, matchers: [{ name: severity, value: critical }] }
      - { receiver: hook, matchers: [{ name: severity, value: warning|critical, matchType: "=~" }] }`),
  run(ctx) {
    const issues: Issue[] = [];
    for (const [object, flows] of flowsByConfig(ctx)) {
      const reported = new Set<RouteNode['route']['route']>();
      for (const node of flows[0].routes) {
        if (!node.parent || reported.has(node.parent.route.route)) {
          if (node.parent) { reported.add(node.route.route); }
          continue;
        }
        if (dropsWhatItMatches(node, object)) { continue; } // a null route that receives nothing loses nothing
        const catching = node.before.filter((s) => s.route.route.continue !== true);
        const proven = catching.find((s) => supersetOf(s.route.matchers, node.route.matchers));
        if (proven) {
          reported.add(node.route.route);
          issues.push({
            object,
            message: `${node.route.field}: this route never receives an alert: the earlier route ${describeRoute(proven)} matches every alert it matches and has no continue, so Alertmanager stops there`,
            fix: 'move this route before the broader one, narrow the broader route\'s matchers, or set continue: true on it (then both notify)',
          });
          continue;
        }
        const known = flows.filter(informative);
        const nodes = known.map((f) => nodeAt(f, node.route.field));
        if (known.length === 0 || fateOf(nodes) !== RouteFate.SHADOWED) { continue; }
        reported.add(node.route.route);
        const arriving = nodes.flatMap((n) => n?.arriving ?? []);
        const by = catching.filter((s) => arriving.some((c) => shapeMustMatch(c.shape, s.route.matchers)));
        const worlds = known.map((f) => f.world);
        const closed = severityOf(worlds) === Severity.ERROR;
        const severity = closed && nodes.some((n) => n && meantForExistingAlert(n, known)) ? Severity.ERROR : Severity.WARNING;
        issues.push({
          object,
          severity,
          message: `${node.route.field}: no alert reaches this route of ${describeObject(known[0].alertmanager)}: every alert that matches it (${describeSources(arriving.map((c) => c.source))}) also matches the earlier route ${by.map(describeRoute).join(' or ')}, which has no continue${severity === Severity.ERROR ? '' : closed ? ' (a warning: alerts to come may not match the earlier route)' : assumedText(worlds)}`,
          fix: 'move this route before the broader one, narrow the broader route\'s matchers, or set continue: true on it (then both notify)',
        });
      }
    }
    return issues;
  },
};
