import { problem } from './problem';

/**
 * Kubernetes object names, namespaces, label keys and label values, with the rules and the
 * wording of `k8s.io/apimachinery/pkg/util/validation`.
 *
 * @module
 */

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;

const DNS1123_LABEL = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const QUALIFIED_NAME = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const LABEL_VALUE = new RegExp(`^${LABEL_VALUE_FMT}$`);

const DNS1123_LABEL_MAX = 63;
const DNS1123_SUBDOMAIN_MAX = 253;
const QUALIFIED_NAME_MAX = 63;
const LABEL_VALUE_MAX = 63;

/** apimachinery's `RegexError`. */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  return `${msg} (e.g. ${examples.map((e) => `'${e}'`).join(' or ')}, regex used for validation is '${fmt}')`;
}

/** apimachinery's `MaxLenError`. */
function maxLenError(max: number): string {
  return `must be no more than ${max} characters`;
}

const DNS1123_LABEL_MSG = regexError(
  'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', '
  + 'and must start and end with an alphanumeric character', DNS1123_LABEL_FMT, 'my-name', '123-abc');
const DNS1123_SUBDOMAIN_MSG = regexError(
  'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', '
  + 'and must start and end with an alphanumeric character', DNS1123_SUBDOMAIN_FMT, 'example.com');
