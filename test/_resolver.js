// The @kubernetes-models validators publish ES modules under the "import" condition only.
// Jest resolves with the CommonJS conditions, so give those packages the "import" condition;
// @swc/jest then transpiles them (see transformIgnorePatterns in jest.config.js).
const ESM_ONLY = /^(@kubernetes-models\/|kubernetes-models(\/|$))/;

module.exports = (request, options) =>
  options.defaultResolver(request, ESM_ONLY.test(request) ? { ...options, conditions: ['import', 'default'] } : options);
