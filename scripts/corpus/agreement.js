'use strict';
/**
 * Agreement between our rule checks and the real `promtool check rules`, on rule files and on
 * mutations of their rules. Used by `scripts/corpus/promtool-agreement.js` (a corpus of public
 * rule collections fetched outside the repository) and by
 * `test/e2e/templates-corpus.test.ts` (the committed corpus of our own templates).
 *
 * The library functions are passed in (`lib`), so the script can use the compiled `dist/` and
 * the jest test the TypeScript sources.
 *
 * What is compared, per rule: whether promtool reports an error for it (its messages name the
 * group and the rule index) and whether our checks report an error (`ruleFindings` of kind
 * `invalid` or `template` with severity error). Per file: the duplicate rules promtool's lint
 * lists and the ones `duplicateRules` finds. Per group: that `RuleGroup` writes the rules in
 * the order given.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

/** The fields promtool's rule file format knows (strict YAML decoding refuses others). */
const GROUP_KEYS = ['name', 'interval', 'limit', 'rules'];
const RULE_KEYS = ['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'];

function pickKeys(o, keys) {
  const out = {};
  for (const k of keys) { if (o[k] !== undefined && o[k] !== null) { out[k] = o[k]; } }
  return out;
}

/** Rule groups of a parsed YAML document: a rule file (`groups`) or a PrometheusRule (`spec.groups`). */
function groupsOfDocument(doc) {
  if (!doc || typeof doc !== 'object') { return undefined; }
  const groups = Array.isArray(doc.groups) ? doc.groups : doc.kind === 'PrometheusRule' && doc.spec && Array.isArray(doc.spec.groups) ? doc.spec.groups : undefined;
  if (!groups) { return undefined; }
  return groups.filter((g) => g && typeof g === 'object').map((g) => ({
    ...pickKeys(g, GROUP_KEYS),
    rules: (Array.isArray(g.rules) ? g.rules : []).filter((r) => r && typeof r === 'object').map((r) => pickKeys(r, RULE_KEYS)),
  }));
}

/** Every rule file of a folder (recursively), as `{ name, groups }`. */
function loadCorpus(dir, YAML) {
  const units = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) { walk(p); continue; }
      if (!/\.ya?ml$/.test(e.name)) { continue; }
      let docs;
      try { docs = YAML.parseAllDocuments(fs.readFileSync(p, 'utf8')).map((x) => x.toJS()); } catch { continue; }
      docs.forEach((doc, i) => {
        const groups = groupsOfDocument(doc);
        if (groups && groups.some((g) => g.rules.length)) { units.push({ name: `${path.relative(dir, p)}#${i}`, groups }); }
      });
    }
  };
  walk(dir);
  return units;
}

// ---------------------------------------------------------------------------------------
// promtool

/**
 * Runs `promtool check rules` on one file; returns the errors by `group/ruleIndex` (0-based),
 * file-level errors, and the duplicates its lint lists (`metric|labels`).
 */
function promtoolCheck(promtool, file) {
  const res = spawnSync(promtool, ['check', 'rules', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  if (res.error) { throw res.error; }
  const out = `${res.stdout}${res.stderr}`;
  const code = res.status === null ? 1 : res.status;
  const ruleErrors = new Map();
  const fileErrors = [];
  const lines = out.split('\n');
  const duplicates = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const m = /group "((?:[^"\\]|\\.)*)", rule (\d+),/.exec(line);
    if (m) {
      const key = `${JSON.parse(`"${m[1]}"`)}/${Number(m[2]) - 1}`;
      ruleErrors.set(key, [...(ruleErrors.get(key) || []), line]);
      continue;
    }
    if (/^Metric: /.test(line)) {
      const metric = line.slice('Metric: '.length);
      const labels = [];
      let j = i + 2; // "Label(s):"
      while (j < lines.length && lines[j].startsWith('\t')) { labels.push(lines[j].slice(1)); j++; }
      duplicates.push(`${metric}|${labels.sort().join(',')}`);
      i = j - 1;
      continue;
    }
    if (/: /.test(line) && !/^Checking |SUCCESS|FAILED|lint error|duplicate rule|Label\(s\)|Might cause/.test(line) && line.trim() !== '') {
      fileErrors.push(line);
    }
  }
  return { code, ruleErrors, fileErrors, duplicates };
}

