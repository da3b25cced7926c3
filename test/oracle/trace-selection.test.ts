// Which entries a counterexample's trace keeps: the windows open at the send, the ones that opened or
// fired during the message's life, its receiver's crashes and restarts in that life, one heal after it
// for each window still open, and — for a message never stored — the first crash after its last act.
// Everything else (other receivers, closed windows, later cycles of the same fault) stays out: a trace
// that shows a window that did not touch the message sends the reader after the wrong cause.

import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import { formatTrace, renderTrace, traceOf } from '../../harness/oracle/trace.js';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';

const receiverIds = ['bergen', 'voss'];
const h = HOUR_MS;
const fault = (t: number, name: string, phase: 'start' | 'heal' | 'event', target: string): LedgerEntry => ({ t, kind: 'fault', fault: name, phase, target });
const label = (e: LedgerEntry) => e.kind === 'fault' ? `${e.fault}:${e.phase}@${e.t}` : e.kind === 'crash' || e.kind === 'restart' ? `${e.kind}:${e.receiver}@${e.t}` : e.kind;
const picked = (entries: LedgerEntry[], msg: number) => traceOf(entries, msg, { receiverIds })?.entries.map(label);

// Message 1 to bergen: sent at 3 h, last act (the discard) at 3 h + 100 ms, never stored.
const life: LedgerEntry[] = [
  fault(0, 'db-outage', 'start', 'bergen'),
  fault(0.5 * h, 'backup-spike', 'start', '*'),
  fault(h, 'db-outage', 'heal', 'bergen'),
  fault(1.5 * h, 'backup-spike', 'heal', '*'),
  fault(2 * h, 'backup-spike', 'start', '*'),
  fault(2 * h, 'receipt-lost', 'start', 'bergen'),
  fault(2.2 * h, 'backup-spike', 'event', '*'),
  { t: 2.5 * h, kind: 'crash', receiver: 0, downMs: 1000, abortedWrites: 0 },
  { t: 3 * h, kind: 'send', msg: 1, receiver: 0, sender: 'public' },
  fault(3 * h, 'dns', 'start', 'bergen'),
  { t: 3 * h + 10, kind: 'deliver', msg: 1, attempt: 1, style: 'push', route: 'correct' },
  fault(3 * h + 20, 'slow-disk', 'start', 'bergen'),
  { t: 3 * h + 30, kind: 'crash', receiver: 1, downMs: 1000, abortedWrites: 0 },
  { t: 3 * h + 40, kind: 'crash', receiver: 0, downMs: 1000, abortedWrites: 1 },
  { t: 3 * h + 50, kind: 'restart', receiver: 0 },
  fault(3 * h + 60, 'receipt-lost', 'heal', 'bergen'),
  fault(3 * h + 60, 'x-voss', 'start', 'voss'),
  { t: 3 * h + 70, kind: 'receipt', msg: 1, receipt: 'mottatt', duplicate: false },
  fault(3 * h + 80, 'slow-disk', 'heal', 'bergen'),
  { t: 3 * h + 90, kind: 'write', msg: 1, receiver: 0, attempt: 1 },
  { t: 3 * h + 100, kind: 'discard', msg: 1, reason: 'write failed after receipt was sent' },
  fault(3 * h + 100, 'queue-full', 'start', 'bergen'),
  fault(3 * h + 150, 'dns', 'event', 'bergen'),
  fault(3 * h + 200, 'backup-spike', 'heal', '*'),
  fault(3 * h + 250, 'queue-full', 'heal', 'bergen'),
  fault(3 * h + 260, 'dns', 'heal', 'bergen'),
  { t: 3 * h + 300, kind: 'crash', receiver: 0, downMs: 1000, abortedWrites: 0 },
  { t: 3 * h + 400, kind: 'crash', receiver: 0, downMs: 1000, abortedWrites: 0 },
  fault(4 * h, 'backup-spike', 'start', '*'),
  fault(4 * h, 'receipt-lost', 'start', 'bergen'),
  fault(4 * h, 'slow-disk', 'start', 'bergen'),
  fault(4.2 * h, 'slow-disk', 'heal', 'bergen'),
  fault(4.5 * h, 'receipt-lost', 'heal', 'bergen'),
  fault(5 * h, 'backup-spike', 'heal', '*'),
  fault(5 * h, 'db-outage', 'start', 'bergen'),
  fault(6 * h, 'db-outage', 'heal', 'bergen'),
  { t: 14 * DAY_MS, kind: 'purge', msg: 1 },
];

