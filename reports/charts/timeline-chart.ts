// The timeline as inline SVG, in stacked panels over one time axis: load per bucket as bars coloured
// by the fate of the messages sent in it; the losses alone on their own scale (a few lost among
// thousands would vanish in the load bars); database write failures when the ledger was kept. Fault
// windows are shaded behind every panel (Jepsen's plots shade nemesis windows the same way), with one
// lane per fault kind on top so overlapping kinds stay apart.

import { fates, type Fate } from '../../harness/oracle/fates.js';
import { DAY_MS } from '../../harness/runtime/time.js';
import type { Timeline, TimelineBucket } from '../timeline.js';
import type { Messages } from '../i18n.js';
import { formatInteger } from '../i18n.js';
import { escapeXml } from '../escape.js';
import { fateColours, faultColour, writeFailureColour } from '../palette.js';
import { axisTicks, n, niceStep } from '../svg.js';

const WIDTH = 960;
const LEFT = 56;
const RIGHT = 16;
const LANE = 10;
const LABEL = 18;
const GAP = 10;

/** The fates that count as a loss, caught or not, in the losses panel. */
const lossFates: readonly Fate[] = ['recovered', 'lost-detected-late', 'lost-silent'];

interface Panel {
  title: string;
  height: number;
  ticks: number;
  /** Stacked parts of a bucket's bar, bottom first. */
  parts: (b: TimelineBucket) => { value: number; colour: string; label: string }[];
}

function faultKindsOf(timeline: Timeline): string[] {
  return [...new Set(timeline.faultWindows.map((w) => w.fault))];
}

function bucketLabel(timeline: Timeline, startMs: number, m: Messages): string {
  return timeline.bucketMs >= DAY_MS ? `${m.dayAxis} ${n(startMs / DAY_MS)}` : m.instant(startMs);
}

function timelineChart(timeline: Timeline, m: Messages, withWrites: boolean): string {
  const kinds = faultKindsOf(timeline);
  const fatePart = (b: TimelineBucket, f: Fate) => ({ value: b.fates[f], colour: fateColours[f], label: m.fateNames[f] });
  const panels: Panel[] = [
    { title: m.sends, height: 170, ticks: 4, parts: (b) => fates.map((f) => fatePart(b, f)) },
    { title: m.lossesBySendTime, height: 56, ticks: 2, parts: (b) => lossFates.map((f) => fatePart(b, f)) },
  ];
  if (withWrites) {
    panels.push({ title: m.writeFailures, height: 56, ticks: 2, parts: (b) => [{ value: b.writeFailures + b.writeUnknown, colour: writeFailureColour, label: m.writeFailures }] });
  }

  const lanesTop = 6;
  let top = lanesTop + kinds.length * (LANE + 2) + (kinds.length > 0 ? 4 : 0);
  const plotsTop = top;
  const layout = panels.map((p) => {
    const y0 = top + LABEL;
    top = y0 + p.height + GAP;
    return { p, y0 };
  });
  const axisY = top - GAP;
  const height = axisY + 40;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const end = timeline.buckets.length * timeline.bucketMs;
  const x = (t: number) => LEFT + (Math.min(Math.max(t, 0), end) / end) * plotWidth;
  const barWidth = plotWidth / timeline.buckets.length;
  const barInner = Math.max(0.5, barWidth - (barWidth > 4 ? 1 : 0));

  const out: string[] = [];
  out.push(`<svg class="chart" viewBox="0 0 ${WIDTH} ${n(height)}" role="img" aria-labelledby="timeline-title" xmlns="http://www.w3.org/2000/svg">`);
  out.push(`<title id="timeline-title">${escapeXml(m.timeline)}</title>`);

  // Fault windows: a band behind the panels and a mark in the kind's lane. Events are thin lines.
  for (const w of timeline.faultWindows) {
    const colour = faultColour(kinds, w.fault);
    const lane = kinds.indexOf(w.fault);
    const x0 = x(w.fromMs);
    const width = Math.max(w.event ? 1.5 : 1, x(w.toMs) - x0);
    const hit = w.targets[0] === '*'
      ? m.allReceivers(formatInteger(w.targetCount, m))
      : `${w.targets.join(', ')}${w.targetCount > w.targets.length ? ` +${w.targetCount - w.targets.length}` : ''}`;
    const label = `${w.fault} · ${hit} · ${m.instant(w.fromMs)}${w.event ? '' : ` – ${m.instant(w.toMs)}`}`;
    out.push(`<g class="fault"><title>${escapeXml(label)}</title>`
      + `<rect x="${n(x0)}" y="${n(plotsTop)}" width="${n(width)}" height="${n(axisY - plotsTop)}" fill="${colour}" fill-opacity="${w.event ? 0.6 : 0.13}"/>`
      + `<rect x="${n(x0)}" y="${n(lanesTop + lane * (LANE + 2))}" width="${n(width)}" height="${LANE}" fill="${colour}" fill-opacity="0.85"/></g>`);
  }

  for (const { p, y0 } of layout) {
    const max = Math.max(1, ...timeline.buckets.map((b) => p.parts(b).reduce((a, part) => a + part.value, 0)));
    const ticks = axisTicks(max, p.ticks);
    const top = ticks[ticks.length - 1] as number;
    const y = (v: number) => y0 + p.height - (v / top) * p.height;
    out.push(`<text x="${LEFT}" y="${n(y0 - 6)}" class="axis-title">${escapeXml(p.title)}</text>`);
    for (const v of ticks) {
      out.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${n(y(v))}" y2="${n(y(v))}" class="grid"/>`);
      out.push(`<text x="${LEFT - 6}" y="${n(y(v) + 4)}" class="tick" text-anchor="end">${escapeXml(formatInteger(v, m))}</text>`);
    }
    timeline.buckets.forEach((b, i) => {
      const parts = p.parts(b).filter((part) => part.value > 0);
      if (parts.length === 0) return;
      const bx = LEFT + i * barWidth;
      const total = parts.reduce((a, part) => a + part.value, 0);
      const what = parts.map((part) => `${part.label} ${formatInteger(part.value, m)}`).join(', ');
      out.push(`<g><title>${escapeXml(`${bucketLabel(timeline, b.startMs, m)}: ${formatInteger(total, m)} (${what})`)}</title>`);
      let base = 0;
      for (const part of parts) {
        const y1 = y(base + part.value);
        out.push(`<rect x="${n(bx)}" y="${n(y1)}" width="${n(barInner)}" height="${n(Math.max(0.5, y(base) - y1))}" fill="${part.colour}"/>`);
        base += part.value;
      }
      out.push('</g>');
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
