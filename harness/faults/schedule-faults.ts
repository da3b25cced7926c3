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

/**
 * One window fault between its openings. A drawn fault may repeat every few minutes for weeks, so each
 * repetition is two events on handlers made once with this as their argument — no closures or timers
 * per repetition — and its ledger entries are built only when someone keeps them.
 */
interface FaultWindow {
  spec: FaultSpec;
  indexes: number[];
  targetLabel: string;
  effect: (typeof faultEffects)[keyof typeof faultEffects];
  clock: Clock;
  ledger: Ledger;
  targets: FaultTargets;
  /** The current repetition's start and end. */
  fromMs: number;
  toMs: number;
}

function openWindow(w: FaultWindow): void {
  if (w.ledger.wants('fault')) w.ledger.append({ t: w.clock.now(), kind: 'fault', fault: w.spec.kind, phase: 'start', target: w.targetLabel });
  for (const i of w.indexes) w.effect(w.targets.stateOf(i), w.spec, 1);
}

function healWindow(w: FaultWindow): void {
  for (const i of w.indexes) w.effect(w.targets.stateOf(i), w.spec, -1);
  if (w.ledger.wants('fault')) w.ledger.append({ t: w.clock.now(), kind: 'fault', fault: w.spec.kind, phase: 'heal', target: w.targetLabel });
  const every = w.spec.repeatEveryMs;
  if (every === undefined || w.fromMs + every >= (w.spec.repeatUntilMs ?? Infinity)) return;
  w.fromMs += every;
  w.toMs += every;
  w.clock.postAt(w.fromMs, openWindow, w);
  w.clock.postAt(w.toMs, healWindow, w);
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
      const window: FaultWindow = { spec, indexes, targetLabel, effect: faultEffects[spec.kind], clock, ledger, targets, fromMs: spec.fromMs ?? 0, toMs: spec.toMs ?? 0 };
      clock.postAt(window.fromMs, openWindow, window);
      clock.postAt(window.toMs, healWindow, window);
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
