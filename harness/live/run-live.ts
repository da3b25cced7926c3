// The live runner: the same ledger → oracle → verdict as the simulated runtime, with real timers, real
// HTTP and a real system under test. It serves the portal on loopback, drives the workload through the
// portal's intake with the built-in load driver, injects what the portal side can (lost, duplicated,
// late receipts; wrong routes; purges; reconciliation-triggered redelivery) plus whatever a SUT-side
// injector offers, reads the SUT's storage to learn what was really stored (appending `commit`
// entries — never inferred from receipts), waits past the last retention window, and judges.

import { randomInt } from 'node:crypto';
import { KvitteringError } from '../errors.js';
import { Rng } from '../runtime/rng.js';
import { LiveClock } from '../runtime/live-clock.js';
import { HOUR_MS, formatDuration } from '../runtime/time.js';
import { Ledger } from '../ledger/ledger.js';
import { Oracle } from '../oracle/oracle.js';
import type { FaultKind, FaultSpec } from '../faults/fault-spec.js';
import type { FaultState } from '../faults/fault-state.js';
import { scheduleFaults } from '../faults/schedule-faults.js';
import { requiredHorizonMs as settledAfter, rngStreams } from '../runner/horizon.js';
import type { LiveRunConfig, RunResult } from '../runner/run-result.js';
import { defaultPortalConfig } from '../../simulators/portal/portal.js';
import { Reconciliation } from '../../simulators/controls/reconciliation.js';
import type { Storage } from '../../simulators/database/storage.js';
import { MAX_MESSAGE_ID } from '../../simulators/portal/http/wire.js';
import { servePortal, type RunningPortal } from './serve-portal.js';
import { createStoredProbe, type StoredProbe } from './stored-probe.js';
import { ReceiptEvidence, type ReceiptEvidenceSummary } from './receipt-evidence.js';
import { driveLoad, type LoadReport } from './load-driver.js';
import { portalSideFaults, validateLiveScenario, type LiveReceiverSpec, type LiveScenario } from './live-scenario.js';
import { checkLiveTargets, type LiveTarget } from './live-targets.js';
import type { TargetPermission } from '../safety/target-guard.js';
import { watchPollGaps } from './poll-gap-watch.js';
import { checkBrokerTarget, fiksIoServeOption, portalStyle, watchBroker } from './fiks-io/fiks-io-live-receivers.js';
import { receiverPicker } from '../workload/receiver-pick.js';

/** What can be done to the system under test from outside the portal (the reference case system's state, a database). */
interface SutInjector {
  kinds: readonly FaultKind[];
  /** The fault state a window changes for receiver i (e.g. the in-process reference case system's). */
  stateOf(receiver: number): FaultState;
  crash?(receiver: number, downMs: number): void;
  killDbSessions?(receiver: number): void;
}

/** Storage faults carried out on a real database server (DbFaultDriver), on the run's clock and ledger. */
interface DatabaseFaults {
  kinds: readonly FaultKind[];
  create(deps: { clock: LiveClock; ledger: Ledger }): { schedule(plan: readonly FaultSpec[]): FaultSpec[]; healAll(): Promise<void>; readonly errors: unknown[] };
}

type ReceiverOverride = Partial<Pick<LiveReceiverSpec, 'pushUrl' | 'storageCheck'>>;

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
interface LiveResult extends RunResult<LiveRunConfig> {
  scenario: LiveScenario;
  idBase: number;
  portalUrl: string;
  load: LoadReport;
  /** Storage reads made and failed (a failed final read aborts the run instead). */
  storageReads: { made: number; failed: number };
  /** How each receipt was labelled before or after the commit, from the reads made for it. */
  receiptEvidence: ReceiptEvidenceSummary;
  wallMs: number;
  /** Every address the run sent traffic to, and on what basis (loopback, or named as allowed). */
  targets: TargetPermission[];
  /** Spells the SUT did not answer (push) or its storage could not be read, also in the ledger as faults. */
  sutFaults: SutFault[];
  /** The run is a pass only when complete, judged valid, and the SUT never went away unplanned. */
  pass: boolean;
}

/** A spell in which the system under test went away without a fault that the scenario injected. */
interface SutFault {
  fault: 'sut-unreachable' | 'sut-storage-unreachable' | 'sut-poll-gap';
  receiver: string;
  startMs: number;
  healMs?: number;
  /** Pushes (or storage reads) that got no answer in the spell. */
  failures: number;
  /** The first failure's cause (ECONNREFUSED, no answer in time …). */
  detail: string;
  /** Every distinct cause seen in the spell. */
  causes: string[];
}

