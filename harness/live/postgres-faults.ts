// Storage faults on a real PostgreSQL server. The backup job is a session in its own transaction
// holding LOCK TABLE … IN SHARE MODE (a consistent read: SELECTs pass, INSERTs queue behind it). A slow
// commit is a deferred constraint trigger that sleeps at COMMIT time, so the client is left waiting on
// its COMMIT — the one moment where it cannot know whether the write landed. Both aim at `tables`
// (kvittering's own reports table by default, a system's own tables for `kvittering test`) and are
// confirmed on the server: the locks read back from pg_locks, the trigger from pg_trigger.

import pg from 'pg';
import { REPORTS_TABLE } from '../../storage/schema.js';
import { checkFaultTarget } from './database-target.js';
import type { Heal, ServerFaults } from './server-faults.js';

/** Longest wait for a connection to the database server. */
const CONNECT_TIMEOUT_MS = 5_000;

const SETTINGS = 'kvittering_fault_settings';
const TRIGGER = 'kvittering_slow_commit';

/** A table name as SQL: each part quoted, so a name is never code. */
function quoteTable(name: string): string {
  return name.split('.').map((part) => `"${part.replaceAll('"', '""')}"`).join('.');
}

class PostgresFaults implements ServerFaults {
  readonly dialect = 'postgres' as const;
  private readonly admin: pg.Pool;
  private readonly triggerTables = new Set<string>();
  /** The schema the trigger and its settings table are installed in. */
  private schema: string | undefined;
  /** A connected session waiting to be the next backup job. */
  private spare: pg.Client | undefined;

  constructor(private readonly connectionString: string, allowRemoteHosts: readonly string[] = [], private readonly tables: readonly string[] = [REPORTS_TABLE]) {
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
    try {
      await backup.query('BEGIN');
      await backup.query(`LOCK TABLE ${this.tables.map(quoteTable).join(', ')} IN SHARE MODE`);
      const { rows } = await backup.query<{ held: string }>(
        `SELECT count(*) AS held FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND mode = 'ShareLock' AND granted
         AND relation = ANY($1::regclass[])`, [this.tables.map(quoteTable)]);
      if (Number(rows[0]?.held ?? 0) !== this.tables.length) throw new Error(`pg_locks shows ${rows[0]?.held ?? 0} of ${this.tables.length} share locks held`);
    } catch (error) {
      await backup.end().catch(() => undefined);
      throw error;
    }
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
    for (const table of this.tables) if (!this.triggerTables.has(table)) await this.installTrigger(table);
    await this.admin.query(`UPDATE ${this.qualified(SETTINGS)} SET commit_delay_ms = $1 WHERE id = 1`, [Math.max(0, Math.round(wallMs))]);
    const { rows } = await this.admin.query<{ n: string }>(`SELECT count(*) AS n FROM pg_trigger WHERE tgname = $1 AND tgrelid = ANY($2::regclass[]) AND tgenabled <> 'D'`, [TRIGGER, this.tables.map(quoteTable)]);
    if (Number(rows[0]?.n ?? 0) !== this.tables.length) throw new Error(`pg_trigger shows the slow-commit trigger on ${rows[0]?.n ?? 0} of ${this.tables.length} tables`);
  }

  /** Remove the trigger and its settings table from a database kvittering does not own. */
  async uninstall(): Promise<void> {
    for (const table of this.triggerTables) await this.admin.query(`DROP TRIGGER IF EXISTS ${TRIGGER} ON ${quoteTable(table)}`);
    if (this.triggerTables.size > 0) {
      await this.admin.query(`DROP FUNCTION IF EXISTS ${this.qualified(TRIGGER)}()`);
      await this.admin.query(`DROP TABLE IF EXISTS ${this.qualified(SETTINGS)}`);
    }
    this.triggerTables.clear();
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

  /** An object of kvittering's in the schema it was installed in (found once, from the admin session). */
  private qualified(name: string): string {
    return `${quoteTable(this.schema ?? 'public')}.${name}`;
  }

  // The trigger runs as whoever inserts: the system's own role, which may not be the settings table's
  // owner. SECURITY DEFINER runs it as kvittering (the owner) instead, with a fixed search_path and
  // schema-qualified names, so the system's role needs no grant and cannot redirect the lookup.
  private async installTrigger(table: string): Promise<void> {
    if (this.schema === undefined) {
      const { rows } = await this.admin.query<{ schema: string }>('SELECT current_schema() AS schema');
      this.schema = rows[0]?.schema ?? 'public';
    }
    const settings = this.qualified(SETTINGS);
    await this.admin.query(`CREATE TABLE IF NOT EXISTS ${settings} (id INTEGER PRIMARY KEY, commit_delay_ms INTEGER NOT NULL)`);
    await this.admin.query(`INSERT INTO ${settings} (id, commit_delay_ms) VALUES (1, 0) ON CONFLICT (id) DO NOTHING`);
    await this.admin.query(`CREATE OR REPLACE FUNCTION ${this.qualified(TRIGGER)}() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE delay_ms INTEGER;
BEGIN
  SELECT commit_delay_ms INTO delay_ms FROM ${settings} WHERE id = 1;
  IF delay_ms > 0 THEN PERFORM pg_sleep(delay_ms / 1000.0); END IF;
  RETURN NULL;
END $$`);
    await this.admin.query(`DROP TRIGGER IF EXISTS ${TRIGGER} ON ${quoteTable(table)}`);
    await this.admin.query(`CREATE CONSTRAINT TRIGGER ${TRIGGER} AFTER INSERT ON ${quoteTable(table)}
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${this.qualified(TRIGGER)}()`);
    this.triggerTables.add(table);
  }
}

export { PostgresFaults, quoteTable };
