#!/usr/bin/env node
/**
 * `npm run bindings`: generates the bindings of the jsii assembly for every target of
 * package.json "jsii" (Python, Java, .NET, Go) with jsii-pacmak, and checks them as far as
 * this machine can:
 * - `jsii-pacmak --code-only` writes each binding's sources (it packs this package with
 *   `npm pack` and embeds the tarball, as the published packages do);
 * - every type of the assembly is declared in each binding;
 * - the Python modules compile (`python3 -m compileall`), and reserved words are escaped the way
 *   Python users write them (`continue_`, `for_`, `from_`).
 *
 * Not done here, and why: building and importing the packages. The Python wheel build and
 * runtime (the `jsii`, `publication` and `typeguard` packages, cdk8s for Python) come from PyPI,
 * the Java build from Maven Central, .NET's from NuGet and Go's from its module proxy, none of
 * which this CI machine can reach (only the npm registry and Debian's packages); there is no Go
 * toolchain either. So the Java, C# and Go sources are generated and checked for completeness,
 * not compiled.
 *
 * Needs `.jsii` (npm run jsii) and python3. Writes only to a temporary folder, removed at the end.
 */
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

function main(out) {
  if (!fs.existsSync(path.join(ROOT, '.jsii'))) { throw new Error('.jsii is missing: run npm run jsii first'); }
  const assembly = JSON.parse(fs.readFileSync(path.join(ROOT, '.jsii'), 'utf8'));
  const targets = Object.keys(require(path.join(ROOT, 'package.json')).jsii.targets);
  const started = Date.now();
  const pacmak = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'jsii-pacmak'),
    [...targets.flatMap((t) => ['--target', t]), '--code-only', '--no-npmignore', '--no-fingerprint', '--outdir', out],
    // the clean build npm test has just made (and packed) is reused by the prepack (scripts/prepack.js)
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CDK8S_ALERTING_PACK_PREBUILT: process.env.CDK8S_ALERTING_PACK_PREBUILT === 'require' ? 'require' : '1' } });
  if (pacmak.error) { throw new Error(`could not run jsii-pacmak: ${pacmak.error.message}`); }
  if (pacmak.status !== 0) {
    process.stderr.write(`${(pacmak.stderr ?? '').split('\n').filter((l) => !l.startsWith('#STDERR>')).slice(-40).join('\n')}\n`);
    throw new Error(`jsii-pacmak failed (exit ${pacmak.status})`);
  }
  const fqns = Object.keys(assembly.types);
  const names = Object.values(assembly.types).map((t) => t.name);
  const read = (dir, ext) => walk(path.join(out, dir)).filter((f) => f.endsWith(ext)).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  const report = [];

  // Python: every type by its jsii name, the modules compile, reserved words escaped.
  const pkg = path.join(out, 'python', 'src', 'cdk8s_alerting');
  const python = read(path.join('python', 'src', 'cdk8s_alerting'), '.py');
  const tarball = path.join(pkg, '_jsii', `${assembly.name}@${assembly.version}.jsii.tgz`);
  if (!fs.existsSync(tarball)) { throw new Error(`the Python binding lacks the embedded package ${path.basename(tarball)}`); }
  expectAll('Python', fqns.filter((fqn) => !python.includes(`jsii_type="${fqn}"`)));
  execFileSync('python3', ['-m', 'compileall', '-q', pkg], { stdio: 'inherit' });
  for (const [name, why] of [['continue_', 'RouteOptions.continue'], ['for_', 'AlertingRuleProps.for'], ['from_', 'EmailReceiverProps.from']]) {
    if (!new RegExp(`\\b${name}:`).test(python)) { throw new Error(`the Python binding has no ${name} (${why}, a reserved word in Python)`); }
  }
  report.push(`Python ${kib(python)} (compiled)`);

  // Java, C#, Go: every type declared (by the jsii type name the runtimes look them up by).
  const others = { java: ['Java', '.java'], dotnet: ['C#', '.cs'], go: ['Go', '.go'] };
  for (const [target, [label, ext]] of Object.entries(others)) {
    if (!targets.includes(target)) { continue; }
    const text = read(target, ext);
    expectAll(label, names.filter((n) => !new RegExp(`\\b${n}\\b`).test(text)));
    expectAll(`${label} (jsii type names)`, fqns.filter((fqn) => !text.includes(`"${fqn}"`)));
    report.push(`${label} ${kib(text)}`);
  }
  process.stdout.write(`jsii-bindings: ${fqns.length} types of the assembly in every binding: ${report.join(', ')}; `
    + `in ${((Date.now() - started) / 1000).toFixed(1)} s (building and importing the packages needs PyPI, Maven Central, NuGet and the Go proxy, which this machine cannot reach)\n`);
}

function expectAll(label, missing) {
  if (missing.length) { throw new Error(`the ${label} binding lacks ${missing.length} types of the assembly: ${missing.slice(0, 10).join(', ')}`); }
}

function kib(text) { return `${(text.length / 1024).toFixed(0)} KiB`; }

function walk(dir) {
  if (!fs.existsSync(dir)) { return []; }
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-alerting-pacmak-'));
try {
  main(out);
} catch (e) {
  process.stderr.write(`jsii-bindings: ${e.message}\n`);
  process.exitCode = 1;
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
