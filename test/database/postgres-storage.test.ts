// The shared storage suite against this machine's PostgreSQL (every test its own database).

import { postgresStorage } from '../../simulators/database/postgres-storage.js';
import { PostgresFaults } from '../../harness/live/postgres-faults.js';
import { createPostgresDatabase } from '../support/real-databases.js';
import { storageContract } from '../support/storage-contract.js';

storageContract({
  label: 'PostgreSQL',
  createDatabase: createPostgresDatabase,
  storage: (url, clock, options) => postgresStorage({ connectionString: url, clock, receiver: 0, ...options }),
  faults: (url) => new PostgresFaults(url),
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
