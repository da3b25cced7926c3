// `npm run bench:docs`: the README's performance table and the table in docs/benchmarks.md, regenerated
// from bench/results.json between their markers, so the numbers people read are the ones measured.
// `renderTargets` / `renderAllRows` are pure; test/bench/bench-docs.test.ts checks the checked-in
// documents match the checked-in results.

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { KvitteringError } from '../harness/errors.js';
import { targetMet, type BenchResults, type MetricRow } from './bench-results.js';
import { formatNumber } from './render-table.js';

const cell = (row: MetricRow) => (row.median === null ? `not measured${row.note === undefined ? '' : ` (${row.note})`}` : `${formatNumber(row.median)} ${row.unit}${row.runs > 1 && row.min !== null ? ` (${formatNumber(row.min)}–${formatNumber(row.max)})` : ''}`);
const cpu = (row: MetricRow) => (row.cpuS === undefined || row.cpuS === null ? '—' : formatNumber(row.cpuS));
/**
 * The row's commit; a row measured at another commit than the run the document is generated from
 * (carried over with --keep) is marked in bold, and one measured with uncommitted changes says so.
 */
function commitOf(row: MetricRow, results: BenchResults): string {
  const commit = row.commit ?? row.carriedFrom?.commit ?? results.commit;
  const dirty = row.dirty === true ? ' (dirty tree)' : '';
  return commit === results.commit ? `${commit}${dirty}` : `**${commit} (older run)**${dirty}`;
}
const target = (row: MetricRow) => (row.target === undefined ? '' : `${row.target.op === '>=' ? '≥' : '≤'} ${formatNumber(row.target.value)}`);
const met = (row: MetricRow) => {
  const m = targetMet(row);
  return m === undefined ? (row.target === undefined ? '' : 'n/a') : m ? 'yes' : '**no**';
};

function renderTargets(results: BenchResults): string {
  const lines = ['| section | metric | median (min–max) | CPU s | commit | target | met |', '| --- | --- | --- | ---: | --- | --- | --- |'];
  for (const row of results.rows.filter((r) => r.target !== undefined)) {
    lines.push(`| ${row.section} | ${row.metric} | ${cell(row)} | ${cpu(row)} | ${commitOf(row, results)} | ${target(row)} | ${met(row)} |`);
  }
  return lines.join('\n');
}

function renderAllRows(results: BenchResults): string {
  const m = results.machine;
  const lines = [
    `Generated from bench/results.json (${results.generatedAt}, commit ${results.commit}${results.dirty === true ? ', dirty tree' : ''}; a bold commit is a row carried over from an older run): ${m.nproc} × ${m.cpuModel}, ${m.totalMemoryGiB} GiB, Node ${m.node}, ${m.platform}; load average ${results.loadAverage.start.join(' ')} at the start, ${results.loadAverage.end.join(' ')} at the end.`,
    '',
    '| section | metric | median | min–max | runs | CPU s | commit | target | met |',
    '| --- | --- | ---: | --- | ---: | ---: | --- | --- | --- |',
  ];
  for (const row of results.rows) {
    const range = row.min === null ? '—' : `${formatNumber(row.min)}–${formatNumber(row.max)}`;
    lines.push(`| ${row.section} | ${row.metric} (${row.unit}) | ${formatNumber(row.median)} | ${range} | ${row.runs} | ${cpu(row)} | ${commitOf(row, results)} | ${target(row)} | ${met(row)} |`);
  }
  const notes = results.rows.filter((r) => r.note !== undefined).map((r) => `- ${r.section} / ${r.metric}: ${r.note as string}`);
  return [...lines, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}

/** `text` with the part between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` replaced. */
function replaceBetween(text: string, name: string, body: string, file: string): string {
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const from = text.indexOf(open);
  const to = text.indexOf(close);
  if (from < 0 || to < from) throw new KvitteringError('E_BENCH_DOCS', `${file} has no ${open} … ${close} markers — expected both, in that order`);
  return `${text.slice(0, from + open.length)}\n${body}\n${text.slice(to)}`;
}

const documents = [
  { file: 'README.md', name: 'targets', render: renderTargets },
  { file: 'docs/benchmarks.md', name: 'table', render: renderAllRows },
] as const;

/** Each document as it should read for `results`. */
function regenerated(root: string, results: BenchResults): { path: string; text: string; current: string }[] {
  return documents.map(({ file, name, render }) => {
    const path = `${root}/${file}`;
    const current = readFileSync(path, 'utf8');
    return { path, current, text: replaceBetween(current, name, render(results), file) };
  });
}

function main(): void {
  const root = new URL('../../..', import.meta.url).pathname.replace(/\/$/, '');
  const results = JSON.parse(readFileSync(`${root}/bench/results.json`, 'utf8')) as BenchResults;
  for (const { path, text, current } of regenerated(root, results)) {
    if (text === current) continue;
    writeFileSync(`${path}.tmp`, text);
    renameSync(`${path}.tmp`, path);
    process.stderr.write(`updated ${path}\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) main();

export { renderTargets, renderAllRows, replaceBetween, regenerated };
