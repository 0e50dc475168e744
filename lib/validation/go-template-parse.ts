/**
 * A parser for Go's text/template language, the language of Prometheus alert labels and
 * annotations and of Alertmanager notification templates.
 *
 * Written by hand because no npm package fits: `@ctrl/golang-template` implements a subset of
 * the syntax; `@mdfriday/text-template` is unlicensed (all rights reserved) and obfuscated;
 * `@evertdespiegeleer/go-template` wraps Go's engine compiled to WebAssembly (5 MB) but only
 * executes a template with Go's builtins, with no way to declare Prometheus' or Alertmanager's
 * functions or to get a syntax tree. This parser follows the behaviour of Go's
 * `text/template/parse` (lexer states, trim markers, comments, declarations and scopes,
 * `else if` chains, `break`/`continue` inside `range`, `define`/`block`/`template`, literal
 * syntax of strings, raw strings, characters and numbers), so it accepts and rejects what
 * `template.New(name).Funcs(funcs).Parse(text)` does. It stops at the first error, as Go does.
 * `test/validation/go-template*.test.ts` and the promtool/amtool agreement tests prove it.
 *
 * @module
 */

/** The kinds of tokens (Go's `itemType`). */
type ItemType =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'complex' | 'comment' | 'assign' | 'declare' | 'eof' | 'field'
  | 'identifier' | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString' | 'rightDelim'
  | 'rightParen' | 'space' | 'string' | 'text' | 'variable'
  // keywords
  | 'block' | 'break' | 'continue' | 'dot' | 'define' | 'else' | 'end' | 'if' | 'nil' | 'range' | 'template' | 'with';

const KEYWORDS: ReadonlySet<ItemType> = new Set<ItemType>(['block', 'break', 'continue', 'dot', 'define', 'else', 'end', 'if', 'nil', 'range', 'template', 'with']);
const KEYWORD_BY_WORD: ReadonlyMap<string, ItemType> = new Map<string, ItemType>([
  ['.', 'dot'], ['block', 'block'], ['break', 'break'], ['continue', 'continue'], ['define', 'define'], ['else', 'else'],
  ['end', 'end'], ['if', 'if'], ['range', 'range'], ['nil', 'nil'], ['template', 'template'], ['with', 'with'],
]);

interface Item {
  readonly type: ItemType;
  /** Offset of the token's first character in the text. */
  readonly pos: number;
  readonly val: string;
}

const LEFT_DELIM = '{{';
const RIGHT_DELIM = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';
const EOF = -1;

function isSpace(r: number): boolean {
  return r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
}

function isAlphaNumeric(r: number): boolean {
  if (r === EOF) { return false; }
  if (r === 0x5f) { return true; }
  if (r < 0x80) { return (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a); }
  const ch = String.fromCodePoint(r);
  return /\p{L}|\p{Nd}/u.test(ch);
}

/** Go's `%#U`: `U+002F '/'`. */
function describeRune(r: number): string {
  if (r === EOF) { return 'EOF'; }
  const hex = r.toString(16).toUpperCase().padStart(4, '0');
  const printable = r >= 0x20 && r !== 0x7f && !(r >= 0x80 && r < 0xa0);
  return printable ? `U+${hex} '${String.fromCodePoint(r)}'` : `U+${hex}`;
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return s.length - at >= 2 && s[at] === '-' && isSpace(s.charCodeAt(at + 1));
}

function hasRightTrimMarker(s: string, at: number): boolean {
  return s.length - at >= 2 && isSpace(s.charCodeAt(at)) && s[at + 1] === '-';
}

/** Raised inside the lexer and parser; turned into a {@link GoTemplateError}. */
class ParseFailure extends Error {
  constructor(public readonly offset: number, message: string) { super(message); }
}

/**
 * Go's lexer (`text/template/parse/lex.go`), run to completion up front: Go's lexer runs in a
 * goroutine but the parser only ever reads ahead, so the token stream is the same.
 */
class Lexer {
  private pos = 0;
  private start = 0;
  private parenDepth = 0;
  private readonly items: Item[] = [];

  constructor(private readonly input: string, private readonly breakOK: boolean, private readonly continueOK: boolean) {}

  /** The tokens; a lexical error ends them with an `error` token, as Go's lexer does. */
  public run(): Item[] {
    let state: (() => unknown) | undefined = () => this.lexText();
    try {
      while (state) { state = state() as (() => unknown) | undefined; }
    } catch (e) {
      if (!(e instanceof ParseFailure)) { throw e; }
      this.items.push({ type: 'error', pos: e.offset, val: e.message });
    }
    return this.items;
  }

