// Mutation testing (npm run test:mutation): StrykerJS changes the judged code one small edit at a
// time and reruns the tests that cover it; a mutant no test notices is a place a broken judge passes.
// One folder at a time: npm run test:mutation -- --mutate 'harness/oracle/**/*.ts'
// A per-folder run keeps its own incremental file and reports (named after the --mutate pattern), so
// running one folder does not throw away what another folder's run recorded.
/** The --mutate argument of this run, if any. */
export const mutateArgument = process.argv.includes('--mutate') ? process.argv[process.argv.indexOf('--mutate') + 1] : undefined;
/** A file-name-safe name for this run's pattern, so each pattern keeps its own incremental file and reports. */
export const mutateSlug = (fallback) => (mutateArgument ? mutateArgument.replace(/\/?\*.*$/, '').replace(/[^a-z0-9]+/gi, '-') : fallback);
const slug = mutateSlug('all');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  // Per-test coverage: each mutant runs only the tests that executed its line.
  coverageAnalysis: 'perTest',
  mutate: ['harness/oracle/**/*.ts', 'harness/faults/**/*.ts', 'simulators/**/*.ts', 'reports/**/*.ts'],
  // The incremental file lives in a cache directory, not in git (see docs/testing.md, "Mutation testing").
  incremental: true,
  incrementalFile: `.stryker-cache/${slug}.incremental.json`,
  // Two shared cores: one worker per core at most. Override with --concurrency.
  concurrency: 2,
  timeoutMS: 20_000,
  // The dry run (every selected test once, instrumented) took over Stryker's default 5 min on this loaded
  // 2-core machine and aborted the whole run ("Initial test run timed out!", 2026-12-02); 3 min 12 s when quieter.
  dryRunTimeoutMinutes: 20,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `.stryker-cache/${slug}.mutation.html` },
  jsonReporter: { fileName: `.stryker-cache/${slug}.mutation.json` },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
