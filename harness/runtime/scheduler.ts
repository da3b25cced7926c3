// Discrete-event scheduler: a binary min-heap ordered by (time, insertion sequence). The sequence
// makes ties deterministic, which is what makes a seed reproduce a run exactly.

import type { Clock, Timer } from './clock.js';

class ScheduledEvent implements Timer {
  cancelled = false;
  constructor(
    readonly atMs: number,
    readonly seq: number,
    readonly fn: () => void,
  ) {}

  cancel(): void {
    this.cancelled = true;
  }
}

function before(x: ScheduledEvent, y: ScheduledEvent): boolean {
  return x.atMs < y.atMs || (x.atMs === y.atMs && x.seq < y.seq);
}

class Scheduler implements Clock {
  private heap: ScheduledEvent[] = [];
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
    if (Number.isNaN(atMs)) throw new Error('[kvittering] E_SCHEDULE: event time is NaN');
    const event = new ScheduledEvent(Math.max(atMs, this.nowMs), this.seq++, fn);
    this.push(event);
    return event;
  }

  get pending(): number {
    return this.heap.length;
  }

  /**
   * Run events in order until none are left at or before `untilMs`, or `shouldStop()` says so
   * (checked every 4096 events so a long run can be interrupted). The clock ends at `untilMs`.
   */
  runUntil(untilMs: number, shouldStop?: () => boolean): boolean {
    let sinceCheck = 0;
    while (this.heap.length > 0) {
      const top = this.heap[0] as ScheduledEvent;
      if (top.atMs > untilMs) break;
      this.pop();
      if (top.cancelled) continue;
      this.nowMs = top.atMs;
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

  private push(event: ScheduledEvent): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(event);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as ScheduledEvent;
      if (!before(event, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = event;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop() as ScheduledEvent;
    const n = heap.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && before(heap[r] as ScheduledEvent, heap[l] as ScheduledEvent)) c = r;
      const child = heap[c] as ScheduledEvent;
      if (!before(child, last)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
  }
}

export { Scheduler };
