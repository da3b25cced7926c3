// The polling case system (SvarInn): when it polls, that a dead process does not, that a shipment it
// is still storing is not downloaded again, and the receipts it owes — kvitterMottak carries no
// permanent flag, a failed after-commit write asks for the shipment again (mottakFeilet
// permanent=false) and gets it at the next poll. Found by mutation testing (docs/testing.md).

import { describe, expect, it } from 'vitest';
import { ofKind } from '../../harness/ledger/ledger.js';
import { Rng } from '../../harness/runtime/rng.js';
import { caseSystemBench, header } from '../support/case-system-bench.js';

const INTERVAL = 60_000;

function pollingBench(config: Parameters<typeof caseSystemBench>[0] = {}) {
  const bench = caseSystemBench({ pollIntervalMs: INTERVAL, ...config }, { rng: new Rng(3) });
  bench.portal.available = [header(7)];
  // The first poll is drawn inside the first interval (Rng(3)'s first draw), then one every interval.
  const firstPollMs = new Rng(3).next() * INTERVAL;
  bench.caseSystem.startPolling(bench.portal);
  return { ...bench, firstPollMs };
}

describe('case system, poll style', () => {
  it('polls first at a random point of the first interval, then once every interval', () => {
    const { portal, clock, firstPollMs } = pollingBench();
    portal.available = [];
    expect(firstPollMs).toBeGreaterThan(INTERVAL / 2); // a draw that tells "× interval" from "÷"
    clock.runUntil(3 * INTERVAL);
    expect(portal.listedAtMs).toEqual([firstPollMs, firstPollMs + INTERVAL, firstPollMs + 2 * INTERVAL]);
  });

  it('a down case system does not poll the portal, and polls again once it is up', () => {
    const { portal, faults, clock, firstPollMs } = pollingBench();
    faults.caseSystemDown = 1;
    clock.runUntil(firstPollMs + 2 * INTERVAL);
    expect(portal.listedAtMs).toEqual([]);
    expect(portal.downloads).toEqual([]);
    faults.caseSystemDown = 0;
    clock.runUntil(firstPollMs + 3 * INTERVAL);
    expect(portal.listedAtMs).toEqual([firstPollMs + 3 * INTERVAL]);
  });

  it('a shipment still being stored is not downloaded again by the next poll', () => {
    const { ledger, portal, storage, clock, firstPollMs } = pollingBench();
    clock.runUntil(firstPollMs);
    expect(portal.downloads).toEqual([7]);
    clock.runUntil(firstPollMs + 2 * INTERVAL); // its lookup is still out: two more polls list it
    expect(portal.listedAtMs).toHaveLength(3);
    expect(portal.downloads).toEqual([7]);
    expect(ofKind(ledger.entries, 'duplicate-delivery')).toEqual([]);
    expect(storage.heldLookups).toBe(1);
  });

  it('after the commit it answers kvitterMottak: mottatt, committed, with no permanent flag', () => {
    const { ledger, portal, storage, clock, firstPollMs, runFor } = pollingBench();
    clock.runUntil(firstPollMs);
    storage.answerLookups();
    runFor(200);
    storage.answerWrites(true);
    runFor(0);
    expect(ofKind(ledger.entries, 'receipt-sent')).toEqual([{ t: firstPollMs + 200, kind: 'receipt-sent', msg: 7, receipt: 'mottatt', committed: true }]);
    expect(portal.receipts).toEqual([{ msg: 7, receipt: 'mottatt', permanent: undefined }]);
  });

  it('after-commit, failed write: mottakFeilet permanent=false, and the next poll downloads the shipment again', () => {
    const { ledger, portal, storage, clock, firstPollMs, runFor } = pollingBench({ ackPolicy: 'after-commit' });
    clock.runUntil(firstPollMs);
    storage.answerLookups();
    runFor(200);
    storage.answerWrites(false);
    runFor(0);
    expect(ofKind(ledger.entries, 'receipt-sent').map((e) => [e.receipt, e.committed, e.permanent])).toEqual([['feilet', false, false]]);
    expect(portal.receipts).toEqual([{ msg: 7, receipt: 'feilet', permanent: false }]);
    clock.runUntil(firstPollMs + INTERVAL);
    expect(portal.downloads).toEqual([7, 7]);
  });

  it('retry-then-fail, every write failed: mottakFeilet permanent=true (the portal prints)', () => {
    const { ledger, portal, storage, clock, firstPollMs, runFor } = pollingBench({ ackPolicy: 'retry-then-fail', retries: 1, retryBackoffMs: 100 });
    clock.runUntil(firstPollMs);
    storage.answerLookups();
    runFor(200);
    storage.answerWrites(false);
    runFor(100);
    storage.answerWrites(false);
    runFor(0);
    expect(storage.written).toEqual([7, 7]);
    expect(ofKind(ledger.entries, 'receipt-sent').map((e) => [e.receipt, e.committed, e.permanent])).toEqual([['feilet', false, true]]);
    expect(portal.receipts).toEqual([{ msg: 7, receipt: 'feilet', permanent: true }]);
  });
});
