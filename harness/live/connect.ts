// One connection string, the right driver: postgres://… is PostgreSQL, "Server=…;…" is SQL Server.
// What the live runner, the checks and the demonstrations use to reach a real database.

import { KvitteringError } from '../errors.js';
import type { Clock } from '../runtime/clock.js';
import { PostgresDriver, defaultPostgresOptions, postgresStorage } from '../../storage/postgres-storage.js';
import { MssqlDriver, defaultMssqlOptions, mssqlStorage } from '../../storage/mssql-storage.js';
import type { SqlDriver } from '../../storage/sql-driver.js';
import type { SqlStorage } from '../../storage/sql-storage.js';
import type { Dialect } from '../../storage/schema.js';
import { PostgresFaults } from './postgres-faults.js';
import { MssqlFaults } from './mssql-faults.js';
import type { ServerFaults } from './server-faults.js';

interface StorageForOptions {
  clock: Clock;
  receiver: number;
  poolSize?: number;
  poolTimeoutWallMs?: number;
  lockTimeoutWallMs?: number;
  requestTimeoutWallMs?: number;
  applicationName?: string;
}

function dialectOf(connectionString: string): Dialect {
  if (/^postgres(ql)?:\/\//i.test(connectionString)) return 'postgres';
  if (/(^|;)\s*(server|data source)\s*=/i.test(connectionString)) return 'mssql';
  throw new KvitteringError('E_DATABASE_URL', 'the connection string is neither postgres://… nor "Server=…;Database=…" — expected one of the two',
    'SQL Server: "Server=host,1433;Database=familia_staging;User Id=kvittering_ro;Password=…;Encrypt=true". PostgreSQL: postgres://user@host:5432/db');
}

/** A bare driver (one pooled session by default): for reading and checking. */
function driverFor(connectionString: string, applicationName = 'kvittering-check'): SqlDriver {
  return dialectOf(connectionString) === 'postgres'
    ? new PostgresDriver({ ...defaultPostgresOptions, connectionString, poolSize: 1, applicationName })
    : new MssqlDriver({ ...defaultMssqlOptions, connectionString, poolSize: 1, applicationName });
}

/** The case system's storage on whichever server the string names. */
function storageFor(connectionString: string, options: StorageForOptions): SqlStorage {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as StorageForOptions;
  return dialectOf(connectionString) === 'postgres'
    ? postgresStorage({ connectionString, ...defined })
    : mssqlStorage({ connectionString, ...defined });
}

/** The fault driver's hands on that server (loopback, or a host named in allowRemoteHosts). */
function serverFaultsFor(connectionString: string, allowRemoteHosts: readonly string[] = []): ServerFaults {
  return dialectOf(connectionString) === 'postgres'
    ? new PostgresFaults(connectionString, allowRemoteHosts)
    : new MssqlFaults(connectionString, allowRemoteHosts);
}

export { dialectOf, driverFor, storageFor, serverFaultsFor };
export type { StorageForOptions };
