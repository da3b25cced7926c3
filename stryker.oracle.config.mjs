// harness/oracle against its own fast test set (vitest.mutation-oracle.config.ts): a complete run
// takes minutes, not hours, so every surviving mutant can be looked at. npm run test:mutation:oracle
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  vitest: { ...base.vitest, configFile: 'vitest.mutation-oracle.config.ts' },
  mutate: ['harness/oracle/**/*.ts'],
  incrementalFile: '.stryker-cache/oracle-fast.incremental.json',
  htmlReporter: { fileName: '.stryker-cache/oracle-fast.mutation.html' },
  jsonReporter: { fileName: '.stryker-cache/oracle-fast.mutation.json' },
};
