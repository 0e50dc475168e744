/**
 * The one place where constructs meet the app-wide checks, without knowing them.
 *
 * Constructs of this library call {@link attachToApp} (and, for objects that exist in the
 * cluster but are not synthesized, {@link declareExternalObject}). That registers one
 * validation on the app root. The checks register their runner with {@link setAppChecker}
 * when `lib/checks` is loaded (the package entry point loads it), so this module sits below
 * both: constructs → hook ← checks, and no construct imports a check.
 *
 * cdk8s validates the whole app once in `App.synth()` and again for every chart it renders.
 * The root is validated first (pre-order), so the root validation runs the checks and hands
 * each finding to the construct it is about, through a reporter validation on that construct.
 * Within one `App.synth()`/`synthYaml()` call the results are computed once (the app cannot
 * change during it); outside of it, every validation pass sees the app as it is now.
 *
 * @module
 */
import { App } from 'cdk8s';
import { IConstruct } from 'constructs';

/** What the checks report to the app: messages per construct. @internal */
export interface AppCheckReport {
  /** Messages that fail the synth, with the construct they are reported on. */
  readonly errors: ReadonlyArray<{ readonly construct: IConstruct; readonly message: string }>;
  /** Messages printed once per synth, with the construct they are reported on. */
  readonly warnings: ReadonlyArray<{ readonly construct: IConstruct; readonly message: string }>;
  /** Messages printed once per synth as they are (suppressed findings), after `[construct path] `. */
  readonly notices?: ReadonlyArray<{ readonly construct: IConstruct; readonly message: string }>;
}

/** Runs every app-wide check over the app rooted at `root`. @internal */
export type AppChecker = (root: IConstruct) => AppCheckReport;

let checker: AppChecker | undefined;
const rooted = new WeakSet<IConstruct>();
const owners = new WeakSet<IConstruct>();
const externals = new WeakMap<IConstruct, Array<{ readonly scope: IConstruct; readonly manifest: Record<string, unknown> }>>();
const reporters = new WeakMap<IConstruct, string[]>();
const caches = new WeakMap<IConstruct, Map<unknown, unknown>>();
const frozen = new WeakSet<IConstruct>();
const printed = new WeakMap<IConstruct, Set<string>>();
const renders = new WeakMap<IConstruct, Map<IConstruct, unknown>>();

/** Registers the function that runs the app-wide checks (called by `lib/checks`). @internal */
export function setAppChecker(fn: AppChecker): void {
  checker = fn;
}

/**
 * Marks `construct` as one that findings are reported on (an L2 construct of this library),
 * and makes sure the app holding it runs the app-wide checks once per validation pass.
 * @internal
 */
export function attachToApp(construct: IConstruct): void {
  owners.add(construct);
  runChecksIn(construct.node.root);
}

/**
 * Makes sure the app rooted at `root` runs the app-wide checks once per validation pass, even if
 * it holds no construct of this library (only objects pulled in with `Include`, say).
 * @internal
 */
export function runChecksIn(root: IConstruct): void {
  if (rooted.has(root)) { return; }
  rooted.add(root);
  freezeDuringSynth(root);
  root.node.addValidation({ validate: () => validateRoot(root) });
}

/** Whether `construct` was marked by {@link attachToApp}. @internal */
export function isCheckOwner(construct: IConstruct): boolean {
  return owners.has(construct);
}

/**
 * Declares an object that exists in the cluster but is not synthesized, such as an existing
 * kube-prometheus-stack Prometheus referenced with `Prometheus.fromExisting`. The checks see
 * it like any synthesized object.
 * @internal
 */
export function declareExternalObject(scope: IConstruct, manifest: Record<string, unknown>): void {
  attachToApp(scope);
  const root = scope.node.root;
  const list = externals.get(root) ?? [];
  list.push({ scope, manifest });
  externals.set(root, list);
}

/** The objects declared with {@link declareExternalObject} in the app rooted at `root`. @internal */
export function externalObjectsOf(root: IConstruct): ReadonlyArray<{ readonly scope: IConstruct; readonly manifest: Record<string, unknown> }> {
  return externals.get(root) ?? [];
}

/**
 * Computes `compute()` once per validation pass (or once per synth while frozen) for `key` in
 * the app holding `scope`.
 * @internal
 */
export function perSynth<V>(scope: IConstruct, key: unknown, compute: () => V): V {
  const root = scope.node.root;
  const cache = cacheOf(root);
  if (cache.has(key)) { return cache.get(key) as V; }
  const value = compute();
  cache.set(key, value);
  if (!frozen.has(root)) { queueMicrotask(() => cache.delete(key)); }
  return value;
}

/**
 * Runs `fn` with the per-synth caches of `root` kept for its whole duration, then empties them.
 * @internal
 */
