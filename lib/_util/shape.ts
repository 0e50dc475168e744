/**
 * The shape of what a JavaScript caller passes to a public constructor or factory, checked at
 * the boundary.
 *
 * TypeScript callers cannot pass `null` props, `name: 42` or a single Matcher where a list is
 * expected; JavaScript callers (and TypeScript with `as any`, or values read from JSON/YAML) can,
 * and then hit a TypeError deep inside the library. Each constructor describes its props once,
 * declaratively, and calls {@link checkConstruct} (or {@link checkArgs} for a factory) as its
 * first line: every shape problem of the call is reported at once, in the format of
 * `Problems` (`[<path>] <field>: <problem> (got <value>). Fix: <fix>`), before any other code
 * reads the props. The value checks of each construct (name syntax, PromQL, durations...) then
 * run on props of the right shape, as before.
 *
 * Written by hand rather than with a schema library (zod, ajv...): the shapes to check are
 * mostly classes of this library and of cdk8s (Matcher, Duration, constructs), recognised by
 * their members rather than `instanceof` (a second copy of the library or of cdk8s in
 * node_modules must still pass), and messages must match the library's own format, never echo a
 * value that may be a secret, and name the fix: a small checker of our own fits that better.
 *
 * A shape checks types and structure only. Whether a string is a valid name or a regex is left
 * to the construct, which reports it with the full path of the field.
 * @module
 */
import { Chart, Duration } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { durationProblems } from './duration';
import { described, Problems, show } from './problems';

/** Collected messages, in the `Problems` format without the path. */
type Out = string[];

/**
 * What a prop accepts.
 * @internal
 */
export interface Shape {
  /** What a value must be, for messages, e.g. `a string` or `a list of Matchers`. */
  readonly expected: string;
  /** How to fix a wrong value. */
  readonly fix: string;
  /** Whether the prop may be left out (undefined). Null is never accepted for a prop. */
  readonly optional?: boolean;
  /** Whether the value may be a secret: it is then described by its type only, never shown. */
  readonly secret?: boolean;
  /** The problem when the value is missing, if not `is required`. */
  readonly missing?: string;
  /** Whether `value` (defined, not null) has the shape; adds the problems below `field` to `out`. */
  readonly accepts: (value: unknown, field: string, out: Out) => boolean;
}

/** Adds a problem of `field` holding `value`, rendered safely. */
function problem(out: Out, field: string, value: unknown, what: string, fix: string, secret?: boolean): false {
  out.push(described(field, secret ? kindOf(value) : show(value), what, fix));
  return false;
}

/** Checks one value against `shape`: missing, null, then the shape itself. */
function checkValue(shape: Shape, value: unknown, at: string, out: Out): boolean {
  const field = at || 'props';
  if (value === undefined) {
    return shape.optional ? true : problem(out, field, value, shape.missing ?? `is required (${shape.expected})`, shape.fix);
  }
  if (value === null) {
    return problem(out, field, value, shape.optional ? `must be ${shape.expected}, or left out` : `must be ${shape.expected}`, shape.fix);
  }
  try {
    return shape.accepts(value, at, out);
  } catch (e) {
    // a getter of a class-like value threw: the value is not what it claims to be
    return problem(out, field, value, `must be ${shape.expected}; reading it failed (${errorText(e)})`, shape.fix, shape.secret);
  }
}

/**
 * A short description of a value by its type only: for values that may be secrets, and for
 * whole props objects of the wrong type.
 * @internal
 */
