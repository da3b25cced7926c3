// simulators/ against the simulator suites only (vitest.mutation-simulators.config.ts): minutes per
// file instead of tens of minutes. One file at a time:
//   npx stryker run stryker.simulators.config.mjs --mutate simulators/database/database.ts --concurrency 1
import base from './stryker.config.mjs';

const mutateArgument = process.argv[process.argv.indexOf('--mutate') + 1];
const slug = process.argv.includes('--mutate') && mutateArgument ? mutateArgument.replace(/\/?\*.*$/, '').replace(/[^a-z0-9]+/gi, '-') : 'simulators';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  vitest: { configFile: 'vitest.mutation-simulators.config.ts', related: true },
  mutate: ['simulators/**/*.ts'],
  incrementalFile: `.stryker-cache/fast-${slug}.incremental.json`,
  htmlReporter: { fileName: `.stryker-cache/fast-${slug}.mutation.html` },
  jsonReporter: { fileName: `.stryker-cache/fast-${slug}.mutation.json` },
};
