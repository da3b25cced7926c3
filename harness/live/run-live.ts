// The live runner: the same world, ledger → oracle → verdict as the simulated runtime, with real
// timers, real HTTP and a real system under test. It serves the portal on loopback, drives the
// workload through the portal's intake, carries out the fault plan (live-faults.ts), reads the SUT's
// storage to learn what was really stored (storage-reader.ts — never inferred from receipts), waits
// past the horizon every runtime uses (harness/runner/horizon.ts), and judges (live-verdict.ts).

import { randomInt } from 'node:crypto';
import { KvitteringError, messageOf } from '../errors.js';
import { Rng } from '../runtime/rng.js';
import { LiveClock } from '../runtime/live-clock.js';
import { HOUR_MS, formatDuration } from '../runtime/time.js';
import { Ledger } from '../ledger/ledger.js';
import { Oracle } from '../oracle/oracle.js';
import type { LiveRunConfig, RunResult } from '../runner/run-result.js';
import { Reconciliation } from '../../simulators/controls/reconciliation.js';
import { MAX_MESSAGE_ID } from '../../simulators/portal/http/wire.js';
import { servePortal, waitPortalSettled, type RunningPortal } from './serve-portal.js';
import { createStoredProbe, type StoredProbe } from './stored-probe.js';
import { ReceiptEvidence, type ReceiptEvidenceSummary } from './receipt-evidence.js';
import type { LoadReport } from './load-driver.js';
import { validateLiveScenario, type LiveScenario } from './live-scenario.js';
import { checkLiveTargets, receiverTargets, type ReceiverOverride } from './live-targets.js';
import type { TargetPermission } from '../safety/target-guard.js';
import { watchPollGaps } from './poll-gap-watch.js';
import { checkBrokerTarget, fiksIoServeOption, portalStyle, watchBroker } from './fiks-io/fiks-io-live-receivers.js';
import { SutSpells, type SutFault } from './sut-spells.js';
import { StorageReader, type StorageReadSummary } from './storage-reader.js';
import { startStoragePoller } from './storage-poller.js';
import { scheduleLiveFaults, type DatabaseFaultRun, type DatabaseFaults, type SutInjector } from './live-faults.js';
import { driveLiveWorkload } from './live-workload.js';
import { judgeLive, type LiveVerdict } from './live-verdict.js';

/** Wall-clock bound on waiting for the portal's last replies and receipt checks after the horizon. */
const PORTAL_SETTLE_WALL_MS = 10_000;

interface RunLiveOptions {
  /**
   * Called once the portal listens: start or configure the SUT. May return, by receiver id, the push
   * URL and storage check that are only known once the SUT runs.
   */
  onPortalReady?: (portal: { url: string; clock: LiveClock; ledger: Ledger }) => Promise<Record<string, ReceiverOverride> | undefined> | Record<string, ReceiverOverride> | undefined;
  sutFaults?: SutInjector;
  databaseFaults?: DatabaseFaults;
  /** First numeric message id (default: random per run, so runs never collide in one database). */
  idBase?: number;
  /** Wall-clock wait for the SUT's answer to a push (default 5 s): every network wait is bounded. */
  pushTimeoutMs?: number;
  /**
   * Poll receivers: longest silence between two listings (wall ms) before it is a sut-poll-gap fault.
   * Unset: polls are not watched.
   */
  pollGapMs?: number;
  /** Remote hosts allowed from the command line, added to the scenario's allowRemoteHosts. */
  allowRemoteHosts?: readonly string[];
  log?: (line: string) => void;
  signal?: AbortSignal;
}

/** A live run's RunResult (buildRunReport and every renderer take it) and what only live runs have. */
interface LiveResult extends RunResult<LiveRunConfig>, LiveVerdict {
  scenario: LiveScenario;
  idBase: number;
  portalUrl: string;
  load: LoadReport;
  /** Storage reads made and failed, and the messages no read answered for after a failed one. */
  storageReads: StorageReadSummary;
  /** How each receipt was labelled before or after the commit, from the reads made for it. */
  receiptEvidence: ReceiptEvidenceSummary;
  wallMs: number;
  /** Every address the run sent traffic to, and on what basis (loopback, or named as allowed). */
  targets: TargetPermission[];
  /** Spells the SUT did not answer (push) or its storage could not be read, also in the ledger as faults. */
  sutFaults: SutFault[];
  /** outcome === 'pass': complete, judged valid, the SUT never went away unplanned, every message's storage read, every fault applied. */
  pass: boolean;
}

