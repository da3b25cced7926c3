// `npm run bench`: measures the simulated runtime, a national year, property-test throughput and live
// mode, each measurement in a fresh child process, several runs each; prints a table of medians and
// writes bench/results.json. Targets are checked here, never by timed unit tests.
//
//   npm run bench                      # everything, 5 runs each (national year: 3 runs)
//   npm run bench -- --quick           # a smoke run: 3 runs, a 1-million-message year
//   npm run bench -- --only runtime,municipal --runs 7
//   npm run bench -- --only live --keep   # measure live mode, keep the other rows of results.json

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, totalmem, availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { KvitteringError } from '../harness/errors.js';
import { metricRow, type BenchResults, type MetricRow } from './bench-results.js';
import { renderTable } from './render-table.js';
import { runChild, type ChildOutcome } from './run-child.js';
import { measureLive } from './live-bench.js';
import { mm4Defaults } from './mm4.js';
import { runSimPy } from './simpy.js';

const sections = ['runtime', 'mm4', 'municipal', 'property', 'explore', 'national', 'live'] as const;
type Section = (typeof sections)[number];
const MiB = 1024 * 1024;
/** The national year must fit in 4 GiB: give V8 exactly that much heap, so fitting is proven, not hoped. */
const HEAP_CAP_MIB = 4096;

interface BenchOptions {
  runs: number;
  only: Set<Section>;
  nationalMessages: number;
  nationalRuns: number;
  nationalCapS: number;
  propertyRuns: number;
  mm4Messages: number;
  exploreWorlds: number;
  /** Keep the rows of sections not measured this time from the existing results.json. */
  keep: boolean;
}

function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string' }, only: { type: 'string' }, quick: { type: 'boolean' }, keep: { type: 'boolean' },
      'national-messages': { type: 'string' }, 'national-runs': { type: 'string' }, 'national-cap-s': { type: 'string' },
    },
  });
  const quick = values.quick === true;
  const positive = (name: string, text: string | undefined, fallback: number) => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n <= 0) throw new KvitteringError('E_BENCH_OPTION', `--${name} is "${text}" — expected a whole number > 0`);
    return n;
  };
  const only = new Set<Section>();
  for (const name of (values.only ?? sections.join(',')).split(',')) {
    if (!(sections as readonly string[]).includes(name)) throw new KvitteringError('E_BENCH_OPTION', `--only names "${name}" — expected some of ${sections.join(', ')}`);
    only.add(name as Section);
  }
  return {
    runs: positive('runs', values.runs, quick ? 3 : 5),
    only,
    nationalMessages: positive('national-messages', values['national-messages'], quick ? 1_000_000 : 10_000_000),
    nationalRuns: positive('national-runs', values['national-runs'], quick ? 1 : 3),
    nationalCapS: positive('national-cap-s', values['national-cap-s'], 1800),
    propertyRuns: quick ? 50 : 200,
    mm4Messages: quick ? 50_000 : 200_000,
    exploreWorlds: quick ? 100 : 300,
    keep: values.keep === true,
  };
}

const num = (outcome: ChildOutcome, key: string): number => Number(outcome.result?.[key]);

async function repeat(runs: number, name: string, options: Record<string, number>, log: (line: string) => void): Promise<ChildOutcome[]> {
  const outcomes: ChildOutcome[] = [];
  for (let i = 0; i < runs; i++) {
    const outcome = await runChild(name, options, HEAP_CAP_MIB);
    log(`  ${name} run ${i + 1}/${runs}: ${outcome.ok ? `${(outcome.wallMs / 1000).toFixed(1)} s` : `FAILED (${outcome.failure ?? ''})`}`);
    outcomes.push(outcome);
  }
  return outcomes;
}