export function withFrozenChecks<T>(root: IConstruct, fn: () => T): T {
  const cache = cacheOf(root);
  if (frozen.has(root)) { return fn(); } // nested: the outer call owns the cache
  cache.clear();
  frozen.add(root);
  printed.set(root, new Set());
  try {
    return fn();
  } finally {
    frozen.delete(root);
    cache.clear();
  }
}

/**
 * Runs `fn` with one JSON rendering per object of the app rooted at `root`: while it runs,
 * {@link renderShared} renders each object once, so the model the checks read and the YAML
 * AlertingApp writes are the same JSON. Only for a synth, when the app cannot change.
 * @internal
 */
export function withSharedRenders<T>(root: IConstruct, fn: () => T): T {
  if (renders.has(root)) { return fn(); } // nested: the outer call owns the renderings
  renders.set(root, new Map());
  try {
    return fn();
  } finally {
    renders.delete(root);
  }
}

/**
 * `render()` of `obj` (an ApiObject's `toJson()`), computed once per {@link withSharedRenders}
 * of its app, else every time. Whoever reads a shared rendering must not change it.
 * @internal
 */
export function renderShared(obj: IConstruct, render: () => unknown): unknown {
  const store = renders.get(obj.node.root);
  if (!store) { return render(); }
  if (store.has(obj)) { return store.get(obj); }
  const json = render();
  store.set(obj, json);
  return json;
}

function cacheOf(root: IConstruct): Map<unknown, unknown> {
  let cache = caches.get(root);
  if (!cache) {
    cache = new Map();
    caches.set(root, cache);
  }
  return cache;
}

const REPORT = Symbol('report');

function validateRoot(root: IConstruct): string[] {
  const cache = cacheOf(root);
  if (!frozen.has(root)) {
    cache.clear();
    printed.set(root, new Set());
  }
  if (!checker) { return []; }
  const report = perSynth(root, REPORT, () => checker!(root));
  // Hand each finding to its construct: reporters are validated after the root (pre-order).
  const byConstruct = new Map<IConstruct, string[]>();
  for (const e of report.errors) {
    byConstruct.set(e.construct, [...(byConstruct.get(e.construct) ?? []), e.message]);
  }
  for (const c of root.node.findAll()) {
    if (reporters.has(c)) { reporters.set(c, []); }
  }
  const own: string[] = [];
  for (const [c, messages] of byConstruct) {
    if (c === root) { own.push(...messages); continue; }
    if (!reporters.has(c)) {
      c.node.addValidation({ validate: () => reporters.get(c) ?? [] });
    }
    reporters.set(c, messages);
  }
  const seen = printed.get(root) ?? new Set<string>();
  printed.set(root, seen);
  const lines = [
    ...report.warnings.map((w) => ({ construct: w.construct, message: `warning ${w.message}` })),
    ...(report.notices ?? []),
  ];
  for (const w of lines) {
    const line = `[${w.construct.node.path}] ${w.message}`;
    if (!seen.has(line)) {
      seen.add(line);
      process.stderr.write(`${line}\n`);
    }
  }
  return own;
}

/**
 * Keeps the check results for the whole of `App.synth()` and `App.synthYaml()`: cdk8s validates
 * the app once per chart there, and the app cannot change in between.
 */
function freezeDuringSynth(root: IConstruct): void {
  const app = root as IConstruct & { synth?: () => void; synthYaml?: () => string };
  for (const method of ['synth', 'synthYaml'] as const) {
    const original = app[method];
    if (typeof original !== 'function') { continue; }
    // cdk8s' own App.synth/synthYaml (not a subclass' override, such as AlertingApp's): written by
    // the library's writer when one is registered, so a plain App's output reads back the same
    // strings in YAML 1.1 and 1.2 too, and is checked and rendered once.
    const own = original === (App.prototype as unknown as Record<string, unknown>)[method] ? plainWriters[method] : undefined;
    Object.defineProperty(app, method, {
      configurable: true,
      writable: true,
      value: function (this: IConstruct, ...args: unknown[]) {
        return withFrozenChecks(root, () => {
          if (own?.writer) {
            const done = own.writer(root);
            if (done.written) { return done.value; }
          }
          return (original as (...a: unknown[]) => unknown).apply(this, args);
        });
      },
    });
  }
}

/** What a registered writer did: `written` false leaves the work to cdk8s. @internal */
export interface PlainAppWrite {
  readonly written: boolean;
  readonly value?: unknown;
}

const plainWriters: { synth: { writer?: (app: IConstruct) => PlainAppWrite }; synthYaml: { writer?: (app: IConstruct) => PlainAppWrite } } = { synth: {}, synthYaml: {} };

/**
 * Registers how a plain cdk8s `App` (one whose `synth`/`synthYaml` are cdk8s' own) holding
 * constructs of this library is written (called by `lib/app`, above this module).
 * @internal
 */
export function setPlainAppWriters(synth: (app: IConstruct) => PlainAppWrite, synthYaml: (app: IConstruct) => PlainAppWrite): void {
  plainWriters.synth.writer = synth;
  plainWriters.synthYaml.writer = synthYaml;
}
