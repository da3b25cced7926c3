// The storage check is the oracle's only source of "stored" in live mode, so it must read exactly
// what the table holds, name duplicates, and fail loudly (never answer "not stored") when it cannot.

import { createServer } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStoredProbe } from '../../harness/live/stored-probe.js';
import { messageUuid } from '../../simulators/portal/http/wire.js';
import { createPostgresDatabase, type TestDatabase } from '../support/real-databases.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createPostgresDatabase();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  // A vendor schema without a unique key: a double insert shows as two rows.
  await client.query('CREATE TABLE meldinger (melding_id uuid NOT NULL, nummer bigint NOT NULL)');
  for (const n of [5, 6, 6]) await client.query('INSERT INTO meldinger VALUES ($1, $2)', [messageUuid(n), n]);
  await client.end();
});
afterAll(async () => { await db.drop(); });

describe('storage checks', () => {
  it.each([
    ['uuids, batched', 'SELECT melding_id FROM meldinger WHERE melding_id::text = ANY(:uuids)'],
    ['numbers, batched', 'SELECT nummer FROM meldinger WHERE nummer = ANY(:ids)'],
    ['a msg column, whole table', 'SELECT 1 AS other, nummer AS msg FROM meldinger'],
  ])('PostgreSQL (%s): reads the rows per id, duplicates included', async (_label, query) => {
    const probe = createStoredProbe({ kind: 'sql', connectionString: db.url, query });
    try {
      expect(await probe.storedAmong([5, 6, 7])).toEqual(new Map([[5, 1], [6, 2]]));
    } finally {
      await probe.close();
    }
  });

  it('rejects instead of answering "not stored" when the database cannot answer', async () => {
    const pgDown = createStoredProbe({ kind: 'sql', connectionString: 'postgres://postgres@127.0.0.1:1/none', query: 'SELECT 1' }, 1_000);
    await expect(pgDown.storedAmong([1])).rejects.toThrow();
    await pgDown.close();
    const mssqlDown = createStoredProbe({ kind: 'sql', connectionString: 'Server=127.0.0.1,1;Database=x;User Id=sa;Password=x;TrustServerCertificate=true', query: 'SELECT msg FROM t' }, 1_000);
    await expect(mssqlDown.storedAmong([1])).rejects.toThrow();
    await mssqlDown.close().catch(() => undefined);
    expect(() => createStoredProbe({ kind: 'sql', connectionString: 'mysql://x', query: 'SELECT 1' })).toThrow(/E_LIVE_FIELD: storageCheck.connectionString is "mysql:\/\/x" — expected postgres/);
  });

  it('HTTP lookup: 200 stored, 404 not, anything else fails the read', async () => {
    const server = createServer((req, res) => {
      const id = decodeURIComponent(req.url?.split('/').pop() ?? '');
      const status = id === messageUuid(1) ? 200 : id === messageUuid(2) ? 404 : 500;
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const probe = createStoredProbe({ kind: 'http', lookupUrl: `http://127.0.0.1:${port}/lagret/{id}` });
    expect(await probe.storedAmong([1, 2])).toEqual(new Map([[1, 1]]));
    await expect(probe.storedAmong([1, 3])).rejects.toThrow(/HTTP 500/);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
