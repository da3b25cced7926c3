// The fast test set for simulators/ mutants (stryker.simulators.config.mjs): the simulator suites only.
// Why: the report and scenario fixtures build whole worlds when their files load, so with the full set
// (vitest.mutation.config.ts) 78 % of database.ts's mutants are static and each reruns every test — a
// forced run of that one file was estimated at 17–26 min on the shared machine (2026-12-03). A mutant
// these tests kill, the full set kills too: the score is a lower bound of the full set's.
import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/simulators/**/*.test.ts'],
    exclude: [...configDefaults.exclude],
    env: { CI: 'true' },
  },
});
