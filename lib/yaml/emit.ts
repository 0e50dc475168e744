/**
 * The synth path's YAML writer: the bytes `faithfulYaml(doc, { keepUndefined: true })` writes
 * (`yaml.stringify` with cdk8s' options, plus the quoting of lib/yaml/faithful.ts), about ten
 * times faster.
 *
 * Why hand-written: cdk8s writes every document with `yaml.stringify`, which first builds a
 * `Document` of node objects (a `Scalar` per value, a `Pair` per key, tag lookups per node) and
 * then prints it with a fresh context object per pair. For the fleet benchmark (8.7 MB of YAML)
 * that is over a second, as much as everything else a plain cdk8s synth does together, and
 * more than the library's checks. JSON needs none of it: with cdk8s' options (no line folding,
 * no comments, block collections) the output is a fixed function of the value, and this module
 * follows `yaml` 2.x's printing rules (stringify/stringifyString.js, stringifyPair.js,
 * stringifyCollection.js, stringifyNumber.js) for exactly that case. Whether a plain string
 * needs quotes is decided by the same tag tests `yaml` uses, read from `yaml`'s own schema.
 *
 * Anything that is not plain JSON data (undefined, a Date, a Map, a class instance, a boxed
 * value, a bigint, the same object twice, which `yaml` writes as an alias) is handed to
 * `faithfulYaml` itself, so the output is `yaml`'s in every case. test/yaml/emit.test.ts
 * checks the two byte for byte over arbitrary JSON (fast-check) and over the fleet's output.
 * @module
 */
import { Document } from 'yaml';
import { FAITHFUL_SYNTH_OPTIONS, faithfulYaml, mustDoubleQuote } from './faithful';

/** Thrown inside the emitter for a value it leaves to `yaml`. */
const NOT_PLAIN = Symbol('not plain JSON');

const INDENT_STEP = '  ';
/** `yaml`'s doubleQuotedMinMultiLineLength default. */
const MIN_MULTILINE = 40;

// stringifyString.js: characters that force double quotes (control characters, lone surrogates).
const FORCE_DOUBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
// plainString: what a plain scalar may not start, contain or end with.
const NOT_PLAIN_SAFE = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
const SPACE_AROUND_NEWLINE = /[ \t]\n|\n[ \t]/;
const TRAILING_SPACE_LINE = /\n[\t ]+$/;
// blockString's blockEndNewlines (the lookbehind form, which Node supports).
const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;

interface TagTest { readonly default?: unknown; readonly tag: string; readonly test?: RegExp }

/** The tag tests `yaml` runs on a plain string: the default tags of the schema and of `compat`. */
export const TYPE_TESTS: readonly RegExp[] = (() => {
  const schema = new Document(null, FAITHFUL_SYNTH_OPTIONS).schema as unknown as { tags: TagTest[]; compat: TagTest[] | null };
  return [...schema.tags, ...(schema.compat ?? [])]
    .filter((t) => t.default && t.tag !== 'tag:yaml.org,2002:str' && t.test)
    .map((t) => t.test!);
})();

/**
 * Whether some test of {@link TYPE_TESTS} matches `s`, as `yaml` decides whether a plain
 * string needs quotes.
 *
 * A string that starts with a letter can only match the tests' words (`null`, `yes`, `off`...,
 * at most 5 characters) or an exponent without a mantissa (`e3`, `E+5`); longer ones skip the
 * tests, which otherwise take a third of the emitter's time. That holds for the tests of the
 * pinned `yaml` version, whose sources test/yaml/emit.test.ts pins: re-check it when they change.
 */
