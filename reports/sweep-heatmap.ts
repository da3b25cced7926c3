// The sweep as two heatmaps side by side — loss rate and median time to detection — over rows of
// ack policy × reconciliation interval and columns of retention. Pure: table and language in, a
// self-contained SVG string out (no fonts, scripts or links to fetch).

import { formatDuration } from '../harness/runtime/time.js';
import type { SweepCell, SweepTable } from '../harness/scenario/sweep-grid.js';
import { localized } from '../harness/scenario/localized.js';

interface HeatmapOptions {
  lang: 'en' | 'nb';
}

const words = {
  en: {
    sweep: 'sweep', seed: 'seed', loss: 'Lost for good (% of reports)', detection: 'Median time from loss to detection',
    retention: 'retention', reconcile: 'reconcile', off: 'off', asFile: 'as in file', none: 'none detected', decimal: '.',
  },
  nb: {
    sweep: 'parametersveip', seed: 'frø', loss: 'Tapt for godt (% av meldingene)', detection: 'Median tid fra tap til oppdagelse',
    retention: 'oppbevaring', reconcile: 'avstemming', off: 'av', asFile: 'som i fila', none: 'ingen oppdaget', decimal: ',',
  },
} as const;

const CELL_W = 110;
const CELL_H = 34;
const LABEL_W = 250;
const HEAD_H = 74;
const GAP = 40;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Pale green → red as the share rises; whole channel steps so output never hangs on float printing. */
function heat(fraction: number): string {
  const f = Math.max(0, Math.min(1, fraction));
  const channel = (from: number, to: number) => Math.round(from + (to - from) * f).toString(16).padStart(2, '0');
  return `#${channel(0xf1, 0xb7)}${channel(0xf8, 0x1c)}${channel(0xe9, 0x1c)}`;
}

function pctText(value: number, lang: HeatmapOptions['lang']): string {
  return `${value.toFixed(value >= 10 ? 0 : 1).replace('.', words[lang].decimal)} %`;
}

function renderSweepHeatmap(table: SweepTable, options: HeatmapOptions): string {
  const w = words[options.lang];
  const { retention, reconciliationInterval, ackPolicy } = table.axes;
  const rows = ackPolicy.flatMap((ack) => reconciliationInterval.map((interval) => ({ ack, interval })));
  const cellAt = (row: number, col: number): SweepCell | undefined => table.cells[row * retention.length + col];
  const maxLoss = Math.max(0, ...table.cells.map((c) => c.lossRatePct));
  const maxDetection = Math.max(0, ...table.cells.flatMap((c) => (c.detectionMedianMs === undefined ? [] : [c.detectionMedianMs])));
  const panelW = retention.length * CELL_W;
  const width = LABEL_W + 2 * panelW + GAP + 20;
  const height = HEAD_H + rows.length * CELL_H + 20;
  const label = (value: string | undefined, interval = false) => (value === undefined ? w.asFile : interval && (value === 'off' || value === '0') ? w.off : value);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" role="img">`);
  out.push(`<title>${escapeXml(`${localized(table.title, options.lang)} — ${w.sweep}`)}</title>`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="10" y="20" font-size="15" font-weight="bold">${escapeXml(`${localized(table.title, options.lang)} — ${w.sweep} (${w.seed} ${table.seed})`)}</text>`);
  rows.forEach((row, r) => {
    out.push(`<text x="10" y="${HEAD_H + r * CELL_H + CELL_H / 2 + 4}">${escapeXml(`${label(row.ack)} · ${w.reconcile} ${label(row.interval, true)}`)}</text>`);
  });
  const panels = [
    { x: LABEL_W, title: w.loss, text: (c: SweepCell) => pctText(c.lossRatePct, options.lang), level: (c: SweepCell) => (maxLoss === 0 ? 0 : c.lossRatePct / maxLoss) },
    {
      x: LABEL_W + panelW + GAP,
      title: w.detection,
      text: (c: SweepCell) => (c.detectionMedianMs === undefined ? '—' : formatDuration(c.detectionMedianMs)),
      level: (c: SweepCell) => (c.detectionMedianMs === undefined ? undefined : maxDetection === 0 ? 0 : c.detectionMedianMs / maxDetection),
    },
  ];
  for (const panel of panels) {
    out.push(`<text x="${panel.x}" y="42" font-weight="bold">${escapeXml(panel.title)}</text>`);
    retention.forEach((value, col) => {
      out.push(`<text x="${panel.x + col * CELL_W + CELL_W / 2}" y="${HEAD_H - 8}" text-anchor="middle">${escapeXml(`${w.retention} ${label(value)}`)}</text>`);
    });
    rows.forEach((_row, r) => {
      retention.forEach((_value, col) => {
        const cell = cellAt(r, col);
        if (cell === undefined) return;
        const x = panel.x + col * CELL_W;
        const y = HEAD_H + r * CELL_H;
        const level = panel.level(cell);
        // Dark cells get white text so every value stays readable.
        const ink = level !== undefined && level > 0.55 ? '#ffffff' : '#000000';
        const tip = `${pctText(cell.lossRatePct, options.lang)} · ${cell.lost}/${cell.total} · ${cell.detectionMedianMs === undefined ? w.none : formatDuration(cell.detectionMedianMs)}`;
        out.push(`<g><title>${escapeXml(tip)}</title><rect x="${x}" y="${y}" width="${CELL_W - 2}" height="${CELL_H - 2}" fill="${level === undefined ? '#e6e6e6' : heat(level)}" stroke="#999999" stroke-width="0.5"/>`
          + `<text x="${x + CELL_W / 2 - 1}" y="${y + CELL_H / 2 + 4}" text-anchor="middle" fill="${ink}">${escapeXml(panel.text(cell))}</text></g>`);
      });
    });
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

export { renderSweepHeatmap };
export type { HeatmapOptions };
