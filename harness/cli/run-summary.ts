// What `run` prints when it is done: one row per scenario, then every reference comparison with its
// assumptions. Pure text from the reports; the elapsed time is the only wall-clock figure.

import type { RunReport } from '../../reports/run-report.js';
import type { ReferenceComparison } from '../scenario/compare-reference.js';
import { formatTable } from './format-table.js';

interface ScenarioOutcome {
  report: RunReport;
  comparison?: ReferenceComparison;
  wallMs: number;
}

const verdictWord = (valid: true | false | 'unknown') => (valid === true ? 'pass' : valid === false ? 'fail' : 'unknown');

function outcomeWord(report: RunReport): string {
  if (!report.horizon.complete) return 'INCOMPLETE';
  return report.verdict.asExpected ? 'yes' : 'NO';
}

function formatRunTable(outcomes: readonly ScenarioOutcome[]): string {
  return formatTable(
    ['scenario', 'expected', 'verdict', 'as expected', 'reports', 'stored', 'fallback', 'recovered', 'lost', 'time'],
    outcomes.map(({ report, wallMs }) => {
      const c = report.verdict.counts;
      return [report.meta.id, report.verdict.expected, verdictWord(report.verdict.valid), outcomeWord(report), report.verdict.total, c.stored, c.fallback,
        c.recovered, c['lost-silent'] + c['lost-detected-late'], `${(wallMs / 1000).toFixed(1)} s`];
    }),
  );
}

function formatComparison(id: string, comparison: ReferenceComparison): string {
  const rows = comparison.rows.map((r) => [r.figure, r.real === undefined ? '—' : String(r.real), r.simulated] as const);
  return [
    `${id} compared with ${comparison.source}`,
    '',
    formatTable(['figure', 'real', 'simulated'], rows.map(([figure, real, simulated]) => [figure, real, simulated])).trimEnd(),
    '',
    ...(comparison.byGroup.length > 1
      ? ['Where the simulated losses fell:', '', formatTable(['group', 'receivers', 'affected', 'lost'], comparison.byGroup.map((g) => [g.group, g.members, g.affected, g.lost])).trimEnd(), '']
      : []),
    'Calibration assumptions (the simulated figures follow from these, not from the real ones):',
    ...comparison.assumptions.map((a) => `  - ${a}`),
    '',
  ].join('\n');
}

/** The same comparison as Markdown, written beside the reports. */
function comparisonMarkdown(id: string, comparison: ReferenceComparison): string {
  return [
    `# ${id}: simulated vs. real`,
    '',
    `Real figures: ${comparison.source}.`,
    '',
    '| figure | real | simulated |',
    '| --- | ---: | ---: |',
    ...comparison.rows.map((r) => `| ${r.figure} | ${r.real ?? '—'} | ${r.simulated} |`),
    '',
    ...(comparison.byGroup.length > 1
      ? ['## Where the simulated losses fell', '', '| group | receivers | affected | lost |', '| --- | ---: | ---: | ---: |',
        ...comparison.byGroup.map((g) => `| ${g.group} | ${g.members} | ${g.affected} | ${g.lost} |`), '']
      : []),
    '## Calibration assumptions',
    '',
    ...comparison.assumptions.map((a) => `- ${a}`),
    '',
  ].join('\n');
}

export { formatRunTable, formatComparison, comparisonMarkdown };
export type { ScenarioOutcome };
