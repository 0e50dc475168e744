/**
 * `npm run bench`: the fleet benchmark. Writes the results into BENCHMARKS.md (between the
 * `bench:begin` / `bench:end` markers; the text around them is kept).
 *
 * For each fleet size, each variant (`lib`, `unchecked`, `plain`, `yaml`, see `variant.ts`) runs
 * in a fresh `node` process, interleaved (lib, unchecked, plain, yaml, lib, …) so that a busy
 * machine slows all variants alike; the median of the runs is reported. Before timing, one
 * run of each variant writes its own directory and the trees are compared: `plain` and `yaml`
 * byte for byte, and `lib` byte for byte with `plain`'s documents as the library writes them
 * (the same bytes, except the strings other YAML readers misread, which it quotes: the
 * matcher type `=`). The benchmark stops if they differ.
 *
 * Then the example fleet's `cdk8s synth` (the CLI, as `npm run synth:fleet` runs it) is
 * timed, with hyperfine when it is installed, else by repeated runs.
 *
 * Environment: BENCH_SIZES (default `1,10,100`), BENCH_RUNS (default 5), BENCH_CLI_RUNS
 * (default 10), BENCH_TEAMS (10), BENCH_RULES_PER_TEAM (6), BENCH_TMPDIR (where the variants
 * write; default /dev/shm when it exists, else the OS temp directory), BENCH_PROFILE=1 to also write a
 * CPU profile of the largest `lib` run and print its hottest functions, BENCH_NO_WRITE=1 to
 * print instead of writing BENCHMARKS.md.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { parseAllDocuments } from 'yaml';
import { FLEET } from '../examples/fleet/config';
import { defaultPacks, packRuleCount } from '../examples/fleet/rule-packs';
import { syntheticFleet } from '../examples/fleet/synthetic';
import { emitYamlDocuments } from '../lib/yaml/emit';
import { plainCluster } from './plain';
import { inclusiveTimes, summarizeProfile } from './profile';

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const VARIANTS = ['lib', 'unchecked', 'plain', 'yaml'] as const;
type Variant = typeof VARIANTS[number];

interface Sample {
  readonly variant: Variant;
  readonly clusters: number;
  readonly startup: number;
  readonly load: number;
  readonly config: number;
  readonly build: number;
  readonly synth: number;
  readonly total: number;
  readonly cpuBuild: number;
  readonly cpuSynth: number;
  readonly maxRssKb: number;
  /** Wall time of the child process as the parent saw it (spawn to exit). */
  readonly wall: number;
}

const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const SIZES = env('BENCH_SIZES', '1,10,100').split(',').map(Number);
const RUNS = Number(env('BENCH_RUNS', '5'));
const CLI_RUNS = Number(env('BENCH_CLI_RUNS', '10'));
const TEAMS = Number(env('BENCH_TEAMS', '10'));
const RULES_PER_TEAM = Number(env('BENCH_RULES_PER_TEAM', '6'));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function runVariant(variant: Variant, clusters: number, outdir: string, nodeArgs: string[] = []): Sample {
  fs.rmSync(outdir, { recursive: true, force: true });
  const start = performance.now();
  const res = spawnSync(process.execPath, [...nodeArgs, path.join(DIST, 'bench', 'variant.js'), variant, String(clusters), outdir, String(TEAMS), String(RULES_PER_TEAM)], { encoding: 'utf8' });
  const wall = performance.now() - start;
  if (res.status !== 0) {
    throw new Error(`${variant} ${clusters} failed (exit ${res.status}):\n${res.stderr}`);
  }
  return { ...JSON.parse(res.stdout.trim().split('\n').pop()!), wall };
}

/** Every file under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) { walk(p); } else { out.push(path.relative(dir, p)); }
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Throws unless `a` and `b` hold the same files with the same bytes, or, with `reemit`, unless
 * each file of `a` holds the bytes of `b`'s documents written by the library's emitter.
 * @returns the bytes of `b`, and how many lines of `a` differ from `b`
 */