export function kindOf(value: unknown): string {
  if (value === null) { return 'null'; }
  if (Array.isArray(value)) { return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`; }
  switch (typeof value) {
    case 'undefined': return 'undefined';
    case 'string': return value === '' ? 'an empty string' : `a string of ${value.length} character${value.length === 1 ? '' : 's'}`;
    case 'object': {
      const name = className(value);
      return name ? article(name) : 'an object';
    }
    default: return article(typeof value);
  }
}

/** The class name of a non-plain object, or undefined for plain objects. */
function className(value: object): string | undefined {
  try {
    const proto = Object.getPrototypeOf(value);
    if (proto === null || proto === Object.prototype) { return undefined; }
    const name = proto.constructor?.name;
    return typeof name === 'string' && name !== '' && name !== 'Object' ? name : undefined;
  } catch {
    return undefined;
  }
}

function article(noun: string): string {
  return /^[aeiouAEIOU]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function errorText(e: unknown): string {
  try {
    return e instanceof Error ? e.message.split('\n')[0].slice(0, 200) : String(e).slice(0, 200);
  } catch {
    return 'an unprintable error';
  }
}

/**
 * A plain object, as a struct or map is written: `{...}` or one without a prototype; not a list,
 * a Map, a Date or an object of a class (a construct, a Matcher). Compared by prototype chain, so
 * objects of another realm pass.
 */
function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) { return false; }
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function join(field: string, key: string): string {
  if (field === '') { return key; }
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${field}.${key}` : `${field}[${JSON.stringify(key)}]`;
}

/** The fields each struct shape describes, by struct name: for the test that no prop is left unchecked. */
const STRUCT_FIELDS = new Map<string, Set<string>>();

/**
 * The fields described for the struct `name` (e.g. `AlertmanagerClusterProps`), in every shape
 * of that name, or undefined when no shape describes it.
 * @internal
 */
export function describedFields(name: string): ReadonlySet<string> | undefined {
  return STRUCT_FIELDS.get(name);
}

/** The shape builders. @internal */
export const shape = {
  /** A prop that may be left out. */
  optional(s: Shape): Shape {
    return { ...s, optional: true };
  },

  /** A required prop with its own message when it is missing. */
  required(s: Shape, missing: string, fix = s.fix): Shape {
    return { ...s, optional: false, missing, fix };
  },

  /** Anything: a prop this checker leaves to the construct. */
  any(): Shape {
    return { expected: 'any value', fix: '', optional: true, accepts: () => true };
  },

  /**
   * A string; `nonEmpty` rejects '' (and blanks), `pattern` what it does not match (`patternText`
   * says what is allowed).
   */
  string(opts: { nonEmpty?: boolean; fix?: string; pattern?: RegExp; patternText?: string; secret?: boolean } = {}): Shape {
    const expected = opts.nonEmpty ? 'a non-empty string' : 'a string';
    const fix = opts.fix ?? 'pass a string';
    return {
      expected, fix, secret: opts.secret,
      accepts: (v, field, out) => {
        if (typeof v !== 'string') { return problem(out, field, v, `must be ${expected}`, fix, opts.secret); }
        if (opts.nonEmpty && v.trim() === '') { return problem(out, field, v, 'must not be empty', fix, opts.secret); }
        if (opts.pattern && !opts.pattern.test(v)) { return problem(out, field, v, opts.patternText ?? `must match ${opts.pattern}`, fix, opts.secret); }
        return true;
      },
    };
  },

  /** A finite number; `integer` requires a whole one, `min` one at least that large. */
  number(opts: { integer?: boolean; min?: number; fix?: string } = {}): Shape {
    const expected = `a${opts.min === 0 ? ' non-negative' : ''} ${opts.integer ? 'whole ' : ''}number${opts.min !== undefined && opts.min !== 0 ? ` of at least ${opts.min}` : ''}`;
    const fix = opts.fix ?? `pass ${expected}, e.g. 3`;
    return {
      expected, fix,
      accepts: (v, field, out) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) { return problem(out, field, v, `must be ${expected}`, fix); }
        if ((opts.integer && !Number.isInteger(v)) || (opts.min !== undefined && v < opts.min)) { return problem(out, field, v, `must be ${expected}`, fix); }
        return true;
      },
    };
  },

  /** A function, e.g. a callback. */
  func(fix: string): Shape {
    return { expected: 'a function', fix, accepts: (v, field, out) => typeof v === 'function' || problem(out, field, v, 'must be a function', fix) };
  },

  /** true or false. */
  boolean(): Shape {
    const fix = 'pass true or false';
    return { expected: 'true or false', fix, accepts: (v, field, out) => typeof v === 'boolean' || problem(out, field, v, 'must be true or false', fix) };
  },

  /**
   * One value of a string enum. With `strict: false` any string passes, for enums whose values
   * the construct checks itself with a more specific message.
   */
  oneOf(enumObject: object, enumName: string, opts: { strict?: boolean } = {}): Shape {
    // a numeric enum also maps its values back to its names: skip those entries
    const entries = Object.entries(enumObject).filter(([k, x]) => typeof x === 'number' || (typeof x === 'string' && !/^\d+$/.test(k)));
    const values: unknown[] = entries.map(([, x]) => x);
    const type = entries.some(([, x]) => typeof x === 'number') ? 'number' : 'string';
    const fix = `use one of ${entries.map(([k]) => `${enumName}.${k}`).join(', ')}`;
    return {
      expected: `a ${enumName}`, fix,
      accepts: (v, field, out) => {
        if (typeof v !== type) { return problem(out, field, v, `must be a ${enumName} (a ${type})`, fix); }
        if (opts.strict !== false && !values.includes(v)) { return problem(out, field, v, `is not a ${enumName}`, fix); }
        return true;
      },
    };
  },

  /**
   * A list of `item`s. A single item where a list is expected, and a map of name to item,
   * are reported as such.
   */
  list(item: Shape, opts: { nonEmpty?: boolean; fix?: string } = {}): Shape {
    const expected = `a list of ${item.expected.replace(/^an? /, '')}${/s$/.test(item.expected) ? '' : 's'}`;
    const fix = opts.fix ?? `pass ${expected}`;
    return {
      expected, fix, secret: item.secret,
      accepts: (v, field, out) => {
        if (!Array.isArray(v)) {
          if (checkValue(item, v, field, [])) {
            return problem(out, field, v, `must be ${expected}, not a single one`, 'wrap it in a list: [ ... ]', item.secret);
          }
          const what = isPlain(v) ? `must be ${expected}, not a map` : `must be ${expected}`;
          return problem(out, field, v, what, fix, item.secret);
        }
        if (opts.nonEmpty && v.length === 0) { return problem(out, field, v, 'must not be empty', fix); }
        let ok = true;
        for (let i = 0; i < v.length; i++) {
          ok = checkValue({ ...item, optional: false, missing: `must be ${item.expected}` }, v[i], `${field}[${i}]`, out) && ok;
        }
        return ok;
      },
    };
  },

  /** A map of string keys to `value`s (strings by default), such as labels. */
  map(value: Shape = shape.string(), opts: { fix?: string } = {}): Shape {
    const fix = opts.fix ?? `pass an object of names to ${value.expected.replace(/^an? /, '')}s, e.g. { team: 'a' }`;
    return {
      expected: `a map of names to ${value.expected.replace(/^an? /, '')}s`, fix,
      accepts: (v, field, out) => {
        if (!isPlain(v)) {
          return problem(out, field, v, `must be a map of names to ${value.expected.replace(/^an? /, '')}s${Array.isArray(v) ? ', not a list' : ''}`, fix);
        }
        let ok = true;
        for (const [k, x] of Object.entries(v)) {
          if (k.trim() === '') { ok = problem(out, field, k, 'has an empty key', 'give every entry a name'); continue; }
          ok = checkValue({ ...value, optional: false }, x, join(field, k), out) && ok;
        }
        return ok;
      },
    };
  },

  /**
   * A struct (props or options object) with these fields. Fields not listed are not checked
   * (props added since, or a subclass' props, pass). A value of the wrong type is described by
   * its type only: a string given as props may be a secret.
   */
  struct(name: string, fields: Record<string, Shape>): Shape {
    const described = STRUCT_FIELDS.get(name) ?? new Set<string>();
    Object.keys(fields).forEach((k) => described.add(k));
    STRUCT_FIELDS.set(name, described);
    const fix = `pass an object of ${name}, e.g. { ${Object.keys(fields).slice(0, 2).map((k) => `${k}: ...`).join(', ')} }`;
    return {
      expected: `${article(name)} object`, fix,
      accepts: (v, field, out) => {
        if (!isPlain(v)) { return problem(out, field || 'props', v, `must be ${article(name)} object`, fix, true); }
        let ok = true;
        for (const [k, s] of Object.entries(fields)) {
          let x: unknown;
          try {
            x = v[k];
          } catch (e) {
            ok = problem(out, join(field, k), undefined, `could not be read (${errorText(e)})`, s.fix);
            continue;
          }
          ok = checkValue(s, x, join(field, k), out) && ok;
        }
        return ok;
      },
    };
  },

  /**
   * An object of a class or interface, recognised by its members (`'string'`, `'number'`,
   * `'object'`, `'function'`) rather than `instanceof`.
   */
  like(name: string, members: Record<string, 'string' | 'number' | 'object' | 'function'>, fix: string, opts: { secret?: boolean; construct?: boolean; why?: string } = {}): Shape {
    return {
      expected: article(name), fix, secret: opts.secret,
      accepts: (v, field, out) => {
        const isObject = (typeof v === 'object' || typeof v === 'function') && v !== null;
        const fits = isObject && (!opts.construct || Construct.isConstruct(v))
          && Object.entries(members).every(([m, type]) => {
            const x = (v as Record<string, unknown>)[m];
            return type === 'object' ? typeof x === 'object' && x !== null : typeof x === type;
          });
        return fits || problem(out, field, v, `must be ${article(name)}${opts.why ? `, ${opts.why}` : ''}`, fix, opts.secret);
      },
    };
  },

  /**
   * Plain data as YAML or JSON holds it, with a plain object at the top: plain objects, lists,
   * strings, finite numbers, booleans and null, at most `maxDepth` levels deep and without
   * cycles. Any value of it may be a secret (a configuration holds credentials), so values are
   * described by their type only.
   */
  data(name: string, fix: string, opts: { maxDepth?: number } = {}): Shape {
    const maxDepth = opts.maxDepth ?? 64;
    const expected = `${article(name)} object`;
    /** The path and description of the first value that is no plain data, if any. */
    const firstBad = (v: unknown, at: string, depth: number, seen: Set<unknown>): [string, unknown, string] | undefined => {
      if (v === null || typeof v === 'string' || typeof v === 'boolean') { return undefined; }
      if (typeof v === 'number') { return Number.isFinite(v) ? undefined : [at, v, 'must be a finite number']; }
      if (typeof v !== 'object') { return [at, v, 'must be plain data (a string, number, boolean, list or map)']; }
      if (seen.has(v)) { return [at, v, 'refers back to itself']; }
      if (depth >= maxDepth) { return [at, v, `is nested more than ${maxDepth} levels deep`]; }
      if (!Array.isArray(v) && !isPlain(v)) { return [at, v, 'must be plain data (a string, number, boolean, list or map)']; }
      seen.add(v);
      try {
        const entries: Array<[string, unknown]> = Array.isArray(v)
          ? Array.from(v, (x, i) => [`${at}[${i}]`, x])
          : Object.keys(v).map((k) => [join(at, k), (v as Record<string, unknown>)[k]]);
        for (const [p, x] of entries) {
          const bad = firstBad(x, p, depth + 1, seen);
          if (bad) { return bad; }
        }
      } finally {
        seen.delete(v);
      }
      return undefined;
    };
    return {
      expected, fix, secret: true,
      accepts: (v, field, out) => {
        if (!isPlain(v)) { return problem(out, field || 'props', v, `must be ${expected}${Array.isArray(v) ? ', not a list' : ''}`, fix, true); }
        const bad = firstBad(v, field, 0, new Set());
        return !bad || problem(out, bad[0] || field, bad[1], bad[2], fix, true);
      },
    };
  },

  /**
   * A cdk8s Duration; reading it (as the construct will) must work. With `whole`, it must also be
   * a whole, non-negative number of milliseconds (positive with `positive`), as it is written:
   * for durations no later check of the construct covers.
   */
  duration(opts: { whole?: boolean; positive?: boolean } = {}): Shape {
    const fix = 'use Duration.seconds(30), Duration.minutes(5) or Duration.hours(4) from cdk8s';
    const base = shape.like('Duration', { toMilliseconds: 'function' }, fix);
    return {
      ...base,
      accepts: (v, field, out) => {
        if (!base.accepts(v, field, out)) { return false; }
        if (!cdk8sReads(out, field, v, 'Duration', () => (v as { toMilliseconds(o: object): unknown }).toMilliseconds({ integral: false }), fix)) { return false; }
        const problems = opts.whole ? durationProblems(field, v as Duration, opts.positive) : [];
        out.push(...problems);
        return problems.length === 0;
      },
    };
  },

  /** A cdk8s Size; it must convert to whole mebibytes, as resource quantities are written. */
  size(): Shape {
    const fix = 'use Size.mebibytes(512) or Size.gibibytes(2) from cdk8s';
    const base = shape.like('Size', { toMebibytes: 'function' }, fix);
    return {
      ...base,
      accepts: (v, field, out) => {
        if (!base.accepts(v, field, out)) { return false; }
        return cdk8sReads(out, field, v, 'Size', () => (v as { toMebibytes(): unknown }).toMebibytes(), fix);
      },
    };
  },
};

