// The fast mutation loop for harness/oracle (stryker.oracle.config.mjs): only the suites that judge
// hand-made ledgers and known incidents. The full mutation set (vitest.mutation.config.ts) also runs
// the report and scenario suites, whose fixtures judge whole worlds when their file loads — outside any
// test, so Stryker calls 82 % of the oracle's mutants "static" and reruns all 214 tests for each (about
// 2 h for the folder on this machine). A mutant these tests kill, the full set kills too: the score
// measured here is a lower bound of the full set's.
import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/oracle/**/*.test.ts', 'test/simulation/**/*.test.ts'],
    exclude: [...configDefaults.exclude],
    env: { CI: 'true' },
  },
});
