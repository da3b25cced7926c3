// A poll-style message re-sent after reconciliation found it missing must be downloaded once more and
// then leave the "new" list: the duplicate "mottatt" marks it read (SvarInn kvitterMottak). Before
// this, it came back on every poll until the purge.

import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../harness/runtime/time.js';
import { fatesOf, ofKind, runSmallWorld } from '../support/small-world.js';

describe('a recovered poll-style message', () => {
  it('is downloaded twice (original and re-send), not on every later poll', () => {
    const result = runSmallWorld({
      portal: { retentionDays: 60 },
      receiver: { style: 'poll', caseSystem: { ackPolicy: 'before-commit', pollIntervalMs: 15 * MINUTE_MS }, controls: { reconciliationIntervalMs: DAY_MS } },
      faults: [{ kind: 'db-outage', fromMs: 0, toMs: 2 * HOUR_MS }],
    });
    expect(fatesOf(result)).toEqual(['recovered']);
    const downloads = ofKind(result.ledger.entries, 'deliver').filter((e) => e.msg === 0);
    expect(downloads).toHaveLength(2);
    expect(ofKind(result.ledger.entries, 'commit').filter((e) => e.msg === 0)).toHaveLength(1);
  });
});
