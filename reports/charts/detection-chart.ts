// Time to detection against the retention window, as inline SVG: a histogram of how long each loss
// went unnoticed (detected in time vs. after the purge), with the retention window drawn as a line —
// the regulator's question is which side of that line the losses fall on.

import { DAY_MS } from '../../harness/runtime/time.js';
import type { DetectionReport } from '../run-report.js';
import type { Messages } from '../i18n.js';
import { formatInteger } from '../i18n.js';
import { escapeXml } from '../escape.js';
import { fateColours } from '../palette.js';
import { axisTicks, n, niceStep } from '../svg.js';

const WIDTH = 960;
const LEFT = 56;
const RIGHT = 16;
const TOP = 26;
const PLOT = 150;

function detectionChart(detection: DetectionReport, m: Messages): string {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const end = detection.bins.length * detection.binMs;
  const x = (t: number) => LEFT + (t / end) * plotWidth;
  const max = Math.max(1, ...detection.bins.map((b) => b.recovered + b.late));
  const ticks = axisTicks(max, 4);
  const top = ticks[ticks.length - 1] as number;
  const y = (v: number) => TOP + PLOT - (v / top) * PLOT;
  const axisY = TOP + PLOT;
  const height = axisY + 40;
  const out: string[] = [];
  out.push(`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="detection-title" xmlns="http://www.w3.org/2000/svg">`);
  out.push(`<title id="detection-title">${escapeXml(m.detection)}</title>`);
  // Everything right of the retention line was detected too late to recover: shade it.
  const rx = x(Math.min(detection.retentionMs, end));
  out.push(`<rect x="${n(rx)}" y="${TOP}" width="${n(WIDTH - RIGHT - rx)}" height="${PLOT}" class="too-late"/>`);
  for (const v of ticks) {
    out.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${n(y(v))}" y2="${n(y(v))}" class="grid"/>`);
    out.push(`<text x="${LEFT - 6}" y="${n(y(v) + 4)}" class="tick" text-anchor="end">${escapeXml(formatInteger(v, m))}</text>`);
  }
  const binWidth = plotWidth / detection.bins.length;
  detection.bins.forEach((b, i) => {
    if (b.recovered + b.late === 0) return;
    const bx = LEFT + i * binWidth;
    const w = Math.max(0.5, binWidth - (binWidth > 4 ? 1 : 0));
    const label = `${m.duration(b.fromMs)} – ${m.duration(b.toMs)}: ${m.detectedInside} ${formatInteger(b.recovered, m)}, ${m.detectedLate} ${formatInteger(b.late, m)}`;
    out.push(`<g><title>${escapeXml(label)}</title>`);
    if (b.recovered > 0) out.push(`<rect x="${n(bx)}" y="${n(y(b.recovered))}" width="${n(w)}" height="${n(axisY - y(b.recovered))}" fill="${fateColours.recovered}"/>`);
    if (b.late > 0) out.push(`<rect x="${n(bx)}" y="${n(y(b.recovered + b.late))}" width="${n(w)}" height="${n(y(b.recovered) - y(b.recovered + b.late))}" fill="${fateColours['lost-detected-late']}"/>`);
    out.push('</g>');
  });
  out.push(`<line x1="${n(rx)}" x2="${n(rx)}" y1="${TOP - 14}" y2="${axisY}" class="retention"/>`);
  out.push(`<text x="${n(rx - 4)}" y="${TOP - 4}" class="label" text-anchor="end">${escapeXml(`${m.retentionWindow} ${m.duration(detection.retentionMs)}`)}</text>`);
  out.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${axisY}" y2="${axisY}" class="axis"/>`);
  const days = end / DAY_MS;
  const step = Math.max(1, niceStep(days, 12));
  for (let d = 0; d <= days + 1e-9; d += step) {
    const tx = x(d * DAY_MS);
    out.push(`<line x1="${n(tx)}" x2="${n(tx)}" y1="${axisY}" y2="${axisY + 4}" class="axis"/>`);
    out.push(`<text x="${n(tx)}" y="${axisY + 16}" class="tick" text-anchor="middle">${n(d)}</text>`);
  }
  out.push(`<text x="${n(LEFT + plotWidth / 2)}" y="${axisY + 34}" class="axis-title" text-anchor="middle">${escapeXml(`${m.timeToDetection} (${m.days})`)}</text>`);
  out.push('</svg>');
  return out.join('\n');
}

export { detectionChart };
