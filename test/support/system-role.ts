// A login role of the system's own for a throw-away test database: not a superuser, allowed to create
// its tables in the public schema (so an example's CREATE TABLE makes it their owner), the way a vendor's
// case system logs in. Role settings and the connection limit are the role faults' to change; drop()
// removes the role with what it owns.

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { withDatabase } from '../../harness/live/scratch-database.js';
import { wallNowMs } from '../../harness/runtime/wall-clock.js';
import type { TestDatabase } from './real-databases.js';

interface SystemRole {
  name: string;
  /** The test database, logging in as the role (trust authentication on loopback). */
  url: string;
  drop(): Promise<void>;
}

async function onServer<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createSystemRole(db: TestDatabase, options: { superuser?: boolean } = {}): Promise<SystemRole> {
  const name = `kvittering_test_role_${wallNowMs().toString(36)}_${randomUUID().slice(0, 8)}`;
  await onServer(db.url, async (client) => {
    await client.query(`CREATE ROLE "${name}" LOGIN${options.superuser === true ? ' SUPERUSER' : ''}`);
    await client.query(`GRANT CREATE, USAGE ON SCHEMA public TO "${name}"`);
  });
  const u = new URL(db.url);
  u.username = name;
  u.password = '';
  return {
    name,
    url: u.toString(),
    drop: async () => {
      // Its grants (and tables, if the database is still there) go first; a dropped database took them along.
      await onServer(db.url, (client) => client.query(`DROP OWNED BY "${name}"`)).catch(() => undefined);
      await onServer(withDatabase(db.url, 'postgres'), (client) => client.query(`DROP ROLE IF EXISTS "${name}"`));
    },
  };
}

export { createSystemRole };
export type { SystemRole };
