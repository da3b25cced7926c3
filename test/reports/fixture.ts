// A small deterministic run for the report tests: two municipalities behind the 2023 flaw (receipt
// before commit, nightly backup overloading the database), one with daily reconciliation and one whose
// error log is read only after 18 days; Ulvik behind the flaw with no control through a database outage;
// Kristiansand's reporters who chase and re-send (category D); and Odda with the vendor fix through an
// outage — so every chart has data: stored, fallback, recovered, re-sent, lost too late, lost silently,
// fault windows, write failures.
//
// Every fate has its own count (asserted in renderers.test.ts): a renderer that swaps two rows, or
// reads one fate's count for another, changes a golden file.

import { simulate, type SimulationResult } from '../../harness/runner/simulate.js';
import { resolveSimulation, type SimulationInput } from '../../harness/runner/simulation-config.js';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import { buildRunReport, type RunReport, type ScenarioMeta } from '../../reports/run-report.js';

const DAYS = 4;
const SEED = 17;

const chasers = { publicChasePct: 100, privateChasePct: 100, chaseAfterMs: 3 * DAY_MS, chaseDelayMeanMs: DAY_MS, chaseResendPct: 100 };

function fixtureInput(seed: number): SimulationInput {
  return {
    seed,
    portal: { retentionDays: 14 },
    receivers: [
      { id: 'bergen', caseSystem: { ackPolicy: 'before-commit' }, controls: { alertDelayMs: 18 * DAY_MS } },
      { id: 'voss', caseSystem: { ackPolicy: 'before-commit' }, controls: { reconciliationIntervalMs: DAY_MS } },
      { id: 'odda', weight: 0.5, caseSystem: { ackPolicy: 'retry-then-fail' } },
      { id: 'ulvik', weight: 0.5, caseSystem: { ackPolicy: 'before-commit' } },
      { id: 'kristiansand', weight: 0.5, caseSystem: { ackPolicy: 'before-commit' }, controls: chasers },
    ],
    workload: { ratePerDay: 60, durationMs: DAYS * DAY_MS, publicSharePct: 60 },
    faults: [
      { kind: 'backup-spike', fromMs: HOUR_MS, toMs: 4 * HOUR_MS, repeatEveryMs: DAY_MS, repeatUntilMs: DAYS * DAY_MS, slowdownFactor: 2000, offlineWorkersPct: 75 },
      { kind: 'db-outage', targets: ['ulvik'], fromMs: DAY_MS + 8 * HOUR_MS, toMs: DAY_MS + 20 * HOUR_MS },
      { kind: 'db-outage', targets: ['kristiansand'], fromMs: 8 * HOUR_MS, toMs: 20 * HOUR_MS },
      { kind: 'db-outage', targets: ['odda'], fromMs: 2 * DAY_MS + 8 * HOUR_MS, toMs: 2 * DAY_MS + 16 * HOUR_MS },
    ],
  };
}

/** The fixture world; `fixed`: every receiver runs the vendor fix (retry, then "feilet"), so nothing is lost. */
function fixtureResult(seed = SEED, fixed = false): SimulationResult {
  const input = fixtureInput(seed);
  if (fixed) input.receivers = input.receivers.map((r) => ({ ...r, caseSystem: { ackPolicy: 'retry-then-fail' } }));
  return simulate(resolveSimulation(input));
}

const fixtureMeta: ScenarioMeta = {
  id: 'report-fixture',
  title: 'Five municipalities, four behind the 2023 flaw',
  narrative: 'Four case systems send their receipt before the database write commits, and a nightly backup job overloads the database.\n\nVoss reconciles daily against the portal; Bergen’s error log is read only after 18 days; Ulvik has no control at all through a twelve-hour database outage; Kristiansand’s reporters chase after three days and are asked to send again. Odda runs the vendor fix (retry, then answer “feilet”) through an eight-hour database outage.',
  expected: 'fail',
  file: 'scenarios/report-fixture.yaml',
};

function fixtureReport(seed = SEED, meta: ScenarioMeta = fixtureMeta, fixed = false): RunReport {
  return buildRunReport(meta, fixtureResult(seed, fixed), {
    toolVersion: '0.1.0',
    scenarioHash: 'sha256:0123456789abcdef',
    seed,
    command: `npx kvittering run scenarios/report-fixture.yaml --seed ${seed} --format html --lang en`,
  });
}

export { fixtureResult, fixtureReport, fixtureMeta, SEED as fixtureSeed };
