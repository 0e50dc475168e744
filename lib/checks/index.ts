export * from './finding';
export type { Check, CheckContext, CheckOptions, Issue } from './check';
export { runChecks, checkById } from './engine';
export { CHECKS } from './rules';
export { ALLOW_PLAINTEXT_SECRETS_CONTEXT } from './rules/secret-plaintext';
export { STRICT_CONTEXT, findingsOf, isStrict, wiringFindings } from './app-checks';
