// SystemRoleFaults against the real PostgreSQL: the statement and lock timeouts reach a new session of
// the system's role and cancel its INSERT behind a table lock; overlapping windows keep the strictest
// and the last heal restores exactly what was there before; a connection limit of 0 refuses the role's
// logins until healed; the role's idle sessions are ended so its pool logs in again; kvittering's own
// login, a missing role and (for connections) a superuser are refused with the reason. Also: the
// slow-commit trigger works when the inserting role owns neither the trigger nor its settings.

import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SystemRoleFaults } from '../../harness/system-test/role-faults.js';
import { PostgresFaults } from '../../harness/live/postgres-faults.js';
import { createPostgresDatabase, type TestDatabase } from '../support/real-databases.js';
import { createSystemRole, type SystemRole } from '../support/system-role.js';

let db: TestDatabase;
let role: SystemRole;
let admin: pg.Client;
const opened: { end(): Promise<void> }[] = [];

beforeAll(async () => {
  db = await createPostgresDatabase();
  role = await createSystemRole(db);
  admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  const system = await asRole();
  await system.query('CREATE TABLE inn (id integer PRIMARY KEY)');
  await system.end();
});

afterAll(async () => {
  await admin.end();
  await db.drop();
  await role.drop();
});

let faults: SystemRoleFaults;
beforeEach(async () => {
  faults = new SystemRoleFaults(db.url, role.name);
  await faults.check();
});
afterEach(async () => {
  await faults.close();
  for (const c of opened.splice(0)) await c.end().catch(() => undefined);
  await admin.query(`ALTER ROLE "${role.name}" IN DATABASE "${db.name}" RESET ALL`);
  await admin.query(`ALTER ROLE "${role.name}" CONNECTION LIMIT -1`);
});

/** A new session of the system's role (settings of the role apply at login). */
async function asRole(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: role.url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  opened.push(client);
  return client;
}

const show = async (setting: string) => (await (await asRole()).query<Record<string, string>>(`SHOW ${setting}`)).rows[0]?.[setting];

/** An INSERT of the role's while a backup job holds the table: the error code it ends with. */
async function insertBehindLock(id: number): Promise<string | undefined> {
  const backup = new pg.Client({ connectionString: db.url });
  await backup.connect();
  try {
    await backup.query('BEGIN');
    await backup.query('LOCK TABLE inn IN SHARE MODE');
    const system = await asRole();
    // Unbounded without the fault: the lock is released after 5 s (wall) whatever happens.
    const release = setTimeout(() => void backup.query('COMMIT').catch(() => undefined), 5_000);
    try {
      await system.query('INSERT INTO inn VALUES ($1)', [id]);
      return undefined;
    } catch (error) {
      return (error as { code?: string }).code;
    } finally {
      clearTimeout(release);
    }
  } finally {
    await backup.end();
  }
}

