#!/usr/bin/env node
/**
 * `npm run bindings`: generates the Python binding of the jsii assembly with jsii-pacmak and
 * checks it, as far as this machine can:
 * - `jsii-pacmak --target python --code-only` writes the Python package (it packs this
 *   package with `npm pack` and embeds the tarball, as a published wheel does);
 * - `python3 -m compileall` compiles every generated module;
 * - the module declares the construct API's classes, with reserved words escaped the way
 *   Python users write them (`continue_`, `for_`, `from_`).
 *
 * Not done here, and why: building the wheel and importing it. jsii-pacmak's wheel build and
 * the binding's runtime (the `jsii`, `publication` and `typeguard` Python packages, and
 * `cdk8s`/`constructs` for Python) come from PyPI, which this CI machine cannot reach; only the
 * npm registry and Debian's packages are available. Java (Maven Central), .NET (NuGet) and Go
 * (module proxy) bindings have the same limit, so Python source generation is the binding CI
 * builds.
 *
 * Needs `.jsii` (npm run jsii) and python3. Writes only to a temporary folder, removed at the end.
 */
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const fail = (msg) => { process.stderr.write(`jsii-bindings: ${msg}\n`); process.exit(1); };

if (!fs.existsSync(path.join(ROOT, '.jsii'))) { fail('.jsii is missing: run npm run jsii first'); }
const assembly = JSON.parse(fs.readFileSync(path.join(ROOT, '.jsii'), 'utf8'));
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-alerting-pacmak-'));
try {
  const started = Date.now();
  const pacmak = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'jsii-pacmak'),
    ['--target', 'python', '--code-only', '--no-npmignore', '--no-fingerprint', '--outdir', out],
    // the clean build npm test's pack test has just made is reused by the prepack (scripts/prepack.js)
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CDK8S_ALERTING_PACK_PREBUILT: '1' } });
  if (pacmak.status !== 0) {
    process.stderr.write(pacmak.stderr.split('\n').filter((l) => !l.startsWith('#STDERR>')).slice(-40).join('\n'));
    fail(`jsii-pacmak failed (exit ${pacmak.status})`);
  }
  const pkg = path.join(out, 'python', 'src', 'cdk8s_alerting');
  const init = path.join(pkg, '__init__.py');
  if (!fs.existsSync(init)) { fail(`jsii-pacmak wrote no ${path.relative(out, init)}`); }
  const tarball = path.join(pkg, '_jsii', `${assembly.name}@${assembly.version}.jsii.tgz`);
  if (!fs.existsSync(tarball)) { fail(`the binding lacks the embedded package ${path.basename(tarball)}`); }

  execFileSync('python3', ['-m', 'compileall', '-q', pkg], { stdio: 'inherit' });

  const source = fs.readFileSync(init, 'utf8');
  const pyClasses = new Set([...source.matchAll(/^class (\w+)\b/gm)].map((m) => m[1]));
  // Every class, struct, interface and enum of the assembly is declared with its jsii type name.
  const expected = Object.keys(assembly.types);
  const missing = expected.filter((fqn) => !source.includes(`jsii_type="${fqn}"`));
  if (missing.length) { fail(`the Python module lacks ${missing.length} types of the assembly: ${missing.slice(0, 10).join(', ')}`); }
  for (const [name, why] of [['continue_', 'RouteOptions.continue'], ['for_', 'AlertingRuleProps.for'], ['from_', 'EmailReceiverProps.from']]) {
    if (!new RegExp(`\\b${name}:`).test(source)) { fail(`the Python module has no ${name} (${why}, a reserved word in Python)`); }
  }
  for (const cls of ['AlertmanagerCluster', 'AlertmanagerRouting', 'AlertingStack', 'AlertRouting', 'AlertingChecks', 'SlackProvider', 'FluxErrorAlert']) {
    if (!pyClasses.has(cls)) { fail(`the Python module lacks class ${cls}`); }
  }
  process.stdout.write(`jsii-bindings: Python binding generated and compiled: ${expected.length} types of the assembly, `
    + `${(source.length / 1024).toFixed(0)} KiB of Python, in ${((Date.now() - started) / 1000).toFixed(1)} s `
    + '(wheel build and import need PyPI, which this machine cannot reach)\n');
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
