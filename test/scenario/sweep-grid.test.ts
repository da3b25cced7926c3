// The sweep grid: axes from flags over the file, every point run through runScenario with its
// overrides, and the heatmap drawn from the cells.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KvitteringError } from '../../harness/errors.js';
import { DAY_MS } from '../../harness/runtime/time.js';
import { parseScenario } from '../../harness/scenario/parse-scenario.js';
import { runScenario } from '../../harness/scenario/run-scenario.js';
import { overridesOf, sweepAxes, sweepCell, sweepPoints, type SweepTable } from '../../harness/scenario/sweep-grid.js';
import { renderSweepHeatmap } from '../../reports/sweep-heatmap.js';

const loaded = parseScenario(readFileSync(new URL('../../scenarios/npb-2023-before-fix.yaml', import.meta.url), 'utf8'), 'scenarios/npb-2023-before-fix.yaml');

describe('sweep axes and points', () => {
  it('takes flags over the file and leaves unswept axes as in the file', () => {
    const axes = sweepAxes(loaded.scenario.sweep, { retention: ['30d'] });
    expect(axes).toEqual({ retention: ['30d'], reconciliationInterval: ['off', '1d', '7d'], ackPolicy: ['before-commit', 'retry-then-fail'] });
    expect(sweepPoints(axes)).toHaveLength(6);
    expect(sweepPoints(sweepAxes(undefined, { reconciliationInterval: ['1d'] }))).toEqual([{ retention: undefined, reconciliationInterval: '1d', ackPolicy: undefined }]);
    expect(overridesOf({ retention: '30d', reconciliationInterval: 'off', ackPolicy: 'after-commit' })).toEqual({ retentionDays: 30, reconciliationIntervalMs: 0, ackPolicy: 'after-commit' });
  });

  it('rejects an empty sweep and bad values', () => {
    expect(() => sweepAxes(undefined, {})).toThrow(KvitteringError);
    expect(() => sweepAxes(undefined, { retention: ['14'] })).toThrow('retention value "14" — expected a duration with units');
  });

  it('applies each point to the run and folds it into a cell', () => {
    const point = { retention: '30d', reconciliationInterval: '1d', ackPolicy: 'before-commit' as const };
    const run = runScenario(loaded, { overrides: overridesOf(point) });
    expect(run.result.config.portal.retentionDays).toBe(30);
    expect(run.result.config.receivers.every((r) => r.controls.reconciliationIntervalMs === DAY_MS)).toBe(true);
    const cell = sweepCell(point, run);
    expect(cell).toMatchObject({ ...point, lost: 0, lossRatePct: 0, verdict: 'pass', total: run.result.judgement.verdict.total });
    expect(cell.recovered).toBeGreaterThan(0);
    expect(cell.detectionMedianMs).toBeLessThan(DAY_MS + 3_600_000);
  });
});

describe('renderSweepHeatmap', () => {
  const cell = (retention: string, lossRatePct: number, detectionMedianMs: number | undefined) => ({
    retention, reconciliationInterval: 'off', ackPolicy: 'before-commit' as const, total: 100, lost: lossRatePct, lossRatePct, recovered: 0, fallback: 0,
    detectionMedianMs, detected: detectionMedianMs === undefined ? 0 : 1, verdict: 'fail' as const,
  });
  const table: SweepTable = {
    scenarioId: 'x', title: 'A <title> & more', seed: 9,
    axes: { retention: ['14d', '30d'], reconciliationInterval: ['off'], ackPolicy: ['before-commit'] },
    cells: [cell('14d', 12.5, undefined), cell('30d', 0, 2 * DAY_MS)],
  };

  it('draws one cell per point and panel, escaped, with the values as text', () => {
    const svg = renderSweepHeatmap(table, { lang: 'en' });
    expect(svg.match(/<g><title>/g)).toHaveLength(4);
    expect(svg).toContain('A &lt;title&gt; &amp; more — sweep (seed 9)');
    expect(svg).not.toContain('<title> &');
    expect(svg).toContain('>13 %</text>'); // ≥ 10 % is shown without decimals
    expect(svg).toContain('>0.0 %</text>');
    expect(svg).toContain('>2d</text>');
    expect(svg).toContain('fill="#b71c1c"'); // the worst loss rate is the darkest red
    expect(svg).toContain('fill="#e6e6e6"'); // nothing detected: grey
  });

  it('speaks Norwegian when asked, and is deterministic', () => {
    const nb = renderSweepHeatmap(table, { lang: 'nb' });
    expect(nb).toContain('oppbevaring 14d');
    expect(nb).toContain('>0,0 %</text>');
    expect(renderSweepHeatmap(table, { lang: 'nb' })).toBe(nb);
  });
});
