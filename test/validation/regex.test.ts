import fc from 'fast-check';
import { RE2JS } from 're2js';
import { checkGoRegex, checkMatcherRegex, matchesAlertmanagerRegex } from '../../lib/validation';

describe('checkMatcherRegex', () => {
  test.each([
    'warning|critical|error',
    '(?i)foo',
    '\\d+',
    '.*foo.*',
    'prod-.+',
    '',
    '[[:alpha:]]+',
    '\\pL+',
    '(?P<name>a)|(?<other>b)',
    'a{2,5}',
    '\\Q.*\\E',
    '^already-anchored$',
  ])('GIVEN the RE2 regex %j WHEN checked THEN there is no problem', (pattern) => {
    // WHEN
    const problems = checkMatcherRegex('matchers[0].value', pattern);
    // THEN
    expect(problems).toEqual([]);
  });

  test.each([
    ['(a)\\1', 'invalid escape sequence: `\\1`', 'does not support backreferences (\\1)', 'spell out the alternatives'],
    ['foo(?=bar)', 'invalid or unsupported Perl syntax: `(?=`', 'does not support lookahead assertions ((?=…)', 'without lookaround'],
    ['foo(?!bar)', 'invalid or unsupported Perl syntax: `(?!`', 'does not support lookahead assertions ((?!…)', 'negative matcher (!~)'],
    ['(?<=a)b', 'invalid named capture', 'does not support lookbehind assertions ((?<=…)', 'without lookaround'],
    ['(?<!a)b', 'invalid named capture', 'does not support lookbehind assertions ((?<!…)', 'without lookaround'],
    ['a*+', 'invalid nested repetition operator: `*+`', 'does not support possessive quantifiers (*+)', 'drop the trailing "+"'],
    ['a{2}+', 'invalid nested repetition operator', 'does not support possessive quantifiers', 'drop the trailing "+"'],
    ['(?>abc)', 'invalid or unsupported Perl syntax: `(?>`', 'does not support atomic groups', 'use a plain group (?:…)'],
    ['a(?#note)', 'invalid or unsupported Perl syntax: `(?#`', 'does not support comments', 'remove the comment'],
    ['foo\\Z', 'invalid escape sequence: `\\Z`', 'does not support \\Z', 'use \\z'],
    ['(unclosed', 'missing closing ): `(unclosed`', '', 'fix the regex syntax'],
    ['a)|(b', 'unexpected ): `a)|(b`', '', 'fix the regex syntax'],
    ['a{1001}', 'invalid repeat count', '', 'fix the regex syntax'],
    ['x**', 'invalid nested repetition operator: `**`', '', 'fix the regex syntax'],
  ])('GIVEN %j WHEN checked THEN Go\'s error, what RE2 lacks, the fix and the anchoring note are given', (pattern, goError, lacks, fix) => {
    // WHEN
    const problems = checkMatcherRegex('route.matchers[1].value', pattern);
    // THEN
    expect(problems).toHaveLength(1);
    const [p] = problems;
    expect(p).toMatch(/^route\.matchers\[1\]\.value: is not a valid Alertmanager regex: error parsing regexp: /);
    expect(p).toContain(goError);
    expect(p).toContain(lacks);
    expect(p).toContain(`(got ${JSON.stringify(pattern)})`);
    expect(p.slice(p.indexOf('Fix:'))).toContain(fix);
    expect(p).toContain('Alertmanager anchors the regex as ^(?:<regex>)$');
    expect(p).toContain('write ".*foo.*" to match values containing "foo"');
  });
});

describe('checkGoRegex', () => {
  test.each(['.*error.*', 'Reconciliation (finished|succeeded)', 'health check failed', '^Dependencies do not meet ready condition'])(
    'GIVEN the Go regex %j WHEN checked THEN there is no problem', (pattern) => {
      expect(checkGoRegex('inclusionList[0]', pattern)).toEqual([]);
    });

  test('GIVEN a lookahead WHEN checked THEN it is rejected without the Alertmanager anchoring note', () => {
    // WHEN
    const problems = checkGoRegex('exclusionList[2]', '^(?!.*ignore).*$');
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^exclusionList\[2\]: is not a valid Go \(RE2\) regex: error parsing regexp: invalid or unsupported Perl syntax: `\(\?!`/);
    expect(problems[0]).toContain('does not support lookahead assertions');
    expect(problems[0]).toContain('(got "^(?!.*ignore).*$")');
    expect(problems[0]).not.toContain('anchors');
  });

  test('GIVEN a syntax error WHEN checked THEN the fix points at the RE2 syntax reference', () => {
    const [p] = checkGoRegex('inclusionList[0]', '[a-');
    expect(p).toContain('missing closing ]');
    expect(p).toContain('Fix: fix the regex syntax (Go RE2 syntax');
  });
});

describe('matchesAlertmanagerRegex', () => {
  test.each([
    ['warning|critical|error', 'critical', true],
    ['warning|critical|error', 'critical2', false],
    ['warning|critical|error', 'xcritical', false],
    ['warning|critical|error', 'critical\n', false],
    ['(?i)foo', 'FOO', true],
    ['(?i)foo', 'foobar', false],
    ['\\d+', '12345', true],
    ['\\d+', '12a', false],
    ['.*foo.*', 'a-foo-b', true],
    ['foo', 'a-foo-b', false],
    ['', '', true],
    ['', 'x', false],
    ['.', '\n', false],
    ['(?s).', '\n', true],
    ['.', '😀', true],
    ['prod-.+', 'prod-eu', true],
  ])('GIVEN the matcher regex %j WHEN matched against %j THEN the result is %s (anchored at both ends)', (pattern, value, expected) => {
    // WHEN
    const matches = matchesAlertmanagerRegex(pattern, value);
    // THEN
    expect(matches).toBe(expected);
  });

  test('GIVEN an invalid pattern WHEN matched THEN it throws with Go\'s error', () => {
    expect(() => matchesAlertmanagerRegex('foo(?=bar)', 'foobar')).toThrow(/invalid Alertmanager regex "foo\(\?=bar\)": error parsing regexp/);
  });

  test('GIVEN the same pattern used many times WHEN matched THEN results stay consistent (cached compile)', () => {
    for (let i = 0; i < 3; i++) {
      expect(matchesAlertmanagerRegex('a|b', 'a')).toBe(true);
      expect(matchesAlertmanagerRegex('a|b', 'ab')).toBe(false);
    }
  });

  test('GIVEN more patterns than the cache holds WHEN matched THEN every result is still right', () => {
    for (let i = 0; i < 1100; i++) {
      expect(matchesAlertmanagerRegex(`v${i}`, `v${i}`)).toBe(true);
    }
    expect(matchesAlertmanagerRegex('v0', 'v0')).toBe(true);
  });

  test('GIVEN any literal string WHEN quoted and matched against itself THEN it matches, and not with a suffix', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const pattern = RE2JS.quote(s);
      expect(checkMatcherRegex('v', pattern)).toEqual([]);
      expect(matchesAlertmanagerRegex(pattern, s)).toBe(true);
      expect(matchesAlertmanagerRegex(pattern, `${s}x`)).toBe(false);
    }));
  });
});
