import { RE2JS, RE2JSException, RE2JSSyntaxException } from 're2js';
import { problem } from './problem';

/**
 * Go regular expressions (RE2 syntax), as used by Alertmanager matchers (`=~`, `!~`,
 * `match_re`) and Flux `Alert.spec.inclusionList` / `exclusionList`.
 *
 * The patterns are compiled with `re2js`, a port of Go's `regexp/syntax`. `RE2JS.compile`
 * with no flags uses RE2's Perl-like mode — the same flags as Go's `regexp.Compile`
 * (`syntax.Perl`: Perl classes and `(?flags)`, Unicode groups, `^`/`$` match only at the
 * start/end of the text, `.` does not match `\n`) — and its error messages are Go's,
 * e.g. ``error parsing regexp: invalid escape sequence: `\1` ``. The `LOOKBEHINDS` flag,
 * an re2js extension that Go lacks, is never set.
 *
 * @module
 */

/** What RE2 lacks, recognised from the compiler's error, with a suggested rewrite. */
interface Unsupported {
  readonly what: string;
  readonly fix: string;
}

/** Recognises Perl/PCRE features RE2 does not have, from the description and fragment of an error. */
function unsupportedFeature(description: string, fragment: string): Unsupported | undefined {
  const noBacktracking = 'RE2 (the Go regexp engine) does not support';
  switch (description) {
    case 'invalid escape sequence':
      if (/^\\[1-9]/.test(fragment)) {
        return {
          what: `${noBacktracking} backreferences (${fragment})`,
          fix: 'spell out the alternatives instead of referring back to a group',
        };
      }
      if (fragment === '\\Z') {
        return { what: `${noBacktracking} \\Z`, fix: 'use \\z (end of text) or $' };
      }
      return {
        what: `${noBacktracking} the escape ${fragment}`,
        fix: 'use an escape RE2 knows (\\d \\s \\w \\b \\A \\z \\pL \\x{41} …) or escape a literal character with a backslash only if it is punctuation',
      };
    case 'invalid or unsupported Perl syntax':
      if (fragment === '(?=' || fragment === '(?!') {
        return {
          what: `${noBacktracking} lookahead assertions (${fragment}…)`,
          fix: 'express the condition without lookaround, e.g. with a separate negative matcher (!~) or by listing the allowed values',
        };
      }
      if (fragment === '(?>') {
        return { what: `${noBacktracking} atomic groups ((?>…))`, fix: 'use a plain group (?:…); RE2 never backtracks, so it is already safe' };
      }
      if (fragment === '(?#') {
        return { what: `${noBacktracking} comments ((?#…))`, fix: 'remove the comment' };
      }
      return {
        what: `${noBacktracking} the group syntax ${fragment}`,
        fix: 'use (…), (?:…), (?P<name>…), (?<name>…) or a flag group such as (?i)',
      };
    case 'invalid named capture':
      if (fragment.startsWith('(?<=') || fragment.startsWith('(?<!')) {
        return {
          what: `${noBacktracking} lookbehind assertions (${fragment.slice(0, 4)}…)`,
          fix: 'express the condition without lookaround, e.g. with a separate negative matcher (!~) or by listing the allowed values',
        };
      }
      return undefined;
    case 'invalid nested repetition operator':
      if (/^[*+?}]\+$/.test(fragment) || /\}\+$/.test(fragment)) {
        return {
          what: `${noBacktracking} possessive quantifiers (${fragment})`,
          fix: 'drop the trailing "+"; RE2 never backtracks, so a plain quantifier is already safe',
        };
      }
      return undefined;
    default:
      return undefined;
  }
}

/** A pattern that did not compile: Go's error text plus, when known, what RE2 lacks. */
interface CompileFailure {
  readonly error: string;
  readonly unsupported?: Unsupported;
}

const COMPILE_CACHE_LIMIT = 1000;
const compileCache = new Map<string, RE2JS | CompileFailure>();

/**
 * Compiles `pattern` with Go's default (Perl-like) flags, returning the error instead of
 * throwing. Results are cached: compiling is pure, and the same patterns (`5..`,
 * `warning|critical`) come back in rule after rule.
 */
function compileGo(pattern: string): RE2JS | CompileFailure {
  let result = compileCache.get(pattern);
  if (result === undefined) {
    result = compileGoUncached(pattern);
    if (compileCache.size >= COMPILE_CACHE_LIMIT) {
      const oldest = compileCache.keys().next();
      if (!oldest.done) { compileCache.delete(oldest.value); }
    }
    compileCache.set(pattern, result);
  }
  return result;
}

function compileGoUncached(pattern: string): RE2JS | CompileFailure {
  try {
    return RE2JS.compile(pattern);
  } catch (e) {
    if (e instanceof RE2JSSyntaxException) {
      return { error: e.message, unsupported: unsupportedFeature(e.error, e.getPattern() ?? '') };
    }
    if (e instanceof RE2JSException) {
      return { error: e.message };
    }
    throw e;
  }
}

/**
 * Describes why `pattern` is not a Go regex, or `undefined` when it compiles.
 * @internal
 */
export function goRegexError(pattern: string): string | undefined {
  const compiled = compileGo(pattern);
  return compiled instanceof RE2JS ? undefined : compiled.error;
}

/**
 * `pattern` compiled with Go's flags (cached), or `undefined` when it does not compile.
 * @internal
 */
export function compiledGoRegex(pattern: string): RE2JS | undefined {
  const compiled = compileGo(pattern);
  return compiled instanceof RE2JS ? compiled : undefined;
}