  private next(): number {
    if (this.pos >= this.input.length) { this.width = 0; return EOF; }
    const r = this.input.codePointAt(this.pos)!;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  private width = 0;

  private backup(): void { this.pos -= this.width; }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private emit(type: ItemType): void {
    this.items.push({ type, pos: this.start, val: this.input.slice(this.start, this.pos) });
    this.start = this.pos;
  }

  private ignore(): void { this.start = this.pos; }

  private accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) { return true; }
    this.backup();
    return false;
  }

  private acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || !valid.includes(String.fromCodePoint(r))) { break; }
    }
    this.backup();
  }

  private errorf(message: string): undefined {
    throw new ParseFailure(this.start, message);
  }

  private atRightDelim(): { delim: boolean; trimSpace: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(RIGHT_DELIM, this.pos + 2)) {
      return { delim: true, trimSpace: true };
    }
    if (this.input.startsWith(RIGHT_DELIM, this.pos)) { return { delim: true, trimSpace: false }; }
    return { delim: false, trimSpace: false };
  }

  private lexText(): (() => unknown) | undefined {
    const x = this.input.indexOf(LEFT_DELIM, this.pos);
    if (x >= 0) {
      if (x > this.pos) {
        this.pos = x;
        let trimLength = 0;
        if (hasLeftTrimMarker(this.input, x + LEFT_DELIM.length)) {
          const text = this.input.slice(this.start, this.pos);
          trimLength = text.length - text.replace(/[ \t\r\n]+$/, '').length;
        }
        this.pos -= trimLength;
        if (this.pos > this.start) { this.emit('text'); }
        this.pos += trimLength;
        this.ignore();
      }
      return () => this.lexLeftDelim();
    }
    this.pos = this.input.length;
    if (this.pos > this.start) { this.emit('text'); }
    this.emit('eof');
    return undefined;
  }

  private lexLeftDelim(): () => unknown {
    this.pos += LEFT_DELIM.length;
    const trimSpace = hasLeftTrimMarker(this.input, this.pos);
    const afterMarker = trimSpace ? 2 : 0;
    if (this.input.startsWith(LEFT_COMMENT, this.pos + afterMarker)) {
      this.pos += afterMarker;
      this.ignore();
      return () => this.lexComment();
    }
    this.emit('leftDelim');
    this.pos += afterMarker;
    this.ignore();
    this.parenDepth = 0;
    return () => this.lexInsideAction();
  }

  private lexComment(): (() => unknown) | undefined {
    this.pos += LEFT_COMMENT.length;
    const x = this.input.indexOf(RIGHT_COMMENT, this.pos);
    if (x < 0) { return this.errorf('unclosed comment'); }
    this.pos = x + RIGHT_COMMENT.length;
    const { delim, trimSpace } = this.atRightDelim();
    if (!delim) { return this.errorf('comment ends before closing delimiter'); }
    if (trimSpace) { this.pos += 2; }
    this.pos += RIGHT_DELIM.length;
    if (trimSpace) { this.pos += leftTrimLength(this.input, this.pos); }
    this.ignore();
    return () => this.lexText();
  }

  private lexRightDelim(): () => unknown {
    const trimSpace = hasRightTrimMarker(this.input, this.pos);
    if (trimSpace) {
      this.pos += 2;
      this.ignore();
    }
    this.pos += RIGHT_DELIM.length;
    this.emit('rightDelim');
    if (trimSpace) {
      this.pos += leftTrimLength(this.input, this.pos);
      this.ignore();
    }
    return () => this.lexText();
  }

  private lexInsideAction(): (() => unknown) | undefined {
    const { delim } = this.atRightDelim();
    if (delim) {
      if (this.parenDepth === 0) { return () => this.lexRightDelim(); }
      return this.errorf('unclosed left paren');
    }
    const r = this.next();
    if (r === EOF) { return this.errorf('unclosed action'); }
    if (isSpace(r)) {
      this.backup();
      return () => this.lexSpace();
    }
    switch (r) {
      case 0x3d: // '='
        this.emit('assign');
        return () => this.lexInsideAction();
      case 0x3a: // ':'
        if (this.next() !== 0x3d) { return this.errorf('expected :='); }
        this.emit('declare');
        return () => this.lexInsideAction();
      case 0x7c: // '|'
        this.emit('pipe');
        return () => this.lexInsideAction();
      case 0x22: // '"'
        return () => this.lexQuote();
      case 0x60: // '`'
        return () => this.lexRawQuote();
      case 0x24: // '$'
        return () => this.lexFieldOrVariable('variable');
      case 0x27: // '\''
        return () => this.lexChar();
      case 0x28: // '('
        this.emit('leftParen');
        this.parenDepth++;
        return () => this.lexInsideAction();
      case 0x29: // ')'
        this.emit('rightParen');
        this.parenDepth--;
        if (this.parenDepth < 0) { return this.errorf(`unexpected right paren ${describeRune(r)}`); }
        return () => this.lexInsideAction();
      default:
    }
    if (r === 0x2e) { // '.'
      if (this.pos < this.input.length) {
        const c = this.input.charCodeAt(this.pos);
        if (c < 0x30 || c > 0x39) { return () => this.lexFieldOrVariable('field'); }
      }
      this.backup();
      return () => this.lexNumber();
    }
    if (r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
      this.backup();
      return () => this.lexNumber();
    }
    if (isAlphaNumeric(r)) {
      this.backup();
      return () => this.lexIdentifier();
    }
    if (r <= 0x7f && r >= 0x20 && r !== 0x7f) {
      this.emit('char');
      return () => this.lexInsideAction();
    }
    return this.errorf(`unrecognized character in action: ${describeRune(r)}`);
  }

  private lexSpace(): () => unknown {
    let numSpaces = 0;
    for (;;) {
      const r = this.peek();
      if (!isSpace(r)) { break; }
      this.next();
      numSpaces++;
    }
    // A space followed by "-}}" belongs to the trim-marked closing delimiter.
    if (hasRightTrimMarker(this.input, this.pos - 1) && this.input.startsWith(RIGHT_DELIM, this.pos - 1 + 2)) {
      this.pos -= 1;
      if (numSpaces === 1) { return () => this.lexInsideAction(); }
    }
    this.emit('space');
    return () => this.lexInsideAction();
  }

  private lexIdentifier(): (() => unknown) | undefined {
    for (;;) {
      const r = this.next();
      if (isAlphaNumeric(r)) { continue; }
      this.backup();
      const word = this.input.slice(this.start, this.pos);
      if (!this.atTerminator()) { return this.errorf(`bad character ${describeRune(r)}`); }
      const keyword = KEYWORD_BY_WORD.get(word);
      if (keyword !== undefined) {
        if ((keyword === 'break' && !this.breakOK) || (keyword === 'continue' && !this.continueOK)) {
          this.emit('identifier');
        } else {
          this.emit(keyword);
        }
      } else if (word[0] === '.') {
        this.emit('field');
      } else if (word === 'true' || word === 'false') {
        this.emit('bool');
      } else {
        this.emit('identifier');
      }
      return () => this.lexInsideAction();
    }
  }

  private lexFieldOrVariable(type: 'field' | 'variable'): (() => unknown) | undefined {
    if (this.atTerminator()) {
      this.emit(type === 'variable' ? 'variable' : 'dot');
      return () => this.lexInsideAction();
    }
    let r: number;
    for (;;) {
      r = this.next();
      if (!isAlphaNumeric(r)) {
        this.backup();
        break;
      }
    }
    if (!this.atTerminator()) { return this.errorf(`bad character ${describeRune(r)}`); }
    this.emit(type);
    return () => this.lexInsideAction();
  }

  private atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) { return true; }
    switch (r) {
      case EOF: case 0x2e: case 0x2c: case 0x7c: case 0x3a: case 0x29: case 0x28:
        return true;
      default:
    }
    // Go compares with the first rune of the right delimiter only.
    return r === RIGHT_DELIM.charCodeAt(0);
  }

  private lexChar(): (() => unknown) | undefined {
    for (;;) {
      let r = this.next();
      if (r === 0x5c) {
        r = this.next();
        if (r !== EOF && r !== 0x0a) { continue; }
      }
      if (r === EOF || r === 0x0a) { return this.errorf('unterminated character constant'); }
      if (r === 0x27) { break; }
    }
    this.emit('charConstant');
    return () => this.lexInsideAction();
  }

  private lexNumber(): (() => unknown) | undefined {
    if (!this.scanNumber()) { return this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`); }
    const sign = this.peek();
    if (sign === 0x2b || sign === 0x2d) {
      // Complex: 1+2i. No spaces, must end in 'i'.
      if (!this.scanNumber() || this.input[this.pos - 1] !== 'i') {
        return this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
      }
      this.emit('complex');
    } else {
      this.emit('number');
    }
    return () => this.lexInsideAction();
  }

  private scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) {
        digits = '0123456789abcdefABCDEF_';
      } else if (this.accept('oO')) {
        digits = '01234567_';
      } else if (this.accept('bB')) {
        digits = '01_';
      }
    }
    this.acceptRun(digits);
    if (this.accept('.')) { this.acceptRun(digits); }
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }

  private lexQuote(): (() => unknown) | undefined {
    for (;;) {
      let r = this.next();
      if (r === 0x5c) {
        r = this.next();
        if (r !== EOF && r !== 0x0a) { continue; }
      }
      if (r === EOF || r === 0x0a) { return this.errorf('unterminated quoted string'); }
      if (r === 0x22) { break; }
    }
    this.emit('string');
    return () => this.lexInsideAction();
  }

  private lexRawQuote(): (() => unknown) | undefined {
    for (;;) {
      const r = this.next();
      if (r === EOF) { return this.errorf('unterminated raw quoted string'); }
      if (r === 0x60) { break; }
    }
    this.emit('rawString');
    return () => this.lexInsideAction();
  }
}

function leftTrimLength(s: string, at: number): number {
  let i = at;
  while (i < s.length && isSpace(s.charCodeAt(i))) { i++; }
  return i - at;
}

/** Go's `%q` for a plain string (close enough for messages). */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

// ---------------------------------------------------------------------------------------
// Literals: Go's strconv.Unquote, strconv.UnquoteChar and the number rules of parse.newNumber.

const SIMPLE_ESCAPES = 'abfnrtv\\';

/**
 * Decodes one Go escape sequence or character at `s[i]` inside a literal quoted by `quote`.
 * Returns the index after it, or -1 when invalid (Go's `strconv.ErrSyntax`).
 */
function unquoteChar(s: string, i: number, quote: string): number {
  const c = s[i];
  if (c === quote && (quote === '\'' || quote === '"')) { return -1; }
  if (c !== '\\') { return i + (s.codePointAt(i)! > 0xffff ? 2 : 1); }
  const e = s[i + 1];
  if (e === undefined) { return -1; }
  if (SIMPLE_ESCAPES.includes(e)) { return i + 2; }
  if (e === '\'' || e === '"') { return e === quote ? i + 2 : -1; }
  if (e === 'x' || e === 'u' || e === 'U') {
    const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
    const hex = s.slice(i + 2, i + 2 + n);
    if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) { return -1; }
    if (e !== 'x') {
      const v = parseInt(hex, 16);
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) { return -1; }
    }
    return i + 2 + n;
  }
  if (e >= '0' && e <= '7') {
    const oct = s.slice(i + 1, i + 4);
    if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) { return -1; }
    return i + 4;
  }
  return -1;
}

/** Whether `lit` (with its quotes) is a valid Go string literal, as strconv.Unquote decides. */
function validStringLiteral(lit: string): boolean {
  if (lit.length < 2) { return false; }
  const quote = lit[0];
  if (lit[lit.length - 1] !== quote) { return false; }
  const body = lit.slice(1, -1);
  if (quote === '`') { return !body.includes('`'); }
  if (quote !== '"') { return false; }
  if (body.includes('\n')) { return false; }
  let i = 0;
  while (i < body.length) {
    const j = unquoteChar(body, i, '"');
    if (j < 0) { return false; }
    i = j;
  }
  return true;
}

/** The value of a valid Go string literal, as far as template names need it (common escapes). */
function stringValue(lit: string): string {
  if (lit[0] === '`') { return lit.slice(1, -1).replace(/\r/g, ''); }
  try {
    return JSON.parse(lit) as string;
  } catch {
    return lit.slice(1, -1);
  }
}

/** Go's parse.newNumber for a char constant; an error message or undefined. */
function charConstantProblem(text: string): string | undefined {
  const j = unquoteChar(text, 1, '\'');
  if (j < 0) { return 'invalid syntax'; }
  if (text.slice(j) !== '\'') { return `malformed character constant: ${text}`; }
  return undefined;
}

/** Go's strconv.underscoreOK: `_` only between digits, or between a base prefix and a digit. */
function underscoresOK(text: string): boolean {
  const s = text.replace(/^[+-]/, '');
  let saw = '^';
  let hex = false;
  let i = 0;
  if (s.length >= 2 && s[0] === '0' && /[bBoOxX]/.test(s[1])) {
    i = 2;
    saw = '0';
    hex = /[xX]/.test(s[1]);
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') { return false; }
      saw = '_';
      continue;
    }
    if (saw === '_') { return false; }
    saw = '!';
  }
  return saw !== '_';
}

