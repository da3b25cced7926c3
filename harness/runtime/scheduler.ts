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
//
// An event is columns, not an object: its time and sequence in typed arrays (the heap's, and its lane's
// while it waits behind the head), its handler and argument in two arrays indexed by its heap slot or its
// place in the lane. Only an event that may be
// cancelled gets an object — the Timer handed back by `after`/`at`; `post`/`postAt` events get none, so
// a timer that waits 14 simulated days costs the collector nothing of its own.

import type { Clock, Timer } from './clock.js';
import { KvitteringError } from '../errors.js';

type Handler = (arg: unknown) => void;

/** The handle of an event that may be cancelled: the run skips it when it comes up. */
class CancelToken implements Timer {
  cancelled = false;

  cancel(): void {
    this.cancelled = true;
  }
}

/** Handler, argument and cancel token (undefined for posts) of events, by index. */
class EventRefs {
  fns: (Handler | undefined)[] = [];
  args: unknown[] = [];
  tokens: (CancelToken | undefined)[] = [];

  /** Writes event `i` (i ≤ the length: the columns grow by one push). */
  set(i: number, fn: Handler, arg: unknown, token: CancelToken | undefined): void {
    if (i === this.fns.length) {
      this.fns.push(fn);
      this.args.push(arg);
      this.tokens.push(token);
    } else {
      this.fns[i] = fn;
      this.args[i] = arg;
      this.tokens[i] = token;
    }
  }

  /** Drops event `i`'s references, so a run event's argument can be collected. */
  clear(i: number): void {
    this.fns[i] = undefined;
    this.args[i] = undefined;
    this.tokens[i] = undefined;
  }
}

/** A lane's events also keep their keys (time, sequence): the heap holds only the head's. */
class EventColumns extends EventRefs {
  times = new Float64Array(256);
  seqs = new Float64Array(256);

