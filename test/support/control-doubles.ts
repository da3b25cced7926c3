// Stand-ins for the portal, the database and the random stream, for unit tests of the municipal
// controls (simulators/controls): each records what the control asked, so a test can say exactly what
// was checked, when, and what was re-delivered.

import type { Rng } from '../../harness/runtime/rng.js';
import type { Storage } from '../../simulators/database/storage.js';
import type { Portal } from '../../simulators/portal/portal.js';
import { ExportLog } from '../../simulators/portal/export-log.js';

/**
 * An Rng whose chances come from a script (an unscripted draw fails the test); `exponential` gives its
 * mean. As the real Rng, a chance of 0 % or 100 % is answered without a draw, so it is not asked.
 */
function scriptedRng(chances: boolean[] = []) {
  const asked: string[] = [];
  const rng = {
    chancePct(pct: number): boolean {
      if (pct <= 0) return false;
      if (pct >= 100) return true;
      asked.push(`chance ${pct}`);
      const next = chances.shift();
      if (next === undefined) throw new Error(`unscripted chancePct(${pct})`);
      return next;
    },
    exponential(mean: number): number {
      asked.push(`exponential ${mean}`);
      return mean;
    },
  };
  return { rng: rng as unknown as Rng, asked };
}

/** A portal with an export per receiver, the ids it still holds and the ids it printed. */
function portalDouble() {
  const exported = new ExportLog();
  const held = new Set<number>();
  const printed = new Set<number>();
  const redelivered: number[] = [];
  const portal = {
    exportFor: (receiver: number) => (receiver === 0 ? exported : new ExportLog()),
    holds: (msg: number) => held.has(msg),
    printed: (msg: number) => printed.has(msg),
    redeliver: (msg: number) => {
      redelivered.push(msg);
      return held.has(msg);
    },
  };
  return { portal: portal as unknown as Portal, exported, held, printed, redelivered };
}

/** A database that answers lookups at once from a set of stored ids, and counts them. */
function storageDouble() {
  const stored = new Set<number>();
  const lookups: number[] = [];
  const storage: Storage = {
    write: () => { throw new Error('controls never write'); },
    lookup: (msg, done, arg) => {
      lookups.push(msg);
      done(stored.has(msg), arg);
    },
    abortInFlight: () => 0,
  };
  return { storage, stored, lookups };
}

export { scriptedRng, portalDouble, storageDouble };