async function runtimeRows(o: BenchOptions, raw: Record<string, unknown[]>, log: (line: string) => void): Promise<MetricRow[]> {
  const scenario = { messages: 200_000, receivers: 20, days: 30 };
  const runs = (await repeat(o.runs, 'runtime', scenario, log)).filter((r) => r.ok);
  raw.runtime = runs.map((r) => r.result);
  const per = (f: (r: ChildOutcome) => number) => runs.map(f);
  const s = (r: ChildOutcome) => num(r, 'wallMs') / 1000;
  const label = `${scenario.messages / 1000}k msgs, ${scenario.receivers} receivers, ${scenario.days} d + settling, faults`;
  const cpuS = per((r) => num(r, 'cpuMs') / 1000);
  return [
    metricRow('runtime', 'scheduler events/s, full simulators', 'events/s', per((r) => num(r, 'events') / s(r)), { target: { op: '>=', value: 1_000_000 }, note: `scenario: ${label}; one core`, cpuS }),
    metricRow('runtime', 'messages/s', 'msgs/s', per((r) => num(r, 'messages') / s(r))),
    metricRow('runtime', 'virtual-time compression', 'sim days/s', per((r) => num(r, 'simulatedDays') / s(r))),
    metricRow('runtime', 'peak heap per million messages', 'MiB', per((r) => (num(r, 'peakHeapGrowthBytes') / MiB) * (1e6 / num(r, 'messages')))),
    metricRow('runtime', 'bare binary-heap loop, same events', 'events/s', per((r) => num(r, 'events') / (num(r, 'bareWallMs') / 1000))),
    metricRow('runtime', 'slowdown vs bare loop', '×', per((r) => num(r, 'wallMs') / num(r, 'bareWallMs')), { target: { op: '<=', value: 3 } }),
    metricRow('runtime', 'events/s per CPU second (load-independent)', 'events/s', per((r) => num(r, 'events') / (num(r, 'cpuMs') / 1000)), { note: 'CPU time of the process, GC threads included: less sensitive to other work on the machine than wall time', target: { op: '>=', value: 1_000_000 }, cpuS }),
    metricRow('runtime', 'slowdown vs bare loop, CPU time', '×', per((r) => num(r, 'cpuMs') / num(r, 'bareCpuMs')), { target: { op: '<=', value: 3 }, cpuS }),
    metricRow('runtime', 'first run in the process, events/s per CPU second', 'events/s', per((r) => sub(r, 'firstRun', 'events') / (sub(r, 'firstRun', 'cpuMs') / 1000)), {
      cpuS: per((r) => sub(r, 'firstRun', 'cpuMs') / 1000),
      note: 'the same run before it: it pays TurboFan compiling the 20-receiver paths on its helper threads (the municipal warm-up does not reach them); the rows above time the second, compiled run',
    }),
  ];
}

async function municipalRows(o: BenchOptions, raw: Record<string, unknown[]>, log: (line: string) => void): Promise<MetricRow[]> {
  const runs = (await repeat(o.runs, 'municipal', { runs: 30 }, log)).filter((r) => r.ok);
  raw.municipal = runs.map((r) => r.result);
  const messages = runs.length > 0 ? Math.round(num(runs[0] as ChildOutcome, 'messagesPerRun')) : 0;
  return [metricRow('municipal', '30-day scenario, one simulate()', 'ms', runs.map((r) => num(r, 'medianMs')), {
    target: { op: '<=', value: 20 }, cpuS: runs.map((r) => num(r, 'cpuMs') / 1000),
    note: `one municipality, ~${messages} messages over 30 days + settling, nightly backup fault, reconciliation; median of 30 calls per process, warmed up`,
  })];
}

async function propertyRows(o: BenchOptions, raw: Record<string, unknown[]>, log: (line: string) => void): Promise<MetricRow[]> {
  const runs = (await repeat(o.runs, 'property', { runs: o.propertyRuns }, log)).filter((r) => r.ok);
  raw.property = runs.map((r) => r.result);
  const cpuS = runs.map((r) => num(r, 'cpuMs') / 1000);
  const exposure = runs.length > 0 ? Math.round(100 * num(runs[0] as ChildOutcome, 'exposure')) : 0;
  return [metricRow('property', 'promise property, 30-day municipal', 'runs/s', runs.map((r) => num(r, 'runs') / (num(r, 'wallMs') / 1000)), {
    cpuS,
    note: `fc.assert(fc.property(seed, 0–4 survivable faults ⇒ promise holds)), ${o.propertyRuns} runs once the simulators are compiled (after 300 runs); ` +
      `the ledger folded and watched for a failed write or lost receipt, as in the promise test (${exposure} % of the worlds met one)`,
  }), metricRow('property', 'promise property, runs per CPU second', 'runs/s', runs.map((r) => num(r, 'runs') / (num(r, 'cpuMs') / 1000)), {
    target: { op: '>=', value: 300 }, cpuS, note: 'one core, compiled: the target is 300 runs/s per core',
  }), metricRow('property', 'the same, every ledger entry kept, per CPU second', 'runs/s', runs.map((r) => num(r, 'runs') / (sub(r, 'kept', 'cpuMs') / 1000)), {
    cpuS: runs.map((r) => sub(r, 'kept', 'cpuMs') / 1000),
    note: 'what a property pays that reads the whole history (the race and same-seed properties): every entry built and kept',
  }), metricRow('property', 'first runs of a fresh process, per CPU second', 'runs/s', runs.map((r) => num(r, 'runs') / (num(r, 'coldCpuMs') / 1000)), {
    cpuS: runs.map((r) => num(r, 'coldCpuMs') / 1000),
    note: `the first ${o.propertyRuns} runs in a new process, as one property test in CI pays them: JIT compilation included (its threads count in the process's CPU time)`,
  })];
}

