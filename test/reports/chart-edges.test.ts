// The three inline SVG charts on inputs the report fixture does not reach, to the byte (golden files
// in __golden__/charts; review a change like a report change: npx vitest run
// test/reports/chart-edges.test.ts -u). Fates: a count of one among thousands still gets a visible
// bar, a zero gets none, an empty run has no shares. Detection: bars only in time, only late, both, and
// bins too narrow for a gap. Timeline: day buckets, events, a band naming more targets than it lists,
// several kinds in their own lanes, no faults at all, no write panel, and windows outside the chart.

import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import { fates, type Fate } from '../../harness/oracle/fates.js';
import { fateChart } from '../../reports/charts/fate-chart.js';
import { detectionChart } from '../../reports/charts/detection-chart.js';
import { timelineChart, faultKindsOf } from '../../reports/charts/timeline-chart.js';
import { messagesFor } from '../../reports/i18n.js';
import type { DetectionReport, ReportVerdict } from '../../reports/run-report.js';
import type { Timeline, TimelineBucket } from '../../reports/timeline.js';

const en = messagesFor('en');
const nb = messagesFor('nb');
const counts = (c: Partial<Record<Fate, number>>) => ({ ...Object.fromEntries(fates.map((f) => [f, 0])), ...c }) as Record<Fate, number>;
const verdict = (c: Partial<Record<Fate, number>>): ReportVerdict => {
  const all = counts(c);
  return { valid: false, expected: 'fail', asExpected: true, checks: [], counts: all, total: Object.values(all).reduce((a, b) => a + b, 0) };
};

