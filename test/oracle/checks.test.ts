// The verdict merge, the detection and fallback distributions, and the two fates whose boundaries are
// easiest to get wrong: restored after a late detection, and detected in time but never restored.

import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../harness/runtime/time.js';
import { Oracle, judgeLedger } from '../../harness/oracle/oracle.js';
import { runChecks, type Check } from '../../harness/oracle/checks.js';
import type { LedgerEntry } from '../../harness/ledger/entries.js';

const send = (msg: number, t = 0): LedgerEntry => ({ t, kind: 'send', msg, receiver: 0, sender: 'public' });
const fixed = (valid: true | false | 'unknown'): Check => () => ({ valid, summary: String(valid) });
const input = { fates: [], idsWithFate: () => [], facts: new Map(), counts: { stored: 0, fallback: 0, recovered: 0, 'resent-by-reporter': 0, 'lost-detected-late': 0, 'lost-silent': 0, 'in-flight': 0 }, horizonMs: 0, requiredHorizonMs: 0 };

describe('verdict merge', () => {
  it.each([
    [[true, true], true],
    [[true, 'unknown'], 'unknown'],
    [['unknown', true], 'unknown'],
    [[false, 'unknown'], false],
    [['unknown', false], false],
    [[true, false, true], false],
    [[], true],
  ] as const)('%j merge to %j (false > unknown > true)', (valids, merged) => {
    const checks = Object.fromEntries(valids.map((v, i) => [`c${i}`, fixed(v)]));
    const { valid, results } = runChecks(checks, input);
    expect(valid).toBe(merged);
    expect(Object.values(results).map((r) => r.valid)).toEqual(valids);
  });

  it('a throwing check that throws a non-Error is unknown with its value in the summary', () => {
    const throwsText: Check = () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a vendor's check may throw anything
      throw 'disk full';
    };
    const { valid, results } = runChecks({ a: fixed(true), b: throwsText }, input);
    expect(valid).toBe('unknown');
    expect(results.b).toEqual({ valid: 'unknown', summary: 'check threw: disk full' });
  });
});

describe('the built-in checks', () => {
  it('the horizon check is unknown, naming the hours missing, until the last window has closed', () => {
    const oracle = new Oracle();
    oracle.observe(send(0));
    oracle.observe({ t: 1, kind: 'commit', msg: 0, receiver: 0, duplicate: false });
    expect(oracle.judge(10 * DAY_MS, 10 * DAY_MS + 5 * 3_600_000 - 1).verdict.checks.horizon).toEqual({ valid: 'unknown', summary: 'the horizon ends 5 h before the last retention window closes', data: { shortByHours: 5 } });
    expect(oracle.judge(10 * DAY_MS, 10 * DAY_MS).verdict.checks.horizon?.valid).toBe(true);
  });

  it('in flight and nothing lost is unknown; one loss beside it is false', () => {
    const pending = judgeLedger([send(0)], DAY_MS);
    expect(pending.verdict.checks.promise).toEqual({ valid: 'unknown', summary: 'no loss yet, but 1 message(s) still in flight at the horizon', data: { inFlight: 1 } });
    const lost = judgeLedger([send(0), send(1), { t: 14 * DAY_MS, kind: 'purge', msg: 1 }], 20 * DAY_MS);
    expect(lost.verdict.valid).toBe(false);
    expect(lost.verdict.checks.promise?.offenders).toEqual([1]);
  });

  it('a safe run says so, and counts each message once', () => {
    const { verdict } = judgeLedger([send(0), { t: 2, kind: 'commit', msg: 0, receiver: 0, duplicate: false }, { t: 14 * DAY_MS, kind: 'purge', msg: 0 }], 20 * DAY_MS);
    expect(verdict.checks.promise).toEqual({ valid: true, summary: 'every message stored, printed, or recovered inside the retention window' });
    expect(verdict.checks.duplicates).toEqual({ valid: true, summary: 'no message stored twice' });
    expect(verdict.total).toBe(1);
    expect(verdict.valid).toBe(true);
  });

  it('offenders are a sample of at most 20 ids', () => {
    const entries: LedgerEntry[] = [];
    for (let msg = 0; msg < 25; msg++) entries.push(send(msg), { t: 1, kind: 'commit', msg, receiver: 0, duplicate: false }, { t: 2, kind: 'commit', msg, receiver: 0, duplicate: false }, { t: 14 * DAY_MS, kind: 'purge', msg });
    for (let msg = 25; msg < 50; msg++) entries.push(send(msg), { t: 14 * DAY_MS, kind: 'purge', msg });
    const { verdict } = judgeLedger(entries, 20 * DAY_MS);
    expect(verdict.checks.duplicates?.summary).toBe('25 message(s) stored more than once');
    expect(verdict.checks.duplicates?.offenders).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(verdict.checks.promise?.offenders).toEqual(Array.from({ length: 20 }, (_, i) => 25 + i));
  });
});