// ---------------------------------------------------------------------------------------
// Mutations

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

const TYPOS = [
  (w) => w.replace(/ize/, 'ise'),
  (w) => w.toLowerCase(),
  (w) => (w.length > 3 ? w.slice(0, -1) : `${w}x`),
  (w) => (w.length > 3 ? w[0] + w[2] + w[1] + w.slice(3) : `${w}s`),
];

/** `{{ ... }}` actions of a template, with their offsets. */
function actions(t) {
  const out = [];
  const re = /\{\{[\s\S]*?\}\}/g;
  let m;
  while ((m = re.exec(t))) { out.push({ at: m.index, text: m[0] }); }
  return out;
}

function templatesOf(rule) {
  const out = [];
  for (const k of ['labels', 'annotations']) {
    for (const [name, v] of Object.entries(rule[k] || {})) {
      if (typeof v === 'string') { out.push({ where: k, name, text: v }); }
    }
  }
  return out;
}

function withTemplate(rule, where, name, text) {
  return { ...rule, [where]: { ...(rule[where] || {}), [name]: text } };
}

/**
 * Mutations of one rule: `{ category, rule }` where each mutated rule is a realistic mistake
 * (or, for the `valid-*` categories, a change that keeps the rule valid).
 */
function mutateRule(rule, random, functionNames, exhaustive = false) {
  const out = [];
  const pick = (a) => a[Math.floor(random() * a.length)];
  const tmpls = rule.alert ? templatesOf(rule).filter((t) => t.text.includes('{{')) : [];
  // One template per rule (exhaustive: every template, and every function call in it).
  for (const t of exhaustive ? tmpls : tmpls.length ? [pick(tmpls)] : []) {
    // a typo in a function name
    const calls = [...t.text.matchAll(/\b([a-zA-Z][a-zA-Z0-9]*)\b/g)].filter((m) => functionNames.has(m[1]) && actions(t.text).some((a) => m.index > a.at && m.index < a.at + a.text.length));
    for (const c of exhaustive ? calls : calls.length ? [pick(calls)] : []) {
      const typo = pick(TYPOS)(c[1]);
      if (typo !== c[1]) { out.push({ category: 'template: function typo', rule: withTemplate(rule, t.where, t.name, t.text.slice(0, c.index) + typo + t.text.slice(c.index + c[1].length)) }); }
    }
    // an unclosed action
    const close = t.text.lastIndexOf('}}');
    if (close >= 0) { out.push({ category: 'template: unclosed action', rule: withTemplate(rule, t.where, t.name, t.text.slice(0, close) + t.text.slice(close + 2)) }); }
    // an unclosed block
    const end = /\{\{-?\s*end\s*-?\}\}/.exec(t.text);
    if (end) { out.push({ category: 'template: missing {{ end }}', rule: withTemplate(rule, t.where, t.name, t.text.slice(0, end.index) + t.text.slice(end.index + end[0].length)) }); }
    // an undefined variable
    const v = /\$(labels|value|externalLabels|externalURL)\b/.exec(t.text);
    if (v) { out.push({ category: 'template: undefined variable', rule: withTemplate(rule, t.where, t.name, `${t.text.slice(0, v.index)}$${v[1].slice(0, -1)}${t.text.slice(v.index + v[0].length)}`) }); }
    // a regex escape in a double-quoted string
    out.push({ category: 'template: invalid string escape', rule: withTemplate(rule, t.where, t.name, `${t.text} {{ reReplaceAll "(\\d+)" "$1" "x" }}`) });
    // valid changes: a comment and trim markers
    out.push({ category: 'valid: comment and trim markers', rule: withTemplate(rule, t.where, t.name, `{{- /* note */ -}} ${t.text} {{- " " -}}`) });
    out.push({ category: 'valid: field as index', rule: withTemplate(rule, t.where, t.name, t.text.replace(/\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)/, '(index $labels "$1")')) });
  }
  if (rule.alert) {
    out.push({ category: 'valid: $value in a label (warning only)', rule: { ...rule, labels: { ...(rule.labels || {}), value: '{{ $value | humanize }}' } } });
    out.push({ category: 'valid: alert name with spaces (warning only)', rule: { ...rule, alert: `${rule.alert} (copy)` } });
    out.push({ category: 'valid: label starting with __ (warning only)', rule: { ...rule, labels: { ...(rule.labels || {}), __internal: 'x' } } });
    out.push({ category: 'template: undefined function in a new annotation', rule: { ...rule, annotations: { ...(rule.annotations || {}), extra: '{{ $value | humanise }}' } } });
    out.push({ category: 'template: unclosed {{ if }} in a new annotation', rule: { ...rule, annotations: { ...(rule.annotations || {}), extra: '{{ if gt $value 1.0 }}high' } } });
  }
  const expr = typeof rule.expr === 'string' ? rule.expr : String(rule.expr ?? '');
  const closeParen = expr.lastIndexOf(')');
  if (closeParen >= 0) { out.push({ category: 'PromQL: unbalanced parenthesis', rule: { ...rule, expr: expr.slice(0, closeParen) + expr.slice(closeParen + 1) } }); }
  const fn = [...expr.matchAll(/\b([a-z_]+)\s*\(/g)].filter((m) => !['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool'].includes(m[1]));
  if (fn.length) {
    const f = pick(fn);
    out.push({ category: 'PromQL: function typo', rule: { ...rule, expr: expr.slice(0, f.index) + `${f[1]}x` + expr.slice(f.index + f[1].length) } });
  }
  const range = /\[(\d+)([smhdwy])\]/.exec(expr);
  if (range) { out.push({ category: 'PromQL: bad range duration', rule: { ...rule, expr: expr.slice(0, range.index) + `[${range[1]}${range[2]}${range[2]}]` + expr.slice(range.index + range[0].length) } }); }
  out.push({ category: 'PromQL: dangling operator', rule: { ...rule, expr: `${expr} and` } });
  return out;
}

