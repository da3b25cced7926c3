// The database's edges, pinned by what a client sees: when an answer arrives and which one, what is
// committed, in what order, and how many sessions a kill or a dying client takes down. Found by
// mutation testing (docs/testing.md): each case fails when one edit to simulators/database is made.

import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { Rng } from '../../harness/runtime/rng.js';
import { Ledger, ofKind } from '../../harness/ledger/ledger.js';
import { FaultState } from '../../harness/faults/fault-state.js';
import { SimulatedDatabase, defaultDatabaseConfig, type DatabaseConfig } from '../../simulators/database/database.js';
import type { WriteResult } from '../../simulators/database/storage.js';
import { sqlErrorLabel } from '../../simulators/database/sql-errors.js';

function setup(config: Partial<DatabaseConfig> = {}, faults = new FaultState(), seed = 1) {
  const clock = new Scheduler();
  const ledger = new Ledger();
  const db = new SimulatedDatabase(3, { ...defaultDatabaseConfig, deadlockPctAtFullLoad: 0, ...config }, clock, new Rng(seed), ledger, faults);
  /** Every answer in the order the client heard it: a second answer to one write shows up twice. */
  const answers: { msg: number; at: number; result: WriteResult }[] = [];
  const write = (msg: number) => db.write(msg, (result) => answers.push({ msg, at: clock.now(), result }), undefined);
  return { clock, ledger, db, answers, write, faults };
}

const label = (r: WriteResult) => (r.ok ? 'ok' : `${r.outcome}:${sqlErrorLabel(r.error)}`);
const labels = (answers: { msg: number; result: WriteResult }[]) => answers.map((a) => `${a.msg} ${label(a.result)}`);
const committed = (ledger: Ledger) => ofKind(ledger.entries, 'commit').map((e) => e.msg);

