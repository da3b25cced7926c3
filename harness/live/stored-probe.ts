// How the live runner learns what a system under test really stored — from its storage, never from
// its receipts. Two ways in, as a scenario names them:
//   sql:  a query over a connection string (PostgreSQL here); each row's first column is a message
//         id (the kvittering UUID, or its number). The query may name the batch asked about as
//         `:uuids` (text[] of UUIDs) or `:ids` (bigint[] of numbers), so a large table is not scanned
//         whole: `SELECT message_id FROM received_reports WHERE message_id = ANY(:ids)`.
//   http: a lookup URL with `{id}`; 200 = stored, 404 = not stored, anything else = unknown.
// An id seen in two rows is reported twice, so the oracle's duplicate check can see a double insert.

import pg from 'pg';
import { KvitteringError } from '../errors.js';
import { messageUuid, parseMessageUuid } from '../../simulators/portal/http/wire.js';

type StorageCheck =
  | { kind: 'sql'; connectionString: string; query: string }
  | { kind: 'http'; lookupUrl: string; username?: string; password?: string };

interface StoredProbe {
  readonly label: string;
  /** How many rows hold each of these ids (absent = not stored). Rejects when the storage cannot answer. */
  storedAmong(ids: readonly number[]): Promise<Map<number, number>>;
  close(): Promise<void>;
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

  constructor(private readonly check: { connectionString: string; query: string }, private readonly timeoutMs: number) {
    if (!/^postgres(ql)?:\/\//.test(check.connectionString)) {
      throw new KvitteringError('E_LIVE_FIELD', `storageCheck.connectionString is ${JSON.stringify(check.connectionString.replace(/:[^:@/]*@/, ':***@'))} — expected a postgres:// or postgresql:// URL`,
        'SQL Server staging databases are read through the database adapters (see docs/real-databases.md); here, point an HTTP lookup at the case system instead.');
    }
    this.pool = new pg.Pool({ connectionString: check.connectionString, max: 4, connectionTimeoutMillis: timeoutMs, statement_timeout: timeoutMs, query_timeout: timeoutMs });
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
    const result = await this.pool.query({ text, values, rowMode: 'array' });
    const counts = new Map<number, number>();
    for (const row of result.rows as unknown as unknown[][]) {
      const msg = idFromColumn(row[0]);
      if (msg !== undefined && wanted.has(msg)) counts.set(msg, (counts.get(msg) ?? 0) + 1);
    }
    return counts;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

class HttpProbe implements StoredProbe {
  readonly label: string;

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
        await response.arrayBuffer();
        if (response.status === 200) counts.set(msg, 1);
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
  if (check.kind === 'sql') return new SqlProbe(check, timeoutMs);
  if (check.kind === 'http') return new HttpProbe(check, timeoutMs);
  throw new KvitteringError('E_LIVE_FIELD', `storageCheck.kind is ${JSON.stringify((check as { kind: unknown }).kind)} — expected "sql" or "http"`);
}

export { createStoredProbe, idFromColumn };
export type { StorageCheck, StoredProbe };
