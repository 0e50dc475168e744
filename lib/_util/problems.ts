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

  constructor(private readonly scope: IConstruct) {}

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
    return this.messages.map((m) => `[${this.scope.node.path}] ${m}`);
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
  return `${field}: ${problem} (got ${show(value)}). Fix: ${fix}`;
}

/** Renders a value for an error message. @internal */
export function show(value: unknown): string {
  if (typeof value === 'string') { return showValue(value); }
  if (value === undefined) { return 'undefined'; }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
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
