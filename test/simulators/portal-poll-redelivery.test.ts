// Regression test: a message the portal re-delivered to a polling receiver (after reconciliation found
// it missing) stayed in the list of new shipments for good, because its "mottatt" was a duplicate and
// the portal ignored it entirely — the receiver downloaded it again every 15 minutes until the purge
// (266 downloads of one report in three days). Found while checking ledgers stayed byte-identical.

import { describe, expect, it } from 'vitest';
import { simulate } from '../../harness/runner/simulate.js';
import { resolveSimulation } from '../../harness/runner/simulation-config.js';
import { ofKind } from '../../harness/ledger/ledger.js';
import { HOUR_MS } from '../../harness/runtime/time.js';

describe('portal, poll style, after a re-delivery', () => {
  it('stops listing the message once the receiver has receipted it again', () => {
    const { ledger, judgement } = simulate(resolveSimulation({
      seed: 1,
      portal: { retentionDays: 3 },
      receivers: [{ id: 'a', style: 'poll', caseSystem: { ackPolicy: 'before-commit' }, controls: { reconciliationIntervalMs: 6 * HOUR_MS } }],
      workload: { messages: [{ atMs: 0, receiver: 'a', sender: 'public' }] },
      faults: [{ kind: 'db-outage', fromMs: 0, toMs: 2 * HOUR_MS }],
    }));
    expect(ofKind(ledger.entries, 'redeliver')).toHaveLength(1);
    // First download, then one download of the re-delivery.
    expect(ofKind(ledger.entries, 'deliver')).toHaveLength(2);
    expect(judgement.messages[0]?.fate).toBe('recovered');
  });
});
