// The simulated runtime: plugs one scenario's simulators into the world (world.ts) on a virtual-time
// scheduler and one seeded PRNG, runs it to the horizon, and hands the ledger to the oracle. Same config ⇒ same ledger.

import { Scheduler } from '../runtime/scheduler.js';
import { Rng } from '../runtime/rng.js';
import { Ledger, type LedgerWatcher } from '../ledger/ledger.js';
import { Oracle } from '../oracle/oracle.js';
import { QUIET_MS, rngStreams } from './horizon.js';
import { buildWorld, type ReceiverParts } from './world.js';
import { MessageIds, scheduleWorkload } from '../workload/workload.js';
import { receiptDeadlineAt } from '../../simulators/portal/receipt-deadline.js';
import { SimulatedFiksIoQueue } from '../../simulators/portal/fiks-io-queue.js';
import { CaseSystem } from '../../simulators/case-system/case-system.js';
import { SimulatedDatabase } from '../../simulators/database/database.js';
import { Inbox } from '../../simulators/recipient/inbox.js';
import { Reconciliation } from '../../simulators/controls/reconciliation.js';
import { FollowUp } from '../../simulators/controls/follow-up.js';
import type { SimulationConfig } from './simulation-config.js';
import type { RunResult } from './run-result.js';
import type { MessageHeader } from '../../simulators/portal/message.js';

/** A simulated run's RunResult: its config is the resolved SimulationConfig. */
type SimulationResult = RunResult<SimulationConfig>;

interface SimulateOptions {
  /** Polled during the run; true stops it (Ctrl-C), and the result is marked incomplete. */
  shouldStop?: () => boolean;
  /** Told the virtual time and the horizon at the same points shouldStop is polled (progress bars). */
  onProgress?: (nowMs: number, horizonMs: number) => void;
  /** A fresh scheduler to run on, for a caller that watches the run (the benchmark reads its queue). */
  scheduler?: Scheduler;
  /** Read the ledger as it is written, each only its own kinds: what a run that keeps no entries still builds for them. */
  watchers?: readonly LedgerWatcher[];
}

/**
 * The default horizon also waits for the slowest detection control, so a loss found after the purge
 * shows as lost-detected-late rather than lost-silent.
 */
function defaultHorizon(config: SimulationConfig, lastSendMs: number, requiredHorizonMs: number): number {
  let controlsMs = 0;
  for (const r of config.receivers) {
    const c = r.controls;
    if (c.reconciliationIntervalMs > 0) controlsMs = Math.max(controlsMs, c.reconciliationIntervalMs + c.reconciliationGraceMs);
    if (c.publicChasePct > 0 || c.privateChasePct > 0) controlsMs = Math.max(controlsMs, c.chaseAfterMs + 3 * c.chaseDelayMeanMs);
    if (c.alertDelayMs > 0) controlsMs = Math.max(controlsMs, c.alertDelayMs);
  }
  const auditMs = Math.max(0, ...config.receivers.map((r) => r.controls.logAuditAtMs));
  return Math.max(requiredHorizonMs, receiptDeadlineAt(config.portal, lastSendMs) + controlsMs + QUIET_MS, auditMs + QUIET_MS);
}

function simulate(config: SimulationConfig, options: SimulateOptions = {}): SimulationResult {
  const clock = options.scheduler ?? new Scheduler();
  const root = new Rng(config.seed);
  const ledger = new Ledger(config.keepLedger);
  const oracle = new Oracle();
  ledger.subscribe(oracle.observe, Oracle.kinds);
  for (const w of options.watchers ?? []) ledger.subscribe(w.observe, w.kinds);

  const world = buildWorld({ clock, rng: root, ledger }, config.portal,
    config.receivers.map((r) => ({ id: r.id, style: r.route === 'inbox' ? 'push' : r.style, digitalOnly: r.digitalOnly })));
  const { portal } = world;
  const caseSystems: (CaseSystem | undefined)[] = [];
  const databases: (SimulatedDatabase | undefined)[] = [];
  const followUps: (FollowUp | undefined)[] = [];
  const ids = new MessageIds();
  const submit = (header: MessageHeader) => {
    portal.submit(header);
    followUps[header.receiver]?.reportSent(header);
  };

  config.receivers.forEach((r, i) => {
    const { faults, link, rng } = world.receivers[i] as ReceiverParts;
    if (r.route === 'inbox') {
      world.setEndpoint(i, new Inbox(r.inbox, clock, rngStreams.inbox(rng), ledger, faults, link));
      caseSystems.push(undefined);
      databases.push(undefined);
      followUps.push(undefined);
      return;
    }
    const database = new SimulatedDatabase(i, r.database, clock, rngStreams.database(rng), ledger, faults);
    const caseSystem = new CaseSystem(i, r.caseSystem, clock, rngStreams.caseSystem(rng), ledger, faults, database, link);
    if (r.style === 'push') world.setEndpoint(i, r.fiksIoQueue === undefined ? caseSystem : new SimulatedFiksIoQueue(r.fiksIoQueue, caseSystem, portal, clock));
    else caseSystem.startPolling(portal);
    const reconciliation = new Reconciliation(i, r.controls.reconciliationIntervalMs, r.controls.reconciliationGraceMs, clock, ledger, portal, database);
    reconciliation.start();
    if (r.controls.logAuditAtMs > 0) clock.at(r.controls.logAuditAtMs, () => reconciliation.run());
    const followUp = new FollowUp(r.controls, clock, rngStreams.followUp(rng), ledger, portal, database, { ids, submit });
    caseSystem.onDiscard((msg) => followUp.writeDropped(msg));
    caseSystems.push(caseSystem);
    databases.push(database);
    followUps.push(followUp);
  });

  world.scheduleFaults(config.faults, {
    crashCaseSystem: (i, downMs) => caseSystems[i]?.crash(downMs),
    killDbSessions: (i) => databases[i]?.killSessions(),
  });

  const indexById = new Map(config.receivers.map((r, i) => [r.id, i]));
  const lastSendMs = scheduleWorkload(config.workload, indexById, config.receivers.map((r) => r.weight), clock, rngStreams.workload(root), submit, ids);

  const requiredHorizonMs = world.requiredHorizonMs(lastSendMs, config.faults);
  const horizonMs = config.horizonMs ?? defaultHorizon(config, lastSendMs, requiredHorizonMs);
  const { shouldStop, onProgress } = options;
  const poll = onProgress === undefined ? shouldStop : () => {
    onProgress(clock.now(), horizonMs);
    return shouldStop?.() ?? false;
  };
  const complete = clock.runUntil(horizonMs, poll);
  const judgement = oracle.judge(clock.now(), requiredHorizonMs);
  return { config, horizonMs: clock.now(), requiredHorizonMs, ledger, judgement, eventsRun: clock.eventsRun, complete };
}

export { simulate };
export type { SimulationResult, SimulateOptions };
