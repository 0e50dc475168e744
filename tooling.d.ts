// `cdk8s-alerting/tooling` for resolvers that do not read package.json "exports" (TypeScript's
// moduleResolution "node"): the construct API plus the TypeScript-only tooling.
export * from './dist/lib/tooling';
