// The fate fold keeps its facts in columns (FactTable) for memory's sake. It must read exactly like the
// plain Map of objects it replaced, for dense ids (a simulation) and sparse ones (a single-message trace).

import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { FateFold, type MessageFacts } from '../../harness/oracle/fates.js';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import { propertyParameters } from '../support/property.js';

/** The fold as it was, one object per message: the reference. */
function referenceFold(entries: readonly LedgerEntry[]): Map<number, MessageFacts> {
  const facts = new Map<number, MessageFacts>();
  for (const entry of entries) {
    if (entry.kind === 'send') {
      if (!facts.has(entry.msg)) facts.set(entry.msg, { msg: entry.msg, receiver: entry.receiver, sender: entry.sender, sentAtMs: entry.t, extraCommits: 0 });
      continue;
    }
    const f = 'msg' in entry ? facts.get(entry.msg) : undefined;
    if (f === undefined) continue;
    if (entry.kind === 'commit') {
      if (entry.receiver !== f.receiver) continue;
      if (f.storedAtMs !== undefined && !entry.duplicate) f.extraCommits++;
      f.storedAtMs ??= entry.t;
    } else if (entry.kind === 'open') f.storedAtMs ??= entry.t;
    else if (entry.kind === 'receipt' && entry.receipt === 'mottatt') f.firstReceiptAtMs ??= entry.t;
    else if (entry.kind === 'discard') f.lostAtMs ??= entry.t;
    else if (entry.kind === 'fallback' && entry.outcome === 'printed') f.printedAtMs ??= entry.t;
    else if (entry.kind === 'portal-failed') f.failedAtMs ??= entry.t;
    else if (entry.kind === 'purge') f.purgedAtMs ??= entry.t;
    else if (entry.kind === 'detect' && f.detectedAtMs === undefined) {
      f.detectedAtMs = entry.t;
      f.detectedBy = entry.by;
      f.detectedInWindow = entry.portalHolds;
    }
  }
  return facts;
}

const t = fc.double({ min: 0, max: 1e10, noNaN: true });
const entry = (ids: fc.Arbitrary<number>): fc.Arbitrary<LedgerEntry> => fc.oneof(
  fc.record({ t, kind: fc.constant('send' as const), msg: ids, receiver: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 300 })), sender: fc.constantFrom('public' as const, 'private' as const) }),
  fc.record({ t, kind: fc.constant('commit' as const), msg: ids, receiver: fc.integer({ min: 0, max: 2 }), duplicate: fc.boolean() }),
  fc.record({ t, kind: fc.constant('open' as const), msg: ids }),
  fc.record({ t, kind: fc.constant('receipt' as const), msg: ids, receipt: fc.constantFrom('mottatt' as const, 'feilet' as const), duplicate: fc.boolean() }),
  fc.record({ t, kind: fc.constant('discard' as const), msg: ids, reason: fc.constant('x') }),
  fc.record({ t, kind: fc.constant('fallback' as const), msg: ids, outcome: fc.constantFrom('printed' as const, 'suppressed' as const) }),
  fc.record({ t, kind: fc.constant('portal-failed' as const), msg: ids, reason: fc.constant('feilet' as const) }),
  fc.record({ t, kind: fc.constant('purge' as const), msg: ids }),
  fc.record({ t, kind: fc.constant('detect' as const), msg: ids, by: fc.constantFrom('reconciliation' as const, 'reporter' as const, 'alert' as const), portalHolds: fc.boolean() }),
  fc.record({ t, kind: fc.constant('write' as const), msg: ids, receiver: fc.constant(0), attempt: fc.constant(1) }),
);

describe('FateFold facts (FactTable)', () => {
  it.each([
    ['dense ids', fc.integer({ min: 0, max: 30 })],
    ['sparse and negative ids', fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(1e9, 2 ** 40, 0.5))],
  ])('reads like the Map of objects it replaced (%s)', (_, ids) => {
    fc.assert(fc.property(fc.array(entry(ids), { maxLength: 200 }), (entries) => {
      const fold = new FateFold();
      for (const e of entries) fold.observe(e);
      const expected = referenceFold(entries);
      expect([...fold.facts]).toEqual([...expected]);
      expect(fold.facts.size).toBe(expected.size);
      for (const id of [...expected.keys(), -1, 12345]) expect(fold.facts.get(id)).toEqual(expected.get(id));
    }), propertyParameters(100));
  });

  it('reads the same across chunk boundaries (140 000 messages, then a sparse id)', () => {
    const entries: LedgerEntry[] = [];
    for (let msg = 0; msg < 140_000; msg++) {
      entries.push({ t: msg, kind: 'send', msg, receiver: msg % 300, sender: msg % 3 === 0 ? 'private' : 'public' });
      if (msg % 7 === 0) entries.push({ t: msg + 0.5, kind: 'commit', msg, receiver: msg % 300, duplicate: false });
      if (msg % 11 === 0) entries.push({ t: msg + 0.25, kind: 'detect', msg, by: 'alert', portalHolds: msg % 2 === 0 });
    }
    entries.push({ t: 1, kind: 'send', msg: 5e9, receiver: 1, sender: 'public' }, { t: 2, kind: 'purge', msg: 5e9 });
    const fold = new FateFold();
    for (const e of entries) fold.observe(e);
    const expected = referenceFold(entries);
    expect(fold.facts.size).toBe(expected.size);
    for (const id of [0, 1_023, 1_024, 2_048, 32_768, 65_535, 65_536, 65_537, 131_071, 131_072, 139_999, 5e9]) expect(fold.facts.get(id)).toEqual(expected.get(id));
    expect([...fold.facts.keys()]).toEqual([...expected.keys()]);
  });

  it('hands out copies: writing to one does not change the fold', () => {
    const fold = new FateFold();
    fold.observe({ t: 1, kind: 'send', msg: 0, receiver: 2, sender: 'public' });
    const copy = fold.facts.get(0) as MessageFacts;
    copy.storedAtMs = 5;
    expect(fold.facts.get(0)?.storedAtMs).toBeUndefined();
  });
});
