import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The examples import the package by name, as a vendor does; in this repository that is the source.
  resolve: { alias: [{ find: /^kvittering$/, replacement: fileURLToPath(new URL('./harness/index.ts', import.meta.url)) }] },
  test: {
    include: ['test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    // Worker threads rather than forked processes: a test file starts about twice as fast (172 files).
    pool: 'threads',
    // At least two files at a time (vitest's default, cores − 1, is one on a 2-core CI runner): most of
    // the suite's wall time is live runs waiting on real timers, using under half a core.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