function assertSameTree(a: string, b: string, reemit = false): { bytes: number; linesDiffering: number } {
  const ta = tree(a);
  const tb = tree(b);
  if (JSON.stringify(ta) !== JSON.stringify(tb)) {
    throw new Error(`${a} and ${b} hold different files:\n${ta.filter((f) => !tb.includes(f)).concat(tb.filter((f) => !ta.includes(f))).join('\n')}`);
  }
  let bytes = 0;
  let linesDiffering = 0;
  for (const f of ta) {
    const x = fs.readFileSync(path.join(a, f), 'utf8');
    const y = fs.readFileSync(path.join(b, f), 'utf8');
    bytes += Buffer.byteLength(y);
    if (x === y) { continue; }
    if (!reemit || x !== emitYamlDocuments(parseAllDocuments(y, { version: '1.1' }).map((d) => d.toJS()))) {
      throw new Error(`${f} differs between ${a} and ${b}`);
    }
    const ly = y.split('\n');
    linesDiffering += x.split('\n').filter((l, i) => l !== ly[i]).length;
  }
  return { bytes, linesDiffering };
}

/** Rules and routes of a synthetic fleet, counted on the plain objects. */
function workload(clusters: number): { rules: number; routes: number; objects: number } {
  const packs = defaultPacks();
  let rules = 0;
  let routes = 0;
  let objects = 0;
  const countRoutes = (r: any): number => 1 + (r.routes ?? []).reduce((n: number, c: any) => n + countRoutes(c), 0);
  for (const c of syntheticFleet(clusters, { teams: TEAMS, rulesPerTeam: RULES_PER_TEAM })) {
    const p = plainCluster(c, packs);
    for (const o of [...p.charts.flatMap((ch) => ch.objects), ...p.sync.objects]) {
      objects++;
      if (o.kind === 'PrometheusRule') { rules += o.spec.groups.reduce((n: number, g: any) => n + g.rules.length, 0); }
      if (o.kind === 'AlertmanagerConfig' && o.metadata.name !== 'main-base') { routes += countRoutes(o.spec.route); }
    }
  }
  return { rules, routes, objects };
}

function machine(): string[] {
  const cpu = fs.existsSync('/proc/cpuinfo')
    ? (/^model name\s*:\s*(.*)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown')
    : os.cpus()[0]?.model ?? 'unknown';
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'lib', 'imports', 'examples', 'bench'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (dirty) { commit += ' (with uncommitted changes)'; }
  } catch { /* not a git checkout */ }
  return [
    `- CPU: ${cpu}, ${os.cpus().length} cores`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Node ${process.version}, ${os.type()} ${os.release()}`,
    `- Load average when the run started: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`,
    `- Commit: ${commit}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  ];
}

function which(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** Median wall time (ms) of `command` run `runs` times through `sh -c`. */
function timeCommand(command: string, runs: number, cwd = ROOT): { median: number; min: number; max: number; tool: string } {
  if (which('hyperfine')) {
    const json = path.join(os.tmpdir(), `cdk8s-alerting-hyperfine-${process.pid}.json`);
    execFileSync('hyperfine', ['--warmup', '1', '--runs', String(runs), '--export-json', json, '--style', 'none', command], { cwd, stdio: 'ignore' });
    const r = JSON.parse(fs.readFileSync(json, 'utf8')).results[0];
    fs.rmSync(json, { force: true });
    return { median: r.median * 1000, min: r.min * 1000, max: r.max * 1000, tool: `hyperfine (${runs} runs, 1 warmup)` };
  }
  spawnSync('sh', ['-c', command], { cwd, stdio: 'ignore' });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const r = spawnSync('sh', ['-c', command], { cwd, stdio: 'ignore' });
    if (r.status !== 0) { throw new Error(`${command} failed`); }
    times.push(performance.now() - start);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), tool: `median of ${runs} runs after 1 warmup (hyperfine not installed)` };
}

const ms = (x: number) => `${Math.round(x)}`;
const ratio = (a: number, b: number) => (a / b).toFixed(2);
const mib = (kb: number) => (kb / 1024).toFixed(0);