/**
 * Runs a cdk8s conversion of `value` the way the construct will later; an error cdk8s raises
 * is re-raised as a problem naming the field (the caller adds the construct path).
 */
function cdk8sReads(out: Out, field: string, value: unknown, name: string, read: () => unknown, fix: string): boolean {
  let result: unknown;
  try {
    result = read();
  } catch (e) {
    return problem(out, field, value, `cdk8s rejects this ${name}: ${errorText(e)}`, fix);
  }
  return typeof result === 'number' || problem(out, field, value, `is not a cdk8s ${name}: it reads as ${kindOf(result)}`, fix);
}

/** The construct props of the common object metadata. @internal */
export const metaFields = {
  name: shape.optional(shape.string({ fix: `pass a Kubernetes name such as 'main', or leave name out for a generated one` })),
  namespace: shape.optional(shape.string({ fix: `pass a namespace such as 'monitoring', or leave it out` })),
  labels: shape.optional(shape.map()),
};

/**
 * Checks the arguments of a construct's constructor: `scope` (a construct, inside a Chart unless
 * `inChart` is false), `id` (a non-empty string not used by a sibling) and `props`. Call it as
 * the first statement of the constructor, before `super()`, so nothing is added to the tree.
 * Throws one error listing every problem, prefixed with the construct path it would have.
 * @internal
 */
