import { IConstruct } from 'constructs';

/**
 * Caches app-wide computations for one validation pass.
 *
 * `App.synth()` validates the whole app once, and `Chart.toJson()` validates it again for
 * every chart. A validation registered on the app root runs first in every pass (the tree
 * is walked in pre-order) and empties the cache, so each pass sees the app as it is now,
 * while the checks of one pass run once instead of once per construct. `AlertingApp.synth()`
 * freezes the cache for its whole synth, so the checks run once per synth even with many charts.
 * The cache is also emptied on the next microtask, for callers outside a validation pass.
 */
const caches = new WeakMap<IConstruct, Map<unknown, unknown>>();
const frozen = new WeakSet<IConstruct>();

function cacheOf(root: IConstruct): Map<unknown, unknown> {
  let cache = caches.get(root);
  if (!cache) {
    cache = new Map();
    caches.set(root, cache);
    root.node.addValidation({
      validate: () => {
        if (!frozen.has(root)) { cache!.clear(); }
        return [];
      },
    });
  }
  return cache;
}

/**
 * Computes `compute()` once per validation pass for `key` in the app holding `scope`.
 * @internal
 */
export function perSynth<V>(scope: IConstruct, key: unknown, compute: () => V): V {
  const root = scope.node.root;
  const cache = cacheOf(root);
  if (cache.has(key)) {
    return cache.get(key) as V;
  }
  const value = compute();
  cache.set(key, value);
  if (!frozen.has(root)) {
    queueMicrotask(() => cache.delete(key));
  }
  return value;
}

/**
 * Runs `fn` with the caches of `root` kept for its whole duration, then empties them.
 * @internal
 */
export function withFrozenChecks<T>(root: IConstruct, fn: () => T): T {
  const cache = cacheOf(root);
  cache.clear();
  frozen.add(root);
  try {
    return fn();
  } finally {
    frozen.delete(root);
    cache.clear();
  }
}
