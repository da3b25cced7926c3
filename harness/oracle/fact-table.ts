// The facts of every message a run has sent, kept as columns (struct of arrays) rather than one object
// per message: a national year holds ten million of them, and typed arrays cost neither per-object
// headers nor garbage-collector marking. Read it like a ReadonlyMap<msg, MessageFacts>; each read
// builds a fresh MessageFacts, so writing to one changes nothing here.

import type { DetectionSource, SenderKind } from '../ledger/entries.js';
import type { MessageFacts } from './fates.js';

/** The instants a message's story is made of, one column each; NaN = has not happened. */
const timeFields = ['sentAtMs', 'firstReceiptAtMs', 'storedAtMs', 'printedAtMs', 'failedAtMs', 'purgedAtMs', 'lostAtMs', 'detectedAtMs'] as const;
type TimeField = (typeof timeFields)[number];
const TIMES = timeFields.length;
const column = Object.fromEntries(timeFields.map((f, i) => [f, i])) as Record<TimeField, number>;

const senders: readonly SenderKind[] = ['public', 'private'];
const detectionSources: readonly DetectionSource[] = ['reconciliation', 'reporter', 'alert'];

class FactTable implements ReadonlyMap<number, MessageFacts> {
  private capacity = 0;
  private count = 0;
  /** Slots are handed out in send order. While ids arrive as 0, 1, 2 … the slot is the id itself. */
  private denseUpTo = 0;
  private readonly sparse = new Map<number, number>();
  private ids = new Float64Array(0);
  private times = new Float64Array(0);
  private receivers = new Int32Array(0);
  private extraCommits = new Uint32Array(0);
  /** Index into `senders`. */
  private senderCodes = new Uint8Array(0);
  /** 0 = not detected, else 1 + index into `detectionSources`. */
  private detectedByCodes = new Uint8Array(0);
  /** 0 = not detected, 1 = portal had purged it, 2 = portal still held it. */
  private inWindowCodes = new Uint8Array(0);

  get size(): number {
    return this.count;
  }

  /** The slot of a message, or -1 when it was never sent. */
  slotOf(msg: number): number {
    if (msg >= 0 && msg < this.denseUpTo && Number.isInteger(msg)) return msg;
    return this.sparse.get(msg) ?? -1;
  }

  /** A send: a new row, or the message's row reset if its id is sent again. */
  add(msg: number, receiver: number, sender: SenderKind, sentAtMs: number): void {
    let slot = this.slotOf(msg);
    if (slot < 0) {
      slot = this.count++;
      if (slot === msg && slot === this.denseUpTo) this.denseUpTo++;
      else this.sparse.set(msg, slot);
      if (slot >= this.capacity) this.grow();
    }
    this.ids[slot] = msg;
    this.times.fill(NaN, slot * TIMES, slot * TIMES + TIMES);
    this.times[slot * TIMES] = sentAtMs;
    this.receivers[slot] = receiver;
    this.senderCodes[slot] = sender === 'public' ? 0 : 1;
    this.extraCommits[slot] = 0;
    this.detectedByCodes[slot] = 0;
    this.inWindowCodes[slot] = 0;
  }

  time(slot: number, field: TimeField): number | undefined {
    const t = this.times[slot * TIMES + column[field]] as number;
    return Number.isNaN(t) ? undefined : t;
  }

  /** Record an instant the first time it happens (later ones are ignored, like `??=`). */
  setFirst(slot: number, field: TimeField, t: number): void {
    const i = slot * TIMES + column[field];
    if (Number.isNaN(this.times[i])) this.times[i] = t;
  }

  addExtraCommit(slot: number): void {
    this.extraCommits[slot] = (this.extraCommits[slot] as number) + 1;
  }

  /** The first detection only. */
  detect(slot: number, t: number, by: DetectionSource, portalHolds: boolean): void {
    const i = slot * TIMES + column.detectedAtMs;
    if (!Number.isNaN(this.times[i])) return;
    this.times[i] = t;
    this.detectedByCodes[slot] = 1 + detectionSources.indexOf(by);
    this.inWindowCodes[slot] = portalHolds ? 2 : 1;
  }

  /** The facts of the message in `slot`, as a fresh object with the optional fields that happened. */
  factsAt(slot: number): MessageFacts {
    const f: MessageFacts = {
      msg: this.ids[slot] as number,
      receiver: this.receivers[slot] as number,
      sender: senders[this.senderCodes[slot] as number] as SenderKind,
      sentAtMs: this.times[slot * TIMES] as number,
      extraCommits: this.extraCommits[slot] as number,
    };
    for (let k = 1; k < TIMES; k++) {
      const t = this.times[slot * TIMES + k] as number;
      if (!Number.isNaN(t)) f[timeFields[k] as Exclude<TimeField, 'sentAtMs'>] = t;
    }
    const by = this.detectedByCodes[slot] as number;
    if (by > 0) {
      f.detectedBy = detectionSources[by - 1];
      f.detectedInWindow = this.inWindowCodes[slot] === 2;
    }
    return f;
  }

  // --- ReadonlyMap ------------------------------------------------------------------------------------

  get(msg: number): MessageFacts | undefined {
    const slot = this.slotOf(msg);
    return slot < 0 ? undefined : this.factsAt(slot);
  }

  has(msg: number): boolean {
    return this.slotOf(msg) >= 0;
  }

  forEach(callback: (value: MessageFacts, key: number, map: ReadonlyMap<number, MessageFacts>) => void): void {
    for (let slot = 0; slot < this.count; slot++) callback(this.factsAt(slot), this.ids[slot] as number, this);
  }

  *entries(): MapIterator<[number, MessageFacts]> {
    for (let slot = 0; slot < this.count; slot++) yield [this.ids[slot] as number, this.factsAt(slot)];
  }

  *keys(): MapIterator<number> {
    for (let slot = 0; slot < this.count; slot++) yield this.ids[slot] as number;
  }

  *values(): MapIterator<MessageFacts> {
    for (let slot = 0; slot < this.count; slot++) yield this.factsAt(slot);
  }

  [Symbol.iterator](): MapIterator<[number, MessageFacts]> {
    return this.entries();
  }

  private grow(): void {
    const capacity = Math.max(1024, this.capacity * 2);
    const widen = <T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(old: T, make: (n: number) => T, n: number): T => {
      const next = make(n);
      next.set(old);
      return next;
    };
    this.ids = widen(this.ids, (n) => new Float64Array(n), capacity);
    this.times = widen(this.times, (n) => new Float64Array(n), capacity * TIMES);
    this.receivers = widen(this.receivers, (n) => new Int32Array(n), capacity);
    this.extraCommits = widen(this.extraCommits, (n) => new Uint32Array(n), capacity);
    this.senderCodes = widen(this.senderCodes, (n) => new Uint8Array(n), capacity);
    this.detectedByCodes = widen(this.detectedByCodes, (n) => new Uint8Array(n), capacity);
    this.inWindowCodes = widen(this.inWindowCodes, (n) => new Uint8Array(n), capacity);
    this.capacity = capacity;
  }
}

export { FactTable };
