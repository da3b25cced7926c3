// The worker thread that runs simulations, so the CLI's main thread stays free to draw progress and
// to hear Ctrl-C (a simulation is synchronous; a signal handler on its own thread would never run).
// Every job goes through runScenario(); stop requests and progress travel through shared memory.

import { parentPort, workerData } from 'node:worker_threads';
import { buildRunReport } from '../../reports/run-report.js';
import { KvitteringError } from '../errors.js';
import { compareReference } from '../scenario/compare-reference.js';
import { calibrate } from '../scenario/calibration.js';
import { runScenario } from '../scenario/run-scenario.js';
import { overridesOf, sweepCell } from '../scenario/sweep-grid.js';
import { PROGRESS, STOP, type RunAnswer, type RunJob } from './run-job.js';

const shared = new Int32Array(workerData as SharedArrayBuffer);
const port = parentPort;

function answer(job: RunJob): RunAnswer {
  const options = {
    seed: job.seed,
    shouldStop: () => Atomics.load(shared, STOP) === 1,
    onProgress: (fraction: number) => Atomics.store(shared, PROGRESS, Math.round(fraction * 1000)),
  };
  if (job.kind === 'cell') {
    const run = runScenario(job.loaded, { ...options, overrides: overridesOf(job.point) });
    return { kind: 'cell', cell: sweepCell(job.point, run), complete: run.result.complete };
  }
  const run = runScenario(job.loaded, options);
  const comparison = compareReference(run);
  const report = buildRunReport(job.meta, run.result, job.repro);
  // The run's own seed against the source figures; `kvittering calibrate` replaces it with many seeds.
  if (comparison !== undefined) report.calibration = calibrate([run.seed], [comparison]);
  return comparison === undefined ? { kind: 'run', report, eventsRun: run.result.eventsRun } : { kind: 'run', report, comparison, eventsRun: run.result.eventsRun };
}

port?.on('message', (job: RunJob) => {
  let reply: RunAnswer;
  try {
    reply = answer(job);
  } catch (error) {
    reply = error instanceof KvitteringError
      ? { kind: 'error', message: error.message, code: error.code, detail: error.detail, ...(error.hint === undefined ? {} : { hint: error.hint }) }
      : { kind: 'error', message: error instanceof Error ? error.message : String(error), ...(error instanceof Error && error.stack !== undefined ? { stack: error.stack } : {}) };
  }
  port.postMessage(reply);
});
// Loaded and listening: the CLI starts its clocks only now, so start-up is not billed to a scenario.
port?.postMessage({ kind: 'ready' } satisfies RunAnswer);