/** Go's parse.newNumber for itemNumber and itemComplex; an error message or undefined. */
function numberProblem(text: string): string | undefined {
  const illegal = `illegal number syntax: ${goQuote(text)}`;
  if (text.endsWith('i') && goFloatValid(text.slice(0, -1))) { return undefined; } // imaginary constant
  if (goIntValid(text)) { return undefined; }
  if (goFloatValid(text)) {
    if (!/[.eEpP]/.test(text)) { return `integer overflow: ${goQuote(text)}`; }
    return undefined;
  }
  return illegal;
}

/** Go's parse.newNumber for itemComplex (`1+2i`), which fmt.Sscan reads as a complex128. */
function complexProblem(text: string): string | undefined {
  const split = /^([+-]?.*?[^eEpP+-])([+-].*)i$/.exec(text);
  if (!split || !goFloatValid(split[1]) || !goFloatValid(split[2])) { return 'syntax error scanning complex number'; }
  return undefined;
}

function goIntValid(text: string): boolean {
  if (!underscoresOK(text)) { return false; }
  const s = text.replace(/_/g, '');
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) { return false; }
  let digits = m[2];
  let value: bigint;
  if (/^0[oO]/.test(digits)) { digits = `0o${digits.slice(2)}`; } else if (/^0[0-7]+$/.test(digits)) { digits = `0o${digits.slice(1)}`; }
  try { value = BigInt(digits); } catch { return false; }
  if (m[1] === '-') { return value <= 2n ** 63n; }
  return value <= 2n ** 64n - 1n;
}

