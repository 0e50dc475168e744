#!/usr/bin/env node
/**
 * `npm test`: every check of the repository, on both cores of a small machine.
 *
 * The steps and what each one needs:
 *
 *     1. clean dist/, then  build (tsc, writes dist/)  ‖  typecheck (tsc --noEmit over the tests)
 *     2. jsii (compiles lib/ again into dist/ and writes .jsii)
 *     3. jest, then docs:check                         ‖  test:pack, then bindings
 *
 * `‖`: run at the same time. jsii writes the same dist/lib files as the build, so it runs alone,
 * and before jest, whose tests run dist/lib (the CLI, the validation plugin). The second lane of
 * step 3 writes only dist/examples-src and dist/rule-packs (the pack's staging), which no test
 * reads, and temporary folders of its own. Running jest beside it fills the time jest's
 * end-to-end tests spend waiting on real Prometheus and Alertmanager processes (rule evaluation,
 * group waits, gossip). The docs check follows jest so that the two lanes take about as long.
 *
 * The pack test and the bindings reuse the build of steps 1 and 2, which is a clean build: step
 * 1 removes dist/ first. With `CDK8S_ALERTING_PACK_PREBUILT=require` (scripts/prepack.js) their
 * `npm pack` fails, rather than rebuilding dist/ under jest, when a source changed after the
 * build. `npm run test:pack` on its own still builds from clean.
 *
 * The output of build, jsii and jest passes through as it is (CI reads jest's `Tests:` line);
 * the lines of the steps that run beside them (typecheck, docs:check, test:pack, bindings) are
 * prefixed with the step's name. SIGINT, SIGTERM and SIGHUP are passed on to the running steps. Once step 2 is done, a failed step stops nothing: every problem is
 * reported in one run (and the end-to-end tests' Prometheus and Alertmanager processes are
 * stopped by the tests that started them). The exit status is 1 when any step failed. At the
 * end: the time of every step.
 *
 * Extra arguments go to jest: `npm test -- -t routing`.
 */
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const times = [];
/** The steps running now, to pass a signal on to (by their process groups: only what this script started). */
const running = new Set();

/** Runs one step; resolves with its exit status (never rejects). */
function step(name, command, args, options = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: options.prefix ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
      // a process group of its own, so that a signal reaches the whole step (npm, its shell and
      // the command under it), by the group's ID: nothing this script did not start
      detached: true,
    });
    running.add(child);
    if (options.prefix) {
      for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
        let rest = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk) => {
          const lines = (rest + chunk).split('\n');
          rest = lines.pop();
          for (const line of lines) { out.write(`[${name}] ${line}\n`); }
        });
        stream.on('end', () => { if (rest) { out.write(`[${name}] ${rest}\n`); } });
      }
    }
    let finished = false;
    const done = (status, why) => {
      if (finished) { return; }
      finished = true;
      running.delete(child);
      const seconds = (Date.now() - started) / 1000;
      times.push({ name, seconds, status });
      if (status !== 0) { process.stderr.write(`npm test: ${name} failed (${why})\n`); }
      resolve(status);
    };
    child.on('error', (e) => done(1, e.message));
    // 'close', not 'exit': the step's last lines are written before its result and the summary
    child.on('close', (code, signal) => done(code ?? 1, signal ? `signal ${signal}` : `exit ${code}`));
  });
}

/** Runs the steps one after the other, each whatever the one before did; 1 when any failed. */
async function inOrder(steps) {
  let status = 0;
  for (const s of steps) {
    if (await s() !== 0) { status = 1; }
  }
  return status;
}

const npmRun = (script, options) => () => step(script, 'npm', ['run', '--silent', script], options);

async function main() {
  const started = Date.now();
  // dist/ holds only what the build writes; removing it makes every later step see a clean build.
  fs.rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
  process.stdout.write('== build ‖ typecheck\n');
  const first = await Promise.all([npmRun('build')(), npmRun('typecheck', { prefix: true })()]);
  let status = first.some((s) => s !== 0) ? 1 : 0;
  if (status === 0) {
    process.stdout.write('== jsii\n');
    status = await npmRun('jsii')();
  }
  if (status === 0) {
    process.stdout.write('== jest, docs:check ‖ test:pack, bindings\n');
    const lanes = await Promise.all([
      inOrder([
        () => step('jest', path.join(BIN, 'jest'), process.argv.slice(2)),
        npmRun('docs:check', { prefix: true }),
      ]),
      inOrder([
        npmRun('test:pack', { prefix: true, env: { CDK8S_ALERTING_PACK_PREBUILT: 'require' } }),
        npmRun('bindings', { prefix: true, env: { CDK8S_ALERTING_PACK_PREBUILT: 'require' } }),
      ]),
    ]);
    status = lanes.some((s) => s !== 0) ? 1 : 0;
  }
  const total = (Date.now() - started) / 1000;
  process.stdout.write(`\nnpm test: ${status === 0 ? 'passed' : 'FAILED'} in ${total.toFixed(1)} s\n`);
  for (const t of times) {
    process.stdout.write(`  ${t.name.padEnd(10)} ${t.seconds.toFixed(1).padStart(6)} s${t.status === 0 ? '' : '  FAILED'}\n`);
  }
  process.exitCode = status;
}

// Each step has a process group of its own, which a Ctrl-C in the terminal does not reach:
// pass SIGINT on as well.
for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
  process.on(signal, () => {
    for (const child of running) {
      try { process.kill(-child.pid, signal); } catch { /* the step has just ended */ }
    }
    process.exit(128 + number);
  });
}

main().catch((e) => { process.stderr.write(`npm test: ${e.stack ?? e}\n`); process.exitCode = 1; });
