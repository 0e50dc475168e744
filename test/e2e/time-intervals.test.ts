/**
 * The time-interval validation (lib/validation/time-interval.ts, behind time-interval-invalid and
 * AlertmanagerRouting) against the real Alertmanager: for values the CRD's patterns let through,
 * our verdict equals `amtool check-config` (0.25) on the config the operator generates from
 * them. (Values the patterns refuse never reach Alertmanager: the API server rejects the object.)
 * And Alertmanager accepts a repeat_interval below group_interval, which is why
 * repeat-interval-too-short is a warning.
 */
import { convertTimeInterval } from '../../lib/simulate/alertmanager-config-crd';
import { NativeAlertmanagerConfig } from '../../lib/simulate';
import { TimePeriodValue, checkTimePeriod } from '../../lib/validation';
import { TOOLS, cleanup, describeWithTools, run } from './_harness';
import { writeAlertmanagerConfig } from './_stack';

const CASES: ReadonlyArray<[string, TimePeriodValue]> = [
  ['office hours', { weekdays: ['monday:friday'], times: [{ startTime: '09:00', endTime: '17:00' }] }],
  ['a capitalised first day', { weekdays: ['Monday:friday'] }],
  ['the whole day', { times: [{ startTime: '00:00', endTime: '24:00' }] }],
  ['a night that wraps past midnight', { times: [{ startTime: '22:00', endTime: '06:00' }] }],
  ['an empty time range', { times: [{ startTime: '09:00', endTime: '09:00' }] }],
  ['a backwards weekday range', { weekdays: ['friday:monday'] }],
  ['months by number', { months: ['1:3'] }],
  ['a backwards month range', { months: ['december:january'] }],
  ['years', { years: ['2026:2027'] }],
  ['backwards years', { years: ['2027:2026'] }],
  ['the first week', { daysOfMonth: [{ start: 1, end: 7 }] }],
  ['the last week', { daysOfMonth: [{ start: -7, end: -1 }] }],
  ['from the 25th to the last day', { daysOfMonth: [{ start: 25, end: -1 }] }],
  ['a negative start with a positive end', { daysOfMonth: [{ start: -3, end: 2 }] }],
  ['a range that is empty in February', { daysOfMonth: [{ start: 27, end: -3 }] }],
  ['backwards days', { daysOfMonth: [{ start: 20, end: 10 }] }],
];

function config(period: TimePeriodValue, route: Record<string, unknown> = {}): NativeAlertmanagerConfig {
  const interval = convertTimeInterval({ name: 'x', timeIntervals: [period as Record<string, unknown>] }, 'ns', 'cr');
  return {
    route: { receiver: 'null', routes: [{ receiver: 'null', mute_time_intervals: [interval.name], ...route }] },
    receivers: [{ name: 'null' }],
    mute_time_intervals: [interval],
  } as unknown as NativeAlertmanagerConfig;
}

describeWithTools([TOOLS.amtool], 'time intervals and timers with amtool 0.25', () => {
  afterAll(cleanup);

  test('the cases hold both verdicts', () => {
    const verdicts = new Set(CASES.map(([, p]) => checkTimePeriod('p', p).length === 0));
    expect(verdicts).toEqual(new Set([true, false]));
  });

  test.each(CASES)('%s: our verdict equals amtool check-config', async (_name, period) => {
    const ours = checkTimePeriod('p', period);
    const res = await run(TOOLS.amtool, ['check-config', writeAlertmanagerConfig(config(period))]);
    expect(ours.length === 0 ? 'accepted' : `rejected: ${ours.join(' | ')}`).toEqual(res.code === 0 ? 'accepted' : expect.stringMatching(/^rejected: /));
  });

  test('a repeat_interval below group_interval loads (a warning, not an error)', async () => {
    const res = await run(TOOLS.amtool, ['check-config', writeAlertmanagerConfig(config({ weekdays: ['saturday'] }, { group_interval: '10m', repeat_interval: '1m' }))]);
    expect(`${res.stdout}${res.stderr}`).toContain('SUCCESS');
    expect(res.code).toBe(0);
  });
});
