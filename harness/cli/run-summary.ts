// What `run` prints when it is done: one row per scenario, then every reference comparison with its
// assumptions. Pure text from the reports; the elapsed time is the only wall-clock figure.

import type { RunReport } from '../../reports/run-report.js';
import { calibrationLines } from '../../reports/calibration-text.js';
import { messagesFor } from '../../reports/i18n.js';
import type { Calibration } from '../scenario/calibration.js';
import type { GroupLoss } from '../scenario/compare-reference.js';
import { verdictKey } from '../oracle/checks.js';
import { formatTable } from './format-table.js';

interface ScenarioOutcome {
  report: RunReport;
  /** The run's own seed against the scenario's source figures (a one-seed calibration). */
  comparison?: Calibration;
  byGroup?: GroupLoss[];
  wallMs: number;
}

function outcomeWord(report: RunReport): string {
  if (!report.horizon.complete) return 'INCOMPLETE';
  return report.verdict.asExpected ? 'yes' : 'NO';
}

function formatRunTable(outcomes: readonly ScenarioOutcome[]): string {
  return formatTable(
    ['scenario', 'expected', 'verdict', 'as expected', 'reports', 'stored', 'fallback', 'recovered', 'lost', 'time'],
    outcomes.map(({ report, wallMs }) => {
      const c = report.verdict.counts;
      return [report.meta.id, report.verdict.expected, verdictKey(report.verdict.valid), outcomeWord(report), report.verdict.total, c.stored, c.fallback,
        c.recovered, c['lost-silent'] + c['lost-detected-late'], `${(wallMs / 1000).toFixed(1)} s`];
    }),
  );
}

/** A comparison (one seed or many) for the terminal, with where the losses fell when there are groups. */
function formatComparison(id: string, calibration: Calibration, byGroup: readonly GroupLoss[] = []): string {
  return [
    `${id} compared with ${calibration.source}`,
    '',
    ...calibrationLines(calibration, messagesFor('en')),
    '',
    ...(byGroup.length > 1
      ? ['Where the simulated losses fell (first seed):', '', formatTable(['group', 'receivers', 'affected', 'lost'], byGroup.map((g) => [g.group, g.members, g.affected, g.lost])).trimEnd(), '']
      : []),
  ].join('\n');
}

export { formatRunTable, formatComparison };
export type { ScenarioOutcome };
