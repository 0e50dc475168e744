#!/usr/bin/env node
/**
 * `npm pack` / `npm publish` (prepack, after `npm run build`): writes what the package ships
 * beside the compiled library, generated from the repository so it cannot drift from it.
 *
 * - dist/examples-src/: the TypeScript sources of examples/, with their imports of the
 *   library (`../lib`, `../../lib/...`) rewritten to `'cdk8s-alerting'`, so they compile as
 *   they are in a project that installed the package (scripts/pack-test.sh compiles them).
 * - dist/rule-packs/: the shipped rule packs as Prometheus rule files (`packs.yaml`: selectors
 *   for an Alertmanager and a Prometheus named `main` in namespace `monitoring`;
 *   `packs-default-selectors.yaml`: the packs' default selectors), rendered from the compiled
 *   classes, and their promtool unit tests (test/rule-packs/promtool/), which run against them:
 *   `promtool test rules dist/rule-packs/heartbeat.test.yaml`.
 *
 * Reads dist/lib (the build must have run) and writes only under dist/examples-src and
 * dist/rule-packs, which it replaces.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const LIB = path.join(DIST, 'lib', 'tooling.js');

function fail(message) {
  console.error(`stage-package: ${message}`);
  process.exit(1);
}

if (!fs.existsSync(LIB)) { fail(`${path.relative(ROOT, LIB)} is missing: run \`npm run build\` first`); }

/** Replaces `dir` (under dist/) with an empty folder. */
function fresh(dir) {
  if (path.dirname(dir) !== DIST) { fail(`refusing to replace ${dir}: not directly under dist/`); }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
}

