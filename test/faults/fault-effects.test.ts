// Each fault in the plan, applied by the runtime, has the effect the incidents describe — and heals.

import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../harness/runtime/time.js';
import { faultKinds } from '../../harness/faults/fault-spec.js';
import { FaultState } from '../../harness/faults/fault-state.js';
import { faultEffects } from '../../harness/faults/catalogue.js';
import { lastFaultMs } from '../../harness/faults/schedule-faults.js';
import { runSmallWorld, fatesOf, storyOf, ofKind } from '../support/small-world.js';

const window = (toMs = DAY_MS) => ({ fromMs: 0, toMs });

describe('fault plan', () => {
  it('writes every window start and heal, and every event, into the ledger', () => {
    const r = runSmallWorld({ faults: [
      { kind: 'db-overload', fromMs: HOUR_MS, toMs: 2 * HOUR_MS, slowdownFactor: 2, repeatEveryMs: DAY_MS, repeatUntilMs: 3 * DAY_MS },
      { kind: 'early-purge', atMs: 5 * DAY_MS },
    ] });
    const faults = ofKind(r.ledger.entries, 'fault');
    expect(faults.map((e) => `${e.fault}:${e.phase}@${e.t / HOUR_MS}h`)).toEqual([
      'db-overload:start@1h', 'db-overload:heal@2h', 'db-overload:start@25h', 'db-overload:heal@26h',
      'db-overload:start@49h', 'db-overload:heal@50h', 'early-purge:event@120h',
    ]);
  });

  it('a repeating window reopens only before repeatUntilMs, and the quiet phase waits for its last heal', () => {
    const spike = { kind: 'db-overload' as const, fromMs: HOUR_MS, toMs: 2 * HOUR_MS, slowdownFactor: 2, repeatEveryMs: DAY_MS, repeatUntilMs: 2 * DAY_MS + HOUR_MS };
    const faults = ofKind(runSmallWorld({ faults: [spike] }).ledger.entries, 'fault');
    // "until this instant": a window that would start exactly at repeatUntilMs (49 h) does not open.
    expect(faults.map((e) => `${e.phase}@${e.t / HOUR_MS}h`)).toEqual(['start@1h', 'heal@2h', 'start@25h', 'heal@26h']);
    const daily = { ...spike, toMs: 4 * HOUR_MS, repeatUntilMs: 5 * DAY_MS };
    const lastHeal = Math.max(...ofKind(runSmallWorld({ faults: [daily] }).ledger.entries, 'fault').filter((e) => e.phase === 'heal').map((e) => e.t));
    expect(lastHeal).toBe(4 * DAY_MS + 4 * HOUR_MS);
    expect(lastFaultMs([daily])).toBeGreaterThanOrEqual(lastHeal);
  });

  it('has a test below for every fault kind', () => {
    // Keep this list in step with the describe blocks below: a new kind needs its own effect test.
    expect([...faultKinds].sort()).toEqual([
      'backup-spike', 'case-system-crash', 'case-system-outage', 'crash-after-ack', 'db-log-full', 'db-outage',
      'db-overload', 'db-session-kill', 'db-slow-commit', 'early-purge', 'fallback-channel-down', 'fallback-disabled',
      'notification-flood', 'premature-ack', 'receipt-duplicated', 'receipt-late', 'receipt-lost',
      'recipient-role-missing', 'wrong-route',
    ]);
  });

  it('rejects a bad fault with the field, the value and what was expected', () => {
    expect(() => runSmallWorld({ faults: [{ kind: 'db-outgae' as 'db-outage', fromMs: 0, toMs: 1 }] }))
      .toThrow(/E_FAULT_FIELD: faults\[0\]\.kind is "db-outgae" — expected one of .*\nHint: did you mean "db-outage"\?/);
    expect(() => runSmallWorld({ faults: [{ kind: 'receipt-lost', fromMs: 0, toMs: 1, probabilityPct: 120 }] }))
      .toThrow(/faults\[0\]\.probabilityPct is 120 — expected a percentage from 0 to 100/);
    expect(() => runSmallWorld({ faults: [{ kind: 'db-outage', fromMs: 0 }] })).toThrow(/faults\[0\]\.toMs is undefined — expected an end time/);
    expect(() => runSmallWorld({ faults: [{ kind: 'db-outage', fromMs: 0, toMs: 1, targets: ['kommnue'] }] }))
      .toThrow(/faults\[0\]\.targets\[0\] is "kommnue" — expected a receiver id \(kommune\)\nHint: did you mean "kommune"\?/);
    expect(() => runSmallWorld({ faults: [{ kind: 'case-system-crash' }] })).toThrow(/faults\[0\]\.atMs is undefined/);
  });

  it('has no worst-case defaults: a fault without the parameter that sets its severity is refused, naming it', () => {
    // fault-spec.ts: a missing parameter means "no effect", so a bare fault would silently test nothing.
    expect(() => runSmallWorld({ faults: [{ kind: 'receipt-lost', ...window() }] }))
      .toThrow(/E_FAULT_FIELD: faults\[0\]\.probabilityPct is undefined — expected a value: "receipt-lost" needs probabilityPct, or it has no effect/);
    expect(() => runSmallWorld({ faults: [{ kind: 'db-overload', ...window() }] }))
      .toThrow(/faults\[0\]\.slowdownFactor is undefined — expected a value: "db-overload" needs slowdownFactor, or offlineWorkersPct/);
    expect(() => runSmallWorld({ faults: [{ kind: 'receipt-late', ...window(), probabilityPct: 100 }] })).toThrow(/faults\[0\]\.delayMs is undefined/);
    expect(() => runSmallWorld({ faults: [{ kind: 'case-system-crash', atMs: 0 }] })).toThrow(/faults\[0\]\.downMs is undefined/);
    // One parameter of a kind that has two is that parameter alone: the other has no effect.
    const onlyWorkers = runSmallWorld({ receiver: { caseSystem: { ackPolicy: 'before-commit' } }, faults: [{ kind: 'db-overload', ...window(), offlineWorkersPct: 50 }] });
    expect(fatesOf(onlyWorkers)).toEqual(['stored']);
  });

  it('heals exactly: overlapping windows leave the longest value of the windows still open, then none', () => {
    const state = new FaultState();
    const short = { kind: 'receipt-late', fromMs: 0, toMs: 1, probabilityPct: 50, delayMs: HOUR_MS } as const;
    const long = { kind: 'receipt-late', fromMs: 0, toMs: 1, probabilityPct: 50, delayMs: DAY_MS } as const;
    faultEffects['receipt-late'](state, short, 1);
    faultEffects['receipt-late'](state, long, 1);
    expect(state.receiptLateDelayMs).toBe(DAY_MS);
    faultEffects['receipt-late'](state, long, -1);
    expect(state.receiptLateDelayMs).toBe(HOUR_MS);
    faultEffects['receipt-late'](state, short, -1);
    expect([state.receiptLateDelayMs, state.receiptLatePct]).toEqual([0, 0]);

    const crashA = { kind: 'crash-after-ack', fromMs: 0, toMs: 1, probabilityPct: 10, downMs: 7 * MINUTE_MS } as const;
    const crashB = { kind: 'crash-after-ack', fromMs: 0, toMs: 1, probabilityPct: 10, downMs: HOUR_MS } as const;
    faultEffects['crash-after-ack'](state, crashA, 1);
    faultEffects['crash-after-ack'](state, crashB, 1);
    faultEffects['crash-after-ack'](state, crashB, -1);
    expect(state.crashDownMs).toBe(7 * MINUTE_MS);
    faultEffects['crash-after-ack'](state, crashA, -1);
    expect([state.crashDownMs, state.crashAfterAckPct]).toEqual([0, 0]);
  });
});

