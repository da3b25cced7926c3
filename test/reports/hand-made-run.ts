// A RunResult built by hand, not simulated: the test names each message's fate, send time and
// receiver, and the ledger entries, so one test can set up a tie, a boundary or an odd case (a
// message of an unknown receiver, a check without data) that a seeded world reaches only by chance.
// Counts are derived from the messages, as the oracle derives them.

import { Ledger } from '../../harness/ledger/ledger.js';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import { fates, type Fate, type MessageFate } from '../../harness/oracle/fates.js';
import type { CheckResult, Validity } from '../../harness/oracle/checks.js';
import type { Distribution } from '../../harness/oracle/oracle.js';
import type { RunResult } from '../../harness/runner/run-result.js';
import { resolveSimulation } from '../../harness/runner/simulation-config.js';
import { DAY_MS } from '../../harness/runtime/time.js';
import type { FaultSpec } from '../../harness/faults/fault-spec.js';
import type { Reproducibility, ScenarioMeta } from '../../reports/run-report.js';

interface HandMade {
  receivers?: string[];
  messages?: MessageFate[];
  entries?: LedgerEntry[];
  valid?: Validity;
  checks?: Record<string, CheckResult>;
  /** The config's keepLedger (default true). */
  keepLedger?: boolean;
  /** Whether the ledger object kept its entries (default true). */
  keepEntries?: boolean;
  retentionDays?: number;
  faults?: FaultSpec[];
  horizonMs?: number;
  requiredHorizonMs?: number;
  timeToDetection?: Distribution;
  timeToFallback?: Distribution;
  complete?: boolean;
  eventsRun?: number;
}

/** A message's fate in one line: `lost('lost-silent', 7, 100)` is message 7 sent at 100 ms to receiver 0. */
function msg(fate: Fate, id: number, sentAtMs: number, extra: Partial<MessageFate> = {}): MessageFate {
  return { msg: id, receiver: 0, sender: 'public', fate, sentAtMs, ...extra };
}

/** The send entries of the messages, in send order: enough for traceOf to find each one. */
function sendsOf(messages: readonly MessageFate[]): LedgerEntry[] {
  return [...messages]
    .sort((a, b) => a.sentAtMs - b.sentAtMs || a.msg - b.msg)
    .map((m) => ({ t: m.sentAtMs, kind: 'send', msg: m.msg, receiver: m.receiver, sender: m.sender }));
}

function handMadeRun(o: HandMade = {}): RunResult {
  const messages = o.messages ?? [];
  const config = resolveSimulation({
    seed: 1,
    portal: { retentionDays: o.retentionDays ?? 14 },
    receivers: (o.receivers ?? ['bergen']).map((id) => ({ id })),
    faults: o.faults ?? [],
    keepLedger: o.keepLedger ?? true,
  });
  const ledger = new Ledger(o.keepEntries ?? true);
  for (const e of o.entries ?? sendsOf(messages)) ledger.append(e);
  const counts = Object.fromEntries(fates.map((f) => [f, messages.filter((m) => m.fate === f).length])) as Record<Fate, number>;
  return {
    config,
    horizonMs: o.horizonMs ?? 30 * DAY_MS,
    requiredHorizonMs: o.requiredHorizonMs ?? 20 * DAY_MS,
    ledger,
    judgement: {
      verdict: {
        valid: o.valid ?? true,
        checks: o.checks ?? { promise: { valid: o.valid ?? true, summary: 'hand-made' } },
        counts,
        total: messages.length,
        ...(o.timeToDetection === undefined ? {} : { timeToDetection: o.timeToDetection }),
        ...(o.timeToFallback === undefined ? {} : { timeToFallback: o.timeToFallback }),
      },
      messages,
    },
    eventsRun: o.eventsRun ?? 0,
    complete: o.complete ?? true,
  };
}

const handMeta: ScenarioMeta = { id: 'hand-made', title: 'Hand-made', narrative: 'A run built by hand.', expected: 'pass', file: 'scenarios/hand-made.yaml' };
const handRepro: Reproducibility = { toolVersion: '0.1.0', scenarioHash: 'sha256:hand', seed: 1, command: 'npx kvittering run scenarios/hand-made.yaml --seed 1' };

export { handMadeRun, handMeta, handRepro, msg, sendsOf };
export type { HandMade };
