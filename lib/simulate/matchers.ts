/**
 * Alertmanager label matchers: the `name="value"` string form, its parser, and evaluation.
 *
 * Formatting follows prometheus-operator's `v1alpha1.Matcher.String()` (OpenMetrics escaping of
 * `\`, newline and `"`); parsing and matching follow Alertmanager 0.25's `pkg/labels`
 * (`ParseMatchers`, `ParseMatcher`, `NewMatcher`): regexes are RE2, anchored as `^(?:re)$`,
 * and a missing label matches as the empty string.
 *
 * @module
 */
import { RE2JS } from 're2js';

/** The four match operators, in Alertmanager's `MatchType` order (used for sorting). */
export const MATCH_TYPES = ['=', '!=', '=~', '!~'] as const;

/** One of `=`, `!=`, `=~`, `!~`. */
export type MatchOperator = (typeof MATCH_TYPES)[number];

/** A parsed matcher. */
export interface LabelMatcher {
  readonly name: string;
  readonly type: MatchOperator;
  readonly value: string;
}

/** The matcher shape of the v1alpha1 CRD (`matchers`, `sourceMatch`, `targetMatch`). */
export interface CrdMatcher {
  readonly name: string;
  readonly value?: string;
  readonly matchType?: string;
  /** Deprecated: `=~` when true and no `matchType`. */
  readonly regex?: boolean;
}

/** OpenMetrics escaping: backslash, newline and double quote. */
export function openMetricsEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** Renders a matcher as `name<op>"value"`, the form the operator writes into `matchers:`. */
export function formatMatcher(m: LabelMatcher): string {
  return `${m.name}${m.type}"${openMetricsEscape(m.value)}"`;
}

/**
 * Converts a v1alpha1 matcher the way the operator does for Alertmanager >= 0.22:
 * `matchType` wins; otherwise `regex: true` means `=~` and anything else `=`.
 * @throws Error for an unknown `matchType`
 */
export function fromCrdMatcher(m: CrdMatcher): LabelMatcher {
  const type = m.matchType ? m.matchType : (m.regex ? '=~' : '=');
  if (!isMatchOperator(type)) {
    throw new Error(`invalid 'matchType' '${type}' for matcher on '${m.name}': use one of ${MATCH_TYPES.join(', ')}`);
  }
  return { name: m.name, type, value: m.value ?? '' };
}

function isMatchOperator(s: string): s is MatchOperator {
  return (MATCH_TYPES as readonly string[]).includes(s);
}

const MATCHER_RE = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|=|!=|!~)\s*([\s\S]*?)\s*$/;

/**
 * Parses one matcher (`severity=~"warning|critical"`, quotes optional) like Alertmanager 0.25's
 * `labels.ParseMatcher`.
 * @throws Error on a malformed matcher or an invalid regex
 */
export function parseMatcher(s: string): LabelMatcher {
  const m = MATCHER_RE.exec(s);
  if (!m) {
    throw new Error(`bad matcher format: ${s}`);
  }
  let raw = m[3];
  let expectTrailingQuote = false;
  if (raw.startsWith('"')) {
    raw = raw.slice(1);
    expectTrailingQuote = true;
  }
  const chars = Array.from(raw);
  let value = '';
  let escaped = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (escaped) {
      escaped = false;
      value += c === 'n' ? '\n' : (c === '"' || c === '\\') ? c : `\\${c}`;
      continue;
    }
    if (c === '\\') {
      if (i < chars.length - 1) {
        escaped = true;
        continue;
      }
      value += '\\';
    } else if (c === '"') {
      if (!expectTrailingQuote || i < chars.length - 1) {
        throw new Error(`matcher value contains unescaped double quote: ${m[3]}`);
      }
      expectTrailingQuote = false;
    } else {
      value += c;
    }
  }
  if (expectTrailingQuote) {
    throw new Error(`matcher value contains unescaped double quote: ${m[3]}`);
  }
  const matcher: LabelMatcher = { name: m[1], type: m[2] as MatchOperator, value };
  compileMatcher(matcher); // reject bad regexes at parse time, as NewMatcher does
  return matcher;
}

/**
 * Parses a `matchers:` entry, which may hold several comma-separated matchers, optionally in
 * braces (`{a="1", b=~"x|y"}`), like Alertmanager 0.25's `labels.ParseMatchers`.
 */
export function parseMatchers(s: string): LabelMatcher[] {
  let body = s;
  if (body.startsWith('{')) { body = body.slice(1); }
  if (body.endsWith('}')) { body = body.slice(0, -1); }
  const tokens: string[] = [];
  let token = '';
  let insideQuotes = false;
  let escaped = false;
  for (const c of body) {
    if (c === ',' && !insideQuotes) {
      tokens.push(token);
      token = '';
      continue;
    }
    if (c === '"') {
      if (!escaped) { insideQuotes = !insideQuotes; } else { escaped = false; }
    } else if (c === '\\') {
      escaped = !escaped;
    } else {
      escaped = false;
    }
    token += c;
  }
  if (token.trim() !== '') {
    tokens.push(token.trim());
  }
  return tokens.map(parseMatcher);
}

/** A matcher ready to test label values. */
export type CompiledMatcher = LabelMatcher & { readonly matches: (value: string) => boolean };

const regexCache = new Map<string, RE2JS>();

/** `^(?:re)$` as Alertmanager compiles it (`RE2JS.matches` is a full match anyway; the anchors keep the pattern identical to Go's). */
function anchored(re: string): RE2JS {
  let compiled = regexCache.get(re);
  if (!compiled) {
    compiled = RE2JS.compile(`^(?:${re})$`);
    regexCache.set(re, compiled);
  }
  return compiled;
}

/**
 * Compiles a matcher. Regexes are anchored (`^(?:re)$`) and use RE2 syntax, as Go's `regexp`.
 * @throws Error for an invalid regex
 */
export function compileMatcher(m: LabelMatcher): CompiledMatcher {
  switch (m.type) {
    case '=': return { ...m, matches: (v) => v === m.value };
    case '!=': return { ...m, matches: (v) => v !== m.value };
    case '=~': {
      const re = anchored(m.value);
      return { ...m, matches: (v) => re.matches(v) };
    }
    case '!~': {
      const re = anchored(m.value);
      return { ...m, matches: (v) => !re.matches(v) };
    }
  }
}

/** Alertmanager's `Matchers.Less`: by name, then value, then match type. */
export function compareMatchers(a: LabelMatcher, b: LabelMatcher): number {
  if (a.name !== b.name) { return a.name < b.name ? -1 : 1; }
  if (a.value !== b.value) { return a.value < b.value ? -1 : 1; }
  return MATCH_TYPES.indexOf(a.type) - MATCH_TYPES.indexOf(b.type);
}

/** Whether every matcher accepts `labels` (a missing label is the empty string). */
export function allMatch(matchers: readonly CompiledMatcher[], labels: Readonly<Record<string, string>>): boolean {
  return matchers.every((m) => m.matches(labelValue(labels, m.name)));
}

/** The value of label `name`, or `''` when absent (own properties only). */
export function labelValue(labels: Readonly<Record<string, string>>, name: string): string {
  return ownLabel(labels, name) ?? '';
}

/**
 * `labels[name]` when `labels` holds it as its own property, else `undefined`: a label may be
 * called `constructor`, `toString` or `hasOwnProperty`, which a plain object inherits.
 */
export function ownLabel<V>(labels: Readonly<Record<string, V>>, name: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(labels, name) ? labels[name] : undefined;
}
