// Errors shaped like what the mssql/tedious driver hands a case system under pressure, so a trace
// reads like a real incident log (see ks-fiks-protocols.md §D).

interface SqlError {
  /** tedious/mssql error code. */
  code: 'ETIMEOUT' | 'ESOCKET' | 'EREQUEST' | 'EABORT';
  /** SQL Server error number for EREQUEST. */
  number?: number;
  message: string;
}

const sqlErrors = {
  requestTimeout: (timeoutMs: number): SqlError => ({
    code: 'ETIMEOUT', message: `Timeout: Request failed to complete in ${timeoutMs}ms`,
  }),
  connectionLost: (): SqlError => ({
    code: 'ESOCKET', message: 'Connection lost - read ECONNRESET',
  }),
  deadlockVictim: (): SqlError => ({
    code: 'EREQUEST', number: 1205,
    message: 'Transaction was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.',
  }),
  lockTimeout: (): SqlError => ({
    code: 'EREQUEST', number: 1222, message: 'Lock request time out period exceeded.',
  }),
  memoryGrantTimeout: (): SqlError => ({
    code: 'EREQUEST', number: 8645,
    message: 'A timeout occurred while waiting for memory resources to execute the query in resource pool \'default\' (2). Rerun the query.',
  }),
  logFull: (): SqlError => ({
    code: 'EREQUEST', number: 9002,
    message: 'The transaction log for database \'familia\' is full due to \'LOG_BACKUP\'.',
  }),
  aborted: (): SqlError => ({
    code: 'EABORT', message: 'Transaction has been aborted.',
  }),
};

/** "EREQUEST 1205" / "ETIMEOUT": the short form used in ledgers and traces. */
function sqlErrorLabel(error: SqlError): string {
  return error.number === undefined ? error.code : `${error.code} ${error.number}`;
}

export { sqlErrors, sqlErrorLabel };
export type { SqlError };