describe('distributions', () => {
  it('time to detection: count, min, median, p95 and max over 20 detections', () => {
    const entries: LedgerEntry[] = [];
    // Detection delays 1 … 20 h, sent in shuffled order so the distribution must sort them.
    const delays = [7, 3, 20, 1, 15, 9, 12, 5, 18, 2, 11, 4, 19, 6, 13, 8, 17, 10, 14, 16];
    delays.forEach((h, msg) => {
      entries.push(send(msg), { t: 10, kind: 'discard', msg, reason: 'x' }, { t: 10 + h * 3_600_000, kind: 'detect', msg, by: 'reconciliation', portalHolds: true }, { t: 11 + h * 3_600_000, kind: 'commit', msg, receiver: 0, duplicate: false });
    });
    const { verdict, messages } = judgeLedger(entries.sort((a, b) => a.t - b.t), 30 * DAY_MS);
    expect(messages.every((m) => m.fate === 'recovered')).toBe(true);
    const h = 3_600_000;
    expect(verdict.timeToDetection).toEqual({ count: 20, minMs: h, medianMs: 11 * h, p95Ms: 20 * h, maxMs: 20 * h });
    expect(verdict.timeToFallback).toBeUndefined();
  });

  it('percentiles take the value at floor(q × n): over 7 detections the median is the 4th and p95 the 7th', () => {
    // 20 values put q × n on whole numbers (10, 19), where floor and ceil agree; 7 values do not.
    const entries: LedgerEntry[] = [];
    [5, 1, 7, 3, 6, 2, 4].forEach((h, msg) => {
      entries.push(send(msg), { t: 10, kind: 'discard', msg, reason: 'x' }, { t: 10 + h * 3_600_000, kind: 'detect', msg, by: 'alert', portalHolds: true }, { t: 11 + h * 3_600_000, kind: 'commit', msg, receiver: 0, duplicate: false });
    });
    const h = 3_600_000;
    expect(judgeLedger(entries.sort((a, b) => a.t - b.t), 30 * DAY_MS).verdict.timeToDetection).toEqual({ count: 7, minMs: h, medianMs: 4 * h, p95Ms: 7 * h, maxMs: 7 * h });
  });

  it('time to fallback from the send, for printed messages only', () => {
    const entries: LedgerEntry[] = [
      send(0, 100), { t: 100 + 2 * DAY_MS, kind: 'fallback', msg: 0, outcome: 'printed' },
      send(1, 200), { t: 200 + 3 * DAY_MS, kind: 'fallback', msg: 1, outcome: 'printed' },
      send(2, 300), { t: 300 + 3 * DAY_MS, kind: 'fallback', msg: 2, outcome: 'suppressed' },
      { t: 14 * DAY_MS, kind: 'purge', msg: 0 }, { t: 14 * DAY_MS, kind: 'purge', msg: 1 }, { t: 14 * DAY_MS, kind: 'purge', msg: 2 },
    ];
    const { verdict, messages } = judgeLedger(entries, 20 * DAY_MS);
    expect(messages.map((m) => m.fate)).toEqual(['fallback', 'fallback', 'lost-silent']);
    expect(messages.map((m) => m.timeToFallbackMs)).toEqual([2 * DAY_MS, 3 * DAY_MS, undefined]);
    expect(verdict.timeToFallback).toEqual({ count: 2, minMs: 2 * DAY_MS, medianMs: 3 * DAY_MS, p95Ms: 3 * DAY_MS, maxMs: 3 * DAY_MS });
    expect(verdict.timeToDetection).toBeUndefined();
  });
});

