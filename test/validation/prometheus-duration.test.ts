import fc from 'fast-check';
import { checkPrometheusDuration, formatPrometheusDuration, parsePrometheusDuration } from '../../lib/validation';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const YEAR = 365 * DAY;

describe('parsePrometheusDuration', () => {
  test.each([
    ['0', 0],
    ['0s', 0],
    ['1ms', 1],
    ['30s', 30 * SECOND],
    ['5m', 5 * MINUTE],
    ['1h30m', HOUR + 30 * MINUTE],
    ['1d', DAY],
    ['1w', WEEK],
    ['1y', YEAR],
    ['2w3d', 2 * WEEK + 3 * DAY],
    ['1y2w3d4h5m6s7ms', YEAR + 2 * WEEK + 3 * DAY + 4 * HOUR + 5 * MINUTE + 6 * SECOND + 7],
    ['90m', 90 * MINUTE],
    ['0h0m', 0],
    ['007m', 7 * MINUTE],
  ])('GIVEN %j WHEN parsed THEN it is %d ms', (s, ms) => {
    // WHEN
    const parsed = parsePrometheusDuration(s);
    // THEN
    expect(parsed).toBe(ms);
  });

  test.each(['', '00', '5', '1.5h', '30m1h', '1h1h', '5 m', ' 5m', '5m ', '5M', '5min', '1h 30m', '-5m', '+5m', '5us', 'm', 'ms', '1e3s', '300000y'])(
    'GIVEN %j WHEN parsed THEN it is rejected', (s) => {
      // WHEN
      const parsed = parsePrometheusDuration(s);
      // THEN
      expect(parsed).toBeUndefined();
    });

  test('GIVEN the largest duration that fits an int64 of nanoseconds WHEN parsed THEN it is accepted, one more ms is not', () => {
    // GIVEN 9223372036854 ms < 2^63-1 ns < 9223372036855 ms
    // WHEN / THEN
    expect(parsePrometheusDuration('9223372036854ms')).toBe(9223372036854);
    expect(parsePrometheusDuration('9223372036855ms')).toBeUndefined();
    expect(parsePrometheusDuration('292y')).toBe(292 * YEAR);
    expect(parsePrometheusDuration('293y')).toBeUndefined();
  });
});

describe('checkPrometheusDuration', () => {
  test.each(['0', '5m', '1h30m', '7d', '2w', '1y'])('GIVEN the valid duration %j WHEN checked THEN there is no problem', (s) => {
    // WHEN
    const problems = checkPrometheusDuration('for', s);
    // THEN
    expect(problems).toEqual([]);
  });

  test.each([
    ['1.5h', 'fractions are not allowed', 'use "1h30m"'],
    ['30m1h', 'units must appear once each, from largest to smallest', 'use "1h30m"'],
    ['5min', 'unknown unit "min"', 'use "5m"'],
    ['2 hours', 'unknown unit "hours"', 'use "2h"'],
    ['1h 30m', 'must not contain spaces', 'use "1h30m"'],
    [' 5m', 'leading or trailing spaces', 'use "5m"'],
    ['300', 'a number needs a unit (only "0" may go without one)', 'add a unit: if you mean 300 seconds, use "5m"'],
    ['90s5us', 'the smallest unit is "ms" (got "us")', 'use "1m30s"'],
    ['14d', undefined, undefined],
    ['soon', '', 'write whole numbers, each followed by a unit'],
  ])('GIVEN %j WHEN checked THEN the reason and a fix are given', (s, reason, fix) => {
    // WHEN
    const problems = checkPrometheusDuration('spec.groups[0].rules[0].for', s);
    // THEN
    if (reason === undefined) {
      expect(problems).toEqual([]);
      return;
    }
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^spec\.groups\[0\]\.rules\[0\]\.for: is not a valid Prometheus duration/);
    expect(problems[0]).toContain(reason);
    expect(problems[0]).toContain(`(got ${JSON.stringify(s)})`);
    expect(problems[0]).toContain(`Fix: ${fix}`);
  });

  test('GIVEN an empty duration WHEN checked THEN "must not be empty" is reported', () => {
    // WHEN
    const problems = checkPrometheusDuration('groupWait', '');
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^groupWait: must not be empty \(got ""\)\. Fix: give a duration such as "5m"/);
  });

  test('GIVEN a duration beyond 292 years WHEN checked THEN it is out of range', () => {
    // WHEN
    const problems = checkPrometheusDuration('repeatInterval', '300y');
    // THEN
    expect(problems).toEqual([
      'repeatInterval: is out of range: Prometheus durations are limited to about 292 years (got "300y"). Fix: use a shorter duration',
    ]);
  });
});

describe('formatPrometheusDuration', () => {
  test.each([
    [0, '0s'],
    [1, '1ms'],
    [1500, '1s500ms'],
    [90 * SECOND, '1m30s'],
    [HOUR, '1h'],
    [DAY, '1d'],
    [WEEK, '1w'],
    [2 * WEEK, '2w'],
    [8 * DAY, '8d'],
    [90 * DAY, '90d'],
    [YEAR, '1y'],
    [YEAR + DAY, '366d'],
    [DAY + HOUR + MINUTE + SECOND + 1, '1d1h1m1s1ms'],
    [1.9, '1ms'],
  ])('GIVEN %d ms WHEN formatted THEN it is %j, as Prometheus prints it', (ms, expected) => {
    // WHEN
    const s = formatPrometheusDuration(ms);
    // THEN
    expect(s).toBe(expected);
  });

  test.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('GIVEN %d WHEN formatted THEN a RangeError is thrown', (ms) => {
    expect(() => formatPrometheusDuration(ms)).toThrow(RangeError);
  });

  test('GIVEN any whole number of milliseconds up to 200 years WHEN formatted and parsed back THEN the value is unchanged', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 200 * YEAR }), (ms) => {
      const s = formatPrometheusDuration(ms);
      expect(checkPrometheusDuration('d', s)).toEqual([]);
      expect(parsePrometheusDuration(s)).toBe(ms);
    }));
  });
});
