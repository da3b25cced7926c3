// The fast test set for simulators/ mutants (stryker.simulators.config.mjs): the simulator suites only.
// Why: the report and scenario fixtures build whole worlds when their files load, so with the full set
// (vitest.mutation.config.ts) 78 % of database.ts's mutants are static and each reruns every test — a
// forced run of that one file was estimated at 17–26 min on the shared machine (2026-12-03). A mutant
// these tests kill, the full set kills too: the score is a lower bound of the full set's.
// KVITTERING_MUTATION_TESTS (comma-separated globs) names another fast set, for a file whose own tests
// live elsewhere (the HTTP services' in test/live); docs/testing.md records the set each score used.
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
