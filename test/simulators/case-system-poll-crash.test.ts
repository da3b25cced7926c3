// Regression test for a bug the promise property found (safe world "reconciled", deep run): a polling
// case system that crashed right after acknowledging one shipment went on processing the rest of the
// same poll while dead. The next shipment was receipted, its write never scheduled, and its pending
// entry outlived the crash — so every later re-delivery "joined" a write that did not exist, and the
// report was purged although reconciliation had found it in time. A dead process now stops polling.

import { describe, expect, it } from 'vitest';
import { simulate } from '../../harness/runner/simulate.js';
import { resolveSimulation } from '../../harness/runner/simulation-config.js';
import { ofKind } from '../../harness/ledger/ledger.js';
import { HOUR_MS, MINUTE_MS } from '../../harness/runtime/time.js';

describe('case system, poll style, crash after an acknowledgement', () => {
  it('processes nothing more in that poll, and recovers both reports by reconciliation', () => {
    const { ledger, judgement } = simulate(resolveSimulation({
      seed: 3,
      portal: { retentionDays: 3 },
      receivers: [{ id: 'a', style: 'poll', caseSystem: { ackPolicy: 'retry-then-fail' }, controls: { reconciliationIntervalMs: 6 * HOUR_MS } }],
      workload: { messages: [{ atMs: 0, receiver: 'a', sender: 'public' }, { atMs: 0, receiver: 'a', sender: 'private' }] },
      faults: [
        { kind: 'premature-ack', fromMs: 0, toMs: 20 * MINUTE_MS },
        { kind: 'crash-after-ack', fromMs: 0, toMs: 20 * MINUTE_MS, probabilityPct: 100, downMs: MINUTE_MS },
      ],
    }));
    const crashAt = ledger.entries.findIndex((e) => e.kind === 'crash');
    expect(crashAt).toBeGreaterThan(0);
    const crashedAtMs = ledger.entries[crashAt]?.t ?? 0;
    // Nothing is downloaded after the crash while the process is down.
    const downloadsWhileDown = ofKind(ledger.entries.slice(crashAt), 'deliver').filter((d) => d.t < crashedAtMs + MINUTE_MS);
    expect(downloadsWhileDown.map((d) => d.msg)).toEqual([]);
    expect(judgement.messages.map((m) => m.fate)).not.toContain('lost-detected-late');
    expect(judgement.verdict.counts['lost-silent']).toBe(0);
  });
});
