// Faults set on the system's own database role (storage.role), on PostgreSQL: a statement timeout and
// a lock timeout (ALTER ROLE … IN DATABASE … SET), and connection exhaustion (CONNECTION LIMIT 0: the
// role gets no new connection). A role setting reaches a session only when it logs in, so after each
// change the role's idle sessions are ended: the system's pool reconnects and meets the new value (a
// session busy in a statement keeps the value it logged in with until it is idle and is reused).
// Every change is read back from the catalogue before it counts. Overlapping timeout windows keep the
// strictest; the last heal restores exactly what was set before (or RESETs it), and close() heals
// whatever a stopped run left set. kvittering's own login role is refused: its probe would be hit.

import pg from 'pg';
import { checkFaultTarget } from '../live/database-target.js';

type TimeoutSetting = 'statement_timeout' | 'lock_timeout';

interface RoleChange {
  /** Undo this window's part; resolves once the catalogue shows the result. */
  heal: () => Promise<string>;
  /** What the catalogue showed, for the report. */
  confirmation: string;
}

const CONNECT_TIMEOUT_MS = 5_000;

/** The role's ($1) per-database value of a setting ($2) in this database; NULL when none is set. */
const SETTING_SQL = `SELECT (SELECT substr(c, length($2) + 2) FROM unnest(s.setconfig) c WHERE starts_with(c, $2 || '='))
  FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole JOIN pg_database d ON d.oid = s.setdatabase
  WHERE r.rolname = $1 AND d.datname = current_database()`;
/** Ends the role's ($1) idle sessions in this database (never kvittering's own) and counts them. */
const END_IDLE_SQL = `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
  WHERE usename = $1 AND datname = current_database() AND state = 'idle' AND backend_type = 'client backend'
  AND pid <> pg_backend_pid() AND application_name NOT LIKE 'kvittering%'`;

