import { problem } from './problem';

/**
 * Prometheus label names and metric names, in the classic (legacy) character set that every
 * Prometheus, Alertmanager and exporter accepts. Prometheus 3 can also accept UTF-8 names,
 * but they need quoting in PromQL and are not portable, so these checks keep to the classic set.
 *
 * @module
 */

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Options for {@link checkLabelName}. */
export interface LabelNameCheckOptions {
  /**
   * Accept names starting with `__` (reserved for Prometheus' internal use, e.g. `__name__`).
   * Leave `false` for alerting and recording rule labels, where they are an error.
   * @default false
   */
  readonly allowReserved?: boolean;
}

/** Replaces every character outside `allowed` with `_` and prefixes `_` if `first` fails. */
function sanitize(name: string, allowed: RegExp, first: RegExp): string {
  let out = '';
  for (const ch of name) { out += allowed.test(ch) ? ch : '_'; }
  return out !== '' && !first.test(out[0]) ? `_${out}` : out;
}

/**
 * Checks a Prometheus label name: `^[a-zA-Z_][a-zA-Z0-9_]*$`, and (unless
 * `options.allowReserved`) not starting with `__`, which Prometheus reserves.
 *
 * @param field the field name to put in the message, e.g. `labels` or `groupBy[0]`
 * @param name the label name
 * @param options see {@link LabelNameCheckOptions}
 * @returns one message per problem; empty when `name` is valid
 */
export function checkLabelName(field: string, name: string, options: LabelNameCheckOptions = {}): string[] {
  if (name === '') {
    return [problem(field, name, 'label name must not be empty', 'give a name such as "severity"')];
  }
  if (!LABEL_NAME.test(name)) {
    const fixed = sanitize(name, /[a-zA-Z0-9_]/, /[a-zA-Z_]/);
    const reserved = !options.allowReserved && fixed.startsWith('__');
    return [problem(field, name,
      'is not a valid Prometheus label name: it must match ^[a-zA-Z_][a-zA-Z0-9_]*$ '
      + '(letters, digits and underscores, not starting with a digit)',
      reserved ? 'use only letters, digits and underscores, and do not start with "__"'
        : `use "${fixed}" instead`)];
  }
  if (!options.allowReserved && name.startsWith('__')) {
    const fixed = name.replace(/^_+/, '');
    return [problem(field, name,
      'label names starting with "__" are reserved for Prometheus\' internal use',
      LABEL_NAME.test(fixed) ? `rename it, e.g. to "${fixed}"` : 'rename it so that it does not start with "__"')];
  }
  return [];
}

/**
 * Checks a Prometheus metric name, e.g. a recording rule's `record`:
 * `^[a-zA-Z_:][a-zA-Z0-9_:]*$` (colons are allowed and by convention separate
 * `level:metric:operations`).
 *
 * @param field the field name to put in the message, e.g. `record`
 * @param name the metric name
 * @returns one message per problem; empty when `name` is valid
 */
export function checkMetricName(field: string, name: string): string[] {
  if (name === '') {
    return [problem(field, name, 'metric name must not be empty',
      'give a name such as "job:http_requests:rate5m" (level:metric:operations)')];
  }
  if (!METRIC_NAME.test(name)) {
    return [problem(field, name,
      'is not a valid Prometheus metric name: it must match ^[a-zA-Z_:][a-zA-Z0-9_:]*$ '
      + '(letters, digits, underscores and colons, not starting with a digit)',
      `use "${sanitize(name, /[a-zA-Z0-9_:]/, /[a-zA-Z_:]/)}" instead`)];
  }
  return [];
}
