// A live run is never a silent pass: a message whose storage was never read again after a failed
// read, or a database fault that could not be applied, makes it UNKNOWN with the reason; reads that
// failed but were answered by a later read do not.

import { describe, expect, it } from 'vitest';
import { judgeLive } from '../../harness/live/live-verdict.js';
import type { Judgement } from '../../harness/oracle/oracle.js';

const passing = { verdict: { valid: true, checks: { promise: { valid: true, summary: 'ok' } } } } as unknown as Judgement;
const failing = { verdict: { valid: false, checks: { promise: { valid: false, summary: '2 lost' } } } } as unknown as Judgement;
const reads = (over: Partial<{ made: number; failed: number; unread: number; controlFailed: number }> = {}) => ({ made: 10, failed: 0, unread: 0, controlFailed: 0, ...over });

describe('judgeLive', () => {
  it('passes a clean run (the checks below can fail)', () => {
    expect(judgeLive({ judgement: passing, complete: true, sutFaults: [], storageReads: reads(), faultErrors: [] }).outcome).toBe('pass');
  });
  it('passes when failed reads were all answered by a later read', () => {
    const v = judgeLive({ judgement: passing, complete: true, sutFaults: [], storageReads: reads({ failed: 3 }), faultErrors: undefined });
    expect(v.outcome).toBe('pass');
    expect(v.checks['storage-probe']?.summary).toMatch(/3 of 10 reads .* failed; a later read answered/);
  });
  it('is UNKNOWN, not FAIL or PASS, when a message was never read again after a failed read', () => {
    for (const judgement of [passing, failing]) {
      const v = judgeLive({ judgement, complete: true, sutFaults: [], storageReads: reads({ failed: 1, unread: 4 }), faultErrors: [] });
      expect(v.outcome).toBe('unknown');
      expect(v.reasons.join('\n')).toMatch(/storage-probe: .*4 message\(s\)/);
    }
  });
  it('is UNKNOWN when a database fault could not be applied, and names it', () => {
    const v = judgeLive({ judgement: passing, complete: true, sutFaults: [], storageReads: reads(), faultErrors: ['LOCK TABLE denied'] });
    expect(v.outcome).toBe('unknown');
    expect(v.reasons.join('\n')).toMatch(/faults-applied: .*LOCK TABLE denied/);
  });
  it('is UNKNOWN when the portal had not settled: receipts it never consumed were not judged', () => {
    const v = judgeLive({ judgement: passing, complete: true, sutFaults: [], storageReads: reads(), faultErrors: [], unsettled: { replies: 3, receiptChecks: 1, waitedWallMs: 10_000 } });
    expect(v.outcome).toBe('unknown');
    expect(v.reasons.join('\n')).toMatch(/settled: the portal had not settled 10000 ms after the horizon: 3 receipt\(s\) still unconsumed, 1 receipt check\(s\) still open/);
    expect(judgeLive({ judgement: passing, complete: true, sutFaults: [], storageReads: reads(), faultErrors: [], unsettled: undefined }).checks.settled).toBeUndefined();
  });
  it('is UNKNOWN when a reconciliation lookup failed', () => {
    expect(judgeLive({ judgement: passing, complete: true, sutFaults: [], storageReads: reads({ controlFailed: 1 }), faultErrors: undefined }).outcome).toBe('unknown');
  });
});
