// The runtime's side of the fault plan: open and heal each window at its time (repeating where asked),
// fire one-off events, and write every start, heal and event into the ledger for the timeline.

import { KvitteringError } from '../errors.js';
import type { Clock } from '../runtime/clock.js';
import type { Ledger } from '../ledger/ledger.js';
import { faultEffects } from './catalogue.js';
import type { FaultState } from './fault-state.js';
import { isSystemKind, isWindowKind, type FaultSpec } from './fault-spec.js';

interface FaultTargets {
  /** Receiver indexes a spec hits (all when it names none). */
  indexesOf(spec: FaultSpec): number[];
  stateOf(receiver: number): FaultState;
  crashCaseSystem(receiver: number, downMs: number): void;
  /** Kill the receiver's database sessions: every write in flight is rolled back (ESOCKET). */
  killDbSessions(receiver: number): void;
  purgeNow(receivers: ReadonlySet<number>): void;
}

function scheduleFaults(plan: readonly FaultSpec[], clock: Clock, ledger: Ledger, targets: FaultTargets): void {
  plan.forEach((spec, i) => {
    if (isSystemKind(spec.kind)) {
      throw new KvitteringError('E_FAULT_FIELD', `faults[${i}].kind is "${spec.kind}" — expected a fault the simulated runtime models; ${spec.kind} is set on a real system's database role`,
        'use it in a system profile for `kvittering test`');
    }
    const indexes = targets.indexesOf(spec);
    const targetLabel = spec.targets === undefined ? '*' : spec.targets.join(',');
    if (isWindowKind(spec.kind)) {
      const effect = faultEffects[spec.kind];
      const open = (fromMs: number, toMs: number) => {
        clock.at(fromMs, () => {
          ledger.append({ t: clock.now(), kind: 'fault', fault: spec.kind, phase: 'start', target: targetLabel });
          for (const i of indexes) effect(targets.stateOf(i), spec, 1);
        });
        clock.at(toMs, () => {
          for (const i of indexes) effect(targets.stateOf(i), spec, -1);
          ledger.append({ t: clock.now(), kind: 'fault', fault: spec.kind, phase: 'heal', target: targetLabel });
          const every = spec.repeatEveryMs;
          if (every !== undefined && fromMs + every < (spec.repeatUntilMs ?? Infinity)) open(fromMs + every, toMs + every);
        });
      };
      open(spec.fromMs ?? 0, spec.toMs ?? 0);
    } else {
      clock.at(spec.atMs ?? 0, () => {
        ledger.append({ t: clock.now(), kind: 'fault', fault: spec.kind, phase: 'event', target: targetLabel });
        if (spec.kind === 'case-system-crash') {
          for (const i of indexes) targets.crashCaseSystem(i, spec.downMs ?? 0);
        } else if (spec.kind === 'db-session-kill') {
          for (const i of indexes) targets.killDbSessions(i);
        } else {
          targets.purgeNow(new Set(indexes));
        }
      });
    }
  });
}

/** The last instant any fault is still open or fires: the quiet phase starts after it. */
function lastFaultMs(plan: readonly FaultSpec[]): number {
  let last = 0;
  for (const spec of plan) {
    const end = isWindowKind(spec.kind)
      ? (spec.repeatEveryMs !== undefined ? Math.max(spec.toMs ?? 0, (spec.repeatUntilMs ?? 0) + ((spec.toMs ?? 0) - (spec.fromMs ?? 0))) : spec.toMs ?? 0)
      : spec.atMs ?? 0;
    last = Math.max(last, end);
  }
  return last;
}

export { scheduleFaults, lastFaultMs };
export type { FaultTargets };