describe('storage faults', () => {
  it.each([['db-overload'], ['backup-spike']] as const)('%s makes writes time out and before-commit lose reports', (kind) => {
    // The other load takes every worker, so the write waits in the queue until the client gives up.
    const r = runSmallWorld({ receiver: { caseSystem: { ackPolicy: 'before-commit' } }, faults: [{ kind, ...window(), slowdownFactor: 2000, offlineWorkersPct: 100 }] });
    expect(ofKind(r.ledger.entries, 'write-result')[0]?.error).toBe('ETIMEOUT');
    expect(fatesOf(r)).toEqual(['lost-silent']);
  });

  it('db-outage answers ESOCKET; db-log-full 9002', () => {
    for (const [kind, error] of [['db-outage', 'ESOCKET'], ['db-log-full', 'EREQUEST 9002']] as const) {
      const r = runSmallWorld({ receiver: { caseSystem: { ackPolicy: 'retry-then-fail', retries: 1 } }, faults: [{ kind, ...window() }] });
      expect(ofKind(r.ledger.entries, 'write-result').map((e) => e.error)).toEqual([error, error]);
      expect(fatesOf(r)).toEqual(['fallback']);
    }
  });

  it('db-slow-commit delays each commit by delayMs', () => {
    const r = runSmallWorld({ faults: [{ kind: 'db-slow-commit', ...window(), delayMs: 5_000 }] });
    expect(ofKind(r.ledger.entries, 'write-result')[0]?.latencyMs).toBeGreaterThanOrEqual(5_000);
    expect(fatesOf(r)).toEqual(['stored']);
  });

  it('db-session-kill rolls back the write in flight (ESOCKET); after-commit asks again and stores it', () => {
    const slow = { database: { serviceTimeMeanMs: HOUR_MS, requestTimeoutMs: DAY_MS } };
    const kill = [{ kind: 'db-session-kill' as const, atMs: HOUR_MS + 10 * MINUTE_MS }];
    const flawed = runSmallWorld({ receiver: { ...slow, caseSystem: { ackPolicy: 'before-commit' } }, faults: kill });
    expect(ofKind(flawed.ledger.entries, 'write-result')[0]?.error).toBe('ESOCKET');
    expect(fatesOf(flawed)).toEqual(['lost-silent']);
    const fixed = runSmallWorld({ receiver: { ...slow, caseSystem: { ackPolicy: 'after-commit' } }, portal: { deliveryTimeoutMs: DAY_MS }, faults: kill });
    expect(ofKind(fixed.ledger.entries, 'write-result').map((e) => e.error ?? 'ok')).toEqual(['ESOCKET', 'ok']);
    expect(fatesOf(fixed)).toEqual(['stored']);
  });

  it('heals: the same write after the window succeeds', () => {
    const r = runSmallWorld({ receiver: { caseSystem: { ackPolicy: 'before-commit' } }, sendAtMs: [HOUR_MS, 3 * HOUR_MS], faults: [{ kind: 'db-outage', fromMs: 0, toMs: 2 * HOUR_MS }] });
    expect(fatesOf(r)).toEqual(['lost-silent', 'stored']);
  });
});

