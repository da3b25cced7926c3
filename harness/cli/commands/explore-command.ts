// `kvittering explore <scenario.yaml> --worlds N [--workers K] [--shard i/n]` and
// `kvittering explore --merge <shard.json>…`: many seeded worlds of one scenario (seed × drawn fault
// plan), run on worker threads, optionally one slice of them per CI machine. Every run writes its
// shard file; an unsharded run and a merge also write the summary and each failing world as a
// replayable scenario file with its minimal trace. Like `serve`, it has its own option table.

import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { KvitteringError } from '../../errors.js';
import type { FaultSpec } from '../../faults/fault-spec.js';
import type { FaultEntry, ScenarioFile } from '../../scenario/scenario-schema.js';
import { runWorlds } from '../../explore/explore-pool.js';
import { exploreMarkdown, mergeShards, parseShard, shardRange, summarise, type ExploreShardFile, type ExploreSummary, type Shard } from '../../explore/explore-results.js';
import { explorePlan } from '../../explore/explore-world.js';
import { isInteractive, type CliIo } from '../cli-io.js';
import { exitCodes } from '../cli-options.js';
import { parseOptions, type OptionTable } from '../parse-command-line.js';
import { progressBar } from '../progress-bar.js';
import { reportPath } from '../../scenario/report-path.js';
import { readScenario, readTextFile, scenarioFiles } from '../scenario-files.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { localized } from '../../scenario/localized.js';

const usage = `Usage:
  kvittering explore <scenario.yaml> --worlds N [--workers K] [--shard i/n] [--seed S] [--max-faults M] [--out DIR]
  kvittering explore --merge <shard.json>… [--out DIR]
  Each world is the scenario with a drawn seed and up to M drawn faults (default 3) from the fault family
  its chain survives. --workers defaults to the core count; --shard runs only slice i of n of the same
  N worlds (one per CI machine); --merge combines the shards into the report an unsharded run writes.
  Writes to DIR (default out/explore): <id>.explore.shard-i-of-n.json, and unsharded or merged
  <id>.explore.json, <id>.explore.md and worlds/<id>.world-<k>.yaml + .trace.txt for each failing world.
  Exit codes: 0 every world as expected · 1 a world failed · 2 bad input · 130 interrupted.`;

const options = {
  worlds: { type: 'string', value: 'N' }, workers: { type: 'string', value: 'K' }, shard: { type: 'string', value: 'i/n' }, seed: { type: 'string', value: 'S' },
  'max-faults': { type: 'string', value: 'M' }, out: { type: 'string', value: 'DIR' }, merge: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const satisfies OptionTable;

function wholeNumber(name: string, text: string | undefined, fallback: number | undefined, min: number): number {
  if (text === undefined) {
    if (fallback === undefined) throw new KvitteringError('E_CLI_OPTION', `--${name} is missing — expected a whole number ≥ ${min}`, usage.split('\n')[1]?.trim());
    return fallback;
  }
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) throw new KvitteringError('E_CLI_OPTION', `--${name} is ${JSON.stringify(text)} — expected a whole number ≥ ${min}`);
  return n;
}

const ms = (value: number | undefined) => (value === undefined ? undefined : `${value}ms`);

/** A drawn fault as a scenario file writes it, so a failing world is an ordinary scenario. */
function faultEntry(f: FaultSpec): FaultEntry {
  const entry: Record<string, unknown> = {
    kind: f.kind, targets: f.targets, from: ms(f.fromMs), to: ms(f.toMs), at: ms(f.atMs), repeatEvery: ms(f.repeatEveryMs), repeatUntil: ms(f.repeatUntilMs),
    probabilityPct: f.probabilityPct, slowdownFactor: f.slowdownFactor, offlineWorkersPct: f.offlineWorkersPct, delay: ms(f.delayMs), down: ms(f.downMs),
    notificationsPerDay: f.notificationsPerDay,
  };
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as FaultEntry;
}

const worldFile = (id: string, index: number) => `worlds/${id}.world-${index}.yaml`;

