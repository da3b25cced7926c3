// The benchmark's own parts: the baseline does the work it claims, the property it times can fail,
// its scenarios are valid inputs, and the table says when a target is missed. No timing here: speed
// targets are checked by `npm run bench`, never by timed unit tests.

import { describe, expect, it } from 'vitest';
import { runBareHeapLoop } from '../../bench/bare-heap-loop.js';
import { metricRow, median, type BenchResults } from '../../bench/bench-results.js';
import { runPromiseProperty } from '../../bench/promise-property.js';
import { renderTable } from '../../bench/render-table.js';
import { municipalInput, nationalYearInput, throughputInput } from '../../bench/scenarios.js';
import { resolveSimulation } from '../../harness/runner/simulation-config.js';
import { simulate } from '../../harness/runner/simulate.js';

describe('bare heap loop', () => {
  it('runs exactly the requested number of events and moves virtual time forward', () => {
    let ticks = 0;
    const result = runBareHeapLoop(10_000, 100, 1_000, () => ticks++);
    expect(result.events).toBe(10_000);
    expect(result.virtualMs).toBeGreaterThan(0);
    expect(result.wallMs).toBe(1);
  });
});

describe('promise property', () => {
  it('holds for the fixed chain and fails for the 2023 flaw', () => {
    expect(runPromiseProperty(3, 1)).toBeGreaterThan(0);
    expect(runPromiseProperty(3, 1, { ledger: 'kept' })).toBe(runPromiseProperty(3, 1));
    expect(() => runPromiseProperty(3, 1, { chain: 'flawed', shrink: false })).toThrow(/Property failed/);
  });
});

describe('bench scenarios', () => {
  it('are valid inputs of the stated size', () => {
    const national = resolveSimulation(nationalYearInput(1, 1_000));
    expect(national.receivers).toHaveLength(300);
    expect(national.workload.maxMessages).toBe(1_000);
    expect(resolveSimulation(municipalInput(1)).receivers).toHaveLength(1);
  });

  it('are deterministic: same seed ⇒ identical ledger and judgement, another seed differs', () => {
    const run = (seed: number) => {
      const { ledger, judgement } = simulate(resolveSimulation({ ...throughputInput(seed, 3_000, 12, 10), keepLedger: true }));
      return JSON.stringify([ledger.entries, judgement]);
    };
    const a = run(5);
    expect(run(5)).toBe(a);
    expect(run(6)).not.toBe(a);
  });

  it('settle every message of a small throughput run', () => {
    const { judgement, complete } = simulate(resolveSimulation(throughputInput(1, 2_000, 5, 5)));
    expect(complete).toBe(true);
    expect(judgement.verdict.total).toBe(2_000);
    expect(judgement.verdict.counts['in-flight']).toBe(0);
  });
});

describe('results table', () => {
  it('takes medians and marks a missed target', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const results: BenchResults = {
      generatedAt: '2026-01-01T00:00:00.000Z', commit: 'abc1234',
      machine: { nproc: 2, cpuModel: 'Test CPU', node: 'v20.0.0', platform: 'linux x64', totalMemoryGiB: 8 },
      loadAverage: { start: [1, 1, 1], end: [2, 2, 2] },
      rows: [
        metricRow('runtime', 'events/s', 'events/s', [900_000, 1_200_000, 1_100_000], { target: { op: '>=', value: 1_000_000 }, cpuS: [3, 2, 4] }),
        metricRow('municipal', 'one run', 'ms', [25, 30, 21], { target: { op: '<=', value: 20 } }),
        metricRow('live', 'throughput', '%', [], { target: { op: '>=', value: 60 }, note: 'not yet measurable' }),
      ],
      raw: {},
    };
    const table = renderTable(results);
    // Every row states its CPU time (— when not recorded) and the commit it was measured at.
    expect(table).toContain('| runtime   | events/s (events/s) | 1.10 M | 900.0 k–1.20 M | 3    | 3.00  | abc1234 | ≥ 1.00 M | yes |');
    expect(table).toContain('| municipal | one run (ms)        | 25.0   | 21.0–30.0      | 3    | —     | abc1234 | ≤ 20.0   | NO  |');
    expect(table).toContain('- live / throughput: not yet measurable');
  });
});
