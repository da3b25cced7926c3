// The real portal and case system wired to a ScheduledStorage and a RaceClock: every storage callback
// and every timer step happens in an order fc.scheduler chooses.

import type * as fc from 'fast-check';
import { Ledger } from '../../harness/ledger/ledger.js';
import { Rng } from '../../harness/runtime/rng.js';
import { DAY_MS } from '../../harness/runtime/time.js';
import { FaultState } from '../../harness/faults/fault-state.js';
import { judgeLedger, type Judgement } from '../../harness/oracle/oracle.js';
import { RaceClock } from './races/race-clock.js';
import { ScheduledStorage, type ScheduledWriteOutcome } from './races/scheduled-storage.js';
import { driveRace } from './races/drive-race.js';
import { Portal, defaultPortalConfig, type PortalReceiver } from '../../simulators/portal/portal.js';
import { ReceiptLink } from '../../simulators/portal/receipt-link.js';
import { CaseSystem, defaultCaseSystemConfig, type AckPolicy } from '../../simulators/case-system/case-system.js';
import { UnwatchedChannel } from '../../simulators/recipient/inbox.js';

interface RaceSetup {
  ackPolicy: AckPolicy;
  style: 'push' | 'poll';
  /** Messages sent at instant 0, 1 ms apart. */
  messages: number;
  outcomes: readonly ScheduledWriteOutcome[];
  /** Crashes of the case system, each fired whenever the scheduler picks it. */
  crashes: number;
  /** Chance in percent that the case system dies right after an acknowledgement. */
  crashAfterAckPct: number;
}

interface RaceResult {
  ledger: Ledger;
  judgement: Judgement;
  storage: ScheduledStorage;
}

const RETENTION_DAYS = 1;

async function runRace(setup: RaceSetup, scheduler: fc.Scheduler): Promise<RaceResult> {
  const clock = new RaceClock();
  const ledger = new Ledger();
  const faults = new FaultState();
  faults.crashAfterAckPct = setup.crashAfterAckPct;
  faults.crashDownMs = 60_000;
  const rng = new Rng(7);
  const portalConfig = { ...defaultPortalConfig, retentionDays: RETENTION_DAYS };
  const receiver: PortalReceiver = { style: setup.style, endpoint: undefined, wrongRoute: { deliver: () => undefined }, faults, digitalOnly: false };
  const portal = new Portal(portalConfig, [receiver], clock, rng.fork('portal'), ledger);
  const link = new ReceiptLink(portal, clock, rng.fork('link'), ledger, faults, portalConfig.linkLatencyMs);
  receiver.wrongRoute = new UnwatchedChannel(link);
  const storage = new ScheduledStorage(scheduler, clock, ledger, 0, setup.outcomes);
  const caseSystem = new CaseSystem(0, { ...defaultCaseSystemConfig, ackPolicy: setup.ackPolicy, retries: 2 }, clock, rng.fork('case-system'), ledger, faults, storage, link);
  if (setup.style === 'push') receiver.endpoint = caseSystem;
  else caseSystem.startPolling(portal);

  for (let id = 0; id < setup.messages; id++) {
    clock.at(id, () => portal.submit({ id, receiver: 0, sender: 'public', sentAtMs: id }));
  }
  for (let i = 0; i < setup.crashes; i++) {
    void scheduler.schedule(Promise.resolve(), `crash ${i + 1}`).then(() => caseSystem.crash(60_000));
  }
  const horizonMs = portalConfig.receiptDeadlineMs + RETENTION_DAYS * DAY_MS + DAY_MS;
  await driveRace(scheduler, clock, { horizonMs });
  return { ledger, judgement: judgeLedger(ledger.entries, horizonMs), storage };
}

export { runRace };
export type { RaceSetup, RaceResult };
