// The mssql/tedious driver's errors are already the vocabulary of ks-fiks-protocols.md §D; this only
// decides, from where the write was, whether the client can know the outcome, and keeps the number.

import type { SqlError } from '../simulators/database/sql-errors.js';
import type { MappedError, WritePhase } from './sql-driver.js';

const connectionCodes = new Set(['ESOCKET', 'ECONNCLOSED', 'ENOTOPEN', 'ELOGIN', 'EINSTLOOKUP', 'ENOCONN', 'ECONNRESET', 'ECONNREFUSED']);

function fromMssqlError(error: unknown, phase: WritePhase): MappedError {
  const e = error instanceof Error ? error as Error & { code?: unknown; number?: unknown; originalError?: { number?: unknown } } : undefined;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const message = e?.message ?? String(error);
  const number = typeof e?.number === 'number' ? e.number : typeof e?.originalError?.number === 'number' ? e.originalError.number : undefined;
  const unknownIfCommitting = phase === 'commit' ? 'info' : 'fail';
  const with_ = (sqlError: SqlError, outcome: 'fail' | 'info'): MappedError => ({ outcome, error: sqlError });

  if (code === 'EREQUEST') {
    // The server answered with an error: the statement (and with 1205/XACT_ABORT the transaction) is gone.
    return with_(number === undefined ? { code: 'EREQUEST', message } : { code: 'EREQUEST', number, message }, 'fail');
  }
  if (code === 'EABORT') return with_({ code: 'EABORT', message }, 'fail');
  // A request timeout: tedious sends an attention and we roll back — unless COMMIT was the request.
  if (code === 'ETIMEOUT') return with_({ code: 'ETIMEOUT', message }, phase === 'acquire' ? 'fail' : unknownIfCommitting);
  if (code === 'ECANCEL') return with_({ code: 'ETIMEOUT', message: `Timeout: ${message}` }, unknownIfCommitting);
  if (code !== undefined && connectionCodes.has(code)) return with_({ code: 'ESOCKET', message }, unknownIfCommitting);
  // tarn's pool: "ResourceRequest timed out" — every connection busy, nothing was sent.
  if (phase === 'acquire' && e?.name === 'TimeoutError') return with_({ code: 'ETIMEOUT', message: `Timeout: no pooled connection available - ${message}` }, 'fail');
  if (phase === 'acquire') return with_({ code: 'ESOCKET', message: `Failed to connect - ${message}` }, 'fail');
  return with_({ code: 'ESOCKET', message }, unknownIfCommitting);
}

export { fromMssqlError };
