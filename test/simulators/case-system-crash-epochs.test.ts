// A crash starts a new life of the case system: the writes, lookups and write results that belong to
// the dead one must do nothing when they come back, or a restarted process would act on work it no
// longer holds (a write nobody waits for, an ack on a connection that is gone). Also the edges of the
// down time itself. Found by mutation testing (docs/testing.md).

import { describe, expect, it } from 'vitest';
import { ofKind } from '../../harness/ledger/ledger.js';
import { caseSystemBench } from '../support/case-system-bench.js';

describe('a crash of the case system', () => {
  it('starts a new incarnation, records the crash and restarts exactly when the down time ends', () => {
    const { caseSystem, ledger, storage, push, runFor } = caseSystemBench();
    expect(caseSystem.incarnation).toBe(0);
    push(7, 'first');
    storage.answerLookups();
    runFor(200); // the write is in flight when the process dies
    caseSystem.crash(1_000);
    expect(caseSystem.incarnation).toBe(1);
    expect(ofKind(ledger.entries, 'crash')).toEqual([{ t: 200, kind: 'crash', receiver: 0, downMs: 1_000, abortedWrites: 1 }]);
    runFor(999);
    expect(caseSystem.isDown()).toBe(true);
    runFor(1);
    // Up again at 1 200 ms sharp: a delivery at that instant is taken.
    expect(caseSystem.isDown()).toBe(false);
    expect(ofKind(ledger.entries, 'restart')).toEqual([{ t: 1_200, kind: 'restart', receiver: 0 }]);
    push(8, 'after restart');
    expect(storage.heldLookups).toBe(1);
  });

  it('a second crash while down changes nothing: one crash, one new life, up when the first ends', () => {
    const { caseSystem, ledger, runFor } = caseSystemBench();
    caseSystem.crash(1_000);
    runFor(500);
    caseSystem.crash(5_000);
    expect(caseSystem.incarnation).toBe(1);
    expect(ofKind(ledger.entries, 'crash')).toHaveLength(1);
    runFor(500);
    expect(caseSystem.isDown()).toBe(false);
  });

  it('a write that was due after the crash never starts', () => {
    const { caseSystem, ledger, storage, push, runFor } = caseSystemBench({ processingDelayMs: 200 });
    push(7, 'first');
    storage.answerLookups(); // not stored: the write is scheduled after the processing delay
    runFor(100);
    caseSystem.crash(50);
    runFor(1_000);
    expect(storage.written).toEqual([]);
    expect(ofKind(ledger.entries, 'write')).toEqual([]);
  });

  it('a lookup that answers after the crash is ignored: no duplicate entry, no ack from the dead process', () => {
    const { caseSystem, ledger, storage, answers, push, runFor } = caseSystemBench();
    push(7, 'first');
    caseSystem.crash(50);
    storage.answerLookups(true);
    runFor(1_000);
    expect(ofKind(ledger.entries, 'duplicate-delivery')).toEqual([]);
    expect(answers).toEqual([]);
    expect(ofKind(ledger.entries, 'receipt-sent')).toEqual([]);
  });

  it('a write result that comes back after the crash is ignored: no write-result, no retry', () => {
    const { caseSystem, ledger, storage, answers, push, runFor } = caseSystemBench({ ackPolicy: 'retry-then-fail' });
    push(7, 'first');
    storage.answerLookups();
    runFor(200);
    expect(storage.heldWrites).toBe(1);
    caseSystem.crash(50);
    storage.answerWrites(false);
    runFor(60_000);
    expect(ofKind(ledger.entries, 'write-result')).toEqual([]);
    expect(ofKind(ledger.entries, 'retry')).toEqual([]);
    expect(storage.written).toEqual([7]);
    expect(answers).toEqual([]);
  });
});
