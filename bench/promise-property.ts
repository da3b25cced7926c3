// The promise property as the benchmark runs it: for any survivable fault plan on the 30-day municipal
// scenario, a case system that receipts only after its commit, with daily reconciliation, loses
// nothing. fc.assert + fc.property over the real simulate(), so runs/s is what a property test pays.

import * as fc from 'fast-check';
import { simulate } from '../harness/runner/simulate.js';
import { resolveSimulation } from '../harness/runner/simulation-config.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../harness/runtime/time.js';
import type { FaultSpec } from '../harness/faults/fault-spec.js';
import type { AckPolicy } from '../simulators/case-system/case-system.js';
import { MUNICIPAL_DAYS, municipalInput } from './scenarios.js';

const window = fc.record({
  fromMs: fc.integer({ min: 0, max: (MUNICIPAL_DAYS - 1) * DAY_MS }),
  lengthMs: fc.integer({ min: MINUTE_MS, max: 12 * HOUR_MS }),
});

/** Faults the fixed chain must survive: storage trouble, crashes and a misbehaving receipt link. */
const survivableFault: fc.Arbitrary<FaultSpec> = fc.oneof(
  window.chain(({ fromMs, lengthMs }) => fc.record({
    kind: fc.constantFrom('db-overload', 'backup-spike', 'db-outage', 'db-slow-commit', 'db-log-full', 'case-system-outage'),
    fromMs: fc.constant(fromMs),
    toMs: fc.constant(fromMs + lengthMs),
  })),
  window.chain(({ fromMs, lengthMs }) => fc.record({
    kind: fc.constantFrom('receipt-lost', 'receipt-duplicated', 'receipt-late', 'crash-after-ack'),
    fromMs: fc.constant(fromMs),
    toMs: fc.constant(fromMs + lengthMs),
    probabilityPct: fc.integer({ min: 1, max: 100 }),
  })),
  fc.record({ kind: fc.constant('case-system-crash' as const), atMs: fc.integer({ min: 0, max: MUNICIPAL_DAYS * DAY_MS }) }),
);

type Chain = 'fixed' | 'flawed';
/** fixed: receipt after commit, daily reconciliation. flawed: the 2023 chain, receipt before commit, no control. */
const chains: Record<Chain, { ackPolicy: AckPolicy; reconciliationIntervalMs: number }> = {
  fixed: { ackPolicy: 'after-commit', reconciliationIntervalMs: DAY_MS },
  flawed: { ackPolicy: 'before-commit', reconciliationIntervalMs: 0 },
};

const promiseProperty = (chain: Chain) => fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(survivableFault, { maxLength: 4 }), (seed, faults) => {
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

export { runPromiseProperty, survivableFault };
