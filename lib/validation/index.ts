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
export {
  checkPrometheusTemplate, checkAlertmanagerTemplate, prometheusTemplateFindings, alertmanagerTemplateFindings,
  templateFindingText, closestName,
} from './go-template';
export type { TemplateFinding, TemplateSeverity, PrometheusTemplateOptions, AlertmanagerTemplateOptions } from './go-template';
export { parseGoTemplate, GO_BUILTIN_FUNCTIONS } from './go-template-parse';
export type { GoTemplateParseOptions, GoTemplateTrees, GoTemplateError, GoTemplateNode } from './go-template-parse';
export { PROMETHEUS_TEMPLATE_FUNCTIONS, ALERTMANAGER_TEMPLATE_FUNCTIONS, parseVersion, versionAtLeast } from './go-template-functions';
export { ruleFindings, duplicateRules } from './prometheus-rule';
export type { RuleFinding, RuleFindingKind, RuleValue, RuleCheckOptions, RuleGroupValue, DuplicateRule } from './prometheus-rule';
export { checkTimePeriod, checkTimeRange, checkWeekdayRange, checkMonthRange, checkYearRange, checkDayOfMonthRange, TIME_INTERVAL_PATTERNS } from './time-interval';
export type { TimePeriodValue } from './time-interval';
