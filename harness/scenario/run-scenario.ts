// The one pipeline every CLI command and test goes through: scenario ⇒ SimulationInput (with the
// seed and any sweep overrides) ⇒ simulate ⇒ the verdict compared with the one the file expects.

import { simulate, type SimulationResult } from '../runner/simulate.js';
import { verdictKey } from '../oracle/checks.js';
import { resolveSimulation, type SimulationInput } from '../runner/simulation-config.js';
import type { AckPolicy } from '../../simulators/case-system/case-system.js';
import type { LoadedScenario } from './parse-scenario.js';
import type { ExpectedVerdict } from './scenario-schema.js';
import { toSimulationInput, type ReceiverGroup } from './to-simulation-input.js';

/** One point of a sweep: each given value replaces the scenario's for the portal or every receiver. */
interface Overrides {
  retentionDays?: number;
  reconciliationIntervalMs?: number;
  ackPolicy?: AckPolicy;
}

interface RunScenarioOptions {
  /** Replaces the file's seed. */
  seed?: number;
  overrides?: Overrides;
  shouldStop?: () => boolean;
  /** Fraction of the horizon run so far, from 0 to 1. */
  onProgress?: (fraction: number) => void;
}

interface ScenarioRun {
  loaded: LoadedScenario;
  seed: number;
  result: SimulationResult;
  groups: ReceiverGroup[];
  actual: ExpectedVerdict;
  /** The verdict is the expected one and the run was not stopped early. */
  asExpected: boolean;
}

function applyOverrides(input: SimulationInput, o: Overrides): SimulationInput {
  return {
    ...input,
    portal: { ...input.portal, ...(o.retentionDays === undefined ? {} : { retentionDays: o.retentionDays }) },
    receivers: input.receivers.map((r) => ({
      ...r,
      caseSystem: { ...r.caseSystem, ...(o.ackPolicy === undefined ? {} : { ackPolicy: o.ackPolicy }) },
      controls: { ...r.controls, ...(o.reconciliationIntervalMs === undefined ? {} : { reconciliationIntervalMs: o.reconciliationIntervalMs }) },
    })),
  };
}

function runScenario(loaded: LoadedScenario, options: RunScenarioOptions = {}): ScenarioRun {
  const { input, groups } = toSimulationInput(loaded.scenario, loaded.file);
  const seed = options.seed ?? loaded.scenario.seed;
  const config = resolveSimulation(applyOverrides({ ...input, seed }, options.overrides ?? {}));
  const { onProgress, shouldStop } = options;
  const result = simulate(config, {
    ...(shouldStop === undefined ? {} : { shouldStop }),
    ...(onProgress === undefined ? {} : { onProgress: (now: number, horizon: number) => onProgress(horizon > 0 ? Math.min(1, now / horizon) : 1) }),
  });
  const actual = verdictKey(result.judgement.verdict.valid);
  return { loaded, seed, result, groups, actual, asExpected: result.complete && actual === loaded.scenario.expected };
}

export { runScenario };
export type { ScenarioRun, RunScenarioOptions, Overrides };
