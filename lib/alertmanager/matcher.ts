import { checkArgs, Shape, shape } from '../_util/shape';

/**
 * How a matcher compares a label with its value.
 */
export enum MatchType {
  /** The label equals the value. */
  EQUAL = '=',
  /** The label does not equal the value. */
  NOT_EQUAL = '!=',
  /** The label matches the regex, anchored at both ends as Alertmanager does (RE2 syntax). */
  REGEX = '=~',
  /** The label does not match the anchored regex. */
  NOT_REGEX = '!~',
}

/**
 * A matcher in the AlertmanagerConfig (v1alpha1) form, as {@link Matcher.toJson} returns it.
 */
export interface MatcherJson {
  /** The label name. */
  readonly name: string;
  /** How the value is compared. */
  readonly matchType: MatchType;
  /** The value, or the regular expression for the regex match types. */
  readonly value: string;
}

/**
 * A label matcher for routes and inhibit rules.
 *
 * Alertmanager anchors regexes: `Matcher.regex('severity', 'warning|critical')` matches
 * `critical` but not `critical-ish`. A missing label matches as the empty string.
 */
export class Matcher {
  /** `name="value"` */
  public static eq(name: string, value: string): Matcher {
    checkMatcherArgs('Matcher.eq', name, value, 'value');
    return new Matcher(name, MatchType.EQUAL, value);
  }

  /** `name!="value"` */
  public static neq(name: string, value: string): Matcher {
    checkMatcherArgs('Matcher.neq', name, value, 'value');
    return new Matcher(name, MatchType.NOT_EQUAL, value);
  }

  /** `name=~"regex"`: the whole label value matches the RE2 regex. */
  public static regex(name: string, regex: string): Matcher {
    checkMatcherArgs('Matcher.regex', name, regex, 'regex');
    return new Matcher(name, MatchType.REGEX, regex);
  }

  /** `name!~"regex"`: the label value does not match the RE2 regex. */
  public static notRegex(name: string, regex: string): Matcher {
    checkMatcherArgs('Matcher.notRegex', name, regex, 'regex');
    return new Matcher(name, MatchType.NOT_REGEX, regex);
  }

  /** A matcher with an explicit match type, e.g. one read from configuration. */
  public static of(name: string, matchType: MatchType, value: string): Matcher {
    checkMatcherArgs('Matcher.of', name, value, 'value', matchType);
    return new Matcher(name, matchType, value);
  }

  private constructor(
    /** The label name. */
    public readonly name: string,
    /** How the label is compared. */
    public readonly matchType: MatchType,
    /** The value, or the regex for `=~` and `!~`. */
    public readonly value: string,
  ) {}

  /** `name="value"`, the form Alertmanager prints. */
  public toString(): string {
    return `${this.name}${this.matchType}${JSON.stringify(this.value)}`;
  }

  /** The AlertmanagerConfig (v1alpha1) form. */
  public toJson(): MatcherJson {
    return { name: this.name, matchType: this.matchType, value: this.value };
  }

  /** Whether the match type is a regex one. */
  public get isRegex(): boolean {
    return this.matchType === MatchType.REGEX || this.matchType === MatchType.NOT_REGEX;
  }
}

/**
 * Checks the arguments of a Matcher factory. The match type need only be a string here: an
 * unknown one is reported with the route's path where the matcher is used.
 */
function checkMatcherArgs(factory: string, name: unknown, value: unknown, valueField: string, matchType?: unknown): void {
  const args: Record<string, [unknown, Shape]> = { name: [name, shape.string({ fix: `pass the label name, e.g. ${factory}('severity', ...)` })] };
  if (factory === 'Matcher.of') {
    args.matchType = [matchType, shape.string({ fix: 'use MatchType.EQUAL, NOT_EQUAL, REGEX or NOT_REGEX' })];
  }
  args[valueField] = [value, shape.string({ fix: `pass the ${valueField} as a string ('' matches a missing label)` })];
  checkArgs(factory, args);
}