  setEvent(i: number, atMs: number, seq: number, fn: Handler, arg: unknown, token: CancelToken | undefined): void {
    if (i === this.times.length) this.grow();
    this.times[i] = atMs;
    this.seqs[i] = seq;
    this.set(i, fn, arg, token);
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

/**
 * Events of one fixed delay, in scheduling order: event `head` is the one in the heap, `tail` the next
 * free place. A drained lane rewinds to 0 but keeps its columns: a quiet run empties its lanes
 * thousands of times, and truncating would hand the backing store to the collector each time.
 */
class Lane {
  readonly events = new EventColumns();
  head = 0;
  tail = 0;
}

/** Delays that get a lane, at most: config delays are few; a run that schedules many distinct ones uses the heap. */
const MAX_LANES = 64;

/**
 * The heap keeps its keys (time, sequence) in typed arrays beside a third, the event's place: a slot in
 * `slots` for an event of its own, or ~lane for a lane's head. Sifting compares and moves numbers in
 * flat arrays instead of following a pointer to an object per comparison.
 */
class Scheduler implements Clock {
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private places = new Int32Array(1024);
  private size = 0;
  /** Heap events that are not lane heads, by slot; freed slots are reused (a stack of them). */
  private readonly slots = new EventRefs();
  private freeSlots = new Int32Array(1024);
  private freeCount = 0;
  private slotCount = 0;
  private nowMs = 0;
  private seq = 0;
  private readonly laneByDelay = new Map<number, number>();
  private readonly lanes: Lane[] = [];
  /** Events waiting in lanes behind their head (not in the heap). */
  private queuedInLanes = 0;
  /** Events run so far (cancelled ones excluded): the benchmark's unit of work. */
  eventsRun = 0;

  now(): number {
    return this.nowMs;
  }

  after<A>(delayMs: number, fn: (arg: A) => void, arg?: A): Timer {
    const token = new CancelToken();
    this.schedule(delayMs, fn as Handler, arg, token);
    return token;
  }

  at<A>(atMs: number, fn: (arg: A) => void, arg?: A): Timer {
    const token = new CancelToken();
    this.scheduleAt(atMs, fn as Handler, arg, token);
    return token;
  }

  post<A>(delayMs: number, fn: (arg: A) => void, arg: A): void {
    this.schedule(delayMs, fn as Handler, arg, undefined);
  }

  postAt<A>(atMs: number, fn: (arg: A) => void, arg: A): void {
    this.scheduleAt(atMs, fn as Handler, arg, undefined);
  }

  /** Events waiting to run (cancelled ones not yet reached included). */
  get pending(): number {
    return this.size + this.queuedInLanes;
  }

  private schedule(delayMs: number, fn: Handler, arg: unknown, token: CancelToken | undefined): void {
    if (delayMs > 0 && Number.isInteger(delayMs)) {
      const lane = this.laneByDelay.get(delayMs) ?? this.newLane(delayMs);
      if (lane >= 0) {
        this.enqueue(lane, this.nowMs + delayMs, fn, arg, token);
        return;
      }
    }
    this.scheduleAt(this.nowMs + Math.max(0, delayMs), fn, arg, token);
  }

  private scheduleAt(atMs: number, fn: Handler, arg: unknown, token: CancelToken | undefined): void {
    if (Number.isNaN(atMs)) throw new KvitteringError('E_SCHEDULE', 'event time is NaN');
    const slot = this.freeCount > 0 ? (this.freeSlots[--this.freeCount] as number) : this.slotCount++;
    const seq = this.seq++;
    const time = Math.max(atMs, this.nowMs);
    this.slots.set(slot, fn, arg, token);
    this.push(time, seq, slot);
  }

  private newLane(delayMs: number): number {
    if (this.lanes.length >= MAX_LANES) return -1;
    this.lanes.push(new Lane());
    this.laneByDelay.set(delayMs, this.lanes.length - 1);
    return this.lanes.length - 1;
  }

  private enqueue(index: number, atMs: number, fn: Handler, arg: unknown, token: CancelToken | undefined): void {
    const lane = this.lanes[index] as Lane;
    const seq = this.seq++;
    if (lane.head === lane.tail) this.push(atMs, seq, ~index);
    else this.queuedInLanes++;
    lane.events.setEvent(lane.tail++, atMs, seq, fn, arg, token);
  }

  /**
   * The lane's head has run (or was skipped): its successor takes its place at the top of the heap in
   * one sift down, rather than a pop and a push. Successors already cancelled are dropped on the way —
   * they would only be popped to be skipped (a write's timeout, cancelled by its answer, is most of a
   * 15-second lane) — so the heap never sees them.
   */
  private advance(index: number): void {
    const lane = this.lanes[index] as Lane;
    const events = lane.events;
    events.clear(lane.head++);
    while (lane.head < lane.tail && events.tokens[lane.head]?.cancelled === true) {
      events.clear(lane.head++);
      this.queuedInLanes--;
    }
    if (lane.head < lane.tail) {
      this.queuedInLanes--;
      this.siftDown(events.times[lane.head] as number, events.seqs[lane.head] as number, ~index, this.size);
      // Move the live part to the front once the run prefix is most of it, so the columns stop growing.
      if (lane.head > 4096 && lane.head * 2 > lane.tail) {
        const { head, tail } = lane;
        events.times.copyWithin(0, head, tail);
        events.seqs.copyWithin(0, head, tail);
        events.fns.copyWithin(0, head, tail).fill(undefined, tail - head, tail);
        events.args.copyWithin(0, head, tail).fill(undefined, tail - head, tail);
        events.tokens.copyWithin(0, head, tail).fill(undefined, tail - head, tail);
        lane.tail -= head;
        lane.head = 0;
      }
    } else {
      this.pop();
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
      const place = this.places[0] as number;
      let fn: Handler;
      let arg: unknown;
      let token: CancelToken | undefined;
      if (place < 0) {
        const index = ~place;
        const lane = this.lanes[index] as Lane;
        const events = lane.events;
        fn = events.fns[lane.head] as Handler;
        arg = events.args[lane.head];
        token = events.tokens[lane.head];
        this.advance(index);
      } else {
        this.pop();
        const slots = this.slots;
        fn = slots.fns[place] as Handler;
        arg = slots.args[place];
        token = slots.tokens[place];
        slots.clear(place);
        if (this.freeCount === this.freeSlots.length) this.growFreeSlots();
        this.freeSlots[this.freeCount++] = place;
      }
      if (token !== undefined && token.cancelled) continue;
      this.nowMs = atMs;
      this.eventsRun++;
      fn(arg);
      if (shouldStop !== undefined && ++sinceCheck >= 4096) {
        sinceCheck = 0;
        if (shouldStop()) return false;
      }
    }
    this.nowMs = Math.max(this.nowMs, untilMs);
    return true;
  }

  /** Sift up from the end (parent of i is (i − 1) / 4): by time, then by scheduling order. */
  private push(atMs: number, seq: number, place: number): void {
    if (this.size === this.times.length) this.grow();
    const { times, seqs, places } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pt = times[parent] as number;
      if (pt < atMs || (pt === atMs && (seqs[parent] as number) < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent] as number;
      places[i] = places[parent] as number;
      i = parent;
    }
    times[i] = atMs;
    seqs[i] = seq;
    places[i] = place;
  }

  /** Remove the earliest event: the last one sifts down from the top. */
  private pop(): void {
    const n = --this.size;
    if (n > 0) this.siftDown(this.times[n] as number, this.seqs[n] as number, this.places[n] as number, n);
  }

  /** Put (atMs, seq, place) at the top of the heap's first n entries and sift it down to where it belongs. */
  private siftDown(atMs: number, seq: number, place: number, n: number): void {
    const { times, seqs, places } = this;
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
      if (atMs < ct || (atMs === ct && seq < (seqs[c] as number))) break;
      times[i] = ct;
      seqs[i] = seqs[c] as number;
      places[i] = places[c] as number;
      i = c;
    }
    times[i] = atMs;
    seqs[i] = seq;
    places[i] = place;
  }

  private grow(): void {
    const n = this.times.length * 2;
    const times = new Float64Array(n);
    const seqs = new Float64Array(n);
    const places = new Int32Array(n);
    times.set(this.times);
    seqs.set(this.seqs);
    places.set(this.places);
    this.times = times;
    this.seqs = seqs;
    this.places = places;
  }

  private growFreeSlots(): void {
    const free = new Int32Array(this.freeSlots.length * 2);
    free.set(this.freeSlots);
    this.freeSlots = free;
  }
}

export { Scheduler };
