// Hand-made ledgers at the edges StrykerJS found unguarded in harness/oracle (docs/testing.md,
// "Mutation testing"): each test pins a fate or a check result a user reads, at the boundary where a
// one-character change in the judge would flip it.

import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../harness/runtime/time.js';
import { judgeLedger } from '../../harness/oracle/oracle.js';
import { duplicateCheck, horizonCheck } from '../../harness/oracle/checks.js';
import { FateFold, type MessageFacts } from '../../harness/oracle/fates.js';
import { FactTable } from '../../harness/oracle/fact-table.js';
import type { LedgerEntry } from '../../harness/ledger/entries.js';

const send = (msg: number, t = 0): LedgerEntry => ({ t, kind: 'send', msg, receiver: 0, sender: 'public' });
const commit = (msg: number, t: number, duplicate = false): LedgerEntry => ({ t, kind: 'commit', msg, receiver: 0, duplicate });
const discard = (msg: number, t: number): LedgerEntry => ({ t, kind: 'discard', msg, reason: 'x' });
const purge = (msg: number, t = 14 * DAY_MS): LedgerEntry => ({ t, kind: 'purge', msg });
const detect = (msg: number, t: number, portalHolds: boolean, by: 'reconciliation' | 'reporter' | 'alert' = 'alert'): LedgerEntry => ({ t, kind: 'detect', msg, by, portalHolds });
const fates = (entries: LedgerEntry[], horizonMs = 30 * DAY_MS) => judgeLedger(entries, horizonMs).messages.map((m) => m.fate);
const fold = (entries: LedgerEntry[]) => {
  const f = new FateFold();
  for (const e of entries) f.observe(e);
  return f.facts;
};
const emptyCounts = { stored: 0, fallback: 0, recovered: 0, 'resent-by-reporter': 0, 'lost-detected-late': 0, 'lost-silent': 0, 'in-flight': 0 };

describe('the promise check with a reporter re-send', () => {
  it('a message its reporter had to send again alone fails the run, counted, worded and named', () => {
    const entries: LedgerEntry[] = [send(0), commit(0, 1), purge(0), send(1), discard(1, 5), { t: 3 * DAY_MS, kind: 'resend', msg: 1, asMsg: 2 }, purge(1)];
    const { verdict } = judgeLedger(entries, 30 * DAY_MS);
    expect(verdict.counts['resent-by-reporter']).toBe(1);
    expect(verdict.valid).toBe(false);
    expect(verdict.checks.promise).toEqual({
      valid: false,
      summary: '1 message(s) lost: 0 silently, 0 detected but not restored before the portal purged them, 1 re-sent by the reporter with the fault unrecorded',
      data: { lost: 1, silent: 0, late: 0, resent: 1 },
      offenders: [1],
    });
  });

  it('without re-sends the summary does not mention them', () => {
    const { verdict } = judgeLedger([send(0), purge(0)], 30 * DAY_MS);
    expect(verdict.checks.promise?.summary).toBe('1 message(s) lost: 1 silently, 0 detected but not restored before the portal purged them');
  });
});

describe('the duplicate check, called with facts only (no storedTwice list)', () => {
  it('scans the facts for extra commits', () => {
    const facts = fold([send(0), commit(0, 1), send(1), commit(1, 1), commit(1, 2), commit(1, 3, true)]);
    expect(duplicateCheck({ fates: [], idsWithFate: () => [], facts, counts: emptyCounts, horizonMs: 0, requiredHorizonMs: 0 }))
      .toEqual({ valid: false, summary: '1 message(s) stored more than once', data: { storedTwice: 1 }, offenders: [1] });
    const once = fold([send(0), commit(0, 1), commit(0, 2, true)]);
    expect(duplicateCheck({ fates: [], idsWithFate: () => [], facts: once, counts: emptyCounts, horizonMs: 0, requiredHorizonMs: 0 })).toEqual({ valid: true, summary: 'no message stored twice' });
  });

  it('the horizon check says why it passes', () => {
    expect(horizonCheck({ fates: [], idsWithFate: () => [], facts: new Map(), counts: emptyCounts, horizonMs: 5, requiredHorizonMs: 5 })).toEqual({ valid: true, summary: 'the horizon reaches past every retention window' });
  });
});

describe('first facts win', () => {
  it('a second commit after the purge does not move the first one: still stored', () => {
    expect(fates([send(0), commit(0, 1), purge(0), commit(0, 15 * DAY_MS, true)])).toEqual(['stored']);
  });

  it('the portal marking it failed is recorded at its first instant', () => {
    const failed = (t: number): LedgerEntry => ({ t, kind: 'portal-failed', msg: 0, reason: 'feilet' });
    expect(fold([send(0), failed(7), failed(9)]).get(0)?.failedAtMs).toBe(7);
  });

  it('each extra non-idempotent commit is counted once', () => {
    const facts = fold([send(0), commit(0, 1), commit(0, 2), commit(0, 3), commit(0, 4, true)]);
    expect(facts.get(0)?.extraCommits).toBe(2);
  });

  it('a second detection after the purge does not replace the in-window one: recovered', () => {
    const entries = [send(0), discard(0, 5), detect(0, DAY_MS, true), commit(0, DAY_MS + 1), purge(0), detect(0, 20 * DAY_MS, false)];
    const [m] = judgeLedger(entries, 30 * DAY_MS).messages;
    expect([m?.fate, m?.timeToDetectionMs]).toEqual(['recovered', DAY_MS - 5]);
  });

  it('a reporter finding it in the window is recorded as the reporter, in the window', () => {
    const entries = [send(0), discard(0, 5), detect(0, DAY_MS, true, 'reporter'), commit(0, DAY_MS + 1), purge(0)];
    expect(fold(entries).get(0)).toMatchObject({ detectedBy: 'reporter', detectedInWindow: true });
    expect(fates(entries)).toEqual(['recovered']);
    const byReconciliation = [send(0), discard(0, 5), detect(0, DAY_MS, true, 'reconciliation'), commit(0, DAY_MS + 1), purge(0)];
    expect(fold(byReconciliation).get(0)).toMatchObject({ detectedBy: 'reconciliation', detectedInWindow: true });
  });
});