function goFloatValid(text: string): boolean {
  if (!underscoresOK(text)) { return false; }
  const s = text.replace(/_/g, '');
  if (/^[+-]?(inf|infinity|nan)$/i.test(s)) { return true; }
  if (/^[+-]?0[xX]/.test(s)) {
    return /^[+-]?0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?[0-9]+$/.test(s);
  }
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(s)) { return false; }
  return Number.isFinite(Number(s)); // Go: value out of range
}

// ---------------------------------------------------------------------------------------
// The syntax tree.

/** A node of a parsed template. */
export type GoTemplateNode =
  | { readonly type: 'list'; readonly pos: number; readonly nodes: GoTemplateNode[] }
  | { readonly type: 'text'; readonly pos: number; readonly text: string }
  | { readonly type: 'action'; readonly pos: number; readonly pipe: GoTemplatePipe }
  | { readonly type: 'if' | 'range' | 'with'; readonly pos: number; readonly pipe: GoTemplatePipe; readonly list: GoTemplateNode; readonly elseList?: GoTemplateNode }
  | { readonly type: 'template'; readonly pos: number; readonly name: string; readonly pipe?: GoTemplatePipe }
  | { readonly type: 'break' | 'continue'; readonly pos: number };

/** A pipeline: optional declarations, then commands separated by `|`. */
export interface GoTemplatePipe {
  readonly type: 'pipe';
  readonly pos: number;
  readonly decl: GoTemplateArg[];
  readonly isAssign: boolean;
  readonly cmds: GoTemplateCommand[];
}

