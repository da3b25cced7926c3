// The storage port the case system writes through. The simulated database implements it; so do the
// PostgreSQL and SQL Server adapters in live mode. Callbacks (not promises) keep the simulated runtime
// in control of ordering; adapters may call back asynchronously. A callback gets back the `arg` it was
// given, so a caller can pass one handler made once and its record instead of a closure per call.

import type { SqlError } from './sql-errors.js';

type WriteResult =
  | { ok: true; latencyMs: number }
  /** `outcome: 'info'` when the client cannot know whether the write committed (a timeout). */
  | { ok: false; outcome: 'fail' | 'info'; error: SqlError; latencyMs: number };

interface Storage {
  /** Durably store the record for `msg`; idempotent — a second write of a stored id is a no-op success. */
  write<A>(msg: number, done: (result: WriteResult, arg: A) => void, arg: A): void;
  /** Whether a durable record for `msg` exists (what a query of the database shows). */
  lookup<A>(msg: number, done: (stored: boolean, arg: A) => void, arg: A): void;
  /** The client process died: everything it had in flight is rolled back. Returns how many. */
  abortInFlight(): number;
}

export type { Storage, WriteResult };
