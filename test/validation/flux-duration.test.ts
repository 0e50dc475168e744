import fc from 'fast-check';
import { checkFluxTimeout, formatFluxDuration, parseFluxTimeout } from '../../lib/validation';

describe('checkFluxTimeout', () => {
  test.each(['30s', '1m', '1m30s', '500ms', '1.5s', '0s', '120m', '1m1m', '0.5m30s', '10s500ms'])(
    'GIVEN the valid timeout %j WHEN checked THEN there is no problem', (s) => {
      // WHEN
      const problems = checkFluxTimeout('timeout', s);
      // THEN
      expect(problems).toEqual([]);
    });

  test.each([
    ['2h', 'only the units "m", "s" and "ms" are allowed (no hours or days)', 'use "120m"'],
    ['1h30m', 'only the units "m", "s" and "ms" are allowed', 'use "90m"'],
    ['1d', 'only the units "m", "s" and "ms" are allowed', 'use "1440m"'],
    ['30', 'a number needs a unit', 'add a unit: if you mean 30 seconds, use "30s"'],
    ['0', 'a number needs a unit', 'add a unit: use "0s"'],
    ['30 s', 'must not contain spaces', 'use "30s"'],
    ['30sec', 'unknown unit "sec"', 'use "30s"'],
    ['fast', '', 'write numbers (decimals allowed), each followed by "m", "s" or "ms"'],
  ])('GIVEN %j WHEN checked THEN the reason and a fix are given', (s, reason, fix) => {
    // WHEN
    const problems = checkFluxTimeout('spec.timeout', s);
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^spec\.timeout: is not a valid Flux timeout/);
    expect(problems[0]).toContain(reason);
    expect(problems[0]).toContain(`(got ${JSON.stringify(s)})`);
    expect(problems[0]).toContain(`Fix: ${fix}`);
  });

  test('GIVEN an empty timeout WHEN checked THEN "must not be empty" is reported', () => {
    // WHEN
    const problems = checkFluxTimeout('timeout', '');
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^timeout: must not be empty \(got ""\)\. Fix: give a timeout such as "30s"/);
  });
});

describe('parseFluxTimeout', () => {
  test.each([
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    ['1m1m', 120_000],
    ['250ms', 250],
  ])('GIVEN %j WHEN parsed THEN it is %d ms', (s, ms) => {
    expect(parseFluxTimeout(s)).toBe(ms);
  });

  test.each(['2h', '30', '', '1 s'])('GIVEN the invalid timeout %j WHEN parsed THEN it is undefined', (s) => {
    expect(parseFluxTimeout(s)).toBeUndefined();
  });
});

describe('formatFluxDuration', () => {
  test.each([
    [0, '0s'],
    [250, '250ms'],
    [1500, '1s500ms'],
    [30_000, '30s'],
    [90_000, '1m30s'],
    [7_200_000, '120m'],
    [86_400_000, '1440m'],
  ])('GIVEN %d ms WHEN formatted THEN it is %j (no hours)', (ms, expected) => {
    expect(formatFluxDuration(ms)).toBe(expected);
  });

  test.each([-5, Number.NaN])('GIVEN %d WHEN formatted THEN a RangeError is thrown', (ms) => {
    expect(() => formatFluxDuration(ms)).toThrow(RangeError);
  });

  test('GIVEN any whole number of milliseconds WHEN formatted THEN the CRD pattern accepts it and it parses back', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 * 365 * 86_400_000 }), (ms) => {
      const s = formatFluxDuration(ms);
      expect(checkFluxTimeout('timeout', s)).toEqual([]);
      expect(parseFluxTimeout(s)).toBe(ms);
    }));
  });
});
