import { checkTimePeriod } from '../validation/time-interval';
import { checkArgs, shape as s } from '../_util/shape';

/**
 * A clock-time range within a day, `HH:MM` in 24-hour form.
 */
export interface TimeRange {
  /** Start, inclusive, e.g. `09:00`. */
  readonly startTime: string;
  /** End, exclusive, e.g. `17:00`. */
  readonly endTime: string;
}

/**
 * A range of days of the month; negative numbers count from the end of the month.
 */
export interface DayOfMonthRange {
  /** First day, e.g. 1 or -3. */
  readonly start: number;
  /** Last day, e.g. 7 or -1. */
  readonly end: number;
}

/**
 * One period of a time interval. All given fields must match at once.
 */
export interface TimePeriod {
  /**
   * Weekdays or ranges of them, e.g. `['monday:friday']`.
   * @default - every day of the week
   */
  readonly weekdays?: string[];
  /**
   * Times of day.
   * @default - the whole day
   */
  readonly times?: TimeRange[];
  /**
   * Days of the month.
   * @default - every day of the month
   */
  readonly daysOfMonth?: DayOfMonthRange[];
  /**
   * Months or ranges, e.g. `['january:march']`.
   * @default - every month
   */
  readonly months?: string[];
  /**
   * Years or ranges, e.g. `['2026:2027']`.
   * @default - every year
   */
  readonly years?: string[];
}

const strings = (example: string) => s.optional(s.list(s.string(), { fix: `pass a list of strings, e.g. ${example}` }));
const TIME_PERIODS = s.list(s.struct('TimePeriod', {
  weekdays: strings(`['monday:friday']`),
  times: s.optional(s.list(s.struct('TimeRange', { startTime: s.string({ fix: `use 'HH:MM', e.g. '09:00'` }), endTime: s.string({ fix: `use 'HH:MM', e.g. '17:00'` }) }))),
  daysOfMonth: s.optional(s.list(s.struct('DayOfMonthRange', { start: s.number({ integer: true }), end: s.number({ integer: true }) }))),
  months: strings(`['january:march']`),
  years: strings(`['2026:2027']`),
}), { fix: `pass a list of periods, e.g. [{ weekdays: ['monday:friday'] }]` });

/**
 * A time interval in the AlertmanagerConfig (v1alpha1) `muteTimeIntervals` form, as
 * {@link TimeInterval.toJson} returns it.
 */
export interface TimeIntervalJson {
  /** The interval's name, which routes refer to. */
  readonly name: string;
  /** The periods; the interval is active when any of them is. */
  readonly timeIntervals: TimePeriod[];
}

/**
 * A named set of time periods, used by routes to mute notifications (`muteTimeIntervals`)
 * or to send them only within it (`activeTimeIntervals`).
 *
 * Weekdays are lower-case English names or ranges joined by `:` (`monday:friday`), times are
 * `HH:MM` in 24-hour form (`09:00`, not `9:00`), and ranges run forwards: what the
 * AlertmanagerConfig CRD and prometheus-operator accept. The AlertmanagerRouting that uses the
 * interval reports any other value with its construct path.
 */
export class TimeInterval {
  /**
   * @param name the interval's name inside its AlertmanagerConfig.
   * @param periods the periods; the interval is active when any of them matches.
   */
  constructor(public readonly name: string, public readonly periods: TimePeriod[]) {
    checkArgs('TimeInterval', { name: [name, s.string({ nonEmpty: true, fix: `name the interval, e.g. 'business-hours'` })], periods: [periods, TIME_PERIODS] });
  }

  /** Office hours, Monday to Friday, 09:00 to 17:00. */
  public static businessHours(name = 'business-hours'): TimeInterval {
    return new TimeInterval(name, [{ weekdays: ['monday:friday'], times: [{ startTime: '09:00', endTime: '17:00' }] }]);
  }

  /** Saturday and Sunday. */
  public static weekends(name = 'weekends'): TimeInterval {
    return new TimeInterval(name, [{ weekdays: ['saturday', 'sunday'] }]);
  }

  /** The v1alpha1 `muteTimeIntervals` entry. */
  public toJson(): TimeIntervalJson {
    // plain copies of the known fields: cdk8s cannot render objects without a prototype
    return {
      name: this.name,
      timeIntervals: this.periods.map((p) => stripUndefined({
        weekdays: p.weekdays, months: p.months, years: p.years,
        times: p.times?.map((t) => ({ startTime: t.startTime, endTime: t.endTime })),
        daysOfMonth: p.daysOfMonth?.map((d) => ({ start: d.start, end: d.end })),
      })),
    };
  }
}

/**
 * The problems of an interval's periods, with the checks `time-interval-invalid` runs on YAML
 * (lib/validation/time-interval.ts), each naming `field`.
 * @internal
 */
export function timeIntervalProblems(interval: TimeInterval, field: string): string[] {
  return (interval.periods ?? []).flatMap((p, i) => checkTimePeriod(`${field}.periods[${i}]`, p ?? {}));
}

function stripUndefined(period: TimePeriod): TimePeriod {
  return Object.fromEntries(Object.entries(period).filter(([, v]) => v !== undefined));
}
