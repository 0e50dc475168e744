/**
 * Pure value checks shared by all constructs. Each `check*` function returns one message per
 * problem (`string[]`, empty when the value is valid) instead of throwing, so a construct can
 * report every problem at once. Each message names the field, shows the offending value and
 * says how to fix it: `<field>: <what is wrong> (got <value>). Fix: <how>`.
 *
 * @module
 */

export { problem, showValue, positionOf, describePosition } from './problem';
export type { TextPosition } from './problem';
export { checkPromQL } from './promql';
export type { PromQLCheckOptions, PromQLFeature } from './promql';
export { parsePrometheusDuration, checkPrometheusDuration, formatPrometheusDuration } from './prometheus-duration';
export { checkFluxTimeout, parseFluxTimeout, formatFluxDuration } from './flux-duration';
export { checkLabelName, checkMetricName } from './prometheus-names';
export type { LabelNameCheckOptions } from './prometheus-names';
export { checkMatcherRegex, checkGoRegex, goRegexMatchesEverything, matchesAlertmanagerRegex } from './regex';
export { checkDns1123Subdomain, checkDns1123Label, checkLabelKey, checkLabelValue } from './kubernetes-names';
export { checkTemplateDelimiters } from './template-delimiters';
