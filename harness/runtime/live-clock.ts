// The live runtime's clock: real timers, with days scaled down so a retention window passes in seconds
// (`msPerVirtualDay: 1000` ⇒ one virtual day is one wall second). Simulators see virtual milliseconds
// exactly as under the Scheduler; only the live runtime and real-database adapters use wall time.
// Time comes from the monotonic performance clock, so a wall-clock jump cannot reorder a run.

import { performance } from 'node:perf_hooks';
import { KvitteringError } from '../errors.js';
import type { Clock, Timer } from './clock.js';
import { DAY_MS } from './time.js';

interface LiveClockOptions {
  /** Wall milliseconds one virtual day lasts (1000 ⇒ a 14-day retention window takes 14 s). */
  msPerVirtualDay: number;
  /** Called with an error a timer callback threw; default: rethrow (an uncaught exception). */
  onError?: (error: unknown) => void;
  /** Monotonic wall time in ms; tests may inject one. Default: performance.now(). */
  wallNow?: () => number;
}

/** Node keeps a timer delay in a signed 32-bit int; a longer one is re-armed in steps. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

class LiveTimer implements Timer {
  handle: NodeJS.Timeout | undefined;
  constructor(readonly atMs: number, private readonly owner: LiveClock) {}

  cancel(): void {
    if (this.handle !== undefined) clearTimeout(this.handle);
    this.handle = undefined;
    this.owner.forget(this);
  }
}

class LiveClock implements Clock {
  /** Virtual ms per wall ms. */
  readonly speedup: number;
  readonly msPerVirtualDay: number;
  private readonly wallNow: () => number;
  private readonly startWallMs: number;
  private readonly timers = new Set<LiveTimer>();
  private readonly onError: ((error: unknown) => void) | undefined;
  private closed = false;
  /** Timers that have fired, as Scheduler.eventsRun counts its events. */
  eventsRun = 0;

  constructor(options: LiveClockOptions) {
    const ms = options.msPerVirtualDay;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
      throw new KvitteringError('E_CLOCK_FIELD', `msPerVirtualDay is ${typeof ms === 'number' ? String(ms) : JSON.stringify(ms)} — expected a number of wall milliseconds > 0`,
        'msPerVirtualDay: 1000 makes one virtual day last one second; 86400000 is real time.');
    }
    this.msPerVirtualDay = ms;
    this.speedup = DAY_MS / ms;
    this.wallNow = options.wallNow ?? (() => performance.now());
    this.onError = options.onError;
    this.startWallMs = this.wallNow();
  }

  now(): number {
    return (this.wallNow() - this.startWallMs) * this.speedup;
  }

  after<A>(delayMs: number, fn: (arg: A) => void, arg?: A): Timer {
    return this.at(this.now() + Math.max(0, delayMs), fn, arg);
  }

  at<A>(atMs: number, fn: (arg: A) => void, arg?: A): Timer {
    if (Number.isNaN(atMs)) throw new KvitteringError('E_SCHEDULE', 'event time is NaN');
    const timer = new LiveTimer(atMs, this);
    if (this.closed) return timer; // a callback running during close() may still schedule: ignore it
    this.timers.add(timer);
    this.arm(timer, () => fn(arg as A));
    return timer;
  }

  post<A>(delayMs: number, fn: (arg: A) => void, arg: A): void {
    this.after(delayMs, fn, arg);
  }

  postAt<A>(atMs: number, fn: (arg: A) => void, arg: A): void {
    this.at(atMs, fn, arg);
  }

  /** Wall milliseconds a virtual duration lasts (for drivers, whose timeouts are wall time). */
  toWallMs(virtualMs: number): number {
    return virtualMs / this.speedup;
  }

  /** Virtual milliseconds a wall duration spans. */
  toVirtualMs(wallMs: number): number {
    return wallMs * this.speedup;
  }

  /**
   * The virtual instant of a Unix-epoch timestamp (e.g. a row's stored_at read back from a database).
   * Measured back from the wall clock now, so drift between the monotonic and the wall clock over a
   * long run does not shift the answer.
   */
  virtualAtEpoch(epochMs: number): number {
    return this.now() - (Date.now() - epochMs) * this.speedup;
  }

  /** Timers still armed. */
  get pending(): number {
    return this.timers.size;
  }

  /** Cancel every armed timer; later `after`/`at` calls are ignored. Idempotent. */
  close(): void {
    this.closed = true;
    for (const timer of [...this.timers]) timer.cancel();
  }

  /** @internal LiveTimer.cancel */
  forget(timer: LiveTimer): void {
    this.timers.delete(timer);
  }

  private arm(timer: LiveTimer, fn: () => void): void {
    const waitMs = Math.max(0, this.toWallMs(timer.atMs - this.now()));
    timer.handle = setTimeout(() => {
      if (this.closed) return;
      if (timer.handle === undefined) return;
      // setTimeout may fire a fraction of a millisecond early; never run before the virtual instant
      // (a horizon timer that fired early would leave the run short of its required horizon).
      if (waitMs >= MAX_TIMEOUT_MS || this.now() < timer.atMs) {
        this.arm(timer, fn);
        return;
      }
      this.timers.delete(timer);
      timer.handle = undefined;
      this.eventsRun++;
      try {
        fn();
      } catch (error) {
        if (this.onError === undefined) throw error;
        this.onError(error);
      }
    }, Math.min(MAX_TIMEOUT_MS, Math.ceil(waitMs)));
  }
}

export { LiveClock };
export type { LiveClockOptions };
