// The shared storage suite against this machine's PostgreSQL (every test its own database), and what
// only PostgreSQL has: a server-side statement timeout.

import { describe, expect, it } from 'vitest';
import { postgresStorage } from '../../storage/postgres-storage.js';
import { LiveClock } from '../../harness/runtime/live-clock.js';
import { PostgresFaults } from '../../harness/live/postgres-faults.js';
import { createPostgresDatabase, testFaultHosts } from '../support/real-databases.js';
import { label, lookupOnce, storageContract, writeOnce } from '../support/storage-contract.js';

storageContract({
  label: 'PostgreSQL',
  createDatabase: createPostgresDatabase,
  storage: (url, clock, options) => postgresStorage({ connectionString: url, clock, receiver: 0, ...options }),
  faults: (url) => new PostgresFaults(url, testFaultHosts()),
  via: (url, port) => {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(port);
    return u.toString();
  },
  address: (url) => {
    const u = new URL(url);
    return { host: u.hostname, port: Number(u.port || 5432) };
  },
  stop: () => Promise.resolve(),
});

describe('PostgreSQL only: a server-side statement_timeout', () => {
  it('cancels a write blocked by the backup job: ETIMEOUT, fail — the server rolled it back', async () => {
    const db = await createPostgresDatabase();
    const clock = new LiveClock({ msPerVirtualDay: 1_000 });
    const storage = postgresStorage({ connectionString: db.url, clock, receiver: 0, statementTimeoutWallMs: 80, requestTimeoutWallMs: 5_000 });
    const faults = new PostgresFaults(db.url, testFaultHosts());
    try {
      await storage.driver.migrate();
      const heal = await faults.holdTableLock();
      const result = await writeOnce(storage, 1);
      await heal();
      expect(label(result)).toBe('fail ETIMEOUT');
      expect(!result.ok && result.error.message).toMatch(/statement timeout/);
      expect(await lookupOnce(storage, 1)).toBe(false);
    } finally {
      clock.close();
      await faults.close();
      await storage.driver.close();
      await db.drop();
    }
  });
});