describe('fateChart', () => {
  const skewed = verdict({ stored: 12_000, fallback: 1, recovered: 300, 'lost-silent': 7 });

  it('draws a bar of at least 2 px for one message among thousands, and none for a zero', async () => {
    const svg = fateChart(skewed, en);
    expect(svg).toContain('<rect x="220" y="38" width="2" height="20" fill=');
    expect(svg).not.toMatch(/<rect x="220" y="98" width="[^"]+" height="20" fill=/); // resent-by-reporter: 0
    expect(svg).toContain('data-fate="stored">12,000 <tspan class="muted">(97.5');
    await expect(svg).toMatchFileSnapshot('__golden__/charts/fate-skewed.en.svg');
    await expect(fateChart(skewed, nb)).toMatchFileSnapshot('__golden__/charts/fate-skewed.nb.svg');
  });

  it('draws only empty tracks, with no share, for a run without messages', async () => {
    const svg = fateChart(verdict({}), en);
    expect(svg.match(/class="track"/g)).toHaveLength(fates.length);
    expect(svg.match(/fill="#/g)).toBeNull();
    expect(svg).toContain('data-fate="stored">0 <tspan class="muted">(–)</tspan>');
    await expect(svg).toMatchFileSnapshot('__golden__/charts/fate-empty.en.svg');
  });
});

describe('detectionChart', () => {
  const bin = (i: number, binMs: number, recovered: number, late: number) => ({ fromMs: i * binMs, toMs: (i + 1) * binMs, recovered, late });
  const report = (binMs: number, bins: DetectionReport['bins'], retentionMs: number): DetectionReport => ({
    retentionMs, receiptDeadlineMs: 2 * DAY_MS, binMs, bins, inWindow: 0, late: 0, lateInWindow: 0, silent: 0,
    distribution: { count: 1, minMs: 0, medianMs: 0, p95Ms: 0, maxMs: 0 },
  });

  it('stacks late on top of in-time detections, and skips an empty bin', async () => {
    const bins = Array.from({ length: 21 }, (_, i) => bin(i, DAY_MS, 0, 0));
    bins[0] = bin(0, DAY_MS, 3, 0);
    bins[5] = bin(5, DAY_MS, 2, 4);
    bins[9] = bin(9, DAY_MS, 2, 2);
    bins[17] = bin(17, DAY_MS, 0, 1);
    const svg = detectionChart(report(DAY_MS, bins, 14 * DAY_MS), en);
    expect(svg.match(/<g><title>/g)).toHaveLength(4);
    await expect(svg).toMatchFileSnapshot('__golden__/charts/detection-days.en.svg');
    await expect(detectionChart(report(DAY_MS, bins, 14 * DAY_MS), nb)).toMatchFileSnapshot('__golden__/charts/detection-days.nb.svg');
  });

  it('leaves a 1 px gap only between bins wider than 4 px, and ends the day axis on its last day', () => {
    const exactly4 = Array.from({ length: 222 }, (_, i) => bin(i, DAY_MS, i === 3 ? 1 : 0, 0));
    expect(detectionChart(report(DAY_MS, exactly4, 14 * DAY_MS), en)).toContain('<rect x="68" y="26" width="4" height="150" fill=');
    const days24 = Array.from({ length: 24 }, (_, i) => bin(i, DAY_MS, i === 3 ? 1 : 0, 0));
    const svg = detectionChart(report(DAY_MS, days24, 14 * DAY_MS), en);
    expect(svg).toContain('<text x="944" y="192" class="tick" text-anchor="middle">24</text>');
  });

  it('draws bins narrower than 4 px without a gap, over a long axis in weeks', async () => {
    const week = 7 * DAY_MS;
    const bins = Array.from({ length: 260 }, (_, i) => bin(i, week, i === 1 ? 1 : 0, i === 250 ? 2 : 0));
    await expect(detectionChart(report(week, bins, 90 * DAY_MS), en)).toMatchFileSnapshot('__golden__/charts/detection-weeks.en.svg');
  });
});

describe('timelineChart', () => {
  const bucket = (startMs: number, f: Partial<Record<Fate, number>>, writeFailures = 0, writeUnknown = 0): TimelineBucket => ({ startMs, sends: Object.values(f).reduce((a, b) => a + b, 0), writeFailures, writeUnknown, fates: counts(f) });

  it('draws day buckets, lanes per fault kind, an event, and a band naming more targets than it lists', async () => {
    const buckets = Array.from({ length: 10 }, (_, i) => bucket(i * DAY_MS, i === 2 ? { stored: 40, 'lost-silent': 2, recovered: 1 } : i === 6 ? { fallback: 3 } : {}, i === 2 ? 5 : 0, i === 2 ? 2 : 0));
    const timeline: Timeline = {
      bucketMs: DAY_MS, endMs: 10 * DAY_MS, horizonMs: 40 * DAY_MS, buckets, source: 'ledger',
      faultWindows: [
        { fault: 'backup-spike', fromMs: DAY_MS + HOUR_MS, toMs: DAY_MS + 4 * HOUR_MS, event: false, targets: ['alta', 'bodø', 'care'], targetCount: 3 },
        { fault: 'db-outage', fromMs: 2 * DAY_MS, toMs: 3 * DAY_MS, event: false, targets: ['alta', 'bodø'], targetCount: 14 },
        { fault: 'case-system-crash', fromMs: 5 * DAY_MS, toMs: 5 * DAY_MS, event: true, targets: ['care'], targetCount: 1 },
        // A window reaching past the chart is cut at its edge.
        { fault: 'db-outage', fromMs: 9 * DAY_MS, toMs: 30 * DAY_MS, event: false, targets: ['care'], targetCount: 1 },
      ],
    };
    expect(faultKindsOf(timeline)).toEqual(['backup-spike', 'db-outage', 'case-system-crash']);
    const svg = timelineChart(timeline, en, true);
    expect(svg).toContain('db-outage · alta, bodø +12 · ');
    expect(svg).toContain('<title>day of the run 2: 43 (stored 40, recovered 1, lost silently 2)</title>');
    await expect(svg).toMatchFileSnapshot('__golden__/charts/timeline-days.en.svg');
    await expect(timelineChart(timeline, nb, true)).toMatchFileSnapshot('__golden__/charts/timeline-days.nb.svg');
  });

  it('names a band that hit every receiver "all N receivers", in the report\'s language, not "* +N"', () => {
    const buckets = Array.from({ length: 3 }, (_, i) => bucket(i * DAY_MS, { stored: 1 }));
    const timeline: Timeline = {
      bucketMs: DAY_MS, endMs: 3 * DAY_MS, horizonMs: 3 * DAY_MS, buckets, source: 'ledger',
      faultWindows: [{ fault: 'backup-spike', fromMs: DAY_MS, toMs: 2 * DAY_MS, event: false, targets: ['*'], targetCount: 5 }],
    };
    expect(timelineChart(timeline, en, true)).toContain('<title>backup-spike · all 5 receivers · ');
    expect(timelineChart(timeline, nb, true)).toContain('<title>backup-spike · alle 5 mottakere · ');
  });

  it('draws hour buckets with no faults and no write panel, and bars narrower than 4 px', async () => {
    const buckets = Array.from({ length: 300 }, (_, i) => bucket(i * HOUR_MS, i === 0 ? { stored: 1 } : i === 299 ? { 'lost-detected-late': 2, 'in-flight': 1 } : {}));
    const timeline: Timeline = { bucketMs: HOUR_MS, endMs: 300 * HOUR_MS, horizonMs: 400 * HOUR_MS, buckets, faultWindows: [], source: 'fault-plan' };
    const svg = timelineChart(timeline, en, false);
    expect(svg).not.toContain(en.writeFailures);
    expect(svg).not.toContain('class="fault"');
    await expect(svg).toMatchFileSnapshot('__golden__/charts/timeline-hours.en.svg');
  });

  it('steps a short day-bucket axis by whole days, and gaps only bars wider than 4 px', () => {
    const days = Array.from({ length: 5 }, (_, i) => bucket(i * DAY_MS, { stored: 1 }));
    const svg = timelineChart({ bucketMs: DAY_MS, endMs: 5 * DAY_MS, horizonMs: 5 * DAY_MS, buckets: days, faultWindows: [], source: 'ledger' }, en, true);
    expect(svg.match(/class="tick" text-anchor="middle">/g)).toHaveLength(6);
    const hours = Array.from({ length: 222 }, (_, i) => bucket(i * HOUR_MS, i === 0 ? { stored: 1 } : {}));
    expect(timelineChart({ bucketMs: HOUR_MS, endMs: 222 * HOUR_MS, horizonMs: 222 * HOUR_MS, buckets: hours, faultWindows: [], source: 'ledger' }, en, true)).toMatch(/<rect x="56" y="[^"]+" width="4" height=/);
  });

  it('draws a short hour chart with quarter-day ticks and a fault starting before it', async () => {
    const buckets = Array.from({ length: 6 }, (_, i) => bucket(i * HOUR_MS, i === 3 ? { stored: 2 } : {}, i === 4 ? 1 : 0));
    const timeline: Timeline = {
      bucketMs: HOUR_MS, endMs: 6 * HOUR_MS, horizonMs: DAY_MS, buckets, source: 'ledger',
      faultWindows: [{ fault: 'db-overload', fromMs: -HOUR_MS, toMs: 2 * HOUR_MS, event: false, targets: ['alta'], targetCount: 1 }],
    };
    await expect(timelineChart(timeline, en, true)).toMatchFileSnapshot('__golden__/charts/timeline-short.en.svg');
  });
});
