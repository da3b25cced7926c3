// The oracle: derives each message's fate from the ledger alone and checks the promise. It can follow
// a run as it happens (subscribe it to the ledger) or judge a finished ledger.

import type { LedgerEntry } from '../ledger/entries.js';
import { FateFold, fateOf, fates, foldedKinds, type Fate, type MessageFate } from './fates.js';
import { defaultChecks, runChecks, type Check, type CheckResult, type Validity } from './checks.js';

interface Distribution {
  count: number;
  minMs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

interface Verdict {
  valid: Validity;
  checks: Record<string, CheckResult>;
  counts: Record<Fate, number>;
  total: number;
  timeToDetection?: Distribution;
  timeToFallback?: Distribution;
}

interface Judgement {
  verdict: Verdict;
  messages: MessageFate[];
}

function distribution(values: number[]): Distribution | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { count: sorted.length, minMs: sorted[0] as number, medianMs: at(0.5), p95Ms: at(0.95), maxMs: sorted[sorted.length - 1] as number };
}

class Oracle {
  /** The ledger kinds the oracle reads: subscribe it with these so the others need not be built. */
  static readonly kinds = foldedKinds;
  private readonly fold = new FateFold();

  constructor(private readonly checks: Record<string, Check> = defaultChecks) {}

  observe = (entry: LedgerEntry): void => {
    this.fold.observe(entry);
  };

  judge(horizonMs: number, requiredHorizonMs: number): Judgement {
    const counts = Object.fromEntries(fates.map((f) => [f, 0])) as Record<Fate, number>;
    const messages: MessageFate[] = [];
    const detection: number[] = [];
    const fallback: number[] = [];
    const table = this.fold.facts;
    // By slot, not through the Map iterator: a national run judges ten million messages here.
    for (let slot = 0; slot < table.size; slot++) {
      const m = fateOf(table.factsAt(slot));
      counts[m.fate]++;
      messages.push(m);
      if (m.timeToDetectionMs !== undefined) detection.push(m.timeToDetectionMs);
      if (m.timeToFallbackMs !== undefined) fallback.push(m.timeToFallbackMs);
    }
    const { valid, results } = runChecks(this.checks, { fates: messages, facts: table, storedTwice: table.storedTwice(), counts, horizonMs, requiredHorizonMs });
    const verdict: Verdict = { valid, checks: results, counts, total: messages.length };
    const ttd = distribution(detection);
    const ttf = distribution(fallback);
    if (ttd !== undefined) verdict.timeToDetection = ttd;
    if (ttf !== undefined) verdict.timeToFallback = ttf;
    return { verdict, messages };
  }
}

/** Judge a finished ledger. */
function judgeLedger(entries: readonly LedgerEntry[], horizonMs: number, requiredHorizonMs = horizonMs): Judgement {
  const oracle = new Oracle();
  for (const entry of entries) oracle.observe(entry);
  return oracle.judge(horizonMs, requiredHorizonMs);
}

export { Oracle, judgeLedger };
export type { Verdict, Judgement, Distribution };