function writeSummary(outDir: string, shards: readonly ExploreShardFile[], summary: ExploreSummary): void {
  const first = shards[0] as ExploreShardFile;
  const { id } = summary.scenario;
  writeFileAtomic(join(outDir, `${id}.explore.json`), `${JSON.stringify(summary, null, 2)}\n`);
  // Paths relative to the summary itself, so the report does not depend on where it was written.
  writeFileAtomic(join(outDir, `${id}.explore.md`), exploreMarkdown(summary, (k) => worldFile(id, k)));
  for (const w of summary.failing) {
    const scenario: ScenarioFile = {
      ...first.scenario.content,
      id: `${id}-world-${w.index}`,
      title: { en: `${localized(first.scenario.content.title, 'en')} — explored world ${w.index}`, nb: `${localized(first.scenario.content.title, 'nb')} — utforsket verden ${w.index}` },
      seed: w.seed,
      faults: [...(first.scenario.content.faults ?? []), ...w.minimalFaults.map(faultEntry)],
    };
    const header = `# World ${w.index} of \`kvittering explore\` (base seed ${summary.baseSeed}): ${w.failure}.\n# The scenario's own faults, then the drawn ones that still fail it after minimising. Replay: kvittering run <this file>\n`;
    writeFileAtomic(join(outDir, worldFile(id, w.index)), `${header}${stringify(scenario, { lineWidth: 0 })}`);
    writeFileAtomic(join(outDir, worldFile(id, w.index).replace(/\.yaml$/, '.trace.txt')), `${w.trace.join('\n')}\n`);
  }
}

function printSummary(io: CliIo, s: ExploreSummary, outDir: string): void {
  io.stdout(`\n${s.scenario.id}: ${s.worlds} world(s) from base seed ${s.baseSeed}, ${s.family} faults — ${s.passed} as expected (${s.scenario.expected}), ${s.failed} failing\n`);
  for (const [kind, n] of Object.entries(s.failuresByKind)) io.stdout(`  ${String(n).padStart(6)} × ${kind}\n`);
  if (s.smallest !== undefined) io.stdout(`smallest counterexample: world ${s.smallest.index} (seed ${s.smallest.seed}), ${s.smallest.minimalFaults.length} drawn fault(s): kvittering run ${join(outDir, worldFile(s.scenario.id, s.smallest.index))}\n`);
  io.stdout(`Summary written to ${join(outDir, `${s.scenario.id}.explore.{json,md}`)}\n`);
}

