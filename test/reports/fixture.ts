// A small deterministic run for the report tests: two municipalities behind the 2023 flaw (receipt
// before commit, nightly backup overloading the database), one with daily reconciliation and one whose
// error log is read only after 18 days, and a third with the vendor fix through a database outage —
// so every chart has data: stored, fallback, recovered, lost too late, fault windows, write failures.

import { simulate, type SimulationResult } from '../../harness/runner/simulate.js';
import { resolveSimulation } from '../../harness/runner/simulation-config.js';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import { buildRunReport, type RunReport, type ScenarioMeta } from '../../reports/run-report.js';

const DAYS = 4;

function fixtureResult(seed = 8): SimulationResult {
  return simulate(resolveSimulation({
    seed,
    portal: { retentionDays: 14 },
    receivers: [
      { id: 'bergen', caseSystem: { ackPolicy: 'before-commit' }, controls: { alertDelayMs: 18 * DAY_MS } },
      { id: 'voss', caseSystem: { ackPolicy: 'before-commit' }, controls: { reconciliationIntervalMs: DAY_MS } },
      { id: 'odda', weight: 0.5, caseSystem: { ackPolicy: 'retry-then-fail' } },
      { id: 'ulvik', weight: 0.5, caseSystem: { ackPolicy: 'before-commit' } },
    ],
    workload: { ratePerDay: 60, durationMs: DAYS * DAY_MS, publicSharePct: 60 },
    faults: [
      { kind: 'backup-spike', fromMs: HOUR_MS, toMs: 4 * HOUR_MS, repeatEveryMs: DAY_MS, repeatUntilMs: DAYS * DAY_MS, slowdownFactor: 2000, offlineWorkersPct: 75 },
      { kind: 'db-outage', targets: ['odda'], fromMs: 2 * DAY_MS + 8 * HOUR_MS, toMs: 2 * DAY_MS + 16 * HOUR_MS },
    ],
  }));
}

const fixtureMeta: ScenarioMeta = {
  id: 'report-fixture',
  title: 'Four municipalities, three behind the 2023 flaw',
  narrative: 'Three case systems send their receipt before the database write commits, and a nightly backup job overloads the database.\n\nVoss reconciles daily against the portal; Bergen’s error log is read only after 18 days; Ulvik has no control at all. Odda runs the vendor fix (retry, then answer “feilet”) through an eight-hour database outage.',
  expected: 'fail',
  file: 'scenarios/report-fixture.yaml',
};

function fixtureReport(seed = 8, meta: ScenarioMeta = fixtureMeta): RunReport {
  return buildRunReport(meta, fixtureResult(seed), {
    toolVersion: '0.1.0',
    scenarioHash: 'sha256:0123456789abcdef',
    seed,
    command: `npx kvittering run scenarios/report-fixture.yaml --seed ${seed} --format html --lang en`,
  });
}

export { fixtureResult, fixtureReport, fixtureMeta };