// ---------------------------------------------------------------------------------------
// The run

function ourErrors(lib, rule, version) {
  return lib.ruleFindings(rule, { prometheusVersion: version }).filter((f) => f.severity === 'error' && (f.kind === 'invalid' || f.kind === 'template'));
}

function tally(map, category, promtoolRejects, weReject) {
  const t = map.get(category) || { rules: 0, promtoolRejects: 0, weReject: 0, missed: 0, falseRejects: 0 };
  t.rules++;
  if (promtoolRejects) { t.promtoolRejects++; }
  if (weReject) { t.weReject++; }
  if (promtoolRejects && !weReject) { t.missed++; }
  if (!promtoolRejects && weReject) { t.falseRejects++; }
  map.set(category, t);
}

/**
 * Runs the comparison.
 * @param {object} o
 * @param {Array<{name: string, groups: object[]}>} o.units rule files
 * @param {{ruleFindings: Function, duplicateRules: Function, RuleGroup?: Function, functionNames: string[]}} o.lib
 * @param {object} o.YAML the `yaml` package
 * @param {string} o.workDir a scratch folder
 * @param {string} [o.promtool]
 * @param {string} [o.version] the Prometheus version promtool is (our checks use its function set)
 * @param {number} [o.seed]
 * @param {number} [o.mutationsPerRule] at most this many mutations per rule (0: none)
 * @param {boolean} [o.exhaustive] mutate every template and every function call of a rule, not one picked at random
 */
