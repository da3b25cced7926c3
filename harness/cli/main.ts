// Entry point of `npm start`: until the scenario library lands, run the 2023 incident three ways on
// the embedded simulator and print the fates, so a newcomer sees the failure and the fix in one go.

import { simulate } from '../runner/simulate.js';
import { resolveSimulation } from '../runner/simulation-config.js';
import { DAY_MS, HOUR_MS } from '../runtime/time.js';
import type { AckPolicy } from '../../simulators/case-system/case-system.js';

function incident(ackPolicy: AckPolicy, reconciliationIntervalMs: number) {
  return resolveSimulation({
    seed: 2023,
    portal: { retentionDays: 14 },
    receivers: [{ id: 'bergen', caseSystem: { ackPolicy }, controls: { reconciliationIntervalMs } }],
    workload: { ratePerDay: 48, durationMs: 30 * DAY_MS },
    faults: [{ kind: 'backup-spike', fromMs: HOUR_MS, toMs: 4 * HOUR_MS, repeatEveryMs: DAY_MS, repeatUntilMs: 30 * DAY_MS, slowdownFactor: 2000, offlineWorkersPct: 75 }],
  });
}

const rows: [string, AckPolicy, number][] = [
  ['2023 flaw: receipt before commit', 'before-commit', 0],
  ['the flaw + daily reconciliation', 'before-commit', DAY_MS],
  ['the vendor fix: retry, then fail', 'retry-then-fail', 0],
  ['receipt after commit', 'after-commit', 0],
];
console.log('kvittering — nightly backup overloads SQL storage, 30 days, 48 reports/day, seed 2023\n');
for (const [label, policy, interval] of rows) {
  const { verdict } = simulate(incident(policy, interval)).judgement;
  const c = verdict.counts;
  const status = verdict.valid === true ? 'PASS' : verdict.valid === false ? 'FAIL' : 'UNKNOWN';
  console.log(`${status.padEnd(7)} ${label.padEnd(36)} stored ${c.stored}, fallback ${c.fallback}, recovered ${c.recovered}, lost-silent ${c['lost-silent']}, lost-detected-late ${c['lost-detected-late']}`);
}
