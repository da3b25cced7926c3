import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The examples import the package by name, as a vendor does; in this repository that is the source.
  resolve: { alias: [{ find: /^kvittering$/, replacement: fileURLToPath(new URL('./harness/index.ts', import.meta.url)) }] },
  test: {
    include: ['test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
