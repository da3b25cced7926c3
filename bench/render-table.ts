// Pure renderer of the benchmark results: a fixed-width table a person reads in a terminal and can
// paste into the README as it is.

import { targetMet, type BenchResults, type MetricRow } from './bench-results.js';

function formatNumber(value: number | null): string {
  if (value === null) return '—';
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(1)} k`;
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function targetText(row: MetricRow): string {
  if (row.target === undefined) return '';
  return `${row.target.op === '>=' ? '≥' : '≤'} ${formatNumber(row.target.value)}`;
}

function metText(row: MetricRow): string {
  const met = targetMet(row);
  return met === undefined ? (row.target === undefined ? '' : 'n/a') : met ? 'yes' : 'NO';
}

function renderTable(results: BenchResults): string {
  const m = results.machine;
  const header = ['section', 'metric', 'median', 'min–max', 'runs', 'CPU s', 'commit', 'target', 'met'];
  const body = results.rows.map((row) => [
    row.section,
    `${row.metric} (${row.unit})`,
    formatNumber(row.median),
    row.min === null ? '—' : `${formatNumber(row.min)}–${formatNumber(row.max)}`,
    String(row.runs),
    row.cpuS === undefined || row.cpuS === null ? '—' : formatNumber(row.cpuS),
    row.commit ?? row.carriedFrom?.commit ?? results.commit,
    targetText(row),
    metText(row),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  const notes = results.rows.filter((r) => r.note !== undefined).map((r) => `- ${r.section} / ${r.metric}: ${r.note as string}`);
  const carried = [...new Set(results.rows.filter((r) => r.carriedFrom !== undefined).map((r) => `${r.section} (commit ${r.carriedFrom?.commit ?? ''}, ${r.carriedFrom?.generatedAt ?? ''})`))];
  if (carried.length > 0) notes.push(`- carried over from an earlier run, not measured this time: ${carried.join('; ')}`);
  return [
    `kvittering bench — ${results.generatedAt}, commit ${results.commit}`,
    `machine: ${m.nproc} × ${m.cpuModel}, ${m.totalMemoryGiB} GiB, Node ${m.node} (${m.platform})`,
    `load average at start ${results.loadAverage.start.join(' ')}, at end ${results.loadAverage.end.join(' ')}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    ...(notes.length > 0 ? ['', ...notes] : []),
    '',
  ].join('\n');
}

export { renderTable, formatNumber };
