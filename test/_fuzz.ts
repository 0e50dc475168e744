/**
 * Helpers of the API fuzz tests (test/fuzz-*.test.ts): arbitrary values as a JavaScript caller
 * can pass them, and the check that whatever is thrown is our validation error.
 *
 * A generated argument is a `Maker`: a function of the chart under test, so that valid values
 * which are constructs (a receiver's Secret, an AlertmanagerCluster) are built in that chart.
 */
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import {
  AlertmanagerCluster, FluxSourceKind, Matcher, NamespaceSelector, Route, RuleGroup, SecretKey, TimeInterval, WebhookReceiver,
} from '../lib/tooling';

/** Runs per fuzz property; `FUZZ_RUNS=2000 npx jest test/fuzz` for a longer hunt, `FUZZ_SHOW=1` to print each rejection. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

/** A generated value, made in the chart under test. */
export type Maker<T = unknown> = (c: Chart) => T;

let seq = 0;
/** A unique construct id. */
export const uid = (prefix = 'X'): string => `${prefix}${++seq}`;

/** A maker of the literal `value`, printed as the value in counterexamples. */
export function lit<T>(value: T): Maker<T> {
  return Object.assign(() => value, { [fc.toStringMethod]: () => fc.stringify(value) });
}

/** A maker printed as `label` in counterexamples. */
export function make<T>(label: string, fn: Maker<T>): Maker<T> {
  return Object.assign(fn, { [fc.toStringMethod]: () => label });
}

/** Marker in strings given for secret-holding props: it must never appear in an error message. */
export const SECRET_MARK = 'hunter2-';

const anything = fc.anything({
  maxDepth: 2, maxKeys: 4, withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true,
  withNullPrototype: true, withObjectString: true, withSparseArray: true, withTypedArray: true,
});

/** Objects of our (and cdk8s') classes, given where they do not belong. */
const wrongObjects: Array<Maker> = [
  make('Matcher.eq(a, b)', () => Matcher.eq('a', 'b')),
  make('Duration.minutes(1)', () => Duration.minutes(1)),
  make('Size.mebibytes(1)', () => Size.mebibytes(1)),
  make('kplus.Secret.fromSecretName', (c) => kplus.Secret.fromSecretName(c, uid('S'), 'secret')),
  make('SecretKey', (c) => SecretKey.fromSecret(kplus.Secret.fromSecretName(c, uid('S'), 'secret'), 'k')),
  make('new Route()', () => new Route()),
  make('TimeInterval.weekends()', () => TimeInterval.weekends()),
  make('NamespaceSelector.all()', () => NamespaceSelector.all()),
  make('new RuleGroup(g)', () => new RuleGroup('g')),
  make('the chart', (c) => c),
  make('the app', (c) => c.node.root),
  make('a receiver', (c) => new WebhookReceiver({ name: 'w', url: SecretKey.fromSecret(kplus.Secret.fromSecretName(c, uid('S'), 's'), 'url') })),
  make('an AlertmanagerCluster', (c) => new AlertmanagerCluster(c, uid('Am'), { name: `am${seq}` })),
  make('a function', () => () => 1),
  make('[Matcher]', () => [Matcher.eq('a', 'b')]),
  make('{ name: x }', () => ({ name: 'x' })),
  make('FluxSourceKind.KUSTOMIZATION', () => FluxSourceKind.KUSTOMIZATION),
];

/**
 * Any value a JavaScript caller might pass: null, undefined, JSON values, arbitrary JavaScript
 * values (boxed values, Maps, Sets, typed arrays, null-prototype objects...) and objects of the
 * wrong class.
 */
export const junk: fc.Arbitrary<Maker> = fc.oneof(
  fc.constantFrom(null, undefined, '', 0, -1, NaN, Infinity, true, [], {}).map(lit),
  fc.jsonValue({ maxDepth: 2 }).map(lit),
  anything.map(lit),
  fc.array(anything, { maxLength: 3 }).map(lit),
  fc.constantFrom(...wrongObjects),
);

/** Junk for a prop that holds (or references) a secret: strings carry {@link SECRET_MARK}. */
export const secretJunk: fc.Arbitrary<Maker> = fc.oneof(
  junk,
  fc.string({ maxLength: 20 }).map((s) => lit(`${SECRET_MARK}${s}`)),
  fc.constant(lit({ url: `https://user:${SECRET_MARK}x@example.com` })),
);

/** Mostly a valid value, sometimes junk (or secret junk), sometimes left out. */
export function prop<T>(valid: fc.Arbitrary<Maker<T>>, opts: { optional?: boolean; secret?: boolean; rare?: boolean } = {}): fc.Arbitrary<Maker> {
  return fc.oneof(
    // about one junk prop in a props object of ten fields, so that many cases also synthesize;
    // `rare` for props nested deeper, which are many
    { weight: opts.rare ? 60 : 10, arbitrary: valid as fc.Arbitrary<Maker> },
    { weight: 1, arbitrary: opts.secret ? secretJunk : junk },
    ...(opts.optional === false ? [] : [{ weight: 2, arbitrary: fc.constant(lit(undefined)) }]),
  );
}

/** Valid makers from plain values. */
export function valid<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Maker<T>> {
  return arb.map(lit);
}

