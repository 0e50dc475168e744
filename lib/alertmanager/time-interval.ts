import { checkTimePeriod } from '../validation/time-interval';

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
  constructor(public readonly name: string, public readonly periods: TimePeriod[]) {}

  /** Office hours, Monday to Friday, 09:00 to 17:00. */
  public static businessHours(name = 'business-hours'): TimeInterval {
    return new TimeInterval(name, [{ weekdays: ['monday:friday'], times: [{ startTime: '09:00', endTime: '17:00' }] }]);
  }

  /** Saturday and Sunday. */
  public static weekends(name = 'weekends'): TimeInterval {
    return new TimeInterval(name, [{ weekdays: ['saturday', 'sunday'] }]);
  }

  /** The v1alpha1 `muteTimeIntervals` entry. */
  public toJson(): { name: string; timeIntervals: TimePeriod[] } {
    return { name: this.name, timeIntervals: this.periods };
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