describe('fate boundaries', () => {
  it('restored after a detection that came only after the purge is lost-detected-late, not recovered', () => {
    const entries: LedgerEntry[] = [
      send(0), { t: 5, kind: 'discard', msg: 0, reason: 'x' }, { t: 14 * DAY_MS, kind: 'purge', msg: 0 },
      { t: 15 * DAY_MS, kind: 'detect', msg: 0, by: 'reporter', portalHolds: false },
    ];
    expect(judgeLedger(entries, 20 * DAY_MS).messages.map((m) => [m.fate, m.timeToDetectionMs])).toEqual([['lost-detected-late', 15 * DAY_MS - 5]]);
  });

  it('stored after a detection flagged outside the window is lost-detected-late (no in-window detection)', () => {
    const entries: LedgerEntry[] = [
      send(0), { t: 5, kind: 'discard', msg: 0, reason: 'x' },
      { t: DAY_MS, kind: 'detect', msg: 0, by: 'alert', portalHolds: false },
      { t: DAY_MS + 1, kind: 'commit', msg: 0, receiver: 0, duplicate: false },
    ];
    expect(judgeLedger(entries, 20 * DAY_MS).messages.map((m) => m.fate)).toEqual(['lost-detected-late']);
  });

  it('detected in the window, not yet restored: in flight while the portal holds it, late once purged', () => {
    const detected: LedgerEntry[] = [send(0), { t: 5, kind: 'discard', msg: 0, reason: 'x' }, { t: DAY_MS, kind: 'detect', msg: 0, by: 'reconciliation', portalHolds: true }];
    const open = judgeLedger(detected, 2 * DAY_MS);
    expect(open.messages.map((m) => [m.fate, m.timeToDetectionMs])).toEqual([['in-flight', DAY_MS - 5]]);
    expect(open.verdict.valid).toBe('unknown');
    const closed = judgeLedger([...detected, { t: 14 * DAY_MS, kind: 'purge', msg: 0 }], 20 * DAY_MS);
    expect(closed.messages.map((m) => m.fate)).toEqual(['lost-detected-late']);
    // The report words it from this fact: found in time, never restored — not "detected too late".
    expect(closed.messages.map((m) => m.detectedInWindow)).toEqual([true]);
    const afterPurge = judgeLedger([send(0), { t: 5, kind: 'discard', msg: 0, reason: 'x' }, { t: 14 * DAY_MS, kind: 'purge', msg: 0 },
      { t: 15 * DAY_MS, kind: 'detect', msg: 0, by: 'reporter', portalHolds: false }], 20 * DAY_MS);
    expect(afterPurge.messages.map((m) => [m.fate, m.detectedInWindow])).toEqual([['lost-detected-late', false]]);
  });

  it('time to detection counts from the loss, else the first receipt, else the send', () => {
    const entries: LedgerEntry[] = [
      send(0, 100), { t: 150, kind: 'receipt', msg: 0, receipt: 'mottatt', duplicate: false }, { t: 1_150, kind: 'detect', msg: 0, by: 'reconciliation', portalHolds: true },
      send(1, 100), { t: 2_100, kind: 'detect', msg: 1, by: 'reconciliation', portalHolds: true },
      send(2, 100), { t: 90, kind: 'discard', msg: 2, reason: 'x' }, { t: 50, kind: 'detect', msg: 2, by: 'alert', portalHolds: true },
    ];
    expect(judgeLedger(entries, DAY_MS).messages.map((m) => m.timeToDetectionMs)).toEqual([1_000, 2_000, 0]);
  });
});
