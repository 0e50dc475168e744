#!/usr/bin/env node
/**
 * The import graph of lib/ by madge, for test/architecture.test.ts, printed as JSON:
 * `{ withTypes: { graph, cycles }, withoutTypes: { graph, cycles } }` (paths relative to lib/).
 *
 * It runs in a plain `node` child of the test because loading madge and the TypeScript
 * compiler through jest's module registry costs about 5 s more per run than in node.
 */
'use strict';
const path = require('path');
const madge = require('madge');

const ROOT = path.resolve(__dirname, '..');

async function graph(skipTypeImports) {
  const result = await madge(path.join(ROOT, 'lib'), {
    fileExtensions: ['ts'],
    // no tsConfig: lib/ imports only by relative paths (no `paths` or `baseUrl`), which madge
    // resolves alike without it, in less time
    detectiveOptions: { ts: { skipTypeImports }, es6: { skipTypeImports } },
  });
  return { graph: result.obj(), cycles: result.circular() };
}

(async () => {
  const [withTypes, withoutTypes] = [await graph(false), await graph(true)];
  process.stdout.write(JSON.stringify({ withTypes, withoutTypes }));
})().catch((e) => { process.stderr.write(`${e.stack ?? e}\n`); process.exitCode = 1; });
