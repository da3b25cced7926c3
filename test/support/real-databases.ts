// Throw-away databases for the real-database tests. PostgreSQL: this machine's server (or
// KVITTERING_PG_URL); each suite creates its own uniquely named database and drops it afterwards, even
// when a test failed. SQL Server: a server named by KVITTERING_MSSQL_URL, else a testcontainers
// container when a Docker engine answers, else the suite is skipped with one line saying why.

import net from 'node:net';
import sql from 'mssql';
import { databaseHost } from '../../harness/live/database-target.js';
import { createScratchDatabase, withDatabase, type ScratchDatabase } from '../../harness/live/scratch-database.js';

type TestDatabase = ScratchDatabase;

type Availability = { ok: true; create(): Promise<TestDatabase>; stop(): Promise<void> } | { ok: false; reason: string };

const PG_ADMIN_URL = process.env.KVITTERING_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PREFIX = 'kvittering_test_';

/**
 * Hosts the fault tests may disturb: the servers the environment named for throw-away test databases
 * (a CI service container is not on loopback). Naming a server in KVITTERING_*_URL is the permission.
 */
function testFaultHosts(): string[] {
  const urls = [process.env.KVITTERING_PG_URL, process.env.KVITTERING_MSSQL_URL, ...extraHosts];
  return urls.filter((u): u is string => u !== undefined && u !== '').map((u) => (u.includes('=') || u.includes('://') ? databaseHost(u) : u));
}
const extraHosts: string[] = [];

/** A fresh PostgreSQL database; throws with a hint when the server is not there. */
async function createPostgresDatabase(): Promise<TestDatabase> {
  try {
    return await createScratchDatabase(PG_ADMIN_URL, { prefix: PREFIX, allowRemoteHosts: testFaultHosts() });
  } catch (error) {
    throw new Error(`[kvittering] E_TEST_POSTGRES: could not create a test database through ${PG_ADMIN_URL} (${error instanceof Error ? error.message : String(error)})\nHint: start PostgreSQL on 127.0.0.1:5432 with trust auth for user postgres, or set KVITTERING_PG_URL.`);
  }
}

// --- SQL Server ------------------------------------------------------------------------------------

function mssqlServer(adminUrl: string, stop: () => Promise<void>): Availability {
  return { ok: true, stop, create: () => createScratchDatabase(adminUrl, { prefix: PREFIX, allowRemoteHosts: testFaultHosts() }) };
}

/** Whether something answers on the Docker socket (a CLI without a daemon does not count). */
function dockerEngineAnswers(): Promise<boolean> {
  const host = process.env.DOCKER_HOST;
  const target: net.NetConnectOpts = host === undefined || host.startsWith('unix://')
    ? { path: host?.slice('unix://'.length) ?? '/var/run/docker.sock' }
    : (() => { const u = new URL(host.replace(/^tcp:/, 'http:')); return { host: u.hostname, port: Number(u.port || 2375) }; })();
  return new Promise((resolve) => {
    const socket = net.connect(target);
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A CI service container answers on its port before SQL Server accepts logins: retry for a while. */
async function waitForMssql(url: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      const pool = await new sql.ConnectionPool(withDatabase(url, 'master')).connect();
      await pool.close();
      return;
    } catch (error) {
      if (performance.now() > deadline) {
        throw new Error(`[kvittering] E_TEST_MSSQL: SQL Server at KVITTERING_MSSQL_URL did not accept a login within ${timeoutMs} ms (${error instanceof Error ? error.message : String(error)})\nHint: check the service container's logs, the sa password policy and TrustServerCertificate=true.`);
      }
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}

/** SQL Server for the shared storage suite: a given server, a container, or a reason to skip. */
async function mssqlAvailability(): Promise<Availability> {
  const url = process.env.KVITTERING_MSSQL_URL;
  if (url !== undefined && url !== '') {
    await waitForMssql(url, 90_000);
    return mssqlServer(url, () => Promise.resolve());
  }
  if (!(await dockerEngineAnswers())) {
    return { ok: false, reason: 'SQL Server storage tests skipped: KVITTERING_MSSQL_URL is not set and no Docker engine answers (testcontainers needs one) — see docs/databases.md' };
  }
  const { MSSQLServerContainer } = await import('@testcontainers/mssqlserver');
  const container = await new MSSQLServerContainer('mcr.microsoft.com/mssql/server:2022-latest').acceptLicense().start();
  extraHosts.push(container.getHost()); // a container we started ourselves
  const adminUrl = `Server=${container.getHost()},${container.getPort()};Database=master;User Id=${container.getUsername()};Password=${container.getPassword()};Encrypt=false;TrustServerCertificate=true`;
  return mssqlServer(adminUrl, async () => { await container.stop(); });
}

export { createPostgresDatabase, mssqlAvailability, testFaultHosts, PG_ADMIN_URL };
export type { TestDatabase, Availability };
