// One measurement, in a child process of its own so that its peak memory is its own and a crash (out
// of memory at the heap cap) cannot take the benchmark down. Usage:
//   node measure.js <runtime|municipal|national|property> '<json options>'
// Prints progress lines ("PROGRESS {…}") while it runs and one "RESULT {…}" line at the end.

import { simulate } from '../harness/runner/simulate.js';
import { resolveSimulation } from '../harness/runner/simulation-config.js';
import { Scheduler } from '../harness/runtime/scheduler.js';
import { DAY_MS } from '../harness/runtime/time.js';
import { runBareHeapLoop } from './bare-heap-loop.js';
import { RunSampler, peakRssBytes } from './sampler.js';
import { municipalInput, nationalYearInput, throughputInput } from './scenarios.js';
import { runPromiseProperty } from './promise-property.js';
import { mm4Defaults, runMm4Bare, runMm4Kvittering, type Mm4Stats } from './mm4.js';
import { measureExplore } from './explore-bench.js';

type Options = Record<string, number>;

const report = (tag: 'RESULT' | 'PROGRESS', value: object) => process.stdout.write(`${tag} ${JSON.stringify(value)}\n`);

/** CPU time of this process (all threads, GC helpers included) since `start`. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Let the JIT see the simulators before anything is timed. */
function warmUp(runs: number): void {
  for (let i = 0; i < runs; i++) simulate(resolveSimulation(municipalInput(1_000 + i)));
}

/**
 * Section 1: full simulator logic vs. a bare heap loop doing the same number of events. The run is done
 * twice in one process: the municipal warm-up leaves the 20-receiver paths uncompiled, and on the first
 * run TurboFan compiles them on its helper threads (CPU 1.35–1.4× wall against 1.2× once compiled), so
 * the first is reported on its own and the second is the steady state the targets are about.
 */
function measureRuntime(o: Options): object {
  warmUp(o.warmUpRuns ?? 10);
  const config = resolveSimulation(throughputInput(o.seed ?? 1, o.messages ?? 200_000, o.receivers ?? 20, o.days ?? 30));
  const firstCpu = process.cpuUsage();
  const firstStart = performance.now();
  const first = simulate(config);
  const firstRun = { wallMs: performance.now() - firstStart, cpuMs: cpuMsSince(firstCpu), events: first.eventsRun };
  const scheduler = new Scheduler();
  let pendingSum = 0;
  let pendingSamples = 0;
  const sampler = new RunSampler(Infinity, () => {
    pendingSum += scheduler.pending;
    pendingSamples++;
  });
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = simulate(config, { scheduler, shouldStop: sampler.poll });
  const wallMs = performance.now() - start;
  const cpuMs = cpuMsSince(cpuStart);
  sampler.sample();
  const messages = result.judgement.verdict.total;
  const meanPending = Math.round(pendingSum / Math.max(1, pendingSamples));
  const bareCpuStart = process.cpuUsage();
  const bare = runBareHeapLoop(result.eventsRun, meanPending, (result.horizonMs * meanPending) / result.eventsRun, () => performance.now());
  const bareCpuMs = cpuMsSince(bareCpuStart);
  return {
    wallMs, cpuMs, bareCpuMs, events: result.eventsRun, messages, simulatedDays: result.horizonMs / DAY_MS, meanPending,
    peakHeapGrowthBytes: sampler.peakHeapGrowth, peakRssBytes: peakRssBytes(),
    bareWallMs: bare.wallMs, verdict: result.judgement.verdict.valid, firstRun,
  };
}

/** The 30-day, 1,000-message municipal scenario, timed one simulate() call at a time. */
function measureMunicipal(o: Options): object {
  warmUp(o.warmUpRuns ?? 10);
  const cpuStart = process.cpuUsage();
  const times: number[] = [];
  let messages = 0;
  let events = 0;
  for (let i = 0; i < (o.runs ?? 20); i++) {
    const config = resolveSimulation(municipalInput(i + 1));
    const start = performance.now();
    const result = simulate(config);
    times.push(performance.now() - start);
    messages += result.judgement.verdict.total;
    events += result.eventsRun;
  }
  times.sort((a, b) => a - b);
  // CPU of one call on average (the median of wall times is what the target is about).
  return { medianMs: times[Math.floor(times.length / 2)], cpuMs: cpuMsSince(cpuStart) / times.length, minMs: times[0], messagesPerRun: messages / times.length, eventsPerRun: events / times.length };
}

