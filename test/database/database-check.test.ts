// Pointing kvittering at a staging database: the read-only check query reads ids, refuses to change
// anything, and explains a query that does not return what the oracle needs; faults stay on loopback.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { checkDatabase, describeTarget } from '../../harness/live/database-check.js';
import { driverFor } from '../../harness/live/connect.js';
import { KvitteringError } from '../../harness/errors.js';
import { checkFaultTarget, databaseHost } from '../../harness/live/database-target.js';
import { PostgresFaults } from '../../harness/live/postgres-faults.js';
import { createPostgresDatabase, type TestDatabase } from '../support/real-databases.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createPostgresDatabase();
  // A municipality's own schema, not ours: Norwegian names, UUIDs beside the portal's numeric id.
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(`CREATE TABLE bekymringsmelding (id UUID PRIMARY KEY DEFAULT gen_random_uuid(), fiks_melding_nr BIGINT NOT NULL, mottatt TIMESTAMPTZ NOT NULL DEFAULT now());
    INSERT INTO bekymringsmelding (fiks_melding_nr) VALUES (3), (1), (2)`);
  await client.end();
});
afterAll(() => db.drop());

const QUERY = 'SELECT fiks_melding_nr AS msg, mottatt AS stored_at FROM bekymringsmelding';

describe('checkDatabase', () => {
  it('reads ids and insert times through a custom check query', async () => {
    const check = await checkDatabase(db.url, QUERY);
    expect(check).toMatchObject({ dialect: 'postgres', rows: 3, sample: [1, 2, 3], withTime: 3 });
  });

  it('changes nothing: a write in the check query is refused by the READ ONLY transaction', async () => {
    await expect(checkDatabase(db.url, 'INSERT INTO bekymringsmelding (fiks_melding_nr) VALUES (9) RETURNING fiks_melding_nr AS msg')).rejects.toThrow(/read-only transaction/);
    expect((await checkDatabase(db.url, QUERY)).rows).toBe(3);
  });

  it('names the missing column and the id it expected', async () => {
    await expect(checkDatabase(db.url, 'SELECT id FROM bekymringsmelding')).rejects.toThrow(/E_CHECK_QUERY: row 0 .* expected a column named msg/);
    await expect(checkDatabase(db.url, 'SELECT id AS msg FROM bekymringsmelding')).rejects.toThrow(/expected the portal's numeric message id/);
  });

  it('picks the driver from the connection string and hides passwords', () => {
    expect(() => driverFor('mysql://x')).toThrow(KvitteringError);
    expect(describeTarget('Server=sql1,1433;Database=familia;User Id=ro;Password=hemmelig;Encrypt=true')).toBe('Server=sql1,1433;Database=familia;User Id=ro;Password=***;Encrypt=true');
    expect(describeTarget('postgres://ro:hemmelig@db:5432/familia')).toBe('postgres://ro:***@db:5432/familia');
  });
});

describe('fault target guard', () => {
  it('disturbs only a loopback database unless the host is named', () => {
    expect(databaseHost('Server=tcp:sql-staging.bergen.kommune.no,1433;Database=familia')).toBe('sql-staging.bergen.kommune.no');
    expect(databaseHost('Server=.;Database=familia')).toBe('localhost');
    expect(checkFaultTarget('postgres://postgres@127.0.0.1:5432/x')).toBe('127.0.0.1');
    expect(() => new PostgresFaults('postgres://ro@db.bergen.kommune.no/familia')).toThrow(/E_REMOTE_TARGET: the fault driver's database is on db\.bergen\.kommune\.no/);
    expect(checkFaultTarget('Server=sql-staging,1433;Database=familia', ['SQL-STAGING'])).toBe('sql-staging');
  });
});