function resolvesToOtherType(s: string): boolean {
  const c = s.charCodeAt(0);
  if (((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) && s.length > 5 && !((c === 0x65 || c === 0x45) && EXPONENT_START.test(s))) {
    return false;
  }
  if (!ALL_TESTS) { return TYPE_TESTS.some((r) => r.test(s)); }
  ALL_TESTS.lastIndex = 0;
  return ALL_TESTS.test(s);
}
const EXPONENT_START = /^[eE][-+]?[0-9]/;
// One sticky regex of all the tests when they are anchored, without flags or back-references:
// then the alternation matches exactly when one of them does.
const ALL_TESTS: RegExp | undefined = TYPE_TESTS.every((r) => r.flags === '' && r.source.startsWith('^') && r.source.endsWith('$') && !/\\[1-9]/.test(r.source))
  ? new RegExp(TYPE_TESTS.map((r) => `(?:${r.source})`).join('|'), 'y')
  : undefined;

/** `yaml`'s quotedString with `singleQuote: null`: single quotes only for a `"` without `'`. */
function quoted(value: string, indent: string, implicitKey: boolean): string {
  if (value.includes('"') && !value.includes("'")) { return singleQuoted(value, indent, implicitKey); }
  return doubleQuoted(value, indent, implicitKey);
}

function singleQuoted(value: string, indent: string, implicitKey: boolean): string {
  if ((implicitKey && value.includes('\n')) || SPACE_AROUND_NEWLINE.test(value)) {
    return doubleQuoted(value, indent, implicitKey);
  }
  const ind = indent || (DOCUMENT_MARKER.test(value) ? '  ' : '');
  return `'${value.replace(/'/g, "''").replace(/\n+/g, `$&\n${ind}`)}'`;
}

/** `yaml`'s doubleQuotedString, without folding (lineWidth 0). */
function doubleQuoted(value: string, indent: string, implicitKey: boolean): string {
  const json = JSON.stringify(value);
  const ind = indent || (DOCUMENT_MARKER.test(value) ? '  ' : '');
  let str = '';
  let start = 0;
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      // space before newline needs to be escaped to not be folded
      str += `${json.slice(start, i)}\\ `;
      i += 1;
      start = i;
      ch = '\\';
    }
    if (ch === '\\') {
      switch (json[i + 1]) {
        case 'u': {
          str += json.slice(start, i);
          const code = json.substr(i + 2, 4);
          switch (code) {
            case '0000': str += '\\0'; break;
            case '0007': str += '\\a'; break;
            case '000b': str += '\\v'; break;
            case '001b': str += '\\e'; break;
            case '0085': str += '\\N'; break;
            case '00a0': str += '\\_'; break;
            case '2028': str += '\\L'; break;
            case '2029': str += '\\P'; break;
            default:
              str += code.substr(0, 2) === '00' ? `\\x${code.substr(2)}` : json.substr(i, 6);
          }
          i += 5;
          start = i + 1;
          break;
        }
        case 'n':
          if (implicitKey || json[i + 2] === '"' || json.length < MIN_MULTILINE) {
            i += 1;
          } else {
            // folding will eat first newline
            str += `${json.slice(start, i)}\n\n`;
            while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
              str += '\n';
              i += 2;
            }
            str += ind;
            // space after newline needs to be escaped to not be folded
            if (json[i + 2] === ' ') { str += '\\'; }
            i += 1;
            start = i + 1;
          }
          break;
        default:
          i += 1;
      }
    }
  }
  return start ? str + json.slice(start) : json;
}

