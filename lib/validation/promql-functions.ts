/**
 * PromQL function signatures, from `promql/parser/functions.go` in prometheus/prometheus
 * (3.x), used to type-check calls the lezer grammar accepts but Prometheus rejects
 * (e.g. `rate(x)` without a range).
 *
 * Not part of the public API of `lib/validation` (not re-exported from its index).
 *
 * @module
 */

/** A PromQL value type (`ValueType` in Prometheus). */
export type PromQLType = 'scalar' | 'vector' | 'matrix' | 'string';

/** How Prometheus names a type in its messages (`DocumentedType`). */
export const DOCUMENTED_TYPE: Readonly<Record<PromQLType, string>> = {
  scalar: 'scalar',
  vector: 'instant vector',
  matrix: 'range vector',
  string: 'string',
};

/** A function's signature, as in Prometheus' `parser.Function`. */
export interface PromQLFunction {
  readonly argTypes: readonly PromQLType[];
  /** 0: exactly `argTypes`; n > 0: up to n extra repeats of the last type, which becomes optional; -1: unlimited. */
  readonly variadic: number;
  readonly returnType: PromQLType;
  /** Only available with `--enable-feature=promql-experimental-functions`. */
  readonly experimental: boolean;
}

function fn(argTypes: PromQLType[], returnType: PromQLType = 'vector', variadic = 0, experimental = false): PromQLFunction {
  return { argTypes, returnType, variadic, experimental };
}

const V: PromQLType = 'vector';
const M: PromQLType = 'matrix';
const S: PromQLType = 'scalar';
const STR: PromQLType = 'string';

/** `parser.Functions`. */
export const PROMQL_FUNCTIONS: Readonly<Record<string, PromQLFunction>> = {
  abs: fn([V]),
  absent: fn([V]),
  absent_over_time: fn([M]),
  acos: fn([V]),
  acosh: fn([V]),
  asin: fn([V]),
  asinh: fn([V]),
  atan: fn([V]),
  atanh: fn([V]),
  avg_over_time: fn([M]),
  ceil: fn([V]),
  changes: fn([M]),
  clamp: fn([V, S, S]),
  clamp_max: fn([V, S]),
  clamp_min: fn([V, S]),
  cos: fn([V]),
  cosh: fn([V]),
  count_over_time: fn([M]),
  days_in_month: fn([V], V, 1),
  day_of_month: fn([V], V, 1),
  day_of_week: fn([V], V, 1),
  day_of_year: fn([V], V, 1),
  deg: fn([V]),
  delta: fn([M]),
  deriv: fn([M]),
  double_exponential_smoothing: fn([M, S, S], V, 0, true),
  end: fn([], S, 0, true),
  exp: fn([V]),
  first_over_time: fn([M], V, 0, true),
  floor: fn([V]),
  histogram_avg: fn([V]),
  histogram_count: fn([V]),
  histogram_fraction: fn([S, S, V]),
  histogram_quantile: fn([S, V]),
  histogram_quantiles: fn([V, STR, S, S], V, 9, true),
  histogram_stddev: fn([V]),
  histogram_stdvar: fn([V]),
  histogram_sum: fn([V]),
  hour: fn([V], V, 1),
  idelta: fn([M]),
  increase: fn([M]),
  info: fn([V, V], V, 1, true),
  integral: fn([M, S], V, 1, true),
  irate: fn([M]),
  label_join: fn([V, STR, STR, STR], V, -1),
  label_replace: fn([V, STR, STR, STR, STR]),
  last_over_time: fn([M]),
  ln: fn([V]),
  log10: fn([V]),
  log2: fn([V]),
  mad_over_time: fn([M], V, 0, true),
  max_over_time: fn([M]),
  min_over_time: fn([M]),
  minute: fn([V], V, 1),
  month: fn([V], V, 1),
  pi: fn([], S),
  predict_linear: fn([M, S]),
  present_over_time: fn([M]),
  quantile_over_time: fn([S, M]),
  rad: fn([V]),
  range: fn([], S, 0, true),
  rate: fn([M]),
  resets: fn([M]),
  round: fn([V, S], V, 1),
  scalar: fn([V], S),
  sgn: fn([V]),
  sin: fn([V]),
  sinh: fn([V]),
  sort: fn([V]),
  sort_by_label: fn([V, STR], V, -1, true),
  sort_by_label_desc: fn([V, STR], V, -1, true),
  sort_desc: fn([V]),
  sqrt: fn([V]),
  start: fn([], S, 0, true),
  stddev_over_time: fn([M]),
  stdvar_over_time: fn([M]),
  step: fn([], S, 0, true),
  sum_over_time: fn([M]),
  tan: fn([V]),
  tanh: fn([V]),
  time: fn([], S),
  timestamp: fn([V]),
  ts_of_first_over_time: fn([M], V, 0, true),
  ts_of_last_over_time: fn([M], V, 0, true),
  ts_of_max_over_time: fn([M], V, 0, true),
  ts_of_min_over_time: fn([M], V, 0, true),
  vector: fn([S]),
  year: fn([V], V, 1),
};

/** Aggregation operators that take a parameter, and the parameter's type. */
export const AGGREGATOR_PARAM: Readonly<Record<string, PromQLType>> = {
  topk: S,
  bottomk: S,
  quantile: S,
  limitk: S,
  limit_ratio: S,
  count_values: STR,
};

/** Aggregation operators that need `--enable-feature=promql-experimental-functions`. */
export const EXPERIMENTAL_AGGREGATORS: ReadonlySet<string> = new Set(['limitk', 'limit_ratio']);
