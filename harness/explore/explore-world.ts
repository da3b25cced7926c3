// One explored world: the scenario with a drawn seed and a drawn fault plan added to its own faults.
// World i of an exploration depends only on (scenario, base seed, i) — never on how many workers or
// machines share the work — so a shard of the worlds gives the same outcomes as a single run, and a
// failing world replays from its seed and plan alone.

import * as fc from 'fast-check';
import { faultKinds, type FaultKind, type FaultSpec } from '../faults/fault-spec.js';
import { keepNetsSurvivable, survivableFaults, type SafeFamily } from '../arbitraries/safe-world.js';
import { faultPlanArbitrary, type FaultPlanConstraints } from '../arbitraries/fault-plan.js';
import { seedArbitrary } from '../arbitraries/world.js';
import { formatTrace, traceOf } from '../oracle/trace.js';
import { simulate } from '../runner/simulate.js';
import { resolveSimulation, type SimulationConfig, type SimulationInput } from '../runner/simulation-config.js';
import type { Verdict } from '../oracle/oracle.js';
import type { LoadedScenario } from '../scenario/parse-scenario.js';
import { verdictKey } from '../oracle/checks.js';
import type { ExpectedVerdict } from '../scenario/scenario-schema.js';
import { toSimulationInput } from '../scenario/to-simulation-input.js';
import { retentionMs as retentionOf } from '../../simulators/portal/retention.js';

/** Which faults worlds draw: a safe family's survivable faults, or any fault when the chain is in none. */
type ExploreFamily = SafeFamily | 'any';

interface ExplorePlan {
  family: ExploreFamily;
  kinds: readonly FaultKind[];
  /** Faults per world, at most. */
  maxFaults: number;
  /** Drawn windows and events fall inside the workload's duration, where the traffic is. */
  horizonMs: number;
  targets: readonly string[];
  /** Receivers where reconciliation runs (wrong-route is survivable only there). */
  reconciledTargets: readonly string[];
}

interface WorldOutcome {
  index: number;
  seed: number;
  /** The drawn faults (the scenario's own come on top). */
  faults: FaultSpec[];
  verdict: ExpectedVerdict;
  /** Why the world counts as failing (its verdict is not the scenario's expected one); absent when it passed. */
  failure?: string;
  messages: number;
  events: number;
  /** For a failing world: the fewest drawn faults that still fail the same way, and one message's story. */
  minimal?: { faults: FaultSpec[]; msg?: number; trace: string[] };
}

/** The family a scenario's chain belongs to (see harness/arbitraries/safe-world.ts for why these are safe). */
function familyOf(config: SimulationConfig): ExploreFamily {
  const { portal, receivers } = config;
  if (!portal.fallbackEnabled || receivers.some((r) => r.digitalOnly || r.caseSystem.dedupeBy === 'seen')) return 'any';
  const caseSystems = receivers.filter((r) => r.route === 'case-system');
  if (caseSystems.every((r) => r.caseSystem.ackPolicy !== 'before-commit')) return 'nets';
  const retentionMs = retentionOf(portal.retentionDays);
  const reconciled = (r: (typeof receivers)[number]) => r.controls.reconciliationIntervalMs > 0 && 2 * r.controls.reconciliationIntervalMs + r.controls.reconciliationGraceMs <= retentionMs;
  return caseSystems.length === receivers.length && receivers.every(reconciled) ? 'reconciled' : 'any';
}

function explorePlan(loaded: LoadedScenario, maxFaults = 3): ExplorePlan {
  const config = resolveSimulation(toSimulationInput(loaded.scenario, loaded.file).input);
  const family = familyOf(config);
  return {
    family,
    kinds: family === 'any' ? faultKinds : survivableFaults[family],
    maxFaults,
    horizonMs: Math.max(60_000, config.workload.durationMs),
    targets: config.receivers.map((r) => r.id),
    reconciledTargets: config.receivers.filter((r) => r.route === 'case-system' && r.controls.reconciliationIntervalMs > 0).map((r) => r.id),
  };
}

