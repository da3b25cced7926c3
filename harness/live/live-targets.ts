// Every address a live run will send traffic to — push URLs, storage lookup URLs, storage databases —
// checked before the first request: loopback, or a host the scenario or command line named. The list
// of permissions goes into the run's result, so a report can say what was allowed and why.

import { checkTarget, type TargetPermission } from '../safety/target-guard.js';
import { databaseHost } from './database-target.js';
import type { LiveReceiverSpec } from './live-scenario.js';

interface LiveTarget {
  /** What the address is for, as a path in the scenario (receivers[0].pushUrl …). */
  field: string;
  /** An http(s) URL, or a database connection string. */
  address: string;
  kind: 'url' | 'database';
}

/** Where a receiver's URLs point once the SUT runs: the scenario's, or what the SUT reported on start. */
type ReceiverOverride = Partial<Pick<LiveReceiverSpec, 'pushUrl' | 'storageCheck'>>;

/** The addresses the scenario's receivers send to: push URLs, lookup URLs, storage databases. */
function receiverTargets(receivers: readonly LiveReceiverSpec[], overrides: Readonly<Record<string, ReceiverOverride>> = {}): LiveTarget[] {
  return receivers.flatMap((spec, i) => {
    const override = overrides[spec.id] ?? {};
    const out: LiveTarget[] = [];
    const pushUrl = override.pushUrl ?? spec.pushUrl;
    if (spec.style === 'push' && pushUrl !== undefined) out.push({ field: `receivers[${i}].pushUrl`, address: pushUrl, kind: 'url' });
    const check = override.storageCheck ?? spec.storageCheck;
    if (check.kind === 'http') out.push({ field: `receivers[${i}].storageCheck.lookupUrl`, address: check.lookupUrl.replace('{id}', 'id'), kind: 'url' });
    else out.push({ field: `receivers[${i}].storageCheck.connectionString`, address: check.connectionString, kind: 'database' });
    return out;
  });
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

export { checkLiveTargets, receiverTargets };
export type { LiveTarget, ReceiverOverride };
