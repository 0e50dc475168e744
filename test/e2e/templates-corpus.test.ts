/**
 * Our template and rule checks against the real tools, on a corpus written for this project
 * (test/fixtures/templates) and on mutations of it:
 * - rules: `promtool check rules` (2.42) decides, per rule, whether Prometheus loads it; our
 *   `ruleFindings` must reject exactly those rules (no rule promtool accepts is rejected, none
 *   it rejects is missed), find the duplicates its lint finds, and RuleGroup must keep the
 *   rules' order;
 * - notification templates: `amtool check-config` (0.25) parses the template files a config
 *   names with Alertmanager's functions; `alertmanagerTemplateFindings` must agree.
 * scripts/corpus/promtool-agreement.js runs the same comparison on public rule collections.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import * as YAML from 'yaml';
import { RuleGroup } from '../../lib/rules/rule-group';
import {
  ALERTMANAGER_TEMPLATE_FUNCTIONS, GO_BUILTIN_FUNCTIONS, PROMETHEUS_TEMPLATE_FUNCTIONS, alertmanagerTemplateFindings,
  duplicateRules, ruleFindings,
} from '../../lib/validation';
import { TOOLS, cleanup, describeWithTools, run, tempDir } from './_harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const agreement = require('../../scripts/corpus/agreement') as {
  loadCorpus(dir: string, yaml: typeof YAML): Array<{ name: string; groups: any[] }>;
  runAgreement(o: Record<string, unknown>): any;
  formatReport(r: unknown): string;
};

const FIXTURES = join(__dirname, '..', 'fixtures', 'templates');

describeWithTools([TOOLS.promtool], 'rule templates and rules against promtool check rules (2.42)', () => {
  afterAll(cleanup);

  test('GIVEN our rule corpus and every mutation of it WHEN promtool and our checks judge each rule THEN they agree on every rule, every duplicate and the order', () => {
    const units = agreement.loadCorpus(FIXTURES, YAML);
    expect(units.map((u) => u.name)).toEqual(['prometheus-rules.yaml#0']);
    const report = agreement.runAgreement({
      units, YAML, workDir: tempDir('promtool-agreement'), version: '2.42.0', seed: 7, mutationsPerRule: 1000, exhaustive: true, duplicateMutations: 40,
      lib: {
        ruleFindings, duplicateRules, RuleGroup,
        functionNames: [...PROMETHEUS_TEMPLATE_FUNCTIONS.map((f) => f.name), ...GO_BUILTIN_FUNCTIONS],
      },
    });
    console.log(`promtool agreement on the committed corpus:\n${agreement.formatReport(report)}`);
    expect(report.disagreements).toEqual([]);
    // the corpus as written is valid, and the mutations cover the mistakes the checks exist for
    expect(report.byCategory['corpus as is']).toMatchObject({ rules: 8, promtoolRejects: 0, weReject: 0 });
    for (const c of ['template: function typo', 'template: unclosed action', 'template: undefined variable', 'template: invalid string escape',
      'template: missing {{ end }}', 'PromQL: unbalanced parenthesis', 'PromQL: function typo']) {
      expect(report.byCategory[c]?.promtoolRejects).toBeGreaterThan(0);
    }
    expect(report.byCategory['valid: $value in a label (warning only)']).toMatchObject({ promtoolRejects: 0, weReject: 0 });
    expect(report.total.rules).toBeGreaterThan(100);
    expect(report.total.missed).toBe(0);
    expect(report.total.falseRejects).toBe(0);
    expect(report.duplicateMutations.cases).toBeGreaterThan(10);
    expect(report.duplicateMutations.agree).toBe(report.duplicateMutations.cases);
    expect(report.order).toEqual({ groups: 1, kept: 1 });
  });

  test('GIVEN functions newer than 2.42 (toDuration, now, urlQueryEscape) THEN promtool 2.42 refuses them, as our checks do for version 2.42 and not for 3.8', async () => {
    const dir = tempDir('promtool-versions');
    const texts = ['{{ toDuration 90 }}', '{{ now | humanizeTimestamp }}', '{{ urlQueryEscape $labels.job }}', '{{ toTime 0 }}', '{{ stripDomain "a.b" }}'];
    const file = join(dir, 'rules.yml');
    writeFileSync(file, YAML.stringify({ groups: [{ name: 'g', rules: texts.map((t, i) => ({ alert: `A${i}`, expr: 'vector(1)', annotations: { a: t } })) }] }));
    const res = await run(TOOLS.promtool, ['check', 'rules', file]);
    const rejected = texts.map((_t, i) => new RegExp(`rule ${i + 1},`).test(res.stdout + res.stderr));
    expect(rejected).toEqual([true, true, true, false, false]);
    const ours = (version: string) => texts.map((t) => ruleFindings({ alert: 'A', expr: 'vector(1)', annotations: { a: t } }, { prometheusVersion: version }).some((f) => f.severity === 'error'));
    expect(ours('v2.42.0')).toEqual(rejected);
    expect(ours('v3.8.0')).toEqual([false, false, false, false, false]);
  });
});

/** Mutations of a notification template: `[category, text]`. */
function notificationMutations(name: string, text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [[`as written: ${name}`, text]];
  const close = text.lastIndexOf('}}');
  out.push(['unclosed action', text.slice(0, close) + text.slice(close + 2)]);
  const end = /\{\{-?\s*end\s*-?\}\}/.exec(text);
  if (end) { out.push(['missing {{ end }}', text.slice(0, end.index) + text.slice(end.index + end[0].length)]); }
  for (const f of ALERTMANAGER_TEMPLATE_FUNCTIONS.map((x) => x.name)) {
    const at = text.search(new RegExp(`\\b${f}\\b`));
    if (at >= 0) { out.push([`function typo (${f})`, `${text.slice(0, at)}${f.toLowerCase() === f ? `${f}s` : f.toLowerCase()}${text.slice(at + f.length)}`]); }
  }
  out.push(['Prometheus variable $labels', `${text} {{ $labels.alertname }}`]);
  out.push(['Prometheus function humanize', `${text} {{ humanize 1 }}`]);
  out.push(['invalid string escape', `${text} {{ reReplaceAll "\\d" "" .Status }}`]);
  out.push(['newer than 0.25: trimSpace', `${text} {{ trimSpace .Status }}`]);
  out.push(['newer than 0.25: toJson', `${text} {{ .CommonLabels | toJson }}`]);
  out.push(['valid: comment and trim markers', `{{- /* c */ -}} ${text} {{- " " -}}`]);
  out.push(['valid: else with a nested if', `${text}{{ if .Alerts }}{{ else }}{{ if .Receiver }}x{{ end }}{{ end }}`]);
  return out;
}

