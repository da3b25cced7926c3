// Every address a live run will send traffic to — push URLs, storage lookup URLs, storage databases —
// checked before the first request: loopback, or a host the scenario or command line named. The list
// of permissions goes into the run's result, so a report can say what was allowed and why.

import { KvitteringError } from '../errors.js';
import { checkTarget, type TargetPermission } from './target-guard.js';

interface LiveTarget {
  /** What the address is for, as a path in the scenario (receivers[0].pushUrl …). */
  field: string;
  /** An http(s) URL, or a database connection string. */
  address: string;
  kind: 'url' | 'database';
}

/** The host of a connection string: URL form (postgres://…@host:5432/db) or ADO form (Server=tcp:host,1433;…). */
function databaseHost(connectionString: string, field: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(connectionString)) {
    try {
      return new URL(connectionString).hostname;
    } catch {
      // fall through to the error below
    }
  }
  const server = /(?:^|;)\s*(?:server|data source|host|address|addr)\s*=\s*(?:tcp:)?([^;,\\]+)/i.exec(connectionString)?.[1]?.trim();
  if (server !== undefined && server !== '') return server === '.' || server.toLowerCase() === '(local)' ? 'localhost' : server;
  throw new KvitteringError('E_LIVE_FIELD', `${field} names no host — expected postgres://user@host:port/db or Server=host,port;…`);
}

function checkLiveTargets(targets: readonly LiveTarget[], allowRemoteHosts: readonly string[]): TargetPermission[] {
  return targets.map((t) => {
    if (t.kind === 'url') return checkTarget(t.address, allowRemoteHosts, t.field);
    const host = databaseHost(t.address, t.field);
    const permission = checkTarget(`http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}/`, allowRemoteHosts, t.field);
    // The connection string itself may hold a password: record only the host.
    return { ...permission, url: `database://${permission.host}` };
  });
}

export { checkLiveTargets, databaseHost };
export type { LiveTarget };
