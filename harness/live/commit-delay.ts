// How long a live commit-slowing window makes every commit take, for both live drivers (DbFaultDriver
// for runLive, SystemFaultDriver for `kvittering test`), so one plan means the same on either.
// db-slow-commit states its delay (validation refuses it without one); db-overload's simulated
// parameters (slowdownFactor, offlineWorkersPct) have no server-side meaning, so live it is a commit delay
// of overloadCommitDelayMs unless the plan gives delayMs. Times are virtual; the drivers convert them.

import type { FaultSpec } from '../faults/fault-spec.js';

/** db-overload's live realisation when the plan gives no delayMs: commits slow enough to drain the pool. */
const overloadCommitDelayMs = 30_000;

/** The extra virtual time every commit takes while this window is open. Throws rather than slow nothing. */
function liveCommitDelayMs(spec: FaultSpec): number {
  if (spec.delayMs !== undefined) return spec.delayMs;
  if (spec.kind === 'db-overload') return overloadCommitDelayMs;
  throw new Error(`${spec.kind} has no delayMs: a commit delay of 0 would slow nothing`);
}

export { liveCommitDelayMs, overloadCommitDelayMs };
