// The same storage suite against SQL Server: KVITTERING_MSSQL_URL, else a testcontainers container when
// a Docker engine answers, else skipped with one line saying why (see docs/databases.md for CI set-up).

import { describe, it } from 'vitest';
import { mssqlStorage } from '../../storage/mssql-storage.js';
import { MssqlFaults } from '../../harness/live/mssql-faults.js';
import { mssqlAvailability, testFaultHosts } from '../support/real-databases.js';
import { storageContract } from '../support/storage-contract.js';

const server = await mssqlAvailability();

function serverPart(url: string): { host: string; port: number } {
  const match = /(?:^|;)\s*(?:server|data source)\s*=\s*(?:tcp:)?([^;,]+)(?:,(\d+))?/i.exec(url);
  return { host: match?.[1] ?? 'localhost', port: Number(match?.[2] ?? 1433) };
}

if (server.ok) {
  storageContract({
    label: 'SQL Server',
    createDatabase: () => server.create(),
    storage: (url, clock, options) => mssqlStorage({ connectionString: url, clock, receiver: 0, ...options }),
    faults: (url) => new MssqlFaults(url, testFaultHosts()),
    via: (url, port) => url.replace(/(^|;)\s*(server|data source)\s*=[^;]*/i, `$1Server=127.0.0.1,${port}`),
    address: serverPart,
    stop: () => server.stop(),
  });
} else {
  console.warn(`[kvittering] ${server.reason}`);
  describe.skip(`SQL Server: the Storage port on a real server — ${server.reason}`, () => {
    it('runs the shared storage suite', () => undefined);
  });
}
