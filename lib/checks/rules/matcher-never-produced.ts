import { ModelObject } from '../../model/model-object';
import { regexLiterals } from '../../simulate/label-flow';
import { CompiledMatcher, compileMatcher, formatMatcher, fromCrdMatcher, ownLabel } from '../../simulate/matchers';
import { RE2JS } from 're2js';
import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { EXAMPLE_RULES, exampleConfig, exampleWithRules } from '../lib/examples';
import {
  Candidate, ConfigFlow, Produced, assumedText, candidatesOf, dropsWhatItMatches, flowsByConfig, fluxLooking, informative, producedBy, severityOf,
  vocabularyOf,
} from '../lib/route-flow';
import { didYouMean } from '../lib/suggest';

/** A value of `values` that `m` (a regex matcher) would match but for case. */
function caseInsensitiveHit(m: CompiledMatcher, values: readonly string[]): string | undefined {
  try {
    const re = RE2JS.compile(`^(?:${m.value})$`, RE2JS.CASE_INSENSITIVE);
    return values.find((v) => re.matches(v));
  } catch {
    return undefined;
  }
}

/** The value `m` probably meant, among `values`. */
function suggestValue(m: CompiledMatcher, values: readonly string[]): string | undefined {
  if (m.type === '=' || m.type === '!=') { return didYouMean(m.value, values); }
  const literals = regexLiterals(m.value);
  if (literals) {
    for (const l of literals) {
      if (values.includes(l)) { continue; }
      const s = didYouMean(l, values);
      if (s) { return s; }
    }
    return undefined;
  }
  return caseInsensitiveHit(m, values);
}

function quoteList(values: readonly string[], n = 6): string {
  const q = values.map((v) => JSON.stringify(v));
  return q.length <= n ? q.join(', ') : `${q.slice(0, n).join(', ')} and ${q.length - n} more`;
}

interface Use {
  readonly field: string;
  readonly m: CompiledMatcher;
  /** What the matcher failing means, e.g. `this route never matches`. */
  readonly consequence: string;
  /** Whether a matcher that never matches loses alerts (a route), rather than only muting less (an inhibit rule). */
  readonly routes: boolean;
}

/** A matcher's problem with the alerts of `candidates`, if it has one. */
function judge(use: Use, candidates: readonly Candidate[], flows: readonly ConfigFlow[], object: ModelObject): Issue | undefined {
  const { m, field, consequence } = use;
  const worlds = flows.map((f) => f.world);
  const vocabulary = vocabularyOf(candidates);
  const names = vocabulary.names;
  const valuesOf = (name: string): string[] => [...(vocabulary.values.get(name) ?? [])];
  const head = `${field} ${formatMatcher(m)}`;
  if (m.matches('')) {
    // A negative matcher: a misspelt value excludes nothing.
    if (m.type !== '!=' || !names.has(m.name)) { return undefined; }
    const values = valuesOf(m.name);
    if (values.includes(m.value)) { return undefined; }
    const s = didYouMean(m.value, values);
    if (!s) { return undefined; }
    return {
      object,
      severity: Severity.WARNING,
      message: `${head}: no alert source of the model sets ${m.name}="${m.value}" (they set ${quoteList(values)}), so this matcher excludes nothing. Did you mean "${s}"? Label values are case-sensitive`,
      fix: `write ${m.name}!="${s}"`,
    };
  }
  const produced = producedBy(candidates, m);
  if (produced === Produced.LISTED) { return undefined; }
  let what: string;
  let suggestion: string | undefined;
  let fix: string;
  if (!names.has(m.name)) {
    suggestion = didYouMean(m.name, names);
    what = `no alert source of the model sets the label "${m.name}"`;
    fix = suggestion ? `match "${suggestion}"` : 'match a label the alerts carry (the label flow of each rule is in `cdk8s-alerting effective-config`)';
  } else {
    const values = valuesOf(m.name).sort();
    suggestion = suggestValue(m, values);
    what = `no alert source of the model sets ${m.name} to a value this matches${values.length ? ` (they set ${quoteList(values)})` : ''}`;
    fix = suggestion ? `match ${m.name}="${suggestion}"` : `match a value of ${m.name} the alerts carry`;
  }
  const also = ', or declare the alerts that carry it with an ExternalAlertSource if they come from outside the app';
  const hint = suggestion ? `. Did you mean "${suggestion}"?${suggestion.toLowerCase() === (names.has(m.name) ? m.value : m.name).toLowerCase() ? ' Labels are case-sensitive' : ''}` : '';
  // An inhibit rule whose matcher nothing satisfies mutes less, and loses nothing: worth a word
  // only when it is most likely a typo (the defaults, e.g. kube-prometheus' severity="info"
  // targets, are often written for alerts an app does not have).
  if (!use.routes && !suggestion) { return undefined; }
  if (produced === Produced.NEVER) {
    // Provably never matching; a blocking error only when it is also most likely a slip: a label
    // name close to one the alerts carry, or a value that differs from theirs only in case.
    // Values a few edits apart (cluster eu-1 and eu-2, team-a and team-b) are often both real,
    // and a route for a value no alert has yet may be deliberate: warnings.
    const wrongName = !names.has(m.name);
    const caseOnly = (v: string): boolean => suggestion !== undefined && v.toLowerCase() === suggestion.toLowerCase();
    const literals = m.type === '=~' ? regexLiterals(m.value) : undefined;
    const slip = suggestion !== undefined && (wrongName
      || (m.type === '=' && caseOnly(m.value))
      || (m.type === '=~' && (literals ? literals.some(caseOnly) : true))); // a regex's suggestion only ever comes from case
    const severity = use.routes && slip ? severityOf(worlds) : Severity.WARNING;
    const closed = severityOf(worlds) === Severity.ERROR;
    const why = !closed ? assumedText(worlds)
      : !use.routes ? ''
        : suggestion ? ' (a warning: a route may be meant for another value that differs by a few characters)'
          : ' (a warning: it may be meant for alerts to come; it is unused until an alert source sets it)';
    return { object, severity, message: `${head}: ${what}, so ${consequence}${hint}${severity === Severity.WARNING ? why : ''}`, fix: fix + also };
  }
  // Only alerts whose labels the model does not fully know could carry it: warn about likely typos only.
  if (!suggestion) { return undefined; }
  const reasons = [...new Set(candidates.filter((c) => c.shape.open && !ownLabel(c.shape.labels, m.name)).map((c) => c.shape.openReason).filter((r): r is string => !!r))];
  return {
    object,
    severity: Severity.WARNING,
    message: `${head}: ${what.replace('sets', 'is known to set')}, so ${consequence.replace('never', 'most likely never')}${hint} (a warning, not an error: it could come from ${reasons[0] ?? 'labels the model cannot list'}${reasons.length > 1 ? ` or ${reasons.length - 1} more such source${reasons.length > 2 ? 's' : ''}` : ''})`,
    fix: fix + also,
  };
}

