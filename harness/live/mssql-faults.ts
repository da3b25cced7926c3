// Storage faults on a real SQL Server. The backup job holds a shared table lock (TABLOCK, HOLDLOCK) in
// an open transaction, so inserts wait and — with SET LOCK_TIMEOUT — fail with 1222. KILL ends the case
// system's sessions. SQL Server has no deferred triggers, so the slow commit is an AFTER INSERT trigger
// with WAITFOR DELAY: the write holds its locks that much longer before COMMIT.

import sql from 'mssql';
import { REPORTS_TABLE } from '../../storage/schema.js';
import { checkFaultTarget } from './database-target.js';
import type { Heal, ServerFaults } from './server-faults.js';

const SETTINGS = 'kvittering_fault_settings';

class MssqlFaults implements ServerFaults {
  readonly dialect = 'mssql' as const;
  private readonly admin: sql.ConnectionPool;
  private connected: Promise<sql.ConnectionPool> | undefined;
  private triggerInstalled = false;

  constructor(private readonly connectionString: string, allowRemoteHosts: readonly string[] = []) {
    checkFaultTarget(connectionString, allowRemoteHosts);
    const parsed = sql.ConnectionPool.parseConnectionString(connectionString);
    this.admin = new sql.ConnectionPool({ ...parsed, options: { ...parsed.options, appName: 'kvittering-fault-driver' } });
    this.admin.on('error', () => undefined);
  }

  async prepare(): Promise<void> {
    await (await this.pool()).request().query('SELECT 1 AS ok');
  }

  async holdTableLock(): Promise<Heal> {
    const parsed = sql.ConnectionPool.parseConnectionString(this.connectionString);
    const pool = await new sql.ConnectionPool({ ...parsed, pool: { max: 1 }, options: { ...parsed.options, appName: 'kvittering-backup-job' } }).connect();
    const tx = new sql.Transaction(pool);
    await tx.begin();
    await tx.request().query(`SELECT COUNT(*) AS n FROM dbo.${REPORTS_TABLE} WITH (TABLOCK, HOLDLOCK)`);
    return async () => {
      try {
        await tx.commit();
      } finally {
        await pool.close();
      }
    };
  }

  async killSessions(applicationName: string): Promise<number> {
    const pool = await this.pool();
    const { recordset } = await pool.request().input('app', sql.NVarChar(128), applicationName).query<{ session_id: number }>(
      'SELECT session_id FROM sys.dm_exec_sessions WHERE program_name = @app AND database_id = DB_ID() AND session_id <> @@SPID');
    let killed = 0;
    for (const { session_id } of recordset) {
      // KILL takes no parameters; the id is an integer from the server itself.
      await pool.request().batch(`KILL ${Number(session_id)}`).then(() => killed++, () => undefined);
    }
    return killed;
  }

  async countSessions(applicationName: string): Promise<number> {
    const pool = await this.pool();
    const { recordset } = await pool.request().input('app', sql.NVarChar(128), applicationName).query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM sys.dm_exec_sessions WHERE program_name = @app AND database_id = DB_ID()');
    return Number(recordset[0]?.n ?? 0);
  }

  async setCommitDelay(wallMs: number): Promise<void> {
    const pool = await this.pool();
    if (!this.triggerInstalled) {
      await pool.request().batch(`IF OBJECT_ID('dbo.${SETTINGS}', 'U') IS NULL BEGIN
  CREATE TABLE dbo.${SETTINGS} (id INT NOT NULL PRIMARY KEY, commit_delay_ms INT NOT NULL);
  INSERT INTO dbo.${SETTINGS} (id, commit_delay_ms) VALUES (1, 0);
END`);
      await pool.request().batch(`CREATE OR ALTER TRIGGER dbo.kvittering_slow_commit ON dbo.${REPORTS_TABLE} AFTER INSERT AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @delay_ms INT = (SELECT commit_delay_ms FROM dbo.${SETTINGS} WHERE id = 1);
  IF @delay_ms > 0 BEGIN
    DECLARE @until DATETIME = DATEADD(MILLISECOND, @delay_ms, CAST(0 AS DATETIME));
    WAITFOR DELAY @until;
  END
END`);
      this.triggerInstalled = true;
    }
    await pool.request().input('ms', sql.Int, Math.max(0, Math.round(wallMs))).query(`UPDATE dbo.${SETTINGS} SET commit_delay_ms = @ms WHERE id = 1`);
  }

  async close(): Promise<void> {
    await this.admin.close();
  }

  private pool(): Promise<sql.ConnectionPool> {
    this.connected ??= this.admin.connect();
    return this.connected;
  }
}

export { MssqlFaults };
