// A fake clock for race tests on real async code. Timers fire only when the test driver calls
// `step()`, in time order; the driver hands `step` to fc.scheduler as one more task, so fast-check
// decides how many timer steps pass while a storage operation is still pending — an arbitrary latency.

import type { Clock, Timer } from '../../../harness/runtime/clock.js';

interface RaceTimer extends Timer {
  readonly atMs: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

class RaceClock implements Clock {
  private nowMs = 0;
  private seq = 0;
  private timers: RaceTimer[] = [];

  now(): number {
    return this.nowMs;
  }

  after<A>(delayMs: number, fn: (arg: A) => void, arg?: A): Timer {
    return this.at(this.nowMs + Math.max(0, delayMs), fn, arg);
  }

  at<A>(atMs: number, fn: (arg: A) => void, arg?: A): Timer {
    const timer: RaceTimer = { atMs: Math.max(atMs, this.nowMs), seq: this.seq++, fn: () => fn(arg as A), cancelled: false, cancel() { this.cancelled = true; } };
    this.timers.push(timer);
    return timer;
  }

  post<A>(delayMs: number, fn: (arg: A) => void, arg: A): void {
    this.after(delayMs, fn, arg);
  }

  postAt<A>(atMs: number, fn: (arg: A) => void, arg: A): void {
    this.at(atMs, fn, arg);
  }

  /** When the next live timer fires; undefined when none is left. */
  nextAtMs(): number | undefined {
    this.timers = this.timers.filter((t) => !t.cancelled);
    let next: RaceTimer | undefined;
    for (const t of this.timers) if (next === undefined || t.atMs < next.atMs || (t.atMs === next.atMs && t.seq < next.seq)) next = t;
    return next?.atMs;
  }

  /** Advance to the earliest live timer and run it. False when none is left. */
  step(): boolean {
    const atMs = this.nextAtMs();
    if (atMs === undefined) return false;
    const timer = this.timers
      .filter((t) => t.atMs === atMs)
      .reduce((a, b) => (a.seq <= b.seq ? a : b));
    this.timers = this.timers.filter((t) => t !== timer);
    this.nowMs = atMs;
    timer.fn();
    return true;
  }
}

export { RaceClock };
