// How the live runner learns what a system under test really stored — from its storage, never from
// its receipts. Two ways in, as a scenario names them:
//   sql:  a query over a connection string — PostgreSQL (postgres://…) or SQL Server ("Server=…;…",
//         through the mssql adapter, in a read-only transaction that is rolled back). Each row's
//         `msg` column — or else its first column — is a message id (the kvittering UUID, or its number). The query may name the batch asked about as
//         `:uuids` (text[] of UUIDs) or `:ids` (bigint[] of numbers), so a large table is not scanned
//         whole: `SELECT message_id FROM received_reports WHERE message_id = ANY(:ids)`.
//   http: a lookup URL with `{id}`; 200 = stored, 404 = not stored, anything else = unknown. A 200
//         whose body is a JSON array counts one row per element (a lookup that lists the rows holding
//         the id, so a double insert shows); any other 200 body is one row.
// An id seen in two rows is reported twice, so the oracle's duplicate check can see a double insert.
// A PostgreSQL check may also return `stored_at` (the row's commit or insert time): the earliest one
// per id is kept in `storedAt`, so a commit is dated by the system's own clock, not by when it was read.

import pg from 'pg';
import { KvitteringError } from '../errors.js';
import { MssqlDriver, defaultMssqlOptions } from '../../storage/mssql-storage.js';
import { messageUuid, parseMessageUuid } from '../../simulators/portal/http/wire.js';

type StorageCheck =
  | { kind: 'sql'; connectionString: string; query: string }
  | { kind: 'http'; lookupUrl: string; username?: string; password?: string };

interface StoredProbe {
  readonly label: string;
  /** How many rows hold each of these ids (absent = not stored). Rejects when the storage cannot answer. */
  storedAmong(ids: readonly number[]): Promise<Map<number, number>>;
  /** Epoch ms of the earliest `stored_at` a read returned, per id; empty when the check returns none. */
  readonly storedAt: ReadonlyMap<number, number>;
  close(): Promise<void>;
}

/** The message id a result row names: its `msg` column, else its first column. */
function idFromRow(row: Record<string, unknown>): number | undefined {
  return idFromColumn('msg' in row ? row.msg : Object.values(row)[0]);
}

function idFromColumn(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return parseMessageUuid(value) ?? (/^\d+$/.test(value) ? Number(value) : undefined);
  return undefined;
}

class SqlProbe implements StoredProbe {
  private readonly pool: pg.Pool;
  readonly label: string;
  readonly storedAt = new Map<number, number>();

  constructor(private readonly check: { connectionString: string; query: string }, private readonly timeoutMs: number) {
    this.pool = new pg.Pool({ connectionString: check.connectionString, application_name: 'kvittering-storage-check', max: 4, connectionTimeoutMillis: timeoutMs, statement_timeout: timeoutMs, query_timeout: timeoutMs });
    this.pool.on('error', () => undefined); // an idle client dying is not our run's failure
    this.label = `sql ${check.connectionString.replace(/:[^:@/]*@/, ':***@')}: ${check.query}`;
  }

  async storedAmong(ids: readonly number[]): Promise<Map<number, number>> {
    const wanted = new Set(ids);
    const values: unknown[] = [];
    const text = this.check.query.replace(/:(uuids|ids)\b/g, (_, name: string) => {
      values.push(name === 'uuids' ? ids.map(messageUuid) : ids.map(String));
      return name === 'uuids' ? `$${values.length}::text[]` : `$${values.length}::bigint[]`;
    });
    const result = await this.pool.query<Record<string, unknown>>({ text, values });
    for (const row of result.rows) {
      const msg = idFromRow(row);
      const at = row.stored_at instanceof Date ? row.stored_at.getTime() : typeof row.stored_at === 'string' ? Date.parse(row.stored_at) : NaN;
      if (msg === undefined || !wanted.has(msg) || !Number.isFinite(at)) continue;
      this.storedAt.set(msg, Math.min(at, this.storedAt.get(msg) ?? Infinity));
    }
    return countRows(result.rows, wanted);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** Rows per wanted message id: more than one means the system stored a report twice. */
function countRows(rows: readonly Record<string, unknown>[], wanted: ReadonlySet<number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const row of rows) {
    const msg = idFromRow(row);
    if (msg !== undefined && wanted.has(msg)) counts.set(msg, (counts.get(msg) ?? 0) + 1);
  }
  return counts;
}

/** SQL Server: the whole check query in a rolled-back read transaction (no batch parameter). */
class MssqlProbe implements StoredProbe {
  private readonly driver: MssqlDriver;
  readonly label: string;
  readonly storedAt = new Map<number, number>();