// ---- examples: sources with the library imported by its package name
const EXAMPLES = path.join(ROOT, 'examples');
const EXAMPLES_OUT = path.join(DIST, 'examples-src');
fresh(EXAMPLES_OUT);
let examples = 0;
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const from = path.join(dir, entry.name);
    if (entry.isDirectory()) { walk(from); continue; }
    if (!entry.name.endsWith('.ts')) { continue; }
    const rel = path.relative(EXAMPLES, from);
    const to = path.join(EXAMPLES_OUT, rel);
    // `from '../lib/tooling'` is the package's `cdk8s-alerting/tooling`; `from '../lib'` and
    // `from '../../lib/rules/rule-group'` are the construct API, which lib/index.ts re-exports.
    const text = fs.readFileSync(from, 'utf8')
      .replace(/(from\s+|require\(\s*)(['"])(\.\.\/)+lib\/tooling\2/g, "$1$2cdk8s-alerting/tooling$2")
      .replace(/(from\s+|require\(\s*)(['"])(\.\.\/)+lib(\/[^'"]*)?\2/g, "$1$2cdk8s-alerting$2");
    if (/['"](\.\.\/)+lib[/'"]/.test(text)) { fail(`${rel}: an import of ../lib was not rewritten`); }
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, text);
    examples++;
  }
};
walk(EXAMPLES);
fs.writeFileSync(path.join(EXAMPLES_OUT, 'README.md'), `# Examples

The examples of the cdk8s-alerting repository (\`examples/\`), with the library imported as
\`'cdk8s-alerting'\`. They reference Secrets through cdk8s-plus-27; any cdk8s-plus version
(27 to 33) works the same, and so does \`SecretKey.fromName('secret-name', 'key')\` without one.

- \`first-article.ts\`, \`second-article.ts\`: the two articles the project started from.
- \`webhook-receiver.ts\`: Flux Receivers for GitHub and Harbor.
- \`fleet/\`: many clusters synthesized into a Flux repository layout.
- \`team-chat.ts\`: a team on kube-prometheus-stack, notifying Slack and Teams with notification templates, with a dashboard of its own.
- \`main.ts\`: an \`AlertingApp\` with the first two.
`);

// ---- rule packs: rule files rendered from the compiled classes, and their promtool tests
const lib = require(LIB);
const { Chart, Testing } = require(require.resolve('cdk8s', { paths: [ROOT] }));
const YAML = require(require.resolve('yaml', { paths: [ROOT] }));

function ruleFile(withConstructs) {
  const chart = new Chart(Testing.app(), 'packs', { namespace: 'monitoring' });
  const alertmanager = new lib.AlertmanagerCluster(chart, 'Alertmanager', { name: 'main' });
  const prometheus = new lib.Prometheus(chart, 'Prometheus', { name: 'main', alertmanager });
  if (withConstructs) {
    new lib.AlertingRulePacks(chart, 'Packs', { name: 'packs', prometheus, alertmanager });
  } else {
    new lib.AlertingRulePacks(chart, 'Packs', { name: 'packs', labels: prometheus.ruleSelectorLabels });
  }
  // The chart has no routing, so every alert of the packs is reported as `alert-unrouted` (a
  // warning while the Alertmanager loads no AlertmanagerConfig). That is expected here: count
  // those warnings instead of printing them, and print anything else.
  const write = process.stderr.write;
  let unrouted = 0;
  process.stderr.write = (chunk, ...rest) => {
    if (/^\[[^\]]*\] warning alert-unrouted: /.test(String(chunk))) { unrouted++; return true; }
    return write.call(process.stderr, chunk, ...rest);
  };
  let files;
  try {
    files = lib.ruleFilesFrom(Testing.synth(chart));
  } finally {
    process.stderr.write = write;
  }
  if (files.length !== 1) { fail(`expected one PrometheusRule from the rule packs, got ${files.length}`); }
  unroutedWarnings += unrouted;
  return files[0].content;
}
let unroutedWarnings = 0;

const PACKS_OUT = path.join(DIST, 'rule-packs');
fresh(PACKS_OUT);
const header = (what) => `# The rule packs of cdk8s-alerting ${require(path.join(ROOT, 'package.json')).version} as a Prometheus rule file, ${what}.\n`
  + '# Generated from the library\'s classes (AlertingRulePacks); in a cdk8s app, use those instead.\n';
fs.writeFileSync(path.join(PACKS_OUT, 'packs.yaml'),
  header('selecting the pods of an Alertmanager and a Prometheus named main in namespace monitoring') + YAML.stringify(ruleFile(true), { lineWidth: 0 }));
fs.writeFileSync(path.join(PACKS_OUT, 'packs-default-selectors.yaml'),
  header('with the packs\' default selectors') + YAML.stringify(ruleFile(false), { lineWidth: 0 }));
const TESTS = path.join(ROOT, 'test', 'rule-packs', 'promtool');
const tests = fs.readdirSync(TESTS).filter((f) => f.endsWith('.test.yaml')).sort();
for (const t of tests) { fs.copyFileSync(path.join(TESTS, t), path.join(PACKS_OUT, t)); }
fs.writeFileSync(path.join(PACKS_OUT, 'README.md'), `# Rule packs

The alerting rules that ship with cdk8s-alerting (Watchdog and InfoInhibitor, Alertmanager,
Prometheus and Flux), rendered as Prometheus rule files for reading or for use without cdk8s.
In a cdk8s app, use \`AlertingRulePacks\` / \`RulePacks\`: they derive the selectors from your
constructs and take options (severities, exclusions, labels, runbook URLs).

- \`packs.yaml\`: selectors for an Alertmanager and a Prometheus named \`main\` in namespace \`monitoring\`.
- \`packs-default-selectors.yaml\`: the packs' default selectors.
- \`*.test.yaml\`: promtool unit tests of every alert, e.g. \`promtool test rules heartbeat.test.yaml\`
  (run from this folder).
`);

console.error(`stage-package: ${examples} example sources in dist/examples-src, 2 rule files and ${tests.length} promtool tests in dist/rule-packs`
  + ` (${unroutedWarnings} alert-unrouted warnings of the rule files' routing-less charts not printed)`);