/** `key` of the result's `part`; a dotted part ("ceiling.alone") reaches into nested results. */
const sub = (outcome: ChildOutcome, part: string, key: string): number => {
  const parent = part.split('.').reduce<unknown>((at, name) => (at as Record<string, unknown> | undefined)?.[name], outcome.result);
  return Number((parent as Record<string, unknown> | undefined)?.[key]);
};

async function mm4Rows(o: BenchOptions, raw: Record<string, unknown[]>, log: (line: string) => void): Promise<MetricRow[]> {
  const model = { ...mm4Defaults, messages: o.mm4Messages };
  const runs = (await repeat(o.runs, 'mm4', model, log)).filter((r) => r.ok);
  const simpy: Record<string, unknown>[] = [];
  let simpySkipped: string | undefined;
  for (let i = 0; i < o.runs && simpySkipped === undefined; i++) {
    const outcome = runSimPy(model);
    if ('skipped' in outcome) simpySkipped = outcome.skipped;
    else simpy.push(outcome.ran);
    log(`  simpy run ${i + 1}/${o.runs}: ${'skipped' in outcome ? outcome.skipped : `${(Number(outcome.ran.wallMs) / 1000).toFixed(1)} s`}`);
  }
  raw.mm4 = runs.map((r) => ({ ...r.result, simpy: simpy[runs.indexOf(r)] }));
  const perCpu = (part: string) => runs.map((r) => sub(r, part, 'messages') / (sub(r, part, 'cpuMs') / 1000));
  const cpu = (part: string) => runs.map((r) => sub(r, part, 'cpuMs') / 1000);
  const first = runs[0];
  const agree = first === undefined ? '' : `; timed out: kvittering ${sub(first, 'kvittering', 'timedOut')}, bare ${sub(first, 'bare', 'timedOut')}${simpy[0] === undefined ? '' : `, SimPy ${String(simpy[0].timedOut)}`}; mean latency ${sub(first, 'kvittering', 'meanLatencyMs').toFixed(0)} / ${sub(first, 'bare', 'meanLatencyMs').toFixed(0)}${simpy[0] === undefined ? '' : ` / ${Number(simpy[0].meanLatencyMs).toFixed(0)}`} ms (the models agree)`;
  const label = `M/M/4: ${model.arrivalsPerS}/s arrivals, ${model.workers} workers, mean service ${model.serviceMeanMs / 1000} s, ${model.messages.toLocaleString('en')} messages, ${model.timeoutMs / 1000} s client timeout, ledger kept`;
  return [
    metricRow('mm4', 'SimulatedDatabase on the Scheduler, per CPU second', 'msgs/s', perCpu('kvittering'), { target: { op: '>=', value: 1_000_000 }, cpuS: cpu('kvittering'), note: `${label}${agree}` }),
    metricRow('mm4', 'SimulatedDatabase on the Scheduler, wall', 'msgs/s', runs.map((r) => sub(r, 'kvittering', 'messages') / (sub(r, 'kvittering', 'wallMs') / 1000)), { cpuS: cpu('kvittering') }),
    metricRow('mm4', 'bare binary-heap loop, same model, per CPU second', 'msgs/s', perCpu('bare'), { cpuS: cpu('bare') }),
    metricRow('mm4', 'slowdown vs bare loop, CPU time', '×', runs.map((r) => sub(r, 'kvittering', 'cpuMs') / sub(r, 'bare', 'cpuMs')), { target: { op: '<=', value: 3 }, cpuS: cpu('kvittering') }),
    metricRow('mm4', 'SimPy 2.3, same model, per CPU second', 'msgs/s', simpy.map((r) => Number(r.messages) / (Number(r.cpuMs) / 1000)), {
      cpuS: simpy.map((r) => Number(r.cpuMs) / 1000), ...(simpySkipped === undefined ? { note: 'Debian python3-simpy, /usr/bin/python3; CPU time of the simulation (time.process_time)' } : { note: `skipped: ${simpySkipped}` }),
    }),
  ];
}

