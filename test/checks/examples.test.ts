import { parseAllDocuments } from 'yaml';
import { CHECKS, ClusterModel, runChecks } from '../../lib';

function model(yaml: string, file: string): ClusterModel {
  return ClusterModel.build(parseAllDocuments(yaml).map((d, doc) => ({ value: d.toJS(), source: { file, doc } })));
}

describe.each(CHECKS.map((c) => [c.id, c] as const))('%s', (id, check) => {
  test('fires on its failing example, with a message and a fix', () => {
    const findings = runChecks(model(check.failing, 'failing.yaml')).filter((f) => f.check === id);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.message.length).toBeGreaterThan(20);
      expect(f.fix.length).toBeGreaterThan(5);
      expect(f.object.source.file).toBe('failing.yaml');
    }
  });

  test('stays quiet on its fixed example', () => {
    expect(runChecks(model(check.fixed, 'fixed.yaml')).filter((f) => f.check === id)).toEqual([]);
  });

  test('examples are usable input: every document becomes an object of the model', () => {
    for (const yaml of [check.failing, check.fixed]) {
      expect(model(yaml, 'x.yaml').problems).toEqual([]);
    }
  });
});

test('check IDs are unique and kebab-case', () => {
  const ids = CHECKS.map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) { expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/); }
});
