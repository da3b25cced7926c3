// Pointing kvittering at a municipality's own (staging) database: pick the driver from the connection
// string, run the read-only check query, and say what it sees. Nothing is written: the query runs in a
// transaction that is always rolled back (and READ ONLY on PostgreSQL); use a read-only login anyway.

import { performance } from 'node:perf_hooks';
import { REPORTS_TABLE } from '../../storage/schema.js';
import { driverFor } from './connect.js';
import { queryRecords } from './stored-records.js';

interface DatabaseCheck {
  dialect: 'postgres' | 'mssql';
  /** The server and database, without credentials. */
  target: string;
  query: string;
  rows: number;
  /** The first ids the query returned (ascending), to eyeball against the portal's export. */
  sample: number[];
  /** Rows whose stored_at could be read (needed to tell "stored" from "recovered" in time). */
  withTime: number;
  wallMs: number;
}

/** The reference schema's query; a municipality passes its own. */
const defaultCheckQuery = `SELECT message_id AS msg, stored_at FROM ${REPORTS_TABLE}`;

/** Where a connection string points, with any password removed. */
function describeTarget(connectionString: string): string {
  return connectionString
    .replace(/(\/\/[^:/@]+):[^@]*@/, '$1:***@')
    .replace(/((^|;)\s*(password|pwd)\s*=)[^;]*/gi, '$1***');
}

async function checkDatabase(connectionString: string, query = defaultCheckQuery): Promise<DatabaseCheck> {
  const started = performance.now();
  const driver = driverFor(connectionString);
  try {
    const rows = await queryRecords(driver, query).rows();
    const ids = rows.map((r) => r.msg).sort((a, b) => a - b);
    return {
      dialect: driver.dialect, target: describeTarget(connectionString), query, rows: rows.length, sample: ids.slice(0, 10),
      withTime: rows.filter((r) => Number.isFinite(r.storedAtEpochMs)).length, wallMs: performance.now() - started,
    };
  } finally {
    await driver.close();
  }
}

export { checkDatabase, describeTarget, defaultCheckQuery };
export type { DatabaseCheck };
