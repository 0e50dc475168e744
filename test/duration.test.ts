import { Duration } from 'cdk8s';
import { formatDuration } from '../lib/_util/duration';

describe('formatDuration: each consumer gets the format it parses', () => {
  test.each([
    ['w', Duration.seconds(90), '1m30s'],
    ['w', Duration.hours(12), '12h'],
    ['w', Duration.days(1), '1d'],
    ['w', Duration.millis(0), '0s'],
    ['h', Duration.days(5), '120h'],
    ['h', Duration.seconds(5401), '1h30m1s'],
    ['h', Duration.minutes(30), '30m'],
    ['h', Duration.millis(0), '0s'],
    ['m', Duration.hours(2), '120m'],
    ['m', Duration.seconds(90), '1m30s'],
  ] as const)('largest unit %s: %p -> %s', (largest, d, expected) => {
    expect(formatDuration(d, largest)).toBe(expected);
  });
});
