// Which tests StrykerJS runs against each file's mutants in the fast loop (stryker.fast.config.mjs): the
// tests that pin that file's behaviour and build no whole world when they load. Why: the full set
// (vitest.mutation.config.ts) loads report and scenario fixtures that simulate whole worlds at import, so
// most mutants there are "static" and each reruns every test — hours per file on a 2-core machine. A
// mutant a fast set kills, the full set kills too, so a fast-set score is a lower bound of the full set's.
// docs/testing.md's fast-set scores were measured with exactly these sets. First match wins; a file not
// listed here runs against test/simulators. KVITTERING_MUTATION_TESTS (comma-separated globs) overrides the table.

const sim = 'test/simulators/**/*.test.ts';
const fiksIo = ['amqp-auth-decisions', 'integration-tokens', 'fiks-io-send-body', 'http-push-endpoint'].map((t) => `test/fiks-io/${t}.test.ts`);
const reportsCharts = ['run-report*', 'timeline*', 'chart-edges', 'calibration-text', 'sweep-heatmap'].map((t) => `test/reports/${t}.test.ts`);
const reportsHtml = ['renderers', 'escaping', 'render-html-*', 'escape-characters'].map((t) => `test/reports/${t}.test.ts`);
const reportsSmall = ['svg-helpers', 'palette', 'render-json-keys', 'report-formats', 'renderers'].map((t) => `test/reports/${t}.test.ts`);

/** [file prefix, test globs]: a file whose path starts with the prefix runs against those tests. */
const mutationTestSets = [
  ['simulators/portal/http/amqp-auth-handlers.ts', fiksIo],
  ['simulators/portal/http/integration-tokens.ts', fiksIo],
  ['simulators/portal/http/fiks-io-send.ts', fiksIo],
  ['simulators/portal/http/http-push-endpoint.ts', fiksIo],
  ['simulators/portal/http/portal-handlers.ts', [...['portal-handlers', 'portal-direct-routes', 'openapi', 'portal-route-answers'].map((t) => `test/live/${t}.test.ts`), sim]],
  ['simulators/portal/http/portal-service.ts', ['test/live/portal-service-*.test.ts', ...['portal-route-answers', 'portal-handlers', 'portal-direct-routes'].map((t) => `test/live/${t}.test.ts`)]],
  ['simulators/portal/http/', ['test/simulators/portal-http/**/*.test.ts']],
  ['simulators/case-system/http/', ['case-system-handlers', 'case-system-service', 'http-portal-client', 'http-portal-client-token-race'].map((t) => `test/live/${t}.test.ts`)],
  ['simulators/', [sim]],
  ['reports/run-report.ts', ['test/reports/run-report*.test.ts', 'test/reports/timeline*.test.ts']],
  ['reports/timeline.ts', reportsCharts],
  ['reports/calibration-text.ts', reportsCharts],
  ['reports/sweep-heatmap.ts', reportsCharts],
  ['reports/charts/', reportsCharts],
  ['reports/render-html.ts', reportsHtml],
  ['reports/escape.ts', reportsHtml],
  ['reports/i18n.ts', ['i18n-wording', 'i18n-numbers', 'nb-trace-phrases'].map((t) => `test/reports/${t}.test.ts`)],
  ['reports/svg.ts', reportsSmall],
  ['reports/palette.ts', reportsSmall],
  ['reports/render-json.ts', reportsSmall],
  ['reports/renderers.ts', reportsSmall],
  ['reports/render-options.ts', reportsSmall],
  ['reports/report-text.ts', ['test/reports/report-text*.test.ts']],
  ['reports/render-junit.ts', ['test/reports/render-junit-body.test.ts', 'test/reports/renderers.test.ts']],
  ['reports/render-markdown.ts', ['test/reports/render-markdown-branches.test.ts', 'test/reports/renderers.test.ts']],
  ['reports/', ['test/reports/**/*.test.ts']],
];

/** The test globs for the files being mutated (the union when they map to different sets). */
function testSetFor(files) {
  const globs = new Set();
  for (const file of files) {
    const entry = mutationTestSets.find(([prefix]) => file.startsWith(prefix));
    for (const glob of entry === undefined ? [sim] : entry[1]) globs.add(glob);
  }
  return [...globs];
}

export { mutationTestSets, testSetFor };