/** Resolves at virtual `atMs`, or early when aborted: true when the instant was reached. */
function waitUntil(clock: LiveClock, atMs: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    clock.at(atMs, () => resolve(true));
    if (signal?.aborted === true) resolve(false);
    signal?.addEventListener('abort', () => resolve(false), { once: true });
  });
}

function checkIdBase(idBase: number, maxMessages: number): void {
  if (!(Number.isInteger(idBase) && idBase >= 0 && idBase + maxMessages <= MAX_MESSAGE_ID)) {
    throw new KvitteringError('E_LIVE_FIELD', `idBase is ${idBase} — expected an integer ≥ 0 with room for ${maxMessages} ids below ${MAX_MESSAGE_ID}`);
  }
}

async function runLive(scenario: LiveScenario, options: RunLiveOptions = {}): Promise<LiveResult> {
  validateLiveScenario(scenario, [...options.sutFaults?.kinds ?? [], ...options.databaseFaults?.kinds ?? []]);
  const log = options.log ?? (() => undefined);
  const allowRemoteHosts = [...scenario.allowRemoteHosts ?? [], ...options.allowRemoteHosts ?? []];
  // Refuse before anything listens or sends; checked again once the SUT's real addresses are known.
  checkLiveTargets(receiverTargets(scenario.receivers), allowRemoteHosts);
  const brokerTargets = checkBrokerTarget(scenario, allowRemoteHosts);
  const idBase = options.idBase ?? randomInt(0, 2 ** 20) * 2 ** 27;
  checkIdBase(idBase, scenario.workload.maxMessages);
  const wallStart = performance.now();
  const clock = new LiveClock({ msPerVirtualDay: scenario.msPerVirtualDay, onError: (error) => log(`timer error: ${String(error)}`) });
  const ledger = new Ledger();
  const oracle = new Oracle();
  ledger.subscribe(oracle.observe);
  const spells = new SutSpells(clock, ledger, log);
  const reader = new StorageReader({ clock, ledger, receiverIds: scenario.receivers.map((r) => r.id), spells, log });
  const evidence = new ReceiptEvidence({
    read: (ids, receiptAtMs) => reader.read(ids, receiptAtMs).catch((error: unknown) => {
      log(`storage read for a receipt failed: ${messageOf(error)}`);
      throw error;
    }),
    committedBefore: (msg) => reader.committedBefore(msg), storedAtMs: (msg) => reader.storedAtMs(msg), now: () => clock.now(),
  });
  const probes: StoredProbe[] = [];
  let portal: RunningPortal | undefined;
  let database: DatabaseFaultRun | undefined;
  let stopPollWatch: (() => void) | undefined;
  try {
    const fiksIo = fiksIoServeOption(scenario);
    portal = await servePortal({
      receivers: scenario.receivers.map((r) => ({ receiver: r.id, username: r.username, password: r.password, style: portalStyle(r.style), ...(r.pushUrl === undefined ? {} : { pushUrl: r.pushUrl }) })),
      ...(fiksIo === undefined ? {} : { fiksIo }),
      ...(scenario.portal === undefined ? {} : { portal: scenario.portal }),
      clock, ledger, idBase, seed: scenario.seed, port: scenario.portalPort ?? 0, log,
      ...(options.pushTimeoutMs === undefined ? {} : { pushTimeoutMs: options.pushTimeoutMs }),
      committedCheck: (msg) => evidence.check(msg),
    });
    const p = portal;
    const { world } = p.live;
    log(`portal listening on ${p.url}; ids from ${idBase}; one virtual day = ${scenario.msPerVirtualDay} ms`);
    const overrides = (await options.onPortalReady?.({ url: p.url, clock, ledger })) ?? {};
    const targets = [...brokerTargets, ...checkLiveTargets(receiverTargets(scenario.receivers, overrides), allowRemoteHosts)];
    for (const t of targets) log(`target ${t.url} (${t.basis === 'loopback' ? 'loopback' : 'remote host allowed by name'})`);
    scenario.receivers.forEach((r, i) => {
      const override = overrides[r.id] ?? {};
      const endpoint = p.live.pushEndpoints[i];
      if (override.pushUrl !== undefined && endpoint !== undefined) endpoint.url = override.pushUrl;
      if (endpoint !== undefined) endpoint.onOutcome = (answered, detail, sentAtMs) => spells.observe('sut-unreachable', r.id, answered, detail, sentAtMs);
      probes.push(createStoredProbe(override.storageCheck ?? r.storageCheck));
    });
    reader.attach(probes);
    watchBroker(scenario, p, (receiver, detail) => spells.observe('sut-unreachable', receiver, false, detail));
    const poller = startStoragePoller(reader, scenario.storagePollMs ?? 1_000, log);

    const workloadStartMs = clock.now();
    const pollGapMs = options.pollGapMs;
    stopPollWatch = pollGapMs === undefined ? undefined : watchPollGaps({
      clock, ledger, gapWallMs: pollGapMs, lastListedAt: (i) => p.live.service.lastListedAt(i),
      receivers: scenario.receivers.flatMap((r, index) => (r.style === 'poll' ? [{ id: r.id, index }] : [])),
      observe: (receiver, ok, detail) => spells.observe('sut-poll-gap', receiver, ok, detail),
    });
    const planned = scheduleLiveFaults({
      world, clock, ledger, plan: scenario.faults ?? [], startMs: workloadStartMs, sut: options.sutFaults, database: options.databaseFaults,
      expectCrash: (target) => spells.expectCrash(target),
    });
    database = planned.database;

    // Controls the portal side can run against the SUT's storage.
    const interval = scenario.reconciliationIntervalMs ?? 0;
    if (interval > 0) {
      scenario.receivers.forEach((_, i) => {
        new Reconciliation(i, interval, Math.min(HOUR_MS, interval / 2), clock, ledger, p.live.portal, reader.controlStorage(i)).start();
      });
    }

    const load = await driveLiveWorkload(scenario, new Rng(scenario.seed), p.url, options.signal);
    const requiredHorizonMs = world.requiredHorizonMs(clock.now(), planned.faults);
    log(`workload done: ${load.ok} reports accepted in ${Math.round(load.durationMs)} ms; waiting to ${formatDuration(requiredHorizonMs)} virtual (${Math.round(clock.toWallMs(requiredHorizonMs - clock.now()))} ms wall)`);
    const complete = await waitUntil(clock, requiredHorizonMs, options.signal);
    // Replies the broker confirmed but the portal has not consumed yet, and receipt checks still
    // running, reach the ledger before it is judged (bounded).
    const settled = await waitPortalSettled(p, PORTAL_SETTLE_WALL_MS);
    const unsettled = settled ? undefined : { replies: p.live.service.pendingReplies, receiptChecks: p.live.service.pendingReceiptChecks, waitedWallMs: PORTAL_SETTLE_WALL_MS };
    if (unsettled !== undefined) log(`portal not settled within ${PORTAL_SETTLE_WALL_MS} ms: ${unsettled.replies} replies unconsumed, ${unsettled.receiptChecks} receipt checks open`);
    stopPollWatch?.();
    await poller.stop();
    await database?.healAll();
    const faultErrors = database?.errors.map(messageOf);
    for (const error of faultErrors ?? []) log(`database fault could not be applied: ${error}`);
    // The last word on what is stored: one final read of every id sent, seen or not — a second row of
    // an id already seen (a redelivery inserted twice) shows only here. If it fails, the messages it
    // could not answer for are unread, and the verdict says so.
    await reader.read(reader.sentIds).catch((error: unknown) => log(`the final read of the SUT's storage failed: ${messageOf(error)}`));
    const horizonMs = clock.now();
    const judgement = oracle.judge(horizonMs, requiredHorizonMs);
    const storageReads = reader.summary;
    const verdict = judgeLive({ judgement, complete, sutFaults: spells.faults, storageReads, faultErrors, unsettled });
    const config: LiveRunConfig = {
      runtime: 'live', seed: scenario.seed, msPerVirtualDay: scenario.msPerVirtualDay, portal: world.portalConfig,
      receivers: scenario.receivers.map((r) => ({ id: r.id, style: r.style, weight: r.weight ?? 1, storageCheck: r.storageCheck.kind === 'http' ? 'http' : 'database' })),
      workload: { ...scenario.workload }, faults: planned.faults, keepLedger: ledger.keepEntries,
    };
    return {
      config, scenario, idBase, portalUrl: p.url, horizonMs, requiredHorizonMs, ledger, judgement, eventsRun: clock.eventsRun,
      load, storageReads, receiptEvidence: evidence.summary, wallMs: performance.now() - wallStart, complete, targets,
      sutFaults: spells.faults, ...verdict, pass: verdict.outcome === 'pass',
    };
  } finally {
    stopPollWatch?.();
    await database?.healAll().catch(() => undefined);
    clock.close();
    await portal?.close();
    await Promise.all(probes.map((probe) => probe.close().catch(() => undefined)));
  }
}

export { runLive };
export type { RunLiveOptions, LiveResult, SutInjector, DatabaseFaults, ReceiverOverride, SutFault };
