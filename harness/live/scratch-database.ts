// A throw-away database on a real server, for tests and demonstrations: uniquely named, created empty,
// dropped afterwards (sessions left open by a failed run are ended first). The creation time is in the
// name, so a later run sweeps what a killed run left behind. Creating and dropping databases is a
// disturbance, so the server must be on loopback or named in allowRemoteHosts.

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import sql from 'mssql';
import type { Dialect } from '../../storage/schema.js';
import { checkFaultTarget } from './database-target.js';
import { wallNowMs } from '../runtime/wall-clock.js';

interface ScratchDatabase {
  dialect: Dialect;
  name: string;
  /** Connection string of the new, empty database. */
  url: string;
  drop(): Promise<void>;
}

interface ScratchOptions {
  /** Name prefix; also what the stale sweep looks for. */
  prefix?: string;
  allowRemoteHosts?: readonly string[];
  /** Databases with this prefix older than this are dropped first (PostgreSQL). Default one hour. */
  staleAfterMs?: number;
}

function scratchName(prefix: string): string {
  return `${prefix}${wallNowMs().toString(36)}_${randomUUID().slice(0, 8)}`;
}

/** The same server, another database: a postgres:// URL or an ADO.NET connection string. */
function withDatabase(url: string, database: string): string {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const u = new URL(url);
    u.pathname = `/${database}`;
    return u.toString();
  }
  const parts = url.split(';').filter((p) => p.trim() !== '' && !/^\s*(database|initial catalog)\s*=/i.test(p));
  return [...parts, `Database=${database}`].join(';');
}

async function onPostgres<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function onMssql<T>(url: string, fn: (pool: sql.ConnectionPool) => Promise<T>): Promise<T> {
  const pool = await new sql.ConnectionPool(withDatabase(url, 'master')).connect();
  try {
    return await fn(pool);
  } finally {
    await pool.close();
  }
}

async function createScratchDatabase(serverUrl: string, options: ScratchOptions = {}): Promise<ScratchDatabase> {
  checkFaultTarget(serverUrl, options.allowRemoteHosts);
  const prefix = options.prefix ?? 'kvittering_scratch_';
  const staleAfterMs = options.staleAfterMs ?? 60 * 60 * 1000;
  const name = scratchName(prefix);
  if (/^postgres(ql)?:\/\//i.test(serverUrl)) {
    await onPostgres(serverUrl, async (client) => {
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
      for (const { datname } of rows) {
        const born = parseInt(datname.slice(prefix.length).split('_')[0] ?? '', 36);
        if (Number.isFinite(born) && wallNowMs() - born > staleAfterMs) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
      await client.query(`CREATE DATABASE "${name}"`);
    });
    return {
      dialect: 'postgres', name, url: withDatabase(serverUrl, name),
      // FORCE ends sessions a failed run left open (a lock holder, a hung write).
      drop: () => onPostgres(serverUrl, async (client) => { await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`); }),
    };
  }
  await onMssql(serverUrl, (pool) => pool.request().batch(`CREATE DATABASE [${name}]`));
  return {
    dialect: 'mssql', name, url: withDatabase(serverUrl, name),
    drop: () => onMssql(serverUrl, async (pool) => {
      await pool.request().batch(`IF DB_ID('${name}') IS NOT NULL BEGIN ALTER DATABASE [${name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [${name}]; END`);
    }),
  };
}

export { createScratchDatabase, withDatabase };
export type { ScratchDatabase, ScratchOptions };
