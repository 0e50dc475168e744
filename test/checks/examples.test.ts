import { parseAllDocuments } from 'yaml';
import { CHECKS, ClusterModel, Finding, runChecks } from '../../lib/tooling';

function model(yaml: string, file: string): ClusterModel {
  return ClusterModel.build(parseAllDocuments(yaml).map((d, doc) => ({ value: d.toJS(), source: { file, doc } })));
}

/** The failing example with `suppress.cdk8s-alerting.io/<id>` on every document a finding of `id` names. */
function annotated(yaml: string, id: string, findings: readonly Finding[]): ClusterModel {
  const docs = new Set(findings.filter((f) => f.check === id).map((f) => f.object.source.doc));
  return ClusterModel.build(parseAllDocuments(yaml).map((d, doc) => {
    const value = d.toJS();
    if (docs.has(doc)) {
      value.metadata = { ...value.metadata, annotations: { ...value.metadata?.annotations, [`suppress.cdk8s-alerting.io/${id}`]: 'accepted in this test' } };
    }
    return { value, source: { file: 'failing.yaml', doc } };
  }));
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

  test('examples are usable input: every document becomes an object of the model (but the failing invalid-object one)', () => {
    for (const yaml of id === 'invalid-object' ? [check.fixed] : [check.failing, check.fixed]) {
      expect(model(yaml, 'x.yaml').problems).toEqual([]);
    }
  });

  test('its findings can be suppressed with the annotation on the object they name: listed as suppressed, nothing else reported', () => {
    const before = runChecks(model(check.failing, 'failing.yaml'));
    const after = runChecks(annotated(check.failing, id, before));
    const mine = after.filter((f) => f.check === id);
    expect(mine.length).toBe(before.filter((f) => f.check === id).length);
    for (const f of mine) {
      expect(f.suppressed).toEqual({ reason: 'accepted in this test', by: `annotation suppress.cdk8s-alerting.io/${id}` });
    }
    // the suppression is used, and the other findings of the example are unchanged
    expect(after.filter((f) => f.check !== id).map((f) => [f.check, f.message])).toEqual(before.filter((f) => f.check !== id).map((f) => [f.check, f.message]));
  });

  test('its findings can be suppressed app-wide from a config entry', () => {
    const findings = runChecks(model(check.failing, 'failing.yaml'), { suppressions: [{ id, reason: 'accepted everywhere', file: 'c.yaml', field: 'suppressions[0]' }] });
    const mine = findings.filter((f) => f.check === id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((f) => f.suppressed?.reason === 'accepted everywhere' && f.suppressed.by === 'c.yaml suppressions[0]')).toBe(true);
    expect(findings.filter((f) => f.check === 'suppression-unused')).toEqual(id === 'suppression-unused' ? mine : []);
  });
});

test('check IDs are unique and kebab-case', () => {
  const ids = CHECKS.map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) { expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/); }
});
