// The promise property as the benchmark runs it: for any survivable fault plan on the 30-day municipal
// scenario, a case system that receipts only after its commit, with the print fallback on and daily
// reconciliation, loses nothing. The fault plans come from the property-test arbitraries
// (harness/arbitraries: faultPlanArbitrary over the 'nets' family's survivable faults), spread over
// the whole 30 days; fc.assert + fc.property over the real simulate(), so runs/s is what a property
// test of this size pays. Like the promise test (test/property/promise.test.ts) it folds the ledger and
// watches each world for a fault that matters; 'kept' keeps every entry, as the properties that read
// the whole history do (the race and same-seed properties).

import * as fc from 'fast-check';
import { FaultExposure, FaultWatch, faultPlanArbitrary, survivableFaults } from '../harness/arbitraries/index.js';
import { simulate } from '../harness/runner/simulate.js';
import { resolveSimulation } from '../harness/runner/simulation-config.js';
import { DAY_MS } from '../harness/runtime/time.js';
import type { AckPolicy } from '../simulators/case-system/case-system.js';
import { MUNICIPAL_DAYS, municipalInput } from './scenarios.js';

type Chain = 'fixed' | 'flawed';
type LedgerUse = 'folded' | 'kept';
/** fixed: receipt after commit, daily reconciliation. flawed: the 2023 chain, receipt before commit, no control. */
const chains: Record<Chain, { ackPolicy: AckPolicy; reconciliationIntervalMs: number }> = {
  fixed: { ackPolicy: 'after-commit', reconciliationIntervalMs: DAY_MS },
  flawed: { ackPolicy: 'before-commit', reconciliationIntervalMs: 0 },
};

/** Up to four faults anywhere in the 30 days, none of which the fixed chain may lose a report to. */
const faultPlan = faultPlanArbitrary({ kinds: survivableFaults.nets, targets: ['bergen'], horizonMs: MUNICIPAL_DAYS * DAY_MS, maxFaults: 4 })
  // As in the safe 'nets' worlds: an operator purge while the print channel is down deletes unprinted mail.
  .map((faults) => (faults.some((f) => f.kind === 'fallback-channel-down') ? faults.filter((f) => f.kind !== 'early-purge') : faults));

const promiseProperty = (chain: Chain, ledger: LedgerUse, exposure: FaultExposure) => fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), faultPlan, (seed, faults) => {
  const { ackPolicy, reconciliationIntervalMs } = chains[chain];
  const input = municipalInput(seed, ackPolicy, reconciliationIntervalMs);
  input.faults = [...(input.faults ?? []), ...faults];
  input.keepLedger = ledger === 'kept';
  const watch = new FaultWatch();
  const { verdict } = simulate(resolveSimulation(input), { watchers: [watch] }).judgement;
  exposure.record(watch.met);
  return verdict.checks.promise?.valid === true;
});

interface PropertyOptions {
  chain?: Chain;
  ledger?: LedgerUse;
  shrink?: boolean;
}

/**
 * Runs the property `numRuns` times from `seed`; throws fast-check's report if it fails, else returns
 * the share of worlds that met a fault that matters. The fixed chain is what the benchmark times; the
 * flawed one must fail it (or the property proves nothing).
 */
function runPromiseProperty(numRuns: number, seed: number, { chain = 'fixed', ledger = 'folded', shrink = true }: PropertyOptions = {}): number {
  const exposure = new FaultExposure();
  fc.assert(promiseProperty(chain, ledger, exposure), { numRuns, seed, endOnFailure: !shrink });
  return exposure.share;
}

export { runPromiseProperty };