describe('fate boundaries around the detection', () => {
  it('a person opening it is a record: stored', () => {
    expect(fates([send(0), { t: 5, kind: 'open', msg: 0 }, purge(0)])).toEqual(['stored']);
  });

  it('time to detection counts from the first "mottatt", not from a "feilet" receipt', () => {
    const entries: LedgerEntry[] = [send(0, 100), { t: 150, kind: 'receipt', msg: 0, receipt: 'feilet', duplicate: false }, detect(0, 1_100, true)];
    expect(judgeLedger(entries, DAY_MS).messages.map((m) => m.timeToDetectionMs)).toEqual([1_000]);
  });

  it('stored before (or at the instant of) a detection is stored: the detection was a false alarm', () => {
    expect(fates([send(0), commit(0, 5), detect(0, 10, true), purge(0)])).toEqual(['stored']);
    expect(fates([send(0), commit(0, 10), detect(0, 10, true), purge(0)])).toEqual(['stored']);
    expect(fates([send(0), discard(0, 5), detect(0, 10, true), commit(0, 11), purge(0)])).toEqual(['recovered']);
  });

  it('printed after an in-window detection is recovered, not lost', () => {
    expect(fates([send(0), discard(0, 5), detect(0, DAY_MS, true), { t: DAY_MS + 1, kind: 'fallback', msg: 0, outcome: 'printed' }, purge(0)])).toEqual(['recovered']);
  });

  it('a reporter re-send counts only when it came before (or with) the detection', () => {
    const resend = (t: number): LedgerEntry => ({ t, kind: 'resend', msg: 0, asMsg: 1 });
    expect(fates([send(0), discard(0, 5), resend(DAY_MS), detect(0, 2 * DAY_MS, false), purge(0)])).toEqual(['resent-by-reporter']);
    expect(fates([send(0), discard(0, 5), resend(DAY_MS), detect(0, DAY_MS, false), purge(0)])).toEqual(['resent-by-reporter']);
    expect(fates([send(0), discard(0, 5), detect(0, DAY_MS, false), resend(2 * DAY_MS), purge(0)])).toEqual(['lost-detected-late']);
  });
});

describe('the verdict holds only the distributions that exist', () => {
  it('no detection and no print: neither distribution is a field of the verdict (nor of its JSON)', () => {
    const { verdict } = judgeLedger([send(0), commit(0, 1), purge(0)], 30 * DAY_MS);
    expect(Object.keys(verdict).sort()).toEqual(['checks', 'counts', 'total', 'valid']);
  });
});

describe('FactTable as a ReadonlyMap', () => {
  it('ids out of send order keep their own rows (0, 7, 2: the 2 is not a dense slot)', () => {
    const facts = fold([send(0), send(7), send(2), commit(2, 4)]);
    expect([...facts.keys()]).toEqual([0, 7, 2]);
    expect([1, 2, 7].map((id) => facts.has(id))).toEqual([false, true, true]);
    expect(facts.get(2)?.storedAtMs).toBe(4);
    expect(facts.get(7)?.storedAtMs).toBeUndefined();
  });

  it('has, forEach and values agree with entries', () => {
    const facts = fold([send(0), send(1), send(7), commit(7, 3)]);
    expect([0, 1, 7, 2, -1].map((id) => facts.has(id))).toEqual([true, true, true, false, false]);
    const seen: [number, MessageFacts][] = [];
    facts.forEach((value, key, map) => {
      expect(map).toBe(facts);
      seen.push([key, value]);
    });
    expect(seen).toEqual([...facts.entries()]);
    expect([...facts.values()]).toEqual([...facts.entries()].map(([, v]) => v));
    expect(seen.map(([k]) => k)).toEqual([0, 1, 7]);
  });

  it('adding a sent id again starts its row afresh in the same slot (the caller decides when)', () => {
    const table = new FactTable();
    table.add(0, 1, 'public', 10);
    table.add(0, 2, 'private', 20);
    table.add(9, 1, 'public', 30);
    table.add(9, 3, 'public', 40);
    expect(table.size).toBe(2);
    expect([...table.values()].map((f) => [f.msg, f.receiver, f.sender, f.sentAtMs])).toEqual([[0, 2, 'private', 20], [9, 3, 'public', 40]]);
  });

  it('storedTwice lists the ids with a second record, in send order, also when the last chunk is exactly full', () => {
    const entries: LedgerEntry[] = [];
    for (let msg = 0; msg < 65_536; msg++) entries.push(send(msg));
    entries.push(send(1e9), commit(1e9, 1), commit(1e9, 2), commit(3, 1), commit(3, 2), commit(4, 1));
    const facts = fold(entries);
    expect(facts.size).toBe(65_537);
    expect(facts.storedTwice()).toEqual([3, 1e9]);
    const full = fold(entries.filter((e) => e.kind !== 'send' || e.msg !== 1e9));
    expect(full.size).toBe(65_536);
    expect(full.storedTwice()).toEqual([3]);
  });
});