async function exploreRows(o: BenchOptions, raw: Record<string, unknown[]>, log: (line: string) => void): Promise<MetricRow[]> {
  const rounds = 3;
  const warmWorldsPerThread = 400;
  const runs = (await repeat(o.runs, 'explore', { worlds: o.exploreWorlds, rounds, warmWorldsPerThread }, log)).filter((r) => r.ok);
  raw.explore = runs.map((r) => r.result);
  const rate = (r: ChildOutcome, part: string) => sub(r, part, 'worlds') / (sub(r, part, 'wallMs') / 1000);
  const perCpu = (r: ChildOutcome, part: string) => sub(r, part, 'worlds') / (sub(r, part, 'cpuMs') / 1000);
  const cpuS = (part: string) => runs.map((r) => sub(r, part, 'cpuMs') / 1000);
  const startUpCpuS = runs.map((r) => (sub(r, 'startUp', 'cpuMs') + sub(r, 'warmUp', 'cpuMs')) / 1000);
  return [
    metricRow('explore', 'worlds/s, 1 warm worker thread', 'worlds/s', runs.map((r) => rate(r, 'one')), { cpuS: cpuS('one'), note: `${o.exploreWorlds} worlds of scenarios/npb-2023-after-fix.yaml (≈950 messages over 20 days each, nets faults) on 1 and on 2 threads of one pool in one process, both warmed first; ${rounds} alternating rounds (1 then 2, 2 then 1, …) summed` }),
    metricRow('explore', 'worlds/s, 2 warm worker threads', 'worlds/s', runs.map((r) => rate(r, 'two')), { cpuS: cpuS('two') }),
    metricRow('explore', 'scaling, 2 workers vs 1 (wall)', '×', runs.map((r) => rate(r, 'two') / rate(r, 'one')), { target: { op: '>=', value: 1.8 }, note: 'needs two idle cores: on a shared machine it measures how much of a second core the process got' }),
    metricRow('explore', 'scaling, 2 workers vs 1 (CPU throughput)', '×', runs.map((r) => (2 * perCpu(r, 'two')) / perCpu(r, 'one')), { target: { op: '>=', value: 1.8 }, note: '2 × (worlds per CPU second on 2 threads ÷ on 1): the scaling two idle cores give; below 2 by what the second thread costs (contention, messaging, GC)' }),
    metricRow('explore', 'machine ceiling: 2 independent processes vs 1 (wall)', '×', runs.map((r) => rate(r, 'ceiling.together') / rate(r, 'ceiling.alone')), {
      cpuS: runs.map((r) => (sub(r, 'ceiling.alone', 'cpuMs') + sub(r, 'ceiling.together', 'cpuMs')) / 1000),
      note: 'the same worlds in one process alone, then in two separate processes at once (the slower counts), alternating, each warmed: what this machine lets two copies of the workload scale when they share nothing but the hardware — the most any two-worker scaling could show here',
    }),
    metricRow('explore', 'wall scaling as a share of the machine ceiling', '%', runs.map((r) => (100 * rate(r, 'two') / rate(r, 'one')) / (rate(r, 'ceiling.together') / rate(r, 'ceiling.alone')))),
    metricRow('explore', 'pool start-up and warm-up, 2 threads', 's', startUpCpuS, { cpuS: startUpCpuS, note: `CPU time to start both threads and run ${warmWorldsPerThread} worlds on each until the JIT has optimised the simulators: paid once per pool, not per world` }),
  ];
}

