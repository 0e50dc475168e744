#!/usr/bin/env node
// `npm run synth:fleet`: the validation plugin of cdk8s.yaml sees `cdk8s synth`'s whole output as
// one cluster, and a fleet's clusters share object names (every cluster has its team-search
// rules), so the fleet is synthesized with --no-validate and each cluster folder is checked on
// its own here, as Flux applies it: `node scripts/check-fleet.js <clusters-dir>`. Exits 1 when
// any cluster has an error finding, 2 for unusable input.
const fs = require('fs');
const path = require('path');
const { main } = require('../dist/lib/cli/main');

const root = process.argv[2];
if (!root || !fs.existsSync(root)) {
  process.stderr.write('usage: node scripts/check-fleet.js <clusters-dir>\n');
  process.exit(2);
}
let worst = 0;
for (const name of fs.readdirSync(root).sort()) {
  const dir = path.join(root, name);
  if (!fs.statSync(dir).isDirectory()) { continue; }
  process.stdout.write(`== cluster ${name}\n`);
  worst = Math.max(worst, main(['check', dir]));
}
process.exit(worst);
