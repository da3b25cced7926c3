// The messages the portal holds, as columns indexed by id. Ids are dense integers handed out in
// sending order (MessageIds), and every message is forgotten a bounded time after it was sent (the
// purge), so the ids held span a window sliding up the id range: a ring of columns at least that wide,
// where id lands at index id mod capacity, never collides and never moves until the ring grows.
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

/**
 * `length` undefineds in one allocation. Filled at once, the array stays flat (not a dictionary) at any
 * ring size on Node 20, where building it by push copied it at every step of its growth: 10 % of what a
 * 200 k-message run allocated, and 3.5× the time.
 */
function emptyRefs<T>(length: number): (T | undefined)[] {
  return new Array<T | undefined>(length).fill(undefined);
}

/**
 * The ring. An index is valid until the next `add` (which may grow the ring); the portal looks a
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
  headers = emptyRefs<MessageHeader>(64);
  deadlines = emptyRefs<Timer>(64);
  answerTimers = emptyRefs<Timer>(64);
  /** Capacity − 1 (the capacity is a power of two). */
  private mask = 63;
  /** Every held id is in [lo, hi); `lo` is a lower bound, raised only when room is needed. */
  private lo = 0;
  private hi = 0;
  private added = 0;

  /** The index of the held message with this id, or -1. */
  indexOf(id: number): number {
    const i = id & this.mask;
    return this.headers[i]?.id === id ? i : -1;
  }

  /**
   * The index of the message `header` belongs to while it is held, else -1: an event of a forgotten
   * message must not act on a later one sent under its id.
   */
  find(header: MessageHeader): number {
    const i = header.id & this.mask;
    return this.headers[i] === header ? i : -1;
  }

  /** Receipted or failed: the portal has stopped delivering it (it stays held until the purge). */
  settled(i: number): boolean {
    const state = this.state[i];
    return state === RECEIPTED || state === FAILED;
  }

  /** A new message, delivering on the correct route with no attempts yet; its index. */
  add(header: MessageHeader): number {
    const id = header.id;
    if (!Number.isSafeInteger(id)) throw new KvitteringError('E_MESSAGE_ID', `message id ${id} is not an integer`);
    if (this.indexOf(id) >= 0) throw new KvitteringError('E_MESSAGE_ID', `message ${id} is already held`);
    this.makeRoom(id);
    const i = id & this.mask;
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
  }

  /** The indexes of the held messages, in the order they were added. */
  inOrder(): number[] {
    const held: number[] = [];
    this.headers.forEach((header, i) => {
      if (header !== undefined) held.push(i);
    });
    return held.sort((a, b) => (this.order[a] as number) - (this.order[b] as number));
  }

  /**
   * Widens [lo, hi) to take `id`, first raising `lo` past the forgotten ids at the bottom (when nothing
   * is held any more, the span starts afresh at `id`), and grows the ring if the span outgrows it.
   */
  private makeRoom(id: number): void {
    while (this.lo < this.hi && this.indexOf(this.lo) < 0) this.lo++;
    if (this.lo === this.hi) {
      this.lo = id;
      this.hi = id;
    }
    const lo = Math.min(this.lo, id);
    const hi = Math.max(this.hi, id + 1);
    if (hi - lo > this.headers.length) this.grow(hi - lo);
    this.lo = lo;
    this.hi = hi;
  }

  /** Every held message to its index in a ring twice as large, or larger until `span` ids fit. */
  private grow(span: number): void {
    let capacity = 2 * this.headers.length;
    while (capacity < span) capacity *= 2;
    const mask = capacity - 1;
    const state = new Uint8Array(capacity);
    const attempts = new Int32Array(capacity);
    const wrongRoute = new Uint8Array(capacity);
    const printed = new Uint8Array(capacity);
    const order = new Float64Array(capacity);
    const headers = emptyRefs<MessageHeader>(capacity);
    const deadlines = emptyRefs<Timer>(capacity);
    const answerTimers = emptyRefs<Timer>(capacity);
    this.headers.forEach((header, k) => {
      if (header === undefined) return;
      const j = header.id & mask;
      state[j] = this.state[k] as number;
      attempts[j] = this.attempts[k] as number;
      wrongRoute[j] = this.wrongRoute[k] as number;
      printed[j] = this.printed[k] as number;
      order[j] = this.order[k] as number;
      headers[j] = header;
      deadlines[j] = this.deadlines[k];
      answerTimers[j] = this.answerTimers[k];
    });
    this.state = state;
    this.attempts = attempts;
    this.wrongRoute = wrongRoute;
    this.printed = printed;
    this.order = order;
    this.headers = headers;
    this.deadlines = deadlines;
    this.answerTimers = answerTimers;
    this.mask = mask;
  }
}

export { HeldMessages, DELIVERING, AWAITING_RECEIPT, RECEIPTED, FAILED };