async function explore(io: CliIo, file: string, values: Record<string, string | boolean | undefined>, version: string): Promise<number> {
  const loaded = readScenario(io.cwd, file);
  const str = (name: string) => values[name] as string | undefined;
  const worlds = wholeNumber('worlds', str('worlds'), undefined, 1);
  const workers = wholeNumber('workers', str('workers'), availableParallelism(), 1);
  const baseSeed = wholeNumber('seed', str('seed'), loaded.scenario.seed, 0);
  const maxFaults = wholeNumber('max-faults', str('max-faults'), 3, 0);
  const shard: Shard = str('shard') === undefined ? { index: 1, count: 1 } : parseShard(str('shard') as string);
  const outDir = resolve(io.cwd, str('out') ?? join('out', 'explore'));
  const plan = explorePlan(loaded, maxFaults);
  const { from, to } = shardRange(worlds, shard);
  const interactive = isInteractive(io);
  const bar = progressBar(io, interactive);
  const { id } = loaded.scenario;
  io.stderr(`▶ explore ${id}: worlds ${from}–${to - 1} of ${worlds} (shard ${shard.index}/${shard.count}), base seed ${baseSeed}, ${plan.family} faults, ${workers} worker(s)\n`);
  let stopped = false;
  const removeInterrupt = io.onInterrupt(() => {
    stopped = true;
  });
  const started = io.wallMs();
  let lastLine = started;
  let outcomes;
  try {
    outcomes = await runWorlds(loaded, plan, baseSeed, from, to, {
      workers,
      shouldStop: () => stopped,
      onProgress: (done, total) => {
        bar.update(`explore ${id} ${done}/${total}`, done / total);
        if (!interactive && (io.wallMs() - lastLine >= 10_000 || done === total)) {
          lastLine = io.wallMs();
          io.stderr(`  ${done}/${total} worlds, ${((lastLine - started) / 1000).toFixed(1)} s\n`);
        }
      },
    });
  } finally {
    bar.done();
    removeInterrupt();
  }
  if (stopped) {
    io.stdout(`Interrupted after ${outcomes.length} of ${to - from} world(s); nothing written.\n`);
    return exitCodes.interrupted;
  }
  const shardFile: ExploreShardFile = {
    format: 'kvittering-explore-shard', toolVersion: `kvittering ${version}`,
    scenario: { id, hash: loaded.hash, expected: loaded.scenario.expected, ...(loaded.file === undefined ? {} : { file: reportPath(io.cwd, resolve(io.cwd, loaded.file)) }), content: loaded.scenario }, baseSeed, worlds, shard, plan, outcomes,
  };
  writeFileAtomic(join(outDir, `${id}.explore.shard-${shard.index}-of-${shard.count}.json`), `${JSON.stringify(shardFile)}\n`);
  const failing = outcomes.filter((o) => o.failure !== undefined).length;
  io.stderr(`  ${outcomes.length} world(s) in ${((io.wallMs() - started) / 1000).toFixed(1)} s, ${failing} failing\n`);
  if (shard.count > 1) {
    io.stdout(`Shard ${shard.index}/${shard.count} of ${id}: ${outcomes.length} world(s), ${failing} failing; written to ${join(outDir, `${id}.explore.shard-${shard.index}-of-${shard.count}.json`)}\nCombine the shards with: kvittering explore --merge ${join(outDir, `${id}.explore.shard-*-of-${shard.count}.json`)}\n`);
    return failing === 0 ? exitCodes.ok : exitCodes.unexpectedVerdict;
  }
  const summary = summarise([shardFile]);
  writeSummary(outDir, [shardFile], summary);
  printSummary(io, summary, outDir);
  return summary.failed === 0 ? exitCodes.ok : exitCodes.unexpectedVerdict;
}

function merge(io: CliIo, files: readonly string[], out: string | undefined): number {
  const shards = files.map((f) => {
    const text = readTextFile(io.cwd, resolve(io.cwd, f), 'an exploration shard (.explore.shard-i-of-n.json)');
    try {
      return JSON.parse(text) as ExploreShardFile;
    } catch {
      throw new KvitteringError('E_EXPLORE_MERGE', `${f} is not JSON — expected a shard file written by \`kvittering explore --shard\``);
    }
  });
  const summary = mergeShards(shards, files);
  const outDir = resolve(io.cwd, out ?? join('out', 'explore'));
  writeSummary(outDir, shards, summary);
  io.stdout(`Merged ${shards.length} shard(s).\n`);
  printSummary(io, summary, outDir);
  return summary.failed === 0 ? exitCodes.ok : exitCodes.unexpectedVerdict;
}

async function exploreFromCli(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  const { values, positionals } = parseOptions(argv, options, 'explore');
  if (values.help === true) {
    io.stdout(`${usage}\n`);
    return exitCodes.ok;
  }
  if (values.merge === true) {
    const stray = (['worlds', 'workers', 'shard', 'seed', 'max-faults'] as const).find((o) => values[o] !== undefined);
    if (stray !== undefined) throw new KvitteringError('E_CLI_OPTION', `--${stray} does not apply to explore --merge — expected only shard files and --out`);
    if (positionals.length === 0) throw new KvitteringError('E_CLI_USAGE', 'explore --merge needs the shard files — expected e.g. `kvittering explore --merge out/explore/*.explore.shard-*-of-4.json`');
    return merge(io, positionals, values.out);
  }
  const files = positionals.length === 0 ? [] : scenarioFiles(io.cwd, positionals);
  if (files.length !== 1) throw new KvitteringError('E_CLI_USAGE', `explore takes one scenario file, got ${files.length} — expected e.g. \`kvittering explore scenarios/npb-2023-after-fix.yaml --worlds 1000\``);
  return explore(io, files[0] as string, values, version);
}

export { exploreFromCli, usage as exploreUsage };