describe('SystemRoleFaults on a real PostgreSQL', () => {
  it('a statement timeout reaches new sessions of the role, cancels an INSERT behind a table lock, and heals to unset', async () => {
    const change = await faults.setTimeout('statement_timeout', 150);
    expect(change.confirmation).toMatch(new RegExp(`statement_timeout = 150ms for role ${role.name} in database ${db.name} \\(pg_db_role_setting\\)`));
    expect(await show('statement_timeout')).toBe('150ms');
    expect(await insertBehindLock(1)).toBe('57014'); // query_canceled: canceling statement due to statement timeout
    expect(await change.heal()).toMatch(/statement_timeout reset/);
    expect(await show('statement_timeout')).toBe('0');
    const rows = await admin.query('SELECT 1 FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole WHERE r.rolname = $1', [role.name]);
    expect(rows.rowCount).toBe(0);
  });

  it('a lock timeout cancels the INSERT behind the lock with 55P03', async () => {
    const change = await faults.setTimeout('lock_timeout', 100);
    expect(await show('lock_timeout')).toBe('100ms');
    expect(await insertBehindLock(2)).toBe('55P03'); // lock_not_available: canceling statement due to lock timeout
    await change.heal();
    expect(await show('lock_timeout')).toBe('0');
  });

  it('overlapping windows keep the strictest, and the last heal restores the exact previous setting', async () => {
    await admin.query(`ALTER ROLE "${role.name}" IN DATABASE "${db.name}" SET statement_timeout = '7s'`);
    const loose = await faults.setTimeout('statement_timeout', 900);
    const strict = await faults.setTimeout('statement_timeout', 40);
    expect(await show('statement_timeout')).toBe('40ms');
    await strict.heal();
    expect(await show('statement_timeout')).toBe('900ms');
    await loose.heal();
    expect(await show('statement_timeout')).toBe('7s');
  });

  it('ends the role\'s idle sessions so its pool logs in again with the new value', async () => {
    const pool = new pg.Pool({ connectionString: role.url, max: 2 });
    const ended = new Promise((resolve) => pool.once('error', resolve)); // the pool hears its idle connection end
    pool.on('error', () => undefined);
    opened.push(pool);
    await pool.query('SELECT 1'); // one idle connection in the pool
    const change = await faults.setTimeout('lock_timeout', 250);
    expect(change.confirmation).toMatch(/; 1 idle session\(s\) of the role ended/);
    await ended;
    expect((await pool.query<{ lock_timeout: string }>('SHOW lock_timeout')).rows[0]?.lock_timeout).toBe('250ms');
  });

  it('connection exhaustion refuses the role\'s logins until healed, then restores its previous limit', async () => {
    await admin.query(`ALTER ROLE "${role.name}" CONNECTION LIMIT 5`);
    const idle = await asRole();
    const change = await faults.refuseConnections();
    expect(change.confirmation).toMatch(/refused new connections \(pg_roles\.rolconnlimit = 0\); 1 idle session\(s\) of the role ended/);
    await expect(idle.query('SELECT 1')).rejects.toThrow();
    await expect(asRole()).rejects.toThrow(/too many connections for role/);
    expect(await change.heal()).toMatch(/connection limit restored to 5/);
    expect((await (await asRole()).query('SELECT 1')).rowCount).toBe(1);
  });

  it('close() heals what a stopped run left set', async () => {
    await faults.setTimeout('statement_timeout', 60);
    await faults.refuseConnections();
    await faults.close();
    expect(await show('statement_timeout')).toBe('0');
    faults = new SystemRoleFaults(db.url, role.name); // afterEach closes it
  });

  it('refuses kvittering\'s own login role, a role that does not exist, and connection limits on a superuser', async () => {
    const own = new SystemRoleFaults(db.url, new URL(db.url).username || 'postgres');
    await own.check();
    expect(own.refusal('timeout')).toMatch(/is the role kvittering itself logs in as \(storage\.url\)/);
    await expect(own.setTimeout('statement_timeout', 10)).rejects.toThrow(/kvittering itself logs in as/);
    await own.close();
    const missing = new SystemRoleFaults(db.url, 'kvittering_test_no_such_role');
    await missing.check();
    await expect(missing.refuseConnections()).rejects.toThrow(/"kvittering_test_no_such_role" is not a role on the server/);
    await missing.close();
    const superRole = await createSystemRole(db, { superuser: true });
    try {
      const su = new SystemRoleFaults(db.url, superRole.name);
      await su.check();
      expect(su.refusal('timeout')).toBeUndefined();
      await expect(su.refuseConnections()).rejects.toThrow(/is a superuser: PostgreSQL does not apply a connection limit to superusers/);
      await su.close();
    } finally {
      await superRole.drop();
    }
  });
});

describe('the slow-commit trigger under the system\'s own role', () => {
  it('lets a role that owns neither the trigger nor its settings insert (SECURITY DEFINER, fixed search_path)', async () => {
    const server = new PostgresFaults(db.url, [], ['inn']);
    try {
      await server.setCommitDelay(20);
      const system = await asRole();
      await system.query('INSERT INTO inn VALUES (100)');
      const fn = await admin.query<{ prosecdef: boolean; proconfig: string[] }>("SELECT prosecdef, proconfig FROM pg_proc WHERE proname = 'kvittering_slow_commit'");
      expect(fn.rows[0]).toEqual({ prosecdef: true, proconfig: ['search_path=pg_catalog, pg_temp'] });
    } finally {
      await server.uninstall();
      await server.close();
    }
  });
});
