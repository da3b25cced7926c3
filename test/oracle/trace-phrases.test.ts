// Every line a counterexample trace can print, word for word: the trace is what a person reads to see
// why a message was lost, so a phrase that drops "BEFORE any commit" or "WRONG ROUTE", or swaps
// "opens" for "heals", misleads them as surely as a wrong fate would.

import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import { formatTrace } from '../../harness/oracle/trace.js';
import { HOUR_MS } from '../../harness/runtime/time.js';

/** The description column of each formatted line (instant and offset stripped). */
function descriptions(entries: LedgerEntry[], msg = 7): string[] {
  return formatTrace({ msg, receiver: 'bergen', entries }).map((line) => line.replace(/^day \d+ \d\d:\d\d:\d\d +[+-]\S+ {2}/, ''));
}

describe('trace phrases (English)', () => {
  it('words every entry kind, each variant of each field', () => {
    const entries: LedgerEntry[] = [
      { t: 0, kind: 'send', msg: 7, receiver: 0, sender: 'private' },
      { t: 1, kind: 'deliver', msg: 7, attempt: 1, style: 'push', route: 'correct' },
      { t: 2, kind: 'deliver', msg: 7, attempt: 2, style: 'poll', route: 'wrong' },
      { t: 3, kind: 'transport', msg: 7, response: 'ack' },
      { t: 4, kind: 'receipt-sent', msg: 7, receipt: 'mottatt', committed: true },
      { t: 5, kind: 'receipt-sent', msg: 7, receipt: 'feilet', committed: false, permanent: true },
      { t: 6, kind: 'receipt', msg: 7, receipt: 'mottatt', duplicate: false },
      { t: 7, kind: 'receipt', msg: 7, receipt: 'mottatt', duplicate: true },
      { t: 8, kind: 'receipt-fault', msg: 7, fault: 'lost' },
      { t: 9, kind: 'receipt-fault', msg: 7, fault: 'late', delayMs: 2 * HOUR_MS },
      { t: 10, kind: 'write', msg: 7, receiver: 0, attempt: 3 },
      { t: 11, kind: 'write-result', msg: 7, outcome: 'ok', latencyMs: 40 },
      { t: 12, kind: 'write-result', msg: 7, outcome: 'info', error: 'ETIMEOUT', latencyMs: 15_000 },
      { t: 13, kind: 'write-result', msg: 7, outcome: 'fail', latencyMs: 3 },
      { t: 14, kind: 'write-result', msg: 7, outcome: 'fail', error: 'deadlock', latencyMs: 3 },
      { t: 15, kind: 'commit', msg: 7, receiver: 0, duplicate: false },
      { t: 16, kind: 'commit', msg: 7, receiver: 0, duplicate: true },
      { t: 17, kind: 'discard', msg: 7, reason: 'queue full' },
      { t: 18, kind: 'retry', msg: 7, attempt: 2, backoffMs: 2_000 },
      { t: 19, kind: 'duplicate-delivery', msg: 7, action: 'already-stored' },
      { t: 20, kind: 'portal-failed', msg: 7, reason: 'feilet' },
      { t: 21, kind: 'fallback', msg: 7, outcome: 'printed' },
      { t: 22, kind: 'purge', msg: 7 },
      { t: 23, kind: 'redeliver', msg: 7, accepted: true },
      { t: 24, kind: 'redeliver', msg: 7, accepted: false },
      { t: 25, kind: 'detect', msg: 7, by: 'reconciliation', portalHolds: true },
      { t: 26, kind: 'detect', msg: 7, by: 'reporter', portalHolds: false },
      { t: 27, kind: 'resend', msg: 7, asMsg: 8 },
      { t: 28, kind: 'notify', msg: 7, noticed: true },
      { t: 29, kind: 'notify', msg: 7, noticed: false },
      { t: 30, kind: 'open', msg: 7 },
      { t: 31, kind: 'inbox', msg: 7, roleAssigned: true },
      { t: 32, kind: 'inbox', msg: 7, roleAssigned: false },
      { t: 33, kind: 'crash', receiver: 0, downMs: 60_000, abortedWrites: 2 },
      { t: 34, kind: 'restart', receiver: 0 },
      { t: 35, kind: 'fault', fault: 'db-outage', phase: 'start', target: 'bergen' },
      { t: 36, kind: 'fault', fault: 'db-outage', phase: 'heal', target: 'bergen' },
      { t: 37, kind: 'fault', fault: 'case-system-crash', phase: 'event', target: '*' },
      { t: 38, kind: 'reconcile', receiver: 0, checked: 12, missing: 1 },
    ];
    expect(descriptions(entries)).toEqual([
      'sent by a private reporter to bergen',
      'portal delivers (push, attempt 1)',
      'portal delivers (poll, attempt 2, WRONG ROUTE)',
      'transport answer: ack',
      'receiver sends "mottatt" — BEFORE any commit',
      'receiver sends "feilet" (permanent) — BEFORE any commit',
      'portal gets "mottatt"',
      'portal gets "mottatt" (duplicate, ignored)',
      'receipt lost on the way back',
      'receipt late by 2h on the way back',
      'write attempt 3',
      'write ok (40ms)',
      'write outcome UNKNOWN: ETIMEOUT (15s)',
      'write failed: ? (3ms)',
      'write failed: deadlock (3ms)',
      'database COMMITS the record',
      'database: already stored (idempotent commit)',
      'case system drops it: queue full',
      'retry 2 after 2s',
      'duplicate delivery: already-stored',
      'portal marks it failed (feilet)',
      'fallback: printed',
      'portal PURGES the content',
      'portal re-delivers (accepted)',
      'portal re-delivers (refused: already purged)',
      'loss detected by reconciliation — portal still holds it',
      'loss detected by reporter — portal has purged it',
      'reporter chases, nobody finds it, reporter sends it again as #8 — no fault recorded',
      'recipient notified (noticed)',
      'recipient notified (not noticed)',
      'recipient opens it',
      'lands in the inbox (role assigned)',
      'lands in the inbox (NO ONE HAS THE ROLE)',
      'case system of bergen CRASHES (down 1m, 2 write(s) rolled back)',
      'case system of bergen restarts',
      'fault db-outage opens (bergen)',
      'fault db-outage heals (bergen)',
      'fault case-system-crash fires (all receivers)',
      'bergen reconciles 12 id(s), 1 missing',
    ]);
  });

  it('says "after the commit" only once this message is committed at its own receiver', () => {
    const receiptSent = (t: number): LedgerEntry => ({ t, kind: 'receipt-sent', msg: 7, receipt: 'mottatt', committed: true });
    const lines = descriptions([
      { t: 0, kind: 'send', msg: 7, receiver: 0, sender: 'public' },
      { t: 1, kind: 'commit', msg: 7, receiver: 1, duplicate: false },
      { t: 2, kind: 'commit', msg: 8, receiver: 0, duplicate: false },
      receiptSent(3),
      { t: 4, kind: 'commit', msg: 7, receiver: 0, duplicate: false },
      receiptSent(5),
    ]);
    expect(lines.filter((l) => l.startsWith('receiver sends'))).toEqual(['receiver sends "mottatt" — BEFORE any commit', 'receiver sends "mottatt" — after the commit']);
  });

  it('offsets count from the send, negative before it, and the columns line up', () => {
    const lines = formatTrace({ msg: 7, receiver: 'bergen', entries: [
      { t: HOUR_MS, kind: 'fault', fault: 'db-outage', phase: 'start', target: '*' },
      { t: 3 * HOUR_MS, kind: 'send', msg: 7, receiver: 0, sender: 'public' },
      { t: 3 * HOUR_MS + 20 * 60_000, kind: 'purge', msg: 7 },
    ] });
    expect(lines).toEqual([
      'day 0 01:00:00   -2h  fault db-outage opens (all receivers)',
      'day 0 03:00:00  +0ms  sent by a public reporter to bergen',
      'day 0 03:20:00  +20m  portal PURGES the content',
    ]);
  });
});
