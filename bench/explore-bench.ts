// The explore row of `npm run bench`: the same worlds of the municipal after-fix scenario run on one
// warm worker thread and on two, one after the other in one process, so the scaling ratio is measured
// under the same load. CPU time covers every thread of the process.
//
// Both threads are warmed first in one long-lived pool: a fresh thread spends ~0.7 s CPU optimising the
// simulators before it runs worlds at full speed, and timing that would measure thread start-up, not
// scaling. The start-up and warm-up are reported on their own.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ExplorePool } from '../harness/explore/explore-pool.js';
import { explorePlan } from '../harness/explore/explore-world.js';
import { parseScenario } from '../harness/scenario/parse-scenario.js';

const scenarioFile = 'scenarios/npb-2023-after-fix.yaml';

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function measureExplore(o: Record<string, number>): Promise<object> {
  const path = fileURLToPath(new URL(`../../../${scenarioFile}`, import.meta.url));
  const loaded = parseScenario(readFileSync(path, 'utf8'), scenarioFile);
  const plan = explorePlan(loaded);
  const worlds = o.worlds ?? 300;
  const warmWorldsPerThread = o.warmWorldsPerThread ?? 100;
  const startCpu = process.cpuUsage();
  const startWall = performance.now();
  const pool = await ExplorePool.start(loaded, plan, 1, 2);
  const startUp = { wallMs: performance.now() - startWall, cpuMs: cpuMsSince(startCpu) };
  try {
    const timed = async (workers: number, from: number, to: number) => {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const outcomes = await pool.run(from, to, { workers });
      return { workers, worlds: outcomes.length, failing: outcomes.filter((w) => w.failure !== undefined).length, wallMs: performance.now() - start, cpuMs: cpuMsSince(cpuStart) };
    };
    // Warm-up worlds come after the timed ones' indexes, so the timed worlds are the same in every run.
    const warmUp = await timed(2, worlds, worlds + 2 * warmWorldsPerThread);
    const one = await timed(1, 0, worlds);
    const two = await timed(2, 0, worlds);
    return { scenario: scenarioFile, startUp, warmUp, one, two };
  } finally {
    await pool.close();
  }
}

export { measureExplore };
