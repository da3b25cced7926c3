// `kvittering serve case-system`: the reference case system as a real HTTP service. The core
// `CaseSystem` (ack policy after-commit | before-commit | retry-then-fail) on a live clock, storing
// through a `Storage` — the simulated database by default, a real database adapter when given —
// with receipts going back to the portal over HTTP. Shutdown drains: accepted deliveries are
// answered, their writes finish, their receipts are sent, then the process may exit.

import { Rng } from '../runtime/rng.js';
import { rngStreams } from '../runner/horizon.js';
import { LiveClock } from '../runtime/live-clock.js';
import { DAY_MS } from '../runtime/time.js';
import { Ledger } from '../ledger/ledger.js';
import { FaultState } from '../faults/fault-state.js';
import { CaseSystem, defaultCaseSystemConfig, type AckPolicy, type CaseSystemConfig } from '../../simulators/case-system/case-system.js';
import { SimulatedDatabase, defaultDatabaseConfig, type DatabaseConfig } from '../../simulators/database/database.js';
import type { Storage } from '../../simulators/database/storage.js';
import { postgresStorage } from '../../storage/postgres-storage.js';
import type { SqlStorage } from '../../storage/sql-storage.js';
import { ReceiptLink } from '../../simulators/portal/receipt-link.js';
import { HttpPortalClient, defaultHttpPortalClient } from '../../simulators/case-system/http/http-portal-client.js';
import { CaseSystemService, TrackedStorage } from '../../simulators/case-system/http/case-system-service.js';
import { caseSystemHandlers } from '../../simulators/case-system/http/case-system-handlers.js';
import type { Credentials } from '../../simulators/http/basic-auth.js';
import { mswHandler, startHttpShell, type HttpShellOptions } from './http/http-shell.js';
import { connectBroker } from './fiks-io/broker.js';
import { consumeFiksIo, type FiksIoConsumer } from './fiks-io/fiks-io-consumer.js';
import { KillAtFirstWrite } from './fiks-io/kill-at-first-write.js';

interface StorageDeps {
  clock: LiveClock;
  ledger: Ledger;
  faults: FaultState;
  rng: Rng;
}

interface PostgresTarget {
  connectionString: string;
  poolSize?: number;
  /** Server-side lock_timeout (0 = wait forever, SQL Server's default). */
  lockTimeoutWallMs?: number;
  /** Client-side request timeout (tedious's default 15 s). */
  requestTimeoutWallMs?: number;
}

interface ServeCaseSystemOptions {
  ackPolicy: AckPolicy;
  /** Where receipts go: the portal's base URL. */
  portalUrl: string;
  /** This case system's account at the portal. */
  portalCredentials: Credentials;
  host?: string;
  port?: number;
  /** Credentials the portal must present when pushing (none: open on loopback). */
  auth?: Credentials;
  /** A real PostgreSQL database (migrated on start); takes precedence over `storage`. */
  postgres?: PostgresTarget;
  /** The storage to write through; default: the simulated database on this process's clock. */
  storage?: (deps: StorageDeps) => Storage;
  /** Wall ms per virtual day for the case system's own delays (default: real time). */
  msPerVirtualDay?: number;
  caseSystem?: Partial<CaseSystemConfig>;
  database?: Partial<DatabaseConfig>;
  seed?: number;
  /** Wall-clock wait for a transport answer before answering 503. */
  answerTimeoutMs?: number;
  shell?: Partial<Omit<HttpShellOptions, 'handler' | 'drain'>>;
  /** Receive over Fiks IO (AMQP) from this account's queue instead of HTTP pushes. */
  fiksIo?: { brokerUrl: string; kontoId: string };
  /** Crash-test hook: SIGKILL this process when its first write starts (kill-at-first-write.ts). */
  killAtFirstWrite?: boolean;
  log?: (line: string) => void;
}

interface RunningCaseSystem {
  url: string;
  /** Where the portal pushes. */
  pushUrl: string;
  /** `{id}` template for the storage check. */
  lookupUrl: string;
  ledger: Ledger;
  faults: FaultState;
  clock: LiveClock;
  close(): Promise<void>;
}

