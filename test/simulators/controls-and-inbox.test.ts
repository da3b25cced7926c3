// Municipal controls catch what the chain hides; the inbox needs its role to be seen at all.

import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../harness/runtime/time.js';
import { runSmallWorld, fatesOf, ofKind } from '../support/small-world.js';

const flaw = { caseSystem: { ackPolicy: 'before-commit' as const } };
const outage = [{ kind: 'db-outage' as const, fromMs: 0, toMs: 2 * HOUR_MS }];

describe('reconciliation', () => {
  it.each(['push', 'poll'] as const)('finds a receipted-but-missing report and re-delivers it (%s)', (style) => {
    const r = runSmallWorld({ receiver: { ...flaw, style, controls: { reconciliationIntervalMs: DAY_MS } }, faults: outage });
    const [detect] = ofKind(r.ledger.entries, 'detect');
    expect(detect).toMatchObject({ by: 'reconciliation', portalHolds: true, t: DAY_MS });
    expect(ofKind(r.ledger.entries, 'redeliver').map((e) => e.accepted)).toEqual([true]);
    expect(fatesOf(r)).toEqual(['recovered']);
    expect(ofKind(r.ledger.entries, 'reconcile').length).toBeGreaterThan(10);
  });

  it('comes too late when its interval is longer than the retention window', () => {
    const r = runSmallWorld({ portal: { retentionDays: 14 }, receiver: { ...flaw, controls: { reconciliationIntervalMs: 21 * DAY_MS } }, faults: outage });
    expect(ofKind(r.ledger.entries, 'detect')[0]?.portalHolds).toBe(false);
    expect(fatesOf(r)).toEqual(['lost-detected-late']);
  });

  it('ignores receipts younger than its grace period (a write may still be in flight)', () => {
    const r = runSmallWorld({ sendAtMs: [DAY_MS - 10 * MINUTE_MS], receiver: { ...flaw, controls: { reconciliationIntervalMs: DAY_MS, reconciliationGraceMs: HOUR_MS } }, faults: [{ kind: 'db-outage', fromMs: 0, toMs: 2 * DAY_MS }] });
    expect(ofKind(r.ledger.entries, 'detect')[0]?.t).toBe(2 * DAY_MS);
  });
});

describe('reporter follow-up and alerting', () => {
  it('a public reporter who chases after three weeks finds the loss — too late with 14-day retention', () => {
    const r = runSmallWorld({ receiver: { ...flaw, controls: { publicChasePct: 100, chaseDelayMeanMs: HOUR_MS } }, faults: outage });
    const [detect] = ofKind(r.ledger.entries, 'detect');
    expect(detect).toMatchObject({ by: 'reporter', portalHolds: false });
    expect(detect?.t).toBeGreaterThanOrEqual(HOUR_MS + 21 * DAY_MS);
    expect(fatesOf(r)).toEqual(['lost-detected-late']);
  });

  it('… and in time with 30-day retention', () => {
    const r = runSmallWorld({ portal: { retentionDays: 30 }, receiver: { ...flaw, controls: { publicChasePct: 100, chaseDelayMeanMs: HOUR_MS } }, faults: outage });
    expect(fatesOf(r)).toEqual(['recovered']);
  });

  it('private reporters chase only at their own rate', () => {
    const r = runSmallWorld({ sendAtMs: [HOUR_MS, HOUR_MS + 1], receiver: { ...flaw, controls: { publicChasePct: 100, privateChasePct: 0 } }, faults: outage });
    expect(ofKind(r.ledger.entries, 'detect').map((e) => e.msg)).toEqual([0]); // message 0 is public, 1 private
  });

  it('an alert on the error log turns a dropped write into a recovery', () => {
    const r = runSmallWorld({ receiver: { ...flaw, controls: { alertDelayMs: 4 * HOUR_MS } }, faults: outage });
    expect(ofKind(r.ledger.entries, 'detect')[0]?.by).toBe('alert');
    expect(fatesOf(r)).toEqual(['recovered']);
  });
});

describe('inbox (Altinn confidential mail)', () => {
  it('with the role assigned, a noticed message is opened — the read receipt stops the print', () => {
    const r = runSmallWorld({ receiver: { route: 'inbox' } });
    expect(ofKind(r.ledger.entries, 'open')).toHaveLength(1);
    expect(ofKind(r.ledger.entries, 'fallback')).toHaveLength(0);
    expect(fatesOf(r)).toEqual(['stored']);
  });

  it('without the role: printed after the unopened deadline, or lost when the sender chose digital only', () => {
    expect(fatesOf(runSmallWorld({ receiver: { route: 'inbox', inbox: { roleAssigned: false } } }))).toEqual(['fallback']);
    expect(fatesOf(runSmallWorld({ receiver: { route: 'inbox', digitalOnly: true, inbox: { roleAssigned: false } } }))).toEqual(['lost-silent']);
  });
});

describe('configuration errors', () => {
  it('names the field and what was expected', () => {
    expect(() => runSmallWorld({ receiver: { caseSystem: { ackPolicy: 'before' as 'before-commit' } } }))
      .toThrow(/E_CONFIG_FIELD: receivers\[0\]\.caseSystem\.ackPolicy is "before" — expected one of after-commit, before-commit, retry-then-fail/);
    expect(() => runSmallWorld({ portal: { retentionDays: -1 } })).toThrow(/portal\.retentionDays is -1 — expected a finite number ≥ 0/);
    expect(() => runSmallWorld({ receiver: { database: { workers: 0 } } })).toThrow(/receivers\[0\]\.database\.workers is 0 — expected a number > 0/);
    expect(() => runSmallWorld({ seed: 1.5 })).toThrow(/seed is 1.5 — expected an integer/);
  });
});
