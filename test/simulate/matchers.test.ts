import * as fc from 'fast-check';
import { formatMatcher, parseMatcher, parseMatchers } from '../../lib/simulate';
import { allMatch, compileMatcher, fromCrdMatcher } from '../../lib/simulate/matchers';

describe('matcher strings', () => {
  test('the operator form: name, operator, quoted value with OpenMetrics escapes', () => {
    expect(formatMatcher({ name: 'severity', type: '=~', value: 'warning|critical' })).toBe('severity=~"warning|critical"');
    expect(formatMatcher({ name: 'a', type: '=', value: 'x"y\\z\nw' })).toBe('a="x\\"y\\\\z\\nw"');
  });

  test('v1alpha1 matchers: matchType wins, regex: true means =~, default =', () => {
    expect(fromCrdMatcher({ name: 'a', value: 'b', matchType: '!~', regex: true })).toStrictEqual({ name: 'a', type: '!~', value: 'b' });
    expect(fromCrdMatcher({ name: 'a', value: 'b', regex: true }).type).toBe('=~');
    expect(fromCrdMatcher({ name: 'a' })).toStrictEqual({ name: 'a', type: '=', value: '' });
    expect(() => fromCrdMatcher({ name: 'a', matchType: '==' })).toThrow(/invalid 'matchType' '=='/);
  });

  test('parse accepts unquoted values and surrounding spaces, like Alertmanager 0.25', () => {
    expect(parseMatcher(' team = infra ')).toStrictEqual({ name: 'team', type: '=', value: 'infra' });
    expect(parseMatcher('a!~"x.*"')).toStrictEqual({ name: 'a', type: '!~', value: 'x.*' });
  });

  test('parse rejects malformed input and bad regexes', () => {
    expect(() => parseMatcher('1a="x"')).toThrow(/bad matcher format/);
    expect(() => parseMatcher('a="x"y"')).toThrow(/unescaped double quote/);
    expect(() => parseMatcher('a="x')).toThrow(/unescaped double quote/);
    expect(() => parseMatcher('a=~"(x"')).toThrow(/missing closing \)/);
  });

  test('parseMatchers splits on commas outside quotes and strips braces', () => {
    expect(parseMatchers('{a="1,2", b=~"x|y"}')).toStrictEqual([
      { name: 'a', type: '=', value: '1,2' },
      { name: 'b', type: '=~', value: 'x|y' },
    ]);
  });

  test('property: format then parse is the identity', () => {
    fc.assert(fc.property(
      fc.constantFrom('=', '!=') as fc.Arbitrary<'=' | '!='>,
      fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      (type, name, value) => {
        expect(parseMatcher(formatMatcher({ name, type, value }))).toStrictEqual({ name, type, value });
      },
    ), { seed: 7, numRuns: 300 });
  });
});

describe('matching', () => {
  const m = (s: string) => compileMatcher(parseMatcher(s));

  test('regexes are anchored', () => {
    expect(m('a=~"b"').matches('abc')).toBe(false);
    expect(m('a=~"b"').matches('b')).toBe(true);
    expect(m('a=~"b|c"').matches('c')).toBe(true);
    expect(m('a!~"b.*"').matches('xb')).toBe(true);
  });

  test('a missing label is the empty string', () => {
    expect(allMatch([m('team=""')], {})).toBe(true);
    expect(allMatch([m('team!="x"')], {})).toBe(true);
    expect(allMatch([m('team=~".+"')], {})).toBe(false);
    expect(allMatch([m('toString=""')], {})).toBe(true);
  });
});
