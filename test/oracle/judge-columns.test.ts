// The oracle judges from the fact table's columns (a fate code per message) and builds the MessageFate
// list only when someone reads it. It must judge exactly like the object-per-message judge it replaced:
// the same fates, fields, field order, counts, distributions and offenders.

import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { DAY_MS } from '../../harness/runtime/time.js';
import { Oracle, judgeLedger, type Distribution } from '../../harness/oracle/oracle.js';
import { FateFold, fateOf, fates, type Fate, type MessageFacts, type MessageFate } from '../../harness/oracle/fates.js';
import type { Check } from '../../harness/oracle/checks.js';
import { FactTable, column } from '../../harness/oracle/fact-table.js';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import { propertyParameters } from '../support/property.js';

/** The fate rule as it was, closures over one facts object: the reference. */
function referenceFate(f: MessageFacts): MessageFate {
  const judged = (fate: Fate): MessageFate => ({ msg: f.msg, receiver: f.receiver, sender: f.sender, sentAtMs: f.sentAtMs, fate });
  const detected = (fate: Fate): MessageFate => {
    const m = judged(fate);
    m.timeToDetectionMs = Math.max(0, (f.detectedAtMs as number) - (f.lostAtMs ?? f.firstReceiptAtMs ?? f.sentAtMs));
    return m;
  };
  const held = (t: number | undefined): t is number => t !== undefined && (f.purgedAtMs === undefined || t < f.purgedAtMs);
  const storedAtMs = held(f.storedAtMs) ? f.storedAtMs : undefined;
  const printedAtMs = held(f.printedAtMs) ? f.printedAtMs : undefined;
  const before = (t: number | undefined) => t !== undefined && (f.detectedAtMs === undefined || t <= f.detectedAtMs);
  if (before(storedAtMs)) return judged('stored');
  if (before(printedAtMs)) {
    const m = judged('fallback');
    m.timeToFallbackMs = (printedAtMs as number) - f.sentAtMs;
    return m;
  }
  if (f.resentAtMs !== undefined && (f.detectedAtMs === undefined || f.resentAtMs <= f.detectedAtMs)) return judged('resent-by-reporter');
  if (f.detectedAtMs !== undefined) {
    const inWindow = f.detectedInWindow === true && held(f.detectedAtMs);
    const restored = storedAtMs !== undefined || printedAtMs !== undefined;
    if (restored && inWindow) return detected('recovered');
    if (f.purgedAtMs !== undefined || !inWindow) {
      const m = detected('lost-detected-late');
      m.detectedInWindow = inWindow;
      return m;
    }
    return detected('in-flight');
  }
  if (f.purgedAtMs !== undefined) return judged('lost-silent');
  return judged('in-flight');
}

function referenceDistribution(values: number[]): Distribution | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { count: sorted.length, minMs: sorted[0] as number, medianMs: at(0.5), p95Ms: at(0.95), maxMs: sorted[sorted.length - 1] as number };
}

/** The judgement as the object-per-message judge made it. */
function referenceJudge(entries: readonly LedgerEntry[]) {
  const fold = new FateFold();
  for (const e of entries) fold.observe(e);
  const messages = [...fold.facts.values()].map(referenceFate);
  const counts = Object.fromEntries(fates.map((f) => [f, messages.filter((m) => m.fate === f).length]));
  const lost = messages.filter((m) => m.fate === 'lost-silent' || m.fate === 'lost-detected-late' || m.fate === 'resent-by-reporter');
  return {
    messages, counts, total: messages.length, offenders: lost.slice(0, 20).map((m) => m.msg),
    timeToDetection: referenceDistribution(messages.flatMap((m) => (m.timeToDetectionMs === undefined ? [] : [m.timeToDetectionMs]))),
    timeToFallback: referenceDistribution(messages.flatMap((m) => (m.timeToFallbackMs === undefined ? [] : [m.timeToFallbackMs]))),
  };
}

