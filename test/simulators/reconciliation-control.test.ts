// Reconciliation, the control that would have stopped the 2023 losses: at each interval it compares the
// portal's export (every id with a receipt) with the ids really stored. A receipted id older than the
// grace period and not stored is detected once, and re-delivered at every run while the portal holds
// it; once stored, or once the portal has purged it, it is no longer watched.

import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { Ledger, ofKind } from '../../harness/ledger/ledger.js';
import { HOUR_MS, MINUTE_MS } from '../../harness/runtime/time.js';
import { Reconciliation } from '../../simulators/controls/reconciliation.js';
import { portalDouble, storageDouble } from '../support/control-doubles.js';

function reconciliationWorld(intervalMs = HOUR_MS, graceMs = 10 * MINUTE_MS) {
  const clock = new Scheduler();
  const ledger = new Ledger();
  const p = portalDouble();
  const s = storageDouble();
  const control = new Reconciliation(0, intervalMs, graceMs, clock, ledger, p.portal, s.storage);
  /** Run the control by hand at `atMs`. */
  const runAt = (atMs: number) => {
    clock.at(atMs, () => control.run());
    clock.runUntil(atMs);
  };
  return { clock, ledger, control, runAt, ...p, ...s };
}

describe('Reconciliation.run', () => {
  it('detects a receipted id that is not stored, and re-delivers it while the portal holds it', () => {
    const w = reconciliationWorld();
    w.exported.push(4, 0, 0);
    w.held.add(4);
    w.runAt(HOUR_MS);
    expect(w.ledger.entries).toEqual([
      { t: HOUR_MS, kind: 'detect', msg: 4, by: 'reconciliation', portalHolds: true },
      { t: HOUR_MS, kind: 'reconcile', receiver: 0, checked: 1, missing: 1 },
    ]);
    expect(w.redelivered).toEqual([4]);
  });

  it('detects an id once, but re-delivers it at every run while it is missing and held', () => {
    const w = reconciliationWorld();
    w.exported.push(4, 0, 0);
    w.held.add(4);
    w.runAt(HOUR_MS);
    w.runAt(2 * HOUR_MS);
    w.runAt(3 * HOUR_MS);
    expect(ofKind(w.ledger.entries, 'detect')).toHaveLength(1);
    expect(ofKind(w.ledger.entries, 'reconcile').map((e) => [e.checked, e.missing])).toEqual([[1, 1], [1, 1], [1, 1]]);
    expect(w.redelivered).toEqual([4, 4, 4]);
  });

  it('a missing id that is stored later is confirmed at the next run and not looked up again', () => {
    const w = reconciliationWorld();
    w.exported.push(4, 0, 0);
    w.held.add(4);
    w.runAt(HOUR_MS);
    w.stored.add(4);
    w.runAt(2 * HOUR_MS);
    w.runAt(3 * HOUR_MS);
    expect(ofKind(w.ledger.entries, 'reconcile').map((e) => [e.checked, e.missing])).toEqual([[1, 1], [1, 0], [0, 0]]);
    expect(w.lookups).toEqual([4, 4]);
    expect(w.redelivered).toEqual([4]);
  });

  it('a re-delivered id the portal purges before it is stored is dropped at the next run, not looked up again', () => {
    const w = reconciliationWorld();
    w.exported.push(4, 0, 0);
    w.held.add(4);
    w.runAt(HOUR_MS);
    w.held.delete(4);
    w.runAt(2 * HOUR_MS);
    w.runAt(3 * HOUR_MS);
    expect(ofKind(w.ledger.entries, 'reconcile').map((e) => [e.checked, e.missing])).toEqual([[1, 1], [1, 1], [0, 0]]);
    expect(ofKind(w.ledger.entries, 'detect')).toHaveLength(1);
    expect(w.redelivered).toEqual([4]);
  });

  it('a purged id is detected as no longer held, not re-delivered, and then dropped', () => {
    const w = reconciliationWorld();
    w.exported.push(4, 0, 0);
    w.runAt(HOUR_MS);
    w.runAt(2 * HOUR_MS);
    expect(w.ledger.entries).toEqual([
      { t: HOUR_MS, kind: 'detect', msg: 4, by: 'reconciliation', portalHolds: false },
      { t: HOUR_MS, kind: 'reconcile', receiver: 0, checked: 1, missing: 1 },
      { t: 2 * HOUR_MS, kind: 'reconcile', receiver: 0, checked: 0, missing: 0 },
    ]);
    expect(w.redelivered).toEqual([]);
  });

  it('a stored id is confirmed once and not looked up again', () => {
    const w = reconciliationWorld();
    w.exported.push(1, 0, 0);
    w.exported.push(2, 0, 0);
    w.stored.add(1);
    w.stored.add(2);
    w.runAt(HOUR_MS);
    w.runAt(2 * HOUR_MS);
    expect(ofKind(w.ledger.entries, 'reconcile').map((e) => [e.checked, e.missing])).toEqual([[2, 0], [0, 0]]);
    expect(w.lookups).toEqual([1, 2]);
    expect(ofKind(w.ledger.entries, 'detect')).toEqual([]);
  });

  it('skips receipts younger than the grace period and checks them once they are as old as it', () => {
    const w = reconciliationWorld(HOUR_MS, 10 * MINUTE_MS);
    // The export is in receipt order (ExportLog), so a young row is never before an old one.
    w.exported.push(5, 0, HOUR_MS - 10 * MINUTE_MS);
    w.exported.push(4, 0, HOUR_MS - 9 * MINUTE_MS);
    w.held.add(4);
    w.held.add(5);
    w.runAt(HOUR_MS);
    expect(w.lookups).toEqual([5]);
    expect(ofKind(w.ledger.entries, 'reconcile')[0]).toEqual({ t: HOUR_MS, kind: 'reconcile', receiver: 0, checked: 1, missing: 1 });
    w.runAt(HOUR_MS + MINUTE_MS);
    expect(w.lookups).toEqual([5, 5, 4]);
    expect(ofKind(w.ledger.entries, 'detect').map((e) => [e.msg, e.t])).toEqual([[5, HOUR_MS], [4, HOUR_MS + MINUTE_MS]]);
  });

  it('reads each new export row once: rows added between runs are watched from the next run', () => {
    const w = reconciliationWorld();
    w.exported.push(1, 0, 0);
    w.stored.add(1);
    w.runAt(HOUR_MS);
    w.exported.push(2, 0, 0);
    w.exported.push(3, 0, 0);
    w.stored.add(2);
    w.held.add(3);
    w.runAt(2 * HOUR_MS);
    expect(w.lookups).toEqual([1, 2, 3]);
    expect(ofKind(w.ledger.entries, 'detect').map((e) => e.msg)).toEqual([3]);
  });

  it('looks only at its own receiver\'s export', () => {
    const clock = new Scheduler();
    const ledger = new Ledger();
    const p = portalDouble();
    const s = storageDouble();
    p.exported.push(4, 0, 0);
    const other = new Reconciliation(1, HOUR_MS, 0, clock, ledger, p.portal, s.storage);
    other.run();
    expect(ledger.entries).toEqual([{ t: 0, kind: 'reconcile', receiver: 1, checked: 0, missing: 0 }]);
  });
});

