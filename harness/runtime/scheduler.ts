// Discrete-event scheduler: a 4-ary min-heap ordered by (time, insertion sequence). The sequence
// makes ties deterministic, which is what makes a seed reproduce a run exactly. Four children per
// node halve the heap's depth: a national run keeps half a million timers pending, and each level
// down is a cache miss.
//
// Most of those timers are long and all alike: every message holds a 14-day purge and a 2-day receipt
// deadline, every write a 15-second client timeout. Timers scheduled `after` the same whole-millisecond
// delay fire in the order they were scheduled (now only grows), so each such delay gets a FIFO lane and
// the heap holds only the lane's head. The run order is still exactly (time, sequence): the heap
// compares the heads like any other event. It only stops paying a sift through hundreds of thousands
// of entries for timers whose order is already known.

import type { Clock, Timer } from './clock.js';
import { KvitteringError } from '../errors.js';

/** An event is data: its handler (shared by all events of its kind) and the value it is called with. */
class ScheduledEvent implements Timer {
  cancelled = false;
  constructor(readonly fn: (arg: unknown) => void, readonly arg: unknown, readonly atMs: number, readonly seq: number, readonly lane: Lane | undefined) {}

  cancel(): void {
    this.cancelled = true;
  }
}

/**
 * Events of one fixed delay, in scheduling order: `events[head]` is the one in the heap, `tail` the next
 * free slot. A drained lane rewinds to 0 but keeps its array: a quiet run empties its lanes thousands
 * of times, and truncating would hand the backing store to the collector and grow a new one each time.
 */
class Lane {
  events: ScheduledEvent[] = [];
  head = 0;
  tail = 0;
}

/** Fills a freed heap slot, so the events array stays dense and holds no run event alive. */
const spent = new ScheduledEvent(() => undefined, undefined, 0, 0, undefined);

/** Delays that get a lane, at most: config delays are few; a run that schedules many distinct ones uses the heap. */
const MAX_LANES = 64;

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
  private readonly lanes = new Map<number, Lane>();
  /** Events waiting in lanes behind their head (not in the heap). */
  private queuedInLanes = 0;
  /** Events run so far (cancelled ones excluded): the benchmark's unit of work. */
  eventsRun = 0;

  now(): number {
    return this.nowMs;
  }

  after<A>(delayMs: number, fn: (arg: A) => void, arg?: A): Timer {
    if (delayMs > 0 && Number.isInteger(delayMs)) {
      const lane = this.lanes.get(delayMs) ?? this.newLane(delayMs);
      if (lane !== undefined) return this.enqueue(lane, this.nowMs + delayMs, fn as (arg: unknown) => void, arg);
    }
    return this.at(this.nowMs + Math.max(0, delayMs), fn, arg);
  }

  at<A>(atMs: number, fn: (arg: A) => void, arg?: A): Timer {
    if (Number.isNaN(atMs)) throw new KvitteringError('E_SCHEDULE', 'event time is NaN');
    const time = Math.max(atMs, this.nowMs);
    const event = new ScheduledEvent(fn as (arg: unknown) => void, arg, time, this.seq++, undefined);
    this.push(time, event.seq, event);
    return event;
  }

  /** Events waiting to run (cancelled ones not yet reached included). */
  get pending(): number {
    return this.size + this.queuedInLanes;
  }

  private newLane(delayMs: number): Lane | undefined {
    if (this.lanes.size >= MAX_LANES) return undefined;
    const lane = new Lane();
    this.lanes.set(delayMs, lane);
    return lane;
  }

  private enqueue(lane: Lane, atMs: number, fn: (arg: unknown) => void, arg: unknown): Timer {
    const event = new ScheduledEvent(fn, arg, atMs, this.seq++, lane);
    if (lane.head === lane.tail) this.push(atMs, event.seq, event);
    else this.queuedInLanes++;
    if (lane.tail === lane.events.length) lane.events.push(event);
    else lane.events[lane.tail] = event;
    lane.tail++;
    return event;
  }

  /** The lane's head has left the heap: its successor, if any, takes its place there. */
  private advance(lane: Lane): void {
    const events = lane.events;
    events[lane.head++] = spent;
    if (lane.head < lane.tail) {
      const next = events[lane.head] as ScheduledEvent;
      this.queuedInLanes--;
      this.push(next.atMs, next.seq, next);
      // Move the live part to the front once the run prefix is most of it, so the array stops growing.
      if (lane.head > 4096 && lane.head * 2 > lane.tail) {
        events.copyWithin(0, lane.head, lane.tail);
        events.fill(spent, lane.tail - lane.head, lane.tail);
        lane.tail -= lane.head;
        lane.head = 0;
      }
    } else {
      lane.head = 0;
      lane.tail = 0;
    }
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
      if (top.lane !== undefined) this.advance(top.lane);
      if (top.cancelled) continue;
      this.nowMs = atMs;
      this.eventsRun++;
      top.fn(top.arg);
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
