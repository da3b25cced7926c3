// What the system under test really stored, learnt from its storage and never from its receipts: each
// row a read newly sees becomes a `commit` entry in the ledger. Reads come from the receipt evidence,
// the background poller and the run's final read; every one is counted, and a message whose last
// read failed stays "unread" until a later read answers for it — the verdict needs to know.

import { KvitteringError, messageOf } from '../errors.js';
import type { Ledger } from '../ledger/ledger.js';
import type { LiveClock } from '../runtime/live-clock.js';
import type { Storage } from '../../simulators/database/storage.js';
import type { StoredProbe } from './stored-probe.js';
import type { SutSpells } from './sut-spells.js';

/** How the reads of the system's storage went. */
interface StorageReadSummary {
  /** Reads made (one per receiver per batch) and how many of them failed. */
  made: number;
  failed: number;
  /** Messages whose last read failed and that no later read answered for: their storage is unknown. */
  unread: number;
  /** Lookups of the reconciliation control that failed: what it would have found is unknown. */
  controlFailed: number;
}

interface StorageReaderOptions {
  clock: LiveClock;
  ledger: Ledger;
  /** Receiver ids by index, for the spells and the log. */
  receiverIds: readonly string[];
  spells: SutSpells;
  log: (line: string) => void;
}

class StorageReader {
  private probes: readonly StoredProbe[] = [];
  private readonly counts = { made: 0, failed: 0, controlFailed: 0 };
  // Which receiver a message went to (the ledger's send entries say), and what reads showed.
  private readonly receiverById = new Map<number, number>();
  private readonly unresolved = new Set<number>();
  private readonly rowsSeen = new Map<number, number>();
  private readonly unread = new Set<number>();
  // A row seen only after the portal purged its message was still written from a delivery, made while
  // the portal held it; without a stored_at it is dated at the last delivery, not at the late read.
  private readonly lastDeliveryAt = new Map<number, number>();
  private readonly purgedAt = new Map<number, number>();

  constructor(private readonly options: StorageReaderOptions) {
    options.ledger.subscribe((e) => {
      if (e.kind === 'deliver') this.lastDeliveryAt.set(e.msg, e.t);
      else if (e.kind === 'purge') this.purgedAt.set(e.msg, e.t);
      if (e.kind !== 'send') return;
      this.receiverById.set(e.msg, e.receiver);
      this.unresolved.add(e.msg);
    });
  }

  /** The probes, one per receiver, once the SUT's storage checks are known; reads before that fail. */
  attach(probes: readonly StoredProbe[]): void {
    this.probes = probes;
  }

  get summary(): StorageReadSummary {
    return { ...this.counts, unread: this.unread.size };
  }

  /** Whether reads so far have seen a committed row for this message. */
  committedBefore(msg: number): boolean {
    return this.rowsSeen.has(msg);
  }

  /** The row's stored_at as a virtual instant, if the check returns one (never later than now). */
  storedAtMs(msg: number): number | undefined {
    const epochMs = this.probes[this.receiverOf(msg)]?.storedAt.get(msg);
    return epochMs === undefined ? undefined : Math.min(this.options.clock.now(), this.options.clock.virtualAtEpoch(epochMs));
  }

  /** The messages no read has seen stored yet (what the poller asks about). */
  get unresolvedIds(): number[] {
    return [...this.unresolved];
  }

  /** Every message sent (the final read: a second row of an id already seen shows only here). */
  get sentIds(): number[] {
    return [...this.receiverById.keys()];
  }

  /**
   * Reads these ids, each from its receiver's storage; rejects when any receiver's read failed.
   * `receiptAtMs`: the arrival of each id's receipt, so a row stored after it is left to a later read.
   */
  async read(ids: readonly number[], receiptAtMs?: ReadonlyMap<number, number>): Promise<void> {
    const byReceiver = new Map<number, number[]>();
    for (const msg of ids) {
      const r = this.receiverOf(msg);
      const batch = byReceiver.get(r);
      if (batch === undefined) byReceiver.set(r, [msg]);
      else batch.push(msg);
    }
    let firstError: unknown;
    for (const [r, batch] of byReceiver) {
      this.counts.made++;
      const id = this.options.receiverIds[r] ?? String(r);
      try {
        const probe = this.probes[r];
        if (probe === undefined) throw new KvitteringError('E_LIVE_STORAGE', `no storage check for ${id} yet — expected the system to be started first`);
        const counts = await probe.storedAmong(batch);
        this.options.spells.observe('sut-storage-unreachable', id, true, '');
        for (const msg of batch) this.unread.delete(msg);
        this.record(r, counts, receiptAtMs);
      } catch (error) {
        this.counts.failed++;
        for (const msg of batch) this.unread.add(msg);
        this.options.spells.observe('sut-storage-unreachable', id, false, messageOf(error));
        firstError ??= error;
      }
    }
    if (firstError !== undefined) throw firstError instanceof Error ? firstError : new Error(messageOf(firstError));
  }

  /** Storage port of receiver i for the reconciliation control (lookup only); a failed lookup is counted. */
  controlStorage(receiver: number): Storage {
    return {
      write: () => { throw new KvitteringError('E_LIVE', 'the live runner never writes to the system under test'); },
      lookup: (msg, done, arg) => {
        const failed = (error: unknown) => {
          this.counts.controlFailed++;
          this.options.log(`reconciliation read failed: ${messageOf(error)}`);
        };
        const probe = this.probes[receiver];
        // A lookup that cannot be made is a control that did not look: counted, never taken as "stored".
        if (probe === undefined) failed(new KvitteringError('E_LIVE_STORAGE', `no storage check for ${this.options.receiverIds[receiver] ?? String(receiver)} yet — expected the system to be started first`));
        else probe.storedAmong([msg]).then((m) => done(m.has(msg), arg), failed);
      },
      abortInFlight: () => 0,
    };
  }

  private record(r: number, counts: ReadonlyMap<number, number>, receiptAtMs: ReadonlyMap<number, number> | undefined): void {
    for (const [msg, rows] of counts) {
      const seen = this.rowsSeen.get(msg) ?? 0;
      // Dated by the row's stored_at when the check returns one, else when a read first saw it (or
      // the last delivery, if that read came after the purge). A row stored after the receipt being
      // checked is left to the next read, so its commit follows the receipt as it did on the server.
      const storedAt = this.storedAtMs(msg);
      const receiptAt = receiptAtMs?.get(msg);
      if (seen === 0 && storedAt !== undefined && receiptAt !== undefined && storedAt > receiptAt) continue;
      const t = storedAt ?? this.seenAtMs(msg);
      for (let k = seen; k < rows; k++) this.options.ledger.append({ t, kind: 'commit', msg, receiver: r, duplicate: false });
      this.rowsSeen.set(msg, Math.max(seen, rows));
      this.unresolved.delete(msg);
    }
  }

  private seenAtMs(msg: number): number {
    const now = this.options.clock.now();
    const purge = this.purgedAt.get(msg);
    return purge === undefined || now < purge ? now : Math.min(now, this.lastDeliveryAt.get(msg) ?? now);
  }

  private receiverOf(msg: number): number {
    return this.receiverById.get(msg) ?? 0;
  }
}

export { StorageReader };
export type { StorageReadSummary };
