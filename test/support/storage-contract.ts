// One suite for every real-database adapter behind the Storage port: the same tests run against
// PostgreSQL here and against SQL Server wherever one is reachable. Each test gets its own database,
// dropped afterwards even when the test failed. Timeouts are short wall times so the suite stays fast.

import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveClock } from '../../harness/runtime/live-clock.js';
import { TcpProxy } from '../../harness/live/tcp-proxy.js';
import type { ServerFaults } from '../../harness/live/server-faults.js';
import type { SqlStorage } from '../../storage/sql-storage.js';
import type { WriteResult } from '../../simulators/database/storage.js';
import { sqlErrorLabel } from '../../simulators/database/sql-errors.js';
import type { TestDatabase } from './real-databases.js';

interface StorageOptions {
  poolSize?: number;
  poolTimeoutWallMs?: number;
  lockTimeoutWallMs?: number;
  requestTimeoutWallMs?: number;
}

interface StorageTarget {
  label: string;
  createDatabase(): Promise<TestDatabase>;
  storage(url: string, clock: LiveClock, options: StorageOptions): SqlStorage;
  faults(url: string): ServerFaults;
  /** The same database reached through 127.0.0.1:port (a TcpProxy). */
  via(url: string, port: number): string;
  /** host and port of the server, for the proxy's target. */
  address(url: string): { host: string; port: number };
  stop(): Promise<void>;
}

const APP = 'kvittering-case-system';

function writeOnce(storage: SqlStorage, msg: number): Promise<WriteResult> {
  return new Promise((resolve) => storage.write(msg, resolve, undefined));
}

function lookupOnce(storage: SqlStorage, msg: number): Promise<boolean> {
  return new Promise((resolve) => storage.lookup(msg, resolve, undefined));
}

const label = (r: WriteResult) => (r.ok ? 'ok' : `${r.outcome} ${sqlErrorLabel(r.error)}`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Wait until the server shows `n` sessions of the app waiting (or running) — a write is in flight. */
async function untilSessions(faults: ServerFaults, n: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await faults.countSessions(APP)) >= n) return;
    await sleep(10);
  }
  throw new Error(`expected ${n} ${APP} session(s) on the server`);
}

