/**
 * One benchmark run, in a fresh process:
 *
 *     node dist/bench/variant.js <lib|unchecked|plain|yaml> <clusters> <outdir> [teams] [rulesPerTeam]
 *
 * - `lib`: the fleet example (`examples/fleet/main.ts`): L2 constructs, every validation on.
 * - `unchecked` (diagnostic): `lib` without the app-wide checks (the checker is replaced by one
 *   that finds nothing, so no model of the cluster is built); the constructors' checks stay.
 * - `plain`: the same manifests from plain cdk8s `ApiObject`s in the same Apps and Charts
 *   (`bench/plain.ts`): no L2, no validation, no generated CRD imports.
 * - `yaml`: the same plain objects, sorted and stringified with `yaml` and written to the
 *   same files: no cdk8s at all (the floor).
 *
 * Prints one JSON line: the phases in milliseconds (`startup`: node until this script runs;
 * `load`: requiring the variant's modules; `config`: generating the fleet's configuration;
 * `build`: constructs or objects; `synth`: validation, rendering and writing; both summed over
 * the clusters, which are done one at a time as `writeFleet` does), the CPU time of build and
 * synth (`cpuBuild`, `cpuSynth`: user + system, from `process.cpuUsage()`, which a busy machine
 * disturbs far less than wall time) and the peak resident set size from
 * `process.resourceUsage().maxRSS`.
 *
 * Modules are required inside the phases (not imported at the top) so loading is measured.
 */
import { performance } from 'perf_hooks';

const startup = performance.now();

type Phases = { load: number; config: number; build: number; synth: number; cpuBuild: number; cpuSynth: number };

function run(variant: string, clusterCount: number, outdir: string, teams: number, rulesPerTeam: number): Phases {
  const t0 = performance.now();
  const fs = require('fs') as typeof import('fs');
  const path = require('path') as typeof import('path');
  const config = require('../examples/fleet/config') as typeof import('../examples/fleet/config');
  const packsMod = require('../examples/fleet/rule-packs') as typeof import('../examples/fleet/rule-packs');
  const synthetic = require('../examples/fleet/synthetic') as typeof import('../examples/fleet/synthetic');
  let lib: typeof import('../examples/fleet/main') | undefined;
  let cdk8s: typeof import('cdk8s') | undefined;
  let plain: typeof import('./plain') | undefined;
  let YAML: typeof import('yaml') | undefined;
  if (variant === 'lib' || variant === 'unchecked') {
    lib = require('../examples/fleet/main');
    if (variant === 'unchecked') {
      // Diagnostic: the same app with the app-wide checks replaced by a checker that finds
      // nothing (no model is built, no check runs); the constructors' own checks stay.
      (require('../lib/hook/app-hook') as typeof import('../lib/hook/app-hook')).setAppChecker(() => ({ errors: [], warnings: [] }));
    }
  } else if (variant === 'plain') {
    cdk8s = require('cdk8s');
    plain = require('./plain');
  } else if (variant === 'yaml') {
    YAML = require('yaml');
    plain = require('./plain');
  } else {
    throw new Error(`unknown variant ${variant}: use lib, unchecked, plain or yaml`);
  }
  const t1 = performance.now();

  const clusters = synthetic.syntheticFleet(clusterCount, { teams, rulesPerTeam });
  const packs = packsMod.defaultPacks();
  const t2 = performance.now();

  // Each variant works one cluster at a time (as `writeFleet` does): build its objects, then
  // synthesize them. The build and synth times are summed over the clusters.
  let build = 0;
  let synth = 0;
  let cpuBuild = 0;
  let cpuSynth = 0;
  const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const timed = <T>(f: () => T, add: (ms: number, cpu: number) => void): T => {
    const start = performance.now();
    const cpu = cpuMs();
    const result = f();
    add(performance.now() - start, cpuMs() - cpu);
    return result;
  };
  const addBuild = (ms: number, cpu: number) => { build += ms; cpuBuild += cpu; };
  const addSynth = (ms: number, cpu: number) => { synth += ms; cpuSynth += cpu; };
  if (lib) {
    config.checkClusterNames(clusters);
    for (const c of clusters) {
      const fleet = timed(() => lib!.buildFleet([c], { outdir, packs }), addBuild);
      timed(() => lib!.synthFleet(fleet), addSynth);
    }
  } else if (cdk8s) {
    const { App, Chart, ApiObject } = cdk8s;
    for (const c of clusters) {
      const dir = config.clusterDir(outdir, c.name);
      const { app, syncApp } = timed(() => {
        const p = plain!.plainCluster(c, packs);
        const a = new App({ outdir: path.join(dir, 'alerting'), outputFileExtension: '.yaml' });
        for (const chart of p.charts) {
          const ch = new Chart(a, chart.id, { namespace: chart.namespace });
          chart.objects.forEach((o) => new ApiObject(ch, `${o.kind}-${o.metadata.name}`, o));
        }
        const s = new App({ outdir: dir, outputFileExtension: '.yaml' });
        const sync = new Chart(s, p.sync.id, { namespace: p.sync.namespace });
        p.sync.objects.forEach((o) => new ApiObject(sync, `${o.kind}-${o.metadata.name}`, o));
        return { app: a, syncApp: s };
      }, addBuild);
      timed(() => {
        fs.rmSync(app.outdir, { recursive: true, force: true });
        app.synth();
        syncApp.synth();
        config.writeKustomizations(outdir, c.name, 'flux-system');
      }, addSynth);
    }
  } else {
    const opts = { keepUndefined: true, lineWidth: 0, version: '1.1' as const };
    const text = (objects: import('./plain').Manifest[]) => objects.map((o) => YAML!.stringify(plain!.sanitize(o), opts)).join('---\n');
    for (const c of clusters) {
      const p = timed(() => plain!.plainCluster(c, packs), addBuild);
      timed(() => {
        const dir = config.clusterDir(outdir, c.name);
        const alerting = path.join(dir, 'alerting');
        fs.rmSync(alerting, { recursive: true, force: true });
        fs.mkdirSync(alerting, { recursive: true });
        for (const chart of p.charts) {
          fs.writeFileSync(path.join(alerting, `${chart.id}.yaml`), text(chart.objects));
        }
        fs.writeFileSync(path.join(dir, `${p.sync.id}.yaml`), text(p.sync.objects));
        config.writeKustomizations(outdir, c.name, 'flux-system');
      }, addSynth);
    }
  }
  return { load: t1 - t0, config: t2 - t1, build, synth, cpuBuild, cpuSynth };
}

const [variant, clusters, outdir, teams, rulesPerTeam] = process.argv.slice(2);
if (!variant || !clusters || !outdir) {
  process.stderr.write('usage: node dist/bench/variant.js <lib|unchecked|plain|yaml> <clusters> <outdir> [teams] [rulesPerTeam]\n');
  process.exit(2);
}
const phases = run(variant, Number(clusters), outdir, Number(teams ?? 10), Number(rulesPerTeam ?? 6));
process.stdout.write(`${JSON.stringify({
  variant,
  clusters: Number(clusters),
  startup,
  ...phases,
  total: performance.now(),
  maxRssKb: process.resourceUsage().maxRSS,
})}\n`);