/** Injected faults that explain a SUT not answering: those are the scenario's, not a crash. */
const PLANNED_UNREACHABLE = new Set(['case-system-outage', 'case-system-crash']);

function shiftFault(spec: FaultSpec, byMs: number): FaultSpec {
  const shifted: FaultSpec = { ...spec };
  if (spec.fromMs !== undefined) shifted.fromMs = spec.fromMs + byMs;
  if (spec.toMs !== undefined) shifted.toMs = spec.toMs + byMs;
  if (spec.atMs !== undefined) shifted.atMs = spec.atMs + byMs;
  if (spec.repeatUntilMs !== undefined) shifted.repeatUntilMs = spec.repeatUntilMs + byMs;
  return shifted;
}

/** Storage port over a probe, for the reconciliation control (lookup only). */
function probeStorage(probe: StoredProbe, onError: (error: unknown) => void): Storage {
  return {
    write: () => { throw new KvitteringError('E_LIVE', 'the live runner never writes to the system under test'); },
    lookup: (msg, done) => {
      probe.storedAmong([msg]).then((m) => done(m.has(msg)), (error: unknown) => onError(error));
    },
    abortInFlight: () => 0,
  };
}

async function runLive(scenario: LiveScenario, options: RunLiveOptions = {}): Promise<LiveResult> {
  validateLiveScenario(scenario, [...options.sutFaults?.kinds ?? [], ...options.databaseFaults?.kinds ?? []]);
  const log = options.log ?? (() => undefined);
  const allowRemoteHosts = [...scenario.allowRemoteHosts ?? [], ...options.allowRemoteHosts ?? []];
  const targetsOf = (receivers: readonly { spec: LiveReceiverSpec; override: ReceiverOverride }[]): LiveTarget[] => receivers.flatMap(({ spec, override }, i) => {
    const out: LiveTarget[] = [];
    const pushUrl = override.pushUrl ?? spec.pushUrl;
    if (spec.style === 'push' && pushUrl !== undefined) out.push({ field: `receivers[${i}].pushUrl`, address: pushUrl, kind: 'url' });
    const check = override.storageCheck ?? spec.storageCheck;
    if (check.kind === 'http') out.push({ field: `receivers[${i}].storageCheck.lookupUrl`, address: check.lookupUrl.replace('{id}', 'id'), kind: 'url' });
    else out.push({ field: `receivers[${i}].storageCheck.connectionString`, address: check.connectionString, kind: 'database' });
    return out;
  });
  // Refuse before anything listens or sends; checked again once the SUT's real addresses are known.
  checkLiveTargets(targetsOf(scenario.receivers.map((spec) => ({ spec, override: {} }))), allowRemoteHosts);
  const brokerTargets = checkBrokerTarget(scenario, allowRemoteHosts);
  const wallStart = performance.now();
  const clock = new LiveClock({ msPerVirtualDay: scenario.msPerVirtualDay, onError: (error) => log(`timer error: ${String(error)}`) });
  const ledger = new Ledger();
  const oracle = new Oracle();
  ledger.subscribe(oracle.observe);
  const rng = new Rng(scenario.seed);
  const idBase = options.idBase ?? randomInt(0, 2 ** 20) * 2 ** 27;
  if (!(Number.isInteger(idBase) && idBase >= 0 && idBase + scenario.workload.maxMessages <= MAX_MESSAGE_ID)) {
    throw new KvitteringError('E_LIVE_FIELD', `idBase is ${idBase} — expected an integer ≥ 0 with room for ${scenario.workload.maxMessages} ids below ${MAX_MESSAGE_ID}`);
  }
  const probes: StoredProbe[] = [];
  const storageReads = { made: 0, failed: 0 };
  const sutFaults: SutFault[] = [];
  // Which receiver a message went to (the ledger's send entries say), and what storage reads showed.
  const receiverById = new Map<number, number>();
  const unresolved = new Set<number>();
  const rowsSeen = new Map<number, number>();
  // A row seen only after the portal purged its message was still written from a delivery, made while
  // the portal held it; without a stored_at it is dated at the last delivery, not at the late read.
  const lastDeliveryAt = new Map<number, number>();
  const purgedAt = new Map<number, number>();
  ledger.subscribe((e) => {
    if (e.kind === 'deliver') lastDeliveryAt.set(e.msg, e.t);
    else if (e.kind === 'purge') purgedAt.set(e.msg, e.t);
    if (e.kind !== 'send') return;
    receiverById.set(e.msg, e.receiver);
    unresolved.add(e.msg);
  });
  const seenAtMs = (msg: number): number => {
    const now = clock.now();
    const purge = purgedAt.get(msg);
    return purge === undefined || now < purge ? now : Math.min(now, lastDeliveryAt.get(msg) ?? now);
  };
  const storedAtMs = (msg: number): number | undefined => {
    const epochMs = probes[receiverOf(msg)]?.storedAt.get(msg);
    return epochMs === undefined ? undefined : Math.min(clock.now(), clock.virtualAtEpoch(epochMs));
  };
  // Filled in once the probes exist; receipts arrive only after the workload has started.
  let readStorage: (ids: readonly number[], receiptAtMs?: ReadonlyMap<number, number>) => Promise<void> = () => Promise.reject(new Error('no storage probe yet'));
  const evidence = new ReceiptEvidence({
    read: (ids, receiptAtMs) => readStorage(ids, receiptAtMs).catch((error: unknown) => {
      storageReads.failed++;
      log(`storage read for a receipt failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }),
    committedBefore: (msg) => rowsSeen.has(msg), storedAtMs, now: () => clock.now(),
  });
  const receiverOf = (msg: number): number => receiverById.get(msg) ?? 0;
  let portal: RunningPortal | undefined;
  let dbFaults: ReturnType<DatabaseFaults['create']> | undefined;
  let stopPollWatch: (() => void) | undefined;
  try {
    portal = await servePortal({
      receivers: scenario.receivers.map((r) => ({ receiver: r.id, username: r.username, password: r.password, style: portalStyle(r.style), ...(r.pushUrl === undefined ? {} : { pushUrl: r.pushUrl }) })),
      ...(fiksIoServeOption(scenario) === undefined ? {} : { fiksIo: fiksIoServeOption(scenario) }),
      ...(scenario.portal === undefined ? {} : { portal: scenario.portal }),
      clock, ledger, idBase, seed: scenario.seed, port: scenario.portalPort ?? 0, log,
      ...(options.pushTimeoutMs === undefined ? {} : { pushTimeoutMs: options.pushTimeoutMs }),
      committedCheck: (msg) => evidence.check(msg),
    });
    const p = portal;
    log(`portal listening on ${p.url}; ids from ${idBase}; one virtual day = ${scenario.msPerVirtualDay} ms`);
    const overrides = (await options.onPortalReady?.({ url: p.url, clock, ledger })) ?? {};
    const targets = [...brokerTargets, ...checkLiveTargets(targetsOf(scenario.receivers.map((spec) => ({ spec, override: overrides[spec.id] ?? {} }))), allowRemoteHosts)];
    for (const t of targets) log(`target ${t.url} (${t.basis === 'loopback' ? 'loopback' : 'remote host allowed by name'})`);
    scenario.receivers.forEach((r, i) => {
      const override = overrides[r.id] ?? {};
      const endpoint = p.live.pushEndpoints[i];
      if (override.pushUrl !== undefined && endpoint !== undefined) endpoint.url = override.pushUrl;
      probes.push(createStoredProbe(override.storageCheck ?? r.storageCheck));
    });

    // The SUT going away (killed, port closed, hanging) is a fault in the ledger, unless the scenario
    // injected it. A spell starts at the first failure and heals at the next answer.
    const planned = new Map<string, number>();
    ledger.subscribe((e) => {
      if (e.kind !== 'fault' || !PLANNED_UNREACHABLE.has(e.fault) || e.phase === 'event') return;
      planned.set(e.target, (planned.get(e.target) ?? 0) + (e.phase === 'start' ? 1 : -1));
    });
    const isPlanned = (receiver: string) => (planned.get(receiver) ?? 0) > 0 || (planned.get('*') ?? 0) > 0
      || [...planned].some(([target, n]) => n > 0 && target.split(',').includes(receiver));
    const openSpells = new Map<string, SutFault>();
    const observe = (fault: SutFault['fault'], receiver: string, ok: boolean, detail: string) => {
      const key = `${fault}:${receiver}`;
      const open = openSpells.get(key);
      if (ok) {
        if (open === undefined) return;
        open.healMs = clock.now();
        openSpells.delete(key);
        ledger.append({ t: clock.now(), kind: 'fault', fault, phase: 'heal', target: receiver });
        log(`${fault} healed: ${receiver} answers again after ${open.failures} failure(s)`);
        return;
      }
      if (open !== undefined) {
        open.failures++;
        if (!open.causes.includes(detail)) open.causes.push(detail);
        return;
      }
      if (fault === 'sut-unreachable' && isPlanned(receiver)) return;
      const spell: SutFault = { fault, receiver, startMs: clock.now(), failures: 1, detail, causes: [detail] };
      openSpells.set(key, spell);
      sutFaults.push(spell);
      ledger.append({ t: clock.now(), kind: 'fault', fault, phase: 'start', target: receiver });
      log(`${fault}: ${receiver} (${detail})`);
    };
    scenario.receivers.forEach((r, i) => {
      const endpoint = p.live.pushEndpoints[i];
      if (endpoint !== undefined) endpoint.onOutcome = (answered, detail) => observe('sut-unreachable', r.id, answered, detail);
    });
    watchBroker(scenario, p, (receiver, detail) => observe('sut-unreachable', receiver, false, detail));

    // What the SUT stored, read from its storage: each newly seen row becomes a commit entry.
    readStorage = async (ids, receiptAtMs) => {
      const byReceiver = new Map<number, number[]>();
      for (const msg of ids) {
        const r = receiverOf(msg);
        const batch = byReceiver.get(r);
        if (batch === undefined) byReceiver.set(r, [msg]);
        else batch.push(msg);
      }
      for (const [r, batch] of byReceiver) {
        storageReads.made++;
        const id = scenario.receivers[r]?.id ?? String(r);
        const counts = await (probes[r] as StoredProbe).storedAmong(batch).then((c) => {
          observe('sut-storage-unreachable', id, true, '');
          return c;
        }, (error: unknown) => {
          observe('sut-storage-unreachable', id, false, error instanceof Error ? error.message : String(error));
          throw error;
        });
        for (const [msg, rows] of counts) {
          const seen = rowsSeen.get(msg) ?? 0;
          // Dated by the row's stored_at when the check returns one, else when a read first saw it (or
          // the last delivery, if that read came after the purge). A row stored after the receipt being
          // checked is left to the next read, so its commit follows the receipt as it did on the server.
          const storedAt = storedAtMs(msg);
          const receiptAt = receiptAtMs?.get(msg);
          if (seen === 0 && storedAt !== undefined && receiptAt !== undefined && storedAt > receiptAt) continue;
          const t = storedAt ?? seenAtMs(msg);
          for (let k = seen; k < rows; k++) ledger.append({ t, kind: 'commit', msg, receiver: r, duplicate: false });
          rowsSeen.set(msg, Math.max(seen, rows));
          unresolved.delete(msg);
        }
      }
    };
    let polling = true;
    const poller = (async () => {
      while (polling) {
        await new Promise((resolve) => setTimeout(resolve, scenario.storagePollMs ?? 1_000));
        if (!polling || unresolved.size === 0) continue;
        try {
          await readStorage([...unresolved]);
        } catch (error) {
          storageReads.failed++;
          log(`storage read failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })();

    // Faults: portal-side kinds on the portal's fault states, SUT-side kinds through the injectors.
    // Their times count from the start of the workload (starting the SUT may take a while).
    const workloadStartMs = clock.now();
    const pollGapMs = options.pollGapMs;
    stopPollWatch = pollGapMs === undefined ? undefined : watchPollGaps({
      clock, ledger, gapWallMs: pollGapMs, lastListedAt: (i) => p.live.service.lastListedAt(i),
      receivers: scenario.receivers.flatMap((r, index) => (r.style === 'poll' ? [{ id: r.id, index }] : [])),
      observe: (receiver, ok, detail) => observe('sut-poll-gap', receiver, ok, detail),
    });
    const faults = (scenario.faults ?? []).map((f) => shiftFault(f, workloadStartMs));
    const indexById = new Map(scenario.receivers.map((r, i) => [r.id, i]));
    const indexesOf = (spec: FaultSpec) => spec.targets === undefined ? scenario.receivers.map((_, i) => i) : spec.targets.map((id) => indexById.get(id) as number);
    const portalFaults = faults.filter((f) => portalSideFaults.includes(f.kind));
    scheduleFaults(portalFaults, clock, ledger, {
      indexesOf, stateOf: (i) => p.live.states[i] as FaultState,
      crashCaseSystem: () => undefined, killDbSessions: () => undefined, purgeNow: (receivers) => p.live.portal.purgeNow(receivers),
    });
    let sutSide = faults.filter((f) => !portalSideFaults.includes(f.kind));
    if (options.databaseFaults !== undefined) {
      dbFaults = options.databaseFaults.create({ clock, ledger });
      sutSide = dbFaults.schedule(sutSide);
    }
    const sut = options.sutFaults;
    if (sut !== undefined) {
      scheduleFaults(sutSide, clock, ledger, {
        indexesOf, stateOf: (i) => sut.stateOf(i), crashCaseSystem: (i, downMs) => sut.crash?.(i, downMs),
        killDbSessions: (i) => sut.killDbSessions?.(i), purgeNow: () => undefined,
      });
    }

    // Controls the portal side can run against the SUT's storage.
    const interval = scenario.reconciliationIntervalMs ?? 0;
    if (interval > 0) {
      scenario.receivers.forEach((_, i) => {
        const storage = probeStorage(probes[i] as StoredProbe, (error) => log(`reconciliation read failed: ${String(error)}`));
        new Reconciliation(i, interval, Math.min(HOUR_MS, interval / 2), clock, ledger, p.live.portal, storage).start();
      });
    }

    // The workload, through the portal's own intake over HTTP.
    const workloadRng = rngStreams.workload(rng);
    const pickReceiver = receiverPicker(scenario.receivers.map((r) => r.weight ?? 1), workloadRng);
    const publicPct = scenario.workload.publicSharePct ?? 60;
    const load = await driveLoad({
      ratePerSecond: scenario.workload.ratePerSecond,
      durationMs: scenario.workload.durationMs,
      maxRequests: scenario.workload.maxMessages,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      request: () => {
        const receiver = pickReceiver();
        const type = workloadRng.chancePct(publicPct) ? 'offentlig' : 'privat';
        return { url: `${p.url}/bekymringsmelding`, init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kommune: scenario.receivers[receiver]?.id, type }) } };
      },
    });
    const lastSendMs = clock.now();
    const portalConfig = { ...defaultPortalConfig, ...scenario.portal };
    const requiredHorizonMs = settledAfter(portalConfig, lastSendMs, faults);
    log(`workload done: ${load.ok} reports accepted in ${Math.round(load.durationMs)} ms; waiting to ${formatDuration(requiredHorizonMs)} virtual (${Math.round(clock.toWallMs(requiredHorizonMs - clock.now()))} ms wall)`);
    let complete = true;
    await new Promise<void>((resolve) => {
      clock.at(requiredHorizonMs, resolve);
      if (options.signal?.aborted === true) {
        complete = false;
        resolve();
      }
      options.signal?.addEventListener('abort', () => { complete = false; resolve(); }, { once: true });
    });
    polling = false;
    stopPollWatch?.();
    await poller;
    await dbFaults?.healAll();
    for (const error of dbFaults?.errors ?? []) log(`database fault could not be applied: ${error instanceof Error ? error.message : String(error)}`);
    // The last word on what is stored: one final read of every id sent, seen or not — a second row of
    // an id already seen (a redelivery inserted twice) shows only here.
    try {
      if (receiverById.size > 0) await readStorage([...receiverById.keys()]);
    } catch (error) {
      throw new KvitteringError('E_LIVE_STORAGE', `the final read of the SUT's storage failed (${error instanceof Error ? error.message : String(error)}) — expected it to answer`,
        'Without it the oracle cannot tell stored from lost; check the storage check\'s connection string or lookup URL.');
    }
    const horizonMs = clock.now();
    const judgement = oracle.judge(horizonMs, requiredHorizonMs);
    const pass = complete && judgement.verdict.valid === true && sutFaults.length === 0;
    const config: LiveRunConfig = {
      runtime: 'live', seed: scenario.seed, msPerVirtualDay: scenario.msPerVirtualDay, portal: portalConfig,
      receivers: scenario.receivers.map((r) => ({ id: r.id, style: r.style, weight: r.weight ?? 1, storageCheck: r.storageCheck.kind === 'http' ? 'http' : 'database' })),
      workload: { ...scenario.workload }, faults, keepLedger: ledger.keepEntries,
    };
    return {
      config, scenario, idBase, portalUrl: p.url, horizonMs, requiredHorizonMs, ledger, judgement, eventsRun: clock.eventsRun,
      load, storageReads, receiptEvidence: evidence.summary, wallMs: performance.now() - wallStart, complete, targets, sutFaults, pass,
    };
  } finally {
    stopPollWatch?.();
    await dbFaults?.healAll().catch(() => undefined);
    clock.close();
    await portal?.close();
    await Promise.all(probes.map((probe) => probe.close().catch(() => undefined)));
  }
}

export { runLive };
export type { RunLiveOptions, LiveResult, SutInjector, DatabaseFaults, ReceiverOverride, SutFault };