/** Props: each field a maker; sometimes the whole props object is junk. */
export function props(fields: Record<string, fc.Arbitrary<Maker>>, opts: { secret?: boolean } = {}): fc.Arbitrary<Maker> {
  const record = fc.record(fields).map((r) => make(`{ ${Object.entries(r).map(([k, v]) => `${k}: ${fc.stringify(v)}`).join(', ')} }`, (c: Chart) => {
    const out: Record<string, unknown> = {};
    for (const [k, m] of Object.entries(r)) {
      const v = m(c);
      if (v !== undefined) { out[k] = v; }
    }
    return out;
  }));
  return fc.oneof({ weight: 20, arbitrary: record }, { weight: 1, arbitrary: opts.secret ? secretJunk : junk });
}

/** Common valid values. */
export const v = {
  name: valid(fc.constantFrom('main', 'team-a', 'x')),
  namespace: valid(fc.constantFrom('monitoring', 'team-a')),
  labels: valid(fc.constantFrom({}, { team: 'a' }, { 'app.kubernetes.io/part-of': 'alerting' })),
  duration: fc.constantFrom(make('Duration.seconds(30)', () => Duration.seconds(30)), make('Duration.minutes(5)', () => Duration.minutes(5)), make('Duration.hours(4)', () => Duration.hours(4))),
  bool: valid(fc.boolean()),
  text: valid(fc.constantFrom('hello', '{{ .CommonLabels.alertname }}')),
  secret: fc.constant(make('kplus.Secret.fromSecretName', (c) => kplus.Secret.fromSecretName(c, uid('S'), 'alerting'))),
  secretKey: fc.constant(make('SecretKey', (c) => SecretKey.fromSecret(kplus.Secret.fromSecretName(c, uid('S'), 'alerting'), 'url'))),
  matchers: valid(fc.constantFrom([Matcher.eq('severity', 'critical')], [Matcher.regex('alertname', 'Flux.+'), Matcher.neq('team', 'b')], [])),
};

/** Whether `e` is one of our validation errors: a plain Error naming the path, the field and the fix. */
export function isOurs(e: unknown): boolean {
  if (!(e instanceof Error)) { return false; }
  if (e.message.includes(SECRET_MARK) || !/Fix: /.test(e.message)) { return false; }
  // the app's folder errors name the option (the app is the root: no path)
  if (e.constructor.name === 'OutputFolderError') { return /^(outdir|publishDir): /.test(e.message); }
  return e.constructor === Error && /^(\[|\d+ problems:|Validation failed with the following errors:\n\s+\[)/.test(e.message);
}

/**
 * Builds with `build` in a fresh app, then synthesizes every chart; returns what was thrown,
 * or undefined.
 */
export function attempt(build: (c: Chart) => void | App): unknown {
  const app = Testing.app();
  const c = new Chart(app, 'c', { namespace: 'monitoring' });
  try {
    const other = build(c);
    app.synthYaml();
    if (other instanceof App) { other.synthYaml(); }
  } catch (e) {
    return e;
  }
  return undefined;
}

/** Distinct escapes found in survey mode (`FUZZ_ESCAPES=1`), printed after the run. */
export const escapes = new Map<string, number>();
if (process.env.FUZZ_ESCAPES) {
  afterAll(() => {
    // eslint-disable-next-line no-console
    console.log(`escapes (${escapes.size}):\n${[...escapes].map(([k, n]) => `${n}x ${k}`).sort().join('\n')}`);
  });
}

/** Tallies per target, printed after the run. */
export const tally = new Map<string, { cases: number; accepted: number; rejected: number }>();

/** A property: build never lets anything but our validation error escape, constructing or synthesizing. */
export function noCrash<T extends unknown[]>(target: string, arbs: { [K in keyof T]: fc.Arbitrary<T[K]> }, build: (c: Chart, ...args: T) => void | App, runs = RUNS): void {
  const t = tally.get(target) ?? { cases: 0, accepted: 0, rejected: 0 };
  tally.set(target, t);
  fc.assert(fc.property(...(arbs as unknown as [fc.Arbitrary<unknown>]), (...args: unknown[]) => {
    t.cases++;
    const e = attempt((c) => build(c, ...(args as T)));
    if (e === undefined) { t.accepted++; return; }
    if (!isOurs(e)) {
      const err = e as Error;
      if (process.env.FUZZ_ESCAPES) {
        // survey mode: record each distinct escape (type, message, throwing frame) instead of failing at the first
        const frame = String(err?.stack).split('\n').find((l) => /\/lib\//.test(l))?.trim() ?? '';
        const key = `${target}: ${err?.constructor?.name}: ${String(err?.message).split('\n')[0].replace(/\d+/g, 'N').slice(0, 160)} ${frame.replace(/:\d+:\d+\)?$/, '')}`;
        escapes.set(key, (escapes.get(key) ?? 0) + 1);
        return;
      }
      throw new Error(`not our validation error: ${err?.constructor?.name}: ${String(err?.message).slice(0, 600)}\n${String(err?.stack).split('\n').slice(1, 6).join('\n')}`);
    }
    t.rejected++;
    if (process.env.FUZZ_SHOW) { process.stdout.write(`${target}: ${(e as Error).message.split('\n').slice(0, 3).join(' | ').slice(0, 300)}\n`); }
  }), { numRuns: runs });
}