/** Section 2: a national year, stopped at a wall-time cap if it would run past it. */
function measureNational(o: Options): object {
  const config = resolveSimulation(nationalYearInput(o.seed ?? 1, o.messages ?? 10_000_000));
  const scheduler = new Scheduler();
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const sampler = new RunSampler((o.wallCapS ?? 600) * 1_000, (polls) => {
    if (polls % 2_000 === 0) {
      report('PROGRESS', { wallMs: performance.now() - started, simulatedDays: scheduler.now() / DAY_MS, events: scheduler.eventsRun, heapBytes: sampler.peakHeapUsed, peakRssBytes: peakRssBytes() });
    }
  });
  const result = simulate(config, { scheduler, shouldStop: sampler.poll });
  const wallMs = performance.now() - started;
  const cpuMs = cpuMsSince(cpuStart);
  sampler.sample();
  const v = result.judgement.verdict;
  return {
    wallMs, cpuMs, complete: result.complete, events: result.eventsRun, messages: v.total, simulatedDays: result.horizonMs / DAY_MS,
    peakHeapBytes: sampler.peakHeapUsed, peakRssBytes: peakRssBytes(), counts: v.counts, valid: v.valid,
  };
}

/**
 * Section 3: runs per second of the promise property on the municipal scenario: the first `runs` of a
 * fresh process (what one property test in CI pays, JIT compilation included — the compiler's threads
 * count in the process's CPU time), then `runs` more once the simulators are compiled (what a long
 * exploration or a nightly run of thousands of worlds pays per world), then `runs` with every ledger
 * entry kept, as the properties that read the whole history pay. `exposure`: the share of the timed
 * worlds that met a failed write or a lost receipt.
 */
function measureProperty(o: Options): object {
  const runs = o.runs ?? 100;
  const timed = (seed: number, ledger: 'folded' | 'kept') => {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const exposure = runPromiseProperty(runs, seed, { ledger });
    return { wallMs: performance.now() - start, cpuMs: cpuMsSince(cpuStart), exposure };
  };
  const cold = timed(3, 'folded');
  runPromiseProperty(o.warmUpRuns ?? 300, 1);
  runPromiseProperty(o.warmUpRuns ?? 300, 1, { ledger: 'kept' });
  const warm = timed(o.seed ?? 7, 'folded');
  const kept = timed(o.seed ?? 7, 'kept');
  return { runs, ...warm, coldWallMs: cold.wallMs, coldCpuMs: cold.cpuMs, kept: { wallMs: kept.wallMs, cpuMs: kept.cpuMs } };
}

/** The M/M/4 write path: kvittering's database simulator, then the bare loop, in one process (warmed). */
function measureMm4(o: Options): object {
  const options = { ...mm4Defaults, ...o };
  const timed = (run: () => Mm4Stats) => {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const stats = run();
    return { ...stats, wallMs: performance.now() - start, cpuMs: cpuMsSince(cpuStart) };
  };
  runMm4Kvittering({ ...options, messages: 20_000 });
  runMm4Bare({ ...options, messages: 20_000 });
  return { kvittering: timed(() => runMm4Kvittering(options)), bare: timed(() => runMm4Bare(options)) };
}

const measurements: Record<string, (o: Options) => object | Promise<object>> = {
  runtime: measureRuntime, municipal: measureMunicipal, national: measureNational, property: measureProperty, mm4: measureMm4, explore: measureExplore,
};

const [name = '', json = '{}'] = process.argv.slice(2);
const measure = measurements[name];
if (measure === undefined) {
  process.stderr.write(`[kvittering] E_BENCH_MEASURE: measurement is "${name}" — expected one of ${Object.keys(measurements).join(', ')}\n`);
  process.exit(2);
}
report('RESULT', await measure(JSON.parse(json) as Options));
