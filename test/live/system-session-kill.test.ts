// storage.sessions picks the system's own sessions, and a kill never reaches kvittering's: its storage
// probe logs in as the same user (the "obvious" selector, user: postgres) but names its connections
// kvittering-…, and those are left alone. In a throw-away database, so no other session is touched.

import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { SystemStorageFaults } from '../../harness/system-test/system-storage-faults.js';
import { createPostgresDatabase, testFaultHosts, type TestDatabase } from '../support/real-databases.js';

let db: TestDatabase | undefined;
const clients: pg.Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
  await db?.drop();
  db = undefined;
});

async function connect(url: string, applicationName: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: applicationName });
  client.on('error', () => undefined);
  await client.connect();
  clients.push(client);
  return client;
}

const alive = (client: pg.Client) => client.query('SELECT 1').then(() => true, () => false);

describe('db-session-kill on the system\'s own sessions', () => {
  it.each([
    ['user', (user: string) => ({ user })],
    ['applicationName', () => ({ applicationName: 'case-system' })],
  ] as const)('selected by %s: the system\'s sessions are terminated, kvittering\'s own (same user) are not', async (_name, selector) => {
    db = await createPostgresDatabase();
    const user = new URL(db.url).username || 'postgres';
    const system = [await connect(db.url, 'case-system'), await connect(db.url, 'case-system')];
    const probe = await connect(db.url, 'kvittering-storage-check');
    const faults = new SystemStorageFaults(db.url, ['t'], selector(user), testFaultHosts());
    try {
      expect(await faults.killSessions()).toBe(2);
    } finally {
      await faults.close().catch(() => undefined);
    }
    expect(await Promise.all(system.map(alive))).toEqual([false, false]);
    expect(await alive(probe)).toBe(true);
  });

  it('no session matching is a fault that could not be applied, naming the sessions it saw', async () => {
    db = await createPostgresDatabase();
    await connect(db.url, 'something-else');
    const faults = new SystemStorageFaults(db.url, ['t'], { applicationName: 'case-system' }, testFaultHosts());
    try {
      await expect(faults.killSessions()).rejects.toThrow(/no session with application_name = "case-system" was connected to terminate \(sessions in the database: .*something-else ×1/);
    } finally {
      await faults.close().catch(() => undefined);
    }
  });
});
