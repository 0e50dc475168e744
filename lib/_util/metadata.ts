import { createHash } from 'crypto';
import { checkDns1123Label, checkDns1123Subdomain, checkLabelKey, checkLabelValue } from '../validation';
import { ApiObjectMetadata, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Problems } from './problems';

/**
 * Checks an object's name (when given), namespace and labels against Kubernetes' rules.
 * @internal
 */
export function checkObjectMeta(problems: Problems, name: string | undefined, namespace: string | undefined, labels?: { [key: string]: string }): void {
  if (name !== undefined) {
    problems.addMessages(checkDns1123Subdomain('name', name));
  }
  if (namespace !== undefined) {
    problems.addMessages(checkDns1123Label('namespace', namespace));
  }
  for (const [k, v] of Object.entries(labels ?? {})) {
    problems.addMessages(checkLabelKey(`labels[${JSON.stringify(k)}]`, k));
    problems.addMessages(checkLabelValue(`labels[${JSON.stringify(k)}]`, v));
  }
}

/**
 * Object metadata without undefined fields. cdk8s spreads the given metadata over the name it
 * generates, so an explicit `name: undefined` would erase the generated name.
 * @internal
 */
export function objectMeta(name: string | undefined, namespace: string, labels?: { [key: string]: string }): ApiObjectMetadata {
  return {
    ...(name !== undefined ? { name } : {}),
    namespace,
    ...(labels && Object.keys(labels).length ? { labels: { ...labels } } : {}),
  };
}

/**
 * How a construct names its object when the user gives no `name` (README "Default names").
 * @internal
 */
export interface DefaultNameRule {
  /**
   * Words dropped from either end of the kebab-cased construct id: the object's kind, which its
   * name need not repeat (`OpsAlertmanager` names the Alertmanager `ops`).
   */
  readonly drop?: readonly string[];
  /** Appended to what is left of the id unless it already ends with it: `App` → `app-rules`. */
  readonly suffix?: string;
  /** The name when nothing is left of the id (the id only names the kind): `Alertmanager` → `main`. */
  readonly fallback: string;
  /**
   * The longest name. Default 63, a DNS-1123 label: it fits every kind's name, and label values
   * (the operator labels pods with the Alertmanager's and the Prometheus' names).
   */
  readonly maxLength?: number;
}

/** A DNS-1123 label's length, the longest default name. */
const MAX_DEFAULT_NAME = 63;
/** `-` and 8 hex digits of the hash a name too long to fit ends with. */
const HASH_SUFFIX_LENGTH = 9;

/**
 * The words of a construct id, kebab-cased: `FluxErrors` → `flux-errors`, `HTTPRoutes` →
 * `http-routes`, `team_a.rules` → `team-a-rules`. A word boundary is a lower case letter or
 * digit before a capital, or a run of capitals before a capitalised word (`GitHub` → `git-hub`).
 * @internal
 */
export function kebabCase(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The default name of the object of a construct with id `id` in `scope`: {@link nameFromId}, unless
 * the chart overrides cdk8s' `Chart.generateObjectName`, whose names are then kept (`undefined`:
 * cdk8s asks the chart). Only a chart of your own does that, to name objects its own way.
 * @internal
 */
export function defaultName(scope: IConstruct, id: string, rule: DefaultNameRule): string | undefined {
  const chart = [...scope.node.scopes].reverse().find((c): c is Chart => Chart.isChart(c));
  if (chart && chart.generateObjectName !== Chart.prototype.generateObjectName) { return undefined; }
  return nameFromId(id, rule);
}

/**
 * The default name of an object whose construct has id `id`: the id kebab-cased, without the
 * words of `rule.drop` at either end, with `rule.suffix` appended; `rule.fallback` when nothing
 * is left. It depends on the id and the rule only, never on other constructs, so adding a
 * construct never renames another object (for Flux a rename is a delete and a create: an
 * Alertmanager would lose its silences, a Receiver its webhook path). Two constructs whose
 * defaults collide (same kind, namespace and name) fail the synth with the `duplicate-object`
 * check, which names both construct paths.
 *
 * The result is a DNS-1123 label of at most `rule.maxLength` characters. A longer name is cut
 * and ends with `-` and 8 hex digits of its SHA-256, so two long names that share a prefix stay
 * apart; names that fit are never hashed.
 *
 * Written by hand: cdk8s' `Names.toDnsLabel` always builds on the construct path (and appends
 * its hash), which is what this replaces.
 * @internal
 */
export function nameFromId(id: string, rule: DefaultNameRule): string {
  const drop = new Set(rule.drop ?? []);
  const words = kebabCase(id).split('-').filter((w) => w !== '');
  while (words.length && drop.has(words[0])) { words.shift(); }
  while (words.length && drop.has(words[words.length - 1])) { words.pop(); }
  let name: string;
  if (!words.length) {
    name = rule.fallback;
  } else {
    name = words.join('-');
    if (rule.suffix && name !== rule.suffix && !name.endsWith(`-${rule.suffix}`)) { name = `${name}-${rule.suffix}`; }
  }
  return fitName(toDnsLabel(name) || 'default', rule.maxLength ?? MAX_DEFAULT_NAME);
}

/** `name` as a DNS-1123 label's characters: lower case letters, digits and inner `-`. */
function toDnsLabel(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * `name` when it has at most `max` characters; else its first characters, `-` and 8 hex digits
 * of its SHA-256 (deterministic: the same name always gives the same result).
 * @internal
 */
export function fitName(name: string, max: number = MAX_DEFAULT_NAME): string {
  if (name.length <= max) { return name; }
  const hash = createHash('sha256').update(name).digest('hex').slice(0, HASH_SUFFIX_LENGTH - 1);
  const head = name.slice(0, max - HASH_SUFFIX_LENGTH).replace(/-+$/, '');
  return `${head}-${hash}`;
}
