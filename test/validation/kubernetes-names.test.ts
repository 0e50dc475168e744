import fc from 'fast-check';
import { checkDns1123Label, checkDns1123Subdomain, checkLabelKey, checkLabelValue } from '../../lib/validation';

const SUBDOMAIN_MSG = 'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', '
  + 'and must start and end with an alphanumeric character';
const LABEL_MSG = 'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', '
  + 'and must start and end with an alphanumeric character';

/** The value suggested by `Fix: use "…" instead`, if any. */
function suggested(message: string): string | undefined {
  return /Fix: use "(.*)" instead$/.exec(message)?.[1];
}

describe('checkDns1123Subdomain', () => {
  test.each(['my-alerts', 'a', '0', 'example.com', 'a.b-c.d', 'x'.repeat(253), `${'a'.repeat(100)}.${'b'.repeat(100)}`])(
    'GIVEN the valid name %j WHEN checked THEN there is no problem', (name) => {
      expect(checkDns1123Subdomain('metadata.name', name)).toEqual([]);
    });

  test.each([
    ['My_App', 'my-app'],
    ['my-app.', 'my-app'],
    ['-a-', 'a'],
    ['a..b', 'a.b'],
    ['UPPER.Case', 'upper.case'],
    ['a_b.c_d', 'a-b.c-d'],
    ['team alerts!', 'team-alerts'],
  ])('GIVEN the invalid name %j WHEN checked THEN Kubernetes\' message and the sanitised name %j are given', (name, fix) => {
    // WHEN
    const problems = checkDns1123Subdomain('metadata.name', name);
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^metadata\.name: a lowercase RFC 1123 subdomain/);
    expect(problems[0]).toContain(SUBDOMAIN_MSG);
    expect(problems[0]).toContain('regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\'');
    expect(problems[0]).toContain(`(got ${JSON.stringify(name)})`);
    expect(problems[0]).toMatch(new RegExp(`Fix: use "${fix.replace(/\./g, '\\.')}" instead$`));
  });

  test('GIVEN a name longer than 253 characters WHEN checked THEN the length limit and a shortened name are given', () => {
    // GIVEN
    const name = 'x'.repeat(300);
    // WHEN
    const problems = checkDns1123Subdomain('metadata.name', name);
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^metadata\.name: must be no more than 253 characters \(got "x+…x+"\)/);
    expect(suggested(problems[0])).toBe('x'.repeat(253));
  });

  test('GIVEN a name that is too long AND has bad characters WHEN checked THEN both problems are reported', () => {
    const problems = checkDns1123Subdomain('metadata.name', `${'A'.repeat(260)}`);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('must be no more than 253 characters');
    expect(problems[1]).toContain(SUBDOMAIN_MSG);
  });

  test('GIVEN an empty name WHEN checked THEN "must not be empty" is reported', () => {
    expect(checkDns1123Subdomain('metadata.name', '')).toEqual([
      'metadata.name: must not be empty (got ""). Fix: give a name such as "my-alerts"',
    ]);
  });

  test('GIVEN a name with nothing to keep WHEN checked THEN the fix states the rule', () => {
    const [p] = checkDns1123Subdomain('metadata.name', '!!!');
    expect(p).toContain('Fix: use only lower case letters, digits, \'-\' and \'.\', starting and ending with a letter or digit, at most 253 characters');
  });
});

describe('checkDns1123Label', () => {
  test.each(['monitoring', 'flux-system', 'a', '123-abc', 'x'.repeat(63)])('GIVEN the valid namespace %j WHEN checked THEN there is no problem', (name) => {
    expect(checkDns1123Label('namespace', name)).toEqual([]);
  });

  test.each([
    ['My_Namespace', 'my-namespace'],
    ['team.alerts', 'team-alerts'],
    ['-x-', 'x'],
    ['prod--eu', undefined],
  ])('GIVEN %j WHEN checked THEN Kubernetes\' label message and the sanitised name are given', (name, fix) => {
    // WHEN
    const problems = checkDns1123Label('namespace', name);
    // THEN
    if (fix === undefined) { // "--" in the middle is valid
      expect(problems).toEqual([]);
      return;
    }
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^namespace: a lowercase RFC 1123 label/);
    expect(problems[0]).toContain(LABEL_MSG);
    expect(problems[0]).toContain('(e.g. \'my-name\' or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')');
    expect(problems[0]).toContain(`(got ${JSON.stringify(name)})`);
    expect(suggested(problems[0])).toBe(fix);
  });

  test('GIVEN a 64-character namespace WHEN checked THEN the 63-character limit is reported with a shortened name', () => {
    const problems = checkDns1123Label('namespace', 'n'.repeat(64));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('namespace: must be no more than 63 characters');
    expect(suggested(problems[0])).toBe('n'.repeat(63));
  });

  test('GIVEN an empty namespace WHEN checked THEN "must not be empty" is reported', () => {
    expect(checkDns1123Label('namespace', '')).toEqual(['namespace: must not be empty (got ""). Fix: give a name such as "monitoring"']);
  });
});

