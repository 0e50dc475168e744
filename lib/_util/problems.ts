import { showValue } from '../validation/problem';
import { IConstruct } from 'constructs';

/**
 * Collects every problem found in a construct's props so they can be reported at once.
 *
 * Each message names the construct path, the field, the offending value and the fix.
 * @internal
 */
export class Problems {
  private readonly messages: string[] = [];

  /** @param scope the construct, or for a factory or a class that is no construct, its name (e.g. `SecretKey.fromSecret`) */
  constructor(private readonly scope: IConstruct | string) {}

  /** Records a problem with `field` holding `value`. */
  public add(field: string, value: unknown, problem: string, fix: string): void {
    this.messages.push(message(field, value, problem, fix));
  }

  /** Records messages that already name their field, as the `lib/validation` checks return them. */
  public addMessages(messages: readonly string[]): void {
    this.messages.push(...messages);
  }

  public get isEmpty(): boolean {
    return this.messages.length === 0;
  }

  /** The messages, each prefixed with the construct path. */
  public list(): string[] {
    const where = typeof this.scope === 'string' ? this.scope : this.scope.node.path;
    return this.messages.map((m) => `[${where}] ${m}`);
  }

  /** Throws one error listing every recorded problem. */
  public throwIfAny(): void {
    if (this.messages.length === 0) { return; }
    const lines = this.list();
    throw new Error(lines.length === 1 ? lines[0] : `${lines.length} problems:\n  - ${lines.join('\n  - ')}`);
  }
}

/**
 * Problems of values whose construct path is not known yet; a {@link Problems} adds the path.
 * @internal
 */
export class ProblemList {
  public readonly messages: string[] = [];

  /** Records a problem with `field` holding `value`. */
  public add(field: string, value: unknown, problem: string, fix: string): void {
    this.messages.push(message(field, value, problem, fix));
  }
}

/**
 * `<field>: <problem> (got <value>). Fix: <fix>`, the format of `lib/validation`'s `problem()`
 * for values of any type.
 * @internal
 */
export function message(field: string, value: unknown, problem: string, fix: string): string {
  return described(field, show(value), problem, fix);
}

/**
 * The same format, with the value already rendered (e.g. only its type, for a value that may be a secret).
 * @internal
 */
export function described(field: string, shown: string, problem: string, fix: string): string {
  return `${field}: ${problem} (got ${shown}). Fix: ${fix}`;
}

/** Longest rendering of a non-string value inside a message before it is shortened. */
const MAX_SHOWN = 160;

/**
 * Renders a value for an error message: strings quoted, other values as JSON, shortened in the
 * middle when long. Never throws: values JSON cannot render (cycles, constructs, BigInt,
 * objects without a prototype) are described by their type.
 * @internal
 */
export function show(value: unknown): string {
  try {
    switch (typeof value) {
      case 'string': return showValue(value);
      case 'undefined': return 'undefined';
      case 'number': case 'bigint': case 'boolean': case 'symbol': return String(value);
      case 'function': return 'a function';
      default: {
        const json = JSON.stringify(value);
        if (json === undefined) { return typeof value; }
        if (json.length <= MAX_SHOWN) { return json; }
        const half = Math.floor((MAX_SHOWN - 1) / 2);
        return `${json.slice(0, half)}…${json.slice(json.length - half)}`;
      }
    }
  } catch {
    return describeType(value);
  }
}

/** A value's type, for values JSON cannot render. */
function describeType(value: unknown): string {
  try {
    if (Array.isArray(value)) { return `a list of ${value.length} items`; }
    const path = (value as { node?: { path?: unknown } })?.node?.path;
    const name = Object.getPrototypeOf(value)?.constructor?.name;
    const kind = typeof name === 'string' && name !== '' ? name : 'object';
    return typeof path === 'string' ? `${kind} ${JSON.stringify(path)}` : `an ${kind === 'object' ? 'object' : `instance of ${kind}`}`;
  } catch {
    return 'an object';
  }
}

/**
 * A plain copy of a string map (cdk8s cannot serialize objects without a prototype), or
 * undefined when there is nothing in it.
 * @internal
 */
export function plainMap(map: { [key: string]: string } | undefined): { [key: string]: string } | undefined {
  return map && Object.keys(map).length ? { ...map } : undefined;
}