describe('case-system faults', () => {
  it('premature-ack turns an after-commit case system into the 2023 flaw for the window', () => {
    const r = runSmallWorld({ faults: [{ kind: 'premature-ack', ...window() }, { kind: 'db-outage', ...window() }] });
    expect(storyOf(r.ledger.entries, 0)).toContain('discard');
    expect(fatesOf(r)).toEqual(['lost-silent']);
  });

  it('case-system-outage and case-system-crash leave deliveries unanswered', () => {
    const r = runSmallWorld({ faults: [{ kind: 'case-system-crash', atMs: HOUR_MS - 1, downMs: 3 * MINUTE_MS }] });
    expect(ofKind(r.ledger.entries, 'transport').map((e) => e.response)).toEqual(['timeout', 'ack']);
    expect(fatesOf(r)).toEqual(['stored']);
  });

  // crash-after-ack and case-system-crash mid-write: test/simulators/portal-and-case-system.test.ts › crashes
  it('crash-after-ack takes the process down for downMs', () => {
    const r = runSmallWorld({ faults: [{ kind: 'crash-after-ack', ...window(), probabilityPct: 100, downMs: 7 * MINUTE_MS }] });
    const [crash] = ofKind(r.ledger.entries, 'crash');
    const [restart] = ofKind(r.ledger.entries, 'restart');
    expect((restart?.t ?? 0) - (crash?.t ?? 0)).toBe(7 * MINUTE_MS);
  });
});

describe('receipt faults', () => {
  it('receipt-lost: the portal never hears mottatt and prints at the deadline', () => {
    const r = runSmallWorld({ receiver: { caseSystem: { ackPolicy: 'before-commit' } }, faults: [{ kind: 'receipt-lost', ...window(), probabilityPct: 100 }, { kind: 'db-outage', ...window() }] });
    expect(ofKind(r.ledger.entries, 'receipt-fault').map((e) => e.fault)).toEqual(['lost']);
    expect(fatesOf(r)).toEqual(['fallback']); // a lost receipt, ironically, saves a before-commit loss
  });

  it('receipt-late past the deadline: printed at the deadline, then a late mottatt', () => {
    const r = runSmallWorld({ faults: [{ kind: 'receipt-late', ...window(), probabilityPct: 100, delayMs: 3 * DAY_MS }] });
    const receipts = ofKind(r.ledger.entries, 'receipt');
    const printed = ofKind(r.ledger.entries, 'fallback')[0];
    expect(printed?.outcome).toBe('printed');
    expect(receipts[0]?.t).toBeGreaterThan(printed?.t ?? Infinity);
    expect(fatesOf(r)).toEqual(['stored']);
  });

  it('receipt-duplicated: the portal marks the second receipt duplicate', () => {
    const r = runSmallWorld({ faults: [{ kind: 'receipt-duplicated', ...window(), probabilityPct: 100 }] });
    expect(ofKind(r.ledger.entries, 'receipt').map((e) => e.duplicate)).toEqual([false, true]);
  });
});

