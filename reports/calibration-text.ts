// The calibration table as rows of words and numbers in the report's language, built once so the
// terminal, Markdown, HTML and JUnit show the same figures, each with its source.

import type { Calibration } from '../harness/scenario/calibration.js';
import { localized } from '../harness/scenario/localized.js';
import { formatInteger, formatNumber, type Messages } from './i18n.js';

interface CalibrationText {
  caption: string;
  head: [string, string, string, string, string, string];
  rows: [string, string, string, string, string, string][];
  /** The target column's verdict per row (for styling): true within, false outside, undefined none. */
  within: (boolean | undefined)[];
  categories: [string, string][];
  assumptions: string[];
}

function calibrationText(c: Calibration, m: Messages): CalibrationText {
  const n = (x: number) => formatNumber(x, m);
  return {
    caption: m.calibrationCaption(formatInteger(c.seeds.length, m), String(c.seeds[0]), String(c.seeds[c.seeds.length - 1])),
    head: [m.figure, m.real, m.simulatedMedian, m.band, m.target, m.source],
    rows: c.rows.map((r) => [
      localized(r.figure, m.lang),
      r.real === undefined ? '–' : n(r.real),
      n(r.median),
      `${n(r.p10)} – ${n(r.p90)}`,
      r.tolerance === undefined ? m.noTarget : r.withinTolerance === true ? m.withinTarget(n(r.tolerance)) : m.outsideTarget(n(r.tolerance)),
      r.source ?? c.source,
    ]),
    within: c.rows.map((r) => r.withinTolerance),
    categories: c.categories === undefined ? [] : (['a', 'b', 'c', 'd'] as const).map((k) => [m.categoryNames[k], n(c.categories?.[k] ?? 0)]),
    assumptions: c.assumptions.map((a) => localized(a, m.lang)),
  };
}

/** Aligned plain-text lines: the terminal and the JUnit system-out. */
function calibrationLines(c: Calibration, m: Messages): string[] {
  const t = calibrationText(c, m);
  const table = [t.head, ...t.rows];
  const widths = t.head.map((_, k) => Math.max(...table.map((row) => [...row[k] as string].length)));
  const line = (row: readonly string[]) => row.map((cell, k) => (k === row.length - 1 ? cell : cell.padEnd(widths[k] as number))).join('  ');
  return [
    m.calibration, t.caption, '',
    line(t.head), line(widths.map((w) => '-'.repeat(w))), ...t.rows.map(line), '',
    ...(t.categories.length === 0 ? [] : [`${m.categories}:`, ...t.categories.map(([name, value]) => `  ${name}: ${value}`), '']),
    `${m.assumptions}:`, ...t.assumptions.map((a) => `  - ${a}`),
  ];
}

export { calibrationText, calibrationLines };
export type { CalibrationText };
