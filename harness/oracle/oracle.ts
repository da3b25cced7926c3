// The oracle: derives each message's fate from the ledger alone and checks the promise. It can follow
// a run as it happens (subscribe it to the ledger) or judge a finished ledger.

import type { LedgerEntry } from '../ledger/entries.js';
import { DETECTED, FALLBACK, FATE_BITS, FateFold, fateCode, fateOfCode, fates, foldedKinds, messageFate, timeToDetection, timeToFallback, type Fate, type FactsRow, type MessageFate } from './fates.js';
import type { FactTable } from './fact-table.js';
import { defaultChecks, runChecks, type Check, type CheckInput, type CheckResult, type Validity } from './checks.js';

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
  /** Every message's fate in send order, built on first read (a national run judges ten million). */
  readonly messages: MessageFate[];
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
    const table = this.fold.facts;
    const judged = judgeTable(table);
    const counts = Object.fromEntries(fates.map((fate, i) => [fate, judged.tally[i] as number])) as Record<Fate, number>;
    let list: MessageFate[] | undefined;
    const messages = () => (list ??= fateList(table, judged));
    const input: CheckInput = {
      get fates() {
        return messages();
      },
      idsWithFate: (wanted, limit) => idsWithFate(table, judged.codes, wanted, limit),
      facts: table, storedTwice: table.storedTwice(), counts, horizonMs, requiredHorizonMs,
    };
    const { valid, results } = runChecks(this.checks, input);
    const verdict: Verdict = { valid, checks: results, counts, total: judged.codes.length };
    const ttd = distribution(judged.detection);
    const ttf = distribution(judged.fallback);
    if (ttd !== undefined) verdict.timeToDetection = ttd;
    if (ttf !== undefined) verdict.timeToFallback = ttf;
    return {
      verdict,
      get messages() {
        return messages();
      },
    };
  }
}

/** The fate codes of every message, and the two delays in send order: what judge keeps per message. */
interface JudgedTable {
  codes: Uint8Array;
  tally: number[];
  detection: number[];
  fallback: number[];
}

// By slot through one reused record, straight into counts and delays: no facts object and no
// MessageFate is built per message unless someone reads Judgement.messages.
function judgeTable(table: FactTable): JudgedTable {
  const judged: JudgedTable = { codes: new Uint8Array(table.size), tally: fates.map(() => 0), detection: [], fallback: [] };
  const f = {} as FactsRow; // readInto writes every field before anything reads one
  for (let slot = 0; slot < judged.codes.length; slot++) {
    table.readInto(slot, f);
    const code = fateCode(f);
    judged.codes[slot] = code;
    judged.tally[code & FATE_BITS] = (judged.tally[code & FATE_BITS] as number) + 1;
    if ((code & DETECTED) !== 0) judged.detection.push(timeToDetection(f));
    if ((code & FATE_BITS) === FALLBACK) judged.fallback.push(timeToFallback(f));
  }
  return judged;
}

/** The MessageFate list, from the codes and delays judged (the facts' later changes do not show). */
function fateList(table: FactTable, judged: JudgedTable): MessageFate[] {
  const list: MessageFate[] = [];
  const f = {} as FactsRow; // as in judgeTable
  let detected = 0;
  let printed = 0;
  for (let slot = 0; slot < judged.codes.length; slot++) {
    const code = judged.codes[slot] as number;
    table.readInto(slot, f);
    const ttd = (code & DETECTED) === 0 ? 0 : (judged.detection[detected++] as number);
    const ttf = (code & FATE_BITS) === FALLBACK ? (judged.fallback[printed++] as number) : 0;
    list.push(messageFate(f, code, ttd, ttf));
  }
  return list;
}

/** Ids of the first `limit` messages, in send order, whose fate is one of `wanted`. */
function idsWithFate(table: FactTable, codes: Uint8Array, wanted: readonly Fate[], limit: number): number[] {
  const ids: number[] = [];
  for (let slot = 0; slot < codes.length && ids.length < limit; slot++) {
    if (wanted.includes(fateOfCode(codes[slot] as number))) ids.push(table.idAt(slot));
  }
  return ids;
}

/** Judge a finished ledger. */
function judgeLedger(entries: readonly LedgerEntry[], horizonMs: number, requiredHorizonMs = horizonMs): Judgement {
  const oracle = new Oracle();
  for (const entry of entries) oracle.observe(entry);
  return oracle.judge(horizonMs, requiredHorizonMs);
}

export { Oracle, judgeLedger };
export type { Verdict, Judgement, Distribution };
