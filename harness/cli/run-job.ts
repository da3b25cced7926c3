// What the CLI asks the worker thread to do, and what comes back. Plain data only: it crosses the
// thread boundary by structured clone.

import type { RunReport, ScenarioMeta, Reproducibility } from '../../reports/run-report.js';
import type { LoadedScenario } from '../scenario/parse-scenario.js';
import type { ReferenceComparison } from '../scenario/compare-reference.js';
import type { SweepCell, SweepPoint } from '../scenario/sweep-grid.js';

type RunJob =
  | { kind: 'run'; loaded: LoadedScenario; seed: number; meta: ScenarioMeta; repro: Reproducibility }
  | { kind: 'cell'; loaded: LoadedScenario; seed: number; point: SweepPoint };

interface ErrorAnswer {
  kind: 'error';
  message: string;
  code?: string;
  detail?: string;
  hint?: string;
  stack?: string;
}

type RunAnswer =
  | { kind: 'ready' }
  | { kind: 'run'; report: RunReport; comparison?: ReferenceComparison; eventsRun: number }
  | { kind: 'cell'; cell: SweepCell; complete: boolean }
  | ErrorAnswer;

/** Shared with the worker: [0] = stop requested (Ctrl-C), [1] = progress in permille. */
const STOP = 0;
const PROGRESS = 1;

export { STOP, PROGRESS };
export type { RunJob, RunAnswer, ErrorAnswer };