function storageContract(target: StorageTarget): void {
  describe(`${target.label}: the Storage port on a real server`, () => {
    let db: TestDatabase;
    let clock: LiveClock;
    const closers: (() => Promise<void>)[] = [];
    const open = async (options: StorageOptions = {}, url?: string) => {
      const storage = target.storage(url ?? db.url, clock, options);
      closers.push(() => storage.driver.close());
      await storage.driver.migrate();
      return storage;
    };
    const serverFaults = () => {
      const faults = target.faults(db.url);
      closers.push(() => faults.close());
      return faults;
    };

    beforeEach(async () => {
      db = await target.createDatabase();
      clock = new LiveClock({ msPerVirtualDay: 1_000 });
    });
    afterEach(async () => {
      clock.close();
      for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
      await db.drop();
    });
    afterAll(() => target.stop());

    it('migrates idempotently, and a second write of a stored id is a no-op success', async () => {
      const storage = await open();
      await storage.driver.migrate();
      expect(label(await writeOnce(storage, 42))).toBe('ok');
      expect(label(await writeOnce(storage, 42))).toBe('ok');
      expect(await lookupOnce(storage, 42)).toBe(true);
      expect(await lookupOnce(storage, 43)).toBe(false);
      const rows = await storage.driver.storedRows();
      expect(rows.map((r) => r.msg)).toEqual([42]);
      // The row's server-side insert time lands on the run's time line, near now.
      expect(Math.abs(clock.virtualAtEpoch(rows[0]?.storedAtEpochMs ?? 0) - clock.now())).toBeLessThan(clock.toVirtualMs(2_000));
    });

    it('keeps one row when the same id is written concurrently', async () => {
      const storage = await open({ poolSize: 4 });
      const results = await Promise.all([7, 7, 7, 7].map((m) => writeOnce(storage, m)));
      expect(results.map(label)).toEqual(['ok', 'ok', 'ok', 'ok']);
      expect((await storage.driver.storedRows()).map((r) => r.msg)).toEqual([7]);
    });

    it('a backup job holding a table lock makes writes fail with 1222 under a lock timeout; nothing is stored', async () => {
      const storage = await open({ lockTimeoutWallMs: 100 });
      const faults = serverFaults();
      const heal = await faults.holdTableLock();
      const blocked = await writeOnce(storage, 1);
      expect(label(blocked)).toBe('fail EREQUEST 1222');
      await heal();
      expect(await lookupOnce(storage, 1)).toBe(false);
      expect(label(await writeOnce(storage, 2))).toBe('ok');
    });

    it('without a lock timeout the request times out (ETIMEOUT, fail) and the rolled-back row never appears', async () => {
      const storage = await open({ requestTimeoutWallMs: 200 });
      const faults = serverFaults();
      const heal = await faults.holdTableLock();
      const result = await writeOnce(storage, 1);
      expect(label(result)).toBe('fail ETIMEOUT');
      await heal();
      await sleep(300); // the server notices the dead session and rolls its transaction back
      expect((await storage.driver.storedRows()).map((r) => r.msg)).toEqual([]);
    });

    it('a timeout while COMMIT is in flight is info: the client cannot know', async () => {
      // BEGIN and INSERT finish well inside the timeout even on a loaded machine; COMMIT sleeps past it.
      const storage = await open({ requestTimeoutWallMs: 400 });
      const faults = serverFaults();
      await faults.setCommitDelay(1_000);
      const result = await writeOnce(storage, 1);
      await faults.setCommitDelay(0);
      expect(label(result)).toBe(faults.dialect === 'postgres' ? 'info ETIMEOUT' : 'fail ETIMEOUT');
    });

    it('killed sessions mid-write (pg_terminate_backend / KILL) answer ESOCKET and roll back', async () => {
      const storage = await open({ requestTimeoutWallMs: 5_000 });
      const faults = serverFaults();
      const heal = await faults.holdTableLock();
      const pending = writeOnce(storage, 1);
      await untilSessions(faults, 1);
      await sleep(50); // the INSERT is now waiting on the lock
      expect(await faults.killSessions(APP)).toBeGreaterThanOrEqual(1);
      const result = await pending;
      await heal();
      expect(label(result)).toBe('fail ESOCKET');
      expect(await lookupOnce(storage, 1)).toBe(false);
      // The pool replaces the dead session: the next write works.
      expect(label(await writeOnce(storage, 2))).toBe('ok');
    });

    it('an exhausted pool fails a write with ETIMEOUT before anything is sent', async () => {
      const storage = await open({ poolSize: 1, poolTimeoutWallMs: 100, requestTimeoutWallMs: 5_000 });
      const faults = serverFaults();
      await faults.setCommitDelay(500);
      const results = await Promise.all([1, 2, 3].map((m) => writeOnce(storage, m)));
      await faults.setCommitDelay(0);
      const labels = results.map(label);
      expect(labels[0]).toBe('ok');
      expect(labels.slice(1)).toEqual(['fail ETIMEOUT', 'fail ETIMEOUT']);
      expect(results.slice(1).every((r) => !r.ok && /pool/.test(r.error.message))).toBe(true);
      expect((await storage.driver.storedRows()).map((r) => r.msg)).toEqual([1]);
    });

    it('an unreachable server (cut proxy) answers ESOCKET; after the heal the pool reconnects', async () => {
      const { host, port } = target.address(db.url);
      const proxy = new TcpProxy({ targetHost: host, targetPort: port });
      closers.push(() => proxy.close());
      const storage = await open({ requestTimeoutWallMs: 2_000, poolTimeoutWallMs: 500 }, target.via(db.url, await proxy.start()));
      expect(label(await writeOnce(storage, 1))).toBe('ok');
      proxy.cutOff('reset');
      const during = await writeOnce(storage, 2);
      expect(label(during)).toMatch(/^fail (ESOCKET|ETIMEOUT)$/);
      expect(label(during)).toBe('fail ESOCKET');
      proxy.heal();
      let after: WriteResult = during;
      for (let i = 0; i < 5 && !after.ok; i++) after = await writeOnce(storage, 3); // a pooled dead socket may fail once
      expect(label(after)).toBe('ok');
      expect((await storage.driver.storedRows()).map((r) => r.msg).sort()).toEqual([1, 3]);
    });

    it('abortInFlight (the case system died) silences its writes and leaves nothing uncommitted', async () => {
      const storage = await open({ requestTimeoutWallMs: 5_000 });
      const faults = serverFaults();
      const heal = await faults.holdTableLock();
      let answered = 0;
      for (const m of [1, 2]) storage.write(m, () => answered++, undefined);
      await untilSessions(faults, 2);
      expect(storage.abortInFlight()).toBe(2);
      await heal();
      await sleep(400);
      expect(answered).toBe(0);
      expect((await storage.driver.storedRows()).map((r) => r.msg)).toEqual([]);
    });

    it('a read-only check query reads, and whatever it tries to change is not kept', async () => {
      const storage = await open();
      await writeOnce(storage, 5);
      const rows = await storage.driver.readOnlyQuery('SELECT message_id AS msg FROM received_reports');
      expect(rows.map((r) => Number(r.msg))).toEqual([5]);
      await storage.driver.readOnlyQuery('INSERT INTO received_reports (message_id, receiver) VALUES (6, 0)').catch(() => undefined);
      expect(await lookupOnce(storage, 6)).toBe(false);
    });
  });
}

export { storageContract, writeOnce, lookupOnce, label, untilSessions, APP };
export type { StorageTarget, StorageOptions };
