// Receipt before or after the commit is decided by a read made for the receipt, however long it takes:
// receipts during a read share the next one, and each label says what the read showed.

import { describe, expect, it } from 'vitest';
import { ReceiptEvidence, describeReceiptEvidence } from '../../harness/live/receipt-evidence.js';

function world() {
  const reads: number[][] = [];
  const seen = new Set<number>();
  const storedAt = new Map<number, number>();
  let release: (() => void) | undefined;
  let fail = false;
  const evidence = new ReceiptEvidence({
    read: (ids) => {
      reads.push([...ids]);
      return new Promise<void>((resolve, reject) => { release = () => (fail ? reject(new Error('down')) : resolve()); });
    },
    committedBefore: (msg) => seen.has(msg),
    storedAtMs: (msg) => storedAt.get(msg),
    now: () => 100,
  });
  return { evidence, reads, seen, storedAt, release: () => release?.(), failNext: () => { fail = true; } };
}

describe('receipt evidence', () => {
  it('waits for the read however slow, batches receipts that arrive meanwhile, and labels each from what it showed', async () => {
    const w = world();
    const first = w.evidence.check(1);
    const second = w.evidence.check(2);
    const third = w.evidence.check(3);
    expect(w.reads).toEqual([[1]]);
    await new Promise((r) => setTimeout(r, 300)); // longer than any old give-up: still waiting
    w.seen.add(1);
    w.release();
    expect(await first).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(w.reads).toEqual([[1], [2, 3]]);
    w.seen.add(3);
    w.storedAt.set(3, 50);
    w.release();
    expect(await second).toBe(false);
    expect(await third).toBe(true);
    expect(w.evidence.summary).toMatchObject({ checked: 3, absent: 1, presentWithoutTime: 1, storedBeforeReceipt: 1, readFailed: 0 });
    expect(w.evidence.summary.maxLagWallMs).toBeGreaterThanOrEqual(250);
    expect(describeReceiptEvidence(w.evidence.summary)).toMatch(/3 receipts — 1 with the row absent .*1 present at the read without a stored_at/);
    expect(describeReceiptEvidence(w.evidence.summary, 'nb')).toMatch(/3 kvitteringer — 1 der raden manglet .*1 til stede ved lesingen uten stored_at/);
  });

  it('a failed read is no evidence: counted, and the label falls back to earlier reads', async () => {
    const w = world();
    w.failNext();
    const pending = w.evidence.check(7);
    w.release();
    expect(await pending).toBe(false);
    expect(w.evidence.summary).toMatchObject({ checked: 1, readFailed: 1, absent: 0 });
    expect(describeReceiptEvidence(w.evidence.summary)).toMatch(/1 whose read failed \(no evidence/);
    expect(describeReceiptEvidence(w.evidence.summary, 'nb')).toMatch(/1 der lesingen feilet \(ingen bevis/);
  });
});
