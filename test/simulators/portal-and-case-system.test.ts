// Behaviour of the portal and the case system together, one message at a time, in both delivery styles.

import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../harness/runtime/time.js';
import { runSmallWorld, fatesOf, storyOf, ofKind } from '../support/small-world.js';

const outage = (kind: 'db-outage' | 'case-system-outage', toMs = 3 * DAY_MS) => ({ kind, fromMs: 0, toMs });

describe.each(['push', 'poll'] as const)('portal ⇄ case system, %s style', (style) => {
  it('stores, receipts and purges a report after retentionDays (after-commit)', () => {
    const r = runSmallWorld({ receiver: { style }, portal: { retentionDays: 14 } });
    const story = storyOf(r.ledger.entries, 0);
    expect(story.indexOf('commit')).toBeLessThan(story.indexOf('receipt-sent'));
    const receipt = ofKind(r.ledger.entries, 'receipt')[0];
    const purge = ofKind(r.ledger.entries, 'purge')[0];
    expect(receipt?.receipt).toBe('mottatt');
    expect((purge?.t ?? 0) - (receipt?.t ?? 0)).toBe(14 * DAY_MS);
    expect(fatesOf(r)).toEqual(['stored']);
    expect(r.judgement.verdict.valid).toBe(true);
  });

  it('receipts before the write with before-commit and loses the report when the write fails', () => {
    const r = runSmallWorld({ receiver: { style, caseSystem: { ackPolicy: 'before-commit' } }, faults: [outage('db-outage')] });
    const story = storyOf(r.ledger.entries, 0);
    expect(story.indexOf('receipt-sent')).toBeLessThan(story.indexOf('write'));
    expect(story).toContain('discard');
    expect(story).not.toContain('fallback');
    expect(fatesOf(r)).toEqual(['lost-silent']);
  });

  it('asks for the report again after a failed write (after-commit) and prints it at the deadline', () => {
    const r = runSmallWorld({ receiver: { style }, faults: [outage('db-outage')] });
    expect(ofKind(r.ledger.entries, 'deliver').length).toBeGreaterThan(1);
    expect(ofKind(r.ledger.entries, 'fallback').map((e) => e.outcome)).toEqual(['printed']);
    expect(fatesOf(r)).toEqual(['fallback']);
  });

  it('retries with backoff then answers feilet (retry-then-fail), and the portal prints at once', () => {
    const r = runSmallWorld({ receiver: { style, caseSystem: { ackPolicy: 'retry-then-fail', retries: 3, retryBackoffMs: 1000 } }, faults: [outage('db-outage')] });
    expect(ofKind(r.ledger.entries, 'retry').map((e) => e.backoffMs)).toEqual([1000, 2000, 4000]);
    const failed = ofKind(r.ledger.entries, 'portal-failed')[0];
    expect(failed?.reason).toBe(style === 'push' ? 'feilet' : 'permanent-failure');
    expect((failed?.t ?? Infinity) - HOUR_MS).toBeLessThan(style === 'push' ? MINUTE_MS : 20 * MINUTE_MS);
    expect(fatesOf(r)).toEqual(['fallback']);
  });

  it('prints at the receipt deadline when the case system is down throughout', () => {
    const r = runSmallWorld({ receiver: { style }, faults: [outage('case-system-outage')] });
    const failed = ofKind(r.ledger.entries, 'portal-failed')[0];
    expect(failed?.reason).toBe(style === 'push' ? 'max-deliveries' : 'receipt-deadline');
    expect(fatesOf(r)).toEqual(['fallback']);
  });
});

describe('push delivery (Fiks IO)', () => {
  it('redelivers up to maxDeliveries without an answer, then gives up', () => {
    const r = runSmallWorld({ portal: { maxDeliveries: 3 }, faults: [outage('case-system-outage')] });
    expect(ofKind(r.ledger.entries, 'deliver').map((e) => e.attempt)).toEqual([1, 2, 3]);
    expect(ofKind(r.ledger.entries, 'transport').map((e) => e.response)).toEqual(['timeout', 'timeout', 'timeout']);
  });

  it('delivers after the case system comes back if that is within the redelivery budget', () => {
    const r = runSmallWorld({ portal: { maxDeliveries: 5, redeliveryDelayMs: 5 * MINUTE_MS }, faults: [{ kind: 'case-system-outage', fromMs: 0, toMs: HOUR_MS + 8 * MINUTE_MS }] });
    expect(fatesOf(r)).toEqual(['stored']);
    expect(ofKind(r.ledger.entries, 'deliver').at(-1)?.attempt).toBeGreaterThan(1);
  });
});

