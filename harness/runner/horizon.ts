// When a run has seen enough to judge, the same for every runtime (simulate, the live runner, the msw
// portal world, the real-incident demo): past the last report's receipt deadline and retention window,
// and past the last fault, plus a quiet phase in which the chain settles (Antithesis). Also the names
// of the RNG streams, so the same seed draws the same numbers for the same component in every runtime.

import { DAY_MS } from '../runtime/time.js';
import type { Rng } from '../runtime/rng.js';
import type { FaultSpec } from '../faults/fault-spec.js';
import { lastFaultMs } from '../faults/schedule-faults.js';
import { retentionMs } from '../../simulators/portal/retention.js';

/** The quiet phase after the last window closes and the last retention window ends. */
const QUIET_MS = DAY_MS;

interface RetentionTerms {
  receiptDeadlineMs: number;
  retentionDays: number;
}

/**
 * The earliest instant at which every message sent by lastSendMs has met its fate. A run on the
 * calendar passes the last send's working-day deadline; the deadline only moves later with the send
 * time, so the last send's is the latest of all.
 */
function requiredHorizonMs(portal: RetentionTerms, lastSendMs: number, faults: readonly FaultSpec[] = [],
  lastDeadlineMs = lastSendMs + portal.receiptDeadlineMs): number {
  return Math.max(lastDeadlineMs + retentionMs(portal.retentionDays), lastFaultMs(faults)) + QUIET_MS;
}

/** The RNG stream of each component: forked by these names from the run's root Rng. */
const rngStreams = {
  portal: (root: Rng) => root.fork('portal'),
  workload: (root: Rng) => root.fork('workload'),
  receiver: (root: Rng, receiverId: string) => root.fork(`receiver:${receiverId}`),
  link: (receiver: Rng) => receiver.fork('link'),
  inbox: (receiver: Rng) => receiver.fork('inbox'),
  database: (receiver: Rng) => receiver.fork('database'),
  caseSystem: (receiver: Rng) => receiver.fork('case-system'),
  followUp: (receiver: Rng) => receiver.fork('follow-up'),
} as const;

export { QUIET_MS, retentionMs, requiredHorizonMs, rngStreams };
export type { RetentionTerms };
