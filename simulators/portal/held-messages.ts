// The messages the portal holds, as columns indexed by id. Ids are dense integers handed out in
// sending order (MessageIds), and every message is forgotten a bounded time after it was sent (the
// purge), so the ids held are one window sliding up the id range: column index = id − origin.
// A record and a Map entry per message cost more than the rest of the portal: the record lives for
// weeks (promoted, then marked by every major collection) and the hash table reallocated as it filled
// with deleted entries. Here a message is a few numbers in typed arrays and three references.

import { KvitteringError } from '../../harness/errors.js';
import type { Timer } from '../../harness/runtime/clock.js';
import type { MessageHeader } from './message.js';

/** A held message's status (`state` column). */
const DELIVERING = 0;
const AWAITING_RECEIPT = 1;
const RECEIPTED = 2;
const FAILED = 3;

type NumberColumn = Uint8Array | Int32Array | Float64Array;

/** `column` with its live part [lo, hi) moved to start at `to`, in place or into a larger copy. */
function moved<C extends NumberColumn>(column: C, capacity: number, lo: number, hi: number, to: number): C {
  if (capacity === column.length) {
    column.copyWithin(to, lo, hi);
    return column;
  }
  const grown = new (column.constructor as new (length: number) => C)(capacity);
  grown.set(column.subarray(lo, hi), to);
  return grown;
}

/** As `moved`, for references: what the move leaves behind is cleared, so it can be collected. */
function movedRefs<T>(column: (T | undefined)[], capacity: number, lo: number, hi: number, to: number): (T | undefined)[] {
  if (capacity === column.length) {
    column.copyWithin(to, lo, hi);
    column.fill(undefined, lo, Math.min(to, hi));
    column.fill(undefined, Math.max(to + hi - lo, lo), hi);
    return column;
  }
  // Built by push: `new Array(n)` past about 100 000 elements is a dictionary, not a flat array.
  const grown: (T | undefined)[] = [];
  for (let i = 0; i < capacity; i++) grown.push(i >= to && i < to + hi - lo ? column[lo + i - to] : undefined);
  return grown;
}

/**
 * The window. An index is valid until the next `add` (which may move the columns); the portal looks a
 * message up again in every event. `headers[i]` is undefined exactly when index i holds no message.
 */
class HeldMessages {
  state = new Uint8Array(64);
  /** Delivery attempts (pushes and downloads) since the submit or the last redelivery. */
  attempts = new Int32Array(64);
  /** 1 when the message went (and goes) to the receiver's wrong route. */
  wrongRoute = new Uint8Array(64);
  printed = new Uint8Array(64);
  /** Adding order, for walking the held messages as they came (ids may arrive out of order). */
  private order = new Float64Array(64);
  headers: (MessageHeader | undefined)[] = movedRefs([], 64, 0, 0, 0);
  deadlines: (Timer | undefined)[] = movedRefs([], 64, 0, 0, 0);
  answerTimers: (Timer | undefined)[] = movedRefs([], 64, 0, 0, 0);
  /** The id at index 0. */
  private origin = 0;
  /** No message below index `lo` (a lower bound, raised when the columns move) or at `hi` and above. */
  private lo = 0;
  private hi = 0;
  private count = 0;
  private added = 0;

  /** The index of the held message with this id, or -1. */
  indexOf(id: number): number {
    const i = id - this.origin;
    return this.headers[i] === undefined ? -1 : i;
  }

  /**
   * The index of the message `header` belongs to while it is held, else -1: an event of a forgotten
   * message must not act on a later one that reuses its id.
   */
  find(header: MessageHeader): number {
    const i = header.id - this.origin;
    return this.headers[i] === header ? i : -1;
  }

  /** A new message, delivering on the correct route with no attempts yet; its index. */
  add(header: MessageHeader): number {
    const id = header.id;
    if (!Number.isSafeInteger(id)) throw new KvitteringError('E_MESSAGE_ID', `message id ${id} is not an integer`);
    if (this.indexOf(id) >= 0) throw new KvitteringError('E_MESSAGE_ID', `message ${id} is already held`);
    if (this.count === 0) {
      this.origin = id;
      this.lo = 0;
      this.hi = 0;
    }
    let i = id - this.origin;
    if (i < 0 || i >= this.state.length) {
      this.makeRoom(id);
      i = id - this.origin;
    }
    this.lo = Math.min(this.lo, i);
    this.hi = Math.max(this.hi, i + 1);
    this.count++;
    this.state[i] = DELIVERING;
    this.attempts[i] = 0;
    this.wrongRoute[i] = 0;
    this.printed[i] = 0;
    this.order[i] = this.added++;
    this.headers[i] = header;
    return i;
  }

  /** Index i holds nothing from now on. */
  forget(i: number): void {
    this.headers[i] = undefined;
    this.deadlines[i] = undefined;
    this.answerTimers[i] = undefined;
    this.count--;
  }

  /** The indexes of the held messages, in the order they were added. */
  inOrder(): number[] {
    const held: number[] = [];
    for (let i = this.lo; i < this.hi; i++) if (this.headers[i] !== undefined) held.push(i);
    return held.sort((a, b) => (this.order[a] as number) - (this.order[b] as number));
  }

  /**
   * Moves the held span so `id` fits, dropping the forgotten prefix: in place while the span with `id`
   * takes at most half the columns, else into columns twice as large. Either way at least half stays
   * free, so a run pays one move per half-capacity of new ids.
   */
  private makeRoom(id: number): void {
    while (this.lo < this.hi && this.headers[this.lo] === undefined) this.lo++;
    const { lo, hi } = this;
    const first = Math.min(id, this.origin + lo);
    const span = Math.max(id + 1, this.origin + hi) - first;
    let capacity = this.state.length;
    while (capacity < 2 * span) capacity *= 2;
    const to = this.origin + lo - first;
    this.state = moved(this.state, capacity, lo, hi, to);
    this.attempts = moved(this.attempts, capacity, lo, hi, to);
    this.wrongRoute = moved(this.wrongRoute, capacity, lo, hi, to);
    this.printed = moved(this.printed, capacity, lo, hi, to);
    this.order = moved(this.order, capacity, lo, hi, to);
    this.headers = movedRefs(this.headers, capacity, lo, hi, to);
    this.deadlines = movedRefs(this.deadlines, capacity, lo, hi, to);
    this.answerTimers = movedRefs(this.answerTimers, capacity, lo, hi, to);
    this.origin = first;
    this.lo = to;
    this.hi = to + hi - lo;
  }
}

export { HeldMessages, DELIVERING, AWAITING_RECEIPT, RECEIPTED, FAILED };