describe('Reconciliation.start', () => {
  it('runs at every interval, the first one interval after the start', () => {
    const w = reconciliationWorld(6 * HOUR_MS);
    w.control.start();
    w.clock.runUntil(24 * HOUR_MS);
    expect(ofKind(w.ledger.entries, 'reconcile').map((e) => e.t / HOUR_MS)).toEqual([6, 12, 18, 24]);
  });

  it('never runs with an interval of 0 (the control is off)', () => {
    const w = reconciliationWorld(0);
    w.control.start();
    w.clock.runUntil(24 * HOUR_MS);
    expect(w.ledger.entries).toEqual([]);
  });
});

describe('Reconciliation.run with answers that arrive later (live mode reads the real database)', () => {
  it('writes its reconcile line once every lookup has answered, with the true missing count, after the detections', () => {
    const clock = new Scheduler();
    const ledger = new Ledger();
    const p = portalDouble();
    const answers: (() => void)[] = [];
    const stored = new Set([5]);
    const storage = {
      write: () => { throw new Error('controls never write'); },
      lookup: <A>(msg: number, done: (stored: boolean, arg: A) => void, arg: A) => { answers.push(() => done(stored.has(msg), arg)); },
      abortInFlight: () => 0,
    };
    const control = new Reconciliation(0, HOUR_MS, 10 * MINUTE_MS, clock, ledger, p.portal, storage);
    p.exported.push(4, 0, 0);
    p.exported.push(5, 0, 0);
    p.held.add(4);
    clock.at(HOUR_MS, () => control.run());
    clock.runUntil(HOUR_MS);
    expect(ledger.entries).toEqual([]);
    clock.at(HOUR_MS + 3_000, () => { for (const answer of answers.splice(0)) answer(); });
    clock.runUntil(HOUR_MS + 3_000);
    expect(ledger.entries).toEqual([
      { t: HOUR_MS + 3_000, kind: 'detect', msg: 4, by: 'reconciliation', portalHolds: true },
      { t: HOUR_MS + 3_000, kind: 'reconcile', receiver: 0, checked: 2, missing: 1 },
    ]);
  });
});
