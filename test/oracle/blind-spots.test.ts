// Hand-made ledgers the shipped simulators cannot produce but live runs and vendors' code can. Each one
// used to fool the oracle; each test failed before its fix. The oracle decides from facts, not flags.

import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import { judgeLedger } from '../../harness/oracle/oracle.js';
import { formatTrace, traceOf } from '../../harness/oracle/trace.js';
import { judgeStored } from '../../harness/live/judge-stored.js';
import { rowsInBody } from '../../harness/live/stored-probe.js';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { Rng } from '../../harness/runtime/rng.js';
import { Ledger } from '../../harness/ledger/ledger.js';
import { FaultState } from '../../harness/faults/fault-state.js';
import { SimulatedDatabase, defaultDatabaseConfig } from '../../simulators/database/database.js';

const send = (msg: number, t = 0, receiver = 0): LedgerEntry => ({ t, kind: 'send', msg, receiver, sender: 'public' });
const purge = (msg: number, t = 14 * DAY_MS): LedgerEntry => ({ t, kind: 'purge', msg });
const commit = (msg: number, t: number, receiver = 0, duplicate = false): LedgerEntry => ({ t, kind: 'commit', msg, receiver, duplicate });
const fateOf = (entries: LedgerEntry[], horizonMs = 30 * DAY_MS) => judgeLedger(entries, horizonMs).messages.map((m) => m.fate);