describe('traceOf picks', () => {
  it('the windows of the message’s life, its receiver’s crashes in it, one heal per open window, the first crash after', () => {
    expect(picked(life, 1)).toEqual([
      `backup-spike:start@${2 * h}`,
      `receipt-lost:start@${2 * h}`,
      'send',
      `dns:start@${3 * h}`,
      'deliver',
      `slow-disk:start@${3 * h + 20}`,
      `crash:0@${3 * h + 40}`,
      `restart:0@${3 * h + 50}`,
      `receipt-lost:heal@${3 * h + 60}`,
      'receipt',
      `slow-disk:heal@${3 * h + 80}`,
      'write',
      'discard',
      `queue-full:start@${3 * h + 100}`,
      `backup-spike:heal@${3 * h + 200}`,
      `queue-full:heal@${3 * h + 250}`,
      `dns:heal@${3 * h + 260}`,
      `crash:0@${3 * h + 300}`,
      'purge',
    ]);
  });

  it('a window open at the send that heals at the send\'s instant is closed: its next cycle stays out', () => {
    const entries: LedgerEntry[] = [
      fault(0, 'db-outage', 'start', 'bergen'),
      { t: 10, kind: 'send', msg: 1, receiver: 0, sender: 'public' },
      fault(10, 'db-outage', 'heal', 'bergen'),
      { t: 20, kind: 'discard', msg: 1, reason: 'x' },
      fault(30, 'db-outage', 'start', 'bergen'),
      fault(40, 'db-outage', 'heal', 'bergen'),
    ];
    expect(picked(entries, 1)).toEqual(['db-outage:start@0', 'send', 'db-outage:heal@10', 'discard']);
  });

  it('a crash at the send\'s instant is in the life; a fault event in the life wants no heal', () => {
    const entries: LedgerEntry[] = [
      { t: 10, kind: 'send', msg: 1, receiver: 0, sender: 'public' },
      { t: 10, kind: 'crash', receiver: 0, downMs: 1, abortedWrites: 0 },
      fault(15, 'backup-spike', 'event', 'bergen'),
      { t: 20, kind: 'commit', msg: 1, receiver: 0, duplicate: false },
      fault(30, 'backup-spike', 'start', 'bergen'),
      fault(40, 'backup-spike', 'heal', 'bergen'),
    ];
    expect(picked(entries, 1)).toEqual(['send', 'crash:0@10', 'backup-spike:event@15', 'commit']);
  });

  it('the crash after the last act: the first crash of its receiver after it, not a crash at its instant or another entry', () => {
    const entries: LedgerEntry[] = [
      { t: 0, kind: 'send', msg: 2, receiver: 0, sender: 'public' },
      { t: 5, kind: 'notify', msg: 2, noticed: false },
      { t: 10, kind: 'discard', msg: 2, reason: 'x' },
      { t: 10, kind: 'crash', receiver: 0, downMs: 1, abortedWrites: 0 },
      { t: 10, kind: 'purge', msg: 2 },
      { t: 12, kind: 'restart', receiver: 0 },
      { t: 13, kind: 'reconcile', receiver: 0, checked: 1, missing: 1 },
      fault(14, 'system-exit', 'start', 'bergen'),
      { t: 20, kind: 'crash', receiver: 0, downMs: 1, abortedWrites: 0 },
    ];
    expect(picked(entries, 2)).toEqual(['send', 'notify', 'discard', 'crash:0@10', 'purge', 'crash:0@20']);
  });

  it('no crash after the last act for a message that was stored', () => {
    const stored = life.map((e) => e.kind === 'discard' ? { t: e.t, kind: 'commit' as const, msg: 1, receiver: 0, duplicate: false } : e);
    expect(picked(stored, 1)).not.toContain(`crash:0@${3 * h + 300}`);
  });

  it('the crash after the last act only until its story closes (the first epilogue entry), inclusive', () => {
    const base: LedgerEntry[] = [
      { t: 0, kind: 'send', msg: 2, receiver: 0, sender: 'public' },
      { t: 10, kind: 'discard', msg: 2, reason: 'x' },
      { t: 50, kind: 'detect', msg: 2, by: 'alert', portalHolds: true },
    ];
    const crash = (t: number): LedgerEntry => ({ t, kind: 'crash', receiver: 0, downMs: 1, abortedWrites: 0 });
    expect(picked([...base, crash(60)], 2)).toEqual(['send', 'discard', 'detect']);
    expect(picked([...base.slice(0, 2), crash(50), base[2] as LedgerEntry], 2)).toEqual(['send', 'discard', 'crash:0@50', 'detect']);
    expect(picked([...base.slice(0, 2), { t: 30, kind: 'crash', receiver: 1, downMs: 1, abortedWrites: 0 }, base[2] as LedgerEntry], 2)).toEqual(['send', 'discard', 'detect']);
  });

  it.each(['case-system-crash', 'system-exit'])('a %s fault event on its receiver counts as that crash; other events and receivers do not', (name) => {
    const base: LedgerEntry[] = [{ t: 0, kind: 'send', msg: 2, receiver: 0, sender: 'public' }, { t: 10, kind: 'discard', msg: 2, reason: 'x' }];
    expect(picked([...base, fault(20, 'backup-spike', 'event', 'bergen'), fault(25, name, 'event', 'voss'), fault(30, name, 'event', 'bergen'), fault(40, name, 'event', 'bergen')], 2))
      .toEqual(['send', 'discard', `${name}:event@30`]);
  });

  it('every epilogue kind closes the life: a window opening after the last act and before them stays out', () => {
    const entries: LedgerEntry[] = [
      { t: 0, kind: 'send', msg: 3, receiver: 0, sender: 'public' },
      { t: 10, kind: 'commit', msg: 3, receiver: 0, duplicate: false },
      fault(20, 'db-outage', 'start', 'bergen'),
      { t: 30, kind: 'purge', msg: 3 },
      { t: 31, kind: 'detect', msg: 3, by: 'alert', portalHolds: false },
      { t: 32, kind: 'resend', msg: 3, asMsg: 4 },
      { t: 33, kind: 'redeliver', msg: 3, accepted: false },
      { t: 34, kind: 'fallback', msg: 3, outcome: 'suppressed' },
      { t: 35, kind: 'portal-failed', msg: 3, reason: 'feilet' },
      { t: 36, kind: 'notify', msg: 3, noticed: false },
      { t: 37, kind: 'open', msg: 3 },
      fault(40, 'db-outage', 'heal', 'bergen'),
    ];
    expect(picked(entries, 3)).toEqual(['send', 'commit', 'purge', 'detect', 'resend', 'redeliver', 'fallback', 'portal-failed', 'notify', 'open']);
  });

  it('starts at the send even when an entry about the id comes first (a live ledger that began mid-story)', () => {
    const entries: LedgerEntry[] = [
      { t: 5, kind: 'receipt', msg: 6, receipt: 'mottatt', duplicate: true },
      { t: 10, kind: 'send', msg: 6, receiver: 1, sender: 'public' },
      { t: 20, kind: 'commit', msg: 6, receiver: 1, duplicate: false },
    ];
    const trace = traceOf(entries, 6, { receiverIds });
    expect(trace?.receiver).toBe('voss');
    expect(formatTrace(trace ?? { msg: 6, receiver: '', entries: [] })[0]).toMatch(/ -5ms {2}portal gets "mottatt"/);
  });

  it('without receiver ids it names the receiver by index and matches only faults on every receiver', () => {
    const trace = traceOf(life, 1);
    expect(trace?.receiver).toBe('receiver 0');
    expect(trace?.entries.filter((e) => e.kind === 'fault').map(label)).toEqual([`backup-spike:start@${2 * h}`, `backup-spike:heal@${3 * h + 200}`]);
    expect(renderTrace(life, 1)[0]).toBe('message #1 to receiver 0 — fate: lost-silent');
  });
});

describe('formatTrace without the send', () => {
  it('counts offsets from t = 0 and calls every receipt "before any commit"', () => {
    const lines = formatTrace({ msg: 5, receiver: 'bergen', entries: [
      { t: 2 * h, kind: 'commit', msg: 5, receiver: 0, duplicate: false },
      { t: 3 * h, kind: 'receipt-sent', msg: 5, receipt: 'mottatt', committed: true },
    ] });
    expect(lines).toEqual([
      'day 0 02:00:00  +2h  database COMMITS the record',
      'day 0 03:00:00  +3h  receiver sends "mottatt" — BEFORE any commit',
    ]);
  });
});
