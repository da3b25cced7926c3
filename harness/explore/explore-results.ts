// What an exploration writes and how shards become one report. A shard file holds the outcomes of
// its slice of the N worlds and everything needed to check it belongs with the others (scenario hash,
// base seed, N, plan). `summarise` turns a complete set of shards — one shard for a single-machine run —
// into the summary — which says nothing of how the worlds were split, so a merged report equals a
// single run's byte for byte — and `mergeShards`
// refuses a set that does not cover the N worlds exactly once.

import { KvitteringError } from '../errors.js';
import type { FaultSpec } from '../faults/fault-spec.js';
import type { ScenarioFile } from '../scenario/scenario-schema.js';
import type { ExplorePlan, WorldOutcome } from './explore-world.js';

interface Shard {
  /** 1-based: shard i of n. */
  index: number;
  count: number;
}

interface ExploreShardFile {
  format: 'kvittering-explore-shard';
  toolVersion: string;
  scenario: { id: string; file?: string; hash: string; expected: ScenarioFile['expected']; content: ScenarioFile };
  baseSeed: number;
  worlds: number;
  shard: Shard;
  plan: ExplorePlan;
  outcomes: WorldOutcome[];
}

interface FailingWorld {
  index: number;
  seed: number;
  failure: string;
  /** Drawn faults in the world, and in its minimal form. */
  faults: number;
  minimalFaults: FaultSpec[];
  msg?: number;
  trace: string[];
}

interface ExploreSummary {
  format: 'kvittering-explore-report';
  toolVersion: string;
  scenario: { id: string; file?: string; hash: string; expected: ScenarioFile['expected'] };
  baseSeed: number;
  worlds: number;
  family: ExplorePlan['family'];
  faultKinds: readonly string[];
  maxFaults: number;
  passed: number;
  failed: number;
  messages: number;
  events: number;
  failuresByKind: Record<string, number>;
  /** The failing world with the fewest faults once minimised (then the shortest trace, then the lowest index). */
  smallest?: FailingWorld;
  failing: FailingWorld[];
}

/** The half-open range [from, to) of world indexes in shard i of n: contiguous, sizes differ by at most one. */
function shardRange(worlds: number, shard: Shard): { from: number; to: number } {
  return { from: Math.floor(((shard.index - 1) * worlds) / shard.count), to: Math.floor((shard.index * worlds) / shard.count) };
}

function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) {
    throw new KvitteringError('E_CLI_OPTION', `--shard is ${JSON.stringify(text)} — expected i/n with 1 ≤ i ≤ n, like 2/4`);
  }
  return { index, count };
}

function failingWorld(o: WorldOutcome): FailingWorld {
  const minimal = o.minimal ?? { faults: o.faults, trace: [] };
  return {
    index: o.index, seed: o.seed, failure: o.failure as string, faults: o.faults.length, minimalFaults: minimal.faults,
    ...(minimal.msg === undefined ? {} : { msg: minimal.msg }), trace: minimal.trace,
  };
}

/** The summary of a complete exploration (checked by mergeShards). */
function summarise(shards: readonly ExploreShardFile[]): ExploreSummary {
  const first = shards[0] as ExploreShardFile;
  const outcomes = shards.flatMap((s) => s.outcomes).sort((a, b) => a.index - b.index);
  const failing = outcomes.filter((o) => o.failure !== undefined).map(failingWorld);
  const failuresByKind: Record<string, number> = {};
  for (const f of failing) failuresByKind[f.failure] = (failuresByKind[f.failure] ?? 0) + 1;
  const smallest = [...failing].sort((a, b) => a.minimalFaults.length - b.minimalFaults.length || a.trace.length - b.trace.length || a.index - b.index)[0];
  const { content: _content, ...scenario } = first.scenario;
  return {
    format: 'kvittering-explore-report',
    toolVersion: first.toolVersion,
    scenario,
    baseSeed: first.baseSeed,
    worlds: first.worlds,
    family: first.plan.family,
    faultKinds: first.plan.kinds,
    maxFaults: first.plan.maxFaults,
    passed: outcomes.length - failing.length,
    failed: failing.length,
    messages: outcomes.reduce((n, o) => n + o.messages, 0),
    events: outcomes.reduce((n, o) => n + o.events, 0),
    failuresByKind: Object.fromEntries(Object.entries(failuresByKind).sort(([a], [b]) => (a < b ? -1 : 1))),
    ...(smallest === undefined ? {} : { smallest }),
    failing,
  };
}

