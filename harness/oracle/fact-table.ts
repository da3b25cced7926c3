// The facts of every message a run has sent, kept as columns (struct of arrays) rather than one object
// per message: a national year holds ten million of them, and typed arrays cost neither per-object
// headers nor garbage-collector marking. Read it like a ReadonlyMap<msg, MessageFacts>; each read
// builds a fresh MessageFacts, so writing to one changes nothing here.

import type { DetectionSource, SenderKind } from '../ledger/entries.js';
import type { FactsRow, MessageFacts } from './message-facts.js';

/** The instants a message's story is made of, side by side per message; NaN = has not happened. */
const timeFields = ['sentAtMs', 'firstReceiptAtMs', 'storedAtMs', 'printedAtMs', 'failedAtMs', 'purgedAtMs', 'lostAtMs', 'detectedAtMs', 'resentAtMs'] as const;
type TimeField = (typeof timeFields)[number];
const TIMES = timeFields.length;
/** The column of each instant in a message's row. */
const column = Object.fromEntries(timeFields.map((f, i) => [f, i])) as Record<TimeField, number>;

/** Index = the sender bit of a message's code byte. */
const senders: readonly SenderKind[] = ['public', 'private'];
const detectionSources: readonly DetectionSource[] = ['reconciliation', 'reporter', 'alert'];

/** Slots per chunk: columns grow a chunk at a time, so nothing is copied and at most one chunk is spare. */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;
/**
 * The first chunk starts this small and doubles up to CHUNK: a 1,000-message world (a property test
 * runs hundreds a second) would otherwise allocate and zero 5 MiB of columns it never uses.
 */
const FIRST_CHUNK = 1024;

// One byte per message packs the small fields: sender (bit 0), detectedBy (bits 1–2: 0 = not detected,
// else 1 + index into detectionSources), detected while the portal held it (bit 3).
const PRIVATE_BIT = 1;
const BY_SHIFT = 1;
const BY_MASK = 0b110;
const IN_WINDOW_BIT = 0b1000;

class FactTable implements ReadonlyMap<number, MessageFacts> {
  private count = 0;
  /** Slots are handed out in send order. While ids arrive as 0, 1, 2 … the slot is the id itself. */
  private denseUpTo = 0;
  /** Ids that broke the 0, 1, 2 … order: id → slot, and the ids of slots from denseUpTo on. */
  private readonly sparse = new Map<number, number>();
  private readonly sparseIds: number[] = [];
  private readonly times: Float64Array[] = [];
  private readonly receivers: Int32Array[] = [];
  private readonly extraCommits: Uint32Array[] = [];
  private readonly codes: Uint8Array[] = [];
  /** Slots the last chunk has room for (CHUNK, except while the first one is still growing). */
  private lastChunkSlots = 0;

  get size(): number {
    return this.count;
  }

  /** The slot of a message, or -1 when it was never sent. */
  slotOf(msg: number): number {
    if (msg >= 0 && msg < this.denseUpTo && Number.isInteger(msg)) return msg;
    // Every send of a fresh dense id asks first: no lookup while no id has broken the order.
    return this.sparse.size === 0 ? -1 : (this.sparse.get(msg) ?? -1);
  }

  /** The id of the message in `slot`. */
  idAt(slot: number): number {
    return slot < this.denseUpTo ? slot : (this.sparseIds[slot - this.denseUpTo] as number);
  }

  /** A send: a new row (the caller decides what a second send of an id means). */
  add(msg: number, receiver: number, sender: SenderKind, sentAtMs: number): void {
    let slot = this.slotOf(msg);
    if (slot < 0) slot = this.newSlot(msg);
    else this.clearRow(slot);
    this.timesOf(slot)[(slot & MASK) * TIMES] = sentAtMs;
    (this.receivers[slot >> CHUNK_BITS] as Int32Array)[slot & MASK] = receiver;
    (this.codes[slot >> CHUNK_BITS] as Uint8Array)[slot & MASK] = sender === 'public' ? 0 : PRIVATE_BIT;
  }

  receiverAt(slot: number): number {
    return (this.receivers[slot >> CHUNK_BITS] as Int32Array)[slot & MASK] as number;
  }

  time(slot: number, field: TimeField): number | undefined {
    const t = this.timesOf(slot)[(slot & MASK) * TIMES + column[field]] as number;
    return Number.isNaN(t) ? undefined : t;
  }

  /**
   * Record an instant the first time it happens (later ones are ignored, like `??=`). `col` is
   * `column[field]`, looked up by the caller: a lookup by a varying name here would cost every entry.
   */
  setFirst(slot: number, col: number, t: number): void {
    const times = this.timesOf(slot);
    const i = (slot & MASK) * TIMES + col;
    if (Number.isNaN(times[i])) times[i] = t;
  }

  addExtraCommit(slot: number): void {
    const extra = this.extraCommits[slot >> CHUNK_BITS] as Uint32Array;
    extra[slot & MASK] = (extra[slot & MASK] as number) + 1;
  }

  /** The first detection only. */
  detect(slot: number, t: number, by: DetectionSource, portalHolds: boolean): void {
    const times = this.timesOf(slot);
    const i = (slot & MASK) * TIMES + column.detectedAtMs;
    if (!Number.isNaN(times[i])) return;
    times[i] = t;
    const codes = this.codes[slot >> CHUNK_BITS] as Uint8Array;
    codes[slot & MASK] = (codes[slot & MASK] as number) | ((1 + detectionSources.indexOf(by)) << BY_SHIFT) | (portalHolds ? IN_WINDOW_BIT : 0);
  }