// Few distinct instants, so stores, prints, detections and purges often fall on the same one.
const t = fc.integer({ min: 0, max: 6 }).map((d) => d * DAY_MS);
// Few ids too, so each message gets a story: a send, then records, prints, detections and a purge.
const ids = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom(40, 1e9));
const entry: fc.Arbitrary<LedgerEntry> = fc.oneof(
  fc.record({ t, kind: fc.constant('send' as const), msg: ids, receiver: fc.integer({ min: 0, max: 1 }), sender: fc.constantFrom('public' as const, 'private' as const) }),
  fc.record({ t, kind: fc.constant('commit' as const), msg: ids, receiver: fc.integer({ min: 0, max: 1 }), duplicate: fc.boolean() }),
  fc.record({ t, kind: fc.constant('open' as const), msg: ids }),
  fc.record({ t, kind: fc.constant('receipt' as const), msg: ids, receipt: fc.constantFrom('mottatt' as const, 'feilet' as const), duplicate: fc.boolean() }),
  fc.record({ t, kind: fc.constant('discard' as const), msg: ids, reason: fc.constant('x') }),
  fc.record({ t, kind: fc.constant('fallback' as const), msg: ids, outcome: fc.constantFrom('printed' as const, 'suppressed' as const) }),
  fc.record({ t, kind: fc.constant('purge' as const), msg: ids }),
  fc.record({ t, kind: fc.constant('detect' as const), msg: ids, by: fc.constantFrom('reconciliation' as const, 'reporter' as const, 'alert' as const), portalHolds: fc.boolean() }),
  fc.record({ t, kind: fc.constant('resend' as const), msg: ids, asMsg: fc.constant(99) }),
);

const send = (msg: number, t = 0): LedgerEntry => ({ t, kind: 'send', msg, receiver: 0, sender: 'public' });
const purge = (msg: number): LedgerEntry => ({ t: 14 * DAY_MS, kind: 'purge', msg });