/** A command: a function call, a method or field chain, or a value. */
export interface GoTemplateCommand {
  readonly pos: number;
  readonly args: GoTemplateArg[];
}

/** An operand. */
export type GoTemplateArg =
  | { readonly type: 'identifier'; readonly pos: number; readonly name: string }
  | { readonly type: 'dot' | 'nil'; readonly pos: number }
  | { readonly type: 'variable'; readonly pos: number; readonly ident: string[] }
  | { readonly type: 'field'; readonly pos: number; readonly ident: string[] }
  | { readonly type: 'chain'; readonly pos: number; readonly node: GoTemplateArg; readonly fields: string[] }
  | { readonly type: 'bool'; readonly pos: number; readonly value: boolean }
  | { readonly type: 'number'; readonly pos: number; readonly text: string }
  | { readonly type: 'string'; readonly pos: number; readonly text: string; readonly value: string }
  | GoTemplatePipe;

/** A parsed template: the main tree and the templates it defines. */
export interface GoTemplateTrees {
  readonly root: GoTemplateNode;
  /** Templates defined with `define` or `block`, by name. */
  readonly defined: ReadonlyMap<string, GoTemplateNode>;
}

/** A parse error, as Go reports it. */
export interface GoTemplateError {
  /** Offset of the token where the parser stopped. */
  readonly offset: number;
  /** Go's message, without the `template: name:line:` prefix. */
  readonly message: string;
}

/** Options of {@link parseGoTemplate}. */
export interface GoTemplateParseOptions {
  /** Names of the functions the template may call (besides Go's builtins, which are added). */
  readonly functions: ReadonlySet<string>;
  /**
   * Variables in scope at the top level besides `$` (Prometheus declares `$labels`, `$value`...).
   * @default none
   */
  readonly variables?: readonly string[];
  /**
   * Whether `{{else with}}` is accepted (Go 1.23 and later).
   * @default false
   */
  readonly elseWith?: boolean;
}

/** Go's text/template builtin functions (`text/template/funcs.go`). */
export const GO_BUILTIN_FUNCTIONS: readonly string[] = [
  'and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print', 'printf', 'println', 'urlquery',
  'eq', 'ge', 'gt', 'le', 'lt', 'ne',
];

