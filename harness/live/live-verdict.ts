// A live run's verdict: the oracle's checks plus what only a live run can lack — the system staying
// up, its storage read for every message, the planned faults taking effect, the horizon reached.
// Never a silent pass: what could not be established is UNKNOWN, with the reason.

import { formatDuration } from '../runtime/time.js';
import { verdictKey, type CheckResult, type Validity, type VerdictKey } from '../oracle/checks.js';
import type { Judgement } from '../oracle/oracle.js';
import type { StorageReadSummary } from './storage-reader.js';
import type { SutFault } from './sut-spells.js';
import { liveStopReasons } from '../runner/run-result.js';

interface LiveVerdictInput {
  judgement: Judgement;
  complete: boolean;
  sutFaults: readonly SutFault[];
  storageReads: StorageReadSummary;
  /** Why each fault on a database could not be applied or healed; undefined when none was planned there. */
  faultErrors: readonly string[] | undefined;
  /** What the portal still had open when the run stopped waiting for it; undefined when it settled. */
  unsettled?: { replies: number; receiptChecks: number; waitedWallMs: number } | undefined;
}

interface LiveVerdict {
  outcome: VerdictKey;
  /** The live run's own checks (the oracle's are in the judgement). */
  checks: Record<string, CheckResult>;
  /** Why the outcome is not PASS, one line per check. */
  reasons: string[];
}

function storageProbeCheck(reads: StorageReadSummary): CheckResult {
  const unknown: string[] = [];
  if (reads.unread > 0) unknown.push(`${reads.unread} message(s) whose storage read failed were never read again, so whether they were stored is unknown`);
  if (reads.controlFailed > 0) unknown.push(`${reads.controlFailed} lookup(s) of the reconciliation control failed, so what it would have detected is unknown`);
  const failedPart = `${reads.failed} of ${reads.made} reads of the system's storage failed`;
  const data = { made: reads.made, failed: reads.failed, unread: reads.unread, controlFailed: reads.controlFailed };
  if (unknown.length > 0) return { valid: 'unknown', summary: `${failedPart}: ${unknown.join('; ')}`, data };
  // A failed read costs nothing when a later one answered for every message it asked about.
  return { valid: true, summary: reads.failed === 0 ? `${reads.made} reads of the system's storage answered` : `${failedPart}; a later read answered for every message they asked about`, data };
}

function systemCheck(sutFaults: readonly SutFault[]): CheckResult {
  const problems = sutFaults.filter((f) => f.fault !== 'sut-storage-unreachable').map((f) => `${f.fault === 'sut-poll-gap' ? 'stopped polling' : 'did not answer'} (${f.receiver}) from ${formatDuration(f.startMs)}: ${f.failures} failure(s), ${f.detail}`);
  const data = { problems: problems.length };
  return problems.length === 0 ? { valid: true, summary: 'answered throughout, except for the planned faults', data } : { valid: false, summary: problems.join('; '), data };
}

/**
 * The outcome of a set of checks. A storage that was not read for some message outranks a failed
 * check: the oracle's losses may rest on rows nobody could read. Otherwise a failed check is a FAIL
 * (a loss seen is real even if a fault did not apply), and anything unknown is UNKNOWN.
 */
function liveOutcome(checks: Readonly<Record<string, CheckResult>>): Validity {
  const values = Object.values(checks).map((c) => c.valid);
  if (checks['storage-probe']?.valid === 'unknown') return 'unknown';
  if (values.includes(false)) return false;
  return values.includes('unknown') ? 'unknown' : true;
}

function judgeLive(input: LiveVerdictInput): LiveVerdict {
  const checks: Record<string, CheckResult> = {
    system: systemCheck(input.sutFaults),
    'storage-probe': storageProbeCheck(input.storageReads),
  };
  if (input.faultErrors !== undefined) {
    checks['faults-applied'] = input.faultErrors.length === 0
      ? { valid: true, summary: 'every fault planned on the database took effect', data: { failed: 0 } }
      : { valid: 'unknown', summary: `${input.faultErrors.length} fault action(s) on the database could not be carried out: ${input.faultErrors.join('; ')}`, data: { failed: input.faultErrors.length } };
  }
  // Receipts still in the portal's queue or awaiting their storage read never reached the ledger, so
  // the oracle judged without them: what they would have shown is unknown.
  const u = input.unsettled;
  if (u !== undefined) checks.settled = { valid: 'unknown', summary: `the portal had not settled ${u.waitedWallMs} ms after the horizon: ${u.replies} receipt(s) still unconsumed, ${u.receiptChecks} receipt check(s) still open, so they were not judged`, data: { replies: u.replies, receiptChecks: u.receiptChecks } };
  if (!input.complete) checks.complete = { valid: 'unknown', summary: 'the run was stopped before its horizon', data: { stoppedBecause: liveStopReasons.stopped } };
  const all = { ...input.judgement.verdict.checks, ...checks };
  const reasons = Object.entries(all).filter(([, c]) => c.valid !== true).map(([name, c]) => `${name}: ${c.summary}`);
  return { outcome: verdictKey(liveOutcome(all)), checks, reasons };
}

export { judgeLive, liveOutcome, storageProbeCheck };
export type { LiveVerdict, LiveVerdictInput };
