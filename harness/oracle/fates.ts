// Folds the ledger, entry by entry, into what happened to each message, then names its fate at the
// horizon. Ground truth only: "stored" is a commit at the addressed receiver's database (or a person
// opening the message) while the portal still holds it, never the receiver's receipt; "fallback" is a
// print while the portal still holds the content; a purge outranks any claim made after it. A message
// whose story can still change is `in-flight`.

import type { LedgerEntry, SenderKind } from '../ledger/entries.js';
import { FactTable, column } from './fact-table.js';
import type { FactsRow, MessageFacts } from './message-facts.js';

const fates = ['stored', 'fallback', 'recovered', 'resent-by-reporter', 'lost-detected-late', 'lost-silent', 'in-flight'] as const;
type Fate = (typeof fates)[number];

interface MessageFate {
  msg: number;
  receiver: number;
  sender: SenderKind;
  fate: Fate;
  sentAtMs: number;
  /** detection − loss, when the loss was detected. */
  timeToDetectionMs?: number;
  /** fallback − send, when the fallback printed. */
  timeToFallbackMs?: number;
  /**
   * lost-detected-late only: whether the loss was found while the portal still held the content (in
   * time, but never stored or printed again before the purge) or only after the purge.
   */
  detectedInWindow?: boolean;
}

/** The only kinds FateFold reads: the ledger need not build the others for it. */
const foldedKinds = ['send', 'commit', 'open', 'receipt', 'discard', 'fallback', 'portal-failed', 'purge', 'detect', 'resend'] as const satisfies readonly LedgerEntry['kind'][];

class FateFold {
  readonly facts = new FactTable();

  // One switch on the kind first, and each kind's fields read inside its own case: every entry kind
  // has its own shape, and reading `msg` or `t` at one site for all of them (or asking `'msg' in entry`)
  // made those property loads megamorphic — 13 % of a run's CPU went here.
  observe(entry: LedgerEntry): void {
    const facts = this.facts;
    switch (entry.kind) {
      case 'send':
        // A re-sent id keeps its first copy's facts: to the receiver it is the same report (the id is what
        // it dedupes on), and starting afresh would let a later copy's record erase the first copy's loss.
        if (facts.slotOf(entry.msg) < 0) facts.add(entry.msg, entry.receiver, entry.sender, entry.t);
        return;
      case 'commit': {
        const slot = facts.slotOf(entry.msg);
        if (slot < 0) return;
        // A record at another receiver is a wrong-route loss, not a delivery: nobody there looks for it.
        if (entry.receiver !== facts.receiverAt(slot)) return;
        // `duplicate` is the storage's own word that no new row was written (an idempotent insert).
        if (facts.time(slot, 'storedAtMs') !== undefined && !entry.duplicate) facts.addExtraCommit(slot);
        facts.setFirst(slot, column.storedAtMs, entry.t);
        return;
      }
      case 'open':
        this.setFirst(entry.msg, column.storedAtMs, entry.t);
        return;
      case 'receipt':
        if (entry.receipt === 'mottatt') this.setFirst(entry.msg, column.firstReceiptAtMs, entry.t);
        return;
      case 'discard':
        this.setFirst(entry.msg, column.lostAtMs, entry.t);
        return;
      case 'fallback':
        if (entry.outcome === 'printed') this.setFirst(entry.msg, column.printedAtMs, entry.t);
        return;
      case 'portal-failed':
        this.setFirst(entry.msg, column.failedAtMs, entry.t);
        return;
      case 'purge':
        this.setFirst(entry.msg, column.purgedAtMs, entry.t);
        return;
      case 'detect': {
        const slot = facts.slotOf(entry.msg);
        if (slot >= 0) facts.detect(slot, entry.t, entry.by, entry.portalHolds);
        return;
      }
      case 'resend':
        this.setFirst(entry.msg, column.resentAtMs, entry.t);
        return;
      default:
        return;
    }
  }

  /** The first time `field` happens to a message that was sent (others are not this run's). */
  private setFirst(msg: number, col: number, t: number): void {
    const slot = this.facts.slotOf(msg);
    if (slot >= 0) this.facts.setFirst(slot, col, t);
  }
}

// A judged fate as one small number, so the judge keeps a byte per message instead of an object: the
// fate's index in `fates`, and whether its MessageFate carries a time to detection and (for
// lost-detected-late) whether that detection came while the portal still held the content.
const FATE_BITS = 0b111;
const DETECTED = 0b1000;
const IN_WINDOW = 0b1_0000;
const STORED = fates.indexOf('stored');
const FALLBACK = fates.indexOf('fallback');
const RECOVERED = fates.indexOf('recovered');
const RESENT = fates.indexOf('resent-by-reporter');
const LATE = fates.indexOf('lost-detected-late');
const SILENT = fates.indexOf('lost-silent');
const IN_FLIGHT = fates.indexOf('in-flight');