function main(): void {
  if (!fs.existsSync(path.join(DIST, 'bench', 'variant.js')) || !fs.existsSync(path.join(DIST, 'examples', 'fleet', 'main.js'))) {
    throw new Error('build first: npm run bench does (tsc -p tsconfig.json and bench/tsconfig.json)');
  }
  // The variants write to a RAM disk when there is one: on a shared VM, disk latency (other
  // jobs, ext4 discards of the previous run's files) varies by more than the library costs.
  const base = process.env.BENCH_TMPDIR ?? (fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir());
  const scratch = fs.mkdtempSync(path.join(base, 'cdk8s-alerting-bench-'));
  const lines: string[] = [];
  const log = (s = '') => { process.stderr.write(`${s}\n`); };
  try {
    lines.push('### Machine', '', ...machine(), '');
    const results = new Map<number, Map<Variant, Sample[]>>();
    const sizes: Array<{ clusters: number; rules: number; routes: number; objects: number; bytes: number; quoted: number }> = [];
    for (const clusters of SIZES) {
      // Equality first: the comparison is only fair if all variants write the same bytes.
      const dir = (v: Variant) => path.join(scratch, `${v}-${clusters}`);
      VARIANTS.forEach((v) => runVariant(v, clusters, dir(v)));
      const { bytes } = assertSameTree(dir('plain'), dir('yaml'));
      const { linesDiffering: quoted } = assertSameTree(dir('lib'), dir('plain'), true);
      assertSameTree(dir('unchecked'), dir('lib'));
      VARIANTS.forEach((v) => fs.rmSync(dir(v), { recursive: true, force: true }));
      const w = workload(clusters);
      sizes.push({ clusters, ...w, bytes, quoted });
      log(`${clusters} clusters: ${w.rules} rules, ${w.routes} routes, ${w.objects} objects, ${bytes} bytes of YAML; plain = yaml byte for byte; lib = unchecked byte for byte = plain's documents as the library writes them, ${quoted} lines quoted`);

      const byVariant = new Map<Variant, Sample[]>(VARIANTS.map((v) => [v, []]));
      for (let r = 0; r < RUNS; r++) {
        for (const v of VARIANTS) {
          const s = runVariant(v, clusters, path.join(scratch, 'out'));
          byVariant.get(v)!.push(s);
          log(`  ${v.padEnd(9)} run ${r + 1}: ${ms(s.wall)} ms wall, ${ms(s.build + s.synth)} ms work, ${ms(s.cpuBuild + s.cpuSynth)} ms CPU work, ${mib(s.maxRssKb)} MiB`);
        }
      }
      results.set(clusters, byVariant);
    }

    const med = (c: number, v: Variant, f: (s: Sample) => number) => median(results.get(c)!.get(v)!.map(f));
    const work = (s: Sample) => s.build + s.synth;
    const cpuWork = (s: Sample) => s.cpuBuild + s.cpuSynth;

    lines.push('### Workload', '');
    lines.push(`Synthetic fleets (\`examples/fleet/synthetic.ts\`): per cluster ${TEAMS} teams with ${RULES_PER_TEAM} rules of their own plus the 4-rule workload pack, the ${packRuleCount(defaultPacks())} rules of the shared packs, one routing config per team and a platform one.`, '');
    lines.push('*plain = yaml* and *lib = unchecked*: byte for byte. *lib*: byte for byte the documents of *plain* as the library writes them, which quotes the strings other YAML readers misread; the last column counts the lines that differ from *plain* (each a `matchType: =`, which PyYAML refuses to load, written `matchType: "="`).', '');
    lines.push('| clusters | alert rules | routes | objects | YAML bytes (plain) | lines lib quotes |', '| ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const s of sizes) { lines.push(`| ${s.clusters} | ${s.rules} | ${s.routes} | ${s.objects} | ${s.bytes} | ${s.quoted} |`); }
    lines.push('');

    lines.push('### Synth time and peak memory', '');
    lines.push(`Median of ${RUNS} runs, each variant in a fresh \`node\` process, interleaved, writing to \`${base}\`${base === '/dev/shm' ? ' (a RAM disk: disk latency on this shared VM varies by more than the library costs)' : ''}. *wall*: the child process from spawn to exit, as the parent measured it (node startup and module loading included). *load*: requiring the modules. *build*: constructs (lib) or plain objects. *synth*: validation, rendering, writing. *work* = build + synth. *CPU work*: the CPU time (user + system) of build and synth, which other jobs on a shared machine disturb far less than wall time. Peak RSS: \`process.resourceUsage().maxRSS\`.`, '');
    lines.push('| clusters | variant | wall ms | load ms | build ms | synth ms | work ms | CPU work ms | peak RSS MiB |', '| ---: | :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const c of SIZES) {
      for (const v of VARIANTS) {
        lines.push(`| ${c} | ${v} | ${ms(med(c, v, (s) => s.wall))} | ${ms(med(c, v, (s) => s.load))} | ${ms(med(c, v, (s) => s.build))} | ${ms(med(c, v, (s) => s.synth))} | ${ms(med(c, v, work))} | ${ms(med(c, v, cpuWork))} | ${mib(med(c, v, (s) => s.maxRssKb))} |`);
      }
    }
    lines.push('');

    lines.push('### Ratios', '');
    lines.push('a = lib, u = unchecked, b = plain, c = yaml; ratios of the medians. Target (issue 9): a/b ≤ 1.0 at the largest size. *u/b*: the library without its app-wide checks against plain cdk8s; *a − u*: what the model of the cluster and the app-wide checks cost (work ms).', '');
    lines.push('| clusters | a/b wall | a/b work | a/b CPU work | u/b work | a − u work ms | a/c wall | a/c work | b/c work |', '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const c of SIZES) {
      lines.push(`| ${c} | ${ratio(med(c, 'lib', (s) => s.wall), med(c, 'plain', (s) => s.wall))} | ${ratio(med(c, 'lib', work), med(c, 'plain', work))} | ${ratio(med(c, 'lib', cpuWork), med(c, 'plain', cpuWork))} | ${ratio(med(c, 'unchecked', work), med(c, 'plain', work))} | ${ms(med(c, 'lib', work) - med(c, 'unchecked', work))} | ${ratio(med(c, 'lib', (s) => s.wall), med(c, 'yaml', (s) => s.wall))} | ${ratio(med(c, 'lib', work), med(c, 'yaml', work))} | ${ratio(med(c, 'plain', work), med(c, 'yaml', work))} |`);
    }
    lines.push('');

    lines.push('### Growth per size step', '');
    lines.push('Work time at this size over work time at the previous size (10× the clusters, rules and routes each step). Target: ≤ 11× (linear).', '');
    lines.push('| step | lib work | plain work | yaml work | lib wall | lib peak RSS |', '| :--- | ---: | ---: | ---: | ---: | ---: |');
    for (let i = 1; i < SIZES.length; i++) {
      const [p, c] = [SIZES[i - 1], SIZES[i]];
      const g = (v: Variant, f: (s: Sample) => number) => `${ratio(med(c, v, f), med(p, v, f))}×`;
      lines.push(`| ${p} → ${c} | ${g('lib', work)} | ${g('plain', work)} | ${g('yaml', work)} | ${g('lib', (s) => s.wall)} | ${g('lib', (s) => s.maxRssKb)} |`);
    }
    lines.push('');

    // The example app through the cdk8s CLI, as `npm run synth:fleet` runs it, on disk, as a
    // user's synth would be. From a folder whose cdk8s.yaml has no `validations:` entry: the
    // repository's runs the validation plugin over the output folder, which holds the fleet's
    // clusters side by side, and the plugin reports the objects every cluster has as duplicates.
    const cliProject = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-alerting-cli-'));
    const cliOut = path.join(cliProject, 'out');
    fs.writeFileSync(path.join(cliProject, 'cdk8s.yaml'), 'language: typescript\noutput: out\n');
    const cdk8s = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');
    const appCmd = `node ${path.relative(ROOT, path.join(DIST, 'examples', 'fleet', 'main.js'))}`;
    const appAbs = `node ${path.join(DIST, 'examples', 'fleet', 'main.js')}`;
    const cli = timeCommand(`${cdk8s} synth --app '${appAbs}' --output ${cliOut} --check-upgrade false`, CLI_RUNS, cliProject);
    const direct = timeCommand(`CDK8S_OUTDIR=${cliOut} ${appAbs}`, CLI_RUNS, cliProject);
    const noop = timeCommand(`${cdk8s} synth --app 'mkdir -p ${cliOut}' --output ${cliOut} --check-upgrade false`, CLI_RUNS, cliProject);
    lines.push('### `cdk8s synth` of the example fleet', '');
    lines.push(`The ${FLEET.length} clusters of \`examples/fleet/main.ts\` (\`npm run synth:fleet\` without its build step and without the validation plugin, which takes the fleet's clusters for one). Timing: ${cli.tool}. Target: ≤ 1.5 s.`, '');
    lines.push('| command | median ms | min ms | max ms |', '| :--- | ---: | ---: | ---: |');
    lines.push(`| \`cdk8s synth --app '${appCmd}'\` | ${ms(cli.median)} | ${ms(cli.min)} | ${ms(cli.max)} |`);
    lines.push(`| \`${appCmd}\` alone | ${ms(direct.median)} | ${ms(direct.min)} | ${ms(direct.max)} |`);
    lines.push(`| \`cdk8s synth\` of an app that writes nothing (the CLI's own cost) | ${ms(noop.median)} | ${ms(noop.min)} | ${ms(noop.max)} |`);
    lines.push('');
    fs.rmSync(cliProject, { recursive: true, force: true });

    if (process.env.BENCH_PROFILE === '1') {
      const largest = SIZES[SIZES.length - 1];
      const profDir = path.join(scratch, 'profile');
      runVariant('lib', largest, path.join(scratch, 'out'), ['--cpu-prof', `--cpu-prof-dir=${profDir}`]);
      const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))!;
      const kept = path.join(os.tmpdir(), `cdk8s-alerting-lib-${largest}.cpuprofile`);
      fs.copyFileSync(path.join(profDir, file), kept);
      log(`\nCPU profile of lib at ${largest} clusters: ${kept}\n${summarizeProfile(kept, 25)}`);
      const parts: Array<[string, string]> = [
        ['buildFleet', 'building the constructs (constructor checks included)'],
        ['checkPromQL', 'PromQL checks (parse and semantics), constructor and synth'],
        ['writeApp', 'AlertingApp synth: validation (checks included), rendering, YAML, writing to the staging folder'],
        ['findingsOf', 'of which: every app-wide check on the model, once per cluster'],
        ['modelOfApp', 'of which: building the model, with the one rendering per object (cdk8s toJson)'],
        ['runChecks', 'of which: the checks themselves'],
        ['emitYamlDocuments', 'of which: YAML emission'],
        ['writeYamlFile', 'of which: YAML emission and file writes'],
        ['writeFileSync', 'file writes (all)'],
        ['_synthChart', 'the per-cluster Flux Kustomization App (a plain cdk8s App): rendering'],
        ['save', 'the same: cdk8s Yaml.save'],
      ];
      const times = inclusiveTimes(kept, parts.map(([f]) => f));
      lines.push(`### Where the library's time goes (${largest} clusters)`, '');
      lines.push(`From one \`node --cpu-prof\` run of the lib variant (inclusive CPU time; the rows overlap: validation is part of synth, PromQL checks run in both the constructors and validation).`, '');
      lines.push('| function | ms | what |', '| :--- | ---: | :--- |');
      for (const [f, what] of parts) { lines.push(`| \`${f}\` | ${ms(times.get(f)!)} | ${what} |`); }
      lines.push('');
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }

  const block = ['<!-- bench:begin (written by npm run bench; edit around it) -->', ...lines, '<!-- bench:end -->'].join('\n');
  if (process.env.BENCH_NO_WRITE === '1') {
    process.stdout.write(`${block}\n`);
    return;
  }
  const file = path.join(ROOT, 'BENCHMARKS.md');
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\n<!-- bench:begin -->\n<!-- bench:end -->\n';
  const begin = old.indexOf('<!-- bench:begin');
  const end = old.indexOf('<!-- bench:end -->');
  const next = begin >= 0 && end > begin
    ? `${old.slice(0, begin)}${block}${old.slice(end + '<!-- bench:end -->'.length)}`
    : `${old.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, next);
  process.stderr.write(`\nwrote ${path.relative(process.cwd(), file)}\n`);
}

main();
