import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { Rng } from '../../harness/runtime/rng.js';
import { KvitteringError } from '../../harness/errors.js';

describe('Scheduler', () => {
  it('runs events in time order, ties in the order they were scheduled', () => {
    const s = new Scheduler();
    const seen: string[] = [];
    s.at(20, () => seen.push('b'));
    s.at(10, () => seen.push('a'));
    s.at(20, () => seen.push('c'));
    s.after(5, () => s.after(0, () => seen.push('nested at 5')));
    s.runUntil(100);
    expect(seen).toEqual(['nested at 5', 'a', 'b', 'c']);
    expect(s.now()).toBe(100);
  });

  it('keeps ordering over many random events (heap invariant)', () => {
    const s = new Scheduler();
    const rng = new Rng(3);
    const times: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const t = rng.int(0, 1000);
      s.at(t, () => times.push(s.now()));
    }
    s.runUntil(1000);
    expect(times).toHaveLength(5000);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('skips cancelled events and stops at the horizon, leaving later ones pending', () => {
    const s = new Scheduler();
    const seen: number[] = [];
    s.at(1, () => seen.push(1)).cancel();
    s.at(2, () => seen.push(2));
    s.at(50, () => seen.push(50));
    s.runUntil(10);
    expect(seen).toEqual([2]);
    expect(s.pending).toBe(1);
    expect(s.eventsRun).toBe(1);
  });

  it('runs posted and cancellable events, lane and heap alike, in exact (time, sequence) order', () => {
    // Reference: every event's (time, sequence) sorted; the scheduler must run exactly that order,
    // minus the cancelled ones, whichever of after/at/post/postAt scheduled it.
    const s = new Scheduler();
    const rng = new Rng(11);
    const expected: { t: number; seq: number; id: number }[] = [];
    const ran: number[] = [];
    let seq = 0;
    const run = (id: number) => ran.push(id);
    const delays = [0, 5, 15_000, 2 * 86_400_000, 7.5];
    for (let id = 0; id < 3000; id++) {
      const t0 = s.now();
      const delay = delays[rng.int(0, delays.length - 1)] as number;
      const how = rng.int(0, 3);
      const t = how < 2 ? t0 + delay : t0 + rng.int(0, 100_000);
      let timer: { cancel(): void } | undefined;
      if (how === 0) s.post(delay, run, id);
      else if (how === 1) timer = s.after(delay, run, id);
      else if (how === 2) s.postAt(t, run, id);
      else timer = s.at(t, run, id);
      const cancelled = timer !== undefined && rng.int(0, 3) === 0;
      if (cancelled) timer?.cancel();
      else expected.push({ t, seq, id });
      seq++;
      if (id % 100 === 99) s.runUntil(s.now() + rng.int(0, 50_000));
    }
    s.runUntil(Infinity);
    expected.sort((a, b) => a.t - b.t || a.seq - b.seq);
    expect(ran).toEqual(expected.map((e) => e.id));
    expect(s.eventsRun).toBe(expected.length);
    expect(s.pending).toBe(0);
  });

  it('skips exactly the events cancelled later, from inside other events, whether a lane head or queued behind it', () => {
    // A world of events that schedule more events and cancel earlier ones while the run is under way
    // (a write's timeout cancelled by its answer), run on the Scheduler and on a reference that keeps
    // every event in one list and always runs the earliest (time, sequence) not cancelled. The same
    // draws in the same order give the same log only if both run the same events in the same order.
    interface Ref { t: number; seq: number; id: number; cancelled: boolean; ran: boolean }
    const reference = () => {
      const events: Ref[] = [];
      let now = 0;
      let seq = 0;
      return {
        now: () => now,
        after(delayMs: number, id: number) {
          const e: Ref = { t: now + delayMs, seq: seq++, id, cancelled: false, ran: false };
          events.push(e);
          return { cancel: () => { e.cancelled = true; } };
        },
        run(onEvent: (id: number) => void) {
          for (;;) {
            let next: Ref | undefined;
            for (const e of events) if (!e.ran && (next === undefined || e.t < next.t || (e.t === next.t && e.seq < next.seq))) next = e;
            if (next === undefined) return;
            next.ran = true;
            if (next.cancelled) continue;
            now = next.t;
            onEvent(next.id);
          }
        },
      };
    };
    const world = (after: (delayMs: number, id: number) => { cancel(): void }, now: () => number, log: string[]) => {
      const rng = new Rng(23);
      const timers: { cancel(): void }[] = [];
      const delays = [15_000, 15_000, 15_000, 2_000, 7.5];
      let nextId = 0;
      const spawn = () => {
        const id = nextId++;
        timers[id] = after(delays[rng.int(0, delays.length - 1)] as number, id);
      };
      for (let i = 0; i < 50; i++) spawn();
      return (id: number) => {
        log.push(`${now()}:${id}`);
        // Cancel a few timers anywhere (some still queued in their lane, some heads, some already run).
        for (let k = rng.int(0, 2); k > 0; k--) timers[rng.int(0, nextId - 1)]?.cancel();
        if (nextId < 4000) for (let k = rng.int(1, 2); k > 0; k--) spawn();
      };
    };
    const s = new Scheduler();
    const got: string[] = [];
    const onEvent = world((delayMs, id) => s.after(delayMs, (x: number) => onEvent(x), id), () => s.now(), got);
    s.runUntil(Infinity);
    const r = reference();
    const want: string[] = [];
    r.run(world((delayMs, id) => r.after(delayMs, id), r.now, want));
    expect(got.length).toBeGreaterThan(1000);
    expect(got.length).toBeLessThan(4000);
    expect(got).toEqual(want);
    expect(s.eventsRun).toBe(want.length);
    expect(s.pending).toBe(0);
  });

  it('never schedules into the past', () => {
    const s = new Scheduler();
    let at = -1;
    s.at(10, () => s.at(3, () => (at = s.now())));
    s.runUntil(20);
    expect(at).toBe(10);
  });

  it('can be stopped from outside mid-run', () => {
    const s = new Scheduler();
    for (let i = 0; i < 10_000; i++) s.at(i, () => undefined);
    expect(s.runUntil(1e9, () => true)).toBe(false);
    expect(s.eventsRun).toBeLessThan(10_000);
  });
});

describe('Rng', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const seq = (seed: number) => Array.from({ length: 5 }, ((r) => () => r.nextUint32())(new Rng(seed)));
    expect(seq(42)).toEqual(seq(42));
    expect(seq(42)).not.toEqual(seq(43));
  });

  it('forks streams that do not depend on how much the parent has drawn', () => {
    const a = new Rng(9);
    const b = new Rng(9);
    b.next();
    b.next();
    expect(a.fork('portal').next()).toBe(b.fork('portal').next());
    expect(a.fork('portal').next()).not.toBe(a.fork('database').next());
  });

  it('draws uniform values in range with the right mean', () => {
    const r = new Rng(5);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += r.exponential(10);
    }
    expect(sum / 20_000).toBeGreaterThan(9.5);
    expect(sum / 20_000).toBeLessThan(10.5);
  });

  it('uses every bit of a safe-integer seed: 2^32 + 1 and -1 are not seeds 1 and 2^32 - 1 again', () => {
    const seq = (seed: number) => Array.from({ length: 5 }, ((r) => () => r.nextUint32())(new Rng(seed)));
    const fork = (seed: number) => new Rng(seed).fork('link').nextUint32();
    expect(seq(4294967297)).not.toEqual(seq(1));
    expect(fork(4294967297)).not.toBe(fork(1));
    expect(seq(-1)).not.toEqual(seq(4294967295));
    expect(seq(Number.MAX_SAFE_INTEGER)).toEqual(seq(Number.MAX_SAFE_INTEGER));
    expect(new Rng(4294967297).seed).toBe(4294967297);
  });

  it('keeps the numbers of every 32-bit seed, so existing reports replay unchanged', () => {
    // sfc32 seeded (0x9e3779b9, 0x243f6a88, 0xb7e15162, 42) after 15 warm-up draws.
    expect(new Rng(42).nextUint32()).toBe(2852766471);
  });

  it('draws the same words as the unsigned sfc32 it replaced, for seeds whose state words pass 2^31', () => {
    // Pinned from the number-field implementation (state stepped with >>> 0) before the state moved
    // into an Int32Array: every replayed seed must keep its numbers, not only small ones.
    const words = (r: Rng) => Array.from({ length: 4 }, () => r.nextUint32());
    expect(words(new Rng(4294967297))).toEqual([61979113, 4105902812, 3287179682, 2819883760]);
    expect(words(new Rng(-7).fork('link'))).toEqual([1278910195, 1287153877, 4293137055, 4130746307]);
    expect(words(new Rng(0xffffffff))).toEqual([683205247, 1546384827, 2951948325, 1467489144]);
    const later = new Rng(3);
    for (let i = 0; i < 1000; i++) later.next();
    expect(words(later)).toEqual([122079614, 2180143695, 2299861833, 2383425172]);
  });

  it('raises KvitteringErrors, which the CLI prints as a message, not as an internal error with a stack', () => {
    expect(() => new Rng(2 ** 53)).toThrow(KvitteringError);
    expect(() => new Rng(1).pick([])).toThrow(KvitteringError);
    expect(() => new Scheduler().at(Number.NaN, () => undefined)).toThrow(KvitteringError);
  });

  it('rejects a non-integer seed with a clear error', () => {
    expect(() => new Rng(1.5)).toThrow(/E_SEED: seed is 1.5 — expected an integer/);
    expect(() => new Rng(2 ** 53)).toThrow(/E_SEED/);
  });
});
