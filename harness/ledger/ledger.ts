// The append-only history of a run. Listeners (the streaming oracle, live progress) see every entry as
// it is appended; keeping the entries themselves is optional so a national-scale run fits in memory.

import type { LedgerEntry, LedgerKind } from './entries.js';

type LedgerListener = (entry: LedgerEntry) => void;

class Ledger {
  readonly entries: LedgerEntry[] = [];
  private readonly listeners: LedgerListener[] = [];
  /** Kinds someone keeps or folds; undefined = every kind (entries kept, or a listener of all kinds). */
  private wanted: Set<LedgerKind> | undefined;
  /** Entries in the history, built or not (see wants). */
  count = 0;

  constructor(readonly keepEntries = true) {
    this.wanted = keepEntries ? undefined : new Set();
  }

  append(entry: LedgerEntry): void {
    this.count++;
    if (this.keepEntries) this.entries.push(entry);
    for (const listener of this.listeners) listener(entry);
  }

  /**
   * Whether an entry of `kind` is worth building: with the entries not kept, a kind no listener folds
   * would be built only to be dropped (a national run makes millions of them). False means the entry is
   * counted as part of the history without being built; call it once per entry, and append only if true.
   */
  wants(kind: LedgerKind): boolean {
    if (this.wanted === undefined || this.wanted.has(kind)) return true;
    this.count++;
    return false;
  }

  /** `kinds`: the only kinds the listener looks at (default all), so others need not be built for it. */
  subscribe(listener: LedgerListener, kinds?: readonly LedgerKind[]): void {
    this.listeners.push(listener);
    if (this.wanted === undefined) return;
    if (kinds === undefined) this.wanted = undefined;
    else for (const kind of kinds) this.wanted.add(kind);
  }
}

type EntryOf<K extends LedgerKind> = Extract<LedgerEntry, { kind: K }>;

/** The entries of one kind, typed: `ofKind(entries, 'receipt')`. */
function ofKind<K extends LedgerKind>(entries: readonly LedgerEntry[], kind: K): EntryOf<K>[] {
  return entries.filter((e): e is EntryOf<K> => e.kind === kind);
}

export { Ledger, ofKind };
export type { EntryOf };
export type { LedgerListener };
