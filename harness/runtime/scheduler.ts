// Discrete-event scheduler: a 4-ary min-heap ordered by (time, insertion sequence). The sequence
// makes ties deterministic, which is what makes a seed reproduce a run exactly. Four children per
// node halve the heap's depth: a national run keeps half a million timers pending, and each level
// down is a cache miss.

import type { Clock, Timer } from './clock.js';
import { KvitteringError } from '../errors.js';

class ScheduledEvent implements Timer {
  cancelled = false;
  constructor(readonly fn: () => void) {}

  cancel(): void {
    this.cancelled = true;
  }
}

/** Fills a freed heap slot, so the events array stays dense and holds no run event alive. */
const spent = new ScheduledEvent(() => undefined);

/**
 * The heap keeps its keys (time, sequence) in typed arrays beside the events, so sifting compares
 * numbers in two flat arrays instead of following a pointer to an object per comparison: with a
 * national run's hundreds of thousands of pending timers, that is most of the scheduler's cost.
 */
class Scheduler implements Clock {
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private events: ScheduledEvent[] = [];
  private size = 0;
  private nowMs = 0;
  private seq = 0;
  /** Events run so far (cancelled ones excluded): the benchmark's unit of work. */
  eventsRun = 0;

  now(): number {
    return this.nowMs;
  }

  after(delayMs: number, fn: () => void): Timer {
    return this.at(this.nowMs + Math.max(0, delayMs), fn);
  }

  at(atMs: number, fn: () => void): Timer {
    if (Number.isNaN(atMs)) throw new KvitteringError('E_SCHEDULE', 'event time is NaN');
    const event = new ScheduledEvent(fn);
    this.push(Math.max(atMs, this.nowMs), this.seq++, event);
    return event;
  }

  get pending(): number {
    return this.size;
  }

  /**
   * Run events in order until none are left at or before `untilMs`, or `shouldStop()` says so
   * (checked every 4096 events so a long run can be interrupted). The clock ends at `untilMs`.
   */
  runUntil(untilMs: number, shouldStop?: () => boolean): boolean {
    let sinceCheck = 0;
    while (this.size > 0) {
      const atMs = this.times[0] as number;
      if (atMs > untilMs) break;
      const top = this.pop();
      if (top.cancelled) continue;
      this.nowMs = atMs;
      this.eventsRun++;
      top.fn();
      if (shouldStop !== undefined && ++sinceCheck >= 4096) {
        sinceCheck = 0;
        if (shouldStop()) return false;
      }
    }
    this.nowMs = Math.max(this.nowMs, untilMs);
    return true;
  }

  /** Sift up from the end (parent of i is (i − 1) / 4): by time, then by scheduling order. */
  private push(atMs: number, seq: number, event: ScheduledEvent): void {
    if (this.size === this.times.length) this.grow();
    const { times, seqs, events } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pt = times[parent] as number;
      if (pt < atMs || (pt === atMs && (seqs[parent] as number) < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent] as number;
      events[i] = events[parent] as ScheduledEvent;
      i = parent;
    }
    times[i] = atMs;
    seqs[i] = seq;
    events[i] = event;
  }

  /** Remove and return the earliest event; the last one sifts down into its place. */
  private pop(): ScheduledEvent {
    const { times, seqs, events } = this;
    const top = events[0] as ScheduledEvent;
    const n = --this.size;
    const lastT = times[n] as number;
    const lastS = seqs[n] as number;
    const last = events[n] as ScheduledEvent;
    events[n] = spent; // drop the reference so a run event can be collected
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      // The earliest of up to four children.
      let c = first;
      let ct = times[first] as number;
      const end = Math.min(first + 4, n);
      for (let k = first + 1; k < end; k++) {
        const kt = times[k] as number;
        if (kt < ct || (kt === ct && (seqs[k] as number) < (seqs[c] as number))) {
          c = k;
          ct = kt;
        }
      }
      if (lastT < ct || (lastT === ct && lastS < (seqs[c] as number))) break;
      times[i] = ct;
      seqs[i] = seqs[c] as number;
      events[i] = events[c] as ScheduledEvent;
      i = c;
    }
    times[i] = lastT;
    seqs[i] = lastS;
    events[i] = last;
    return top;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const seqs = new Float64Array(this.seqs.length * 2);
    times.set(this.times);
    seqs.set(this.seqs);
    this.times = times;
    this.seqs = seqs;
  }
}

export { Scheduler };
