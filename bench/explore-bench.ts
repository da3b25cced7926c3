// The explore row of `npm run bench`: the same worlds of the municipal after-fix scenario run with one
// worker thread and with two, one after the other in one process, so the scaling ratio is measured
// under the same load. CPU time covers every thread of the process.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runWorlds } from '../harness/explore/explore-pool.js';
import { explorePlan } from '../harness/explore/explore-world.js';
import { parseScenario } from '../harness/scenario/parse-scenario.js';

const scenarioFile = 'scenarios/npb-2023-after-fix.yaml';

async function measureExplore(o: Record<string, number>): Promise<object> {
  const path = fileURLToPath(new URL(`../../../${scenarioFile}`, import.meta.url));
  const loaded = parseScenario(readFileSync(path, 'utf8'), scenarioFile);
  const plan = explorePlan(loaded);
  const worlds = o.worlds ?? 200;
  const timed = async (workers: number) => {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const outcomes = await runWorlds(loaded, plan, 1, 0, worlds, { workers });
    const used = process.cpuUsage(cpuStart);
    return { workers, worlds: outcomes.length, failing: outcomes.filter((w) => w.failure !== undefined).length, wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
  };
  await timed(2); // warm: the workers' start-up and the file cache, not measured
  const one = await timed(1);
  const two = await timed(2);
  return { scenario: scenarioFile, one, two };
}

export { measureExplore };
