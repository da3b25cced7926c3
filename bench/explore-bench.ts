// The explore row of `npm run bench`: the same worlds of the municipal after-fix scenario run on one
// warm worker thread and on two, one after the other in one process, so the scaling ratio is measured
// under the same load. CPU time covers every thread of the process.
//
// Both threads are warmed first in one long-lived pool: a fresh thread spends ~0.7 s CPU optimising the
// simulators before it runs worlds at full speed, and timing that would measure thread start-up, not
// scaling. The start-up and warm-up are reported on their own. Then the same worlds run in two
// independent processes (explore-solo.ts), which measures what this machine allows two copies to scale.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ExplorePool } from '../harness/explore/explore-pool.js';
import { explorePlan } from '../harness/explore/explore-world.js';
import { parseScenario } from '../harness/scenario/parse-scenario.js';

const scenarioFile = 'scenarios/npb-2023-after-fix.yaml';

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

interface Timed {
  worlds: number;
  wallMs: number;
  cpuMs: number;
}

const sum = (parts: readonly Timed[]): Timed => ({
  worlds: parts.reduce((n, p) => n + p.worlds, 0), wallMs: parts.reduce((n, p) => n + p.wallMs, 0), cpuMs: parts.reduce((n, p) => n + p.cpuMs, 0),
});

/** A warmed explore-solo.ts process: runs worlds when told, answers with their time. */
class SoloProcess {
  private readonly waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  private stderr = '';
  private exited: Error | undefined;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => this.waiting.shift()?.resolve(line));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-2_000);
    });
    child.on('exit', (code) => {
      const error = new Error(`explore-solo exited (${String(code)}): ${this.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      this.exited = error;
      for (const w of this.waiting.splice(0)) w.reject(error);
    });
  }

  static async start(warmUpFrom: number, warmUpWorlds: number): Promise<SoloProcess> {
    const script = fileURLToPath(new URL('./explore-solo.js', import.meta.url));
    const solo = new SoloProcess(spawn(process.execPath, [script, scenarioFile, String(warmUpFrom), String(warmUpWorlds)]));
    const ready = await solo.nextLine();
    if (ready !== 'READY') throw new Error(`explore-solo did not start: ${ready}`);
    return solo;
  }

  async run(from: number, to: number): Promise<Timed> {
    const answer = this.nextLine();
    this.child.stdin.write(`RUN ${from} ${to}\n`);
    const line = await answer;
    if (!line.startsWith('DONE ')) throw new Error(`explore-solo answered: ${line}`);
    return JSON.parse(line.slice(5)) as Timed;
  }

  close(): void {
    this.child.stdin.end();
  }

  private nextLine(): Promise<string> {
    const exited = this.exited;
    return exited !== undefined ? Promise.reject(exited) : new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }
}

/**
 * The machine's ceiling for this workload: the same worlds in one process alone, then in two processes
 * at once (the slower one counts), in alternating rounds. 2 × alone ÷ together is the best any
 * two-worker scaling could show here: cache, memory bandwidth and each process's GC threads are shared
 * with nothing kvittering controls.
 */
async function measureCeiling(worlds: number, rounds: number, warmUpWorlds: number): Promise<{ alone: Timed; together: Timed }> {
  const [a, b] = await Promise.all([SoloProcess.start(worlds, warmUpWorlds), SoloProcess.start(worlds + warmUpWorlds, warmUpWorlds)]);
  try {
    const alone: Timed[] = [];
    const together: Timed[] = [];
    const pair = async () => {
      const both = await Promise.all([a.run(0, worlds), b.run(0, worlds)]);
      const slower = both[0].wallMs >= both[1].wallMs ? both[0] : both[1];
      together.push({ worlds: 2 * worlds, wallMs: slower.wallMs, cpuMs: both[0].cpuMs + both[1].cpuMs });
    };
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 1) await pair();
      alone.push(await a.run(0, worlds));
      if (r % 2 === 0) await pair();
    }
    return { alone: sum(alone), together: sum(together) };
  } finally {
    a.close();
    b.close();
  }
}

async function measureExplore(o: Record<string, number>): Promise<object> {
  const path = fileURLToPath(new URL(`../../../${scenarioFile}`, import.meta.url));
  const loaded = parseScenario(readFileSync(path, 'utf8'), scenarioFile);
  const plan = explorePlan(loaded);
  const worlds = o.worlds ?? 300;
  const rounds = o.rounds ?? 3;
  const warmWorldsPerThread = o.warmWorldsPerThread ?? 400;
  const startCpu = process.cpuUsage();
  const startWall = performance.now();
  const pool = await ExplorePool.start(loaded, plan, 1, 2);
  const startUp = { wallMs: performance.now() - startWall, cpuMs: cpuMsSince(startCpu) };
  let measured: { warmUp: Timed; one: Timed; two: Timed };
  try {
    const timed = async (workers: number, from: number, to: number): Promise<Timed> => {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const outcomes = await pool.run(from, to, { workers });
      return { worlds: outcomes.length, wallMs: performance.now() - start, cpuMs: cpuMsSince(cpuStart) };
    };
    // Warm-up worlds come after the timed ones' indexes, so the timed worlds are the same in every run.
    const warmUp = await timed(2, worlds, worlds + 2 * warmWorldsPerThread);
    // Alternating rounds (1 then 2 threads, then 2 then 1, …): a machine that speeds up or slows down
    // during the run shifts both sides alike instead of skewing the ratio.
    const one: Timed[] = [];
    const two: Timed[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const workers of r % 2 === 0 ? [1, 2] : [2, 1]) (workers === 1 ? one : two).push(await timed(workers, 0, worlds));
    }
    measured = { warmUp, one: sum(one), two: sum(two) };
  } finally {
    await pool.close();
  }
  const ceiling = await measureCeiling(worlds, rounds, 2 * warmWorldsPerThread);
  return { scenario: scenarioFile, rounds, startUp, ...measured, ceiling };
}

export { measureExplore };
