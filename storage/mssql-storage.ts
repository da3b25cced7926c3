// SQL Server behind the Storage port (driver: mssql 12 on tedious 19). The same SqlStorage logic as
// PostgreSQL; only the session, the SQL dialect and the error mapping differ. Sessions carry an app
// name (sys.dm_exec_sessions.program_name) so a fault driver can KILL them, and SET LOCK_TIMEOUT makes
// a write blocked by a backup job fail with 1222 instead of waiting for the request timeout.

import sql from 'mssql';
import type { Clock } from '../harness/runtime/clock.js';
import { KvitteringError } from '../harness/errors.js';
import { fromMssqlError } from './mssql-errors.js';
import { insertReportSql, lookupSql, migrations, migrationsTableSql, storedRowsSql, MIGRATIONS_TABLE } from './schema.js';
import { SqlStorage } from './sql-storage.js';
import type { MappedError, SqlDriver, SqlSession, StoredRow, WritePhase } from './sql-driver.js';

interface MssqlOptions {
  /** ADO.NET style: "Server=host,1433;Database=db;User Id=sa;Password=…;TrustServerCertificate=true". */
  connectionString: string;
  poolSize: number;
  /** How long a write waits for a pooled connection (pool exhaustion), wall ms. */
  poolTimeoutWallMs: number;
  /** SET LOCK_TIMEOUT, wall ms; 0 waits forever (SQL Server's default, -1). */
  lockTimeoutWallMs: number;
  /** tedious requestTimeout, wall ms (default 15 000). */
  requestTimeoutWallMs: number;
  /** Shown as program_name in sys.dm_exec_sessions. */
  applicationName: string;
}

const defaultMssqlOptions: Omit<MssqlOptions, 'connectionString'> = {
  poolSize: 4,
  poolTimeoutWallMs: 2_000,
  lockTimeoutWallMs: 0,
  requestTimeoutWallMs: 15_000,
  applicationName: 'kvittering-case-system',
};

class MssqlSession implements SqlSession {
  private active: sql.Request | undefined;
  private settled: Promise<unknown> = Promise.resolve();
  private finished = false;

  constructor(private readonly tx: sql.Transaction, private readonly lockTimeoutWallMs: number) {}

  async begin(): Promise<void> {
    await this.track(this.tx.begin());
  }

  async insert(msg: number, receiver: number): Promise<void> {
    const request = this.tx.request().input('id', sql.BigInt, msg).input('receiver', sql.Int, receiver);
    this.active = request;
    const lockTimeout = this.lockTimeoutWallMs > 0 ? Math.round(this.lockTimeoutWallMs) : -1;
    await this.track(request.query(`SET LOCK_TIMEOUT ${lockTimeout};\n${insertReportSql.mssql}`));
    this.active = undefined;
  }

  async commit(): Promise<void> {
    await this.track(this.tx.commit());
    this.finished = true;
  }

  release(): void {
    // commit() already handed the connection back to the pool.
  }

  destroy(): void {
    if (this.finished) return;
    this.finished = true;
    // Cancel the running request (tedious sends an attention), then roll back: nothing uncommitted stays.
    this.active?.cancel();
    void this.settled.then(() => this.tx.rollback()).catch(() => undefined);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.settled = promise.catch(() => undefined);
    return promise;
  }
}

class MssqlDriver implements SqlDriver {
  readonly dialect = 'mssql' as const;
  readonly pool: sql.ConnectionPool;
  private connected: Promise<sql.ConnectionPool> | undefined;

  constructor(readonly options: MssqlOptions) {
    let parsed: sql.config;
    try {
      parsed = sql.ConnectionPool.parseConnectionString(options.connectionString);
    } catch (error) {
      throw new KvitteringError('E_DATABASE_URL', `connectionString could not be parsed (${error instanceof Error ? error.message : String(error)}) — expected "Server=host,1433;Database=db;User Id=…;Password=…;TrustServerCertificate=true"`);
    }
    if (typeof parsed.server !== 'string' || parsed.server === '') {
      throw new KvitteringError('E_DATABASE_URL', 'connectionString has no Server — expected "Server=host,1433;Database=db;User Id=…;Password=…"');
    }
    this.pool = new sql.ConnectionPool({
      ...parsed,
      requestTimeout: options.requestTimeoutWallMs,
      pool: { max: options.poolSize, min: 0, acquireTimeoutMillis: options.poolTimeoutWallMs },
      options: { ...parsed.options, appName: options.applicationName },
    });
    this.pool.on('error', () => undefined);
  }

  async migrate(): Promise<void> {
    const pool = await this.connect();
    await pool.request().batch(migrationsTableSql.mssql);
    const done = await pool.request().query<{ version: number }>(`SELECT version FROM dbo.${MIGRATIONS_TABLE}`);
    const applied = new Set(done.recordset.map((r) => r.version));
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      const tx = new sql.Transaction(pool);
      await tx.begin();
      await tx.request().batch(m.sql.mssql);
      await tx.request().input('version', sql.Int, m.version).input('name', sql.NVarChar(200), m.name)
        .query(`INSERT INTO dbo.${MIGRATIONS_TABLE} (version, name) VALUES (@version, @name)`);
      await tx.commit();
    }
  }

  async acquire(): Promise<SqlSession> {
    return new MssqlSession(new sql.Transaction(await this.connect()), this.options.lockTimeoutWallMs);
  }

  async exists(msg: number): Promise<boolean> {
    const result = await (await this.connect()).request().input('id', sql.BigInt, msg).query(lookupSql.mssql);
    return result.recordset.length > 0;
  }

  async storedRows(): Promise<StoredRow[]> {
    const result = await (await this.connect()).request().query<{ msg: string; stored_at_epoch_ms: number }>(storedRowsSql.mssql);
    return result.recordset.map((r) => ({ msg: Number(r.msg), storedAtEpochMs: Number(r.stored_at_epoch_ms) }));
  }

  async readOnlyQuery(text: string): Promise<Record<string, unknown>[]> {
    const tx = new sql.Transaction(await this.connect());
    await tx.begin();
    try {
      const result = await tx.request().query<Record<string, unknown>>(text);
      return [...result.recordset];
    } finally {
      await tx.rollback().catch(() => undefined);
    }
  }

  mapError(error: unknown, phase: WritePhase): MappedError {
    return fromMssqlError(error, phase);
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private connect(): Promise<sql.ConnectionPool> {
    // A failed connect (server unreachable) must not poison every later write: try again next time.
    this.connected ??= this.pool.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }
}

type MssqlStorageOptions = Partial<MssqlOptions> & { connectionString: string; clock: Clock; receiver: number };

/** The case system's storage on SQL Server. Call `storage.driver.migrate()` once before writing. */
function mssqlStorage(options: MssqlStorageOptions): SqlStorage {
  const { clock, receiver, ...rest } = options;
  const resolved = { ...defaultMssqlOptions, ...rest };
  return new SqlStorage(new MssqlDriver(resolved), { clock, receiver, requestTimeoutWallMs: resolved.requestTimeoutWallMs });
}

export { MssqlDriver, mssqlStorage, defaultMssqlOptions };
export type { MssqlOptions, MssqlStorageOptions };
