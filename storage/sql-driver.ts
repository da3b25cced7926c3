// The small seam between the shared SQL storage logic and one database driver (pg or mssql). A driver
// hands out sessions from its pool and translates its own errors into what the mssql/tedious driver
// would have shown a case system, so PostgreSQL and SQL Server produce the same ledger vocabulary.

import type { SqlError } from '../simulators/database/sql-errors.js';
import type { Dialect } from './schema.js';

/** Where in a write an error struck: it decides whether the client can know the outcome. */
type WritePhase = 'acquire' | 'begin' | 'insert' | 'commit';

interface MappedError {
  /** 'fail' when nothing can have committed; 'info' when the commit may have happened (Jepsen's unknown). */
  outcome: 'fail' | 'info';
  error: SqlError;
}

/** One pooled connection with a transaction around the write, as a case system would use it. */
interface SqlSession {
  begin(): Promise<void>;
  insert(msg: number, receiver: number): Promise<void>;
  commit(): Promise<void>;
  /** Back to the pool, healthy. */
  release(): void;
  /** The connection dies now (client gave up or crashed): the server rolls back what was not committed. */
  destroy(): void;
}

interface StoredRow {
  msg: number;
  /** The server's own insert time, Unix epoch ms. */
  storedAtEpochMs: number;
}

interface SqlDriver {
  readonly dialect: Dialect;
  /** Create the schema (idempotent: applies only migrations not yet recorded). */
  migrate(): Promise<void>;
  /** A session from the pool; may wait for one (pool exhaustion ends in an error). */
  acquire(): Promise<SqlSession>;
  /** One autocommit lookup by id. */
  exists(msg: number): Promise<boolean>;
  /** Every stored id with its insert time. */
  storedRows(): Promise<StoredRow[]>;
  /**
   * Run a read-only query inside a transaction that is always rolled back (and, on PostgreSQL, marked
   * READ ONLY): how kvittering reads a municipality's own staging database without touching it.
   */
  readOnlyQuery(sql: string): Promise<Record<string, unknown>[]>;
  mapError(error: unknown, phase: WritePhase): MappedError;
  close(): Promise<void>;
}

export type { SqlDriver, SqlSession, StoredRow, WritePhase, MappedError };
