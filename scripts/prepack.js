#!/usr/bin/env node
/**
 * npm's prepack: what `npm pack` and `npm publish` pack is a clean build. dist/ is removed, the
 * library compiled (tsc), the jsii assembly written (.jsii, its report on stderr so that
 * `npm pack --json` stays parseable), and the examples and rule packs staged.
 *
 * One exception, for `npm run bindings` only: jsii-pacmak packs the package itself, right after
 * `npm test` has done exactly that clean build (the pack test's `npm pack`). scripts/jsii-bindings.js
 * sets CDK8S_ALERTING_PACK_PREBUILT=1 for its jsii-pacmak child, and then the build is reused
 * when dist/ and .jsii are there (staging runs again; it is cheap).
 */
'use strict';
const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const run = (command, stdio) => execSync(command, { cwd: ROOT, stdio });
const prebuilt = process.env.CDK8S_ALERTING_PACK_PREBUILT === '1'
  && fs.existsSync(path.join(ROOT, 'dist', 'lib', 'tooling.js')) && fs.existsSync(path.join(ROOT, '.jsii'));

if (!prebuilt) {
  fs.rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
  run('npm run --silent build', ['ignore', process.stderr, process.stderr]);
  run('npm run --silent jsii', ['ignore', process.stderr, process.stderr]);
}
run('node scripts/stage-package.js', ['ignore', process.stderr, process.stderr]);
