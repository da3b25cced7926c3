// The Storage port over a real database, written once for every driver: a write is BEGIN, an
// idempotent INSERT and COMMIT on a pooled session, under a client-side request timeout like tedious's.
// The outcome follows what the client can know: an error or timeout before COMMIT was sent is `fail`
// (the session is destroyed, so the server rolls the transaction back); one while COMMIT is in flight
// is `info` — it may have committed. This adapter never claims a commit: the oracle reads the database.

import type { Clock } from '../harness/runtime/clock.js';
import { sqlErrors } from '../simulators/database/sql-errors.js';
import type { Storage, WriteResult } from '../simulators/database/storage.js';
import type { MappedError, SqlDriver, SqlSession, WritePhase } from './sql-driver.js';

interface SqlStorageOptions {
  /** Latency in the ledger is virtual time, read from this clock. */
  clock: Clock;
  /** The receiver index written with each row. */
  receiver: number;
  /** Client-side timeout for a whole write, in wall ms (tedious's requestTimeout defaults to 15 000). */
  requestTimeoutWallMs: number;
}

interface InFlight {
  phase: WritePhase;
  session: SqlSession | undefined;
  /** The caller has its answer (timeout, crash): later driver results are ignored. */
  answered: boolean;
  timer: NodeJS.Timeout | undefined;
}

class SqlStorage implements Storage {
  private readonly inFlight = new Set<InFlight>();

  constructor(
    readonly driver: SqlDriver,
    private readonly options: SqlStorageOptions,
  ) {}

  write<A>(msg: number, done: (result: WriteResult, arg: A) => void, arg: A): void {
    const startedAtMs = this.options.clock.now();
    const request: InFlight = { phase: 'acquire', session: undefined, answered: false, timer: undefined };
    this.inFlight.add(request);
    const answer = (result: { ok: true } | MappedError) => {
      if (request.answered) return;
      request.answered = true;
      clearTimeout(request.timer);
      this.inFlight.delete(request);
      const latencyMs = this.options.clock.now() - startedAtMs;
      done('ok' in result ? { ok: true, latencyMs } : { ok: false, outcome: result.outcome, error: result.error, latencyMs }, arg);
    };
    request.timer = setTimeout(() => {
      const phase = request.phase;
      answer({ outcome: phase === 'commit' ? 'info' : 'fail', error: sqlErrors.requestTimeout(this.options.requestTimeoutWallMs) });
      request.session?.destroy();
    }, this.options.requestTimeoutWallMs);
    void this.run(msg, request).then(answer);
  }

  lookup<A>(msg: number, done: (stored: boolean, arg: A) => void, arg: A): void {
    // A failed lookup reads as "not stored": the caller then writes, and the write is idempotent.
    this.driver.exists(msg).then((stored) => done(stored, arg), () => done(false, arg));
  }

  abortInFlight(): number {
    let n = 0;
    for (const request of this.inFlight) {
      n++;
      request.answered = true;
      clearTimeout(request.timer);
      request.session?.destroy();
    }
    this.inFlight.clear();
    return n;
  }

  /** Open `sessions` pooled connections ahead of a run, so the first writes do not pay for logins. */
  async warmUp(sessions: number): Promise<void> {
    const opened = await Promise.all(Array.from({ length: sessions }, () => this.driver.acquire()));
    for (const session of opened) session.release();
  }

  /** Writes started and not yet answered. */
  get pending(): number {
    return this.inFlight.size;
  }

  /** Runs the write; its result is ignored when the caller already has an answer (timeout, crash). */
  private async run(msg: number, request: InFlight): Promise<{ ok: true } | MappedError> {
    let session: SqlSession | undefined;
    try {
      session = await this.driver.acquire();
      if (request.answered) {
        // Timed out or crashed while waiting for the pool: give the session back unused.
        session.release();
        return { outcome: 'fail', error: sqlErrors.requestTimeout(this.options.requestTimeoutWallMs) };
      }
      request.session = session;
      request.phase = 'begin';
      await session.begin();
      request.phase = 'insert';
      await session.insert(msg, this.options.receiver);
      request.phase = 'commit';
      await session.commit();
      session.release();
      return { ok: true };
    } catch (error) {
      session?.destroy();
      return this.driver.mapError(error, request.phase);
    }
  }
}

export { SqlStorage };
export type { SqlStorageOptions };