  /** The facts of the message in `slot` as numbers, written over `row` (the judge reuses one row). */
  readInto(slot: number, row: FactsRow): void {
    const times = this.timesOf(slot);
    const at = (slot & MASK) * TIMES;
    const code = (this.codes[slot >> CHUNK_BITS] as Uint8Array)[slot & MASK] as number;
    row.msg = this.idAt(slot);
    row.receiver = (this.receivers[slot >> CHUNK_BITS] as Int32Array)[slot & MASK] as number;
    row.sender = senders[code & PRIVATE_BIT] as SenderKind;
    row.sentAtMs = times[at] as number;
    row.firstReceiptAtMs = times[at + column.firstReceiptAtMs] as number;
    row.storedAtMs = times[at + column.storedAtMs] as number;
    row.printedAtMs = times[at + column.printedAtMs] as number;
    row.purgedAtMs = times[at + column.purgedAtMs] as number;
    row.lostAtMs = times[at + column.lostAtMs] as number;
    row.detectedAtMs = times[at + column.detectedAtMs] as number;
    row.detectedInWindow = (code & IN_WINDOW_BIT) !== 0;
    row.resentAtMs = times[at + column.resentAtMs] as number;
  }

  /** The facts of the message in `slot`, as a fresh object with the optional fields that happened. */
  factsAt(slot: number): MessageFacts {
    const times = this.timesOf(slot);
    const at = (slot & MASK) * TIMES;
    const code = (this.codes[slot >> CHUNK_BITS] as Uint8Array)[slot & MASK] as number;
    const f: MessageFacts = {
      msg: this.idAt(slot),
      receiver: (this.receivers[slot >> CHUNK_BITS] as Int32Array)[slot & MASK] as number,
      sender: senders[code & PRIVATE_BIT] as SenderKind,
      sentAtMs: times[at] as number,
      extraCommits: (this.extraCommits[slot >> CHUNK_BITS] as Uint32Array)[slot & MASK] as number,
    };
    for (let k = 1; k < TIMES; k++) {
      const t = times[at + k] as number;
      if (!Number.isNaN(t)) f[timeFields[k] as Exclude<TimeField, 'sentAtMs'>] = t;
    }
    const by = (code & BY_MASK) >> BY_SHIFT;
    if (by > 0) {
      f.detectedBy = detectionSources[by - 1];
      f.detectedInWindow = (code & IN_WINDOW_BIT) !== 0;
    }
    return f;
  }

  /** Ids of the messages with a second record, in send order: read from the column, no facts built. */
  storedTwice(): number[] {
    const ids: number[] = [];
    for (let slot = 0; slot < this.count; slot++) {
      if (((this.extraCommits[slot >> CHUNK_BITS] as Uint32Array)[slot & MASK] as number) > 0) ids.push(this.idAt(slot));
    }
    return ids;
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
    for (let slot = 0; slot < this.count; slot++) callback(this.factsAt(slot), this.idAt(slot), this);
  }

  *entries(): MapIterator<[number, MessageFacts]> {
    for (let slot = 0; slot < this.count; slot++) yield [this.idAt(slot), this.factsAt(slot)];
  }

  *keys(): MapIterator<number> {
    for (let slot = 0; slot < this.count; slot++) yield this.idAt(slot);
  }

  *values(): MapIterator<MessageFacts> {
    for (let slot = 0; slot < this.count; slot++) yield this.factsAt(slot);
  }

  [Symbol.iterator](): MapIterator<[number, MessageFacts]> {
    return this.entries();
  }

  private timesOf(slot: number): Float64Array {
    return this.times[slot >> CHUNK_BITS] as Float64Array;
  }

  /** A new slot for a first send of `msg`; its row is blank (instants NaN, counts 0). */
  private newSlot(msg: number): number {
    const slot = this.count++;
    if ((slot & MASK) === 0) this.addChunk(slot === 0 ? FIRST_CHUNK : CHUNK);
    else if ((slot & MASK) === this.lastChunkSlots) this.growLastChunk();
    if (slot === msg && slot === this.denseUpTo) this.denseUpTo++;
    else {
      this.sparse.set(msg, slot);
      this.sparseIds.push(msg);
    }
    return slot;
  }

  /** A used row made blank again, for a second send of an id. */
  private clearRow(slot: number): void {
    const at = (slot & MASK) * TIMES;
    this.timesOf(slot).fill(NaN, at, at + TIMES);
    (this.extraCommits[slot >> CHUNK_BITS] as Uint32Array)[slot & MASK] = 0;
  }

  // Instants start as NaN a whole chunk at a time, so a send writes only what it knows.
  private addChunk(slots: number): void {
    this.times.push(new Float64Array(slots * TIMES).fill(NaN));
    this.receivers.push(new Int32Array(slots));
    this.extraCommits.push(new Uint32Array(slots));
    this.codes.push(new Uint8Array(slots));
    this.lastChunkSlots = slots;
  }

  /** The first chunk is full: twice the room (at most CHUNK), its rows copied over. */
  private growLastChunk(): void {
    const slots = Math.min(CHUNK, this.lastChunkSlots * 2);
    const last = this.times.length - 1;
    const grown = <T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(columns: T[], make: (n: number) => T, perSlot: number) => {
      const column = make(slots * perSlot);
      column.set(columns[last] as T);
      columns[last] = column;
    };
    grown(this.times, (n) => new Float64Array(n).fill(NaN), TIMES);
    grown(this.receivers, (n) => new Int32Array(n), 1);
    grown(this.extraCommits, (n) => new Uint32Array(n), 1);
    grown(this.codes, (n) => new Uint8Array(n), 1);
    this.lastChunkSlots = slots;
  }
}

export { FactTable, column };
