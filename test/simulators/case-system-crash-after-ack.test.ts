// The crash-after-ack fault: the process dies right after a transport acknowledgement. With the
// record committed, only the "mottatt" receipt is lost; deliveries still waiting behind the one that
// was acked are not answered by the dead process. A draw that misses changes nothing.
// Found by mutation testing (docs/testing.md).

import { describe, expect, it } from 'vitest';
import { ofKind } from '../../harness/ledger/ledger.js';
import { Rng } from '../../harness/runtime/rng.js';
import { caseSystemBench } from '../support/case-system-bench.js';

function withCrashAfterAck(pct: number, rng?: Rng) {
  const bench = caseSystemBench({ ackPolicy: 'after-commit' }, rng === undefined ? {} : { rng });
  bench.faults.crashAfterAckPct = pct;
  bench.faults.crashDownMs = 1_000;
  return bench;
}

describe('crash after an acknowledgement', () => {
  it('after the commit: the transport ack goes out, the process dies, the receipt never does', () => {
    const { caseSystem, ledger, storage, answers, push, runFor } = withCrashAfterAck(100);
    push(7, 'first');
    storage.answerLookups();
    runFor(200);
    storage.answerWrites(true);
    expect(answers).toEqual([['first', 'ack']]);
    expect(ofKind(ledger.entries, 'crash')).toMatchObject([{ downMs: 1_000 }]);
    expect(caseSystem.isDown()).toBe(true);
    runFor(1_000);
    expect(ofKind(ledger.entries, 'receipt-sent')).toEqual([]);
  });

  it('an already stored message with two deliveries waiting: the first is acked, the second not', () => {
    const { ledger, storage, answers, push, runFor } = withCrashAfterAck(100);
    push(7, 'first');
    push(7, 'redelivery', true);
    storage.answerLookups(true);
    runFor(1_000);
    expect(answers).toEqual([['first', 'ack']]);
    expect(ofKind(ledger.entries, 'crash')).toHaveLength(1);
    expect(ofKind(ledger.entries, 'receipt-sent')).toEqual([]);
  });

  it('a draw that misses (50 %, this seed) leaves the process up and sends the receipt', () => {
    // Rng(2)'s first chancePct(50) is false: the same draw the case system makes.
    expect(new Rng(2).chancePct(50)).toBe(false);
    const { caseSystem, ledger, storage, answers, push, runFor } = withCrashAfterAck(50, new Rng(2));
    push(7, 'first');
    storage.answerLookups();
    runFor(200);
    storage.answerWrites(true);
    expect(answers).toEqual([['first', 'ack']]);
    expect(caseSystem.isDown()).toBe(false);
    expect(ofKind(ledger.entries, 'crash')).toEqual([]);
    expect(ofKind(ledger.entries, 'receipt-sent').map((e) => [e.msg, e.receipt, e.committed])).toEqual([[7, 'mottatt', true]]);
  });
});
