// The promise property as the benchmark runs it: for any survivable fault plan on the 30-day municipal
// scenario, a case system that receipts only after its commit, with the print fallback on and daily
// reconciliation, loses nothing. The fault plans come from the property-test arbitraries
// (harness/arbitraries: faultPlanArbitrary over the 'nets' family's survivable faults), spread over
// the whole 30 days; fc.assert + fc.property over the real simulate(), so runs/s is what a property
// test of this size pays.

import * as fc from 'fast-check';
import { faultPlanArbitrary, survivableFaults } from '../harness/arbitraries/index.js';
import { simulate } from '../harness/runner/simulate.js';
import { resolveSimulation } from '../harness/runner/simulation-config.js';
import { DAY_MS } from '../harness/runtime/time.js';
import type { AckPolicy } from '../simulators/case-system/case-system.js';
import { MUNICIPAL_DAYS, municipalInput } from './scenarios.js';

type Chain = 'fixed' | 'flawed';
/** fixed: receipt after commit, daily reconciliation. flawed: the 2023 chain, receipt before commit, no control. */
const chains: Record<Chain, { ackPolicy: AckPolicy; reconciliationIntervalMs: number }> = {
  fixed: { ackPolicy: 'after-commit', reconciliationIntervalMs: DAY_MS },
  flawed: { ackPolicy: 'before-commit', reconciliationIntervalMs: 0 },
};

/** Up to four faults anywhere in the 30 days, none of which the fixed chain may lose a report to. */
const faultPlan = faultPlanArbitrary({ kinds: survivableFaults.nets, targets: ['bergen'], horizonMs: MUNICIPAL_DAYS * DAY_MS, maxFaults: 4 })
  // As in the safe 'nets' worlds: an operator purge while the print channel is down deletes unprinted mail.
  .map((faults) => (faults.some((f) => f.kind === 'fallback-channel-down') ? faults.filter((f) => f.kind !== 'early-purge') : faults));

const promiseProperty = (chain: Chain) => fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), faultPlan, (seed, faults) => {
  const { ackPolicy, reconciliationIntervalMs } = chains[chain];
  const input = municipalInput(seed, ackPolicy, reconciliationIntervalMs);
  input.faults = [...(input.faults ?? []), ...faults];
  const { verdict } = simulate(resolveSimulation(input)).judgement;
  return verdict.checks.promise?.valid === true;
});

/**
 * Runs the property `numRuns` times from `seed`; throws fast-check's report if it fails. The fixed
 * chain is what the benchmark times; the flawed one must fail it (or the property proves nothing).
 */
function runPromiseProperty(numRuns: number, seed: number, chain: Chain = 'fixed', shrink = true): void {
  fc.assert(promiseProperty(chain), { numRuns, seed, endOnFailure: !shrink });
}

export { runPromiseProperty };
