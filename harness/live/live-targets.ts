// Every address a live run will send traffic to — push URLs, storage lookup URLs, storage databases —
// checked before the first request: loopback, or a host the scenario or command line named. The list
// of permissions goes into the run's result, so a report can say what was allowed and why.

import { checkTarget, type TargetPermission } from '../safety/target-guard.js';
import { databaseHost } from './database-target.js';

interface LiveTarget {
  /** What the address is for, as a path in the scenario (receivers[0].pushUrl …). */
  field: string;
  /** An http(s) URL, or a database connection string. */
  address: string;
  kind: 'url' | 'database';
}

function checkLiveTargets(targets: readonly LiveTarget[], allowRemoteHosts: readonly string[]): TargetPermission[] {
  return targets.map((t) => {
    if (t.kind === 'url') return checkTarget(t.address, allowRemoteHosts, t.field);
    const host = databaseHost(t.address);
    const permission = checkTarget(`http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}/`, allowRemoteHosts, t.field);
    // The connection string itself may hold a password: record only the host.
    return { ...permission, url: `database://${permission.host}` };
  });
}

export { checkLiveTargets };
export type { LiveTarget };
