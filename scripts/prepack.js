#!/usr/bin/env node
/**
 * npm's prepack: what `npm pack` and `npm publish` pack is a clean build. dist/ is removed, the
 * library compiled (tsc), the jsii assembly written (.jsii, its report on stderr so that
 * `npm pack --json` stays parseable), and the examples and rule packs staged.
 *
 * One exception, for `npm test` and `npm run bindings`: `npm test` (scripts/test.js) removes
 * dist/ and builds (tsc, then jsii) before its pack test, and jsii-pacmak (`npm run bindings`)
 * packs the package again. With CDK8S_ALERTING_PACK_PREBUILT=1 (what `npm run bindings` sets on
 * its own) the build is reused when dist/ and .jsii are there and newer than every source of
 * lib/, imports/ and examples/ (staging runs again; it is cheap), and rebuilt otherwise. With
 * CDK8S_ALERTING_PACK_PREBUILT=require (what `npm test` sets) a stale build is an error instead:
 * jest runs dist/lib beside the pack test, so rebuilding dist/ then would pull it from under the
 * tests (a source saved while `npm test` runs). Without the variable it always rebuilds.
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
const mode = process.env.CDK8S_ALERTING_PACK_PREBUILT;
const stale = () => ['lib', 'imports', 'examples'].flatMap(sources).filter((f) => mtime(f) > built);
const newer = mode === '1' || mode === 'require' ? stale() : undefined;
const prebuilt = newer !== undefined && newer.length === 0;

if (mode === 'require' && !prebuilt) {
  const what = built === -Infinity ? 'there is no build (dist/lib/tooling.js and .jsii)' : `${newer.length} source file(s) changed after the build, e.g. ${path.relative(ROOT, newer[0])}`;
  process.stderr.write(`prepack: ${what}; not rebuilding while npm test's other steps run dist/. Run npm test again.\n`);
  process.exit(1);
}

if (!prebuilt) {
  fs.rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
  run('npm run --silent build', ['ignore', process.stderr, process.stderr]);
  run('npm run --silent jsii', ['ignore', process.stderr, process.stderr]);
}
run('node scripts/stage-package.js', ['ignore', process.stderr, process.stderr]);
