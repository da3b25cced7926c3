// The sweep as a table: for the console and as Markdown beside the heatmap.

import { formatDuration } from '../runtime/time.js';
import type { SweepCell, SweepTable } from '../scenario/sweep-grid.js';
import { formatTable } from './format-table.js';
import { localized } from '../scenario/localized.js';

const header = ['ack policy', 'reconcile', 'retention', 'reports', 'lost', 'loss rate', 'recovered', 'fallback', 'detected', 'median detection', 'verdict'];

function cellRow(c: SweepCell): (string | number)[] {
  return [c.ackPolicy ?? '(file)', c.reconciliationInterval ?? '(file)', c.retention ?? '(file)', c.total, c.lost, `${c.lossRatePct.toFixed(2)} %`,
    c.recovered, c.fallback, c.detected, c.detectionMedianMs === undefined ? '—' : formatDuration(c.detectionMedianMs), c.verdict];
}

function formatSweepTable(table: SweepTable): string {
  return formatTable(header, table.cells.map(cellRow));
}

function sweepMarkdown(table: SweepTable, svgFile: string): string {
  return [
    `# ${localized(table.title, 'en')}: sweep (seed ${table.seed})`,
    '',
    `![heatmap](${svgFile})`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...table.cells.map((c) => `| ${cellRow(c).join(' | ')} |`),
    '',
  ].join('\n');
}

export { formatSweepTable, sweepMarkdown };