function runAgreement(o) {
  const promtool = o.promtool || 'promtool';
  const version = o.version || '2.42.0';
  const random = rng(o.seed || 1);
  const functionNames = new Set(o.lib.functionNames);
  const byCategory = new Map();
  const disagreements = [];
  const write = (name, groups) => {
    const file = path.join(o.workDir, name);
    fs.writeFileSync(file, o.YAML.stringify({ groups }, { lineWidth: 0 }));
    return file;
  };
  const record = (category, unit, rule, promtoolLines, ours) => {
    const p = promtoolLines.length > 0;
    const w = ours.length > 0;
    tally(byCategory, category, p, w);
    if (p !== w && disagreements.length < 200) {
      disagreements.push({ category, unit, rule, promtool: promtoolLines, ours: ours.map((f) => `${f.field}: ${f.message}`) });
    }
  };

  // 1. The files as they are: per-rule errors, file errors, duplicates.
  let rules = 0;
  let fileErrors = 0;
  const dup = { promtool: 0, ours: 0, agreeingFiles: 0, files: 0 };
  o.units.forEach((unit, ui) => {
    const file = write(`base-${ui}.yml`, unit.groups);
    const res = promtoolCheck(promtool, file);
    if (res.fileErrors.length) { fileErrors++; }
    unit.groups.forEach((g) => g.rules.forEach((r, ri) => {
      rules++;
      record('corpus as is', unit.name, r, res.ruleErrors.get(`${g.name}/${ri}`) || [], ourErrors(o.lib, r, version));
    }));
    // promtool lints duplicates only when the file has no error
    if (res.code === 0 || res.duplicates.length) {
      const ours = [...new Set(o.lib.duplicateRules(unit.groups).map((d) => `${d.name}|${Object.entries(d.labels).map(([k, v]) => `${k}: ${v}`).sort().join(',')}`))].sort();
      const theirs = [...new Set(res.duplicates)].sort();
      dup.files++;
      dup.promtool += theirs.length;
      dup.ours += ours.length;
      if (JSON.stringify(ours) === JSON.stringify(theirs)) { dup.agreeingFiles++; } else if (disagreements.length < 200) {
        disagreements.push({ category: 'duplicates', unit: unit.name, promtool: theirs, ours });
      }
    }
  });

  // 2. Mutations, batched: each mutated rule in its own group, 400 groups per file.
  const mutations = [];
  if (o.mutationsPerRule > 0) {
    o.units.forEach((unit) => unit.groups.forEach((g) => g.rules.forEach((r) => {
      const all = mutateRule(r, random, functionNames, o.exhaustive === true);
      for (let i = all.length - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [all[i], all[j]] = [all[j], all[i]]; }
      for (const m of all.slice(0, o.mutationsPerRule)) { mutations.push({ ...m, unit: unit.name }); }
    })));
  }
  for (let start = 0; start < mutations.length; start += 400) {
    const batch = mutations.slice(start, start + 400);
    const groups = batch.map((m, i) => ({ name: `m${start + i}`, rules: [m.rule] }));
    const res = promtoolCheck(promtool, write(`mut-${start}.yml`, groups));
    if (res.fileErrors.length) {
      // an error promtool does not attribute to a rule: check these one by one
      batch.forEach((m, i) => {
        const one = promtoolCheck(promtool, write('mut-one.yml', [{ name: 'm', rules: [m.rule] }]));
        const lines = [...(one.ruleErrors.get('m/0') || []), ...one.fileErrors];
        record(m.category, m.unit, m.rule, lines, ourErrors(o.lib, m.rule, version));
      });
      continue;
    }
    batch.forEach((m, i) => record(m.category, m.unit, m.rule, res.ruleErrors.get(`m${start + i}/0`) || [], ourErrors(o.lib, m.rule, version)));
  }

  // 3. Duplicate-rule mutations: a copy of a rule in the same group (a duplicate), or a copy with
  //    one more label (not a duplicate), one file each because promtool's lint names no group.
  const dupMutations = { cases: 0, agree: 0 };
  const candidates = [];
  o.units.forEach((unit) => unit.groups.forEach((g) => { if (g.rules.length) { candidates.push({ unit, g }); } }));
  const dupCount = candidates.length ? (o.duplicateMutations ?? 200) : 0;
  for (let i = 0; i < dupCount; i++) {
    const { unit, g } = candidates[Math.floor(random() * candidates.length)];
    const r = g.rules[Math.floor(random() * g.rules.length)];
    if (ourErrors(o.lib, r, version).length) { continue; }
    const same = random() < 0.5;
    const copy = same ? { ...r, expr: `(${r.expr}) * 1` } : { ...r, labels: { ...(r.labels || {}), copy: 'yes' } };
    const groups = [{ name: 'g', rules: [r, copy] }];
    const res = promtoolCheck(promtool, write('dup.yml', groups));
    if (res.code !== 0 && !res.duplicates.length) { continue; } // an error elsewhere: promtool does not lint
    const ours = o.lib.duplicateRules(groups).length > 0;
    const theirs = res.duplicates.length > 0;
    dupMutations.cases++;
    if (ours === theirs) { dupMutations.agree++; } else if (disagreements.length < 200) {
      disagreements.push({ category: `duplicate mutation (${same ? 'copy' : 'copy with a label'})`, unit: unit.name, rule: copy, promtool: res.duplicates, ours: [String(ours)] });
    }
  }

  // 4. Rule order: RuleGroup writes the rules of each group in the order given.
  const order = { groups: 0, kept: 0 };
  if (o.lib.RuleGroup) {
    for (const unit of o.units) {
      for (const g of unit.groups) {
        const group = new o.lib.RuleGroup(g.name || 'g');
        for (const r of g.rules) {
          if (r.alert !== undefined) { group.addAlertingRule({ alert: r.alert, expr: String(r.expr), labels: r.labels, annotations: r.annotations }); } else { group.addRecordingRule({ record: r.record, expr: String(r.expr), labels: r.labels }); }
        }
        const written = group._toJson().rules.map((x) => x.alert ?? x.record);
        order.groups++;
        if (JSON.stringify(written) === JSON.stringify(g.rules.map((x) => x.alert ?? x.record))) { order.kept++; }
      }
    }
  }

  const total = { rules: 0, promtoolRejects: 0, weReject: 0, missed: 0, falseRejects: 0 };
  for (const t of byCategory.values()) { for (const k of Object.keys(total)) { total[k] += t[k]; } }
  return { files: o.units.length, rules, fileErrors, byCategory: Object.fromEntries(byCategory), total, duplicates: dup, duplicateMutations: dupMutations, order, disagreements };
}