async function nationalRows(o: BenchOptions, raw: Record<string, unknown[]>, log: (line: string) => void): Promise<MetricRow[]> {
  const outcomes: ChildOutcome[] = [];
  for (let i = 0; i < o.nationalRuns; i++) {
    let lastLog = 0;
    const outcome = await runChild('national', { messages: o.nationalMessages, wallCapS: o.nationalCapS, seed: 1 }, HEAP_CAP_MIB, (p) => {
      if (performance.now() - lastLog < 10_000) return;
      lastLog = performance.now();
      log(`    day ${Number(p.simulatedDays).toFixed(0)}, ${(Number(p.wallMs) / 1000).toFixed(0)} s, heap ${(Number(p.heapBytes) / MiB).toFixed(0)} MiB, rss ${(Number(p.peakRssBytes) / MiB).toFixed(0)} MiB`);
    });
    const complete = outcome.ok && outcome.result?.complete === true;
    log(`  national run ${i + 1}/${o.nationalRuns}: ${complete ? `${(num(outcome, 'wallMs') / 1000).toFixed(1)} s` : outcome.ok ? `stopped at the ${o.nationalCapS} s cap` : `FAILED (${outcome.failure ?? ''})`}`);
    outcomes.push(outcome);
    if (!complete) break; // a run that cannot finish will not finish on the next try either
  }
  raw.national = outcomes.map((r) => r.result ?? { failure: r.failure, lastProgress: r.lastProgress });
  const done = outcomes.filter((r) => r.ok && r.result?.complete === true);
  const failed = outcomes.find((r) => !(r.ok && r.result?.complete === true));
  const first = done[0];
  const why = failed === undefined ? undefined
    : failed.ok ? `stopped at the ${o.nationalCapS} s wall cap on simulated day ${num(failed, 'simulatedDays').toFixed(0)}, peak RSS ${(num(failed, 'peakRssBytes') / MiB).toFixed(0)} MiB`
    : `${failed.failure ?? 'failed'}; last progress: ${JSON.stringify(failed.lastProgress ?? {})}`;
  const scenario = `${(o.nationalMessages / 1e6).toFixed(1)} M messages, 600 senders (aggregate Poisson), 300 receivers, 365 d, faults, keepLedger false, heap cap ${HEAP_CAP_MIB} MiB`;
  const note = [scenario, first === undefined ? undefined : `${num(first, 'events').toLocaleString('en')} events, ${num(first, 'messages').toLocaleString('en')} messages, verdict ${String(first.result?.valid)}`, why].filter((x) => x !== undefined).join('; ');
  return [
    metricRow('national', 'year at national scale, wall time', 's', done.map((r) => num(r, 'wallMs') / 1000), { target: { op: '<=', value: 60 }, note, cpuS: done.map((r) => num(r, 'cpuMs') / 1000) }),
    metricRow('national', 'CPU time (load-independent)', 's', done.map((r) => num(r, 'cpuMs') / 1000), { target: { op: '<=', value: 60 }, cpuS: done.map((r) => num(r, 'cpuMs') / 1000) }),
    metricRow('national', 'peak heap used', 'MiB', done.map((r) => num(r, 'peakHeapBytes') / MiB)),
    metricRow('national', 'peak RSS', 'MiB', done.map((r) => num(r, 'peakRssBytes') / MiB), { target: { op: '<=', value: 4096 } }),
  ];
}

/** Rows and raw runs of the sections not measured now, from the previous results, stamped as such. */
function carryOver(results: BenchResults, previous: BenchResults, measured: ReadonlySet<Section>): void {
  const kept = previous.rows.filter((row) => !measured.has(row.section as Section));
  results.rows.push(...kept.map((row) => ({ ...row, carriedFrom: row.carriedFrom ?? { commit: previous.commit, generatedAt: previous.generatedAt } })));
  for (const [section, runs] of Object.entries(previous.raw)) if (!measured.has(section as Section)) results.raw[section] = runs;
  results.rows.sort((a, b) => sections.indexOf(a.section as Section) - sections.indexOf(b.section as Section));
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** Tracked files changed but not committed: the numbers then belong to no commit exactly. */
function gitDirty(): boolean {
  try {
    return execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return true;
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const round = (xs: number[]) => xs.map((x) => Math.round(x * 100) / 100);
  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    commit: gitCommit(),
    dirty: gitDirty(),
    machine: {
      nproc: availableParallelism(), cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${platform()} ${process.arch}`,
      totalMemoryGiB: Math.round(totalmem() / 1024 ** 3),
    },
    loadAverage: { start: round(loadavg()), end: [] },
    rows: [],
    raw: {},
  };
  log(`kvittering bench: ${[...options.only].join(', ')}; load average ${results.loadAverage.start.join(' ')} (other work on this machine skews the numbers)`);
  const builders: Record<Section, (o: BenchOptions, raw: Record<string, unknown[]>, log: (line: string) => void) => Promise<MetricRow[]>> = {
    runtime: runtimeRows, mm4: mm4Rows, municipal: municipalRows, property: propertyRows, explore: exploreRows, national: nationalRows, live: measureLive,
  };
  for (const section of sections) {
    if (!options.only.has(section)) continue;
    log(`${section}:`);
    const rows = await builders[section](options, results.raw, log);
    for (const row of rows) Object.assign(row, { commit: results.commit, dirty: results.dirty });
    results.rows.push(...rows);
  }
  results.loadAverage.end = round(loadavg());
  const path = fileURLToPath(new URL('../../../bench/results.json', import.meta.url));
  if (options.keep && existsSync(path)) carryOver(results, JSON.parse(readFileSync(path, 'utf8')) as BenchResults, options.only);
  process.stdout.write(renderTable(results));
  writeFileSync(`${path}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
  log(`wrote ${path}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

export type { BenchOptions };
