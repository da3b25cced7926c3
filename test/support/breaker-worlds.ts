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

function breakerWorld(configuration: ConfigurationConstraints, kinds: readonly FaultKind[]): fc.Arbitrary<World> {
  return fc.record({
    seed: seedArbitrary,
    configuration: configurationArbitrary({ maxReceivers: 1, retentionDays: { min: 3, max: 30 }, backgroundDeadlocks: false, ...configuration }),
    workload: workloadArbitrary({ receivers: ['r0'], maxMessages: 4, durationMs: 12 * HOUR_MS, patterns: ['spread', 'burst'] }),
    faults: faultPlanArbitrary({ kinds, horizonMs: DAY_MS, maxFaults: 3 }),
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
  /** Reconciliation that runs less often than the portal purges: it only finds what is already gone. */
  reconciliationLongerThanRetention: () => breakerWorld(
    {
      ackPolicies: ['before-commit'], routes: ['case-system'], fallbackEnabled: true,
      reconciliation: (retentionDays) => ({ minMs: retentionDays * DAY_MS + 2 * HOUR_MS, maxMs: retentionDays * DAY_MS + 2 * DAY_MS }),
    },
    storageFaults),
};

export { breakers, storageFaults };