/** The report as text. */
function formatReport(r) {
  const lines = [];
  lines.push(`${r.files} rule files, ${r.rules} rules; ${r.total.rules} rules checked in all (with mutations)`);
  lines.push('');
  lines.push('| category | rules | promtool rejects | we reject | missed | rejected but promtool accepts |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [c, t] of Object.entries(r.byCategory)) { lines.push(`| ${c} | ${t.rules} | ${t.promtoolRejects} | ${t.weReject} | ${t.missed} | ${t.falseRejects} |`); }
  const t = r.total;
  lines.push(`| **all** | ${t.rules} | ${t.promtoolRejects} | ${t.weReject} | ${t.missed} | ${t.falseRejects} |`);
  lines.push('');
  const missedPct = t.promtoolRejects ? (100 * t.missed / t.promtoolRejects).toFixed(2) : '0.00';
  lines.push(`missed: ${t.missed} of ${t.promtoolRejects} promtool rejections (${missedPct}%); rejected although promtool accepts: ${t.falseRejects}`);
  lines.push(`duplicates (promtool lint) in the files as they are: ${r.duplicates.agreeingFiles} of ${r.duplicates.files} linted files agree (promtool lists ${r.duplicates.promtool}, we list ${r.duplicates.ours})`);
  lines.push(`duplicate mutations: ${r.duplicateMutations.agree} of ${r.duplicateMutations.cases} agree`);
  lines.push(`rule order: RuleGroup keeps the order of ${r.order.kept} of ${r.order.groups} groups`);
  return lines.join('\n');
}

module.exports = { loadCorpus, groupsOfDocument, runAgreement, formatReport, mutateRule, promtoolCheck };
