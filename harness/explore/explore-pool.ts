// Runs a range of worlds on K worker threads: each idle worker gets the next index, outcomes come back
// in any order and are sorted by index, so the result does not depend on K or on scheduling.
//
// The pool outlives one range: a worker thread is a fresh V8 isolate that compiles and optimises the
// simulators on its own (the first ~60 worlds of the municipal scenario run 5–10× slower than the rest,
// ~0.7 s CPU per thread), so a caller that runs several ranges — or a benchmark that must time warm
// threads — keeps one pool instead of paying that per range.

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

/**
 * World indexes a worker holds at once: the one it runs and the next, so it starts that one as soon as
 * it answers instead of idling while its answer crosses to the main thread and a new index comes back —
 * a round trip that, with both cores busy running worlds of a few milliseconds, cost a fifth of the wall
 * time. Outcomes are sorted by index, so which worker runs which world still cannot change the result.
 */
const QUEUED_PER_WORKER = 2;

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

/** Resolves when the worker has loaded its modules and said so; rejects if it dies first. */
function ready(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (answer: ExploreAnswer) => {
      if (answer.kind !== 'ready') return;
      worker.off('error', reject);
      worker.off('message', onMessage);
      resolve();
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}

class ExplorePool {
  private constructor(private readonly workers: readonly Worker[]) {}

  /** `size` worker threads for worlds of one scenario, plan and base seed, each loaded and ready. */
  static async start(loaded: LoadedScenario, plan: ExplorePlan, baseSeed: number, size: number): Promise<ExplorePool> {
    const workers = Array.from({ length: Math.max(1, size) }, () => startWorker({ loaded, plan, baseSeed }));
    const pool = new ExplorePool(workers);
    try {
      await Promise.all(workers.map(ready));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  get size(): number {
    return this.workers.length;
  }

  /** Outcomes of worlds [from, to) on the first `options.workers` threads, sorted by index; fewer if stopped. */
  async run(from: number, to: number, options: PoolOptions): Promise<WorldOutcome[]> {
    const total = to - from;
    const outcomes: WorldOutcome[] = [];
    if (total <= 0) return outcomes;
    const used = this.workers.slice(0, Math.max(1, Math.min(options.workers, total)));
    let next = from;
    const detach: (() => void)[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        let busy = 0;
        const feeds: (() => void)[] = [];
        for (const worker of used) {
          /** World indexes handed to this worker and not yet answered. */
          let queued = 0;
          const feed = () => {
            while (queued < QUEUED_PER_WORKER && next < to && options.shouldStop?.() !== true) {
              busy++;
              queued++;
              worker.postMessage(next++);
            }
            if (busy === 0) resolve();
          };
          const onMessage = (answer: ExploreAnswer) => {
            if (answer.kind === 'error') {
              reject(new Error(`world ${answer.index}: ${answer.message}`));
              return;
            }
            if (answer.kind === 'world') {
              busy--;
              queued--;
              outcomes.push(answer.outcome);
              options.onProgress?.(outcomes.length, total);
            }
            feed();
          };
          worker.on('message', onMessage);
          worker.once('error', reject);
          detach.push(() => {
            worker.off('message', onMessage);
            worker.off('error', reject);
          });
          feeds.push(feed);
        }
        for (const feed of feeds) feed();
      });
    } finally {
      for (const off of detach) off();
    }
    return outcomes.sort((a, b) => a.index - b.index);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Outcomes of worlds [from, to) on a pool started for them and closed after; fewer if stopped. */
async function runWorlds(loaded: LoadedScenario, plan: ExplorePlan, baseSeed: number, from: number, to: number, options: PoolOptions): Promise<WorldOutcome[]> {
  if (to <= from) return [];
  const pool = await ExplorePool.start(loaded, plan, baseSeed, Math.min(options.workers, to - from));
  try {
    return await pool.run(from, to, options);
  } finally {
    await pool.close();
  }
}

export { ExplorePool, runWorlds };
export type { PoolOptions };
