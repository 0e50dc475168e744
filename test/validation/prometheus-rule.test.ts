import { duplicateRules, ruleFindings } from '../../lib/validation';

const kinds = (rule: Record<string, unknown>, prometheusVersion?: string) =>
  ruleFindings(rule, { prometheusVersion }).map((f) => `${f.kind}/${f.severity} ${f.field}`);

describe('ruleFindings: what rulefmt refuses, and what it accepts but is unwise', () => {
  test('GIVEN valid alerting and recording rules THEN nothing is reported', () => {
    expect(kinds({ alert: 'Up', expr: 'up == 0', for: '5m', labels: { severity: 'page' }, annotations: { summary: '{{ $labels.job }} down' } })).toEqual([]);
    expect(kinds({ record: 'job:up:sum', expr: 'sum by (job) (up)', labels: { team: 'a' } })).toEqual([]);
  });

  test('GIVEN neither or both of alert and record, no expr, or PromQL that does not parse THEN each is an error', () => {
    expect(kinds({ expr: 'up' })).toEqual(['invalid/error alert']);
    expect(kinds({ alert: 'A', record: 'a:b', expr: 'up' })).toEqual(['invalid/error record']);
    expect(kinds({ alert: 'A' })).toEqual(['invalid/error expr']);
    expect(kinds({ alert: 'A', expr: 'sum(up' })).toEqual(['invalid/error expr']);
  });

  test('GIVEN a recording rule with annotations, for, keep_firing_for or braces in its name THEN each is an error', () => {
    expect(kinds({ record: 'a:b', expr: 'up', annotations: { x: 'y' }, for: '1m', keep_firing_for: '1m' }))
      .toEqual(['invalid/error annotations', 'invalid/error for', 'invalid/error keep_firing_for']);
    expect(kinds({ record: 'a:b', expr: 'up', for: '0s' })).toEqual([]);
    expect(kinds({ record: 'up{job="x"}', expr: 'up' })).toEqual(['invalid/error record']);
  });

  test('GIVEN names Prometheus 2 and 3 load but that are unwise THEN they are warnings, never errors', () => {
    expect(kinds({ alert: 'Disk almost full', expr: 'up == 0', labels: { __team: 'a' } })).toEqual(['unwise-name/warning alert', 'unwise-name/warning labels.__team']);
  });

  test('GIVEN the __name__ label THEN it is an error (rulefmt refuses it)', () => {
    expect(kinds({ alert: 'A', expr: 'up', labels: { __name__: 'x' } })).toEqual(['invalid/error labels.__name__']);
  });

  test('GIVEN UTF-8 label and metric names THEN Prometheus 2 refuses them, Prometheus 3 loads them (warning), an unknown version warns', () => {
    const rule = { alert: 'A', expr: 'up', labels: { 'team.name': 'a' }, annotations: { 'runbook-url': 'x' } };
    expect(kinds(rule, 'v2.42.0')).toEqual(['invalid/error labels.team.name', 'invalid/error annotations.runbook-url']);
    expect(kinds(rule, 'v3.0.0')).toEqual(['unwise-name/warning labels.team.name', 'unwise-name/warning annotations.runbook-url']);
    expect(kinds(rule)).toEqual(['unwise-name/warning labels.team.name', 'unwise-name/warning annotations.runbook-url']);
    expect(kinds({ record: 'job-up', expr: 'up' }, '2.42.0')).toEqual(['invalid/error record']);
    expect(kinds({ record: 'job-up', expr: 'up' }, '3.1.0')).toEqual(['unwise-name/warning record']);
  });

  test('GIVEN templates THEN only alerting rules are parsed (recording rule labels are literal), labels with $value warn', () => {
    expect(kinds({ record: 'a:b', expr: 'up', labels: { x: '{{ oops' } })).toEqual([]);
    expect(kinds({ alert: 'A', expr: 'up', labels: { x: '{{ oops' } })).toEqual(['template/error labels.x']);
    expect(kinds({ alert: 'A', expr: 'up', labels: { v: '{{ $value }}' }, annotations: { v: '{{ $value }}' } })).toEqual(['label-value/warning labels.v']);
  });

  test('GIVEN a finding THEN it carries the offending value and a fix', () => {
    const [f] = ruleFindings({ alert: 'A', expr: 'up', annotations: { summary: '{{ $labels.job | toupper }}' } });
    expect(f).toMatchObject({ kind: 'template', severity: 'error', field: 'annotations.summary', value: '{{ $labels.job | toupper }}', fix: 'did you mean "toUpper"?' });
  });
});

describe('duplicateRules: promtool\'s lint', () => {
  test('GIVEN two rules with the same name and labels anywhere in the file THEN the later one is a duplicate, whatever its expr', () => {
    const d = duplicateRules([
      { name: 'a', rules: [{ record: 'x:y', expr: 'up' }, { alert: 'A', expr: 'up == 0', labels: { s: '1', t: '2' } }] },
      { name: 'b', rules: [{ record: 'x:y', expr: 'sum(up)' }, { alert: 'A', expr: 'up == 1', labels: { t: '2', s: '1' } }] },
    ]);
    expect(d.map((x) => [x.group, x.rule, x.firstGroup, x.firstRule, x.name])).toEqual([[1, 0, 0, 0, 'x:y'], [1, 1, 0, 1, 'A']]);
  });

  test('GIVEN the same name with other labels, or an alert and a record of the same name with the same labels THEN only the latter is a duplicate', () => {
    expect(duplicateRules([{ rules: [{ alert: 'A', expr: 'up', labels: { s: '1' } }, { alert: 'A', expr: 'up', labels: { s: '2' } }] }])).toEqual([]);
    // promtool compares the name only, whether it is an alert or a record
    expect(duplicateRules([{ rules: [{ alert: 'a_b', expr: 'up' }, { record: 'a_b', expr: 'up' }] }])).toHaveLength(1);
  });

  test('GIVEN group labels THEN they are merged under the rule labels, as Prometheus 3 does', () => {
    expect(duplicateRules([
      { name: 'a', labels: { team: 'x' }, rules: [{ alert: 'A', expr: 'up' }] },
      { name: 'b', labels: { team: 'y' }, rules: [{ alert: 'A', expr: 'up' }] },
    ])).toEqual([]);
  });
});
