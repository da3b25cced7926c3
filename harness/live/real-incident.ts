// The 2023 incident on a real database: the core's CaseSystem (unchanged) writing to PostgreSQL or SQL
// Server through the Storage adapter, the core Portal pushing to it, both on a LiveClock, and a backup
// job that holds a table lock for a window while reports arrive. The verdict comes from the oracle with
// "stored" read from the database afterwards, never from the case system. Give it an empty database:
// it creates the schema, writes, locks the table and reads it back.

import { performance } from 'node:perf_hooks';
import { Ledger } from '../ledger/ledger.js';
import { LiveClock } from '../runtime/live-clock.js';
import { Rng } from '../runtime/rng.js';
import { HOUR_MS, MINUTE_MS } from '../runtime/time.js';
import type { FaultSpec } from '../faults/fault-spec.js';
import type { Judgement } from '../oracle/oracle.js';
import { DbFaultDriver } from './db-fault-driver.js';
import { judgeStored } from './judge-stored.js';
import { rngStreams } from '../runner/horizon.js';
import { serverFaultsFor, storageFor } from './connect.js';
import { defaultPortalConfig } from '../../simulators/portal/portal.js';
import { buildWorld, type ReceiverParts } from '../runner/world.js';
import { CaseSystem, defaultCaseSystemConfig, type AckPolicy } from '../../simulators/case-system/case-system.js';
import { Reconciliation } from '../../simulators/controls/reconciliation.js';
import type { StoredRow } from '../../storage/sql-driver.js';

interface RealIncidentOptions {
  /** An empty database it may write to and lock (postgres://… or "Server=…;Database=…"). */
  url: string;
  /** The server is not on loopback: name its host to allow the backup job's lock. */
  allowRemoteHosts?: readonly string[];
  ackPolicy: AckPolicy;
  reconciliationIntervalMs?: number;
  messages?: number;
  seed?: number;
}

interface RealIncidentResult {
  judgement: Judgement;
  ledger: Ledger;
  rows: StoredRow[];
  horizonMs: number;
  wallMs: number;
  faultErrors: unknown[];
}

/**
 * One virtual day lasts 1.5 wall seconds. In wall time: a report every ~16 ms, the backup job's lock
 * held for ~310 ms (5 virtual hours, about 20 reports), writes giving up on a lock after 40 ms. A
 * stalled process makes virtual time jump, so retention (2 days = 3 s) keeps a wide margin over the
 * lock window and the reconciliation interval: a stall of over 2.5 s would be needed to purge a
 * report before reconciliation sees it.
 */
const MS_PER_VIRTUAL_DAY = 1_500;
const SPACING_MS = 15 * MINUTE_MS;
const BACKUP: FaultSpec = { kind: 'backup-spike', fromMs: 2 * HOUR_MS, toMs: 7 * HOUR_MS };
const POOL_SIZE = 4;
const portalConfig = {
  ...defaultPortalConfig,
  receiptDeadlineMs: 12 * HOUR_MS,
  retentionDays: 2,
  // The transport answer must outlive a write blocked until its lock timeout (40 ms ≈ 40 virtual minutes).
  deliveryTimeoutMs: 3 * HOUR_MS,
};

async function runRealIncident(o: RealIncidentOptions): Promise<RealIncidentResult> {
  const started = performance.now();
  const clock = new LiveClock({ msPerVirtualDay: MS_PER_VIRTUAL_DAY });
  const ledger = new Ledger();
  const root = new Rng(o.seed ?? 2023);
  const server = serverFaultsFor(o.url, o.allowRemoteHosts);
  const storage = storageFor(o.url, { clock, receiver: 0, poolSize: POOL_SIZE, lockTimeoutWallMs: 40, requestTimeoutWallMs: 1_000 });
  try {
    const driver = new DbFaultDriver({ clock, ledger, server, caseSystemApplicationName: 'kvittering-case-system', target: 'bergen' });
    // Schema, logins and the backup job's session first; the run's own time line starts after them.
    await storage.driver.migrate();
    await storage.warmUp(POOL_SIZE);
    await driver.prepare();
    const t0 = clock.now();

    const world = buildWorld({ clock, rng: root, ledger }, portalConfig, [{ id: 'bergen', style: 'push', digitalOnly: false }]);
    const { portal } = world;
    const { faults, link, rng: receiverRng } = world.receivers[0] as ReceiverParts;
    const caseSystem = new CaseSystem(0, { ...defaultCaseSystemConfig, ackPolicy: o.ackPolicy, retryBackoffMs: 30 * MINUTE_MS },
      clock, rngStreams.caseSystem(receiverRng), ledger, faults, storage, link);
    world.setEndpoint(0, caseSystem);
    if ((o.reconciliationIntervalMs ?? 0) > 0) {
      new Reconciliation(0, o.reconciliationIntervalMs ?? 0, HOUR_MS, clock, ledger, portal, storage).start();
    }
    const plan = [{ ...BACKUP, fromMs: t0 + (BACKUP.fromMs ?? 0), toMs: t0 + (BACKUP.toMs ?? 0) }];
    driver.schedule(plan);

    const n = o.messages ?? 40;
    const senders = rngStreams.workload(root);
    for (let id = 0; id < n; id++) {
      clock.at(t0 + id * SPACING_MS, () => portal.submit({ id, receiver: 0, sender: senders.chancePct(60) ? 'public' : 'private', sentAtMs: clock.now() }));
    }
    const lastSendMs = t0 + (n - 1) * SPACING_MS;
    const requiredHorizonMs = world.requiredHorizonMs(lastSendMs, plan);
    await new Promise<void>((resolve) => clock.at(requiredHorizonMs, resolve));
    const horizonMs = clock.now();
    await driver.healAll();
    clock.close();
    const rows = await storage.driver.storedRows();
    const judgement = judgeStored({ entries: ledger.entries, rows, virtualAtEpoch: (e) => clock.virtualAtEpoch(e), receiver: 0, horizonMs, requiredHorizonMs });
    return { judgement, ledger, rows, horizonMs, wallMs: performance.now() - started, faultErrors: driver.errors };
  } finally {
    clock.close();
    await server.close();
    await storage.driver.close();
  }
}

export { runRealIncident, BACKUP, MS_PER_VIRTUAL_DAY };
export type { RealIncidentOptions, RealIncidentResult };
