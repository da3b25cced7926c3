// Which message the report traces: the first one lost by send time (ties: the lowest id), else the
// first one stored twice; and when it cannot show that message, it says why instead of tracing another.

import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import type { MessageFate } from '../../harness/oracle/fates.js';
import { buildRunReport, type RunReport } from '../../reports/run-report.js';
import { handMadeRun, handMeta, handRepro, msg, sendsOf, type HandMade } from './hand-made-run.js';

const report = (o: HandMade): RunReport => buildRunReport(handMeta, handMadeRun(o), handRepro);
const traced = (messages: MessageFate[]) => report({ messages }).trace?.msg;

describe('buildRunReport: the message it traces', () => {
  it('picks the earliest lost message, silent or found late, over earlier messages of every other fate', () => {
    const r = report({
      messages: [
        msg('stored', 1, 10), msg('lost-silent', 9, 300), msg('lost-detected-late', 7, 200), msg('fallback', 2, 50),
        msg('resent-by-reporter', 3, 20), msg('recovered', 4, 30), msg('in-flight', 5, 5), msg('lost-silent', 8, 250),
      ],
    });
    expect(r.traceStatus).toBe('shown');
    expect(r.trace).toMatchObject({ msg: 7, fate: 'lost-detected-late', reason: 'lost', receiver: 'bergen' });
    expect(traced([msg('lost-detected-late', 7, 200), msg('lost-silent', 9, 100)])).toBe(9);
  });

  it('breaks a tie on send time by the lowest id, whichever comes first in the list', () => {
    expect(traced([msg('lost-silent', 8, 100), msg('lost-silent', 6, 100), msg('lost-silent', 9, 100)])).toBe(6);
    expect(traced([msg('lost-silent', 6, 100), msg('lost-silent', 8, 100)])).toBe(6);
    // The id decides only a tie: an earlier send with a higher id still comes first.
    expect(traced([msg('lost-silent', 8, 100), msg('lost-silent', 3, 200)])).toBe(8);
    expect(traced([msg('lost-silent', 3, 200), msg('lost-silent', 8, 100)])).toBe(8);
  });

  it('takes the traced message’s own fate and its receiver’s id', () => {
    const r = report({ receivers: ['bergen', 'voss'], messages: [msg('stored', 1, 50), msg('lost-silent', 2, 100, { receiver: 1 })] });
    expect(r.trace).toMatchObject({ msg: 2, fate: 'lost-silent', receiver: 'voss' });
  });

  it('with nothing lost, traces the first message the duplicates check names', () => {
    const messages = [msg('stored', 2, 10), msg('stored', 4, 20), msg('resent-by-reporter', 5, 5)];
    const r = report({ messages, checks: { duplicates: { valid: false, summary: 'two stored twice', offenders: [4, 2] } } });
    expect(r.traceStatus).toBe('shown');
    expect(r.trace).toMatchObject({ msg: 4, fate: 'stored', reason: 'duplicate' });
  });

  it('reports nothing-failed when nothing was lost and no duplicate is named', () => {
    const messages = [msg('stored', 1, 10)];
    expect(report({ messages, checks: { promise: { valid: true, summary: 'ok' } } }).traceStatus).toBe('nothing-failed');
    expect(report({ messages, checks: { duplicates: { valid: true, summary: 'none' } } }).traceStatus).toBe('nothing-failed');
    expect(report({ messages, checks: { duplicates: { valid: true, summary: 'none', offenders: [] } } }).traceStatus).toBe('nothing-failed');
    expect(report({ messages }).trace).toBeUndefined();
  });

  it('says the ledger was not kept when either the config or the ledger dropped the entries', () => {
    const messages = [msg('lost-silent', 3, 100)];
    for (const o of [{ keepLedger: false }, { keepEntries: false }, { keepLedger: false, keepEntries: false }]) {
      const r = report({ messages, ...o });
      expect(r.traceStatus).toBe('ledger-not-kept');
      expect(r.trace).toBeUndefined();
      expect(r.horizon.ledgerKept).toBe(false);
      expect(r.timeline.source).toBe('fault-plan');
    }
    expect(report({ messages }).horizon.ledgerKept).toBe(true);
  });

  it('shows no trace when the ledger lacks the message’s send, or the judgement lacks its fate', () => {
    const messages = [msg('lost-silent', 3, 100), msg('stored', 4, 200)];
    const noSend = report({ messages, entries: sendsOf(messages).filter((e) => e.kind === 'send' && e.msg !== 3) });
    expect(noSend.traceStatus).toBe('ledger-not-kept');
    expect(noSend.trace).toBeUndefined();
    // A duplicate the check names but the judgement has no fate for: nothing to show rather than a fate-less trace.
    const stored = [msg('stored', 4, 200)];
    const noFate = report({ messages: stored, entries: [...sendsOf(stored), { t: 300, kind: 'send', msg: 99, receiver: 0, sender: 'public' }], checks: { duplicates: { valid: false, summary: 'x', offenders: [99] } } });
    expect(noFate.traceStatus).toBe('ledger-not-kept');
    expect(noFate.trace).toBeUndefined();
  });

  it('rounds the traced entries’ times, and a write result’s latency, to whole ms — and adds no field', () => {
    const entries: LedgerEntry[] = [
      { t: 100.4, kind: 'send', msg: 3, receiver: 0, sender: 'private' },
      { t: 120.6, kind: 'write', msg: 3, receiver: 0, attempt: 1 },
      { t: 170.5, kind: 'write-result', msg: 3, outcome: 'fail', latencyMs: 49.6 },
    ];
    const r = report({ messages: [msg('lost-silent', 3, 100.4, { sender: 'private' })], entries });
    expect(r.trace?.entries).toEqual([
      { t: 100, kind: 'send', msg: 3, receiver: 0, sender: 'private' },
      { t: 121, kind: 'write', msg: 3, receiver: 0, attempt: 1 },
      { t: 171, kind: 'write-result', msg: 3, outcome: 'fail', latencyMs: 50 },
    ]);
  });
});