/** A 32-bit mix of the base seed and the world index (splitmix32), so neighbouring worlds share nothing. */
function worldDrawSeed(baseSeed: number, index: number): number {
  let z = (Math.imul(baseSeed | 0, 0x9e3779b9) + Math.imul(index + 1, 0x85ebca6b)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

type WorldArbitrary = fc.Arbitrary<{ seed: number; faults: FaultSpec[] }>;

/**
 * Built once per plan and scenario, not per world: a worker runs thousands of worlds of one plan, and
 * rebuilding the arbitrary and re-mapping the scenario cost ~0.1 ms and fresh objects each time. Both are
 * pure (an arbitrary draws only from the random source it is given), so sharing them changes no world.
 */
const arbitraries = new WeakMap<ExplorePlan, WorldArbitrary>();
const baseInputs = new WeakMap<LoadedScenario, SimulationInput>();

function planArbitrary(plan: ExplorePlan): WorldArbitrary {
  const known = arbitraries.get(plan);
  if (known !== undefined) return known;
  let kinds = plan.kinds;
  const constraints: FaultPlanConstraints = { targets: plan.targets, horizonMs: plan.horizonMs, maxFaults: plan.maxFaults };
  if (plan.family === 'reconciled' || plan.family === 'any') {
    if (plan.reconciledTargets.length > 0) constraints.kindTargets = { 'wrong-route': plan.reconciledTargets };
    else if (plan.family === 'reconciled') kinds = kinds.filter((k) => k !== 'wrong-route');
  }
  const faults = faultPlanArbitrary({ ...constraints, kinds });
  // No bias on the seed: fast-check favours small and extreme values, which would repeat seeds across worlds.
  const arbitrary = fc.record({ seed: fc.noBias(seedArbitrary), faults: plan.family === 'nets' ? faults.map(keepNetsSurvivable) : faults });
  arbitraries.set(plan, arbitrary);
  return arbitrary;
}

/** World `index` of an exploration from `baseSeed`: the same on every machine. */
function drawWorld(plan: ExplorePlan, baseSeed: number, index: number): { seed: number; faults: FaultSpec[] } {
  return fc.sample(planArbitrary(plan), { seed: worldDrawSeed(baseSeed, index), numRuns: 1 })[0] as { seed: number; faults: FaultSpec[] };
}

function worldInput(loaded: LoadedScenario, seed: number, faults: readonly FaultSpec[], keepLedger: boolean): SimulationInput {
  let input = baseInputs.get(loaded);
  if (input === undefined) baseInputs.set(loaded, (input = toSimulationInput(loaded.scenario, loaded.file).input));
  return { ...input, seed, faults: [...(input.faults ?? []), ...faults], keepLedger };
}

interface WorldRun {
  verdict: ExpectedVerdict;
  failure: string | undefined;
  messages: number;
  events: number;
  result: ReturnType<typeof simulate>;
}

/** The fates that break the promise (categories A, C and D), named in a failure key when present. */
const lossFates = ['lost-silent', 'lost-detected-late', 'resent-by-reporter'] as const;

/** What went wrong, as a short stable key: failures are counted by it. */
function failureOf(expected: ExpectedVerdict, verdict: Verdict): string | undefined {
  const actual = verdictKey(verdict.valid);
  if (actual === expected) return undefined;
  const failed = Object.entries(verdict.checks).filter(([, c]) => c.valid === (actual === 'pass' ? true : actual === 'fail' ? false : 'unknown')).map(([name]) => name);
  if (actual === 'fail') {
    const lost = lossFates.filter((f) => verdict.counts[f] > 0);
    return `fail: ${failed.join('+')}${lost.length > 0 ? ` (${lost.join(', ')})` : ''}`;
  }
  return actual === 'unknown' ? `unknown: ${failed.join('+')}` : `pass, expected ${expected}`;
}

/**
 * One world, judged. Only the verdict is wanted, so the ledger keeps nothing by default: the oracle
 * folds each entry as it comes (as in a national run), and entries no one reads are never built.
 * The one run whose story is told (the minimal world's trace) keeps them.
 */
function runWorld(loaded: LoadedScenario, seed: number, faults: readonly FaultSpec[], keepLedger = false): WorldRun {
  const result = simulate(resolveSimulation(worldInput(loaded, seed, faults, keepLedger)));
  const { verdict } = result.judgement;
  return { verdict: verdictKey(verdict.valid), failure: failureOf(loaded.scenario.expected, verdict), messages: verdict.total, events: result.eventsRun, result };
}

/**
 * Fewer faults, same failure: drop drawn faults one at a time while the world still fails the same way
 * (the scenario's own faults stay). Then the story of the first offending message, from a run that
 * keeps its ledger.
 */
function minimise(loaded: LoadedScenario, seed: number, faults: readonly FaultSpec[], failure: string): NonNullable<WorldOutcome['minimal']> {
  let kept = [...faults];
  for (let i = kept.length - 1; i >= 0; i--) {
    const fewer = kept.filter((_, k) => k !== i);
    if (runWorld(loaded, seed, fewer).failure === failure) kept = fewer;
  }
  const { result } = runWorld(loaded, seed, kept, true);
  const offender = Object.values(result.judgement.verdict.checks).find((c) => c.valid !== true && c.offenders !== undefined && c.offenders.length > 0)?.offenders?.[0];
  const trace = offender === undefined ? undefined : traceOf(result.ledger.entries, offender, { receiverIds: result.config.receivers.map((r) => r.id) });
  const summaries = Object.entries(result.judgement.verdict.checks).filter(([, c]) => c.valid !== true).map(([name, c]) => `${name}: ${c.summary}`);
  return {
    faults: kept,
    ...(offender === undefined ? {} : { msg: offender }),
    trace: [...summaries, ...(trace === undefined ? [] : ['', ...formatTrace(trace)])],
  };
}

function exploreWorld(loaded: LoadedScenario, plan: ExplorePlan, baseSeed: number, index: number): WorldOutcome {
  const { seed, faults } = drawWorld(plan, baseSeed, index);
  const run = runWorld(loaded, seed, faults);
  const outcome: WorldOutcome = { index, seed, faults, verdict: run.verdict, messages: run.messages, events: run.events };
  if (run.failure !== undefined) {
    outcome.failure = run.failure;
    outcome.minimal = minimise(loaded, seed, faults, run.failure);
  }
  return outcome;
}

export { explorePlan, exploreWorld, drawWorld, failureOf, familyOf, worldDrawSeed };
export type { ExplorePlan, ExploreFamily, WorldOutcome };
