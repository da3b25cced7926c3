// The driver of a race test: hand fc.scheduler one "timer step" task at a time next to the storage
// tasks it already holds, and let it pick the order. It stops at the horizon once no storage work is
// left, or after maxSteps (an infinite interleaving is a test failure, not a hang).

import type * as fc from 'fast-check';
import type { RaceClock } from './race-clock.js';
import { KvitteringError } from '../../../harness/errors.js';

interface DriveOptions {
  /** Stop once nothing is pending before this instant. */
  horizonMs: number;
  /** Scheduler decisions before giving up (default 20 000). */
  maxSteps?: number;
}

async function driveRace(scheduler: fc.Scheduler, clock: RaceClock, options: DriveOptions): Promise<void> {
  const maxSteps = options.maxSteps ?? 20_000;
  let tickScheduled = false;
  for (let steps = 0; ; steps++) {
    if (steps >= maxSteps) throw new KvitteringError('E_RACE_STEPS', `no quiescence after ${maxSteps} scheduler steps (now ${clock.now()} ms)`);
    const next = clock.nextAtMs();
    const timersLeft = next !== undefined && next <= options.horizonMs;
    if (timersLeft && !tickScheduled) {
      tickScheduled = true;
      void scheduler.schedule(Promise.resolve(), 'timer step').then(() => {
        tickScheduled = false;
        clock.step();
      });
    }
    if (scheduler.count() === 0) return;
    await scheduler.waitNext(1);
  }
}

export { driveRace };
export type { DriveOptions };
