// The minimal failing trace: a lost message's own entries, the fault windows that framed its life (with
// their heals), and nothing else — unrelated receivers, closed windows and other messages stay out.

import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import { formatTrace, renderTrace, traceOf } from '../../harness/oracle/trace.js';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';

const receiverIds = ['bergen', 'voss'];

const ledger: LedgerEntry[] = [
  { t: 0, kind: 'fault', fault: 'db-outage', phase: 'start', target: 'bergen' },
  { t: HOUR_MS, kind: 'fault', fault: 'db-outage', phase: 'heal', target: 'bergen' },
  { t: 2 * HOUR_MS, kind: 'fault', fault: 'backup-spike', phase: 'start', target: '*' },
  { t: 2 * HOUR_MS, kind: 'fault', fault: 'receipt-lost', phase: 'start', target: 'voss' },
  { t: 3 * HOUR_MS, kind: 'send', msg: 1, receiver: 0, sender: 'public' },
  { t: 3 * HOUR_MS, kind: 'send', msg: 2, receiver: 1, sender: 'private' },
  { t: 3 * HOUR_MS, kind: 'deliver', msg: 1, attempt: 1, style: 'push', route: 'correct' },
  { t: 3 * HOUR_MS + 50, kind: 'receipt-sent', msg: 1, receipt: 'mottatt', committed: false },
  { t: 3 * HOUR_MS + 100, kind: 'receipt', msg: 1, receipt: 'mottatt', duplicate: false },
  { t: 3 * HOUR_MS + 250, kind: 'write', msg: 1, receiver: 0, attempt: 1 },
  { t: 3 * HOUR_MS + 15_250, kind: 'write-result', msg: 1, outcome: 'info', error: 'ETIMEOUT', latencyMs: 15_000 },
  { t: 3 * HOUR_MS + 15_250, kind: 'discard', msg: 1, reason: 'write failed after receipt was sent' },
  { t: 4 * HOUR_MS, kind: 'fault', fault: 'receipt-lost', phase: 'heal', target: 'voss' },
  { t: 5 * HOUR_MS, kind: 'fault', fault: 'backup-spike', phase: 'heal', target: '*' },
  { t: DAY_MS + 2 * HOUR_MS, kind: 'fault', fault: 'backup-spike', phase: 'start', target: '*' },
  { t: DAY_MS + 5 * HOUR_MS, kind: 'fault', fault: 'backup-spike', phase: 'heal', target: '*' },
  { t: 14 * DAY_MS + 3 * HOUR_MS, kind: 'purge', msg: 1 },
];

describe('traceOf', () => {
  it('keeps the message, the window open at its send and that window’s heal — nothing else', () => {
    const trace = traceOf(ledger, 1, { receiverIds });
    expect(trace?.receiver).toBe('bergen');
    const kinds = trace?.entries.map((e) => e.kind === 'fault' ? `${e.fault}:${e.phase}@${e.t}` : e.kind);
    expect(kinds).toEqual([
      `backup-spike:start@${2 * HOUR_MS}`,
      'send', 'deliver', 'receipt-sent', 'receipt', 'write', 'write-result', 'discard',
      `backup-spike:heal@${5 * HOUR_MS}`,
      'purge',
    ]);
  });

  it('picks the other receiver’s own fault for its message', () => {
    const trace = traceOf(ledger, 2, { receiverIds });
    const faults = trace?.entries.filter((e) => e.kind === 'fault').map((e) => e.kind === 'fault' ? e.fault : '');
    expect(faults).toEqual(['backup-spike', 'receipt-lost', 'receipt-lost', 'backup-spike']);
  });

  it('returns undefined for a message that was never sent', () => {
    expect(traceOf(ledger, 99, { receiverIds })).toBeUndefined();
  });

  it('formats one aligned line per entry with the offset from the send', () => {
    const trace = traceOf(ledger, 1, { receiverIds });
    if (trace === undefined) throw new Error('no trace');
    const lines = formatTrace(trace);
    expect(lines).toHaveLength(trace.entries.length);
    expect(lines[0]).toMatch(/^day 0 02:00:00 +-1h +fault backup-spike opens \(all receivers\)$/);
    expect(lines[3]).toContain('receiver sends "mottatt" — BEFORE any commit');
    expect(lines[6]).toContain('write outcome UNKNOWN: ETIMEOUT (15s)');
    expect(lines[9]).toMatch(/^day 14 03:00:00 +\+14d +portal PURGES the content$/);
    // Columns line up: the descriptions of the first and last line start at the same column.
    expect(lines[0]?.indexOf('fault backup-spike')).toBe(lines[9]?.indexOf('portal PURGES'));
  });

  it('renders a header with the fate, then the indented trace', () => {
    const lines = renderTrace(ledger, 1, { receiverIds });
    expect(lines[0]).toBe('message #1 to bergen — fate: lost-silent');
    expect(lines[1]).toMatch(/^ {2}day 0 02:00:00/);
    expect(renderTrace(ledger, 99)).toEqual(['message #99: not in the ledger']);
    // Without ids only faults on every receiver can be matched.
    expect(renderTrace(ledger, 2).some((l) => l.includes('receipt-lost'))).toBe(false);
  });
});
