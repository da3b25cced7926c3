// The database capacity model: load raises latency until writes fail, with the errors a case system
// would see from SQL Server, and it stays the ground truth of what is stored.

import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { Rng } from '../../harness/runtime/rng.js';
import { Ledger, ofKind } from '../../harness/ledger/ledger.js';
import { FaultState } from '../../harness/faults/fault-state.js';
import { SimulatedDatabase, defaultDatabaseConfig, type DatabaseConfig } from '../../simulators/database/database.js';
import type { WriteResult } from '../../simulators/database/storage.js';
import { sqlErrorLabel } from '../../simulators/database/sql-errors.js';

function setup(config: Partial<DatabaseConfig> = {}, faults = new FaultState()) {
  const clock = new Scheduler();
  const ledger = new Ledger();
  const db = new SimulatedDatabase(0, { ...defaultDatabaseConfig, deadlockPctAtFullLoad: 0, ...config }, clock, new Rng(1), ledger, faults);
  const results = new Map<number, WriteResult>();
  const write = (msg: number) => db.write(msg, (r) => results.set(msg, r), undefined);
  return { clock, ledger, db, results, write, faults };
}

const label = (r: WriteResult | undefined) => (r === undefined ? 'pending' : r.ok ? 'ok' : `${r.outcome}:${sqlErrorLabel(r.error)}`);

describe('SimulatedDatabase', () => {
  it('commits writes and records the commit as ground truth', () => {
    const { clock, ledger, db, results, write } = setup();
    write(1);
    write(2);
    clock.runUntil(60_000);
    expect([label(results.get(1)), label(results.get(2))]).toEqual(['ok', 'ok']);
    expect(ofKind(ledger.entries, 'commit').map((e) => e.msg)).toEqual(expect.arrayContaining([1, 2]));
    expect(db.has(1) && db.has(2)).toBe(true);
  });

  it('is idempotent: a second write of a stored id succeeds without a second record', () => {
    const { clock, ledger, db, write } = setup();
    write(7);
    clock.runUntil(10_000);
    write(7);
    clock.runUntil(20_000);
    expect(db.storedCount).toBe(1);
    expect(ofKind(ledger.entries, 'commit').map((e) => e.duplicate)).toEqual([false, true]);
  });

  it('queues beyond its workers, and queued writes time out under overload (ETIMEOUT, not committed)', () => {
    const faults = new FaultState();
    faults.dbSlowdownFactor = 1000; // 40 ms mean ⇒ 40 s mean: far beyond the 15 s request timeout
    const { clock, db, results, write } = setup({ workers: 2 }, faults);
    for (let i = 0; i < 10; i++) write(i);
    clock.runUntil(16_000);
    const labels = [...results.values()].map(label);
    const failed = [...results.entries()].filter(([, r]) => label(r) === 'fail:ETIMEOUT').map(([msg]) => msg);
    expect(failed.length).toBeGreaterThanOrEqual(5); // never reached a worker in time
    expect(labels.filter((l) => l === 'ok').length).toBeLessThanOrEqual(2);
    clock.runUntil(10_000_000);
    // "fail" means definitely not written (Jepsen's fail): none of those ever commits.
    expect(failed.filter((msg) => db.has(msg))).toEqual([]);
  });

  it('answers "info" when the client times out while the server is still working — and may still commit', () => {
    const faults = new FaultState();
    faults.dbCommitDelayMs = 20_000;
    const { clock, db, results, write } = setup({}, faults);
    write(1);
    clock.runUntil(15_500);
    expect(label(results.get(1))).toBe('info:ETIMEOUT');
    clock.runUntil(60_000);
    expect(db.has(1)).toBe(true);
  });

  it('fails with 8645 when the memory-grant queue is full', () => {
    const faults = new FaultState();
    faults.dbSlowdownFactor = 100;
    const { clock, results, write } = setup({ workers: 1, queueLimit: 3 }, faults);
    for (let i = 0; i < 6; i++) write(i);
    clock.runUntil(1);
    expect([...results.values()].map(label)).toContain('fail:EREQUEST 8645');
  });

  it('fails with ESOCKET during an outage and 9002 while the log is full', () => {
    const faults = new FaultState();
    const { clock, db, results, write } = setup({}, faults);
    faults.dbOutage = 1;
    write(1);
    clock.runUntil(10_000);
    faults.dbOutage = 0;
    faults.dbLogFull = 1;
    write(2);
    clock.runUntil(20_000);
    expect([label(results.get(1)), label(results.get(2))]).toEqual(['fail:ESOCKET', 'fail:EREQUEST 9002']);
    expect(db.storedCount).toBe(0);
  });

  it('picks deadlock victims (1205) more often the busier it is', () => {
    const { clock, results, write } = setup({ workers: 2, deadlockPctAtFullLoad: 50 });
    for (let i = 0; i < 400; i++) write(i);
    clock.runUntil(10_000_000);
    const deadlocks = [...results.values()].filter((r) => label(r) === 'fail:EREQUEST 1205').length;
    expect(deadlocks).toBeGreaterThan(50);
    expect(deadlocks).toBeLessThan(300);
  });

  it('loses capacity to a backup job (offline workers) so the same load queues longer', () => {
    const latency = (offlinePct: number) => {
      const faults = new FaultState();
      faults.dbOfflineWorkersPct = offlinePct;
      const { clock, results, write } = setup({ workers: 4 }, faults);
      for (let i = 0; i < 200; i++) clock.at(i * 15, () => write(i));
      clock.runUntil(1_000_000);
      const ok = [...results.values()].filter((r) => r.ok);
      return ok.reduce((s, r) => s + r.latencyMs, 0) / ok.length;
    };
    expect(latency(75)).toBeGreaterThan(3 * latency(0));
  });

  it('rolls back everything in flight when its client dies', () => {
    const { clock, db, results, write } = setup({ serviceTimeMeanMs: 1000 });
    write(1);
    write(2);
    expect(db.abortInFlight()).toBe(2);
    clock.runUntil(100_000);
    expect(db.storedCount).toBe(0);
    expect(results.size).toBe(0); // the dead client hears nothing
  });
});
