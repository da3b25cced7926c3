// Puts a run's figures beside the real ones a scenario quotes (`reference`), so a calibration claim is
// always shown with its evidence and its assumptions. Counts come from the judged messages only.

import type { Fate } from '../oracle/fates.js';
import type { ScenarioRun } from './run-scenario.js';

interface ReferenceRow {
  figure: string;
  real: number | undefined;
  simulated: number;
}

interface ReferenceComparison {
  source: string;
  rows: ReferenceRow[];
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
    assumptions: reference.assumptions,
  };
}

export { compareReference };
export type { ReferenceComparison, ReferenceRow };
