import { describe, expect, it } from 'vitest';
import { receiverPicker } from '../../harness/workload/receiver-pick.js';
import { Rng } from '../../harness/runtime/rng.js';

/** A source that returns the given draws in order and counts how many were taken. */
function draws(values: number[]): { next(): number; taken: number } {
  const source = { taken: 0, next: () => values[source.taken++] as number };
  return source;
}

describe('receiverPicker (the one pick the simulated workload and the live load driver share)', () => {
  it('sends a draw on a fractional-weight boundary to the receiver whose cumulative share it is past', () => {
    // 0.9 × (0.7 + 0.2 + 0.1) rounds to 0.8999999999999999 = 0.7 + 0.2 exactly: past receiver 1's
    // share. Subtracting weights one at a time (the old live pick) rounds to just below 0.2 and said 1.
    expect(receiverPicker([0.7, 0.2, 0.1], draws([0.9]))()).toBe(2);
  });

  it('takes exactly one draw per pick, so both runtimes stay in step on the same stream', () => {
    const source = draws([0, 0.5, 0.99]);
    const pick = receiverPicker([1, 1, 1], source);
    expect([pick(), pick(), pick()]).toEqual([0, 1, 2]);
    expect(source.taken).toBe(3);
  });

  it('never picks a receiver of weight zero', () => {
    const pick = receiverPicker([0, 2, 0, 1, 0], new Rng(7));
    const picked = new Set(Array.from({ length: 2000 }, pick));
    expect([...picked].sort()).toEqual([1, 3]);
  });

  it('shares the workload in proportion to the weights', () => {
    const counts = [0, 0, 0];
    const pick = receiverPicker([1, 3, 6], new Rng(42));
    for (let i = 0; i < 20_000; i++) (counts[pick()] as number)++;
    expect(counts.map((c) => Math.round((c / 20_000) * 10))).toEqual([1, 3, 6]);
  });
});