describeWithTools([TOOLS.amtool], 'notification templates against amtool check-config (0.25)', () => {
  afterAll(cleanup);

  test('GIVEN our notification templates and their mutations WHEN amtool and our checks parse each THEN they agree on every one', async () => {
    const templates = YAML.parse(readFileSync(join(FIXTURES, 'alertmanager-templates.yaml'), 'utf8')) as Record<string, string>;
    const cases = Object.entries(templates).flatMap(([name, text]) => notificationMutations(name, text));
    const dir = tempDir('amtool-agreement');
    const configs = cases.map(([, text], i) => {
      writeFileSync(join(dir, `t${i}.tmpl`), text);
      const config = join(dir, `c${i}.yml`);
      writeFileSync(config, YAML.stringify({ route: { receiver: 'r' }, receivers: [{ name: 'r' }], templates: [join(dir, `t${i}.tmpl`)] }));
      return config;
    });
    const failed = new Set<number>();
    for (let start = 0; start < configs.length; start += 100) {
      const res = await run(TOOLS.amtool, ['check-config', ...configs.slice(start, start + 100)], 60_000);
      let current = -1;
      for (const line of `${res.stdout}\n${res.stderr}`.split('\n')) {
        const checking = /^Checking '.*c(\d+)\.yml'/.exec(line);
        if (checking) { current = Number(checking[1]); }
        if (/^\s+FAILED: /.test(line)) { failed.add(current); }
      }
    }
    const disagreements = cases.flatMap(([category, text], i) => {
      const ours = alertmanagerTemplateFindings(text, { version: '0.25.0' }).filter((f) => f.severity === 'error');
      return (ours.length > 0) === failed.has(i) ? [] : [{ category, text, amtool: failed.has(i), ours: ours.map((f) => f.message) }];
    });
    const rejected = cases.filter((_c, i) => failed.has(i)).length;
    console.log(`amtool agreement: ${cases.length} notification templates (${Object.keys(templates).length} written, the rest mutations), amtool rejects ${rejected}, disagreements ${disagreements.length}`);
    expect(disagreements).toEqual([]);
    expect(cases.filter(([c], i) => c.startsWith('as written') && failed.has(i))).toEqual([]);
    expect(rejected).toBeGreaterThan(50);
    expect(cases.length).toBeGreaterThan(120);
  });
});
