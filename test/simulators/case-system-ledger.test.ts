// What the case system records and receipts, entry by entry: the write's result, each retry's attempt,
// a discard's reason, the committed flag on a receipt, and the premature-ack fault turning after-commit
// into before-commit. Found by mutation testing (docs/testing.md).

import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../harness/runtime/time.js';
import { runSmallWorld, ofKind, storyOf } from '../support/small-world.js';

const dbOutage = { kind: 'db-outage' as const, fromMs: 0, toMs: 3 * DAY_MS };

describe('the case system\'s ledger entries', () => {
  it('records an ok write-result with its latency and receipts mottatt as committed after the commit', () => {
    const r = runSmallWorld({});
    const results = ofKind(r.ledger.entries, 'write-result');
    expect(results.map((e) => [e.msg, e.kind, e.outcome])).toEqual([[0, 'write-result', 'ok']]);
    expect(results[0]?.latencyMs).toBeGreaterThan(0);
    expect(ofKind(r.ledger.entries, 'receipt-sent').map((e) => [e.receipt, e.committed])).toEqual([['mottatt', true]]);
  });

  it('records a failed write-result with its SQL error, retries with attempts 2, 3, 4, then receipts feilet uncommitted', () => {
    const r = runSmallWorld({ receiver: { style: 'push', caseSystem: { ackPolicy: 'retry-then-fail', retries: 3, retryBackoffMs: 1000 } }, faults: [dbOutage] });
    const results = ofKind(r.ledger.entries, 'write-result');
    expect(results.map((e) => [e.kind, e.outcome, e.outcome === 'ok' ? '' : e.error])).toEqual(Array(4).fill(['write-result', 'fail', 'ESOCKET']));
    expect(ofKind(r.ledger.entries, 'retry').map((e) => e.attempt)).toEqual([2, 3, 4]);
    expect(ofKind(r.ledger.entries, 'receipt-sent').map((e) => [e.receipt, e.committed])).toEqual([['feilet', false]]);
  });

  it('before-commit receipts mottatt uncommitted and logs the discard with its reason', () => {
    const r = runSmallWorld({ receiver: { style: 'push', caseSystem: { ackPolicy: 'before-commit' } }, faults: [dbOutage] });
    expect(ofKind(r.ledger.entries, 'receipt-sent').map((e) => [e.receipt, e.committed])).toEqual([['mottatt', false]]);
    expect(ofKind(r.ledger.entries, 'discard').map((e) => e.reason)).toEqual(['write failed after receipt was sent']);
  });

  it('the premature-ack fault makes an after-commit case system receipt before the write', () => {
    const r = runSmallWorld({ receiver: { style: 'push' }, faults: [{ kind: 'premature-ack', fromMs: 0, toMs: 3 * DAY_MS }, dbOutage] });
    const story = storyOf(r.ledger.entries, 0);
    expect(story.indexOf('receipt-sent')).toBeLessThan(story.indexOf('write'));
    expect(story).toContain('discard');
  });
});