describe('oracle blind spots', () => {
  it('a stored row without stored_at is placed at the delivery, not at t = 0 before the send (judgeStored)', () => {
    const entries: LedgerEntry[] = [
      send(0, 10 * HOUR_MS), { t: 10 * HOUR_MS + 5, kind: 'deliver', msg: 0, attempt: 1, style: 'push', route: 'correct' },
      { t: 10 * HOUR_MS + 9, kind: 'receipt', msg: 0, receipt: 'mottatt', duplicate: false }, purge(0),
    ];
    const judgement = judgeStored({ entries, rows: [{ msg: 0, storedAtEpochMs: Number.NaN }], virtualAtEpoch: (ms) => ms, receiver: 0, horizonMs: 30 * DAY_MS });
    expect(judgement.messages.map((m) => m.fate)).toEqual(['stored']);
    expect(judgement.verdict.valid).toBe(true);
  });

  it('a print after the purge is no fallback: the portal no longer held the content', () => {
    const entries: LedgerEntry[] = [send(0), purge(0), { t: 15 * DAY_MS, kind: 'fallback', msg: 0, outcome: 'printed' }];
    expect(fateOf(entries)).toEqual(['lost-silent']);
    const inTime: LedgerEntry[] = [send(0), { t: 2 * DAY_MS, kind: 'fallback', msg: 0, outcome: 'printed' }, purge(0)];
    expect(fateOf(inTime)).toEqual(['fallback']);
  });

  it('a detection claiming "portal still holds it" after the purge is outranked by the purge', () => {
    const claim = (t: number): LedgerEntry[] => [
      send(0), { t: 5, kind: 'discard', msg: 0, reason: 'x' }, purge(0),
      { t, kind: 'detect', msg: 0, by: 'reconciliation', portalHolds: true },
      commit(0, t + 1),
    ];
    expect(fateOf(claim(15 * DAY_MS))).toEqual(['lost-detected-late']);
    expect(fateOf(claim(14 * DAY_MS))).toEqual(['lost-detected-late']); // same instant: the purge wins
    // And the report must not call it found in time (the caption reads this flag).
    expect(judgeLedger(claim(15 * DAY_MS), 30 * DAY_MS).messages.map((m) => m.detectedInWindow)).toEqual([false]);
    expect(judgeLedger(claim(14 * DAY_MS), 30 * DAY_MS).messages.map((m) => m.detectedInWindow)).toEqual([false]);
  });

  it('a record written after the purge does not make the message stored', () => {
    expect(fateOf([send(0), purge(0), commit(0, 15 * DAY_MS)])).toEqual(['lost-silent']);
  });

  it('a re-sent id keeps its first copy\'s fate: a later copy cannot erase the first copy\'s loss', () => {
    const entries: LedgerEntry[] = [
      send(0), { t: 1, kind: 'receipt', msg: 0, receipt: 'mottatt', duplicate: false }, purge(0),
      send(0, 20 * DAY_MS), commit(0, 20 * DAY_MS + 10),
    ];
    const { messages, verdict } = judgeLedger(entries, 40 * DAY_MS);
    expect(messages.map((m) => [m.fate, m.sentAtMs])).toEqual([['lost-silent', 0]]);
    expect(verdict.valid).toBe(false);
  });

  it('a commit at another receiver is a wrong-route loss, not stored', () => {
    const entries: LedgerEntry[] = [send(0, 0, 1), commit(0, 10, 0), purge(0)];
    expect(fateOf(entries)).toEqual(['lost-silent']);
    expect(fateOf([send(0, 0, 1), commit(0, 10, 1), purge(0)])).toEqual(['stored']);
  });

  it('two rows read back from a live store are a duplicate, whatever the writer claimed', () => {
    const entries: LedgerEntry[] = [send(0), commit(0, 5, 0, true), purge(0)];
    const judgement = judgeStored({ entries, rows: [{ msg: 0, storedAtEpochMs: 10 }, { msg: 0, storedAtEpochMs: 20 }], virtualAtEpoch: (ms) => ms, receiver: 0, horizonMs: 30 * DAY_MS });
    expect(judgement.verdict.checks.duplicates?.valid).toBe(false);
    expect(judgement.verdict.checks.duplicates?.offenders).toEqual([0]);
  });

  it('an HTTP storage lookup that lists rows counts them; any other 200 body is one row', () => {
    expect(rowsInBody('[{"id":1},{"id":1}]')).toBe(2);
    expect(rowsInBody('  [1]')).toBe(1);
    expect(rowsInBody('{"stored":true}')).toBe(1);
    expect(rowsInBody('[not json')).toBe(1);
    expect(rowsInBody('[]')).toBe(1);
  });

  it('a simulated store without a unique key writes a second row, and the duplicate check fails', () => {
    const judged = (uniqueKey: boolean) => {
      const clock = new Scheduler();
      const ledger = new Ledger();
      const db = new SimulatedDatabase(0, { ...defaultDatabaseConfig, deadlockPctAtFullLoad: 0, uniqueKey }, clock, new Rng(1), ledger, new FaultState());
      ledger.append(send(7));
      db.write(7, () => undefined, undefined);
      clock.runUntil(10_000);
      db.write(7, () => undefined, undefined);
      clock.runUntil(20_000);
      return judgeLedger(ledger.entries, 20_000).verdict.checks.duplicates;
    };
    expect(judged(true)?.valid).toBe(true);
    expect(judged(false)).toEqual({ valid: false, summary: '1 message(s) stored more than once', data: { storedTwice: 1 }, offenders: [7] });
  });

  it('the promise summary says what lost-detected-late means: detected, not restored before the purge', () => {
    // Detected inside the window, but the redelivery never landed: not "detected after the purge".
    const entries: LedgerEntry[] = [
      send(0), { t: 5, kind: 'discard', msg: 0, reason: 'x' },
      { t: DAY_MS, kind: 'detect', msg: 0, by: 'reconciliation', portalHolds: true }, purge(0),
      send(1), purge(1),
    ];
    const { verdict } = judgeLedger(entries, 30 * DAY_MS);
    expect(verdict.counts['lost-detected-late']).toBe(1);
    expect(verdict.counts['lost-silent']).toBe(1);
    expect(verdict.checks.promise?.summary).toBe('2 message(s) lost: 1 silently, 1 detected but not restored before the portal purged them');
  });

  it("the trace of a 'seen'-dedupe loss never says a receipt came after a commit that does not exist", () => {
    const entries: LedgerEntry[] = [
      send(0), { t: 1, kind: 'receipt-sent', msg: 0, receipt: 'mottatt', committed: true },
      send(1), commit(1, 2), { t: 3, kind: 'receipt-sent', msg: 1, receipt: 'mottatt', committed: true },
    ];
    const lines = (msg: number) => formatTrace(traceOf(entries, msg) as NonNullable<ReturnType<typeof traceOf>>).join('\n');
    expect(lines(0)).toContain('BEFORE any commit');
    expect(lines(0)).not.toContain('after the commit');
    expect(lines(1)).toContain('after the commit');
  });
});
