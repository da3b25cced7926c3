// The fault plan carried out on a real PostgreSQL server: each storage window opens and heals at its
// (virtual) time, does to a write what it claims, lands in the ledger, and healAll() leaves nothing open.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DbFaultDriver } from '../../harness/live/db-fault-driver.js';
import { PostgresFaults } from '../../harness/live/postgres-faults.js';
import { TcpProxy } from '../../harness/live/tcp-proxy.js';
import { Ledger, ofKind } from '../../harness/ledger/ledger.js';
import { LiveClock } from '../../harness/runtime/live-clock.js';
import { HOUR_MS } from '../../harness/runtime/time.js';
import { KvitteringError } from '../../harness/errors.js';
import { postgresStorage } from '../../storage/postgres-storage.js';
import type { SqlStorage } from '../../storage/sql-storage.js';
import { createPostgresDatabase, testFaultHosts, type TestDatabase } from '../support/real-databases.js';
import { APP, label, lookupOnce, untilSessions, writeOnce } from '../support/storage-contract.js';

// 1 virtual day = 2.4 s: one virtual hour is 100 wall ms.
const MS_PER_VIRTUAL_DAY = 2_400;

let db: TestDatabase;
let clock: LiveClock;
let ledger: Ledger;
let server: PostgresFaults;
let storage: SqlStorage;
let proxy: TcpProxy | undefined;

const at = (virtualMs: number) => new Promise<void>((resolve) => clock.at(virtualMs, resolve));
/** Wait until the driver has logged `n` fault entries (an action took effect on the server). */
async function untilFaults(n: number): Promise<void> {
  for (let i = 0; i < 300 && ofKind(ledger.entries, 'fault').length < n; i++) await new Promise((r) => setTimeout(r, 10));
}

beforeEach(async () => {
  db = await createPostgresDatabase();
  clock = new LiveClock({ msPerVirtualDay: MS_PER_VIRTUAL_DAY });
  ledger = new Ledger();
  server = new PostgresFaults(db.url, testFaultHosts());
});

afterEach(async () => {
  clock.close();
  await storage?.driver.close().catch(() => undefined);
  await proxy?.close();
  proxy = undefined;
  await server.close();
  await db.drop();
});

async function openStorage(url: string, options: { lockTimeoutWallMs?: number; requestTimeoutWallMs?: number; poolSize?: number; poolTimeoutWallMs?: number } = {}) {
  storage = postgresStorage({ connectionString: url, clock, receiver: 0, requestTimeoutWallMs: 2_000, ...options });
  await storage.driver.migrate();
  return storage;
}

function driver(withProxy?: TcpProxy) {
  return new DbFaultDriver({ clock, ledger, server, caseSystemApplicationName: APP, target: 'bergen', ...(withProxy === undefined ? {} : { proxy: withProxy }) });
}

