// The fast mutation loop: each mutated file against its own tests (mutation-test-sets.mjs) instead of the
// full set — minutes per file instead of hours. One file at a time:
//   npx stryker run stryker.fast.config.mjs --mutate simulators/database/database.ts --concurrency 1
// KVITTERING_MUTATION_TESTS (comma-separated globs) names another set.
import base, { mutateArgument, mutateSlug } from './stryker.config.mjs';
import { testSetFor } from './mutation-test-sets.mjs';

const slug = mutateSlug('simulators');
// Set here, in Stryker's own process, so the test-runner processes it starts inherit it.
if (mutateArgument && !process.env.KVITTERING_MUTATION_TESTS) {
  process.env.KVITTERING_MUTATION_TESTS = testSetFor(mutateArgument.split(',')).join(',');
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  vitest: { configFile: 'vitest.mutation-fast.config.ts', related: true },
  mutate: ['simulators/**/*.ts'],
  incrementalFile: `.stryker-cache/fast-${slug}.incremental.json`,
  htmlReporter: { fileName: `.stryker-cache/fast-${slug}.mutation.html` },
  jsonReporter: { fileName: `.stryker-cache/fast-${slug}.mutation.json` },
};
