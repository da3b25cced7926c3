// The oracle's read adapter: what a database really holds, as (message id, insert time) rows. Either
// the reference schema's table, or — for a municipality's own staging database — a read-only check
// query that returns a `msg` column (the portal's message id) and, if it can, a `stored_at` column.
// The query runs in a transaction that is always rolled back (READ ONLY on PostgreSQL).

import { KvitteringError } from '../errors.js';
import type { SqlDriver, StoredRow } from '../../storage/sql-driver.js';

interface StoredRecords {
  rows(): Promise<StoredRow[]>;
}

/** The reference case system's table (received_reports). */
function tableRecords(driver: SqlDriver): StoredRecords {
  return { rows: () => driver.storedRows() };
}

function epochOf(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : Date.parse(value);
  }
  return Number.NaN;
}

/**
 * Rows from a check query. A missing or unreadable `stored_at` becomes NaN: the id counts as stored,
 * but its time is unknown (the oracle then treats it as stored at the start of the run).
 */
function queryRecords(driver: SqlDriver, query: string): StoredRecords {
  return {
    rows: async () => {
      const rows = await driver.readOnlyQuery(query);
      return rows.map((row, i) => {
        if (!('msg' in row)) {
          throw new KvitteringError('E_CHECK_QUERY', `row ${i} of the check query has columns ${JSON.stringify(Object.keys(row))} — expected a column named msg`,
            'Alias the message id column: SELECT melding_id AS msg, mottatt_tid AS stored_at FROM …');
        }
        const msg = Number(row.msg);
        if (!Number.isSafeInteger(msg)) {
          throw new KvitteringError('E_CHECK_QUERY', `row ${i}: msg is ${JSON.stringify(row.msg)} — expected the portal's numeric message id`,
            'kvittering numbers its messages; select the column where the case system stores the id it was sent.');
        }
        return { msg, storedAtEpochMs: epochOf(row.stored_at) };
      });
    },
  };
}

export { tableRecords, queryRecords };
export type { StoredRecords };
