// `kvittering test` as a function: run one system profile live — start the system (or watch the one
// already running), serve the portal, drive the traffic, carry out the fault plan on the system's own
// tables, sessions and process, read what it really stored — and settle on PASS, FAIL or UNKNOWN with
// every reason. What could not be established (a fault not applied, a storage read that failed, a
// system that never became ready) is UNKNOWN, never PASS.

import type { Judgement } from '../oracle/oracle.js';
import { verdictKey, type CheckResult, type Validity, type VerdictKey } from '../oracle/checks.js';
import { formatDuration } from '../runtime/time.js';
import { runLive, type LiveResult } from '../live/run-live.js';
import type { LiveScenario } from '../live/live-scenario.js';
import type { Ledger } from '../ledger/ledger.js';
import type { LiveClock } from '../runtime/live-clock.js';
import type { SystemProfile } from './load-system-profile.js';
import { storageFaultKinds } from './system-fault-kinds.js';
import { ProcessSupervisor, type SystemExit } from './process-supervisor.js';
import { SystemFaultDriver, driverKinds, type FaultFailure } from './system-fault-driver.js';
import { SystemStorageFaults } from './system-storage-faults.js';
import { SystemRoleFaults } from './role-faults.js';
import { faultExposureCheck, faultWindowExposure } from './fault-exposure.js';
import { isSystemKind, isWindowKind } from '../faults/fault-spec.js';
import { notStartedResult } from './run-not-started.js';
import { KvitteringError } from '../errors.js';
import { liveStopReasons } from '../runner/run-result.js';

type Outcome = VerdictKey;

interface UnplannedExit {
  atMs: number;
  exit: SystemExit;
}

interface SystemTestResult {
  profile: SystemProfile;
  seed: number;
  live: LiveResult;
  /** The oracle's judgement with the system-level checks added (faults applied, system, storage probe). */
  judgement: Judgement;
  outcome: Outcome;
  /** Why the outcome is not PASS, one line each. */
  reasons: string[];
  applied: SystemFaultDriver['applied'];
  failures: FaultFailure[];
  unplannedExits: UnplannedExit[];
  /** Why the started system never became ready, if it did not. */
  notReady?: string;
  restarts: number;
}

interface TestSystemOptions {
  seed?: number;
  log?: (line: string) => void;
  signal?: AbortSignal;
  allowRemoteHosts?: readonly string[];
}

function liveScenarioOf(profile: SystemProfile, seed: number): LiveScenario {
  return {
    seed,
    msPerVirtualDay: profile.msPerVirtualDay,
    portal: { retentionDays: profile.retentionDays, receiptDeadlineMs: profile.receiptDeadlineMs },
    receivers: [{
      id: profile.receiverId, style: profile.style, username: profile.username, password: profile.password,
      ...(profile.pushUrl === undefined ? {} : { pushUrl: profile.pushUrl }),
      ...(profile.fiksIo === undefined ? {} : { kontoId: profile.fiksIo.kontoId }),
      storageCheck: { kind: 'sql', connectionString: profile.storage.url, query: profile.storage.check },
    }],
    ...(profile.fiksIo === undefined ? {} : { fiksIo: { brokerUrl: profile.fiksIo.brokerUrl, ...(profile.fiksIo.ttlMs === undefined ? {} : { ttlMs: profile.fiksIo.ttlMs }) } }),
    workload: profile.workload,
    faults: profile.faults,
    storagePollMs: profile.storagePollMs,
    ...(profile.portalPort === undefined ? {} : { portalPort: profile.portalPort }),
  };
}

function combine(values: readonly Validity[]): Validity {
  if (values.includes(false)) return false;
  return values.includes('unknown') ? 'unknown' : true;
}

