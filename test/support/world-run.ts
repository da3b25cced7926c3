// Run a generated world on the simulated runtime and explain its outcome in trace lines.

import { simulate, type SimulationResult } from '../../harness/runner/simulate.js';
import { resolveSimulation } from '../../harness/runner/simulation-config.js';
import { renderTrace } from '../../harness/oracle/trace.js';
import { worldInput, type World } from '../../harness/arbitraries/world.js';
import type { Fate } from '../../harness/oracle/fates.js';
import { formatDuration } from '../../harness/runtime/time.js';
import type { LedgerWatcher } from '../../harness/ledger/ledger.js';

const LOST: readonly Fate[] = ['lost-silent', 'lost-detected-late'];

/** Run a world to its own required horizon, or to `horizonMs` (to compare two worlds at one instant). */
function runWorld(world: World, horizonMs?: number): SimulationResult {
  const input = worldInput(world);
  return simulate(resolveSimulation(horizonMs === undefined ? input : { ...input, horizonMs }));
}

/**
 * Run a world for its judgement only: the ledger is folded, not kept, so only the kinds the oracle and
 * `watchers` read are built. A property that fails explains itself with runWorld, which keeps them.
 */
function judgeWorld(world: World, options: { watchers?: readonly LedgerWatcher[]; horizonMs?: number } = {}): SimulationResult {
  const input = { ...worldInput(world), keepLedger: false };
  return simulate(resolveSimulation(options.horizonMs === undefined ? input : { ...input, horizonMs: options.horizonMs }), { watchers: options.watchers ?? [] });
}

function lostCount(result: SimulationResult): number {
  const c = result.judgement.verdict.counts;
  return c['lost-silent'] + c['lost-detected-late'];
}

/** Ids of lost messages. */
function lostMessages(result: SimulationResult): number[] {
  return result.judgement.messages.filter((m) => LOST.includes(m.fate)).map((m) => m.msg);
}

/** The world in one line, then the trace of up to `max` lost (or otherwise named) messages. */
function explainWorld(world: World, max = 2): string[] {
  const result = runWorld(world);
  const { counts } = result.judgement.verdict;
  const c = world.configuration;
  const header = [
    `World: seed ${world.seed}, retention ${c.retentionDays} d, fallback ${c.fallbackEnabled ? 'on' : 'off'}; ` +
      c.receivers.map((r) => `${r.id}: ${r.route === 'inbox' ? `inbox${r.roleAssigned ? '' : ' (no role)'}` : `${r.ackPolicy}, ${r.style}`}, reconciliation ${r.reconciliationIntervalMs === 0 ? 'off' : `every ${formatDuration(r.reconciliationIntervalMs)}`}`).join('; '),
    `Fates: ${Object.entries(counts).filter(([, n]) => n > 0).map(([f, n]) => `${f} ${n}`).join(', ')}`,
  ];
  const ids = c.receivers.map((r) => r.id);
  const shown = lostMessages(result).slice(0, max);
  return [...header, ...shown.flatMap((msg) => renderTrace(result.ledger.entries, msg, { receiverIds: ids }))];
}

export { runWorld, judgeWorld, lostCount, lostMessages, explainWorld };