function describeItem(i: Item): string {
  if (i.type === 'eof') { return 'EOF'; }
  if (KEYWORDS.has(i.type)) { return `<${i.val}>`; }
  if (i.val.length > 10) { return `${goQuote(i.val.slice(0, 10))}...`; }
  return goQuote(i.val);
}

function describeNode(n: GoTemplateNode | { type: 'end' | 'else'; pos: number }): string {
  return n.type === 'end' ? '{{end}}' : n.type === 'else' ? '{{else}}' : n.type;
}

type ListEnd = { type: 'end' | 'else'; pos: number };

function isListEnd(n: GoTemplateNode | ListEnd): n is ListEnd {
  return n.type === 'end' || n.type === 'else';
}

interface ControlParts {
  readonly pos: number;
  readonly pipe: GoTemplatePipe;
  readonly list: GoTemplateNode;
  readonly elseList?: GoTemplateNode;
}

/** Go's `parse.Tree`: one per template (main, each define, each block). */
class TreeParser {
  private vars: string[];
  private rangeDepth = 0;

  constructor(
    private readonly items: Item[],
    private cursor: { i: number },
    private readonly options: GoTemplateParseOptions,
    private readonly defined: Map<string, GoTemplateNode>,
    topVars: readonly string[],
  ) {
    this.vars = ['$', ...topVars];
  }

  // -- token access ---------------------------------------------------------------------
  private next(): Item { return this.items[Math.min(this.cursor.i++, this.items.length - 1)]; }
  private backup(n = 1): void { this.cursor.i -= n; }
  private peek(): Item { return this.items[Math.min(this.cursor.i, this.items.length - 1)]; }
  private nextNonSpace(): Item {
    let t = this.next();
    while (t.type === 'space') { t = this.next(); }
    return t;
  }
  private peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  private errorf(at: Item | number, message: string): never {
    throw new ParseFailure(typeof at === 'number' ? at : at.pos, message);
  }
  private unexpected(t: Item, context: string): never {
    if (t.type === 'error') { this.errorf(t, t.val); }
    this.errorf(t, `unexpected ${describeItem(t)} in ${context}`);
  }
  private expect(type: ItemType, context: string): Item {
    const t = this.nextNonSpace();
    if (t.type !== type) { this.unexpected(t, context); }
    return t;
  }

  private hasFunction(name: string): boolean {
    return this.options.functions.has(name) || GO_BUILTIN_FUNCTIONS.includes(name);
  }