async function testSystem(profile: SystemProfile, options: TestSystemOptions = {}): Promise<SystemTestResult> {
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? profile.seed;
  const storage = new SystemStorageFaults(profile.storage.url, profile.storage.tables, profile.storage.sessions, options.allowRemoteHosts);
  const role = profile.storage.role;
  const roles = role !== undefined && profile.faults.some((f) => isSystemKind(f.kind)) ? new SystemRoleFaults(profile.storage.url, role, options.allowRemoteHosts) : undefined;
  const abort = new AbortController();
  options.signal?.addEventListener('abort', () => abort.abort(), { once: true });
  const unplannedExits: UnplannedExit[] = [];
  let supervisor: ProcessSupervisor | undefined;
  let driver: SystemFaultDriver | undefined;
  let notReady: string | undefined;
  /** Why the run could not start (its broker did not answer), if it could not. */
  let notStarted: string | undefined;
  const prepareFailures: FaultFailure[] = [];
  // Once the system is up (its tables exist), before the workload: what the plan needs installed.
  const prepare = async (clock: LiveClock) => {
    const unreachable = (error: unknown) => {
      const reason = `the system's database could not be reached: ${error instanceof Error ? error.message : String(error)}`;
      if (prepareFailures.some((f) => f.reason === reason)) return;
      prepareFailures.push({ fault: profile.faults[0]?.kind ?? 'backup-spike', atMs: clock.now(), phase: 'apply', reason });
    };
    await storage.connect().catch(unreachable);
    // What the role faults need to know (a superuser, kvittering's own login) is read before the workload;
    // a role they cannot be set on fails each of their windows with the reason.
    await roles?.check().then(() => {
      const refused = roles.refusal('timeout') ?? roles.refusal('connections');
      if (refused !== undefined) log(`role faults: ${refused}`);
    }, unreachable);
    if (!profile.faults.some((f) => f.kind === 'db-slow-commit')) return;
    await storage.prepareSlowCommit().catch((error: unknown) => {
      prepareFailures.push({ fault: 'db-slow-commit', atMs: clock.now(), phase: 'apply', reason: error instanceof Error ? error.message : String(error) });
    });
  };
  const onPortalReady = async ({ url, clock, ledger }: { url: string; clock: LiveClock; ledger: Ledger }) => {
    const start = profile.start;
    if (start === undefined) {
      await prepare(clock);
      return undefined;
    }
    const s = new ProcessSupervisor({
      spec: start, portalUrl: url,
      onLine: (line) => log(`system │ ${line}`),
      onUnplannedExit: (exit) => {
        unplannedExits.push({ atMs: clock.now(), exit });
        ledger.append({ t: clock.now(), kind: 'fault', fault: 'system-exit', phase: 'event', target: profile.receiverId });
        log(`the system exited on its own at ${formatDuration(clock.now())} (code ${String(exit.code)}, signal ${String(exit.signal)})${start.restart ? '; starting it again' : ''}`);
      },
    });
    supervisor = s;
    try {
      await s.start();
      log(`system started (pid ${String(s.pid)}) and ready`);
    } catch (error) {
      notReady = error instanceof Error ? error.message : String(error);
      log(`the system did not become ready: ${notReady}`);
      abort.abort();
    }
    await prepare(clock);
    return undefined;
  };
  try {
    const scenario = liveScenarioOf(profile, seed);
    const wallStart = performance.now();
    const live = await runLive(scenario, {
      onPortalReady,
      databaseFaults: {
        kinds: driverKinds,
        create: ({ clock, ledger, expectCrash }) => {
          driver = new SystemFaultDriver({
            clock, ledger, expectCrash, target: profile.receiverId, storage, ...(roles === undefined ? {} : { roles }), ...(supervisor === undefined ? {} : { supervisor }), log,
          });
          return driver;
        },
      },
      signal: abort.signal,
      log,
      ...(profile.pollGapMs === undefined ? {} : { pollGapMs: profile.pollGapMs }),
      ...(options.allowRemoteHosts === undefined ? {} : { allowRemoteHosts: options.allowRemoteHosts }),
    }).catch((error: unknown) => {
      // The broker is the run's transport: unreachable at the start, nothing was tested (UNKNOWN), nothing is wrong with the profile.
      if (!(error instanceof KvitteringError && error.code === 'E_BROKER')) throw error;
      notStarted = error.detail;
      log(`the run could not start: ${notStarted}`);
      return notStartedResult(scenario, performance.now() - wallStart);
    });
    const failures = [...prepareFailures, ...driver?.failures ?? []];
    const applied = driver?.applied ?? [];
    const checks: Record<string, CheckResult> = { ...live.judgement.verdict.checks };
    checks['faults-applied'] = failures.length === 0
      ? { valid: true, summary: applied.length === 0 ? 'no fault on the system was planned' : `every planned fault took effect (${applied.length} confirmed on the server or the process)`, data: { applied: applied.length, failed: 0 } }
      : { valid: 'unknown', summary: failures.map((f) => `${f.fault} at ${formatDuration(f.atMs)} could not be ${f.phase === 'apply' ? 'applied' : 'healed'}: ${f.reason}`).join('; '), data: { applied: applied.length, failed: failures.length } };
    // Only faults that were applied can have met reports; one that failed is faults-applied's to report.
    const plannedWindows = profile.faults.filter((f) => storageFaultKinds.includes(f.kind) && isWindowKind(f.kind) && !failures.some((x) => x.fault === f.kind)).map((f) => f.kind);
    checks['faults-met-reports'] = faultExposureCheck(faultWindowExposure(live.ledger.entries, storageFaultKinds), plannedWindows);
    const pollGaps = live.sutFaults.filter((f) => f.fault === 'sut-poll-gap');
    const neverPolled = profile.style === 'poll' && live.ledger.entries.every((e) => e.kind !== 'deliver');
    // Over Fiks IO the portal's publish is its delivery; only an answer or a stored row shows the system took one.
    const neverConsumed = profile.style === 'fiks-io' && notStarted === undefined && live.ledger.entries.every((e) => e.kind !== 'receipt' && e.kind !== 'commit');
    const systemProblems = [
      ...(neverPolled && notReady === undefined ? ['never fetched a report: nothing was delivered to it, so nothing was tested'] : []),
      ...(neverConsumed && notReady === undefined ? ['never answered or stored a report from its Fiks IO queue, so nothing was tested'] : []),
      ...(notReady === undefined ? [] : [`never became ready: ${notReady.split('\n')[0] ?? ''}`]),
      ...unplannedExits.map((u) => `exited on its own at ${formatDuration(u.atMs)} (code ${String(u.exit.code)}, signal ${String(u.exit.signal)})`),
      ...live.sutFaults.filter((f) => f.fault === 'sut-unreachable').map((f) => `did not answer pushes from ${formatDuration(f.startMs)} (${f.failures} failure(s): ${f.detail})`),
      ...pollGaps.map((f) => `stopped polling: ${f.detail}${f.healMs === undefined ? ', and never polled again' : `; polled again at ${formatDuration(f.healMs)}`}`),
    ];
    // A poller that never polled was never tested: nothing was delivered to it.
    const systemData = { problems: systemProblems.length, startedByKvittering: profile.start === undefined ? 0 : 1 };
    checks.system = notReady !== undefined || neverPolled || neverConsumed
      ? { valid: 'unknown', summary: systemProblems.join('; '), data: systemData }
      : systemProblems.length > 0 ? { valid: false, summary: systemProblems.join('; '), data: systemData } : { valid: true, summary: profile.start === undefined ? 'answered throughout (not started by kvittering)' : 'stayed up except for the planned faults', data: systemData };
    const storageFailures = live.sutFaults.filter((f) => f.fault === 'sut-storage-unreachable');
    checks['storage-probe'] = live.storageReads.failed === 0 && storageFailures.length === 0
      ? { valid: true, summary: `${live.storageReads.made} reads of the system's storage answered`, data: { made: live.storageReads.made, failed: 0 } }
      : { valid: 'unknown', summary: `${live.storageReads.failed} of ${live.storageReads.made} reads of the system's storage failed${storageFailures[0] === undefined ? '' : `: ${storageFailures[0].detail}`}`, data: { made: live.storageReads.made, failed: live.storageReads.failed } };
    if (live.checks.settled !== undefined) checks.settled = live.checks.settled;
    if (!live.complete) {
      checks.complete = { valid: 'unknown', summary: notStarted !== undefined ? `the run could not start: the portal could not reach the Fiks IO broker: ${notStarted}`
        : notReady === undefined ? 'the run was stopped before its horizon' : 'the run was stopped because the system never became ready',
      data: { stoppedBecause: notStarted !== undefined ? liveStopReasons.brokerUnreachable : notReady === undefined ? liveStopReasons.stopped : liveStopReasons.neverReady } };
    }
    const valid = combine(Object.values(checks).map((c) => c.valid));
    const judgement: Judgement = { ...live.judgement, verdict: { ...live.judgement.verdict, valid, checks } };
    const reasons = Object.entries(checks).filter(([, c]) => c.valid !== true).map(([name, c]) => `${name}: ${c.summary}`);
    const outcome = verdictKey(valid);
    const result: SystemTestResult = { profile, seed, live, judgement, outcome, reasons, applied, failures, unplannedExits, restarts: supervisor?.restarts ?? 0 };
    if (notReady !== undefined) result.notReady = notReady;
    return result;
  } finally {
    await supervisor?.stop().catch(() => undefined);
    await storage.close().catch(() => undefined);
    await roles?.close().catch(() => undefined);
  }
}

export { testSystem, liveScenarioOf };
export type { SystemTestResult, TestSystemOptions, Outcome, UnplannedExit };