/** Checks that the shards are of one exploration and cover each of its worlds exactly once. */
function mergeShards(shards: readonly ExploreShardFile[], names: readonly string[]): ExploreSummary {
  const first = shards[0];
  if (first === undefined) throw new KvitteringError('E_EXPLORE_MERGE', 'explore --merge got no shard files — expected the .explore.json files of every shard');
  shards.forEach((s, i) => {
    const name = names[i] ?? `shard ${i + 1}`;
    if (s.format !== 'kvittering-explore-shard') throw new KvitteringError('E_EXPLORE_MERGE', `${name} is not an exploration shard — expected a file written by \`kvittering explore\``);
    for (const [what, a, b] of [['scenario hash', s.scenario.hash, first.scenario.hash], ['base seed', s.baseSeed, first.baseSeed], ['--worlds', s.worlds, first.worlds], ['shard count', s.shard.count, first.shard.count], ['tool version', s.toolVersion, first.toolVersion]] as const) {
      if (a !== b) throw new KvitteringError('E_EXPLORE_MERGE', `${name} has ${what} ${String(a)} — expected ${String(b)} like ${names[0] ?? 'the first shard'}`);
    }
  });
  const seen = new Map<number, string>();
  shards.forEach((s, i) => {
    for (const o of s.outcomes) {
      const other = seen.get(o.index);
      if (other !== undefined) throw new KvitteringError('E_EXPLORE_MERGE', `world ${o.index} is in both ${other} and ${names[i] ?? ''} — expected each shard once`);
      seen.set(o.index, names[i] ?? '');
    }
  });
  const missing = [];
  for (let i = 0; i < first.worlds && missing.length < 5; i++) if (!seen.has(i)) missing.push(i);
  if (missing.length > 0) {
    const have = [...new Set(shards.map((s) => `${s.shard.index}/${s.shard.count}`))].join(', ');
    throw new KvitteringError('E_EXPLORE_MERGE', `world(s) ${missing.join(', ')} of ${first.worlds} are in no shard (have ${have}) — expected all ${first.shard.count} shards`);
  }
  return summarise(shards);
}

/** The summary as Markdown a person reads (a CI job summary, a pull request comment). */
function exploreMarkdown(s: ExploreSummary, worldFile: (index: number) => string): string {
  const lines = [
    `# Exploration of ${s.scenario.id}`, '',
    `${s.worlds} worlds from base seed ${s.baseSeed}; faults drawn from the **${s.family}** family, up to ${s.maxFaults} per world, on top of the scenario's own. Expected verdict: ${s.scenario.expected}.`, '',
    `| worlds | as expected | failing | messages | events |`, '| ---: | ---: | ---: | ---: | ---: |',
    `| ${s.worlds} | ${s.passed} | ${s.failed} | ${s.messages} | ${s.events} |`, '',
  ];
  if (s.failed === 0) {
    lines.push('Every world gave the expected verdict.', '');
    return lines.join('\n');
  }
  lines.push('## Failures by kind', '', '| kind | worlds |', '| --- | ---: |', ...Object.entries(s.failuresByKind).map(([k, n]) => `| ${k} | ${n} |`), '');
  if (s.smallest !== undefined) {
    const w = s.smallest;
    lines.push('## Smallest counterexample', '', `World ${w.index} (seed ${w.seed}): ${w.failure}, ${w.minimalFaults.length} drawn fault(s) after minimising (of ${w.faults}). Replay: \`kvittering run ${worldFile(w.index)}\``, '');
    lines.push('```', ...w.minimalFaults.map((f) => JSON.stringify(f)), ...(w.minimalFaults.length > 0 ? [''] : []), ...w.trace, '```', '');
  }
  lines.push('## Failing worlds', '', '| world | seed | failure | faults (minimal) | replay |', '| ---: | ---: | --- | ---: | --- |',
    ...s.failing.map((w) => `| ${w.index} | ${w.seed} | ${w.failure} | ${w.faults} (${w.minimalFaults.length}) | \`${worldFile(w.index)}\` |`), '');
  return lines.join('\n');
}

export { shardRange, parseShard, summarise, mergeShards, exploreMarkdown };
export type { Shard, ExploreShardFile, ExploreSummary, FailingWorld };
