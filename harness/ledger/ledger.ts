// The append-only history of a run. Listeners (the streaming oracle, live progress) see every entry as
// it is appended; keeping the entries themselves is optional so a national-scale run fits in memory.

import type { LedgerEntry, LedgerKind } from './entries.js';

type LedgerListener = (entry: LedgerEntry) => void;

class Ledger {
  readonly entries: LedgerEntry[] = [];
  private readonly listeners: LedgerListener[] = [];
  count = 0;

  constructor(readonly keepEntries = true) {}

  append(entry: LedgerEntry): void {
    this.count++;
    if (this.keepEntries) this.entries.push(entry);
    for (const listener of this.listeners) listener(entry);
  }

  subscribe(listener: LedgerListener): void {
    this.listeners.push(listener);
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
