// `cdk8s-alerting/tooling`: the construct API plus the TypeScript-only tooling behind the
// checks, the CLI and the validation plugin. These modules use TypeScript types that jsii
// cannot represent (unions, index signatures, functions), so they are not part of the
// jsii assembly; TypeScript and JavaScript users import them from here.
export * from './index';

export * from './model';
export * from './checks';
export * from './app/inspect';
export * from './simulate';
export * from './plugin/validation-plugin';
export * from './output';
export { readSuppressionConfig, suppressionRulesOf } from './suppressions';
