// A Storage whose every write and lookup completes when fc.scheduler says so, as a real database
// driver's callbacks would: a write first commits (or not) on the server, and only later — after any
// number of other events — does its answer reach the client. A lookup reads the table at the moment it
// is answered. It records ground truth (commit entries) in the ledger like the simulated database.

import type * as fc from 'fast-check';
import type { Clock } from '../../../harness/runtime/clock.js';
import type { Ledger } from '../../../harness/ledger/ledger.js';
import { sqlErrors } from '../../../simulators/database/sql-errors.js';
import type { Storage, WriteResult } from '../../../simulators/database/storage.js';

/** What the server does with one write: commit and say so, refuse, or time out either way. */
type ScheduledWriteOutcome = 'ok' | 'fail' | 'timeout-committed' | 'timeout-not-committed';
const scheduledWriteOutcomes: readonly ScheduledWriteOutcome[] = ['ok', 'fail', 'timeout-committed', 'timeout-not-committed'];

interface PendingWrite {
  msg: number;
  aborted: boolean;
}

class ScheduledStorage implements Storage {
  private readonly stored = new Set<number>();
  private readonly inFlight = new Set<PendingWrite>();
  private writes = 0;
  /** Writes of one message in flight at the same moment, at most (a case system should issue one). */
  maxConcurrentWritesPerMessage = 0;

  constructor(
    private readonly scheduler: fc.Scheduler,
    private readonly clock: Clock,
    private readonly ledger: Ledger,
    private readonly receiver: number,
    /** Outcome of the n-th write (0-based); 'ok' beyond the list. */
    private readonly outcomes: readonly ScheduledWriteOutcome[] = [],
    /** A unique key on the id turns a second insert into a no-op; without one it is a second row. */
    private readonly uniqueKey = true,
  ) {}

  write<A>(msg: number, reply: (result: WriteResult, arg: A) => void, arg: A): void {
    const done = (result: WriteResult) => reply(result, arg);
    const outcome = this.outcomes[this.writes++] ?? 'ok';
    const op: PendingWrite = { msg, aborted: false };
    this.inFlight.add(op);
    this.maxConcurrentWritesPerMessage = Math.max(this.maxConcurrentWritesPerMessage, [...this.inFlight].filter((o) => o.msg === msg).length);
    const startedAtMs = this.clock.now();
    void this.scheduler.schedule(Promise.resolve(), `server: write #${msg} (${outcome})`).then(() => {
      this.inFlight.delete(op);
      if (op.aborted) return; // the client died: the transaction rolled back, nobody waits for an answer
      if (outcome === 'ok' || outcome === 'timeout-committed') {
        const duplicate = this.uniqueKey && this.stored.has(msg);
        this.stored.add(msg);
        this.ledger.append({ t: this.clock.now(), kind: 'commit', msg, receiver: this.receiver, duplicate });
      }
      return this.scheduler.schedule(Promise.resolve(), `client: answer for write #${msg}`).then(() => {
        const latencyMs = this.clock.now() - startedAtMs;
        if (outcome === 'ok') done({ ok: true, latencyMs });
        else if (outcome === 'fail') done({ ok: false, outcome: 'fail', error: sqlErrors.deadlockVictim(), latencyMs });
        else done({ ok: false, outcome: 'info', error: sqlErrors.requestTimeout(15_000), latencyMs });
      });
    });
  }

  lookup<A>(msg: number, done: (stored: boolean, arg: A) => void, arg: A): void {
    void this.scheduler.schedule(Promise.resolve(), `lookup #${msg}`).then(() => done(this.stored.has(msg), arg));
  }

  abortInFlight(): number {
    let n = 0;
    for (const op of this.inFlight) {
      if (!op.aborted) n++;
      op.aborted = true;
    }
    this.inFlight.clear();
    return n;
  }

  has(msg: number): boolean {
    return this.stored.has(msg);
  }
}

export { ScheduledStorage, scheduledWriteOutcomes };
export type { ScheduledWriteOutcome };
