// Worlds that must break the promise: the 2023 flaw and its relatives. One receiver ("r0"), no `chain`
// between the parts, and no background deadlocks (a busy database loses before-commit writes by itself
// 2 % of the time at full load), so fast-check shrinks a counterexample to the fault under test.

import * as fc from 'fast-check';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import type { FaultKind } from '../../harness/faults/fault-spec.js';
import { configurationArbitrary, type ConfigurationConstraints } from '../../harness/arbitraries/configuration.js';
import { workloadArbitrary } from '../../harness/arbitraries/workload.js';
import { faultPlanArbitrary } from '../../harness/arbitraries/fault-plan.js';
import { seedArbitrary, type World } from '../../harness/arbitraries/world.js';

/** Storage faults, in the order a counterexample shrinks to. */
const storageFaults: readonly FaultKind[] = ['db-outage', 'db-log-full', 'db-overload', 'backup-spike', 'db-slow-commit'];

/** Every breaker message is sent within this span of the world's start. */
const SENDING_MS = 12 * HOUR_MS;

// fast-check shrinks a record's fields in the order they are listed, and a field that keeps gaining a
// few milliseconds (a message and a window moving together) starves the fields after it. Faults and
// messages come first, so their count shrinks before any instant does.
function breakerWorld(configuration: ConfigurationConstraints, kinds: readonly FaultKind[]): fc.Arbitrary<World> {
  return fc.record({
    faults: faultPlanArbitrary({ kinds, horizonMs: DAY_MS, maxFaults: 3 }),
    workload: workloadArbitrary({ receivers: ['r0'], maxMessages: 4, durationMs: SENDING_MS, patterns: ['spread', 'burst'] }),
    configuration: configurationArbitrary({ maxReceivers: 1, retentionDays: { min: 3, max: 30 }, backgroundDeadlocks: false, ...configuration }),
    seed: seedArbitrary,
  });
}

const breakers = {
  /** The 2023 flaw: receipt before the commit, storage trouble, nobody reconciling. */
  beforeCommitWithoutReconciliation: () => breakerWorld(
    { ackPolicies: ['before-commit'], routes: ['case-system'], reconciliation: 'off', fallbackEnabled: true }, storageFaults),
  /** Confidential mail nobody can see, and no print fallback ("digital only"). */
  fallbackOffRoleMissing: () => breakerWorld(
    { routes: ['inbox'], fallbackEnabled: false, roleAssigned: true },
    ['recipient-role-missing', 'receipt-duplicated', 'receipt-late', 'fallback-channel-down']),
  /**
   * Reconciliation that runs less often than the portal purges: it only finds what is already gone.
   * Its first run comes after the purge of the last message that can be sent, so every interval in
   * the range breaks the promise the same way. A range that began inside the sending span would let
   * shrinking drive the interval onto the instant of a purge, where a re-delivery's commit lands a
   * few milliseconds either side of it and each shrink step gains only milliseconds (seed 1 crept for
   * hours).
   */
  reconciliationLongerThanRetention: () => breakerWorld(
    {
      ackPolicies: ['before-commit'], routes: ['case-system'], fallbackEnabled: true,
      reconciliation: (retentionDays) => ({ minMs: retentionDays * DAY_MS + SENDING_MS + 2 * HOUR_MS, maxMs: retentionDays * DAY_MS + 2 * DAY_MS }),
    },
    storageFaults),
};

export { breakers, storageFaults };
