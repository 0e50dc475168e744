/**
 * Jest only transpiles, with swc (@swc/jest): type errors are caught by
 * `tsc -p tsconfig.dev.json` (run by `npm test` before jest).
 *
 * The swc options mirror tsconfig.json: ES2022, CommonJS, class fields with [[Define]]
 * semantics (as tsc emits them for ES2022). `swcrc: false`: no .swcrc is read.
 */
const swc = (syntax, importInterop = 'none') => ['@swc/jest', {
  swcrc: false,
  sourceMaps: 'inline',
  // importInterop none: `import * as fs` is fs itself, as with tsc's live bindings, so jest.spyOn on a module reaches the library
  module: { type: 'commonjs', importInterop },
  jsc: {
    target: 'es2022',
    parser: { syntax },
    transform: { useDefineForClassFields: true },
    keepClassNames: true,
  },
}];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': swc('typescript'),
    // the @kubernetes-models validators ship ES modules only
    // with swc's interop: their default imports of CommonJS packages (ajv-i18n's localizers) need it
    '^.+\\.m?js$': swc('ecmascript', 'swc'),
  },
  transformIgnorePatterns: ['/node_modules/(?!(@kubernetes-models|kubernetes-models|is-cidr|cidr-regex)/)'],
  resolver: '<rootDir>/test/_resolver.js',
  // 2 cores: one worker per core (jest's default is cores - 1, i.e. a single worker here).
  maxWorkers: 2,
  testTimeout: 30000,
};
