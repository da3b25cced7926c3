// The timeline as inline SVG: load per bucket as bars stacked by the fate of the messages sent in it,
// database write failures in a strip below, and fault windows shaded behind both (Jepsen's plots shade
// nemesis windows the same way) with one lane per fault kind on top so overlapping kinds stay apart.

import { fates } from '../../harness/oracle/fates.js';
import { DAY_MS } from '../../harness/runtime/time.js';
import type { Timeline } from '../timeline.js';
import type { Messages } from '../i18n.js';
import { formatInteger } from '../i18n.js';
import { escapeXml } from '../escape.js';
import { fateColours, faultColour, writeFailureColour } from '../palette.js';
import { axisTicks, n, niceStep } from '../svg.js';

const WIDTH = 960;
const LEFT = 56;
const RIGHT = 16;
const LANE = 10;

function faultKindsOf(timeline: Timeline): string[] {
  return [...new Set(timeline.faultWindows.map((w) => w.fault))];
}

function bucketLabel(timeline: Timeline, startMs: number, m: Messages): string {
  const days = startMs / DAY_MS;
  return timeline.bucketMs >= DAY_MS ? `${m.dayAxis} ${n(days)}` : m.instant(startMs);
}

function timelineChart(timeline: Timeline, m: Messages, withWrites: boolean): string {
  const kinds = faultKindsOf(timeline);
  const lanesTop = 8;
  const lanesHeight = kinds.length * (LANE + 2);
  const loadTop = lanesTop + lanesHeight + (kinds.length > 0 ? 8 : 0);
  const loadHeight = 170;
  const stripGap = 26;
  const stripHeight = withWrites ? 56 : 0;
  const stripTop = loadTop + loadHeight + stripGap;
  const axisY = withWrites ? stripTop + stripHeight : loadTop + loadHeight;
  const height = axisY + 40;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const end = timeline.buckets.length * timeline.bucketMs;
  const x = (t: number) => LEFT + (Math.min(Math.max(t, 0), end) / end) * plotWidth;
  const barWidth = plotWidth / timeline.buckets.length;

  const maxSends = Math.max(1, ...timeline.buckets.map((b) => b.sends));
  const loadTicks = axisTicks(maxSends, 4);
  const loadMax = loadTicks[loadTicks.length - 1] as number;
  const yLoad = (v: number) => loadTop + loadHeight - (v / loadMax) * loadHeight;
  const maxWrites = Math.max(1, ...timeline.buckets.map((b) => b.writeFailures + b.writeUnknown));
  const writeTicks = axisTicks(maxWrites, 2);
  const writeMax = writeTicks[writeTicks.length - 1] as number;
  const yWrite = (v: number) => stripTop + stripHeight - (v / writeMax) * stripHeight;

  const out: string[] = [];
  out.push(`<svg class="chart" viewBox="0 0 ${WIDTH} ${n(height)}" role="img" aria-labelledby="timeline-title" xmlns="http://www.w3.org/2000/svg">`);
  out.push(`<title id="timeline-title">${escapeXml(m.timeline)}</title>`);

  // Fault windows: a band behind the plots and a mark in the kind's lane. Events are thin lines.
  for (const w of timeline.faultWindows) {
    const colour = faultColour(kinds, w.fault);
    const lane = kinds.indexOf(w.fault);
    const x0 = x(w.fromMs);
    const width = Math.max(w.event ? 1.5 : 1, x(w.toMs) - x0);
    const label = `${w.fault} · ${w.targets.join(', ')} · ${m.instant(w.fromMs)}${w.event ? '' : ` – ${m.instant(w.toMs)}`}`;
    out.push(`<g class="fault"><title>${escapeXml(label)}</title>`
      + `<rect x="${n(x0)}" y="${n(loadTop)}" width="${n(width)}" height="${n(axisY - loadTop)}" fill="${colour}" fill-opacity="${w.event ? 0.6 : 0.13}"/>`
      + `<rect x="${n(x0)}" y="${n(lanesTop + lane * (LANE + 2))}" width="${n(width)}" height="${LANE}" fill="${colour}" fill-opacity="0.85"/></g>`);
  }

  // Load axis and gridlines.
  for (const v of loadTicks) {
    const y = yLoad(v);
    out.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${n(y)}" y2="${n(y)}" class="grid"/>`);
    out.push(`<text x="${LEFT - 6}" y="${n(y + 4)}" class="tick" text-anchor="end">${escapeXml(formatInteger(v, m))}</text>`);
  }
  out.push(`<text x="${LEFT}" y="${n(loadTop - 2)}" class="axis-title">${escapeXml(m.sends)}</text>`);

  // Stacked bars: safe fates at the bottom, losses on top where the eye lands.
  timeline.buckets.forEach((b, i) => {
    if (b.sends === 0) return;
    let base = 0;
    const bx = LEFT + i * barWidth;
    const w = Math.max(0.5, barWidth - (barWidth > 4 ? 1 : 0));
    const parts = fates.filter((f) => b.fates[f] > 0).map((f) => `${m.fateNames[f]} ${formatInteger(b.fates[f], m)}`).join(', ');
    out.push(`<g><title>${escapeXml(`${bucketLabel(timeline, b.startMs, m)}: ${formatInteger(b.sends, m)} (${parts})`)}</title>`);
    for (const f of fates) {
      const count = b.fates[f];
      if (count === 0) continue;
      const y0 = yLoad(base);
      const y1 = yLoad(base + count);
      out.push(`<rect x="${n(bx)}" y="${n(y1)}" width="${n(w)}" height="${n(Math.max(0.5, y0 - y1))}" fill="${fateColours[f]}"/>`);
      base += count;
    }
    out.push('</g>');
  });

  if (withWrites) {
    out.push(`<text x="${LEFT}" y="${n(stripTop - 6)}" class="axis-title">${escapeXml(m.writeFailures)}</text>`);
    for (const v of writeTicks) {
      const y = yWrite(v);
      out.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${n(y)}" y2="${n(y)}" class="grid"/>`);
      out.push(`<text x="${LEFT - 6}" y="${n(y + 4)}" class="tick" text-anchor="end">${escapeXml(formatInteger(v, m))}</text>`);
    }
    timeline.buckets.forEach((b, i) => {
      const total = b.writeFailures + b.writeUnknown;
      if (total === 0) return;
      const bx = LEFT + i * barWidth;
      const w = Math.max(0.5, barWidth - (barWidth > 4 ? 1 : 0));
      const y = yWrite(total);
      out.push(`<rect x="${n(bx)}" y="${n(y)}" width="${n(w)}" height="${n(stripTop + stripHeight - y)}" fill="${writeFailureColour}"><title>${escapeXml(`${bucketLabel(timeline, b.startMs, m)}: ${formatInteger(total, m)}`)}</title></rect>`);
    });
  }

  // Time axis in days of virtual time.
  const days = end / DAY_MS;
  const step = Math.max(timeline.bucketMs < DAY_MS ? 0.25 : 1, niceStep(days, 10));
  out.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${n(axisY)}" y2="${n(axisY)}" class="axis"/>`);
  for (let d = 0; d <= days + 1e-9; d += step) {
    const tx = x(d * DAY_MS);
    out.push(`<line x1="${n(tx)}" x2="${n(tx)}" y1="${n(axisY)}" y2="${n(axisY + 4)}" class="axis"/>`);
    out.push(`<text x="${n(tx)}" y="${n(axisY + 16)}" class="tick" text-anchor="middle">${n(d)}</text>`);
  }
  out.push(`<text x="${n(LEFT + plotWidth / 2)}" y="${n(axisY + 34)}" class="axis-title" text-anchor="middle">${escapeXml(m.dayAxis)}</text>`);
  out.push('</svg>');
  return out.join('\n');
}

export { timelineChart, faultKindsOf };