/** `yaml`'s blockString for a literal block (lineWidth 0 never folds), no comments. */
function blockString(input: string, indent: string, implicitKey: boolean, forceBlockIndent: boolean): string {
  if (TRAILING_SPACE_LINE.test(input)) { return quoted(input, indent, implicitKey); }
  const ind = indent || (forceBlockIndent || DOCUMENT_MARKER.test(input) ? '  ' : '');
  if (!input) { return '|\n'; }
  let value = input;
  let chomp: string;
  let endStart: number;
  for (endStart = value.length; endStart > 0; --endStart) {
    const ch = value[endStart - 1];
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') { break; }
  }
  let end = value.substring(endStart);
  const endNlPos = end.indexOf('\n');
  if (endNlPos === -1) {
    chomp = '-';
  } else if (value === end || endNlPos !== end.length - 1) {
    chomp = '+';
  } else {
    chomp = '';
  }
  if (end) {
    value = value.slice(0, -end.length);
    if (end[end.length - 1] === '\n') { end = end.slice(0, -1); }
    end = end.replace(BLOCK_END_NEWLINES, `$&${ind}`);
  }
  let startWithSpace = false;
  let startEnd: number;
  let startNlPos = -1;
  for (startEnd = 0; startEnd < value.length; ++startEnd) {
    const ch = value[startEnd];
    if (ch === ' ') { startWithSpace = true; } else if (ch === '\n') { startNlPos = startEnd; } else { break; }
  }
  let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${ind}`);
  }
  const header = (startWithSpace ? (ind ? '2' : '1') : '') + chomp;
  value = value.replace(/\n+/g, `$&${ind}`);
  return `|${header}\n${ind}${start}${value}${end}`;
}

// Starts with a letter, then letters, digits and `._/-`: none of the rules above applies (no
// indicator, no `: ` or ` #`, no document marker, no control character, no whitespace), so
// only the type tests are left. Most keys and names are like this.
const SIMPLE = /^[A-Za-z][A-Za-z0-9_./-]*$/;

/** `yaml`'s stringifyString for a string without a set style (plain preferred). */
function scalarString(value: string, indent: string, implicitKey: boolean): string {
  if (SIMPLE.test(value)) { return resolvesToOtherType(value) ? doubleQuoted(value, indent, implicitKey) : value; }
  if (FORCE_DOUBLE.test(value) || mustDoubleQuote(value)) { return doubleQuoted(value, indent, implicitKey); }
  const multiline = value.includes('\n');
  if (implicitKey && multiline) { return quoted(value, indent, implicitKey); }
  if (NOT_PLAIN_SAFE.test(value)) {
    return implicitKey || !multiline ? quoted(value, indent, implicitKey) : blockString(value, indent, implicitKey, false);
  }
  if (!implicitKey && multiline) { return blockString(value, indent, implicitKey, false); }
  if (DOCUMENT_MARKER.test(value)) {
    if (indent === '') { return blockString(value, indent, implicitKey, true); }
    if (implicitKey && indent === INDENT_STEP) { return quoted(value, indent, implicitKey); }
  }
  // No newline is left here, so the plain text is the value itself.
  if (resolvesToOtherType(value)) { return quoted(value, indent, implicitKey); }
  return value;
}

/** `yaml`'s stringifyNumber for a number created from a value (no format, no fraction digits). */
function scalarNumber(n: number): string {
  if (!isFinite(n)) { return isNaN(n) ? '.nan' : n < 0 ? '-.inf' : '.inf'; }
  return Object.is(n, -0) ? '-0' : JSON.stringify(n);
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The per-document state: the objects seen so far (a second sighting is an alias in `yaml`). */
interface State { readonly seen: Set<object> }

function enter(v: object, state: State): void {
  if (state.seen.has(v)) { throw NOT_PLAIN; }
  state.seen.add(v);
}

/** A value in block context at `indent` (its own lines start there), not as a key. */
function node(v: unknown, indent: string, state: State): string {
  switch (typeof v) {
    case 'string': return scalarString(v, indent, false);
    case 'number': return scalarNumber(v);
    case 'boolean': return v ? 'true' : 'false';
    case 'object':
      if (v === null) { return 'null'; }
      if (Array.isArray(v)) {
        if (Object.getPrototypeOf(v) !== Array.prototype) { throw NOT_PLAIN; }
        return sequence(v, indent, state);
      }
      if (!isPlainObject(v)) { throw NOT_PLAIN; }
      return mapping(v as Record<string, unknown>, indent, state);
    default:
      throw NOT_PLAIN; // undefined, bigint, symbol, function
  }
}

/** stringifyBlockCollection of a YAMLSeq whose ctx.indent is `indent`. */
function sequence(items: readonly unknown[], indent: string, state: State): string {
  enter(items, state);
  if (items.length === 0) { return '[]'; }
  const itemIndent = indent + INDENT_STEP;
  let out = '';
  for (let i = 0; i < items.length; i++) {
    if (!(i in items)) { throw NOT_PLAIN; } // a hole is undefined to `yaml`
    const s = node(items[i], itemIndent, state);
    out += i === 0 ? `- ${s}` : `\n${indent}- ${s}`;
  }
  return out;
}

/** stringifyBlockCollection of a YAMLMap whose ctx.indent is `indent`, with stringifyPair. */
function mapping(obj: Record<string, unknown>, indent: string, state: State): string {
  enter(obj, state);
  const keys = Object.keys(obj);
  if (keys.length === 0) { return '{}'; }
  const inner = indent + INDENT_STEP;
  let out = '';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = obj[key];
    let pair = scalarString(key, inner, true);
    const explicitKey = pair.length > 1024;
    pair = explicitKey ? `? ${pair}\n${indent}:` : `${pair}:`;
    const valueStr = node(value, inner, state);
    // A non-empty collection starts on the next line; an empty one is `{}` or `[]` (which no
    // string value is written as: those are quoted).
    if (!explicitKey && value !== null && typeof value === 'object' && valueStr !== '{}' && valueStr !== '[]') {
      pair += `\n${inner}${valueStr}`;
    } else if (valueStr === '' || valueStr[0] === '\n') {
      pair += valueStr;
    } else {
      pair += ` ${valueStr}`;
    }
    out += i === 0 ? pair : `\n${indent}${pair}`;
  }
  return out;
}

/**
 * `value`, which must be plain JSON data, as one YAML document.
 * @throws a symbol (not an Error) for anything else
 * @internal exported for tests, which hold it to `yaml` without the fallback
 */
export function emitPlainYaml(value: unknown): string {
  return `${node(value, '', { seen: new Set() })}\n`;
}

/**
 * `value` as one YAML document: exactly `faithfulYaml(value, { keepUndefined: true })`.
 */
export function emitYaml(value: unknown): string {
  try {
    return emitPlainYaml(value);
  } catch (e) {
    if (e !== NOT_PLAIN) { throw e; }
    return faithfulYaml(value, { keepUndefined: true });
  }
}

/**
 * Documents as one multi-document YAML text, as cdk8s' `Yaml.stringify(...docs)` joins them
 * (an undefined document is an empty line), with {@link emitYaml} for each.
 */
export function emitYamlDocuments(docs: readonly unknown[]): string {
  return docs.map((d) => (d === undefined ? '\n' : emitYaml(d))).join('---\n');
}
