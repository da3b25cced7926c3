// The trace renderer on fixed ledgers: exact lines for the 2023 flaw, and only the faults that concern
// the message (its receiver, open during its life).

import { describe, expect, it } from 'vitest';
import { simulate } from '../../harness/runner/simulate.js';
import { resolveSimulation } from '../../harness/runner/simulation-config.js';
import { renderTrace } from '../../harness/oracle/trace.js';
import { HOUR_MS, MINUTE_MS } from '../../harness/runtime/time.js';

function flawRun() {
  return simulate(resolveSimulation({
    seed: 0,
    portal: { retentionDays: 3 },
    receivers: [{ id: 'bergen', caseSystem: { ackPolicy: 'before-commit' } }, { id: 'oslo' }],
    workload: { messages: [{ atMs: 2 * HOUR_MS, receiver: 'bergen', sender: 'private' }] },
    faults: [
      { kind: 'db-outage', fromMs: HOUR_MS, toMs: 3 * HOUR_MS, targets: ['bergen'] },
      { kind: 'db-log-full', fromMs: 0, toMs: 10 * MINUTE_MS },
      { kind: 'case-system-outage', fromMs: 2 * HOUR_MS, toMs: 4 * HOUR_MS, targets: ['oslo'] },
    ],
  }));
}

describe('renderTrace', () => {
  it('tells the 2023 flaw in a few lines', () => {
    const { ledger } = flawRun();
    expect(renderTrace(ledger.entries, 0, { receiverIds: ['bergen', 'oslo'] })).toEqual([
      'message #0 to bergen — fate: lost-silent',
      '  day 0 01:00:00  fault db-outage opens (bergen)',
      '  day 0 02:00:00  sent by a private reporter to bergen',
      '  day 0 02:00:00  portal delivers (push, attempt 1)',
      '  day 0 02:00:00  receiver sends "mottatt" — BEFORE any commit',
      '  day 0 02:00:00  transport answer: ack',
      '  day 0 02:00:00  portal gets "mottatt"',
      '  day 0 02:00:00  write attempt 1',
      '  day 0 02:00:05  write failed: ESOCKET (5s)',
      '  day 0 02:00:05  case system drops it: write failed after receipt was sent',
      '  day 0 03:00:00  fault db-outage heals (bergen)',
      '  day 3 02:00:00  portal PURGES the content',
    ]);
  });

  it('names receivers by index without ids, and says when a message is unknown', () => {
    const { ledger } = flawRun();
    expect(renderTrace(ledger.entries, 0)[0]).toBe('message #0 to receiver 0 — fate: lost-silent');
    expect(renderTrace(ledger.entries, 99)).toEqual(['message #99: not in the ledger']);
  });
});