/**
 * The fate of one message, judged at the horizon, as a fate code. Only what happened while the portal
 * held the message counts: a record, a print or a "the portal still holds it" detection at or after the
 * purge does not.
 *   stored             — a durable record (or a person opened it) before any detection was needed;
 *   fallback           — printed and posted;
 *   recovered          — lost, detected while the portal still held it, and stored or printed again;
 *   resent-by-reporter — lost; its reporter chased, nobody found it, and the reporter sent it again:
 *                        the content arrived as a new report, the fault was never recorded (category D);
 *   lost-detected-late — the loss was detected, but the content was purged before it was restored
 *                        (detected after the purge, or a re-delivery that never landed);
 *   lost-silent        — purged without a record, a printout or anyone noticing;
 *   in-flight          — its story can still change at the horizon: the oracle does not guess.
 * Read from numbers (NaN = has not happened), without closures or objects: the judge calls it once per
 * message. A comparison with NaN is false, so `!(t >= purgedAtMs)` reads "before the purge, or never
 * purged" and `!(t > detectedAtMs)` reads "no later than the detection, or never detected".
 */
function fateCode(r: FactsRow): number {
  const purgedAtMs = r.purgedAtMs;
  const detectedAtMs = r.detectedAtMs;
  const stored = !Number.isNaN(r.storedAtMs) && !(r.storedAtMs >= purgedAtMs);
  const printed = !Number.isNaN(r.printedAtMs) && !(r.printedAtMs >= purgedAtMs);
  if (stored && !(r.storedAtMs > detectedAtMs)) return STORED;
  if (printed && !(r.printedAtMs > detectedAtMs)) return FALLBACK;
  if (!Number.isNaN(r.resentAtMs) && !(r.resentAtMs > detectedAtMs)) return RESENT;
  if (Number.isNaN(detectedAtMs)) return Number.isNaN(purgedAtMs) ? IN_FLIGHT : SILENT;
  const inWindow = r.detectedInWindow && !(detectedAtMs >= purgedAtMs);
  if (inWindow && (stored || printed)) return RECOVERED | DETECTED;
  if (!Number.isNaN(purgedAtMs) || !inWindow) return LATE | DETECTED | (inWindow ? IN_WINDOW : 0);
  return IN_FLIGHT | DETECTED;
}

/** The fate a code names. */
function fateOfCode(code: number): Fate {
  return fates[code & FATE_BITS] as Fate;
}

/** detection − loss (the loss: a discard, else the first receipt, else the send); for a code with DETECTED. */
function timeToDetection(r: FactsRow): number {
  const lostAtMs = !Number.isNaN(r.lostAtMs) ? r.lostAtMs : !Number.isNaN(r.firstReceiptAtMs) ? r.firstReceiptAtMs : r.sentAtMs;
  return Math.max(0, r.detectedAtMs - lostAtMs);
}

/** fallback − send; for a fallback code (then the print came while the portal held the content). */
function timeToFallback(r: FactsRow): number {
  return r.printedAtMs - r.sentAtMs;
}

/** A message's fate as an object, from its code and the two times (each used only when the code has it). */
function messageFate(f: Pick<FactsRow, 'msg' | 'receiver' | 'sender' | 'sentAtMs'>, code: number, timeToDetectionMs: number, timeToFallbackMs: number): MessageFate {
  const fate = fateOfCode(code);
  // Object literals of one shape (no spreads), the optional fields in one order.
  const m: MessageFate = { msg: f.msg, receiver: f.receiver, sender: f.sender, sentAtMs: f.sentAtMs, fate };
  if ((code & DETECTED) !== 0) m.timeToDetectionMs = timeToDetectionMs;
  if (fate === 'fallback') m.timeToFallbackMs = timeToFallbackMs;
  if (fate === 'lost-detected-late') m.detectedInWindow = (code & IN_WINDOW) !== 0;
  return m;
}

/** The fate of one message, judged at the horizon (see fateCode). */
function fateOf(f: MessageFacts): MessageFate {
  const r = rowOf(f);
  return messageFate(r, fateCode(r), timeToDetection(r), timeToFallback(r));
}

/** A facts object as the row fateCode reads. */
function rowOf(f: MessageFacts): FactsRow {
  return {
    msg: f.msg, receiver: f.receiver, sender: f.sender, sentAtMs: f.sentAtMs,
    firstReceiptAtMs: f.firstReceiptAtMs ?? NaN, storedAtMs: f.storedAtMs ?? NaN, printedAtMs: f.printedAtMs ?? NaN,
    purgedAtMs: f.purgedAtMs ?? NaN, lostAtMs: f.lostAtMs ?? NaN, detectedAtMs: f.detectedAtMs ?? NaN,
    detectedInWindow: f.detectedInWindow === true, resentAtMs: f.resentAtMs ?? NaN,
  };
}

export { FateFold, foldedKinds, fateOf, fates, fateCode, fateOfCode, messageFate, timeToDetection, timeToFallback, DETECTED, FALLBACK, FATE_BITS };
export type { Fate, FactsRow, MessageFacts, MessageFate };
