// The sweep heatmap to the byte, on a grid that reaches every branch: rows of ack policy × interval
// (one "as in file", intervals 'off' and '0' both worded off), retention columns, loss rates under and
// over 10 %, a cell with nothing detected (grey), dark cells with white text, and a grid whose last
// point has no cell. A second grid where nothing was lost or detected stays pale. Golden files: review
// a change like a report change (npx vitest run test/reports/sweep-heatmap.test.ts -u).

import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import type { SweepCell, SweepTable } from '../../harness/scenario/sweep-grid.js';
import { renderSweepHeatmap } from '../../reports/sweep-heatmap.js';

type Point = Pick<SweepCell, 'retention' | 'reconciliationInterval' | 'ackPolicy'>;
const cell = (point: Point, lost: number, detectionMedianMs: number | undefined): SweepCell => ({
  ...point, total: 200, lost, lossRatePct: lost / 2, recovered: 3, fallback: 1, detectionMedianMs, detected: detectionMedianMs === undefined ? 0 : 4, verdict: lost > 0 ? 'fail' : 'pass',
});

const axes = { retention: ['14d', undefined], reconciliationInterval: ['off', '0', '1d'], ackPolicy: ['before-commit', undefined] } as SweepTable['axes'];
const points: Point[] = axes.ackPolicy.flatMap((ackPolicy) => axes.reconciliationInterval.flatMap((reconciliationInterval) => axes.retention.map((retention) => ({ retention, reconciliationInterval, ackPolicy }))));
// 22 of 200 is 11 %, 0.55 of the worst (20 %): still black text; 20 of 200 is exactly 10 %: no decimal.
const losses = [40, 9, 25, 0, 22, 1, 3, 30, 20, 2, 7];
const detections = [undefined, 2 * DAY_MS, 9 * DAY_MS, HOUR_MS, 5 * DAY_MS + 6 * HOUR_MS, undefined, 20 * DAY_MS, 30 * 60_000, 12 * DAY_MS, DAY_MS, 3 * DAY_MS];
const table: SweepTable = {
  scenarioId: 'grid', title: { en: 'Backups & "receipts" <2023>', nb: 'Sikkerhetskopi & «kvitteringer» <2023>' }, seed: 5, axes,
  // Twelve points, eleven cells: the last point was not run.
  cells: points.slice(0, 11).map((p, i) => cell(p, losses[i] as number, detections[i])),
};

describe('renderSweepHeatmap', () => {
  it('draws the grid exactly in English', async () => {
    await expect(renderSweepHeatmap(table, { lang: 'en' })).toMatchFileSnapshot('__golden__/sweep-heatmap.en.svg');
  });

  it('draws the grid exactly in Norwegian', async () => {
    await expect(renderSweepHeatmap(table, { lang: 'nb' })).toMatchFileSnapshot('__golden__/sweep-heatmap.nb.svg');
  });

  it('keeps every cell pale when nothing was lost and every detection was instant', async () => {
    const calm: SweepTable = { scenarioId: 'calm', title: 'Calm', seed: 1, axes: { retention: ['30d'], reconciliationInterval: ['1d'], ackPolicy: ['retry-then-fail'] }, cells: [] };
    calm.cells = [cell({ retention: '30d', reconciliationInterval: '1d', ackPolicy: 'retry-then-fail' }, 0, 0)];
    await expect(renderSweepHeatmap(calm, { lang: 'en' })).toMatchFileSnapshot('__golden__/sweep-heatmap.calm.svg');
  });

  it('escapes the title and words a loss rate of exactly 10 % without a decimal', () => {
    const svg = renderSweepHeatmap(table, { lang: 'en' });
    expect(svg).toContain('<title>Backups &amp; &quot;receipts&quot; &lt;2023&gt; — sweep</title>');
    expect(svg).toContain('<title>10 % · 20/200 · 12d</title>');
    expect(svg).toContain('<title>11 % · 22/200 · 5d 6h</title><rect x="250" y="142" width="108" height="32" fill="#d17f78" stroke="#999999" stroke-width="0.5"/><text x="304" y="163" text-anchor="middle" fill="#000000">11 %</text>');
  });

  it('marks the heaviest loss darkest, with white text, and a light cell with black text', () => {
    const svg = renderSweepHeatmap(table, { lang: 'en' });
    expect(svg).toContain('<g><title>20 % · 40/200 · none detected</title><rect x="250" y="74" width="108" height="32" fill="#b71c1c" stroke="#999999" stroke-width="0.5"/><text x="304" y="95" text-anchor="middle" fill="#ffffff">20 %</text></g>');
    expect(svg).toContain('<g><title>0.0 % · 0/200 · 1h</title><rect x="360" y="108" width="108" height="32" fill="#f1f8e9" stroke="#999999" stroke-width="0.5"/><text x="414" y="129" text-anchor="middle" fill="#000000">0.0 %</text></g>');
  });
});