const ANCHOR_NOTE =
  'Alertmanager anchors the regex as ^(?:<regex>)$, so it must match the whole label value: '
  + 'write ".*foo.*" to match values containing "foo"';

/**
 * Checks a regex used by an Alertmanager matcher (`=~` / `!~`, `match_re`). Alertmanager
 * compiles `^(?:<pattern>)$` with Go's `regexp` (RE2): it matches the WHOLE label value,
 * and backreferences, lookahead/lookbehind, atomic groups and possessive quantifiers are
 * rejected. The pattern must also compile on its own (so that `a)|(b`, which only compiles
 * once wrapped, is rejected).
 *
 * @param field the field name to put in the message, e.g. `matchers[0].value`
 * @param pattern the regex as written in the matcher, without anchors
 * @returns one message per problem (at most one); empty when the pattern is valid
 */
export function checkMatcherRegex(field: string, pattern: string): string[] {
  const compiled = compileGo(pattern);
  if (compiled instanceof RE2JS) { return []; }
  const { error, unsupported } = compiled;
  return [problem(field, pattern,
    `is not a valid Alertmanager regex: ${error}${unsupported ? `; ${unsupported.what}` : ''}`,
    `${unsupported ? unsupported.fix : 'fix the regex syntax (Go RE2 syntax)'}; note that ${ANCHOR_NOTE}`)];
}

/**
 * Checks a Go regex that is matched UNANCHORED (it may match anywhere in the text), such as
 * the entries of a Flux `Alert`'s `inclusionList` / `exclusionList`, which are compiled with
 * Go's `regexp` (RE2) and matched against the event message.
 *
 * @param field the field name to put in the message, e.g. `inclusionList[2]`
 * @param pattern the regex
 * @returns one message per problem (at most one); empty when the pattern is valid
 */
export function checkGoRegex(field: string, pattern: string): string[] {
  const compiled = compileGo(pattern);
  if (compiled instanceof RE2JS) { return []; }
  const { error, unsupported } = compiled;
  return [problem(field, pattern,
    `is not a valid Go (RE2) regex: ${error}${unsupported ? `; ${unsupported.what}` : ''}`,
    unsupported ? unsupported.fix : 'fix the regex syntax (Go RE2 syntax, see https://github.com/google/re2/wiki/Syntax)')];
}

const CACHE_LIMIT = 1000;
const anchoredCache = new Map<string, RE2JS>();

/**
 * Whether an Alertmanager regex matcher with `pattern` matches `value`, with Alertmanager's
 * semantics: the pattern is compiled as `^(?:<pattern>)$` with Go's RE2 flags, so it must
 * match the whole value (`warning|critical` matches `critical` but not `critical2`).
 * Compiled patterns are cached.
 *
 * @param pattern the regex as written in the matcher
 * @param value the label value (use `""` for a missing label, as Alertmanager does)
 * @returns whether the value matches
 * @throws Error if the pattern does not compile; validate it first with {@link checkMatcherRegex}
 */
export function matchesAlertmanagerRegex(pattern: string, value: string): boolean {
  let re = anchoredCache.get(pattern);
  if (re === undefined) {
    const compiled = compileGo(`^(?:${pattern})$`);
    if (!(compiled instanceof RE2JS)) {
      throw new Error(`invalid Alertmanager regex ${JSON.stringify(pattern)}: ${compiled.error}`);
    }
    if (anchoredCache.size >= CACHE_LIMIT) {
      const oldest = anchoredCache.keys().next();
      if (!oldest.done) { anchoredCache.delete(oldest.value); }
    }
    anchoredCache.set(pattern, compiled);
    re = compiled;
  }
  return re.test(value);
}

/**
 * Whether a Go regex matched UNANCHORED (as Flux matches an Alert's `inclusionList` and
 * `exclusionList` against event messages) provably matches every string: after at most one
 * leading `^` or trailing `$` (which hold at the start and the end of any text), it has no
 * assertion (`^`, `$`, `\b`, `\B`, `\A`, `\z`) and matches the empty string, so it matches at the
 * start or the end of every message. `.*`, `^`, `$`, `(?i).*`, `x*` and `` (empty) do; `.+` does
 * not (an empty message would escape it), nor does `^$`.
 * @returns false when the pattern does not compile, or when it is not provable
 */
export function goRegexMatchesEverything(pattern: string): boolean {
  if (!compiledGoRegex(pattern)) { return false; }
  let rest = pattern;
  const flags = /^(\(\?[a-zA-Z]+\))*/.exec(rest)?.[0] ?? '';
  rest = rest.slice(flags.length);
  if (rest.startsWith('^') || rest.startsWith('\\A')) {
    rest = rest.slice(rest.startsWith('^') ? 1 : 2);
  } else if (/(^|[^\\])(\\\\)*\$$/.test(rest) || /(^|[^\\])(\\\\)*\\z$/.test(rest)) {
    rest = rest.endsWith('$') ? rest.slice(0, -1) : rest.slice(0, -2);
  }
  // Assertions left anywhere (outside character classes) depend on the text: not provable.
  const outsideClasses = rest.replace(/\\./g, (m) => (/\\[bBAz]/.test(m) ? '@ASSERT@' : 'x')).replace(/\[(?:\\.|[^\]])*\]/g, 'x');
  if (/[\^$]|@ASSERT@/.test(outsideClasses)) { return false; }
  const whole = compiledGoRegex(`^(?:${flags}${rest})$`);
  return whole !== undefined && whole.matches('');
}
