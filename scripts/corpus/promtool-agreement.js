#!/usr/bin/env node
'use strict';
/**
 * Compares our rule checks with the real `promtool check rules` on a corpus of rule files and
 * on mutations of their rules, and prints the agreement.
 *
 *   npm run build
 *   node scripts/corpus/promtool-agreement.js <corpus-folder> [--seed N] [--mutations-per-rule N] [--exhaustive] [--json out.json]
 *
 * --exhaustive mutates every template and function call of a rule (default: one picked at random).
 *
 * The corpus folder holds rule files (`groups:`) or PrometheusRule manifests, e.g. public rule
 * collections (awesome-prometheus-alerts' dist/rules, kube-prometheus' manifests, the rendered
 * mixins of monitoring.mixins.dev). It is never committed: the repository's own corpus is in
 * test/e2e/templates-corpus.test.ts.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const YAML = require('yaml');
const { loadCorpus, runAgreement, formatReport } = require('./agreement');

const ROOT = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const flag = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const dir = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
if (!dir) {
  console.error('usage: node scripts/corpus/promtool-agreement.js <corpus-folder> [--seed N] [--mutations-per-rule N] [--json out.json]');
  process.exit(2);
}
const dist = path.join(ROOT, 'dist', 'lib');
if (!fs.existsSync(path.join(dist, 'validation', 'index.js'))) {
  console.error('dist/ is missing: run npm run build first');
  process.exit(2);
}
const validation = require(path.join(dist, 'validation'));
const { RuleGroup } = require(path.join(dist, 'rules', 'rule-group'));
const version = require('child_process').execFileSync('promtool', ['--version'], { encoding: 'utf8' }).match(/version (\d+\.\d+\.\d+)/)[1];
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'promtool-agreement-'));
try {
  const units = loadCorpus(path.resolve(dir), YAML);
  const started = Date.now();
  const report = runAgreement({
    units, YAML, workDir, version,
    seed: Number(flag('--seed', '1')),
    mutationsPerRule: Number(flag('--mutations-per-rule', '4')),
    exhaustive: args.includes('--exhaustive'),
    duplicateMutations: Number(flag('--duplicate-mutations', '300')),
    lib: {
      ruleFindings: validation.ruleFindings,
      duplicateRules: validation.duplicateRules,
      RuleGroup,
      functionNames: [...validation.PROMETHEUS_TEMPLATE_FUNCTIONS.map((f) => f.name), ...validation.GO_BUILTIN_FUNCTIONS],
    },
  });
  console.log(`promtool ${version}, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  console.log(formatReport(report));
  if (report.disagreements.length) {
    console.log(`\nfirst disagreements (of ${report.disagreements.length} kept):`);
    for (const d of report.disagreements.slice(0, 25)) { console.log(JSON.stringify(d)); }
  }
  const out = flag('--json');
  if (out) { fs.writeFileSync(out, JSON.stringify(report, null, 2)); }
} finally {
  fs.rmSync(workDir, { recursive: true, force: true });
}
