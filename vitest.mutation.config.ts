// The test set StrykerJS runs against each mutant (stryker.config.mjs): the deterministic simulated
// suites that judge the mutated folders. Real-service, CLI-process and browser tests are left out —
// they need PostgreSQL/RabbitMQ or spawn processes, and a mutant run repeats them thousands of times.
import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// Not mergeConfig: it concatenates arrays, so `include` would keep the base's `test/**/*.test.ts` and
// every mutant would rerun the whole suite (it did until 2026-12-03: 100 files, live and CLI ones too).
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'test/oracle/**/*.test.ts',
      'test/faults/**/*.test.ts',
      'test/reports/**/*.test.ts',
      'test/simulators/**/*.test.ts',
      'test/simulation/**/*.test.ts',
      'test/scenario/**/*.test.ts',
    ],
    // The property suite and the scenario fingerprints run thousands of whole worlds: under Stryker's
    // per-test instrumentation one dry run of them took minutes, and every mutant would repeat it.
    exclude: [...configDefaults.exclude, 'test/reports/browser.test.ts', 'test/scenario/report-fingerprints.test.ts'],
    // Any property helper reached from these tests starts from CI's fixed seed.
    env: { CI: 'true' },
  },
});