function remove(values: number[], value: number): void {
  const i = values.indexOf(value);
  if (i >= 0) values.splice(i, 1);
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

interface RoleFacts {
  exists: boolean;
  superuser: boolean;
  /** The role storage.url logs in as. */
  ownLogin: string;
  database: string;
}

class SystemRoleFaults {
  private readonly admin: pg.Pool;
  private facts: RoleFacts | undefined;
  /** Wall ms of each open window, per setting; the strictest is in force. */
  private readonly openTimeouts = new Map<TimeoutSetting, number[]>();
  /** The per-database value each setting had before the first window (undefined: none, RESET restores it). */
  private readonly previousSetting = new Map<TimeoutSetting, string | undefined>();
  /** One entry (the limit in force, 0) per open connection-exhaustion window. */
  private readonly openExhaustions: number[] = [];
  private previousConnLimit: number | undefined;
  /** Changes run one at a time, in the order asked: a heal never overtakes the apply before it. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(url: string, readonly role: string, allowRemoteHosts: readonly string[] = []) {
    checkFaultTarget(url, allowRemoteHosts);
    this.admin = new pg.Pool({ connectionString: url, max: 1, application_name: 'kvittering-role-faults', connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    this.admin.on('error', () => undefined);
  }

  /** Connect and read what the faults need to know about the role (throws only when the server cannot be asked). */
  async check(): Promise<void> {
    const { rows } = await this.admin.query<{ own: string; db: string; exists: boolean; superuser: boolean | null }>(
      `SELECT current_user AS own, current_database() AS db, r.rolname IS NOT NULL AS exists, r.rolsuper AS superuser
       FROM (SELECT 1) one LEFT JOIN pg_roles r ON r.rolname = $1`, [this.role]);
    const row = rows[0];
    if (row === undefined) throw new Error('pg_roles could not be read');
    this.facts = { exists: row.exists, superuser: row.superuser === true, ownLogin: row.own, database: row.db };
  }

  /** Why a fault of this kind cannot be set on the role (undefined: it can). */
  refusal(kind: 'timeout' | 'connections'): string | undefined {
    const f = this.facts;
    if (f === undefined) return 'the role was never checked (the database could not be reached)';
    if (!f.exists) return `storage.role "${this.role}" is not a role on the server (pg_roles has no such role)`;
    if (f.ownLogin === this.role) {
      return `storage.role "${this.role}" is the role kvittering itself logs in as (storage.url): set on it, the fault would hit kvittering's own storage reads, not only the system — give the system its own login role`;
    }
    if (kind === 'connections' && f.superuser) {
      return `storage.role "${this.role}" is a superuser: PostgreSQL does not apply a connection limit to superusers, so its connections cannot be exhausted this way`;
    }
    return undefined;
  }

  /** Open a timeout window: the strictest open value is set for the role in this database. */
  setTimeout(setting: TimeoutSetting, wallMs: number): Promise<RoleChange> {
    const ms = Math.max(1, Math.round(wallMs));
    return this.serially(async () => {
      this.refuseIf('timeout');
      const open = this.openTimeouts.get(setting) ?? [];
      if (open.length === 0) this.previousSetting.set(setting, await this.readSetting(setting));
      this.openTimeouts.set(setting, open);
      return this.openWindow(open, ms, () => this.enforceTimeout(setting));
    });
  }

  /** Open a connection-exhaustion window: the role may open no connection (its idle ones are ended). */
  refuseConnections(): Promise<RoleChange> {
    return this.serially(async () => {
      this.refuseIf('connections');
      if (this.openExhaustions.length === 0) this.previousConnLimit = await this.readConnLimit();
      return this.openWindow(this.openExhaustions, 0, () => this.enforceConnLimit());
    });
  }

  /**
   * One window of either kind: its value joins the open ones and the role is set to match; if that
   * cannot be confirmed, the value leaves again and the previous state is put back. Its heal runs once.
   */
  private async openWindow(open: number[], value: number, enforce: () => Promise<string>): Promise<RoleChange> {
    open.push(value);
    const confirmation = await enforce().catch(async (error: unknown) => {
      remove(open, value);
      await enforce().catch(() => undefined);
      throw error;
    });
    let healed = false;
    return {
      confirmation,
      heal: () => this.serially(async () => {
        if (healed) return 'already healed';
        healed = true;
        remove(open, value);
        return enforce();
      }),
    };
  }

  /** Heal what is still set (a run stopped mid-window) and disconnect. */
  async close(): Promise<void> {
    try {
      await this.serially(async () => {
        for (const [setting, open] of this.openTimeouts) {
          if (open.length === 0) continue;
          open.length = 0;
          await this.enforceTimeout(setting);
        }
        if (this.openExhaustions.length > 0) {
          this.openExhaustions.length = 0;
          await this.enforceConnLimit();
        }
      });
    } finally {
      await this.admin.end();
    }
  }

  private refuseIf(kind: 'timeout' | 'connections'): void {
    const reason = this.refusal(kind);
    if (reason !== undefined) throw new Error(reason);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private get database(): string {
    return this.facts?.database ?? '';
  }

  /** Set the strictest open value (or restore the one from before) and confirm it from pg_db_role_setting. */
  private async enforceTimeout(setting: TimeoutSetting): Promise<string> {
    const open = this.openTimeouts.get(setting) ?? [];
    const wanted = open.length === 0 ? this.previousSetting.get(setting) : `${Math.min(...open)}ms`;
    const target = `ALTER ROLE ${ident(this.role)} IN DATABASE ${ident(this.database)}`;
    await this.admin.query(wanted === undefined ? `${target} RESET ${setting}` : `${target} SET ${setting} = ${literal(wanted)}`);
    // One round trip for the read-back and the idle sessions: under load each one is slow, and a late
    // confirmation shortens the window the report calls open.
    const { rows } = await this.admin.query<{ value: string | null; ended: string }>(
      `SELECT (${SETTING_SQL}) AS value, (${END_IDLE_SQL}) AS ended`, [this.role, setting]);
    const got = rows[0]?.value ?? undefined;
    if (got !== wanted) throw new Error(`pg_db_role_setting shows ${setting} ${got === undefined ? 'unset' : `= ${got}`} for role "${this.role}", not ${wanted ?? 'unset'}`);
    const state = wanted === undefined ? `${setting} reset` : `${setting} = ${wanted}`;
    return `${state} for role ${this.role} in database ${this.database} (pg_db_role_setting); ${rows[0]?.ended ?? 0} idle session(s) of the role ended to log in again with it`;
  }

  private async enforceConnLimit(): Promise<string> {
    const wanted = this.openExhaustions.length > 0 ? 0 : this.previousConnLimit ?? -1;
    await this.admin.query(`ALTER ROLE ${ident(this.role)} CONNECTION LIMIT ${wanted}`);
    const { rows } = await this.admin.query<{ limit: number | null; ended: string }>(
      `SELECT (SELECT rolconnlimit FROM pg_roles WHERE rolname = $1) AS limit, (${END_IDLE_SQL}) AS ended`, [this.role]);
    const got = rows[0]?.limit ?? undefined;
    if (got !== wanted) throw new Error(`pg_roles shows connection limit ${String(got ?? 'none (no such role)')} for role "${this.role}", not ${wanted}`);
    const ended = rows[0]?.ended ?? 0;
    return wanted === 0
      ? `role ${this.role} refused new connections (pg_roles.rolconnlimit = 0); ${ended} idle session(s) of the role ended`
      : `role ${this.role}'s connection limit restored to ${wanted} (pg_roles); ${ended} idle session(s) of the role ended`;
  }

  private async readSetting(setting: TimeoutSetting): Promise<string | undefined> {
    const { rows } = await this.admin.query<{ value: string | null }>(`SELECT (${SETTING_SQL}) AS value`, [this.role, setting]);
    return rows[0]?.value ?? undefined;
  }

  private async readConnLimit(): Promise<number> {
    const { rows } = await this.admin.query<{ limit: number }>('SELECT rolconnlimit AS limit FROM pg_roles WHERE rolname = $1', [this.role]);
    const limit = rows[0]?.limit;
    if (limit === undefined) throw new Error(`pg_roles has no role "${this.role}"`);
    return limit;
  }
}

export { SystemRoleFaults };
export type { RoleChange, TimeoutSetting };
