/**
 * Shared message format for the value checks in `lib/validation`.
 *
 * Every check returns `string[]`: one message per problem, empty when the value is valid.
 * Each message has the shape
 *
 * ```text
 * <field>: <what is wrong> (got <value as JSON>). Fix: <how to fix it>
 * ```
 *
 * which is the format `Problems.add` in `lib/_util/problems.ts` produces, so the messages
 * can be passed to `Problems.addMessages` as they are (the construct path is prepended there).
 *
 * @module
 */

/** Longest rendering of a value inside a message before it is shortened. */
const MAX_SHOWN = 160;

/**
 * Renders a string value for a message: JSON-quoted (so whitespace and control characters
 * are visible) and shortened in the middle when it is very long.
 *
 * @param value the offending value
 * @returns the quoted value
 */
export function showValue(value: string): string {
  if (value.length <= MAX_SHOWN) {
    return JSON.stringify(value);
  }
  const half = Math.floor((MAX_SHOWN - 1) / 2);
  return JSON.stringify(`${value.slice(0, half)}…${value.slice(value.length - half)}`);
}

/**
 * Builds one problem message in the shared format.
 *
 * @param field the field name the caller validates, e.g. `expr` or `labels.severity`
 * @param value the offending value
 * @param what what is wrong, e.g. `must not be empty`
 * @param fix how to fix it, as an imperative sentence
 * @returns `<field>: <what> (got <value>). Fix: <fix>`
 */
export function problem(field: string, value: string, what: string, fix: string): string {
  return `${field}: ${what} (got ${showValue(value)}). Fix: ${fix}`;
}

/** A 1-based line and column in a multi-line text. */
export interface TextPosition {
  /** 1-based line number. */
  readonly line: number;
  /** 1-based column, counted in UTF-16 code units from the start of the line. */
  readonly column: number;
}

/**
 * Converts a 0-based string offset into a 1-based line and column.
 *
 * @param text the whole text
 * @param offset 0-based offset into `text` (clamped to its bounds)
 * @returns the line and column of `offset`
 */
export function positionOf(text: string, offset: number): TextPosition {
  const at = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (text.charCodeAt(i) === 10 /* \n */) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: at - lineStart + 1 };
}

/**
 * Describes an offset as `line L, column C` for messages.
 *
 * @param text the whole text
 * @param offset 0-based offset into `text`
 * @returns e.g. `line 1, column 7`
 */
export function describePosition(text: string, offset: number): string {
  const { line, column } = positionOf(text, offset);
  return `line ${line}, column ${column}`;
}
