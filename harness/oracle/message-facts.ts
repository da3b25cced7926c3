// What the oracle knows about one message, folded from the ledger: the input to its fate. Its own file
// so the fact table (which stores it) and the fates (which read it) do not import each other.

import type { DetectionSource, SenderKind } from '../ledger/entries.js';

interface MessageFacts {
  msg: number;
  receiver: number;
  sender: SenderKind;
  sentAtMs: number;
  firstReceiptAtMs?: number;
  /** First durable record (commit) or first opening by a person. */
  storedAtMs?: number;
  /** Commits after the first: a redelivered duplicate written again (idempotently or not). */
  extraCommits: number;
  printedAtMs?: number;
  failedAtMs?: number;
  purgedAtMs?: number;
  /** First moment the chain lost it without telling anyone (discard, or a receipt without a record). */
  lostAtMs?: number;
  detectedAtMs?: number;
  detectedBy?: DetectionSource;
  /** Whether the portal still held the message when it was first detected. */
  detectedInWindow?: boolean;
  /** Its reporter sent the content again after a chase found nothing; no fault was recorded. */
  resentAtMs?: number;
}

/**
 * What a fate is judged from, as plain numbers: NaN = has not happened. The judge reads every message
 * through one reused row, and numbers that are never undefined stay unboxed in it.
 */
interface FactsRow {
  msg: number;
  receiver: number;
  sender: SenderKind;
  sentAtMs: number;
  firstReceiptAtMs: number;
  storedAtMs: number;
  printedAtMs: number;
  purgedAtMs: number;
  lostAtMs: number;
  detectedAtMs: number;
  /** Meaningful only when detectedAtMs is a number. */
  detectedInWindow: boolean;
  resentAtMs: number;
}

export type { MessageFacts, FactsRow };
