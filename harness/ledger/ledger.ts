// The append-only history of a run. Listeners (the streaming oracle, live progress) see every entry as
// it is appended; keeping the entries themselves is optional so a national-scale run fits in memory.

import type { LedgerEntry, LedgerKind } from './entries.js';

type LedgerListener = (entry: LedgerEntry) => void;

/** A listener and the only kinds it reads, so a ledger that keeps nothing builds just those for it. */
interface LedgerWatcher {
  readonly observe: LedgerListener;
  readonly kinds: readonly LedgerKind[];
}

class Ledger {
  readonly entries: LedgerEntry[] = [];
  /** Listeners of every kind, in subscription order; also the list of a kind nobody subscribed to by name. */
  private readonly everyKind: LedgerListener[] = [];
  /** A kind's listeners, in subscription order: a listener that names its kinds is called only for those. */
  private readonly byKind = new Map<LedgerKind, LedgerListener[]>();
  /** Entries in the history, built or not (see wants). */
  count = 0;

  constructor(readonly keepEntries = true) {}

  append(entry: LedgerEntry): void {
    this.count++;
    if (this.keepEntries) this.entries.push(entry);
    const listeners = this.byKind.get(entry.kind) ?? this.everyKind;
    for (let i = 0; i < listeners.length; i++) (listeners[i] as LedgerListener)(entry);
  }

  /**
   * Whether an entry of `kind` is worth building: with the entries not kept, a kind no listener folds
   * would be built only to be dropped (a national run makes millions of them). False means the entry is
   * counted as part of the history without being built; call it once per entry, and append only if true.
   */
  wants(kind: LedgerKind): boolean {
    if (this.keepEntries || this.everyKind.length > 0 || this.byKind.has(kind)) return true;
    this.count++;
    return false;
  }

  /** `kinds`: the only kinds the listener is told of (default all), so others need not be built for it. */
  subscribe(listener: LedgerListener, kinds?: readonly LedgerKind[]): void {
    if (kinds === undefined) {
      this.everyKind.push(listener);
      for (const list of this.byKind.values()) list.push(listener);
      return;
    }
    for (const kind of new Set(kinds)) {
      const list = this.byKind.get(kind);
      if (list === undefined) this.byKind.set(kind, [...this.everyKind, listener]);
      else list.push(listener);
    }
  }
}

type EntryOf<K extends LedgerKind> = Extract<LedgerEntry, { kind: K }>;

/** The entries of one kind, typed: `ofKind(entries, 'receipt')`. */
function ofKind<K extends LedgerKind>(entries: readonly LedgerEntry[], kind: K): EntryOf<K>[] {
  return entries.filter((e): e is EntryOf<K> => e.kind === kind);
}

export { Ledger, ofKind };
export type { EntryOf };
export type { LedgerListener, LedgerWatcher };
