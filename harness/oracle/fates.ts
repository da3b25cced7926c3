// Folds the ledger, entry by entry, into what happened to each message, then names its fate at the
// horizon. Ground truth only: "stored" is a commit at the addressed receiver's database (or a person
// opening the message) while the portal still holds it, never the receiver's receipt; "fallback" is a
// print while the portal still holds the content; a purge outranks any claim made after it. A message
// whose story can still change is `in-flight`.

import type { LedgerEntry, SenderKind } from '../ledger/entries.js';
import { FactTable } from './fact-table.js';
import type { MessageFacts } from './message-facts.js';

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
        facts.setFirst(slot, 'storedAtMs', entry.t);
        return;
      }
      case 'open':
        this.setFirst(entry.msg, 'storedAtMs', entry.t);
        return;
      case 'receipt':
        if (entry.receipt === 'mottatt') this.setFirst(entry.msg, 'firstReceiptAtMs', entry.t);
        return;
      case 'discard':
        this.setFirst(entry.msg, 'lostAtMs', entry.t);
        return;
      case 'fallback':
        if (entry.outcome === 'printed') this.setFirst(entry.msg, 'printedAtMs', entry.t);
        return;
      case 'portal-failed':
        this.setFirst(entry.msg, 'failedAtMs', entry.t);
        return;
      case 'purge':
        this.setFirst(entry.msg, 'purgedAtMs', entry.t);
        return;
      case 'detect': {
        const slot = facts.slotOf(entry.msg);
        if (slot >= 0) facts.detect(slot, entry.t, entry.by, entry.portalHolds);
        return;
      }
      case 'resend':
        this.setFirst(entry.msg, 'resentAtMs', entry.t);
        return;
      default:
        return;
    }
  }

  /** The first time `field` happens to a message that was sent (others are not this run's). */
  private setFirst(msg: number, field: Parameters<FactTable['setFirst']>[1], t: number): void {
    const slot = this.facts.slotOf(msg);
    if (slot >= 0) this.facts.setFirst(slot, field, t);
  }
}

/**
 * The fate of one message, judged at the horizon. Only what happened while the portal held the message
 * counts: a record, a print or a "the portal still holds it" detection at or after the purge does not.
 *   stored             — a durable record (or a person opened it) before any detection was needed;
 *   fallback           — printed and posted;
 *   recovered          — lost, detected while the portal still held it, and stored or printed again;
 *   resent-by-reporter — lost; its reporter chased, nobody found it, and the reporter sent it again:
 *                        the content arrived as a new report, the fault was never recorded (category D);
 *   lost-detected-late — the loss was detected, but the content was purged before it was restored
 *                        (detected after the purge, or a re-delivery that never landed);
 *   lost-silent        — purged without a record, a printout or anyone noticing;
 *   in-flight          — its story can still change at the horizon: the oracle does not guess.
 */
function fateOf(f: MessageFacts): MessageFate {
  // Object literals of one shape (no spreads): the oracle builds one of these per message at the horizon.
  const judged = (fate: Fate): MessageFate => ({ msg: f.msg, receiver: f.receiver, sender: f.sender, sentAtMs: f.sentAtMs, fate });
  const detected = (fate: Fate): MessageFate => {
    const m = judged(fate);
    m.timeToDetectionMs = Math.max(0, (f.detectedAtMs as number) - (f.lostAtMs ?? f.firstReceiptAtMs ?? f.sentAtMs));
    return m;
  };
  const held = (t: number | undefined): t is number => t !== undefined && (f.purgedAtMs === undefined || t < f.purgedAtMs);
  const storedAtMs = held(f.storedAtMs) ? f.storedAtMs : undefined;
  const printedAtMs = held(f.printedAtMs) ? f.printedAtMs : undefined;
  const before = (t: number | undefined) => t !== undefined && (f.detectedAtMs === undefined || t <= f.detectedAtMs);
  if (before(storedAtMs)) return judged('stored');
  if (before(printedAtMs)) {
    const m = judged('fallback');
    m.timeToFallbackMs = (printedAtMs as number) - f.sentAtMs;
    return m;
  }
  if (f.resentAtMs !== undefined && (f.detectedAtMs === undefined || f.resentAtMs <= f.detectedAtMs)) return judged('resent-by-reporter');
  if (f.detectedAtMs !== undefined) {
    const inWindow = f.detectedInWindow === true && held(f.detectedAtMs);
    const restored = storedAtMs !== undefined || printedAtMs !== undefined;
    if (restored && inWindow) return detected('recovered');
    if (f.purgedAtMs !== undefined || !inWindow) {
      const m = detected('lost-detected-late');
      m.detectedInWindow = inWindow;
      return m;
    }
    return detected('in-flight');
  }
  if (f.purgedAtMs !== undefined) return judged('lost-silent');
  return judged('in-flight');
}

export { FateFold, foldedKinds, fateOf, fates };
export type { Fate, MessageFacts, MessageFate };
