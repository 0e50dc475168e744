/**
 * What every shipped pack promises, checked without promtool: every alert has a severity, a
 * summary, a description and a runbook URL, and a promtool unit test in `promtool/` where it
 * fires.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { RulePacks } from '../../lib/tooling';
import { prometheusTemplateFindings } from '../../lib/validation';

const DIR = join(__dirname, 'promtool');

/** Alert names with at least one expected firing alert in the promtool unit tests. */
function alertsTestedFiring(): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.test.yaml'))) {
    const doc = parse(readFileSync(join(DIR, file), 'utf8')) as { tests: Array<{ alert_rule_test?: Array<{ alertname: string; exp_alerts?: unknown[] }> }> };
    for (const t of doc.tests) {
      for (const a of t.alert_rule_test ?? []) {
        if ((a.exp_alerts ?? []).length > 0) { names.add(a.alertname); }
      }
    }
  }
  return names;
}

const PACKS = RulePacks.defaults();

test('the default packs are the four shipped ones, 18 alerts in all', () => {
  expect(PACKS.map((p) => p.groupName)).toStrictEqual(['heartbeat.rules', 'alertmanager.rules', 'prometheus.rules', 'flux.rules']);
  expect(PACKS.flatMap((p) => p.alertNames)).toHaveLength(18);
});

test.each(PACKS.map((p) => [p.groupName, p] as const))('every alert of %s has severity, summary, description and runbook_url', (_name, pack) => {
  for (const rule of pack.rules) {
    expect({ alert: rule.alert, severity: rule.labels?.severity }).toStrictEqual({ alert: rule.alert, severity: expect.stringMatching(/^(critical|warning|info|none)$/) });
    expect(rule.annotations).toStrictEqual(expect.objectContaining({
      summary: expect.stringMatching(/\S/),
      description: expect.stringMatching(/\S/),
      runbook_url: expect.stringMatching(/^https:\/\//),
    }));
  }
});

test('every alert of every pack fires in at least one promtool unit test', () => {
  const tested = alertsTestedFiring();
  const untested = PACKS.flatMap((p) => p.alertNames).filter((a) => !tested.has(a));
  expect(untested).toStrictEqual([]);
});

test('the library\'s template parser finds nothing in their labels and annotations, for Prometheus 2.42 (errors or warnings)', () => {
  for (const rule of PACKS.flatMap((p) => p.rules)) {
    for (const [key, text] of Object.entries(rule.labels ?? {})) {
      expect({ alert: rule.alert, key, findings: prometheusTemplateFindings(text, { version: 'v2.42.0', label: true }) }).toStrictEqual({ alert: rule.alert, key, findings: [] });
    }
    for (const [key, text] of Object.entries(rule.annotations ?? {})) {
      expect({ alert: rule.alert, key, findings: prometheusTemplateFindings(text, { version: 'v2.42.0' }) }).toStrictEqual({ alert: rule.alert, key, findings: [] });
    }
  }
});
