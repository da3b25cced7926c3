// Puts a run's figures beside the real ones a scenario quotes (`reference`), so a calibration claim is
// always shown with its evidence and its assumptions. Counts come from the judged messages only.

import type { Fate } from '../oracle/fates.js';
import type { ScenarioRun } from './run-scenario.js';

interface ReferenceRow {
  figure: string;
  real: number | undefined;
  simulated: number;
}

/** One entry of `topology.receivers` (a group or a single receiver): where the losses fell. */
interface GroupLoss {
  group: string;
  members: number;
  affected: number;
  lost: number;
}

interface ReferenceComparison {
  source: string;
  rows: ReferenceRow[];
  byGroup: GroupLoss[];
  assumptions: string[];
}

/** Receipted (or delivered) but not stored by the chain: lost for good, or caught in time. */
const chainLost: readonly Fate[] = ['lost-silent', 'lost-detected-late', 'recovered'];

function compareReference(run: ScenarioRun): ReferenceComparison | undefined {
  const reference = run.loaded.scenario.reference;
  if (reference === undefined) return undefined;
  const { messages, verdict } = run.result.judgement;
  const affected = new Set<number>();
  let lost = 0;
  for (const m of messages) {
    if (!chainLost.includes(m.fate)) continue;
    lost++;
    affected.add(m.receiver);
  }
  const indexOf = new Map(run.result.config.receivers.map((r, i) => [r.id, i]));
  const lostBy = new Map<number, number>();
  for (const m of messages) if (chainLost.includes(m.fate)) lostBy.set(m.receiver, (lostBy.get(m.receiver) ?? 0) + 1);
  const byGroup = run.groups.map((g): GroupLoss => {
    const indexes = g.members.map((id) => indexOf.get(id) as number);
    return {
      group: g.id,
      members: indexes.length,
      affected: indexes.filter((i) => affected.has(i)).length,
      lost: indexes.reduce((sum, i) => sum + (lostBy.get(i) ?? 0), 0),
    };
  });
  const c = verdict.counts;
  return {
    source: reference.source,
    rows: [
      { figure: 'receivers (municipalities)', real: reference.receivers, simulated: run.result.config.receivers.length },
      { figure: 'reports sent', real: undefined, simulated: verdict.total },
      { figure: 'receivers that lost reports', real: reference.affectedReceivers, simulated: affected.size },
      { figure: 'reports receipted but not stored', real: reference.lostReports, simulated: lost },
      { figure: '… of which content lost for good', real: undefined, simulated: c['lost-silent'] + c['lost-detected-late'] },
      { figure: '… of which recovered in time', real: undefined, simulated: c.recovered },
    ],
    byGroup,
    assumptions: reference.assumptions,
  };
}

export { compareReference };
export type { ReferenceComparison, ReferenceRow, GroupLoss };
