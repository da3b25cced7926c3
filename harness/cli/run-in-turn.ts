// Runs a list of jobs one after another on one worker (sweep points, calibration seeds), with the
// progress bar, Ctrl-C and clean-up every such command needs, written once.

import { isInteractive, type CliIo } from './cli-io.js';
import { progressBar } from './progress-bar.js';
import { ScenarioRunner } from './scenario-runner.js';

interface InTurn {
  /** Jobs that finished (the step returned true). */
  done: number;
  /** Ctrl-C stopped the runner. */
  stopped: boolean;
}

/**
 * Calls `step` for each item in order until it returns false or Ctrl-C stops the runner. The bar reads
 * `<label> <k>/<n>`; `interactive` tells the step whether a bar is drawn (else it may log a line).
 */
async function runInTurn<T>(io: CliIo, label: string, items: readonly T[],
  step: (runner: ScenarioRunner, item: T, index: number, interactive: boolean) => Promise<boolean>): Promise<InTurn> {
  const interactive = isInteractive(io);
  const bar = progressBar(io, interactive);
  const runner = new ScenarioRunner();
  const removeInterrupt = io.onInterrupt(() => runner.stop());
  let done = 0;
  const ticker = setInterval(() => bar.update(`${label} ${done + 1}/${items.length}`, (done + runner.progress()) / items.length), 100);
  try {
    for (const item of items) {
      if (!await step(runner, item, done, interactive)) break;
      done++;
    }
  } finally {
    clearInterval(ticker);
    bar.done();
    removeInterrupt();
    await runner.close();
  }
  return { done, stopped: runner.stopped };
}

export { runInTurn };
export type { InTurn };
