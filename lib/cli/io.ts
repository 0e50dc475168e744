/**
 * What every CLI command shares: where it writes, how it parses its options.
 * @module
 */

/** Where the CLI writes: lines of output and of diagnostics. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** The process' stdout and stderr. */
export const PROCESS_IO: CliIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

/** The exit codes every command uses. */
export const EXIT = { OK: 0, FINDINGS: 1, UNUSABLE: 2 } as const;

/** Bad usage: the command prints its usage and exits 2. */
export class UsageError extends Error {}

/** Options after the command: `--flag`, `--name value`, and positional arguments. */
export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Set<string>;
  readonly values: Map<string, string>;
}

/**
 * Parses `argv` with the flags (no value) and options (one value) a command accepts.
 * @throws UsageError for an unknown option or a missing value
 */
export function parseArgs(argv: readonly string[], flags: readonly string[], options: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { positional: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { parsed.positional.push(...argv.slice(i + 1)); break; }
    if (!a.startsWith('--')) { parsed.positional.push(a); continue; }
    const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flags.includes(name) && inline === undefined) { parsed.flags.add(name); continue; }
    if (options.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) { throw new UsageError(`option ${name} needs a value`); }
      parsed.values.set(name, value);
      continue;
    }
    throw new UsageError(`unknown option ${JSON.stringify(a)}`);
  }
  return parsed;
}
