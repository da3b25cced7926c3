// Storage faults aimed at the system's own tables and sessions on PostgreSQL, each confirmed on the
// server before it counts: the table lock and the slow-commit trigger are PostgresFaults aimed at
// storage.tables (read back from pg_locks and pg_trigger); a session kill says how many of the system's
// sessions were terminated and fails when none matched. kvittering's own sessions (application_name
// kvittering-…) never match.

import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { checkFaultTarget } from '../live/database-target.js';
import { PostgresFaults } from '../live/postgres-faults.js';
import type { SessionSelector } from './system-profile-schema.js';

const CONNECT_TIMEOUT_MS = 5_000;
const SESSION_WAIT_STEP_MS = 25;

function describeSessions(selector: SessionSelector): string {
  if ('applicationName' in selector) return `application_name = "${selector.applicationName}"`;
  if ('user' in selector) return `user = "${selector.user}"`;
  return `client address = ${selector.clientAddress}`;
}

class SystemStorageFaults {
  private readonly server: PostgresFaults;
  /** Its own connection, so a kill is never queued behind a lock or a trigger being installed. */
  private readonly killer: pg.Pool;

  constructor(url: string, tables: readonly string[], private readonly sessions: SessionSelector | undefined, allowRemoteHosts: readonly string[] = []) {
    checkFaultTarget(url, allowRemoteHosts);
    this.server = new PostgresFaults(url, allowRemoteHosts, tables);
    this.killer = new pg.Pool({ connectionString: url, max: 1, application_name: 'kvittering-session-killer', connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    this.killer.on('error', () => undefined);
  }

  /**
   * Install the slow-commit trigger (inactive) before the run: DDL on a table waits for the system's
   * open transactions, so done mid-run it would itself be a lock the plan did not ask for.
   */
  async prepareSlowCommit(): Promise<void> {
    await this.server.setCommitDelay(0);
  }

  /** Connect ahead of time, so the first fault is not late by a connection set-up. */
  async connect(): Promise<void> {
    await Promise.all([this.server.prepare(), this.killer.query('SELECT 1')]);
  }

  /** A backup job's transaction holding SHARE locks on every table: reads pass, writes queue. Returns the heal. */
  holdTableLocks(): Promise<() => Promise<void>> {
    return this.server.holdTableLock();
  }

  /** Every commit of a row in the tables sleeps this long (a deferred trigger); 0 heals. Confirmed from pg_trigger. */
  setCommitDelay(wallMs: number): Promise<void> {
    return this.server.setCommitDelay(wallMs);
  }

  /**
   * Terminate the system's sessions; returns how many. A system between connections (its pool dropped
   * them after errors) has none for a moment, so the kill waits up to `waitWallMs` for one to appear.
   * None by then ⇒ the fault did not reach the system.
   */
  async killSessions(waitWallMs = 0): Promise<number> {
    const selector = this.sessions;
    if (selector === undefined) throw new Error('storage.sessions is not set, so the system\'s sessions cannot be told from others');
    const [column, value] = 'applicationName' in selector ? ['application_name', selector.applicationName] : 'user' in selector ? ['usename', selector.user] : ['host(client_addr)', selector.clientAddress];
    const deadline = performance.now() + waitWallMs;
    let killed = 0;
    for (;;) {
      const { rows } = await this.killer.query<{ killed: string }>(
        `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS killed FROM pg_stat_activity
         WHERE ${column} = $1 AND datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
         AND application_name NOT LIKE 'kvittering%'`, [value]);
      killed = Number(rows[0]?.killed ?? 0);
      if (killed > 0 || performance.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, SESSION_WAIT_STEP_MS));
    }
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
      await this.server.uninstall();
    } finally {
      await this.server.close();
      await this.killer.end();
    }
  }
}

export { SystemStorageFaults, describeSessions };
