// A live run's fault plan, carried out on the world's own fault scheduling (harness/runner/world.ts),
// so a plan means the same thing live as in simulation: portal-side kinds on the portal's fault
// states, database kinds by a driver on a real server, the rest by the SUT's injector. Times in the
// plan count from the start of the workload (starting the SUT may take a while).

import type { Ledger } from '../ledger/ledger.js';
import type { LiveClock } from '../runtime/live-clock.js';
import type { FaultKind, FaultSpec } from '../faults/fault-spec.js';
import type { FaultState } from '../faults/fault-state.js';
import type { World } from '../runner/world.js';
import { portalSideFaults } from './live-scenario.js';

/** What can be done to the system under test from outside the portal (the reference case system's state, a database). */
interface SutInjector {
  kinds: readonly FaultKind[];
  /** The fault state a window changes for receiver i (e.g. the in-process reference case system's). */
  stateOf(receiver: number): FaultState;
  crash?(receiver: number, downMs: number): void;
  killDbSessions?(receiver: number): void;
}

/** Storage faults carried out on a real database server, on the run's clock and ledger. */
interface DatabaseFaults {
  kinds: readonly FaultKind[];
  create(deps: { clock: LiveClock; ledger: Ledger; expectCrash: (target: string) => void }): DatabaseFaultRun;
}

interface DatabaseFaultRun {
  /** Schedules the kinds it carries out; returns the rest of the plan. */
  schedule(plan: readonly FaultSpec[]): FaultSpec[];
  healAll(): Promise<void>;
  /** Why a fault could not be applied or healed, one each. */
  readonly errors: unknown[];
}

interface LiveFaultOptions {
  world: World;
  clock: LiveClock;
  ledger: Ledger;
  plan: readonly FaultSpec[];
  /** Virtual instant the workload starts: the plan's times are shifted by it. */
  startMs: number;
  sut?: SutInjector | undefined;
  database?: DatabaseFaults | undefined;
  /** Called before a planned crash of the system under test (its unanswered pushes are the plan's). */
  expectCrash: (target: string) => void;
}

function shiftFault(spec: FaultSpec, byMs: number): FaultSpec {
  const shifted: FaultSpec = { ...spec };
  if (spec.fromMs !== undefined) shifted.fromMs = spec.fromMs + byMs;
  if (spec.toMs !== undefined) shifted.toMs = spec.toMs + byMs;
  if (spec.atMs !== undefined) shifted.atMs = spec.atMs + byMs;
  if (spec.repeatUntilMs !== undefined) shifted.repeatUntilMs = spec.repeatUntilMs + byMs;
  return shifted;
}

/** Schedules the plan; returns it as run (shifted to the workload's start) and the database driver, if any. */
function scheduleLiveFaults(options: LiveFaultOptions): { faults: FaultSpec[]; database: DatabaseFaultRun | undefined } {
  const { world, sut } = options;
  const faults = options.plan.map((f) => shiftFault(f, options.startMs));
  world.scheduleFaults(faults.filter((f) => portalSideFaults.includes(f.kind)));
  let sutSide = faults.filter((f) => !portalSideFaults.includes(f.kind));
  const database = options.database?.create({ clock: options.clock, ledger: options.ledger, expectCrash: options.expectCrash });
  if (database !== undefined) sutSide = database.schedule(sutSide);
  if (sut !== undefined) {
    world.scheduleFaults(sutSide, {
      stateOf: (i) => sut.stateOf(i), crashCaseSystem: (i, downMs) => sut.crash?.(i, downMs),
      killDbSessions: (i) => sut.killDbSessions?.(i), purges: false,
    });
  }
  return { faults, database };
}

export { scheduleLiveFaults, shiftFault };
export type { SutInjector, DatabaseFaults, DatabaseFaultRun };
