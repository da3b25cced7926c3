// Judging a live run against a real database: "stored" is what a query of the database shows, never
// what the case system claims (design.md). The ledger's own commit entries (if any) are dropped and
// replaced by one commit per row the read adapter returns, placed on the run's time line by the row's
// server-side insert time. Then the ordinary oracle names the fates.

import type { LedgerEntry } from '../ledger/entries.js';
import { judgeLedger, type Judgement } from '../oracle/oracle.js';
import type { StoredRow } from '../../storage/sql-driver.js';

interface StoredJudgeInput {
  /** The live run's ledger (sends, receipts, writes, detections …). */
  entries: readonly LedgerEntry[];
  /** Rows read from the database after the run. */
  rows: readonly StoredRow[];
  /** Maps a row's epoch insert time onto virtual time (LiveClock.virtualAtEpoch). */
  virtualAtEpoch: (epochMs: number) => number;
  /** Receiver index of the database the rows came from. */
  receiver: number;
  horizonMs: number;
  requiredHorizonMs?: number;
}

/**
 * The commit facts a database query shows, one per row (two rows of an id are two commits). A row
 * without a readable insert time still proves the record exists, but not when: it is placed at the
 * message's last delivery — content reaches a receiver only by a delivery, and the portal delivers only
 * while it holds the message — or at its send when the ledger shows no delivery.
 */
function commitsFromRows(rows: readonly StoredRow[], virtualAtEpoch: (epochMs: number) => number, receiver: number, entries: readonly LedgerEntry[] = []): LedgerEntry[] {
  const reachedAt = new Map<number, number>();
  for (const e of entries) {
    if (e.kind === 'deliver' || (e.kind === 'send' && !reachedAt.has(e.msg))) reachedAt.set(e.msg, e.t);
  }
  return rows.map((r) => ({
    t: Number.isFinite(r.storedAtEpochMs) ? Math.max(0, virtualAtEpoch(r.storedAtEpochMs)) : reachedAt.get(r.msg) ?? 0,
    kind: 'commit', msg: r.msg, receiver, duplicate: false,
  }));
}

function judgeStored(input: StoredJudgeInput): Judgement {
  const commits = commitsFromRows(input.rows, input.virtualAtEpoch, input.receiver, input.entries);
  // Stable merge by time: a commit at the same instant as another fact goes after it.
  const merged = [...input.entries.filter((e) => e.kind !== 'commit'), ...commits]
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => a.entry.t - b.entry.t || a.i - b.i)
    .map((x) => x.entry);
  return judgeLedger(merged, input.horizonMs, input.requiredHorizonMs ?? input.horizonMs);
}

export { judgeStored, commitsFromRows };
export type { StoredJudgeInput };
