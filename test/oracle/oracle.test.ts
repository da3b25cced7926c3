// The oracle judges from the ledger alone, never before a message's window has closed.

import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import { judgeLedger, Oracle } from '../../harness/oracle/oracle.js';
import { defaultChecks } from '../../harness/oracle/checks.js';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import { runSmallWorld, fatesOf } from '../support/small-world.js';

const send = (msg: number, t = 0): LedgerEntry => ({ t, kind: 'send', msg, receiver: 0, sender: 'public' });

describe('oracle', () => {
  it('says in-flight, and verdict unknown, when the horizon ends before the retention window closes', () => {
    const flaw = { receiver: { caseSystem: { ackPolicy: 'before-commit' as const } }, faults: [{ kind: 'db-outage' as const, fromMs: 0, toMs: DAY_MS }] };
    const early = runSmallWorld({ ...flaw, horizonMs: 10 * DAY_MS });
    expect(fatesOf(early)).toEqual(['in-flight']);
    expect(early.judgement.verdict.valid).toBe('unknown');
    expect(early.judgement.verdict.checks.horizon?.valid).toBe('unknown');
    const full = runSmallWorld(flaw);
    expect(full.horizonMs).toBeGreaterThanOrEqual(full.requiredHorizonMs);
    expect(fatesOf(full)).toEqual(['lost-silent']);
  });

  it('judges "stored" from the database commit, never from the receipt', () => {
    const entries: LedgerEntry[] = [
      send(0), { t: 1, kind: 'receipt', msg: 0, receipt: 'mottatt', duplicate: false },
      send(1), { t: 2, kind: 'commit', msg: 1, receiver: 0, duplicate: false },
      { t: 14 * DAY_MS, kind: 'purge', msg: 0 }, { t: 14 * DAY_MS, kind: 'purge', msg: 1 },
    ];
    const { messages } = judgeLedger(entries, 20 * DAY_MS);
    expect(messages.map((m) => m.fate)).toEqual(['lost-silent', 'stored']);
  });

  it('tells recovered (detected while held, then stored) from lost-detected-late (detected after purge)', () => {
    const entries: LedgerEntry[] = [
      send(0), { t: 5, kind: 'discard', msg: 0, reason: 'x' },
      { t: DAY_MS, kind: 'detect', msg: 0, by: 'reconciliation', portalHolds: true },
      { t: DAY_MS + 10, kind: 'commit', msg: 0, receiver: 0, duplicate: false },
      send(1), { t: 5, kind: 'discard', msg: 1, reason: 'x' }, { t: 14 * DAY_MS, kind: 'purge', msg: 1 },
      { t: 20 * DAY_MS, kind: 'detect', msg: 1, by: 'reporter', portalHolds: false },
    ];
    const { messages, verdict } = judgeLedger(entries, 30 * DAY_MS);
    expect(messages.map((m) => m.fate)).toEqual(['recovered', 'lost-detected-late']);
    expect(messages.map((m) => m.timeToDetectionMs)).toEqual([DAY_MS - 5, 20 * DAY_MS - 5]);
    expect(verdict.timeToDetection?.count).toBe(2);
    expect(verdict.valid).toBe(false);
    expect(verdict.checks.promise?.offenders).toEqual([1]);
  });

  it('flags a message stored twice', () => {
    const entries: LedgerEntry[] = [send(0), { t: 1, kind: 'commit', msg: 0, receiver: 0, duplicate: false }, { t: 2, kind: 'commit', msg: 0, receiver: 0, duplicate: false }];
    expect(judgeLedger(entries, 1).verdict.checks.duplicates?.valid).toBe(false);
  });

  it('turns a throwing check into unknown, never a crash or a pass', () => {
    const oracle = new Oracle({ ...defaultChecks, broken: () => { throw new Error('boom'); } });
    oracle.observe(send(0));
    oracle.observe({ t: 1, kind: 'commit', msg: 0, receiver: 0, duplicate: false });
    const { verdict } = oracle.judge(HOUR_MS, 0);
    expect(verdict.checks.broken).toEqual({ valid: 'unknown', summary: 'check threw: boom' });
    expect(verdict.valid).toBe('unknown');
  });
});
