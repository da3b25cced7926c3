// Storage faults aimed at the system's own tables and sessions on PostgreSQL, each confirmed on the
// server before it counts: the backup job's SHARE locks are read back from pg_locks; the slow-commit
// trigger from pg_trigger; a session kill says how many of the system's sessions were terminated and
// fails when none matched. kvittering's own sessions (application_name kvittering-…) never match.

import pg from 'pg';
import { checkFaultTarget } from '../live/database-target.js';
import type { SessionSelector } from './system-profile-schema.js';

const CONNECT_TIMEOUT_MS = 5_000;
const SETTINGS = 'kvittering_fault_settings';
const TRIGGER = 'kvittering_slow_commit';

/** A table name as SQL: each part quoted, so a name is never code. */
function quoteTable(name: string): string {
  return name.split('.').map((part) => `"${part.replaceAll('"', '""')}"`).join('.');
}

function describeSessions(selector: SessionSelector): string {
  if ('applicationName' in selector) return `application_name = "${selector.applicationName}"`;
  if ('user' in selector) return `user = "${selector.user}"`;
  return `client address = ${selector.clientAddress}`;
}

class SystemStorageFaults {
  private readonly admin: pg.Pool;
  /** Its own connection, so a kill is never queued behind a lock or a trigger being installed. */
  private readonly killer: pg.Pool;
  private readonly triggerTables = new Set<string>();

  constructor(private readonly url: string, private readonly tables: readonly string[], private readonly sessions: SessionSelector | undefined, allowRemoteHosts: readonly string[] = []) {
    checkFaultTarget(url, allowRemoteHosts);
    this.admin = new pg.Pool({ connectionString: url, max: 2, application_name: 'kvittering-fault-driver', connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    this.admin.on('error', () => undefined);
    this.killer = new pg.Pool({ connectionString: url, max: 1, application_name: 'kvittering-session-killer', connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    this.killer.on('error', () => undefined);
  }

  /**
   * Install the slow-commit trigger (inactive) before the run: DDL on a table waits for the system's
   * open transactions, so done mid-run it would itself be a lock the plan did not ask for.
   */
  async prepareSlowCommit(): Promise<void> {
    await this.setCommitDelay(0);
  }

  /** Connect ahead of time, so the first fault is not late by a connection set-up. */
  async connect(): Promise<void> {
    await Promise.all([this.admin.query('SELECT 1'), this.killer.query('SELECT 1')]);
  }

  /** A backup job's transaction holding SHARE locks on every table: reads pass, writes queue. Returns the heal. */
  async holdTableLocks(): Promise<() => Promise<void>> {
    const job = new pg.Client({ connectionString: this.url, application_name: 'kvittering-backup-job', connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    job.on('error', () => undefined);
    await job.connect();
    try {
      await job.query('BEGIN');
      await job.query(`LOCK TABLE ${this.tables.map(quoteTable).join(', ')} IN SHARE MODE`);
      const { rows } = await job.query<{ held: string }>(
        `SELECT count(*) AS held FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND mode = 'ShareLock' AND granted
         AND relation = ANY($1::regclass[])`, [this.tables.map(quoteTable)]);
      if (Number(rows[0]?.held ?? 0) !== this.tables.length) throw new Error(`pg_locks shows ${rows[0]?.held ?? 0} of ${this.tables.length} share locks held`);
    } catch (error) {
      await job.end().catch(() => undefined);
      throw error;
    }
    return async () => {
      try {
        await job.query('COMMIT');
      } finally {
        await job.end();
      }
    };
  }

  /** Every commit of a row in the tables sleeps this long (a deferred trigger); 0 heals. Confirmed from pg_trigger. */
  async setCommitDelay(wallMs: number): Promise<void> {
    for (const table of this.tables) if (!this.triggerTables.has(table)) await this.installTrigger(table);
    await this.admin.query(`UPDATE ${SETTINGS} SET commit_delay_ms = $1 WHERE id = 1`, [Math.max(0, Math.round(wallMs))]);
    const { rows } = await this.admin.query<{ n: string }>(`SELECT count(*) AS n FROM pg_trigger WHERE tgname = $1 AND tgrelid = ANY($2::regclass[]) AND tgenabled <> 'D'`, [TRIGGER, this.tables.map(quoteTable)]);
    if (Number(rows[0]?.n ?? 0) !== this.tables.length) throw new Error(`pg_trigger shows the slow-commit trigger on ${rows[0]?.n ?? 0} of ${this.tables.length} tables`);
  }

  /** Terminate the system's sessions; returns how many. None matched ⇒ the fault did not reach the system. */
  async killSessions(): Promise<number> {
    const selector = this.sessions;
    if (selector === undefined) throw new Error('storage.sessions is not set, so the system\'s sessions cannot be told from others');
    const [column, value] = 'applicationName' in selector ? ['application_name', selector.applicationName] : 'user' in selector ? ['usename', selector.user] : ['host(client_addr)', selector.clientAddress];
    const { rows } = await this.killer.query<{ killed: string; matched: string }>(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS killed, count(*) AS matched FROM pg_stat_activity
       WHERE ${column} = $1 AND datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
       AND application_name NOT LIKE 'kvittering%'`, [value]);
    const killed = Number(rows[0]?.killed ?? 0);
    if (killed === 0) {
      const seen = await this.killer.query<{ name: string; n: string }>(
        `SELECT coalesce(application_name, '') AS name, count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' GROUP BY 1 ORDER BY 1`);
      const others = seen.rows.map((r) => `${r.name === '' ? '(no name)' : r.name} ×${r.n}`).join(', ');
      throw new Error(`no session with ${describeSessions(selector)} was connected to terminate (sessions in the database: ${others === '' ? 'none' : others})`);
    }
    return killed;
  }

  /** Remove what was installed in the system's database (the trigger and its settings table). */
  async close(): Promise<void> {
    try {
      for (const table of this.triggerTables) await this.admin.query(`DROP TRIGGER IF EXISTS ${TRIGGER} ON ${quoteTable(table)}`);
      if (this.triggerTables.size > 0) {
        await this.admin.query('DROP FUNCTION IF EXISTS kvittering_slow_commit()');
        await this.admin.query(`DROP TABLE IF EXISTS ${SETTINGS}`);
      }
    } finally {
      this.triggerTables.clear();
      await this.admin.end();
      await this.killer.end();
    }
  }

  private async installTrigger(table: string): Promise<void> {
    await this.admin.query(`CREATE TABLE IF NOT EXISTS ${SETTINGS} (id INTEGER PRIMARY KEY, commit_delay_ms INTEGER NOT NULL)`);
    await this.admin.query(`INSERT INTO ${SETTINGS} (id, commit_delay_ms) VALUES (1, 0) ON CONFLICT (id) DO NOTHING`);
    await this.admin.query(`CREATE OR REPLACE FUNCTION kvittering_slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE delay_ms INTEGER;
BEGIN
  SELECT commit_delay_ms INTO delay_ms FROM ${SETTINGS} WHERE id = 1;
  IF delay_ms > 0 THEN PERFORM pg_sleep(delay_ms / 1000.0); END IF;
  RETURN NULL;
END $$`);
    await this.admin.query(`DROP TRIGGER IF EXISTS ${TRIGGER} ON ${quoteTable(table)}`);
    await this.admin.query(`CREATE CONSTRAINT TRIGGER ${TRIGGER} AFTER INSERT ON ${quoteTable(table)} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kvittering_slow_commit()`);
    this.triggerTables.add(table);
  }
}

export { SystemStorageFaults, describeSessions };
