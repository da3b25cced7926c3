// A small, explicit world for behaviour tests: one receiver, a handful of messages at known times.

import { simulate, type SimulationResult } from '../../harness/runner/simulate.js';
import { resolveSimulation, type ReceiverInput, type SimulationInput } from '../../harness/runner/simulation-config.js';
import { ofKind } from '../../harness/ledger/ledger.js';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import type { Fate } from '../../harness/oracle/fates.js';
import { HOUR_MS } from '../../harness/runtime/time.js';

interface SmallWorld extends Partial<Omit<SimulationInput, 'receivers' | 'workload'>> {
  receiver?: Partial<ReceiverInput>;
  /** Send times of the messages (default: one message at 1 h). */
  sendAtMs?: number[];
}

function runSmallWorld(world: SmallWorld = {}): SimulationResult {
  const { receiver, sendAtMs = [HOUR_MS], ...rest } = world;
  return simulate(resolveSimulation({
    seed: 1,
    ...rest,
    receivers: [{ id: 'kommune', ...receiver }],
    workload: { messages: sendAtMs.map((atMs, i) => ({ atMs, receiver: 'kommune', sender: i % 2 === 0 ? 'public' : 'private' })) },
  }));
}

/** Fates by message id. */
function fatesOf(result: SimulationResult): Fate[] {
  return [...result.judgement.messages].sort((a, b) => a.msg - b.msg).map((m) => m.fate);
}

/** Entry kinds in order for one message, e.g. ['send', 'deliver', 'transport', …]. */
function storyOf(entries: readonly LedgerEntry[], msg: number): string[] {
  return entries.filter((e) => 'msg' in e && e.msg === msg).map((e) => e.kind);
}

export { runSmallWorld, fatesOf, storyOf, ofKind };
