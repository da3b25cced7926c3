// A worker thread of an exploration: told the scenario and plan once, then world indexes one at a
// time; answers each with the world's outcome. Worlds are independent, so any worker may run any one.

import { parentPort, workerData } from 'node:worker_threads';
import type { LoadedScenario } from '../scenario/parse-scenario.js';
import { exploreWorld, type ExplorePlan, type WorldOutcome } from './explore-world.js';

interface ExploreWorkerData {
  loaded: LoadedScenario;
  plan: ExplorePlan;
  baseSeed: number;
}

type ExploreAnswer = { kind: 'ready' } | { kind: 'world'; outcome: WorldOutcome } | { kind: 'error'; index: number; message: string };

const { loaded, plan, baseSeed } = workerData as ExploreWorkerData;
const port = parentPort;

port?.on('message', (index: number) => {
  try {
    port.postMessage({ kind: 'world', outcome: exploreWorld(loaded, plan, baseSeed, index) } satisfies ExploreAnswer);
  } catch (error) {
    port.postMessage({ kind: 'error', index, message: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies ExploreAnswer);
  }
});
port?.postMessage({ kind: 'ready' } satisfies ExploreAnswer);

export type { ExploreWorkerData, ExploreAnswer };
