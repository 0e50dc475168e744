#!/usr/bin/env node
/**
 * npm's prepack: what `npm pack` and `npm publish` pack is a clean build. dist/ is removed, the
 * library compiled (tsc), the jsii assembly written (.jsii, its report on stderr so that
 * `npm pack --json` stays parseable), and the examples and rule packs staged.
 *
 * One exception, inside `npm test` only: `npm test` (scripts/test.js) removes dist/ and builds
 * (tsc, then jsii) before its pack test, and jsii-pacmak (`npm run bindings`) packs the package
 * again after it. Both set CDK8S_ALERTING_PACK_PREBUILT=1, and then that build is reused when
 * dist/ and .jsii are there and newer than every source of lib/, imports/ and examples/
 * (staging runs again; it is cheap). Otherwise, and always without the variable, it rebuilds.
 */
'use strict';
const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const run = (command, stdio) => execSync(command, { cwd: ROOT, stdio });
const mtime = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : -Infinity);
const sources = (dir) => fs.readdirSync(path.join(ROOT, dir), { recursive: true }).filter((f) => f.endsWith('.ts')).map((f) => path.join(ROOT, dir, f));
const built = Math.min(mtime(path.join(ROOT, 'dist', 'lib', 'tooling.js')), mtime(path.join(ROOT, '.jsii')));
const prebuilt = process.env.CDK8S_ALERTING_PACK_PREBUILT === '1'
  && ['lib', 'imports', 'examples'].flatMap(sources).every((f) => mtime(f) <= built);

if (!prebuilt) {
  fs.rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
  run('npm run --silent build', ['ignore', process.stderr, process.stderr]);
  run('npm run --silent jsii', ['ignore', process.stderr, process.stderr]);
}
run('node scripts/stage-package.js', ['ignore', process.stderr, process.stderr]);
