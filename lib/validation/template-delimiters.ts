import { describePosition, problem } from './problem';

/**
 * A delimiter check for Go templates (Prometheus alert annotations and labels, Alertmanager
 * notification templates). It is NOT a Go template parser: it only checks that every `{{`
 * is closed by a `}}` before the next `{{`, and that no `}}` appears outside an action.
 *
 * Inside an action it skips Go string literals (`"…"`, `` `…` ``, `'…'`) and comments
 * (`{{/* … *\/}}`), so `{{ "}}" }}` is accepted. Trim markers (`{{-`, `-}}`) need no special
 * handling.
 *
 * @module
 */

/** A delimiter problem found by {@link findDelimiterProblem}. */
interface DelimiterProblem {
  readonly offset: number;
  readonly what: string;
  readonly fix: string;
}

/** Skips a quoted literal starting at `i` (on its opening quote); returns the index after it, or -1 if unterminated. */
function skipLiteral(text: string, i: number): number {
  const quote = text[i];
  let j = i + 1;
  while (j < text.length) {
    const ch = text[j];
    if (ch === '\\' && quote !== '`') { j += 2; continue; }
    if (ch === quote) { return j + 1; }
    if (ch === '\n' && quote !== '`') { return -1; }
    j++;
  }
  return -1;
}

function findDelimiterProblem(text: string): DelimiterProblem | undefined {
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    const close = text.indexOf('}}', i);
    if (close !== -1 && (open === -1 || close < open)) {
      return {
        offset: close,
        what: 'unbalanced "}}": it closes no "{{" (Go would print it literally)',
        fix: 'remove it, add the missing "{{", or write {{ "}}" }} if the literal text "}}" is intended',
      };
    }
    if (open === -1) { return undefined; }
    // Inside an action starting at `open`.
    let j = open + 2;
    if (text[j] === '-' && text[j + 1] === ' ') { j += 2; }
    if (text.startsWith('/*', j)) {
      const end = text.indexOf('*/', j + 2);
      if (end === -1) {
        return { offset: j, what: 'unclosed comment "/*"', fix: 'close the comment with "*/}}"' };
      }
      j = end + 2;
    }
    let closed = false;
    while (j < text.length) {
      const ch = text[j];
      if (ch === '"' || ch === '`' || ch === '\'') {
        const after = skipLiteral(text, j);
        if (after === -1) {
          return { offset: j, what: `unterminated string ${ch} inside the action opened at ${describePosition(text, open)}`, fix: `close the string with ${ch}` };
        }
        j = after;
        continue;
      }
      if (text.startsWith('{{', j)) {
        return {
          offset: j,
          what: `nested "{{" inside the action opened at ${describePosition(text, open)}`,
          fix: 'close the first action with "}}" before opening another; actions cannot be nested (use parentheses for sub-expressions, e.g. {{ printf "%s" (index $labels "x") }})',
        };
      }
      if (text.startsWith('}}', j)) {
        closed = true;
        j += 2;
        break;
      }
      j++;
    }
    if (!closed) {
      return { offset: open, what: 'unbalanced "{{": it is never closed', fix: 'add the missing "}}"' };
    }
    i = j;
  }
  return undefined;
}

/**
 * Checks that the Go template delimiters in `text` are balanced and not nested: every
 * `{{` is closed by `}}` before another `{{` opens, and no `}}` stands outside an action.
 * Reports the position (line and column) of the first offending delimiter. This is a
 * delimiter check only, not a Go template parser: it does not check what is inside actions.
 *
 * @param field the field name to put in the message, e.g. `annotations.summary`
 * @param text the template text
 * @returns one message per problem (at most one); empty when the delimiters are balanced
 */
export function checkTemplateDelimiters(field: string, text: string): string[] {
  const found = findDelimiterProblem(text);
  if (found === undefined) { return []; }
  return [problem(field, text, `template error at ${describePosition(text, found.offset)}: ${found.what}`, found.fix)];
}
