// How long a live commit-slowing window makes every commit take, for both live drivers (DbFaultDriver
// for runLive, SystemFaultDriver for `kvittering test`), so one plan means the same on either.
// db-slow-commit states its delay (validation refuses it without one); db-overload's simulated
// parameters (slowdownFactor, offlineWorkersPct) have no server-side meaning, so live it is a commit delay
// of overloadCommitDelayMs unless the plan gives delayMs. Times are virtual; the drivers convert them.

import type { FaultSpec } from '../faults/fault-spec.js';

/**
 * db-overload's live realisation when the plan gives no delayMs: each commit takes 30 virtual seconds,
 * twice the simulated database's default 15 s request timeout, so a write made in the window outlives a
 * writer that waits as long as the simulated one does. It is virtual time: at a compression of one day
 * per minute that is about 21 ms of wall time, which a real system's own (wall-clock) timeout may never
 * notice (`kvittering test`'s fault confirmation gives the applied wall ms). A plan that must reach a
 * real timeout gives delayMs.
 */
const overloadCommitDelayMs = 30_000;

/** The extra virtual time every commit takes while this window is open. Throws rather than slow nothing. */
function liveCommitDelayMs(spec: FaultSpec): number {
  if (spec.delayMs !== undefined) return spec.delayMs;
  if (spec.kind === 'db-overload') return overloadCommitDelayMs;
  throw new Error(`${spec.kind} has no delayMs: a commit delay of 0 would slow nothing`);
}

export { liveCommitDelayMs, overloadCommitDelayMs };
