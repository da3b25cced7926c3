// The simulated database fails the way mssql/tedious does, so a trace reads like a real incident log:
// each error's code, SQL Server number and driver message, and the short label ledgers use.

import { describe, expect, it } from 'vitest';
import { sqlErrorLabel, sqlErrors } from '../../simulators/database/sql-errors.js';

describe('sqlErrors: what the driver hands the case system', () => {
  it.each([
    ['requestTimeout', sqlErrors.requestTimeout(15_000), { code: 'ETIMEOUT', message: 'Timeout: Request failed to complete in 15000ms' }, 'ETIMEOUT'],
    ['connectionLost', sqlErrors.connectionLost(), { code: 'ESOCKET', message: 'Connection lost - read ECONNRESET' }, 'ESOCKET'],
    ['deadlockVictim', sqlErrors.deadlockVictim(), {
      code: 'EREQUEST', number: 1205,
      message: 'Transaction was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.',
    }, 'EREQUEST 1205'],
    ['lockTimeout', sqlErrors.lockTimeout(), { code: 'EREQUEST', number: 1222, message: 'Lock request time out period exceeded.' }, 'EREQUEST 1222'],
    ['memoryGrantTimeout', sqlErrors.memoryGrantTimeout(), {
      code: 'EREQUEST', number: 8645,
      message: 'A timeout occurred while waiting for memory resources to execute the query in resource pool \'default\' (2). Rerun the query.',
    }, 'EREQUEST 8645'],
    ['logFull', sqlErrors.logFull(), { code: 'EREQUEST', number: 9002, message: 'The transaction log for database \'familia\' is full due to \'LOG_BACKUP\'.' }, 'EREQUEST 9002'],
    ['aborted', sqlErrors.aborted(), { code: 'EABORT', message: 'Transaction has been aborted.' }, 'EABORT'],
  ])('%s', (_, error, expected, label) => {
    expect(error).toStrictEqual(expected);
    expect(sqlErrorLabel(error)).toBe(label);
  });
});
