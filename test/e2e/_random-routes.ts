/**
 * Seeded random routing trees and label sets for the differential test against amtool.
 */
import { LabelMatcher, MatchOperator, NativeAlertmanagerConfig, NativeRoute, formatMatcher, parseMatchers } from '../../lib/simulate';

/** mulberry32: a small, seedable PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LABELS = ['alertname', 'severity', 'namespace', 'team', 'service'];
const VALUES = ['a', 'b', 'c', 'Foo', 'foo', 'a.b', 'x-y', 'bb', 'a b'];
const EQ_VALUES = ['a', 'b', 'c', '', 'Foo', 'a.b', 'x-y', 'a b'];
const REGEXES = ['a|b', 'a.*', '.*', '.+', '', 'b+', '[ab]', '(?i)foo', 'x-y', 'a\\.b', 'a b|c'];
const OPS: MatchOperator[] = ['=', '!=', '=~', '!~'];
export const RECEIVERS = ['r0', 'r1', 'r2', 'r3', 'r4'];

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

function randomMatcher(rand: Rand): LabelMatcher {
  const type = pick(rand, OPS);
  return { name: pick(rand, LABELS), type, value: type === '=~' || type === '!~' ? pick(rand, REGEXES) : pick(rand, EQ_VALUES) };
}

function randomRoute(rand: Rand, depth: number): NativeRoute {
  const route: NativeRoute = {};
  if (rand() < 0.6) { route.receiver = pick(rand, RECEIVERS); }
  const matchers = Array.from({ length: Math.floor(rand() * 3) }, () => randomMatcher(rand));
  if (matchers.length > 0) { route.matchers = matchers.map(formatMatcher); }
  if (rand() < 0.15) { route.match = { [pick(rand, LABELS)]: pick(rand, VALUES) }; }
  if (rand() < 0.15) { route.match_re = { [pick(rand, LABELS)]: pick(rand, REGEXES.filter((r) => r !== '')) }; }
  if (rand() < 0.4) { route.continue = true; }
  if (rand() < 0.2) { route.group_by = rand() < 0.3 ? ['...'] : [pick(rand, LABELS)]; }
  if (depth < 3 && rand() < 0.6) {
    route.routes = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => randomRoute(rand, depth + 1));
  }
  return route;
}

/** A random but valid configuration: a root route with up to 3 levels of children, 5 empty receivers. */
export function randomConfig(rand: Rand): NativeAlertmanagerConfig {
  const root = randomRoute(rand, 0);
  delete root.matchers;
  delete root.match;
  delete root.match_re;
  delete root.continue;
  return {
    route: { ...root, receiver: pick(rand, RECEIVERS) },
    receivers: RECEIVERS.map((name) => ({ name })),
    templates: [],
  };
}

function collectMatchers(r: NativeRoute, out: LabelMatcher[]): LabelMatcher[] {
  out.push(...(r.matchers ?? []).flatMap(parseMatchers));
  for (const [name, value] of Object.entries(r.match ?? {})) { out.push({ name, type: '=', value }); }
  for (const child of r.routes ?? []) { collectMatchers(child, out); }
  return out;
}

/**
 * Label sets for `config`: half uniformly random, half steered towards the tree's own `=`
 * matchers so that deep routes and `continue` chains are reached too. Labels are never empty
 * (an empty label value is the same as no label for routing).
 */
export function randomLabelSets(rand: Rand, config: NativeAlertmanagerConfig, count: number): Array<Record<string, string>> {
  const equalities = collectMatchers(config.route, []).filter((m) => m.type === '=' && m.value !== '');
  return Array.from({ length: count }, (_, i) => {
    const labels: Record<string, string> = {};
    for (const name of LABELS) {
      if (rand() < 0.6) { labels[name] = pick(rand, VALUES); }
    }
    if (i % 2 === 1) {
      for (const m of equalities) {
        if (rand() < 0.5) { labels[m.name] = m.value; }
      }
    }
    return labels;
  });
}