describe('routing and fallback faults', () => {
  it('wrong-route: receipted by a channel nobody watches — lost silently, recovered by reconciliation', () => {
    const fault = [{ kind: 'wrong-route' as const, ...window(), probabilityPct: 100 }];
    const silent = runSmallWorld({ faults: fault });
    expect(ofKind(silent.ledger.entries, 'deliver')[0]?.route).toBe('wrong');
    expect(fatesOf(silent)).toEqual(['lost-silent']);
    const reconciled = runSmallWorld({ faults: fault, receiver: { controls: { reconciliationIntervalMs: DAY_MS } } });
    expect(ofKind(reconciled.ledger.entries, 'deliver').map((e) => e.route)).toEqual(['wrong', 'correct']);
    expect(fatesOf(reconciled)).toEqual(['recovered']);
  });

  it('fallback-disabled: a failed delivery is not printed and is lost', () => {
    const r = runSmallWorld({ faults: [{ kind: 'fallback-disabled', ...window(3 * DAY_MS) }, { kind: 'case-system-outage', ...window(3 * DAY_MS) }] });
    expect(ofKind(r.ledger.entries, 'fallback').map((e) => e.outcome)).toEqual(['suppressed']);
    expect(fatesOf(r)).toEqual(['lost-silent']);
  });

  it('fallback-channel-down: the portal retries printing until the channel is back', () => {
    const r = runSmallWorld({ portal: { fallbackRetryMs: HOUR_MS }, faults: [{ kind: 'case-system-outage', ...window() }, { kind: 'fallback-channel-down', fromMs: 0, toMs: HOUR_MS + 2 * HOUR_MS }] });
    expect(ofKind(r.ledger.entries, 'fallback').map((e) => e.outcome)).toEqual(['channel-down', 'channel-down', 'printed']);
    expect(fatesOf(r)).toEqual(['fallback']);
  });

  it('early-purge with fallback-channel-down: a failed report waiting for the print channel is deleted unprinted, and no print follows the purge', () => {
    const r = runSmallWorld({ portal: { fallbackRetryMs: HOUR_MS }, faults: [
      { kind: 'case-system-outage', ...window() }, { kind: 'fallback-channel-down', ...window(3 * DAY_MS) }, { kind: 'early-purge', atMs: 6 * HOUR_MS },
    ] });
    const outcomes = ofKind(r.ledger.entries, 'fallback').map((e) => e.outcome);
    expect(outcomes.length).toBeGreaterThan(1);
    expect(outcomes.every((o) => o === 'channel-down')).toBe(true);
    expect(ofKind(r.ledger.entries, 'purge').map((e) => e.t)).toEqual([6 * HOUR_MS]);
    expect(fatesOf(r)).toEqual(['lost-silent']);
  });

  it('early-purge: an operator purge deletes receipted reports before reconciliation can recover them', () => {
    const base = { receiver: { caseSystem: { ackPolicy: 'before-commit' as const }, controls: { reconciliationIntervalMs: DAY_MS } } };
    const faults = [{ kind: 'db-outage' as const, ...window(2 * HOUR_MS) }];
    expect(fatesOf(runSmallWorld({ ...base, faults }))).toEqual(['recovered']);
    expect(fatesOf(runSmallWorld({ ...base, faults: [...faults, { kind: 'early-purge', atMs: 3 * HOUR_MS }] }))).toEqual(['lost-detected-late']);
  });
});

describe('recipient faults (inbox route)', () => {
  const inbox = (digitalOnly: boolean) => ({ route: 'inbox' as const, digitalOnly });

  it('recipient-role-missing: nobody is notified or opens it; digital only ⇒ lost, print ⇒ fallback', () => {
    const fault = [{ kind: 'recipient-role-missing' as const, ...window() }];
    const digital = runSmallWorld({ receiver: inbox(true), faults: fault });
    expect(ofKind(digital.ledger.entries, 'inbox').map((e) => e.roleAssigned)).toEqual([false]);
    expect(ofKind(digital.ledger.entries, 'notify')).toHaveLength(0);
    expect(fatesOf(digital)).toEqual(['lost-silent']);
    expect(fatesOf(runSmallWorld({ receiver: inbox(false), faults: fault }))).toEqual(['fallback']);
  });

  it('notification-flood: fewer notices are noticed and fewer messages opened', () => {
    const sendAtMs = Array.from({ length: 200 }, (_, i) => HOUR_MS + i * MINUTE_MS);
    const noticed = (faults: { kind: 'notification-flood'; fromMs: number; toMs: number; notificationsPerDay: number }[]) => {
      const r = runSmallWorld({ receiver: inbox(true), sendAtMs, faults });
      return ofKind(r.ledger.entries, 'notify').filter((e) => e.noticed).length;
    };
    const calm = noticed([]);
    const flooded = noticed([{ kind: 'notification-flood', ...window(), notificationsPerDay: 380 }]);
    expect(calm).toBe(200); // 5 a day against an attention of 20: every notice is seen
    expect(flooded).toBeGreaterThan(0);
    expect(flooded).toBeLessThan(calm / 5); // 20 of 385 a day are attended to: about 5 %
  });
});