describe('duplicates', () => {
  it('a redelivered duplicate of a stored report is answered from the database, not stored twice', () => {
    // A polling receiver whose receipts are lost gets the report again at every poll until one lands.
    const r = runSmallWorld({ faults: [{ kind: 'receipt-lost', fromMs: 0, toMs: 2 * HOUR_MS, probabilityPct: 100 }], receiver: { style: 'poll', controls: { reconciliationIntervalMs: DAY_MS } } });
    expect(fatesOf(r)).toEqual(['stored']);
    expect(ofKind(r.ledger.entries, 'deliver').length).toBeGreaterThan(1);
    // The store's unique key would turn a second insert into a no-op the duplicates check never sees:
    // the redelivery must not reach the database at all — it is answered from the lookup.
    expect(ofKind(r.ledger.entries, 'duplicate-delivery').map((e) => e.action)).toContain('already-stored');
    expect(ofKind(r.ledger.entries, 'commit')).toHaveLength(1);
    expect(r.judgement.verdict.checks.duplicates?.valid).toBe(true);
  });

  it('many duplicated receipts and redeliveries do not change the counts', () => {
    const sendAtMs = Array.from({ length: 40 }, (_, i) => HOUR_MS + i * MINUTE_MS);
    const plain = runSmallWorld({ sendAtMs });
    const noisy = runSmallWorld({ sendAtMs, faults: [{ kind: 'receipt-duplicated', fromMs: 0, toMs: DAY_MS, probabilityPct: 100 }] });
    expect(ofKind(noisy.ledger.entries, 'receipt').filter((e) => e.duplicate).length).toBe(40);
    expect(noisy.judgement.verdict.counts).toEqual(plain.judgement.verdict.counts);
    expect(noisy.judgement.verdict.total).toBe(40);
  });

  it("a case system that dedupes by 'seen' ids hides a lost first copy; by 'stored' it recovers it", () => {
    const world = (dedupeBy: 'seen' | 'stored') => runSmallWorld({
      receiver: { caseSystem: { ackPolicy: 'before-commit', dedupeBy }, controls: { reconciliationIntervalMs: DAY_MS } },
      faults: [{ kind: 'db-outage', fromMs: 0, toMs: 2 * HOUR_MS }],
    });
    const seen = world('seen');
    expect(ofKind(seen.ledger.entries, 'duplicate-delivery').map((e) => e.action)).toContain('ignored-seen');
    expect(fatesOf(seen)).toEqual(['lost-detected-late']);
    expect(fatesOf(world('stored'))).toEqual(['recovered']);
  });
});

describe('crashes', () => {
  it('crash after a premature ack loses the write; after a commit it only loses the receipt', () => {
    const crash = [{ kind: 'crash-after-ack' as const, fromMs: 0, toMs: DAY_MS, probabilityPct: 100, downMs: 10 * MINUTE_MS }];
    const early = runSmallWorld({ receiver: { caseSystem: { ackPolicy: 'before-commit' } }, faults: crash });
    expect(storyOf(early.ledger.entries, 0)).not.toContain('write');
    expect(fatesOf(early)).toEqual(['lost-silent']);
    const late = runSmallWorld({ faults: crash });
    expect(ofKind(late.ledger.entries, 'receipt-sent')).toHaveLength(0);
    expect(ofKind(late.ledger.entries, 'fallback').map((e) => e.outcome)).toEqual(['printed']);
    expect(fatesOf(late)).toEqual(['stored']); // stored and printed: a duplicate letter, not a loss
  });

  it('a crash while a write is pending rolls it back; the portal redelivers and it is stored', () => {
    const r = runSmallWorld({
      portal: { maxDeliveries: 5 },
      faults: [{ kind: 'db-slow-commit', fromMs: 0, toMs: HOUR_MS + MINUTE_MS, delayMs: 10_000 }, { kind: 'case-system-crash', atMs: HOUR_MS + 5_000, downMs: 2 * MINUTE_MS }],
    });
    expect(ofKind(r.ledger.entries, 'crash')[0]?.abortedWrites).toBe(1);
    expect(ofKind(r.ledger.entries, 'restart')).toHaveLength(1);
    expect(fatesOf(r)).toEqual(['stored']);
  });
});
