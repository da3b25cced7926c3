// The scenarios the benchmark runs. Each is a plain SimulationInput, so a number in the results table
// can be reproduced by handing the same input to simulate().

import { DAY_MS, HOUR_MS, MINUTE_MS } from '../harness/runtime/time.js';
import type { FaultSpec } from '../harness/faults/fault-spec.js';
import type { ReceiverInput, SimulationInput } from '../harness/runner/simulation-config.js';
import type { AckPolicy } from '../simulators/case-system/case-system.js';

const MUNICIPAL_DAYS = 30;
const MUNICIPAL_MESSAGES = 1_000;

/** A nightly backup job of another system takes most of a database server (the 2023 incident). */
function nightlyBackup(targets: string[] | undefined, days: number): FaultSpec {
  const spec: FaultSpec = {
    kind: 'backup-spike', fromMs: HOUR_MS, toMs: 4 * HOUR_MS, repeatEveryMs: DAY_MS, repeatUntilMs: days * DAY_MS,
    slowdownFactor: 2000, offlineWorkersPct: 75,
  };
  if (targets !== undefined) spec.targets = targets;
  return spec;
}

/**
 * One municipality for 30 days, ~1,000 reports, the incident's nightly backup, the fixed chain
 * (receipt after commit) and daily reconciliation: the unit the 20 ms target is about.
 */
function municipalInput(seed: number, ackPolicy: AckPolicy = 'after-commit', reconciliationIntervalMs = DAY_MS): SimulationInput {
  return {
    seed,
    receivers: [{ id: 'bergen', caseSystem: { ackPolicy }, controls: { reconciliationIntervalMs } }],
    workload: { ratePerDay: MUNICIPAL_MESSAGES / MUNICIPAL_DAYS, durationMs: MUNICIPAL_DAYS * DAY_MS },
    faults: [nightlyBackup(undefined, MUNICIPAL_DAYS)],
  };
}

/**
 * Throughput run: `receivers` municipalities sharing `messages` reports over `days`, with a mix of
 * acknowledgement policies, push and poll, and faults on a few of them. No ledger kept: the oracle
 * folds entries as they come, as in a national run.
 */
function throughputInput(seed: number, messages: number, receivers: number, days: number): SimulationInput {
  const ids = Array.from({ length: receivers }, (_, i) => `m${i}`);
  return {
    seed,
    keepLedger: false,
    receivers: ids.map((id, i) => municipality(id, i)),
    workload: { ratePerDay: messages / days, durationMs: days * DAY_MS, maxMessages: messages },
    faults: faultPlan(ids, days),
  };
}

/**
 * A year at national scale: ~10 million reports from 600 sending organisations to 300 receivers
 * (the SvarUt and NPB figures in shared/data, scaled up ~100× in volume). The core models a sender as
 * public or private, not as an organisation; 600 independent Poisson senders add up to one Poisson
 * process at their summed rate, so the aggregate rate below is the same traffic. 280 receivers are
 * municipal case systems (weights ~ Zipf, like municipality sizes), 20 are inboxes (Altinn-like).
 */
function nationalYearInput(seed: number, messages = 10_000_000): SimulationInput {
  const days = 365;
  const municipalities = Array.from({ length: 280 }, (_, i) => `m${i}`);
  const inboxes = Array.from({ length: 20 }, (_, i) => `org${i}`);
  const receivers: ReceiverInput[] = [
    ...municipalities.map((id, i) => municipality(id, i)),
    ...inboxes.map((id, i): ReceiverInput => ({ id, route: 'inbox', weight: 0.2, digitalOnly: i % 10 === 0 })),
  ];
  return {
    seed,
    keepLedger: false,
    receivers,
    workload: { ratePerDay: messages / days, durationMs: days * DAY_MS, maxMessages: messages, publicSharePct: 60 },
    faults: [
      ...faultPlan(municipalities, days),
      { kind: 'notification-flood', targets: inboxes.slice(0, 5), fromMs: 100 * DAY_MS, toMs: 160 * DAY_MS, notificationsPerDay: 200 },
      { kind: 'recipient-role-missing', targets: [inboxes[7] as string], fromMs: 0, toMs: 90 * DAY_MS },
    ],
  };
}

/** Receiver i of a mixed population: mostly fixed, some with the 2023 flaw, a third polling. */
function municipality(id: string, i: number): ReceiverInput {
  const policies: AckPolicy[] = ['after-commit', 'after-commit', 'retry-then-fail', 'before-commit'];
  return {
    id,
    style: i % 3 === 2 ? 'poll' : 'push',
    weight: 1 / (1 + i / 10),
    caseSystem: { ackPolicy: policies[i % policies.length] as AckPolicy },
    controls: { reconciliationIntervalMs: i % 2 === 0 ? DAY_MS : 0, publicChasePct: 5, privateChasePct: 1 },
  };
}

/** Faults on a tenth of the receivers each: nightly backups, outages, lost receipts, crashes, purges. */
function faultPlan(ids: string[], days: number): FaultSpec[] {
  const every = (k: number, offset: number) => ids.filter((_, i) => i % k === offset);
  const some = (k: number, offset: number) => {
    const picked = every(k, offset);
    return picked.length > 0 ? picked : [ids[0] as string];
  };
  return [
    nightlyBackup(some(10, 0), days),
    { kind: 'db-outage', targets: some(10, 1), fromMs: 20 * DAY_MS + 9 * HOUR_MS, toMs: 20 * DAY_MS + 13 * HOUR_MS, repeatEveryMs: 30 * DAY_MS, repeatUntilMs: days * DAY_MS },
    { kind: 'receipt-lost', targets: some(10, 2), fromMs: 0, toMs: days * DAY_MS, probabilityPct: 1 },
    { kind: 'crash-after-ack', targets: some(10, 3), fromMs: 0, toMs: days * DAY_MS, probabilityPct: 0.5, downMs: 10 * MINUTE_MS },
    { kind: 'premature-ack', targets: some(10, 4), fromMs: 5 * DAY_MS, toMs: 12 * DAY_MS },
    { kind: 'fallback-channel-down', fromMs: 10 * DAY_MS, toMs: 11 * DAY_MS },
    { kind: 'early-purge', targets: some(10, 5), atMs: Math.floor(days / 2) * DAY_MS },
  ];
}

export { municipalInput, throughputInput, nationalYearInput, MUNICIPAL_DAYS, MUNICIPAL_MESSAGES };
