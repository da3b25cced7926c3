// Fault windows merge into one band per kind and overlap, so a national run stays readable; bucket
// sizes follow the span of the action.

import { describe, expect, it } from 'vitest';
import { bucketSizeFor, mergeWindows, windowsFromPlan } from '../../reports/timeline.js';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import type { FaultSpec } from '../../harness/faults/fault-spec.js';

const ids = Array.from({ length: 12 }, (_, i) => `m${String(i).padStart(2, '0')}`);
const nightly = (targets: string[]): FaultSpec => ({ kind: 'backup-spike', targets, fromMs: HOUR_MS, toMs: 4 * HOUR_MS, repeatEveryMs: DAY_MS, repeatUntilMs: 3 * DAY_MS });

describe('mergeWindows', () => {
  it('folds per-receiver nightly windows into one band a night that names every receiver as *', () => {
    const merged = mergeWindows(windowsFromPlan(ids.map((id) => nightly([id])), 10 * DAY_MS), ids);
    expect(merged).toHaveLength(3);
    expect(merged.map((w) => [w.fromMs, w.toMs, w.targets, w.targetCount])).toEqual([0, 1, 2].map((d) => [d * DAY_MS + HOUR_MS, d * DAY_MS + 4 * HOUR_MS, ['*'], 12]));
  });

  it('names at most ten targets and counts them all', () => {
    const merged = mergeWindows(windowsFromPlan(ids.slice(0, 11).map((id) => nightly([id])), 10 * DAY_MS), ids);
    expect(merged[0]?.targets).toEqual(ids.slice(0, 10));
    expect(merged[0]?.targetCount).toBe(11);
  });

  it('keeps kinds apart and events as instants', () => {
    const plan: FaultSpec[] = [
      { kind: 'db-outage', targets: ['m00'], fromMs: HOUR_MS, toMs: 2 * HOUR_MS },
      { kind: 'db-overload', fromMs: HOUR_MS, toMs: 3 * HOUR_MS },
      { kind: 'case-system-crash', targets: ['m01'], atMs: 5 * HOUR_MS },
    ];
    const merged = mergeWindows(windowsFromPlan(plan, DAY_MS), ids);
    expect(merged.map((w) => [w.fault, w.event, w.fromMs, w.toMs, w.targets])).toEqual([
      ['db-outage', false, HOUR_MS, 2 * HOUR_MS, ['m00']],
      ['db-overload', false, HOUR_MS, 3 * HOUR_MS, ['*']],
      ['case-system-crash', true, 5 * HOUR_MS, 5 * HOUR_MS, ['m01']],
    ]);
  });
});

describe('bucketSizeFor', () => {
  it('uses hours up to a week, days up to 400 days, weeks beyond', () => {
    expect(bucketSizeFor(7 * DAY_MS)).toBe(HOUR_MS);
    expect(bucketSizeFor(8 * DAY_MS)).toBe(DAY_MS);
    expect(bucketSizeFor(400 * DAY_MS)).toBe(DAY_MS);
    expect(bucketSizeFor(1000 * DAY_MS)).toBe(7 * DAY_MS);
  });
});