async function serveCaseSystem(options: ServeCaseSystemOptions): Promise<RunningCaseSystem> {
  const clock = new LiveClock({ msPerVirtualDay: options.msPerVirtualDay ?? DAY_MS, onError: (error) => options.log?.(`timer error: ${String(error)}`) });
  // The receiver's own stream, as every runtime names it (horizon.ts rngStreams): its portal account is
  // its receiver id, so a seed draws for this case system what it draws for the same receiver simulated.
  const rng = rngStreams.receiver(new Rng(options.seed ?? 1), options.portalCredentials.username);
  const ledger = new Ledger(false);
  const faults = new FaultState();
  let sql: SqlStorage | undefined;
  if (options.postgres !== undefined) {
    const { connectionString, poolSize, lockTimeoutWallMs, requestTimeoutWallMs } = options.postgres;
    sql = postgresStorage({
      connectionString, clock, receiver: 0,
      ...(poolSize === undefined ? {} : { poolSize }),
      ...(lockTimeoutWallMs === undefined ? {} : { lockTimeoutWallMs }),
      ...(requestTimeoutWallMs === undefined ? {} : { requestTimeoutWallMs }),
    });
    await sql.driver.migrate();
  }
  const inner = sql ?? options.storage?.({ clock, ledger, faults, rng }) ?? new SimulatedDatabase(0, { ...defaultDatabaseConfig, ...options.database }, clock, rngStreams.database(rng), ledger, faults);
  const late: { fiksIo?: FiksIoConsumer } = {};
  const storage = new TrackedStorage(options.killAtFirstWrite === true ? new KillAtFirstWrite(inner, async () => {
    // Acks reach the broker and receipts the portal first, within 5 s, so the crash lands after them.
    await late.fiksIo?.flush().catch(() => undefined);
    const until = performance.now() + 5_000;
    while (client.inFlight > 0 && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
  }, options.log) : inner);
  const client = new HttpPortalClient({
    portalUrl: options.portalUrl, credentials: options.portalCredentials, style: 'push', ...defaultHttpPortalClient,
    onGiveUp: (msg, reason) => options.log?.(`receipt for ${msg} given up: ${reason}`),
    ...(options.fiksIo === undefined ? {} : { fiksIo: { kontoId: options.fiksIo.kontoId, replyTo: (msg: number) => late.fiksIo?.avsenderOf(msg) } }),
  });
  const link = new ReceiptLink(client, clock, rngStreams.link(rng), ledger, faults, 0);
  const config: CaseSystemConfig = { ...defaultCaseSystemConfig, ...options.caseSystem, ackPolicy: options.ackPolicy };
  const caseSystem = new CaseSystem(0, config, clock, rngStreams.caseSystem(rng), ledger, faults, storage, link);
  caseSystem.onDiscard((msg) => options.log?.(`write of ${msg} failed after its receipt was sent; dropped`));
  const service = new CaseSystemService({
    caseSystem, storage, answerTimeoutMs: options.answerTimeoutMs ?? 10_000, busy: () => client.inFlight,
    // A real database answers lookups itself, so a failed query is a 503, not a "not stored".
    ...(sql === undefined ? {} : { exists: (msg: number) => (sql).driver.exists(msg) }),
  });
  const lookupTimeoutMs = 5_000;
  const broker = options.fiksIo === undefined ? undefined : await connectBroker(options.fiksIo.brokerUrl);
  if (broker !== undefined && options.fiksIo !== undefined) {
    late.fiksIo = await consumeFiksIo({ connection: broker, kontoId: options.fiksIo.kontoId, caseSystem, ...(options.log === undefined ? {} : { log: options.log }) });
  }

  const shell = await startHttpShell({
    ...options.shell,
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.port === undefined ? {} : { port: options.port }),
    handler: (baseUrl) => mswHandler(caseSystemHandlers(service, baseUrl, {
      ...(options.auth === undefined ? {} : { credentials: options.auth }), lookupTimeoutMs, ackPolicy: config.ackPolicy,
    }), baseUrl),
    drain: async (deadlineMs) => {
      // Accepted work settles: writes commit or fail, receipts reach the portal, retries run out.
      while (!service.idle(clock.pending) && performance.now() < deadlineMs) await new Promise((resolve) => setTimeout(resolve, 10));
      if (!service.idle(clock.pending)) options.log?.(`shutdown deadline reached with work in flight (timers ${clock.pending}, storage ${storage.inFlight}, receipts ${client.inFlight})`);
    },
  });
  return {
    url: shell.url,
    pushUrl: `${shell.url}/fiks-io/meldinger`,
    lookupUrl: `${shell.url}/lagret/{id}`,
    ledger, faults, clock,
    close: async () => {
      // Take no new deliveries, let those in hand settle and ack, then close: the broker requeues the rest.
      await late.fiksIo?.stop();
      await shell.close();
      await late.fiksIo?.close();
      await broker?.close().catch(() => undefined);
      clock.close();
      await sql?.driver.close();
    },
  };
}

export { serveCaseSystem };
export type { ServeCaseSystemOptions, RunningCaseSystem, StorageDeps, PostgresTarget };
