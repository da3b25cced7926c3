// What a pushing portal hears back per ack policy when the write fails or succeeds, and that the case
// system builds ledger entries only of the kinds someone keeps (a national run does not keep them).
// Found by mutation testing (docs/testing.md).

import { describe, expect, it } from 'vitest';
import { Ledger, ofKind } from '../../harness/ledger/ledger.js';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import { caseSystemBench } from '../support/case-system-bench.js';
import { appendedKinds } from '../support/appended-kinds.js';

describe('push answers per policy', () => {
  it('after-commit, failed write: one write, no retry, a nack-with-requeue and no receipt', () => {
    const { ledger, storage, answers, push, runFor } = caseSystemBench({ ackPolicy: 'after-commit', retries: 3 });
    push(7, 'first');
    storage.answerLookups();
    runFor(200);
    storage.answerWrites(false);
    runFor(60_000);
    expect(storage.written).toEqual([7]);
    expect(ofKind(ledger.entries, 'retry')).toEqual([]);
    expect(answers).toEqual([['first', 'nack-requeue']]);
    expect(ofKind(ledger.entries, 'receipt-sent')).toEqual([]);
  });

  it('after-commit: every redelivery that joins a pending write is answered, in arrival order, once it commits', () => {
    const { storage, answers, push, runFor } = caseSystemBench({ ackPolicy: 'after-commit' });
    push(7, 'first');
    push(7, 'second', true);
    push(7, 'third', true);
    storage.answerLookups();
    runFor(200);
    storage.answerWrites(true);
    runFor(1_000);
    expect(storage.written).toEqual([7]);
    expect(answers).toEqual([['first', 'ack'], ['second', 'ack'], ['third', 'ack']]);
  });

  it('before-commit, write committed: no discard is logged and no alert listener is told', () => {
    const { caseSystem, ledger, storage, answers, push, runFor } = caseSystemBench({ ackPolicy: 'before-commit' });
    const discarded: number[] = [];
    caseSystem.onDiscard((msg) => discarded.push(msg));
    push(7, 'first');
    storage.answerLookups();
    runFor(200);
    storage.answerWrites(true);
    expect(answers).toEqual([['first', 'ack']]);
    expect(ofKind(ledger.entries, 'discard')).toEqual([]);
    expect(discarded).toEqual([]);
  });

  it('before-commit, write failed: the discard is logged and the alert listener told the id', () => {
    const { caseSystem, ledger, storage, push, runFor } = caseSystemBench({ ackPolicy: 'before-commit' });
    const discarded: number[] = [];
    caseSystem.onDiscard((msg) => discarded.push(msg));
    push(7, 'first');
    storage.answerLookups();
    runFor(200);
    storage.answerWrites(false);
    expect(ofKind(ledger.entries, 'discard').map((e) => e.msg)).toEqual([7]);
    expect(discarded).toEqual([7]);
  });
});

describe('ledger entries built only when wanted (entries not kept)', () => {
  const kindsSeen = (wanted: LedgerEntry['kind'][]) => {
    const ledger = new Ledger(false);
    const seen: string[] = [];
    ledger.subscribe((e) => seen.push(e.kind), wanted);
    const built = appendedKinds(ledger);
    const { storage, push, runFor } = caseSystemBench({}, { ledger });
    push(7, 'first');
    storage.answerLookups();
    runFor(200);
    storage.answerWrites(true);
    runFor(1_000);
    return { seen, built, count: ledger.count };
  };

  it('a listener of write and write-result gets both, and nothing else the case system records', () => {
    const { seen, built } = kindsSeen(['write', 'write-result']);
    expect(seen).toEqual(['write', 'write-result']);
    expect(built).toEqual(['write', 'write-result']);
  });

  it('a listener of receipts only gets no write entries, yet every entry is counted', () => {
    const { seen, built, count } = kindsSeen(['receipt-sent']);
    expect(seen).toEqual(['receipt-sent']);
    expect(built).toEqual(['receipt-sent']);
    expect(count).toBe(3);
  });
});