describe('SimulatedDatabase edges', () => {
  it('during an outage answers ESOCKET exactly at the connect timeout, with nothing in flight', () => {
    const faults = new FaultState();
    faults.dbOutage = 1;
    const { clock, db, answers, write } = setup({ connectTimeoutMs: 5_000 }, faults);
    write(1);
    expect(db.abortInFlight()).toBe(0); // never reached the server
    clock.runUntil(4_999);
    expect(answers).toEqual([]);
    clock.runUntil(5_000);
    expect(labels(answers)).toEqual(['1 fail:ESOCKET']);
    expect(answers[0]?.result.latencyMs).toBe(5_000);
  });

  it('accepts exactly queueLimit waiting writes; the next ones fail with 8645 at once', () => {
    const faults = new FaultState();
    faults.dbSlowdownFactor = 1e6;
    const { clock, db, answers, write } = setup({ workers: 1, queueLimit: 3, requestTimeoutMs: 1e12 }, faults);
    for (let i = 0; i < 6; i++) write(i); // 0 is served, 1–3 wait, 4 and 5 find the queue full
    expect(labels(answers)).toEqual(['4 fail:EREQUEST 8645', '5 fail:EREQUEST 8645']);
    expect(answers.map((a) => a.at)).toEqual([0, 0]);
    expect(db.abortInFlight()).toBe(4);
    clock.runUntil(1);
  });

  it('answers ok with the latency from the write to its commit, once, and commits at its own receiver', () => {
    const { clock, ledger, db, answers, write } = setup({ serviceTimeMeanMs: 500 });
    let seen: boolean | undefined;
    db.lookup(9, (stored) => (seen = stored), undefined);
    expect(seen).toBe(false);
    clock.at(100, () => write(9));
    clock.runUntil(1_000_000);
    const commits = ofKind(ledger.entries, 'commit');
    expect(commits.map((c) => [c.msg, c.receiver, c.duplicate])).toEqual([[9, 3, false]]);
    expect(labels(answers)).toEqual(['9 ok']);
    expect(answers[0]?.result.latencyMs).toBe((commits[0]?.t ?? NaN) - 100);
    expect(answers[0]?.result.latencyMs).toBeGreaterThan(0);
    db.lookup(9, (stored) => (seen = stored), undefined);
    expect(seen).toBe(true);
  });

  it('without a unique key a second write of a stored id is a new row, not a duplicate', () => {
    const { clock, ledger, db, write } = setup({ uniqueKey: false });
    write(7);
    clock.runUntil(10_000);
    write(7);
    clock.runUntil(20_000);
    expect(ofKind(ledger.entries, 'commit').map((e) => e.duplicate)).toEqual([false, false]);
    expect(db.storedCount).toBe(1);
  });

  it('times a served write out as "info" at exactly requestTimeoutMs, and its late commit answers nothing more', () => {
    const faults = new FaultState();
    faults.dbCommitDelayMs = 20_000;
    const { clock, ledger, answers, write } = setup({ requestTimeoutMs: 15_000 }, faults);
    write(1);
    clock.runUntil(14_999);
    expect(answers).toEqual([]);
    clock.runUntil(15_000);
    expect(labels(answers)).toEqual(['1 info:ETIMEOUT']);
    const first = answers[0]?.result;
    expect(first !== undefined && !first.ok && first.error.message).toBe('Timeout: Request failed to complete in 15000ms');
    expect(first?.latencyMs).toBe(15_000);
    clock.runUntil(100_000);
    expect(committed(ledger)).toEqual([1]);
    expect(answers).toHaveLength(1);
  });

  it('a commit before the timeout cancels it: one ok answer, no ETIMEOUT later', () => {
    const { clock, answers, write } = setup({ serviceTimeMeanMs: 10, requestTimeoutMs: 15_000 });
    write(1);
    clock.runUntil(1_000_000);
    expect(labels(answers)).toEqual(['1 ok']);
  });

  it('a queued write that timed out leaves the in-flight set: a later kill counts only the served one', () => {
    const faults = new FaultState();
    faults.dbSlowdownFactor = 1e6;
    const { clock, db, answers, write } = setup({ workers: 1, requestTimeoutMs: 15_000 }, faults);
    write(1);
    write(2);
    clock.runUntil(15_000);
    expect(labels(answers)).toEqual(['1 info:ETIMEOUT', '2 fail:ETIMEOUT']);
    expect(db.killSessions()).toBe(1);
    expect(answers).toHaveLength(2); // request 1 was answered already
  });

  it('killSessions answers in arrival order: served ones "info", waiting ones "fail"; none commits; the server keeps working', () => {
    const faults = new FaultState();
    faults.dbSlowdownFactor = 100; // 4 s mean
    const { clock, ledger, db, answers, write } = setup({ workers: 2, requestTimeoutMs: 1e9 }, faults);
    for (let i = 1; i <= 5; i++) write(i);
    expect(db.killSessions()).toBe(5);
    expect(labels(answers)).toEqual(['1 info:ESOCKET', '2 info:ESOCKET', '3 fail:ESOCKET', '4 fail:ESOCKET', '5 fail:ESOCKET']);
    expect(db.killSessions()).toBe(0);
    expect(db.abortInFlight()).toBe(0);
    faults.dbSlowdownFactor = 1;
    clock.at(1, () => { write(6); write(7); write(8); });
    clock.runUntil(10_000_000);
    expect(committed(ledger)).toEqual(expect.arrayContaining([6, 7, 8]));
    expect(committed(ledger)).toHaveLength(3);
    expect(labels(answers).slice(5).sort()).toEqual(['6 ok', '7 ok', '8 ok']);
  });

  it('killSessions after an earlier removal still finds every survivor (swap-removal keeps the set whole)', () => {
    const faults = new FaultState();
    faults.dbSlowdownFactor = 1e6;
    const { clock, db, answers, write } = setup({ workers: 1, requestTimeoutMs: 15_000 }, faults);
    write(1);
    write(2);
    clock.runUntil(10_000);
    write(3);
    write(4);
    clock.runUntil(15_000); // 2 times out while waiting and leaves; 1 times out being served
    expect(labels(answers)).toEqual(['1 info:ETIMEOUT', '2 fail:ETIMEOUT']);
    expect(db.killSessions()).toBe(3); // 1 (already answered), 3, 4
    expect(labels(answers)).toEqual(['1 info:ETIMEOUT', '2 fail:ETIMEOUT', '3 fail:ESOCKET', '4 fail:ESOCKET']);
  });

  it('a backup job takes ceil(workers × pct / 100) workers: the rest serve, the others wait', () => {
    const served = (offlinePct: number) => {
      const faults = new FaultState();
      faults.dbSlowdownFactor = 1e6;
      faults.dbOfflineWorkersPct = offlinePct;
      const { clock, answers, write } = setup({ workers: 4, requestTimeoutMs: 15_000 }, faults);
      for (let i = 0; i < 4; i++) write(i);
      clock.runUntil(15_000);
      return answers.filter((a) => label(a.result) === 'info:ETIMEOUT').length;
    };
    expect([0, 25, 30, 75, 100, 150].map(served)).toEqual([4, 3, 2, 1, 0, 0]);
  });

  it('a write is a deadlock victim only when another transaction is busy: its own workers or a backup job', () => {
    const run = (config: Partial<DatabaseConfig>, offlinePct: number, concurrent: number) => {
      const faults = new FaultState();
      faults.dbOfflineWorkersPct = offlinePct;
      const { clock, answers, write } = setup({ deadlockPctAtFullLoad: 100, ...config }, faults);
      for (let round = 0; round < 20; round++) clock.at(round * 100_000, () => { for (let i = 0; i < concurrent; i++) write(round * 10 + i); });
      clock.runUntil(10_000_000);
      return answers.filter((a) => label(a.result) === 'fail:EREQUEST 1205').length;
    };
    expect(run({ workers: 4 }, 0, 1)).toBe(0); // alone on the server
    expect(run({ workers: 2 }, 50, 1)).toBe(20); // the backup job holds the other worker
    expect(run({ workers: 2 }, 0, 2)).toBe(20); // the first of each pair to finish meets the other
  });

  it('deadlock chance scales with the square of the share of other workers busy', () => {
    // 3 workers, 2 concurrent writes: the first to finish sees 1 of 2 others busy => 100 % × (1/2)² = 25 %.
    const faults = new FaultState();
    const { clock, answers, write } = setup({ workers: 3, deadlockPctAtFullLoad: 100 }, faults, 7);
    for (let round = 0; round < 400; round++) clock.at(round * 100_000, () => { write(round * 10); write(round * 10 + 1); });
    clock.runUntil(100_000_000);
    const deadlocks = answers.filter((a) => label(a.result) === 'fail:EREQUEST 1205').length;
    expect(deadlocks).toBeGreaterThan(60); // 25 % of 400 = 100; (1/3)² would give 44, (1/4)² 25
    expect(deadlocks).toBeLessThan(140); // unsquared: 50 % = 200
  });

  it('a long queue drains in arrival order, every write committed, also while new writes arrive', () => {
    const { clock, ledger, answers, write } = setup({ workers: 1, queueLimit: 10_000, requestTimeoutMs: 1e12, serviceTimeMeanMs: 1 });
    for (let i = 0; i < 3_000; i++) write(i);
    // Add more while the queue is being compacted (its head passes 1024 and half the tail).
    for (let k = 0; k < 40; k++) clock.at(1_000 + k * 100, () => { for (let i = 0; i < 50; i++) write(3_000 + k * 50 + i); });
    clock.runUntil(1e9);
    const order = committed(ledger);
    expect(order).toHaveLength(5_000);
    expect(order).toEqual(Array.from({ length: 5_000 }, (_, i) => i));
    expect(answers.every((a) => a.result.ok)).toBe(true);
  });

  it('a finished write leaves the in-flight set: a dying client or a kill afterwards finds nothing', () => {
    const { clock, db, write } = setup({ workers: 2 });
    write(1);
    write(2);
    write(3);
    clock.runUntil(1_000_000);
    expect(db.storedCount).toBe(3);
    expect(db.killSessions()).toBe(0);
    expect(db.abortInFlight()).toBe(0);
  });

  it('the queue limit counts only the writes still waiting, not the ones already served', () => {
    const faults = new FaultState();
    faults.dbSlowdownFactor = 0;
    faults.dbCommitDelayMs = 1_000; // every write takes exactly 1 s
    const { clock, answers, write } = setup({ workers: 1, queueLimit: 3, requestTimeoutMs: 1e12 }, faults);
    for (let i = 0; i < 4; i++) write(i); // 0 served, 1–3 wait
    clock.runUntil(1_000); // 0 commits, 1 is served: 2 and 3 wait
    write(4); // a third waiting write: still inside the limit
    write(5); // a fourth: full
    expect(labels(answers)).toEqual(['0 ok', '5 fail:EREQUEST 8645']);
    clock.runUntil(1e9);
    expect(labels(answers).slice(2)).toEqual(['1 ok', '2 ok', '3 ok', '4 ok']);
  });

  it('a waiting write that timed out is skipped, not served: the next one gets the worker at once', () => {
    const faults = new FaultState();
    faults.dbSlowdownFactor = 0;
    faults.dbCommitDelayMs = 20_000; // every write takes exactly 20 s
    const { clock, ledger, answers, write } = setup({ workers: 1, requestTimeoutMs: 15_000 }, faults);
    write(1);
    write(2);
    clock.at(16_000, () => write(3));
    clock.runUntil(1e9);
    // 1 is served 0–20 s (client gives up at 15 s), 2 times out waiting, 3 is served 20–40 s.
    expect(labels(answers)).toEqual(['1 info:ETIMEOUT', '2 fail:ETIMEOUT', '3 info:ETIMEOUT']);
    expect(ofKind(ledger.entries, 'commit').map((c) => [c.msg, c.t])).toEqual([[1, 20_000], [3, 40_000]]);
  });

  it('an outage that starts while a write is being served fails it at commit time, not committed', () => {
    const faults = new FaultState();
    faults.dbSlowdownFactor = 0;
    faults.dbCommitDelayMs = 1_000;
    const { clock, db, answers, write } = setup({}, faults);
    write(1);
    clock.at(500, () => { faults.dbOutage = 1; });
    clock.runUntil(10_000);
    expect(labels(answers)).toEqual(['1 fail:ESOCKET']);
    expect(db.has(1)).toBe(false);
  });

  it('a failed write reports the latency from its own start', () => {
    const faults = new FaultState();
    faults.dbOutage = 1;
    const { clock, answers, write } = setup({ connectTimeoutMs: 5_000 }, faults);
    clock.at(1_000, () => write(1));
    clock.runUntil(100_000);
    expect(answers.map((a) => [a.at, a.result.latencyMs])).toEqual([[6_000, 5_000]]);
  });

  it('the backup job\'s workers add to the busy ones: with both, the first of two writes to finish is always a victim', () => {
    // 3 workers, 33 % offline => ceil(0.99) = 1 held by the backup job. Two writes: the first to finish sees 1 busy +
    // 1 offline = 2 of 2 others => contention 1 => deadlock at 100 %.
    const faults = new FaultState();
    faults.dbOfflineWorkersPct = 33;
    const { clock, answers, write } = setup({ workers: 3, deadlockPctAtFullLoad: 100 }, faults);
    for (let round = 0; round < 20; round++) clock.at(round * 100_000, () => { write(round * 10); write(round * 10 + 1); });
    clock.runUntil(10_000_000);
    const victims = answers.filter((a) => label(a.result) === 'fail:EREQUEST 1205').map((a) => a.at);
    expect(victims.length).toBeGreaterThanOrEqual(20);
    for (let round = 0; round < 20; round++) expect(victims.some((t) => t >= round * 100_000 && t < (round + 1) * 100_000)).toBe(true);
  });

  it('a request record reused after earlier writes is waiting again: a kill answers the queued one fail, the served one info', () => {
    const { clock, db, answers, write } = setup({ workers: 1, serviceTimeMeanMs: 1_000 });
    write(1);
    write(2);
    clock.runUntil(60_000);
    expect(labels(answers)).toEqual(['1 ok', '2 ok']);
    clock.at(60_001, () => { write(3); write(4); write(5); });
    clock.at(60_002, () => expect(db.killSessions()).toBe(3));
    clock.runUntil(120_000);
    expect(answers.slice(2).map((a) => `${a.msg} ${a.result.ok ? 'ok' : a.result.outcome}`)).toEqual(['3 info', '4 fail', '5 fail']);
  });
});
