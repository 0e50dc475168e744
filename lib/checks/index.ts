export * from './finding';
export type { Check, CheckContext, CheckOptions, Issue, SuppressionRule } from './check';
export { SUPPRESS_ANNOTATION_PREFIX } from './suppressions';
export { runChecks, checkById } from './engine';
export { CHECKS } from './rules';
export { ALLOW_PLAINTEXT_SECRETS_CONTEXT } from './rules/secret-plaintext';
export { STRICT_CONTEXT, findingsOf, isStrict, wiringFindings } from './app-checks';
