import { defineConfig } from 'vitest/config';

export default defineConfig({
  // A property run drives a simulated week per case, and a live run waits for real (scaled) days.
  test: { testTimeout: 60_000 },
});