  // -- top level ------------------------------------------------------------------------
  /** Go's Tree.parse: the main template, with `define`s split off. */
  public parse(): GoTemplateNode {
    const nodes: GoTemplateNode[] = [];
    const pos = this.peek().pos;
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const mark = this.cursor.i;
        this.next();
        if (this.nextNonSpace().type === 'define') {
          new TreeParser(this.items, this.cursor, this.options, this.defined, []).parseDefinition();
          continue;
        }
        this.cursor.i = mark;
      }
      const n = this.textOrAction();
      if (isListEnd(n)) { this.errorf(n.pos, `unexpected ${describeNode(n)}`); }
      nodes.push(n);
    }
    return { type: 'list', pos, nodes };
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const name = this.nextNonSpace();
    if (name.type !== 'string' && name.type !== 'rawString') { this.unexpected(name, context); }
    if (!validStringLiteral(name.val)) { this.errorf(name, 'invalid syntax'); }
    this.expect('rightDelim', context);
    const [list, end] = this.itemList();
    if (end.type !== 'end') { this.errorf(end.pos, `unexpected ${describeNode(end)} in ${context}`); }
    this.add(stringValue(name.val), list, name.pos);
  }

  private add(name: string, list: GoTemplateNode, pos: number): void {
    const old = this.defined.get(name);
    if (old !== undefined && !isEmptyTree(old) && !isEmptyTree(list)) {
      this.errorf(pos, `template: multiple definition of template ${goQuote(name)}`);
    }
    if (old === undefined || isEmptyTree(old)) { this.defined.set(name, list); }
  }

  private itemList(): [GoTemplateNode, ListEnd] {
    const nodes: GoTemplateNode[] = [];
    const pos = this.peekNonSpace().pos;
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (isListEnd(n)) { return [{ type: 'list', pos, nodes }, n]; }
      nodes.push(n);
    }
    return this.errorf(this.peek(), 'unexpected EOF');
  }

  private textOrAction(): GoTemplateNode | ListEnd {
    const t = this.nextNonSpace();
    switch (t.type) {
      case 'text': return { type: 'text', pos: t.pos, text: t.val };
      case 'leftDelim': return this.action();
      default: return this.unexpected(t, 'input');
    }
  }

  private action(): GoTemplateNode | ListEnd {
    const t = this.nextNonSpace();
    switch (t.type) {
      case 'block': return this.blockControl();
      case 'break': return this.loopControl(t, 'break');
      case 'continue': return this.loopControl(t, 'continue');
      case 'else': return this.elseControl();
      case 'end': return { type: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if': return { type: 'if', ...this.parseControl(true, false, 'if') };
      case 'range': return { type: 'range', ...this.parseControl(false, false, 'range') };
      case 'template': return this.templateControl();
      case 'with': return { type: 'with', ...this.parseControl(false, this.options.elseWith === true, 'with') };
      default:
    }
    this.backup();
    const pos = this.peek().pos;
    return { type: 'action', pos, pipe: this.pipeline('command', 'rightDelim') };
  }

  private loopControl(t: Item, word: 'break' | 'continue'): GoTemplateNode {
    const n = this.nextNonSpace();
    if (n.type !== 'rightDelim') { this.unexpected(n, `{{${word}}}`); }
    if (this.rangeDepth === 0) { this.errorf(t, `{{${word}}} outside {{range}}`); }
    return { type: word, pos: t.pos };
  }

  private elseControl(): ListEnd {
    const peek = this.peekNonSpace();
    if (peek.type === 'if' || (peek.type === 'with' && this.options.elseWith === true)) {
      // "{{else if x}}" is "{{else}}{{if x}}...{{end}}{{end}}" with one {{end}}.
      return { type: 'else', pos: peek.pos };
    }
    return { type: 'else', pos: this.expect('rightDelim', 'else').pos };
  }

  private parseControl(allowElseIf: boolean, allowElseWith: boolean, context: 'if' | 'range' | 'with'): ControlParts {
    const depth = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') { this.rangeDepth++; }
      const [list, next] = this.itemList();
      if (context === 'range') { this.rangeDepth--; }
      let elseList: GoTemplateNode | undefined;
      if (next.type === 'else') {
        const chained = (allowElseIf && this.peek().type === 'if') || (allowElseWith && this.peek().type === 'with');
        if (chained) {
          const kw = this.next().type as 'if' | 'with';
          const inner: ControlParts = this.parseControl(kw === 'if', kw === 'with', kw);
          elseList = { type: 'list', pos: next.pos, nodes: [{ type: kw, ...inner }] };
        } else {
          const [els, end] = this.itemList();
          if (end.type !== 'end') { this.errorf(end.pos, `expected end; found ${describeNode(end)}`); }
          elseList = els;
        }
      }
      return { pos: pipe.pos, pipe, list, elseList };
    } finally {
      this.vars.length = depth;
    }
  }

  private blockControl(): GoTemplateNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const block = new TreeParser(this.items, this.cursor, this.options, this.defined, []);
    const [list, end] = block.itemList();
    if (end.type !== 'end') { this.errorf(end.pos, `unexpected ${describeNode(end)} in ${context}`); }
    block.add(name, list, token.pos);
    return { type: 'template', pos: token.pos, name, pipe };
  }

  private templateControl(): GoTemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: GoTemplatePipe | undefined;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: token.pos, name, pipe };
  }

  private templateName(token: Item, context: string): string {
    if (token.type !== 'string' && token.type !== 'rawString') { this.unexpected(token, context); }
    if (!validStringLiteral(token.val)) { this.errorf(token, 'invalid syntax'); }
    return stringValue(token.val);
  }

  // -- pipelines ------------------------------------------------------------------------
  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): GoTemplatePipe {
    const first = this.peekNonSpace();
    const decl: GoTemplateArg[] = [];
    let isAssign = false;
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') { break; }
      this.next();
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        isAssign = next.type === 'assign';
        this.nextNonSpace();
        decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
      } else if (next.type === 'char' && next.val === ',') {
        this.nextNonSpace();
        decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        if (context === 'range' && decl.length < 2) {
          const p = this.peekNonSpace().type;
          if (p === 'variable' || p === 'rightDelim' || p === 'rightParen') { continue decls; }
          this.errorf(next, 'range can only initialize variables');
        }
        this.errorf(next, `too many declarations in ${context}`);
      } else if (tokenAfterVariable.type === 'space') {
        // "$x foo": $x is an argument; put back the variable (the space is still pending).
        this.cursor.i = this.items.indexOf(v);
      } else {
        this.cursor.i = this.items.indexOf(v);
      }
      break;
    }
    const pipe: GoTemplatePipe = { type: 'pipe', pos: first.pos, decl, isAssign, cmds: [] };
    for (;;) {
      const t = this.nextNonSpace();
      if (t.type === end) {
        this.checkPipeline(pipe, context, t);
        return pipe;
      }
      switch (t.type) {
        case 'bool': case 'charConstant': case 'complex': case 'dot': case 'field': case 'identifier': case 'number': case 'nil':
        case 'rawString': case 'string': case 'variable': case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private checkPipeline(pipe: GoTemplatePipe, context: string, at: Item): void {
    if (pipe.cmds.length === 0) { this.errorf(at, `missing value for ${context}`); }
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0].type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') {
        this.errorf(c.pos, `non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private command(): GoTemplateCommand {
    const cmd: GoTemplateCommand = { pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== undefined) { cmd.args.push(operand); }
      const t = this.next();
      if (t.type === 'space') { continue; }
      if (t.type === 'rightDelim' || t.type === 'rightParen') {
        this.backup();
      } else if (t.type !== 'pipe') {
        this.unexpected(t, 'operand');
      }
      break;
    }
    if (cmd.args.length === 0) { this.errorf(this.peek(), 'empty command'); }
    return cmd;
  }

  private operand(): GoTemplateArg | undefined {
    const node = this.term();
    if (node === undefined) { return undefined; }
    if (this.peek().type !== 'field') { return node; }
    const fields: string[] = [];
    while (this.peek().type === 'field') { fields.push(this.next().val.slice(1)); }
    switch (node.type) {
      case 'field': return { type: 'field', pos: node.pos, ident: [...node.ident, ...fields] };
      case 'variable': return { type: 'variable', pos: node.pos, ident: [...node.ident, ...fields] };
      case 'bool': case 'string': case 'number': case 'nil': case 'dot':
        return this.errorf(node.pos, `unexpected . after term ${goQuote(argText(node))}`);
      default: return { type: 'chain', pos: node.pos, node, fields };
    }
  }

  private term(): GoTemplateArg | undefined {
    const t = this.nextNonSpace();
    switch (t.type) {
      case 'identifier':
        if (!this.hasFunction(t.val)) { this.errorf(t, `function ${goQuote(t.val)} not defined`); }
        return { type: 'identifier', pos: t.pos, name: t.val };
      case 'dot': return { type: 'dot', pos: t.pos };
      case 'nil': return { type: 'nil', pos: t.pos };
      case 'variable':
        if (!this.vars.includes(t.val)) { this.errorf(t, `undefined variable ${goQuote(t.val)}`); }
        return { type: 'variable', pos: t.pos, ident: [t.val] };
      case 'field': return { type: 'field', pos: t.pos, ident: [t.val.slice(1)] };
      case 'bool': return { type: 'bool', pos: t.pos, value: t.val === 'true' };
      case 'charConstant': {
        const p = charConstantProblem(t.val);
        if (p !== undefined) { this.errorf(t, p); }
        return { type: 'number', pos: t.pos, text: t.val };
      }
      case 'number': case 'complex': {
        const p = t.type === 'complex' ? complexProblem(t.val) : numberProblem(t.val);
        if (p !== undefined) { this.errorf(t, p); }
        return { type: 'number', pos: t.pos, text: t.val };
      }
      case 'leftParen': return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string': case 'rawString':
        if (!validStringLiteral(t.val)) { this.errorf(t, 'invalid syntax'); }
        return { type: 'string', pos: t.pos, text: t.val, value: stringValue(t.val) };
      default:
        this.backup();
        return undefined;
    }
  }
}

function argText(a: GoTemplateArg): string {
  switch (a.type) {
    case 'bool': return String(a.value);
    case 'string': case 'number': return a.text;
    case 'nil': return 'nil';
    case 'dot': return '.';
    default: return a.type;
  }
}

function isEmptyTree(n: GoTemplateNode): boolean {
  switch (n.type) {
    case 'list': return n.nodes.every(isEmptyTree);
    case 'text': return n.text.trim() === '';
    default: return false;
  }
}

/**
 * Parses `text` as Go's `text/template` does (`template.New(name).Funcs(funcs).Parse(text)`).
 *
 * @returns the trees, or the first error with its offset
 */
export function parseGoTemplate(text: string, options: GoTemplateParseOptions): { trees?: GoTemplateTrees; error?: GoTemplateError } {
  const items = new Lexer(text, !options.functions.has('break'), !options.functions.has('continue')).run();
  const defined = new Map<string, GoTemplateNode>();
  try {
    const root = new TreeParser(items, { i: 0 }, options, defined, options.variables ?? []).parse();
    return { trees: { root, defined } };
  } catch (e) {
    if (e instanceof ParseFailure) { return { error: { offset: e.offset, message: e.message } }; }
    throw e;
  }
}
