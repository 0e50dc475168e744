export * from './suppressions';
export { readSuppressionConfig, suppressionRulesOf } from './config-file';