function crMatchers(list: unknown, field: string): Array<{ m: CompiledMatcher; field: string }> {
  if (!Array.isArray(list)) { return []; }
  const out: Array<{ m: CompiledMatcher; field: string }> = [];
  list.forEach((x, i) => {
    try { out.push({ m: compileMatcher(fromCrdMatcher(x)), field: `${field}[${i}]` }); } catch { /* reported by the operator-side checks */ }
  });
  return out;
}

export const matcherNeverProduced: Check = {
  id: 'matcher-never-produced',
  severity: Severity.ERROR,
  title: 'A matcher on a label or value that no alert source produces',
  description: 'A route or inhibit rule matcher that needs a label (or a value of it) that no alert source of the model sets: alerting rules (their expression\'s labels, their own labels, the Prometheus\' external labels and the operator\'s `prometheus` label), Flux events, declared ExternalAlertSources. Typos (`serverity`) and case (`Critical`) come with a suggestion. An error for a route matcher on a label name close to one the alerts carry, or on a value that differs from theirs only in case, when the model holds every source of the Alertmanager; a warning for values a few characters apart (`eu-1` and `eu-2` may both be real) or with no close one (the route may be meant for alerts to come), for inhibit rules (they mute less, nothing is lost; reported only with a suggestion), when alerts may come from outside the model (naming what it assumed), and, for likely typos only, when some alerts carry labels the model cannot list (e.g. every label of a scraped series).',
  failing: exampleWithRules(EXAMPLE_RULES) + exampleConfig(`    receiver: hook
    routes:
      - { receiver: pager, matchers: [{ name: serverity, value: critical }] }`),
  fixed: exampleWithRules(EXAMPLE_RULES) + exampleConfig(`    receiver: hook
    routes:
      - { receiver: pager, matchers: [{ name: severity, value: critical }] }`),
  run(ctx) {
    const issues: Issue[] = [];
    for (const [object, all] of flowsByConfig(ctx)) {
      const flows = all.filter(informative);
      if (flows.length === 0) { continue; }
      const candidates: readonly Candidate[] = flows.length === 1 ? candidatesOf(flows[0].world) : flows.flatMap((f) => candidatesOf(f.world));
      const uses: Use[] = [];
      for (const node of flows[0].routes) {
        const route = node.route;
        if (fluxLooking(route)) { continue; } // flux-route-unmatchable
        if (dropsWhatItMatches(node, object)) { continue; } // a route to a null receiver loses nothing by matching nothing
        uses.push(...route.matchers.map((m) => ({ m, field: `${route.field}.matchers[${m.index}]`, consequence: 'this route never matches', routes: true })));
      }
      const rules: unknown[] = Array.isArray(object.manifest.spec?.inhibitRules) ? object.manifest.spec.inhibitRules : [];
      rules.forEach((r: any, i) => {
        for (const side of ['sourceMatch', 'targetMatch'] as const) {
          uses.push(...crMatchers(r?.[side], `spec.inhibitRules[${i}].${side}`).map((u) => ({ ...u, consequence: 'this inhibit rule never mutes anything', routes: false })));
        }
      });
      for (const use of uses) {
        const issue = judge(use, candidates, flows, object);
        if (issue) { issues.push(issue); }
      }
    }
    return issues;
  },
};