describe('judging from the columns', () => {
  it('judges like the object-per-message judge: fates, fields in order, counts, distributions, offenders', () => {
    fc.assert(fc.property(fc.array(entry, { minLength: 10, maxLength: 80 }), (entries) => {
      const expected = referenceJudge(entries);
      const { verdict, messages } = judgeLedger(entries, 30 * DAY_MS);
      expect(JSON.stringify(messages)).toBe(JSON.stringify(expected.messages));
      expect(messages).toStrictEqual(expected.messages);
      expect(verdict.counts).toEqual(expected.counts);
      expect(Object.keys(verdict.counts)).toEqual([...fates]);
      expect(verdict.total).toBe(expected.total);
      expect(verdict.timeToDetection).toEqual(expected.timeToDetection);
      expect(verdict.timeToFallback).toEqual(expected.timeToFallback);
      expect(verdict.checks.promise?.offenders ?? []).toEqual(expected.offenders);
      // fateOf (the trace header's judge) agrees message by message.
      const fold = new FateFold();
      for (const e of entries) fold.observe(e);
      expect([...fold.facts.values()].map(fateOf)).toStrictEqual(expected.messages);
    }), propertyParameters(300));
  });

  it('reads the list once and keeps it: the same array on every read', () => {
    const judgement = judgeLedger([send(0), purge(0)], 30 * DAY_MS);
    expect(judgement.messages).toBe(judgement.messages);
    expect(judgement.messages.map((m) => m.fate)).toEqual(['lost-silent']);
  });

  it('a list read after more entries arrived still shows the messages as judged', () => {
    const oracle = new Oracle();
    for (const e of [send(0), send(1), { t: 5, kind: 'discard', msg: 1, reason: 'x' }, { t: DAY_MS, kind: 'detect', msg: 1, by: 'alert', portalHolds: true }] satisfies LedgerEntry[]) oracle.observe(e);
    const judgement = oracle.judge(DAY_MS, DAY_MS);
    oracle.observe({ t: 2 * DAY_MS, kind: 'commit', msg: 0, receiver: 0, duplicate: false });
    oracle.observe({ t: 2 * DAY_MS, kind: 'commit', msg: 1, receiver: 0, duplicate: false });
    oracle.observe(send(2));
    expect(judgement.messages).toStrictEqual([
      { msg: 0, receiver: 0, sender: 'public', sentAtMs: 0, fate: 'in-flight' },
      { msg: 1, receiver: 0, sender: 'public', sentAtMs: 0, fate: 'in-flight', timeToDetectionMs: DAY_MS - 5 },
    ]);
    expect(oracle.judge(3 * DAY_MS, 0).messages.map((m) => m.fate)).toEqual(['stored', 'recovered', 'in-flight']);
  });

  it('a check reads every fate, or a sample of ids by fate in send order (sparse ids too)', () => {
    const entries: LedgerEntry[] = [];
    for (const msg of [100, 7, 3, 50, 8]) entries.push(send(msg));
    entries.push({ t: 1, kind: 'commit', msg: 7, receiver: 0, duplicate: false }, purge(100), purge(3), purge(50), { t: 2, kind: 'commit', msg: 8, receiver: 0, duplicate: false });
    const seen: unknown[] = [];
    const peek: Check = (input) => {
      seen.push(input.fates.map((m) => [m.msg, m.fate]), input.idsWithFate(['lost-silent'], 2), input.idsWithFate(['stored', 'lost-silent'], 9), input.idsWithFate(['fallback'], 9));
      return { valid: true, summary: 'seen' };
    };
    new Oracle({ peek }).judge(30 * DAY_MS, 0);
    const oracle = new Oracle({ peek });
    for (const e of entries) oracle.observe(e);
    oracle.judge(30 * DAY_MS, 0);
    expect(seen).toEqual([[], [], [], [],
      [[100, 'lost-silent'], [7, 'stored'], [3, 'lost-silent'], [50, 'lost-silent'], [8, 'stored']], [100, 3], [100, 7, 3, 50, 8], []]);
  });

  it('a print at the detection instant is the fallback, timed in the list after other fates', () => {
    const entries: LedgerEntry[] = [send(0), { t: 1, kind: 'commit', msg: 0, receiver: 0, duplicate: false }, send(1, 2), { t: 3, kind: 'discard', msg: 1, reason: 'x' },
      { t: 9, kind: 'fallback', msg: 1, outcome: 'printed' }, { t: 9, kind: 'detect', msg: 1, by: 'alert', portalHolds: true }];
    const { verdict, messages } = judgeLedger(entries, 30 * DAY_MS);
    expect(messages).toStrictEqual([
      { msg: 0, receiver: 0, sender: 'public', sentAtMs: 0, fate: 'stored' },
      { msg: 1, receiver: 0, sender: 'public', sentAtMs: 2, fate: 'fallback', timeToFallbackMs: 7 },
    ]);
    expect(verdict.timeToFallback).toEqual({ count: 1, minMs: 7, medianMs: 7, p95Ms: 7, maxMs: 7 });
  });

  it('the promise check names the first 20 lost messages in send order', () => {
    const entries: LedgerEntry[] = [];
    for (let i = 0; i < 25; i++) entries.push(send(200 - i), purge(200 - i));
    const { verdict } = judgeLedger(entries, 30 * DAY_MS);
    expect(verdict.checks.promise?.offenders).toEqual(Array.from({ length: 20 }, (_, i) => 200 - i));
  });
});

describe('the fact table rows', () => {
  it('a second add of an id blanks its instants, extra commits and detection', () => {
    const table = new FactTable();
    table.add(0, 1, 'private', 10);
    table.add(5, 1, 'public', 10);
    for (const slot of [0, 1]) {
      table.setFirst(slot, column.storedAtMs, 11);
      table.setFirst(slot, column.resentAtMs, 12);
      table.addExtraCommit(slot);
      table.detect(slot, 13, 'alert', true);
    }
    table.add(0, 2, 'public', 20);
    expect(table.get(5)).toStrictEqual({ msg: 5, receiver: 1, sender: 'public', sentAtMs: 10, extraCommits: 1, storedAtMs: 11, resentAtMs: 12, detectedAtMs: 13, detectedBy: 'alert', detectedInWindow: true });
    table.add(5, 3, 'private', 30);
    expect([...table.values()]).toStrictEqual([
      { msg: 0, receiver: 2, sender: 'public', sentAtMs: 20, extraCommits: 0 },
      { msg: 5, receiver: 3, sender: 'private', sentAtMs: 30, extraCommits: 0 },
    ]);
    expect(table.storedTwice()).toEqual([]);
  });
});