  constructor(private readonly check: { connectionString: string; query: string }, timeoutMs: number) {
    this.driver = new MssqlDriver({ ...defaultMssqlOptions, connectionString: check.connectionString, poolSize: 2, poolTimeoutWallMs: timeoutMs, requestTimeoutWallMs: timeoutMs, applicationName: 'kvittering-storage-check' });
    this.label = `sql (SQL Server): ${check.query}`;
  }

  async storedAmong(ids: readonly number[]): Promise<Map<number, number>> {
    if (/:(uuids|ids)\b/.test(this.check.query)) {
      throw new KvitteringError('E_LIVE_FIELD', `storageCheck.query names :ids or :uuids — expected a plain SELECT on SQL Server`, 'The batch parameters are PostgreSQL-only; select the id column of the whole table.');
    }
    const wanted = new Set(ids);
    return countRows(await this.driver.readOnlyQuery(this.check.query), wanted);
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}

/** Rows a 200 lookup shows: the length of a non-empty JSON array body, else one. */
function rowsInBody(body: string): number {
  if (!body.trimStart().startsWith('[')) return 1;
  try {
    const parsed: unknown = JSON.parse(body);
    return Array.isArray(parsed) && parsed.length > 0 ? parsed.length : 1;
  } catch {
    return 1;
  }
}

class HttpProbe implements StoredProbe {
  readonly label: string;
  readonly storedAt = new Map<number, number>();

  constructor(private readonly check: { lookupUrl: string; username?: string; password?: string }, private readonly timeoutMs: number, private readonly concurrency = 16) {
    if (!check.lookupUrl.includes('{id}')) throw new KvitteringError('E_LIVE_FIELD', `storageCheck.lookupUrl is ${JSON.stringify(check.lookupUrl)} — expected a URL with an {id} placeholder`);
    this.label = `http ${check.lookupUrl}`;
  }

  async storedAmong(ids: readonly number[]): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    const headers: Record<string, string> = this.check.username === undefined ? {} : { authorization: `Basic ${Buffer.from(`${this.check.username}:${this.check.password ?? ''}`).toString('base64')}` };
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const msg = ids[next++] as number;
        const response = await fetch(this.check.lookupUrl.replace('{id}', messageUuid(msg)), { headers, signal: AbortSignal.timeout(this.timeoutMs) });
        const body = await response.text();
        if (response.status === 200) counts.set(msg, rowsInBody(body));
        else if (response.status !== 404) throw new Error(`storage lookup answered HTTP ${response.status} for ${messageUuid(msg)}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, ids.length) }, worker));
    return counts;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

function createStoredProbe(check: StorageCheck, timeoutMs = 5_000): StoredProbe {
  if (check.kind === 'sql') {
    if (/^postgres(ql)?:\/\//.test(check.connectionString)) return new SqlProbe(check, timeoutMs);
    if (/(^|;)\s*(server|data source)\s*=/i.test(check.connectionString)) return new MssqlProbe(check, timeoutMs);
    throw new KvitteringError('E_LIVE_FIELD', `storageCheck.connectionString is ${JSON.stringify(check.connectionString.replace(/:[^:@/]*@/, ':***@').slice(0, 80))} — expected postgres://… or an ADO.NET "Server=host,1433;…" string`);
  }
  if (check.kind === 'http') return new HttpProbe(check, timeoutMs);
  throw new KvitteringError('E_LIVE_FIELD', `storageCheck.kind is ${JSON.stringify((check as { kind: unknown }).kind)} — expected "sql" or "http"`);
}

export { createStoredProbe, idFromColumn, idFromRow, rowsInBody };
export type { StorageCheck, StoredProbe };