describe('DbFaultDriver on PostgreSQL', () => {
  it('backup-spike: writes inside the window fail with 1222, before and after it succeed; repeats heal each time', async () => {
    await openStorage(db.url, { lockTimeoutWallMs: 30 });
    const d = driver();
    await d.prepare();
    const t0 = clock.now();
    // Windows [1h, 5h) and [9h, 13h): each write lands hours (hundreds of wall ms) from any edge.
    d.schedule([{ kind: 'backup-spike', fromMs: t0 + HOUR_MS, toMs: t0 + 5 * HOUR_MS, repeatEveryMs: 8 * HOUR_MS, repeatUntilMs: t0 + 10 * HOUR_MS }]);
    expect(label(await writeOnce(storage, 1))).toBe('ok');
    await at(t0 + 2 * HOUR_MS);
    await untilFaults(1);
    expect(label(await writeOnce(storage, 2))).toBe('fail EREQUEST 1222');
    await at(t0 + 7 * HOUR_MS);
    await untilFaults(2);
    expect(label(await writeOnce(storage, 3))).toBe('ok');
    await at(t0 + 10 * HOUR_MS);
    await untilFaults(3);
    expect(label(await writeOnce(storage, 4))).toBe('fail EREQUEST 1222');
    await d.healAll();
    expect(label(await writeOnce(storage, 5))).toBe('ok');
    expect(d.errors).toEqual([]);
    const phases = ofKind(ledger.entries, 'fault').map((e) => `${e.fault} ${e.phase} ${e.target}`);
    expect(phases).toEqual(['backup-spike start bergen', 'backup-spike heal bergen', 'backup-spike start bergen', 'backup-spike heal bergen']);
    expect((await storage.driver.storedRows()).map((r) => r.msg).sort()).toEqual([1, 3, 5]);
  });

  it('db-slow-commit: a write timed out mid-COMMIT is info; under load the pool runs dry (ETIMEOUT, fail)', async () => {
    // Generous margins for a loaded machine: BEGIN and INSERT finish well inside the 400 ms timeout,
    // and COMMIT then sleeps far past it.
    await openStorage(db.url, { requestTimeoutWallMs: 400, poolSize: 2, poolTimeoutWallMs: 100 });
    const d = driver();
    const t0 = clock.now();
    // delayMs is virtual: 12 virtual hours at this scale is a 1.2 s sleep at COMMIT.
    d.schedule([{ kind: 'db-slow-commit', fromMs: t0, toMs: t0 + 20 * HOUR_MS, delayMs: 12 * HOUR_MS }]);
    await at(t0 + HOUR_MS);
    await untilFaults(1); // the trigger is installed and the delay set
    const labels = (await Promise.all([1, 2, 3, 4].map((m) => writeOnce(storage, m)))).map(label).sort();
    expect(labels).toEqual(['fail ETIMEOUT', 'fail ETIMEOUT', 'info ETIMEOUT', 'info ETIMEOUT']);
    await d.healAll();
    expect(label(await writeOnce(storage, 5))).toBe('ok');
  });

  it('db-outage: through a cut proxy writes fail with ESOCKET, and work again after the heal', async () => {
    const u = new URL(db.url);
    proxy = new TcpProxy({ targetHost: u.hostname, targetPort: Number(u.port || 5432) });
    u.hostname = '127.0.0.1';
    u.port = String(await proxy.start());
    await openStorage(u.toString(), { poolTimeoutWallMs: 300 });
    const d = driver(proxy);
    const t0 = clock.now();
    d.schedule([{ kind: 'db-outage', fromMs: t0 + HOUR_MS, toMs: t0 + 6 * HOUR_MS }]);
    expect(label(await writeOnce(storage, 1))).toBe('ok');
    await at(t0 + 2 * HOUR_MS);
    expect(proxy.cut).toBe('reset');
    expect(label(await writeOnce(storage, 2))).toBe('fail ESOCKET');
    await at(t0 + 6 * HOUR_MS + 1);
    await d.healAll();
    expect(proxy.cut).toBeUndefined();
    let result = await writeOnce(storage, 3);
    for (let i = 0; i < 3 && !result.ok; i++) result = await writeOnce(storage, 3);
    expect(label(result)).toBe('ok');
    expect(await lookupOnce(storage, 2)).toBe(false);
  });

  it('db-session-kill: the case system sessions die mid-write (ESOCKET) and the write rolls back', async () => {
    await openStorage(db.url, { requestTimeoutWallMs: 5_000 });
    const d = driver();
    const heal = await server.holdTableLock(); // keep the write in flight when the kill comes
    const t0 = clock.now();
    const pending = writeOnce(storage, 1);
    await untilSessions(server, 1);
    d.schedule([{ kind: 'db-session-kill', atMs: t0 + HOUR_MS }]);
    const result = await pending;
    await heal();
    await d.healAll();
    expect(label(result)).toBe('fail ESOCKET');
    expect(ofKind(ledger.entries, 'fault').map((e) => `${e.fault} ${e.phase}`)).toEqual(['db-session-kill event']);
    expect(await lookupOnce(storage, 1)).toBe(false);
  });

  it('refuses what a real server cannot show, naming the field, and passes non-storage faults through', async () => {
    await openStorage(db.url);
    const d = driver();
    expect(() => d.schedule([{ kind: 'db-log-full', fromMs: 0, toMs: 1 }])).toThrow(KvitteringError);
    expect(() => d.schedule([{ kind: 'db-log-full', fromMs: 0, toMs: 1 }])).toThrow(/faults\[0\]\.kind is "db-log-full"/);
    expect(() => d.schedule([{ kind: 'db-outage', fromMs: 0, toMs: 1 }])).toThrow(/expected a TcpProxy/);
    const rest = d.schedule([{ kind: 'receipt-lost', fromMs: 0, toMs: 1, probabilityPct: 5 }]);
    expect(rest.map((f) => f.kind)).toEqual(['receipt-lost']);
    await d.healAll();
  });
});
