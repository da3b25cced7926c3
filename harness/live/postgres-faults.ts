// Storage faults on a real PostgreSQL server. The backup job is a session in its own transaction
// holding LOCK TABLE … IN SHARE MODE (a consistent read: SELECTs pass, INSERTs queue behind it). A slow
// commit is a deferred constraint trigger that sleeps at COMMIT time, so the client is left waiting on
// its COMMIT — the one moment where it cannot know whether the write landed.

import pg from 'pg';
import { REPORTS_TABLE } from '../../storage/schema.js';
import { checkFaultTarget } from './database-target.js';
import type { Heal, ServerFaults } from './server-faults.js';

/** Longest wait for a connection to the database server. */
const CONNECT_TIMEOUT_MS = 5_000;

const SETTINGS = 'kvittering_fault_settings';

class PostgresFaults implements ServerFaults {
  readonly dialect = 'postgres' as const;
  private readonly admin: pg.Pool;
  private triggerInstalled = false;
  /** A connected session waiting to be the next backup job. */
  private spare: pg.Client | undefined;

  constructor(private readonly connectionString: string, allowRemoteHosts: readonly string[] = []) {
    checkFaultTarget(connectionString, allowRemoteHosts);
    // Connecting is bounded (pg waits forever by default); statements are not: a backup job holds its lock on purpose.
    this.admin = new pg.Pool({ connectionString, max: 2, application_name: 'kvittering-fault-driver', connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    this.admin.on('error', () => undefined);
  }

  async prepare(): Promise<void> {
    await this.admin.query('SELECT 1');
    this.spare ??= await this.connectBackupJob();
  }

  async holdTableLock(): Promise<Heal> {
    const backup = this.spare ?? await this.connectBackupJob();
    this.spare = undefined;
    await backup.query('BEGIN');
    await backup.query(`LOCK TABLE ${REPORTS_TABLE} IN SHARE MODE`);
    return async () => {
      try {
        await backup.query('COMMIT');
      } finally {
        await backup.end();
      }
    };
  }

  async killSessions(applicationName: string): Promise<number> {
    const { rows } = await this.admin.query<{ killed: string }>(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS killed FROM pg_stat_activity
       WHERE application_name = $1 AND datname = current_database() AND pid <> pg_backend_pid()`, [applicationName]);
    return Number(rows[0]?.killed ?? 0);
  }

  async countSessions(applicationName: string): Promise<number> {
    const { rows } = await this.admin.query<{ n: string }>(
      'SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [applicationName]);
    return Number(rows[0]?.n ?? 0);
  }

  async setCommitDelay(wallMs: number): Promise<void> {
    if (!this.triggerInstalled) await this.installTrigger();
    await this.admin.query(`UPDATE ${SETTINGS} SET commit_delay_ms = $1 WHERE id = 1`, [Math.max(0, Math.round(wallMs))]);
  }

  async close(): Promise<void> {
    await this.spare?.end();
    this.spare = undefined;
    await this.admin.end();
  }

  private async connectBackupJob(): Promise<pg.Client> {
    const backup = new pg.Client({ connectionString: this.connectionString, application_name: 'kvittering-backup-job', connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    backup.on('error', () => undefined);
    await backup.connect();
    return backup;
  }

  private async installTrigger(): Promise<void> {
    await this.admin.query(`CREATE TABLE IF NOT EXISTS ${SETTINGS} (id INTEGER PRIMARY KEY, commit_delay_ms INTEGER NOT NULL)`);
    await this.admin.query(`INSERT INTO ${SETTINGS} (id, commit_delay_ms) VALUES (1, 0) ON CONFLICT (id) DO NOTHING`);
    await this.admin.query(`CREATE OR REPLACE FUNCTION kvittering_slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE delay_ms INTEGER;
BEGIN
  SELECT commit_delay_ms INTO delay_ms FROM ${SETTINGS} WHERE id = 1;
  IF delay_ms > 0 THEN PERFORM pg_sleep(delay_ms / 1000.0); END IF;
  RETURN NULL;
END $$`);
    await this.admin.query(`DROP TRIGGER IF EXISTS kvittering_slow_commit ON ${REPORTS_TABLE}`);
    await this.admin.query(`CREATE CONSTRAINT TRIGGER kvittering_slow_commit AFTER INSERT ON ${REPORTS_TABLE}
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kvittering_slow_commit()`);
    this.triggerInstalled = true;
  }
}

export { PostgresFaults };
