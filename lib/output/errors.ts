/**
 * The error every refusal of `lib/output` throws.
 *
 * @module
 */

/**
 * A refusal to write an output folder: an unsafe folder, an unsafe file name, or a file in the
 * folder that the library did not write (or that was changed since it wrote it).
 *
 * The message is one line in the project's problem format,
 * `<field>: <what is wrong> (got <value>). Fix: <how to fix it>`, so callers print
 * `error.message` and need no stack trace. Paths and names are JSON-quoted, so a newline or NUL
 * in them cannot break the line.
 */
export class OutputFolderError extends Error {
  /** The option or argument at fault, e.g. `publishDir`, `outdir` or `--out`. */
  public readonly field: string;
  /** The offending value as the caller gave it (a folder or a file name). */
  public readonly value: string;

  constructor(field: string, value: string, what: string, fix: string) {
    super(`${field}: ${what} (got ${q(value)}). Fix: ${fix}`);
    this.name = 'OutputFolderError';
    this.field = field;
    this.value = value;
  }
}

/**
 * Quotes a path or name for a message: JSON, so whitespace and control characters are visible.
 * @internal
 */
export function q(value: string): string {
  return JSON.stringify(value);
}

/**
 * The `code` and message of a Node.js file system error, for a message.
 * @internal
 */
export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err && typeof err === 'object' && 'message' in err ? String(err.message).split('\n')[0] : String(e);
}
