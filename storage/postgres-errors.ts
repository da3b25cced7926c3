// PostgreSQL's errors, translated into what the mssql/tedious driver would have handed the case system
// (ks-fiks-protocols.md §D), so a trace against PostgreSQL reads like the SQL Server incident log.
// SQLSTATE codes: https://www.postgresql.org/docs/current/errcodes-appendix.html

import { sqlErrors, type SqlError } from '../simulators/database/sql-errors.js';
import type { MappedError, WritePhase } from './sql-driver.js';

/** Errors where the connection itself is gone: the client cannot see whether a COMMIT in flight landed. */
const connectionStates = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'ENETUNREACH']);

function describe(error: unknown): { code: string | undefined; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { code: typeof code === 'string' ? code : undefined, message: error.message };
  }
  return { code: undefined, message: String(error) };
}

const lost = (phase: WritePhase, message: string): MappedError => ({
  // Only a lost COMMIT leaves the outcome open; before it the server rolls the transaction back.
  outcome: phase === 'commit' ? 'info' : 'fail',
  error: { ...sqlErrors.connectionLost(), message: `Connection lost - ${message}` },
});

function fromPostgresError(error: unknown, phase: WritePhase): MappedError {
  const { code, message } = describe(error);
  const fail = (e: SqlError): MappedError => ({ outcome: 'fail', error: e });
  switch (code) {
    case '55P03': return fail(sqlErrors.lockTimeout()); // lock_timeout ⇒ 1222
    case '57014': return fail({ ...sqlErrors.requestTimeout(0), message: `Timeout: ${message}` }); // statement_timeout: server cancelled, rolled back
    case '40P01': return fail(sqlErrors.deadlockVictim());
    case '40001': return fail(sqlErrors.deadlockVictim()); // serialization failure: SQL Server under locking reports 1205
    case '53100': return fail(sqlErrors.logFull()); // disk_full: the server cannot write its log
    case '53200': return fail(sqlErrors.memoryGrantTimeout()); // out_of_memory
    case '53300': // too_many_connections: the login is refused, nothing was sent
      return fail({ ...sqlErrors.connectionLost(), message: `Failed to connect - ${message}` });
    case '25P02': return fail(sqlErrors.aborted()); // in_failed_sql_transaction
    default: break;
  }
  if (code !== undefined && connectionStates.has(code)) return lost(phase, message);
  if (code !== undefined && socketCodes.has(code)) return lost(phase, `${code} ${message}`);
  if (phase === 'acquire') {
    // pg's pool: "timeout exceeded when trying to connect" — every session busy (pool exhaustion) or the
    // server unreachable. Nothing was sent either way.
    if (/timeout/i.test(message)) return fail({ code: 'ETIMEOUT', message: `Timeout: no pooled connection available - ${message}` });
    return fail({ ...sqlErrors.connectionLost(), message: `Failed to connect - ${message}` });
  }
  if (/Connection terminated|connection ended|not queryable|ECONNRESET/i.test(message)) return lost(phase, message);
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code)) {
    // Any other server error on an open transaction: the server refused the statement, nothing committed.
    return fail({ code: 'EREQUEST', message: `${code}: ${message}` });
  }
  // Something we cannot classify: before COMMIT nothing can have committed; during it, do not guess.
  return { outcome: phase === 'commit' ? 'info' : 'fail', error: { code: 'ESOCKET', message } };
}

export { fromPostgresError };
