// The SQL Server adapter's paths that need no SQL Server: connection-string checks, and what a case
// system sees when the server is unreachable — real tedious errors, through the same SqlStorage.

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mssqlStorage } from '../../storage/mssql-storage.js';
import type { SqlStorage } from '../../storage/sql-storage.js';
import { LiveClock } from '../../harness/runtime/live-clock.js';
import { TcpProxy } from '../../harness/live/tcp-proxy.js';
import { KvitteringError } from '../../harness/errors.js';
import { label, writeOnce } from '../support/storage-contract.js';

const clock = new LiveClock({ msPerVirtualDay: 1_000 });
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f().catch(() => undefined);
});
afterAll(() => clock.close());

function open(connectionString: string): SqlStorage {
  const storage = mssqlStorage({ connectionString, clock, receiver: 0, poolTimeoutWallMs: 1_500, requestTimeoutWallMs: 3_000 });
  cleanup.push(() => storage.driver.close());
  return storage;
}

describe('SQL Server adapter without a server', () => {
  it('rejects a connection string without a server, naming what it expected', () => {
    expect(() => open('Database=familia;User Id=sa')).toThrow(KvitteringError);
    expect(() => open('Database=familia;User Id=sa')).toThrow(/E_DATABASE_URL: connectionString has no Server/);
  });

  it('connection refused ⇒ fail ESOCKET (nothing was sent)', async () => {
    const storage = open('Server=127.0.0.1,1;Database=familia;User Id=sa;Password=x;Encrypt=false;TrustServerCertificate=true;Connect Timeout=1');
    const result = await writeOnce(storage, 1);
    expect(label(result)).toBe('fail ESOCKET');
  });

  it('a server that accepts TCP but never answers (a partition) ⇒ fail ETIMEOUT, never info', async () => {
    const proxy = new TcpProxy({ targetHost: '127.0.0.1', targetPort: 1 });
    cleanup.push(() => proxy.close());
    const port = await proxy.start();
    proxy.cutOff('blackhole');
    const storage = open(`Server=127.0.0.1,${port};Database=familia;User Id=sa;Password=x;Encrypt=false;TrustServerCertificate=true;Connect Timeout=1`);
    const result = await writeOnce(storage, 1);
    // tedious's own login timeout: "Failed to connect to 127.0.0.1:… in 1000ms".
    expect(label(result)).toBe('fail ETIMEOUT');
    expect(proxy.accepted).toBeGreaterThan(0);
  });
});
