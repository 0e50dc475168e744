/** Type errors are caught by `tsc -p tsconfig.dev.json` (run by `npm test`); jest only transpiles. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }],
    // the @kubernetes-models validators ship ES modules only
    '^.+\\.m?js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@kubernetes-models|kubernetes-models|is-cidr|cidr-regex)/)'],
  resolver: '<rootDir>/test/_resolver.js',
  testTimeout: 30000,
};
