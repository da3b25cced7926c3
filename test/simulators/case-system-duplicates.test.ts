// A message delivered again while the case system holds it, or after it stored it: every delivery is
// answered, each with the receipt its policy owes, and nothing is written twice. And why dedupeBy
// 'seen' is the known-bad variant: memory of an id acks a redelivery whose first write failed.
// Found by mutation testing (docs/testing.md).

import { describe, expect, it } from 'vitest';
import { ofKind } from '../../harness/ledger/ledger.js';
import { caseSystemBench } from '../support/case-system-bench.js';

describe('duplicate deliveries', () => {
  it('two deliveries of a message already stored: both acked, each with a committed mottatt, nothing written', () => {
    const { ledger, storage, answers, push, runFor } = caseSystemBench();
    push(7, 'first');
    push(7, 'redelivery', true);
    storage.answerLookups(true);
    runFor(1_000);
    expect(answers).toEqual([['first', 'ack'], ['redelivery', 'ack']]);
    expect(ofKind(ledger.entries, 'duplicate-delivery').map((e) => e.action)).toEqual(['joined-pending', 'already-stored']);
    expect(ofKind(ledger.entries, 'receipt-sent').map((e) => [e.receipt, e.committed])).toEqual([['mottatt', true], ['mottatt', true]]);
    expect(storage.written).toEqual([]);
  });

  it('before-commit: a redelivery while the first is pending is acked at once with its own uncommitted mottatt', () => {
    const { ledger, storage, answers, push, runFor } = caseSystemBench({ ackPolicy: 'before-commit' });
    push(7, 'first');
    push(7, 'redelivery', true);
    expect(answers).toEqual([['redelivery', 'ack']]);
    storage.answerLookups();
    runFor(200);
    storage.answerWrites(true);
    expect(answers).toEqual([['redelivery', 'ack'], ['first', 'ack']]);
    expect(ofKind(ledger.entries, 'receipt-sent').map((e) => [e.receipt, e.committed])).toEqual([['mottatt', false], ['mottatt', false]]);
    expect(storage.written).toEqual([7]);
  });

  it('dedupeBy stored: a redelivery after a failed first write is looked up and written again', () => {
    const { ledger, storage, answers, push, runFor } = caseSystemBench({ dedupeBy: 'stored' });
    push(7, 'first');
    storage.answerLookups();
    runFor(200);
    storage.answerWrites(false);
    push(7, 'redelivery', true);
    storage.answerLookups();
    runFor(200);
    storage.answerWrites(true);
    expect(answers).toEqual([['first', 'nack-requeue'], ['redelivery', 'ack']]);
    expect(storage.written).toEqual([7, 7]);
    expect(ofKind(ledger.entries, 'duplicate-delivery')).toEqual([]);
  });

  it('dedupeBy seen: the first delivery is written; a redelivery after its failed write is acked from memory, never written', () => {
    const { ledger, storage, answers, push, runFor } = caseSystemBench({ dedupeBy: 'seen' });
    push(7, 'first');
    expect(storage.heldLookups).toBe(1);
    storage.answerLookups();
    runFor(200);
    storage.answerWrites(false);
    push(7, 'redelivery', true);
    runFor(1_000);
    expect(answers).toEqual([['first', 'nack-requeue'], ['redelivery', 'ack']]);
    expect(storage.written).toEqual([7]);
    expect(storage.stored.has(7)).toBe(false);
    expect(ofKind(ledger.entries, 'duplicate-delivery').map((e) => e.action)).toEqual(['ignored-seen']);
    // The variant believes it holds the record: the receipt says committed.
    expect(ofKind(ledger.entries, 'receipt-sent').map((e) => [e.receipt, e.committed])).toEqual([['mottatt', true]]);
  });
});
