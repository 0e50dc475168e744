/**
 * PromQL string literals, as Prometheus' lexer (`promql/parser/lex.go`) reads them. The
 * lezer grammar is laxer: it accepts any escape and a missing closing quote.
 *
 * Not part of the public API of `lib/validation` (not re-exported from its index).
 *
 * @module
 */

/** The result of {@link unquotePromQLString}. */
export type Unquoted =
  | { readonly value: string }
  | { readonly error: string; /** 0-based offset into the raw literal. */ readonly offset: number };

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\',
};

/** Go's `%#U`: `U+002E '.'`. */
function goRune(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${ch}'`;
}

/**
 * Unquotes a PromQL string literal (`"…"`, `'…'` or `` `…` ``), applying Go escapes and
 * rejecting what Prometheus rejects: unknown escapes such as `\.` (a frequent mistake in
 * regex matchers: write `\\.` or use a backtick string), invalid code points and unterminated
 * strings.
 *
 * @param raw the literal including its quotes
 * @returns the value, or the error in Prometheus' words and where it is
 * @internal
 */
export function unquotePromQLString(raw: string): Unquoted {
  const quote = raw[0];
  if (quote === '`') {
    if (raw.length < 2 || !raw.endsWith('`')) { return { error: 'unterminated raw string', offset: 0 }; }
    return { value: raw.slice(1, -1).replace(/\r/g, '') };
  }
  if (quote !== '"' && quote !== '\'') { return { error: 'not a string literal', offset: 0 }; }
  let value = '';
  let i = 1;
  while (i < raw.length) {
    const ch = raw[i];
    if (ch === quote) {
      return i === raw.length - 1 ? { value } : { error: 'unexpected text after the closing quote', offset: i + 1 };
    }
    if (ch === '\n') { return { error: 'unterminated quoted string', offset: 0 }; }
    if (ch !== '\\') { value += ch; i++; continue; }
    const esc = raw[i + 1];
    if (esc === undefined) { return { error: 'unterminated quoted string', offset: 0 }; }
    if (esc === quote) { value += quote; i += 2; continue; }
    if (SIMPLE_ESCAPES[esc] !== undefined) { value += SIMPLE_ESCAPES[esc]; i += 2; continue; }
    let digits: number;
    let base: number;
    let max: number;
    let skip = 2;
    if (esc >= '0' && esc <= '7') {
      [digits, base, max, skip] = [3, 8, 255, 1];
    } else if (esc === 'x') {
      [digits, base, max] = [2, 16, 255];
    } else if (esc === 'u') {
      [digits, base, max] = [4, 16, 0x10ffff];
    } else if (esc === 'U') {
      [digits, base, max] = [8, 16, 0x10ffff];
    } else {
      return { error: `unknown escape sequence ${goRune(esc)}`, offset: i };
    }
    const start = i + skip;
    const text = raw.slice(start, start + digits);
    const valid = base === 8 ? /^[0-7]+$/ : /^[0-9a-fA-F]+$/;
    if (text.length < digits || !valid.test(text)) {
      return { error: `illegal character in escape sequence ${raw.slice(i, start + digits)}`, offset: i };
    }
    const cp = parseInt(text, base);
    if (cp > max || (cp >= 0xd800 && cp < 0xe000)) {
      return { error: 'escape sequence is an invalid Unicode code point', offset: i };
    }
    value += String.fromCodePoint(cp);
    i = start + digits;
  }
  return { error: 'unterminated quoted string', offset: 0 };
}
