// Driver errors → the SQL-Server-shaped errors a case system sees, and whether the outcome is knowable.
// PostgreSQL codes come from real pg DatabaseError objects (a genuine deadlock below); the mssql shapes
// are those tedious/mssql raise (code + number), built by hand since no SQL Server runs here.

import { describe, expect, it } from 'vitest';
import pg from 'pg';
import sql from 'mssql';
import { fromPostgresError } from '../../storage/postgres-errors.js';
import { fromMssqlError } from '../../storage/mssql-errors.js';
import { sqlErrorLabel } from '../../simulators/database/sql-errors.js';
import type { MappedError } from '../../storage/sql-driver.js';
import { createPostgresDatabase } from '../support/real-databases.js';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const show = (m: MappedError) => `${m.outcome} ${sqlErrorLabel(m.error)}`;

describe('PostgreSQL errors in SQL Server terms', () => {
  it.each([
    ['55P03', 'insert', 'fail EREQUEST 1222'], // lock_timeout
    ['57014', 'insert', 'fail ETIMEOUT'], // statement_timeout
    ['40P01', 'insert', 'fail EREQUEST 1205'], // deadlock
    ['40001', 'commit', 'fail EREQUEST 1205'], // serialization failure
    ['53100', 'insert', 'fail EREQUEST 9002'], // disk full
    ['53200', 'insert', 'fail EREQUEST 8645'], // out of memory
    ['53300', 'acquire', 'fail ESOCKET'], // too many connections
    ['57P01', 'insert', 'fail ESOCKET'], // terminated before COMMIT: rolled back
    ['57P01', 'commit', 'info ESOCKET'], // terminated during COMMIT: unknown
    ['ECONNREFUSED', 'acquire', 'fail ESOCKET'],
    ['ECONNRESET', 'commit', 'info ESOCKET'],
    ['23502', 'insert', 'fail EREQUEST'], // any other server error
  ] as const)('%s during %s ⇒ %s', (code, phase, expected) => {
    expect(show(fromPostgresError(pgError(code), phase))).toBe(expected);
  });

  it('reads pool exhaustion and a dropped connection from the message pg gives them', () => {
    expect(show(fromPostgresError(new Error('timeout exceeded when trying to connect'), 'acquire'))).toBe('fail ETIMEOUT');
    expect(show(fromPostgresError(new Error('Connection terminated unexpectedly'), 'commit'))).toBe('info ESOCKET');
    expect(show(fromPostgresError(new Error('Connection terminated unexpectedly'), 'insert'))).toBe('fail ESOCKET');
  });

  it('maps a genuine deadlock between two sessions to 1205', async () => {
    const db = await createPostgresDatabase();
    const a = new pg.Client({ connectionString: db.url });
    const b = new pg.Client({ connectionString: db.url });
    try {
      await a.connect();
      await b.connect();
      await a.query('CREATE TABLE t (id INT PRIMARY KEY, v INT); INSERT INTO t VALUES (1, 0), (2, 0)');
      await a.query('BEGIN');
      await b.query('BEGIN');
      await a.query('UPDATE t SET v = 1 WHERE id = 1');
      await b.query('UPDATE t SET v = 1 WHERE id = 2');
      const outcomes = await Promise.allSettled([a.query('UPDATE t SET v = 2 WHERE id = 2'), b.query('UPDATE t SET v = 2 WHERE id = 1')]);
      const victim = outcomes.find((o) => o.status === 'rejected');
      expect(victim).toBeDefined();
      expect(show(fromPostgresError((victim as PromiseRejectedResult).reason, 'insert'))).toBe('fail EREQUEST 1205');
    } finally {
      await a.end().catch(() => undefined);
      await b.end().catch(() => undefined);
      await db.drop();
    }
  });
});

describe('mssql/tedious errors', () => {
  const requestError = (number: number) => Object.assign(new sql.RequestError(`error ${number}`, 'EREQUEST'), { number });
  it.each([
    [requestError(1205), 'insert', 'fail EREQUEST 1205'],
    [requestError(1222), 'insert', 'fail EREQUEST 1222'],
    [requestError(9002), 'commit', 'fail EREQUEST 9002'],
    [new sql.RequestError('Timeout: Request failed to complete in 15000ms', 'ETIMEOUT'), 'insert', 'fail ETIMEOUT'],
    [new sql.RequestError('Timeout: Request failed to complete in 15000ms', 'ETIMEOUT'), 'commit', 'info ETIMEOUT'],
    [new sql.ConnectionError('Connection lost - read ECONNRESET', 'ESOCKET'), 'commit', 'info ESOCKET'],
    [new sql.ConnectionError('Connection lost - read ECONNRESET', 'ESOCKET'), 'begin', 'fail ESOCKET'],
    [new sql.ConnectionError('Failed to connect to localhost:1433', 'ESOCKET'), 'acquire', 'fail ESOCKET'],
    [new sql.TransactionError('Transaction has been aborted.', 'EABORT'), 'commit', 'fail EABORT'],
    [Object.assign(new Error('ResourceRequest timed out'), { name: 'TimeoutError' }), 'acquire', 'fail ETIMEOUT'],
  ] as const)('%s during %s ⇒ %s', (error, phase, expected) => {
    expect(show(fromMssqlError(error, phase))).toBe(expected);
  });
});
