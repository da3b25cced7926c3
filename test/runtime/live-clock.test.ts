// The live clock on real timers: virtual time scales with wall time, timers fire in order and never
// early, cancel and close really stop them, and errors in callbacks reach onError.

import { afterEach, describe, expect, it } from 'vitest';
import { LiveClock } from '../../harness/runtime/live-clock.js';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import { KvitteringError } from '../../harness/errors.js';

const clocks: LiveClock[] = [];
const make = (msPerVirtualDay: number, onError?: (e: unknown) => void) => {
  const clock = new LiveClock(onError === undefined ? { msPerVirtualDay } : { msPerVirtualDay, onError });
  clocks.push(clock);
  return clock;
};
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

afterEach(() => {
  for (const c of clocks.splice(0)) c.close();
});

describe('LiveClock', () => {
  it('rejects a scale that is not a positive number, naming the option', () => {
    expect(() => new LiveClock({ msPerVirtualDay: 0 })).toThrow(KvitteringError);
    expect(() => new LiveClock({ msPerVirtualDay: Number.NaN })).toThrow(/msPerVirtualDay is NaN — expected a number of wall milliseconds > 0/);
  });

  it('scales virtual time: with a controllable wall clock, one wall second is one virtual day', () => {
    let wall = 5_000;
    const clock = new LiveClock({ msPerVirtualDay: 1_000, wallNow: () => wall });
    clocks.push(clock);
    expect(clock.now()).toBe(0);
    wall += 250;
    expect(clock.now()).toBe(DAY_MS / 4);
    expect(clock.toWallMs(HOUR_MS)).toBeCloseTo(1000 / 24, 9);
    expect(clock.toVirtualMs(1000)).toBe(DAY_MS);
  });

  it('fires timers in virtual-time order, never before their instant', async () => {
    const clock = make(1_000); // 1 virtual hour ≈ 42 wall ms
    const fired: { label: string; at: number; now: number }[] = [];
    const note = (label: string, at: number) => () => fired.push({ label, at, now: clock.now() });
    clock.after(3 * HOUR_MS, note('c', 3 * HOUR_MS));
    clock.after(HOUR_MS, note('a', HOUR_MS));
    clock.at(2 * HOUR_MS, note('b', 2 * HOUR_MS));
    expect(clock.pending).toBe(3);
    await sleep(clock.toWallMs(3 * HOUR_MS) + 60);
    expect(fired.map((f) => f.label)).toEqual(['a', 'b', 'c']);
    for (const f of fired) expect(f.now).toBeGreaterThanOrEqual(f.at);
    expect(clock.pending).toBe(0);
  });

  it('a cancelled timer never fires; close() cancels everything and ignores later scheduling', async () => {
    const clock = make(1_000);
    let fired = 0;
    const t = clock.after(HOUR_MS, () => fired++);
    t.cancel();
    clock.after(HOUR_MS, () => fired++);
    clock.after(2 * HOUR_MS, () => fired++);
    expect(clock.pending).toBe(2);
    clock.close();
    expect(clock.pending).toBe(0);
    clock.after(0, () => fired++);
    expect(clock.pending).toBe(0);
    await sleep(clock.toWallMs(2 * HOUR_MS) + 40);
    expect(fired).toBe(0);
  });

  it('a timer scheduled from a callback runs later on the same time line', async () => {
    const clock = make(1_000);
    const seen: number[] = [];
    clock.after(HOUR_MS, () => {
      seen.push(clock.now());
      clock.after(HOUR_MS, () => seen.push(clock.now()));
    });
    await sleep(clock.toWallMs(2 * HOUR_MS) + 60);
    expect(seen).toHaveLength(2);
    expect((seen[1] as number) - (seen[0] as number)).toBeGreaterThanOrEqual(HOUR_MS);
  });

  it('hands a throwing callback to onError instead of crashing, and keeps running', async () => {
    const errors: unknown[] = [];
    const clock = make(1_000, (e) => errors.push(e));
    let after = false;
    clock.after(0, () => { throw new Error('boom'); });
    clock.after(HOUR_MS, () => { after = true; });
    await sleep(clock.toWallMs(HOUR_MS) + 40);
    expect(errors).toHaveLength(1);
    expect(after).toBe(true);
  });

  it('maps Unix-epoch timestamps onto the virtual time line', () => {
    const clock = make(1_000);
    const epochNow = Date.now();
    const v = clock.virtualAtEpoch(epochNow);
    // Both readings are "now" to within a few wall ms (a few virtual minutes at this scale).
    expect(Math.abs(v - clock.now())).toBeLessThan(clock.toVirtualMs(5));
    // Half a wall second later on the epoch is half a virtual day later (give or take the wall ms between calls).
    expect(Math.abs(clock.virtualAtEpoch(epochNow + 500) - v - DAY_MS / 2)).toBeLessThan(clock.toVirtualMs(5));
  });
});
