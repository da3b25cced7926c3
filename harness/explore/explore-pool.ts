// Runs a range of worlds on K worker threads: each idle worker gets the next index, outcomes come back
// in any order and are sorted by index, so the result does not depend on K or on scheduling.

import { Worker } from 'node:worker_threads';
import type { LoadedScenario } from '../scenario/parse-scenario.js';
import type { ExploreAnswer, ExploreWorkerData } from './explore-worker.js';
import type { ExplorePlan, WorldOutcome } from './explore-world.js';

interface PoolOptions {
  workers: number;
  /** Told after every world: how many are done. */
  onProgress?: (done: number, total: number) => void;
  /** Polled between worlds; true stops handing out new ones (Ctrl-C). */
  shouldStop?: () => boolean;
}

function startWorker(data: ExploreWorkerData): Worker {
  // Under tsx (running from the repository) the worker registers the TypeScript loader itself: loader
  // hooks are per thread. From compiled JavaScript it imports the worker directly.
  const typescript = import.meta.url.endsWith('.ts');
  const entry = new URL(`./explore-worker.${typescript ? 'ts' : 'js'}`, import.meta.url).href;
  const source = typescript
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`
    : `import(${JSON.stringify(entry)});`;
  return new Worker(source, { eval: true, workerData: data });
}

/** Outcomes of worlds [from, to), sorted by index; fewer if stopped. */
async function runWorlds(loaded: LoadedScenario, plan: ExplorePlan, baseSeed: number, from: number, to: number, options: PoolOptions): Promise<WorldOutcome[]> {
  const total = to - from;
  const outcomes: WorldOutcome[] = [];
  if (total <= 0) return outcomes;
  let next = from;
  const workers = Array.from({ length: Math.max(1, Math.min(options.workers, total)) }, () => startWorker({ loaded, plan, baseSeed }));
  try {
    await new Promise<void>((resolve, reject) => {
      let busy = 0;
      const feed = (worker: Worker) => {
        if (next < to && options.shouldStop?.() !== true) {
          busy++;
          worker.postMessage(next++);
        } else if (busy === 0) {
          resolve();
        }
      };
      for (const worker of workers) {
        worker.on('message', (answer: ExploreAnswer) => {
          if (answer.kind === 'error') {
            reject(new Error(`world ${answer.index}: ${answer.message}`));
            return;
          }
          if (answer.kind === 'world') {
            busy--;
            outcomes.push(answer.outcome);
            options.onProgress?.(outcomes.length, total);
          }
          feed(worker);
        });
        worker.once('error', reject);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outcomes.sort((a, b) => a.index - b.index);
}

export { runWorlds };
export type { PoolOptions };
