// The test set of the fast mutation loop (stryker.fast.config.mjs): the globs in KVITTERING_MUTATION_TESTS,
// which that config fills from mutation-test-sets.mjs for the files being mutated; test/simulators when
// none are given. Why not the full set: see mutation-test-sets.mjs.
import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.js';

const include = process.env.KVITTERING_MUTATION_TESTS?.split(',').map((glob) => glob.trim()).filter(Boolean) ?? [];

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: include.length > 0 ? include : ['test/simulators/**/*.test.ts'],
    exclude: [...configDefaults.exclude],
    env: { CI: 'true' },
  },
});