describe('checkLabelKey', () => {
  test.each(['app', 'Team', 'app.kubernetes.io/name', 'prometheus', 'example.com/My_Key.v1', `${'p'.repeat(253)}/${'n'.repeat(63)}`])(
    'GIVEN the valid label key %j WHEN checked THEN there is no problem', (key) => {
      expect(checkLabelKey('metadata.labels', key)).toEqual([]);
    });

  test.each([
    ['a/b/c', 'a qualified name must consist of alphanumeric characters', 'a/b-c'],
    ['Example.COM/name', 'prefix part a lowercase RFC 1123 subdomain must consist of', 'example.com/name'],
    ['example.com/-bad-', 'name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\'', 'example.com/bad'],
    ['has space', 'name part must consist of alphanumeric characters', 'has-space'],
    ['x'.repeat(70), 'name part must be no more than 63 characters', 'x'.repeat(63)],
  ])('GIVEN the invalid key %j WHEN checked THEN the Kubernetes message and a valid key are given', (key, message, fix) => {
    // WHEN
    const problems = checkLabelKey('metadata.labels', key);
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`metadata.labels: ${message}`);
    expect(problems[0]).toContain(`(got ${JSON.stringify(key)})`);
    expect(suggested(problems[0])).toBe(fix);
  });

  test('GIVEN a key with a bad prefix AND a bad name WHEN checked THEN both are reported and both fixes give the same valid key', () => {
    // WHEN
    const problems = checkLabelKey('metadata.labels', 'bad prefix/na me');
    // THEN
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('prefix part a lowercase RFC 1123 subdomain');
    expect(problems[1]).toContain('name part must consist of');
    expect(problems.map(suggested)).toEqual(['bad-prefix/na-me', 'bad-prefix/na-me']);
  });

  test.each([
    ['/name', 'prefix part must be non-empty', 'drop the leading \'/\''],
    ['example.com/', 'name part must be non-empty', 'give a name after the prefix'],
  ])('GIVEN %j WHEN checked THEN the empty part is reported', (key, message, fix) => {
    const problems = checkLabelKey('metadata.labels', key);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
    expect(problems[0]).toContain(`Fix: ${fix}`);
  });
});

describe('checkLabelValue', () => {
  test.each(['', 'ok', 'MyValue', 'my_value', '12345', 'v1.2.3', 'v'.repeat(63)])('GIVEN the valid label value %j WHEN checked THEN there is no problem', (value) => {
    expect(checkLabelValue('metadata.labels["team"]', value)).toEqual([]);
  });

  test.each([
    ['has space', 'has-space'],
    ['-x-', 'x'],
    ['a/b', 'a-b'],
  ])('GIVEN the invalid label value %j WHEN checked THEN the Kubernetes message and %j are given', (value, fix) => {
    const problems = checkLabelValue('metadata.labels["team"]', value);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('metadata.labels["team"]: a valid label value must be an empty string or consist of alphanumeric characters');
    expect(problems[0]).toContain(`(got ${JSON.stringify(value)})`);
    expect(suggested(problems[0])).toBe(fix);
  });

  test('GIVEN a 64-character value WHEN checked THEN the length limit is reported', () => {
    const problems = checkLabelValue('v', 'v'.repeat(64));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('v: must be no more than 63 characters');
    expect(suggested(problems[0])).toBe('v'.repeat(63));
  });

  test('GIVEN a value with nothing to keep WHEN checked THEN the fix states the rule', () => {
    const [p] = checkLabelValue('v', '!!');
    expect(p).toContain('(or leave it empty)');
  });
});

describe('suggested fixes', () => {
  const checks = { checkDns1123Subdomain, checkDns1123Label, checkLabelKey, checkLabelValue };
  test.each(Object.entries(checks))('GIVEN any string WHEN %s suggests a replacement THEN the replacement passes the same check', (_, check) => {
    fc.assert(fc.property(fc.string({ maxLength: 300, unit: fc.constantFrom('a', 'Z', '0', '-', '.', '_', '/', ' ', 'é', '😀') }), (s) => {
      for (const message of check('f', s)) {
        const fix = suggested(message);
        if (fix !== undefined) { expect(check('f', fix)).toEqual([]); }
      }
    }), { numRuns: 300 });
  });
});
