// PostgreSQL behind the Storage port (driver: pg). Sessions carry an application_name so a fault
// driver — or a DBA — can find and kill the case system's sessions, and server-side lock/statement
// timeouts so a blocked write fails the way SQL Server's SET LOCK_TIMEOUT makes it fail (1222).

import pg from 'pg';
import type { Clock } from '../harness/runtime/clock.js';
import { KvitteringError } from '../harness/errors.js';
import { fromPostgresError } from './postgres-errors.js';
import { insertReportSql, lookupSql, migrations, migrationsTableSql, storedRowsSql, MIGRATIONS_TABLE } from './schema.js';
import { SqlStorage } from './sql-storage.js';
import type { MappedError, SqlDriver, SqlSession, StoredRow, WritePhase } from './sql-driver.js';

interface PostgresOptions {
  /** postgres://user@host:port/db */
  connectionString: string;
  /** Sessions in the client pool (the case system's connection pool size). */
  poolSize: number;
  /** How long a write waits for a pooled session before failing (pool exhaustion), wall ms. */
  poolTimeoutWallMs: number;
  /** Server-side lock_timeout, wall ms; 0 waits forever (SQL Server's default LOCK_TIMEOUT -1). */
  lockTimeoutWallMs: number;
  /** Server-side statement_timeout, wall ms; 0 = none. */
  statementTimeoutWallMs: number;
  /** application_name of the sessions (what pg_stat_activity shows). */
  applicationName: string;
}

const defaultPostgresOptions: Omit<PostgresOptions, 'connectionString'> = {
  poolSize: 4,
  poolTimeoutWallMs: 2_000,
  lockTimeoutWallMs: 0,
  statementTimeoutWallMs: 0,
  applicationName: 'kvittering-case-system',
};

const ignoreSocketError = (): void => undefined;

class PostgresSession implements SqlSession {
  private destroyed = false;
  constructor(private readonly client: pg.PoolClient) {}

  async begin(): Promise<void> {
    await this.client.query('BEGIN');
  }

  async insert(msg: number, receiver: number): Promise<void> {
    await this.client.query(insertReportSql.postgres, [msg, receiver]);
  }

  async commit(): Promise<void> {
    await this.client.query('COMMIT');
  }

  release(): void {
    if (!this.destroyed) this.client.release();
    this.destroyed = true;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    // Cut the socket now: pg's release(err) would queue a Terminate behind the running statement.
    (this.client as unknown as pg.Client).connection.stream.destroy();
    this.client.release(true);
  }
}

class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  readonly pool: pg.Pool;

  constructor(readonly options: PostgresOptions) {
    if (typeof options.connectionString !== 'string' || !/^postgres(ql)?:\/\//.test(options.connectionString)) {
      throw new KvitteringError('E_DATABASE_URL', `connectionString is ${JSON.stringify(options.connectionString)} — expected postgres://user[:password]@host[:port]/database`);
    }
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize,
      connectionTimeoutMillis: options.poolTimeoutWallMs,
      application_name: options.applicationName,
      lock_timeout: options.lockTimeoutWallMs,
      statement_timeout: options.statementTimeoutWallMs,
      // Notice a vanished client while waiting for a lock, so its transaction is rolled back promptly.
      options: '-c client_connection_check_interval=200',
    });
    // An idle pooled client whose backend was killed emits 'error'; without a listener it would crash.
    this.pool.on('error', () => undefined);
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(7262023)'); // two migrators must not interleave
      await client.query(migrationsTableSql.postgres);
      const done = await client.query<{ version: number }>(`SELECT version FROM ${MIGRATIONS_TABLE}`);
      const applied = new Set(done.rows.map((r) => r.version));
      for (const m of migrations) {
        if (applied.has(m.version)) continue;
        await client.query('BEGIN');
        await client.query(m.sql.postgres);
        await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (version, name) VALUES ($1, $2)`, [m.version, m.name]);
        await client.query('COMMIT');
      }
      await client.query('SELECT pg_advisory_unlock(7262023)');
      client.release();
    } catch (error) {
      client.release(true);
      throw error;
    }
  }

  async acquire(): Promise<SqlSession> {
    const client = await this.pool.connect();
    // A checked-out client whose socket dies (killed session, cut network) emits 'error' as well as
    // failing its query; the query's rejection is what we act on, so the event must not crash Node.
    if (!client.listeners('error').includes(ignoreSocketError)) client.on('error', ignoreSocketError);
    return new PostgresSession(client);
  }

  async exists(msg: number): Promise<boolean> {
    const result = await this.pool.query(lookupSql.postgres, [msg]);
    return result.rowCount !== null && result.rowCount > 0;
  }

  async storedRows(): Promise<StoredRow[]> {
    const result = await this.pool.query<{ msg: string; stored_at_epoch_ms: number }>(storedRowsSql.postgres);
    return result.rows.map((r) => ({ msg: Number(r.msg), storedAtEpochMs: Number(r.stored_at_epoch_ms) }));
  }

  async readOnlyQuery(sql: string): Promise<Record<string, unknown>[]> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN READ ONLY');
      const result = await client.query<Record<string, unknown>>(sql);
      await client.query('ROLLBACK');
      client.release();
      return result.rows;
    } catch (error) {
      client.release(true);
      throw error;
    }
  }

  mapError(error: unknown, phase: WritePhase): MappedError {
    return fromPostgresError(error, phase);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

type PostgresStorageOptions = Partial<PostgresOptions> & {
  connectionString: string;
  clock: Clock;
  receiver: number;
  /** Client-side request timeout in wall ms (tedious's default: 15 000). */
  requestTimeoutWallMs?: number;
};

/** The case system's storage on PostgreSQL. Call `storage.driver.migrate()` once before writing. */
function postgresStorage(options: PostgresStorageOptions): SqlStorage {
  const { clock, receiver, requestTimeoutWallMs, ...rest } = options;
  const driver = new PostgresDriver({ ...defaultPostgresOptions, ...rest });
  return new SqlStorage(driver, { clock, receiver, requestTimeoutWallMs: requestTimeoutWallMs ?? 15_000 });
}

export { PostgresDriver, postgresStorage, defaultPostgresOptions };
export type { PostgresOptions, PostgresStorageOptions };
