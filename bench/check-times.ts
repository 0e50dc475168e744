/**
 * Time per check over the models of N synthetic fleet clusters (BENCH_CLUSTERS, default 30):
 * `node dist/bench/check-times.js`. Each cluster's app is built, its model made once, and every
 * check run alone over it (a fresh memo per check, so shared work is charged to the first check
 * that asks for it, in CHECKS order), then all checks together, as the synth runs them.
 */
import { performance } from 'perf_hooks';
import { App } from 'cdk8s';
import { buildCluster, defaultPacks, syntheticFleet } from '../examples/fleet/main';
import { CHECKS } from '../lib/checks/rules';
import { runChecks } from '../lib/checks/engine';
import { modelOfApp } from '../lib/model/from-app';

const n = Number(process.env.BENCH_CLUSTERS ?? '30');
const clusters = syntheticFleet(n, { teams: 10, rulesPerTeam: 6 });
const packs = defaultPacks();
const perCheck = new Map<string, number>();
let together = 0;
let modelMs = 0;
for (const c of clusters) {
  const app = new App({ outdir: '/tmp/pc' });
  buildCluster(app, c, packs);
  let t = performance.now();
  const { model } = modelOfApp(app);
  modelMs += performance.now() - t;
  t = performance.now();
  runChecks(model);
  together += performance.now() - t;
  // a fresh model per pass: the simulations cache per model
  const { model: m2 } = modelOfApp(app);
  for (const check of CHECKS) {
    t = performance.now();
    runChecks(m2, {}, [check]);
    perCheck.set(check.id, (perCheck.get(check.id) ?? 0) + performance.now() - t);
  }
}
console.log(`${n} clusters: model ${modelMs.toFixed(0)} ms, all checks together ${together.toFixed(0)} ms`);
for (const [id, ms] of [...perCheck].sort((a, b) => b[1] - a[1]).slice(0, 15)) { console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${id}`); }
