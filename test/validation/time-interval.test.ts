import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import {
  TIME_INTERVAL_PATTERNS, checkDayOfMonthRange, checkMonthRange, checkTimePeriod, checkTimeRange, checkWeekdayRange, checkYearRange,
} from '../../lib/validation';

const CRD = join(__dirname, '..', '..', '..', 'shared', 'crds', 'monitoring.coreos.com_alertmanagerconfigs.yaml');

test('the patterns are the AlertmanagerConfig CRD\'s own (v0.93.0)', () => {
  const crd = parse(readFileSync(CRD, 'utf8'));
  const ti = crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.muteTimeIntervals.items.properties.timeIntervals.items.properties;
  expect(ti.times.items.properties.startTime.pattern).toBe(TIME_INTERVAL_PATTERNS.time);
  expect(ti.times.items.properties.endTime.pattern).toBe(TIME_INTERVAL_PATTERNS.time);
  expect(ti.weekdays.items.pattern).toBe(TIME_INTERVAL_PATTERNS.weekday);
  expect(ti.months.items.pattern).toBe(TIME_INTERVAL_PATTERNS.month);
  expect(ti.years.items.pattern).toBe(TIME_INTERVAL_PATTERNS.year);
  expect(ti.daysOfMonth.items.properties.start).toMatchObject({ minimum: -31, maximum: 31 });
});

describe('weekdays', () => {
  test.each(['monday', 'sunday', 'Monday', 'monday:friday', 'Monday:friday', 'saturday:saturday'])('%j is accepted', (v) => {
    expect(checkWeekdayRange('w', v)).toEqual([]);
  });

  test.each([
    ['monday-friday', 'monday:friday'],
    ['Monday:Friday', 'monday:friday'], // (?i) covers only the first name in Go's regexp
    ['MONDAY', 'monday'],
    ['mon:fri', 'monday:friday'],
    ['Mon - Fri', 'monday:friday'],
    ['1:5', 'monday:friday'],
  ])('%j: the API server rejects it; the fix names %j', (v, fix) => {
    const [m, ...rest] = checkWeekdayRange('weekdays[0]', v);
    expect(rest).toEqual([]);
    expect(m).toContain(`weekdays[0]: `);
    expect(m).toContain('API server rejects');
    expect(m).toContain(`(got ${JSON.stringify(v)})`);
    expect(m).toContain(`Fix: write ${JSON.stringify(fix)}`);
  });

  test('a range that runs backwards is rejected by the operator, with the split as fix', () => {
    expect(checkWeekdayRange('w', 'friday:monday')).toEqual([
      expect.stringMatching(/^w: runs backwards.*prometheus-operator rejects.*Fix: split it into "friday:saturday" and "sunday:monday"$/),
    ]);
  });

  test('gibberish gets the general fix; a number (not a string) is named', () => {
    expect(checkWeekdayRange('w', 'weekdays')[0]).toMatch(/Fix: write e\.g\. "monday" or "monday:friday"$/);
    expect(checkWeekdayRange('w', 1)[0]).toMatch(/^w: must be a string/);
  });
});

describe('times', () => {
  test.each([['09:00', '17:00'], ['00:00', '24:00'], ['23:59', '24:00']])('%s-%s is accepted', (s, e) => {
    expect(checkTimeRange('t', s, e)).toEqual([]);
  });

  test('9:00 is rejected by the API server; the fix is 09:00', () => {
    expect(checkTimeRange('times[0]', '9:00', '17:00')).toEqual([
      expect.stringMatching(/^times\[0\]\.startTime: is not a time in HH:MM .*API server rejects.*\(got "9:00"\)\. Fix: write "09:00"$/),
    ]);
    expect(checkTimeRange('t', '08:00', '17:00:00')[0]).toMatch(/Fix: write "17:00"$/);
    expect(checkTimeRange('t', '08:00', '25:00')[0]).toMatch(/Fix: write the time as HH:MM/);
  });

  test('a range that wraps past midnight, or is empty, is rejected by the operator', () => {
    expect(checkTimeRange('t', '22:00', '06:00')).toEqual([
      expect.stringMatching(/^t: starts at or after it ends; prometheus-operator rejects .*Fix: a range cannot wrap past midnight: split it into two, \{ startTime: "22:00", endTime: "24:00" \} and \{ startTime: "00:00", endTime: "06:00" \}$/),
    ]);
    expect(checkTimeRange('t', '09:00', '09:00')).toHaveLength(1);
  });

  test('both ends are required', () => {
    expect(checkTimeRange('t', '09:00', undefined)).toEqual([expect.stringMatching(/^t\.endTime: is required/)]);
  });
});

describe('months, years, days of month', () => {
  test.each(['january', 'January:March', '1:3', '1:March', '12'])('month %j is accepted', (v) => {
    expect(checkMonthRange('m', v)).toEqual([]);
  });

  test('january-march and jan are rejected with the canonical fix; december:january runs backwards', () => {
    expect(checkMonthRange('m', 'january-march')[0]).toMatch(/API server rejects.*Fix: write "january:march"$/);
    expect(checkMonthRange('m', 'jan')[0]).toMatch(/Fix: write "january"$/);
    expect(checkMonthRange('m', 'december:january')[0]).toMatch(/runs backwards.*Fix: split it into "december" and "january"$/);
    expect(checkMonthRange('m', '13')).toHaveLength(1);
  });

  test('years', () => {
    expect(checkYearRange('y', '2026')).toEqual([]);
    expect(checkYearRange('y', '2026:2027')).toEqual([]);
    expect(checkYearRange('y', '2026-2027')[0]).toMatch(/Fix: write "2026:2027"$/);
    expect(checkYearRange('y', '2027:2026')[0]).toMatch(/runs backwards.*Fix: write "2026:2027"$/);
    expect(checkYearRange('y', 2026)[0]).toMatch(/must be a string/);
  });

  test('days of month follow the operator (and Alertmanager)', () => {
    expect(checkDayOfMonthRange('d', 1, 7)).toEqual([]);
    expect(checkDayOfMonthRange('d', -7, -1)).toEqual([]);
    expect(checkDayOfMonthRange('d', 25, -1)).toEqual([]); // 25 .. last day: possible in every month
    expect(checkDayOfMonthRange('d', 5, undefined)).toEqual([expect.stringMatching(/^d\.end: is required: the operator reads an unset end as day 0/)]);
    expect(checkDayOfMonthRange('d', 0, 3)[0]).toMatch(/^d\.start: is not a day of the month/);
    expect(checkDayOfMonthRange('d', 1, 32)[0]).toMatch(/out of range -31\.\.31; the AlertmanagerConfig CRD/);
    expect(checkDayOfMonthRange('d', -3, 2)[0]).toMatch(/starts counting from the end/);
    expect(checkDayOfMonthRange('d', 20, 10)[0]).toMatch(/ends before it starts/);
    expect(checkDayOfMonthRange('d', 27, -3)[0]).toMatch(/ends before it starts/); // -3 is day 25 in February
  });
});

test('checkTimePeriod reports every problem of a period at once, each with its field', () => {
  const problems = checkTimePeriod('spec.muteTimeIntervals[0].timeIntervals[1]', {
    weekdays: ['monday-friday', 'saturday'],
    times: [{ startTime: '9:00', endTime: '17:00' }],
    months: ['march'],
  });
  expect(problems.map((p) => p.split(':')[0])).toEqual([
    'spec.muteTimeIntervals[0].timeIntervals[1].times[0].startTime',
    'spec.muteTimeIntervals[0].timeIntervals[1].weekdays[0]',
  ]);
});