const QUALIFIED_NAME_MSG = regexError(
  'must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character',
  QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc');
const LABEL_VALUE_MSG = regexError(
  'a valid label value must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', '
  + 'and must start and end with an alphanumeric character', LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345');

/** Trims characters that may not start or end the value and cuts it to `max` characters. */
function trimTo(value: string, max: number, edge: RegExp): string {
  let out = value.replace(new RegExp(`^${edge.source}+`), '').slice(0, max);
  out = out.replace(new RegExp(`${edge.source}+$`), '');
  return out;
}

function dns1123LabelFix(name: string): string {
  const replaced = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-');
  return trimTo(replaced, DNS1123_LABEL_MAX, /[^a-z0-9]/);
}

function dns1123SubdomainFix(name: string): string {
  const parts = name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').split('.')
    .map((p) => trimTo(p.replace(/-{2,}/g, '-'), DNS1123_SUBDOMAIN_MAX, /-/))
    .filter((p) => p !== '');
  return trimTo(parts.join('.'), DNS1123_SUBDOMAIN_MAX, /[^a-z0-9]/);
}

function qualifiedNameFix(name: string, max: number): string {
  return trimTo(name.replace(/[^A-Za-z0-9._-]+/g, '-'), max, /[^A-Za-z0-9]/);
}

/** The sanitised value when it is valid and differs from the original, else `undefined`. */
function suggest(original: string, suggestion: string, valid: (s: string) => boolean): string | undefined {
  return suggestion !== '' && suggestion !== original && valid(suggestion) ? suggestion : undefined;
}

/** `Fix:` text: use the suggestion when there is one, else the general rule. */
function fixWith(original: string, suggestion: string, valid: (s: string) => boolean, general: string): string {
  const s = suggest(original, suggestion, valid);
  return s !== undefined ? `use "${s}" instead` : general;
}

/**
 * Checks a DNS-1123 subdomain, the rule for most object names (`metadata.name` of a
 * Secret, ConfigMap, PrometheusRule, Alert, Provider…): at most 253 characters of lower case
 * letters, digits, `-` and `.`, starting and ending with a letter or digit.
 *
 * @param field the field name to put in the message, e.g. `metadata.name`
 * @param name the name
 * @returns one message per problem; empty when `name` is valid
 */
export function checkDns1123Subdomain(field: string, name: string): string[] {
  const valid = (s: string): boolean => s.length <= DNS1123_SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.test(s);
  if (valid(name)) { return []; }
  const fix = fixWith(name, dns1123SubdomainFix(name), valid,
    'use only lower case letters, digits, \'-\' and \'.\', starting and ending with a letter or digit, at most 253 characters');
  const out: string[] = [];
  if (name === '') { out.push(problem(field, name, 'must not be empty', 'give a name such as "my-alerts"')); return out; }
  if (name.length > DNS1123_SUBDOMAIN_MAX) { out.push(problem(field, name, maxLenError(DNS1123_SUBDOMAIN_MAX), fix)); }
  if (!DNS1123_SUBDOMAIN.test(name)) { out.push(problem(field, name, DNS1123_SUBDOMAIN_MSG, fix)); }
  return out;
}

/**
 * Checks a DNS-1123 label, the rule for namespaces (and Service names): at most 63
 * characters of lower case letters, digits and `-`, starting and ending with a letter or digit.
 *
 * @param field the field name to put in the message, e.g. `namespace`
 * @param name the name
 * @returns one message per problem; empty when `name` is valid
 */
export function checkDns1123Label(field: string, name: string): string[] {
  const valid = (s: string): boolean => s.length <= DNS1123_LABEL_MAX && DNS1123_LABEL.test(s);
  if (valid(name)) { return []; }
  const fix = fixWith(name, dns1123LabelFix(name), valid,
    'use only lower case letters, digits and \'-\', starting and ending with a letter or digit, at most 63 characters');
  const out: string[] = [];
  if (name === '') { out.push(problem(field, name, 'must not be empty', 'give a name such as "monitoring"')); return out; }
  if (name.length > DNS1123_LABEL_MAX) { out.push(problem(field, name, maxLenError(DNS1123_LABEL_MAX), fix)); }
  if (!DNS1123_LABEL.test(name)) { out.push(problem(field, name, DNS1123_LABEL_MSG, fix)); }
  return out;
}

/**
 * Checks a Kubernetes label (or annotation) key, a "qualified name": an optional prefix that
 * is a DNS-1123 subdomain (≤ 253) followed by `/`, then a name of at most 63 characters
 * matching `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`, e.g. `app.kubernetes.io/name`.
 *
 * @param field the field name to put in the message, e.g. `metadata.labels`
 * @param key the label key
 * @returns one message per problem; empty when `key` is valid
 */
export function checkLabelKey(field: string, key: string): string[] {
  const parts = key.split('/');
  const suggestion = suggestLabelKey(parts);
  const fixOr = (general: string): string => (suggestion !== undefined ? `use "${suggestion}" instead` : general);
  if (parts.length > 2) {
    return [problem(field, key,
      `a qualified name ${QUALIFIED_NAME_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      fixOr('use at most one \'/\', between the prefix and the name'))];
  }
  const [prefix, name] = parts.length === 2 ? [parts[0], parts[1]] : [undefined, parts[0]];
  const out: string[] = [];
  if (prefix === '') {
    out.push(problem(field, key, 'prefix part must be non-empty', `drop the leading '/' or give a prefix such as "example.com/${name}"`));
  } else if (prefix !== undefined) {
    const fix = fixOr('use a lower case DNS subdomain as the prefix, e.g. "example.com"');
    if (prefix.length > DNS1123_SUBDOMAIN_MAX) { out.push(problem(field, key, `prefix part ${maxLenError(DNS1123_SUBDOMAIN_MAX)}`, fix)); }
    if (!DNS1123_SUBDOMAIN.test(prefix)) { out.push(problem(field, key, `prefix part ${DNS1123_SUBDOMAIN_MSG}`, fix)); }
  }
  if (name === '') {
    out.push(problem(field, key, 'name part must be non-empty', 'give a name after the prefix, e.g. "example.com/team"'));
  } else {
    const fix = fixOr('use only letters, digits, \'-\', \'_\' and \'.\' in the name part, starting and ending with a letter or digit, at most 63 characters');
    if (name.length > QUALIFIED_NAME_MAX) { out.push(problem(field, key, `name part ${maxLenError(QUALIFIED_NAME_MAX)}`, fix)); }
    if (!QUALIFIED_NAME.test(name)) { out.push(problem(field, key, `name part ${QUALIFIED_NAME_MSG}`, fix)); }
  }
  return out;
}

/** A valid label key close to the one split into `parts`, or `undefined`. */
function suggestLabelKey(parts: readonly string[]): string | undefined {
  const validPrefix = (s: string): boolean => s.length <= DNS1123_SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.test(s);
  const validName = (s: string): boolean => s.length <= QUALIFIED_NAME_MAX && QUALIFIED_NAME.test(s);
  const rawName = parts.length === 1 ? parts[0] : parts.slice(1).join('-');
  const name = validName(rawName) ? rawName : qualifiedNameFix(rawName, QUALIFIED_NAME_MAX);
  if (!validName(name)) { return undefined; }
  if (parts.length === 1) { return name; }
  const prefix = validPrefix(parts[0]) ? parts[0] : dns1123SubdomainFix(parts[0]);
  if (prefix === '') { return undefined; }
  return validPrefix(prefix) ? `${prefix}/${name}` : undefined;
}

/**
 * Checks a Kubernetes label value: empty, or at most 63 characters of letters, digits,
 * `-`, `_` and `.`, starting and ending with a letter or digit.
 *
 * @param field the field name to put in the message, e.g. `metadata.labels["team"]`
 * @param value the label value
 * @returns one message per problem; empty when `value` is valid
 */
export function checkLabelValue(field: string, value: string): string[] {
  const valid = (s: string): boolean => s.length <= LABEL_VALUE_MAX && LABEL_VALUE.test(s);
  if (valid(value)) { return []; }
  const fix = fixWith(value, qualifiedNameFix(value, LABEL_VALUE_MAX), valid,
    'use only letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit, at most 63 characters (or leave it empty)');
  const out: string[] = [];
  if (value.length > LABEL_VALUE_MAX) { out.push(problem(field, value, maxLenError(LABEL_VALUE_MAX), fix)); }
  if (!LABEL_VALUE.test(value)) { out.push(problem(field, value, LABEL_VALUE_MSG, fix)); }
  return out;
}
