// Storage faults lock tables and kill sessions: kvittering does that only to a database on loopback
// unless its host is named explicitly — the same rule live mode applies to HTTP targets. A read-only
// check query needs no permission.

import { KvitteringError } from '../errors.js';
import { isLoopbackHost } from '../safety/target-guard.js';

/** The host a PostgreSQL URL or an ADO.NET "Server=host,port" string points at. */
function databaseHost(connectionString: string): string {
  if (/^postgres(ql)?:\/\//i.test(connectionString)) {
    const u = new URL(connectionString);
    return u.hostname === '' ? 'localhost' : u.hostname; // no host: the local Unix socket
  }
  const server = /(?:^|;)\s*(?:server|data source)\s*=\s*(?:tcp:)?([^;,\\]+)/i.exec(connectionString)?.[1]?.trim();
  if (server === undefined || server === '') {
    throw new KvitteringError('E_DATABASE_URL', 'the connection string names no server — expected postgres://host/db or "Server=host,1433;…"');
  }
  return server === '.' || server.toLowerCase() === '(local)' ? 'localhost' : server;
}

/** Throws E_REMOTE_TARGET unless the database is on loopback or its host is allowed by name. */
function checkFaultTarget(connectionString: string, allowRemoteHosts: readonly string[] = []): string {
  const host = databaseHost(connectionString);
  if (isLoopbackHost(host) || allowRemoteHosts.map((h) => h.toLowerCase()).includes(host.toLowerCase())) return host;
  throw new KvitteringError('E_REMOTE_TARGET',
    `the fault driver's database is on ${host}, which is not a loopback address — kvittering locks tables and kills sessions only on loopback unless the host is named explicitly`,
    `if ${host} is a staging server you may disturb, pass allowRemoteHosts: ['${host}']; to only read it, use checkDatabase()`);
}

export { databaseHost, checkFaultTarget };