export function checkConstruct(kind: string, scope: unknown, id: unknown, props: unknown, propsShape: Shape, opts: { inChart?: boolean } = {}): string {
  return checkConstructArgs(kind, scope, id, { '': [props, propsShape] }, opts);
}

/**
 * {@link checkConstruct} for a factory that adds a construct and takes its other arguments one
 * by one, e.g. `checkConstructArgs('FluxKustomization.fromKustomizationName', scope, id, { name:
 * [name, shape.string()] })`. Returns the path the construct will have, for the messages of the
 * value checks that follow.
 * @internal
 */
export function checkConstructArgs(kind: string, scope: unknown, id: unknown, args: Record<string, [unknown, Shape]>, opts: { inChart?: boolean } = {}): string {
  const out: Out = [];
  const isScope = Construct.isConstruct(scope);
  const scopeOk = isScope && (opts.inChart === false || (scope as IConstruct).node.scopes.some((s) => Chart.isChart(s)));
  if (!scopeOk) {
    problem(out, 'scope', scope, isScope ? 'must be a Chart or a construct inside one' : 'must be a construct',
      `pass the Chart (or a construct inside it) as the first argument: new ${kind}(this, '${typeof id === 'string' ? id : 'Id'}', {...}) inside a Chart's constructor`);
  }
  let path: string = kind;
  if (typeof id !== 'string' || id === '') {
    problem(out, 'id', id, 'must be a non-empty string', `pass an id such as '${kind}' as the second argument`);
  } else if (isScope) {
    const node = (scope as IConstruct).node;
    const own = id.replace(/\//g, '--');
    path = node.path ? `${node.path}/${own}` : own;
    if (node.tryFindChild(own) !== undefined) {
      problem(out, 'id', id, `is already used by another construct in ${JSON.stringify(node.path || '(the app)')}`, 'give each construct in a scope its own id');
    }
  }
  for (const [field, [value, s]] of Object.entries(args)) {
    checkValue(s, value, field, out);
  }
  throwIfAny(path, out);
  return path;
}

/**
 * Checks the props object of a class that is not a construct (a receiver, say): fields are named
 * as in the props, the object itself `props`. Throws one error listing every problem, prefixed
 * with `where`.
 * @internal
 */
export function checkProps(where: string, props: unknown, propsShape: Shape): void {
  const out: Out = [];
  checkValue(propsShape, props, '', out);
  throwIfAny(where, out);
}

/**
 * Checks the arguments of a factory, of a class that is not a construct, or of a method, e.g.
 * `checkArgs('Matcher.eq', { name: [name, shape.string()] })` or
 * `checkArgs(this, { options: [options, ROUTE_OPTIONS] })`. Throws one error listing every
 * problem, prefixed with `where` (a name, or the construct whose path is shown).
 * @internal
 */
export function checkArgs(where: IConstruct | string, args: Record<string, [unknown, Shape]>): void {
  const out: Out = [];
  for (const [field, [value, s]] of Object.entries(args)) {
    checkValue(s, value, field, out);
  }
  throwIfAny(where, out);
}

/**
 * Whether `value` has the shape: for checks that recognise a class by its members rather than
 * `instanceof` (a second copy of the library must pass).
 * @internal
 */
export function fits(s: Shape, value: unknown): boolean {
  return checkValue(s, value, '', []);
}

function throwIfAny(where: IConstruct | string, out: Out): void {
  if (out.length === 0) { return; }
  const problems = new Problems(where);
  problems.addMessages(out);
  problems.throwIfAny();
}

/**
 * Shapes of this library's (and cdk8s') classes and interfaces, recognised by their members.
 * @internal
 */
export const known = {
  matcher: shape.like('Matcher', { name: 'string', matchType: 'string', value: 'string', toJson: 'function' },
    `use Matcher.eq('severity', 'critical'), Matcher.regex('alertname', 'Flux.+') and the like`),
  route: shape.like('Route', { options: 'object', walk: 'function', toJson: 'function' }, `use new Route({ matchers: [Matcher.eq('team', 'a')], receiver })`),
  timeInterval: shape.like('TimeInterval', { name: 'string', toJson: 'function' },
    `use TimeInterval.businessHours(), TimeInterval.weekends() or new TimeInterval('name', [{ weekdays: ['monday:friday'] }])`),
  receiver: shape.like('receiver', { name: 'string', secretKeys: 'object', bind: 'function' },
    `pass a receiver object, e.g. new SlackReceiver({ apiUrl: SecretKey.fromSecret(secret, 'url') })`),
  secretKey: shape.like('SecretKey', { key: 'string', secret: 'object', toSelector: 'function' },
    `use SecretKey.fromName('secret-name', 'key'), or SecretKey.fromSecret(secret, 'key') with a Secret of any cdk8s-plus`, { secret: true, why: 'so the value stays out of Git' }),
  /** ISecretReference: anything with a name (a Secret of any cdk8s-plus, an ApiObject, { name }) */
  secret: shape.like('Secret', { name: 'string' }, `use SecretReference.fromName('secret-name'), a Secret of any cdk8s-plus (Secret.fromSecretName(this, 'Id', 'secret-name')), or a Secret defined in the app`, { secret: true }),
  alertmanager: shape.like('AlertmanagerCluster', { namespace: 'string', alertsUrl: 'string', addRouting: 'function' }, 'pass the AlertmanagerCluster construct, or AlertmanagerCluster.fromExisting(this, \'Kps\', {...})', { construct: true }),
  prometheus: shape.like('Prometheus', { name: 'string', namespace: 'string', ruleSelectorLabels: 'object', ruleNamespaceSelector: 'object' },
    `pass a Prometheus construct, or Prometheus.fromExisting(this, 'Kps', { name, namespace, ruleSelectorLabels })`, { construct: true }),
  namespaceSelector: shape.like('NamespaceSelector', { mode: 'string', toJson: 'function', selects: 'function' },
    `use NamespaceSelector.own(), NamespaceSelector.all(), NamespaceSelector.names('team-a') or NamespaceSelector.labels({ team: 'a' })`),
  ruleGroup: shape.like('RuleGroup', { name: 'string', _toJson: 'function', _problems: 'function' }, `use new RuleGroup('app.rules', { alertingRules: [...] })`),
  fluxProvider: shape.like('Flux provider', { name: 'string', namespace: 'string', providerType: 'string' },
    'pass a provider construct, e.g. an AlertmanagerProvider or a SlackProvider', { construct: true }),
  fluxSourceRef: shape.like('FluxSourceRef', { kind: 'string', name: 'string' }, `use FluxSourceRef.gitRepository('flux-system')`),
  fluxKustomization: shape.like('FluxKustomization', { name: 'string', namespace: 'string' }, 'pass a FluxKustomization construct', { construct: true }),
  /** NotificationTemplate: by its four optional string members, not instanceof */
  notificationTemplate: ((): Shape => {
    const fix = 'use NotificationTemplate.standard(), NotificationTemplate.alertmanagerDefault() or NotificationTemplate.custom(title, text)';
    const keys = ['slackTitle', 'slackText', 'teamsTitle', 'teamsText'];
    return {
      expected: 'a NotificationTemplate', fix,
      accepts: (v, field, out) => {
        const o = v as Record<string, unknown>;
        const fits = typeof v === 'object' && v !== null && !Array.isArray(v) && keys.some((k) => k in o)
          && keys.every((k) => o[k] === undefined || typeof o[k] === 'string');
        return fits || problem(out, field, v, 'must be a NotificationTemplate', fix);
      },
    };
  })(),
  networkPeer: shape.like('NetworkPeer', { description: 'string', _toKube: 'function' }, `use NetworkPeer.pods('apps', { app: 'grafana' }) or NetworkPeer.namespace('apps')`),
  /** Any construct: the App, a Chart or a construct in it. */
  construct: shape.like('construct', { node: 'object' }, 'pass a construct: the App, a Chart or a construct in it', { construct: true }),
  configMap: shape.like('ConfigMap', { name: 'string' }, `pass a ConfigMap of any cdk8s-plus, or { name: 'cluster-vars' } for one that exists in the cluster`),
  rulePack: shape.like('RulePack', { groupName: 'string', toRuleGroup: 'function' }, 'build packs with RulePacks.watchdog(), .alertmanager(), .prometheus() or .flux()'),
  baseConfig: shape.like('AlertmanagerBaseConfig', { yaml: 'string' }, 'use AlertmanagerBaseConfig.fromYaml(text), .fromObject({...}) or .kubePrometheusStackDefault()'),
  /** ContainerResources (ours, or cdk8s-plus' of any version: the same shape) */
  resources: shape.struct('ContainerResources', {
    cpu: shape.optional(shape.struct('CpuResources', {
      request: shape.optional(shape.like('Cpu', { amount: 'string' }, 'use Cpu.millis(250) or Cpu.units(1)')),
      limit: shape.optional(shape.like('Cpu', { amount: 'string' }, 'use Cpu.millis(250) or Cpu.units(1)')),
    })),
    memory: shape.optional(shape.struct('MemoryResources', { request: shape.optional(shape.size()), limit: shape.optional(shape.size()) })),
    ephemeralStorage: shape.optional(shape.struct('EphemeralStorageResources', { request: shape.optional(shape.size()), limit: shape.optional(shape.size()) })),
  }),
};
