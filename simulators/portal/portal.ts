// The national portal (NPB on Fiks): accepts reports, delivers them push (Fiks IO) or poll (SvarInn),
// waits for the protocol receipt, falls back to print and post when delivery fails, and purges a
// message a fixed number of days after the receipt. Its export (what it delivered, when) is the
// dashboard a municipality reconciles against.

import type { Clock } from '../../harness/runtime/clock.js';
import type { Rng } from '../../harness/runtime/rng.js';
import type { Ledger } from '../../harness/ledger/ledger.js';
import type { FailReason, ProtocolReceipt } from '../../harness/ledger/entries.js';
import type { FaultState } from '../../harness/faults/fault-state.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '../../harness/runtime/time.js';
import type { MessageHeader } from './message.js';
import type { Delivery, PortalApi, PushEndpoint, TransportAnswer } from './endpoints.js';
import { KvitteringError } from '../../harness/errors.js';
import { receiptDeadlineAt } from './receipt-deadline.js';
import { retentionMs } from './retention.js';
import { ExportLog } from './export-log.js';
import { AWAITING_RECEIPT, DELIVERING, FAILED, HeldMessages, RECEIPTED } from './held-messages.js';

interface PortalConfig {
  /** Fiks IO: deliveries without ack (or nack-with-requeue) before the sender gets a server error. */
  maxDeliveries: number;
  redeliveryDelayMs: number;
  /** No transport answer within this time counts as a failed delivery (connection dropped). */
  deliveryTimeoutMs: number;
  /** No protocol receipt by then ⇒ print and post; used when the run has no calendar (see below). */
  receiptDeadlineMs: number;
  /** With a calendar: the deadline in Norwegian working days instead (NPB: 2). */
  receiptDeadlineWorkingDays?: number;
  /** The calendar date (Norwegian wall clock) of virtual time 0, when the scenario has dates: "2020-09-25". */
  calendarStart?: string;
  /** Days the portal keeps a message after its receipt (14 before the 2023 incident, 30 after). */
  retentionDays: number;
  fallbackEnabled: boolean;
  /** While the print channel is down, how often the portal tries again. */
  fallbackRetryMs: number;
  /** One-way network latency between portal and receivers. */
  linkLatencyMs: number;
}

const defaultPortalConfig: PortalConfig = {
  maxDeliveries: 3,
  redeliveryDelayMs: 5 * MINUTE_MS,
  deliveryTimeoutMs: 30 * SECOND_MS,
  receiptDeadlineMs: 2 * DAY_MS,
  retentionDays: 14,
  fallbackEnabled: true,
  fallbackRetryMs: HOUR_MS,
  linkLatencyMs: 50,
};

/** Where a flight's answer goes: the portal's handler, one for every flight. */
type AnswerSink = (f: Flight, answer: TransportAnswer) => void;

/**
 * One push attempt, and the delivery the endpoint gets: its timeout, its latency hops, its answer and
 * its redelivery all carry this one record. It remembers where it went: a redelivery goes there again.
 */
class Flight implements Delivery {
  readonly redelivered: boolean;

  constructor(readonly msg: MessageHeader, readonly attempt: number, readonly endpoint: PushEndpoint, private readonly sink: AnswerSink) {
    this.redelivered = attempt > 1;
  }

  respond(answer: TransportAnswer): void {
    this.sink(this, answer);
  }
}

/** What listNew answers when a receiver has nothing new. */
const nothingNew: readonly MessageHeader[] = Object.freeze([]);

/** A brokered endpoint's answers never reach the portal (the broker settles with the receiver). */
const ignoreAnswer = (): void => undefined;

interface PortalReceiver {
  style: 'push' | 'poll';
  /** Where pushes go (poll receivers download instead). */
  endpoint: PushEndpoint | undefined;
  /** A channel nobody watches: where a wrongly routed message ends up. */
  wrongRoute: PushEndpoint;
  faults: FaultState;
  /** Sender chose "digital only": no print fallback for this receiver. */
  digitalOnly: boolean;
}

class Portal implements PortalApi {
  /** Messages whose content the portal still holds; a purged message is forgotten. */
  private readonly held = new HeldMessages();
  /** Ids that went out by post: still known after the purge (a reporter's follow-up asks). */
  private readonly printedIds = new Set<number>();
  /** A poll receiver's shipments not yet acknowledged, in the order they became available (made at its first). */
  private readonly available: (Map<number, MessageHeader> | undefined)[] = [];
  private readonly exports: ExportLog[];
  // Event handlers, made once: an event is (handler, header or flight), not a closure per message. Each
  // looks its message up again (`find`): once it is forgotten, the event has nothing left to act on.
  private readonly onDeadline = (header: MessageHeader): void => {
    const i = this.held.find(header);
    if (i >= 0) this.deadlinePassed(i);
  };
  private readonly onPurge = (header: MessageHeader): void => {
    const i = this.held.find(header);
    if (i >= 0) this.purge(i);
  };
  private readonly onFallbackRetry = (header: MessageHeader): void => {
    const i = this.held.find(header);
    if (i >= 0) this.fallback(i);
  };
  private readonly onTimeout = (f: Flight): void => this.transportAnswer(f, 'timeout');
  private readonly onArrive = (f: Flight): void => f.endpoint.deliver(f);
  // The endpoint's answer travels back over the link: the answer becomes the handler, the flight its argument.
  private readonly onAnswer: AnswerSink = (f, answer) => {
    this.clock.post(this.config.linkLatencyMs, answer === 'ack' ? this.onAck : answer === 'nack' ? this.onNack : this.onNackRequeue, f);
  };
  private readonly onAck = (f: Flight): void => this.transportAnswer(f, 'ack');
  private readonly onNack = (f: Flight): void => this.transportAnswer(f, 'nack');
  private readonly onNackRequeue = (f: Flight): void => this.transportAnswer(f, 'nack-requeue');
  private readonly onRedeliveryDue = (f: Flight): void => {
    const i = this.held.find(f.msg);
    if (i >= 0 && this.held.state[i] === DELIVERING) this.push(i, f.endpoint);
  };

  constructor(
    private readonly config: PortalConfig,
    private readonly receivers: readonly PortalReceiver[],
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly ledger: Ledger,
  ) {
    this.exports = receivers.map(() => new ExportLog());
  }

  /** A reporter submits a report. */
  submit(header: MessageHeader): void {
    const receiver = this.receiverOf(header.receiver);
    const wrong = receiver.faults.wrongRoutePct > 0 && this.rng.chancePct(receiver.faults.wrongRoutePct);
    const held = this.held;
    const i = held.add(header);
    if (wrong) held.wrongRoute[i] = 1;
    this.ledger.append({ t: this.clock.now(), kind: 'send', msg: header.id, receiver: header.receiver, sender: header.sender });
    // Without a calendar the deadline is a fixed delay, so it waits in the scheduler's FIFO lane for it.
    held.deadlines[i] = this.config.calendarStart === undefined
      ? this.clock.after(this.config.receiptDeadlineMs, this.onDeadline, header)
      : this.clock.at(receiptDeadlineAt(this.config, this.clock.now()), this.onDeadline, header);
    this.dispatch(i);
  }

  // --- PortalApi: what receivers call -------------------------------------------------------------

  receipt(msg: number, receipt: ProtocolReceipt, permanent?: boolean): void {
    const held = this.held;
    const i = held.indexOf(msg);
    const t = this.clock.now();
    const duplicate = i < 0 || held.settled(i);
    this.ledger.append(permanent === undefined
      ? { t, kind: 'receipt', msg, receipt, duplicate }
      : { t, kind: 'receipt', msg, receipt, duplicate, permanent });
    if (i < 0) return;
    const header = held.headers[i] as MessageHeader;
    // A receipted message the portal re-delivered to a polling receiver: its "mottatt" is a duplicate,
    // but the shipment must still leave the list of new ones, or it is downloaded again every poll.
    if (receipt === 'mottatt') this.available[header.receiver]?.delete(msg);
    if (duplicate) return;
    if (receipt === 'mottatt') {
      held.state[i] = RECEIPTED;
      held.deadlines[i]?.cancel();
      held.answerTimers[i]?.cancel();
      this.exports[header.receiver]?.push(msg, header.sentAtMs, t);
      this.schedulePurge(header);
    } else if (this.receiverOf(header.receiver).style === 'push' || permanent === true) {
      this.fail(i, permanent === true ? 'permanent-failure' : 'feilet');
    }
    // SvarInn mottakFeilet with permanent=false: the shipment stays available and comes back.
  }

  listNew(receiver: number): readonly MessageHeader[] {
    const available = this.available[receiver];
    // Most polls find nothing new: they share one empty list instead of an iterator and an array each.
    return available === undefined || available.size === 0 ? nothingNew : [...available.values()];
  }

  download(msg: number): MessageHeader | undefined {
    const held = this.held;
    const i = held.indexOf(msg);
    if (i < 0) return undefined;
    const attempt = (held.attempts[i] as number) + 1;
    held.attempts[i] = attempt;
    if (held.state[i] === DELIVERING) held.state[i] = AWAITING_RECEIPT;
    if (this.ledger.wants('deliver')) this.ledger.append({ t: this.clock.now(), kind: 'deliver', msg, attempt, style: 'poll', route: 'correct' });
    return held.headers[i];
  }

  // --- what controls call ---------------------------------------------------------------------------

  /** The dashboard export for one receiver: every message the portal holds a receipt for. */
  exportFor(receiver: number): ExportLog {
    return this.exports[receiver] ?? new ExportLog();
  }

  /** Whether the portal still has the content (not purged). */
  holds(msg: number): boolean {
    return this.held.indexOf(msg) >= 0;
  }

  printed(msg: number): boolean {
    return this.printedIds.has(msg);
  }

  /** Re-send a held message on the correct route (reconciliation found it missing). */
  redeliver(msg: number): boolean {
    const i = this.held.indexOf(msg);
    const accepted = i >= 0;
    this.ledger.append({ t: this.clock.now(), kind: 'redeliver', msg, accepted });
    if (!accepted) return false;
    this.held.wrongRoute[i] = 0;
    this.held.attempts[i] = 0;
    this.dispatch(i);
    return true;
  }

  /** An operator purge: everything receipted or failed for these receivers is deleted now. */
  purgeNow(receivers: ReadonlySet<number>): void {
    const held = this.held;
    for (const i of held.inOrder()) {
      if (receivers.has((held.headers[i] as MessageHeader).receiver) && held.settled(i)) this.purge(i);
    }
  }

  // --- delivery -----------------------------------------------------------------------------------

  private dispatch(i: number): void {
    const header = this.held.headers[i] as MessageHeader;
    const receiver = this.receiverOf(header.receiver);
    const wrong = this.held.wrongRoute[i] === 1;
    if (!wrong && receiver.style === 'poll') {
      (this.available[header.receiver] ??= new Map()).set(header.id, header);
      return;
    }
    this.push(i, wrong ? receiver.wrongRoute : receiver.endpoint);
  }

  private push(i: number, endpoint: PushEndpoint | undefined): void {
    const held = this.held;
    const header = held.headers[i] as MessageHeader;
    if (endpoint === undefined) throw new KvitteringError('E_TOPOLOGY', `receiver ${header.receiver} has no push endpoint`);
    const attempt = (held.attempts[i] as number) + 1;
    held.attempts[i] = attempt;
    if (held.state[i] === AWAITING_RECEIPT) held.state[i] = DELIVERING;
    if (this.ledger.wants('deliver')) this.ledger.append({ t: this.clock.now(), kind: 'deliver', msg: header.id, attempt, style: 'push', route: held.wrongRoute[i] === 1 ? 'wrong' : 'correct' });
    if (endpoint.brokered === true) {
      held.state[i] = AWAITING_RECEIPT;
      endpoint.deliver({ msg: header, attempt, redelivered: false, respond: ignoreAnswer });
      return;
    }
    const flight = new Flight(header, attempt, endpoint, this.onAnswer);
    held.answerTimers[i] = this.clock.after(this.config.deliveryTimeoutMs, this.onTimeout, flight);
    this.clock.post(this.config.linkLatencyMs, this.onArrive, flight);
  }

  private transportAnswer(f: Flight, answer: TransportAnswer | 'timeout'): void {
    const held = this.held;
    const i = held.find(f.msg);
    if (i < 0 || f.attempt !== held.attempts[i]) return; // a stale answer to an earlier attempt
    held.answerTimers[i]?.cancel();
    held.answerTimers[i] = undefined;
    if (this.ledger.wants('transport')) this.ledger.append({ t: this.clock.now(), kind: 'transport', msg: f.msg.id, response: answer });
    if (held.state[i] !== DELIVERING) return; // already receipted or failed
    if (answer === 'ack' || answer === 'nack') {
      // A plain nack discards the message and tells the sender nothing: only the deadline will.
      held.state[i] = AWAITING_RECEIPT;
      return;
    }
    if (f.attempt >= this.config.maxDeliveries) {
      this.fail(i, 'max-deliveries');
      return;
    }
    this.clock.post(this.config.redeliveryDelayMs, this.onRedeliveryDue, f);
  }

  /** The broker's platform reported the message undeliverable: serverfeil (delivery limit) or tidsavbrudd (TTL). */
  transportFailed(msg: number, reason: 'max-deliveries' | 'ttl-expired'): void {
    const i = this.held.indexOf(msg);
    this.ledger.append({ t: this.clock.now(), kind: 'transport', msg, response: reason === 'ttl-expired' ? 'expired' : 'delivery-limit' });
    if (i < 0 || this.held.settled(i)) return;
    this.fail(i, reason);
  }

  private deadlinePassed(i: number): void {
    if (this.held.settled(i)) return;
    this.fail(i, 'receipt-deadline');
  }

  // --- failure, fallback, purge ---------------------------------------------------------------------

  private fail(i: number, reason: FailReason): void {
    const held = this.held;
    const header = held.headers[i] as MessageHeader;
    held.state[i] = FAILED;
    held.deadlines[i]?.cancel();
    held.answerTimers[i]?.cancel();
    this.available[header.receiver]?.delete(header.id);
    this.ledger.append({ t: this.clock.now(), kind: 'portal-failed', msg: header.id, reason });
    this.schedulePurge(header);
    this.fallback(i);
  }

  private fallback(i: number): void {
    const held = this.held;
    if (held.printed[i] === 1) return;
    const header = held.headers[i] as MessageHeader;
    const receiver = this.receiverOf(header.receiver);
    const t = this.clock.now();
    if (!this.config.fallbackEnabled || receiver.digitalOnly || receiver.faults.fallbackDisabled > 0) {
      this.ledger.append({ t, kind: 'fallback', msg: header.id, outcome: 'suppressed' });
      return;
    }
    if (receiver.faults.fallbackChannelDown > 0) {
      this.ledger.append({ t, kind: 'fallback', msg: header.id, outcome: 'channel-down' });
      this.clock.post(this.config.fallbackRetryMs, this.onFallbackRetry, header);
      return;
    }
    held.printed[i] = 1;
    this.printedIds.add(header.id);
    this.ledger.append({ t, kind: 'fallback', msg: header.id, outcome: 'printed' });
  }

  private schedulePurge(header: MessageHeader): void {
    this.clock.post(retentionMs(this.config.retentionDays), this.onPurge, header);
  }

  /**
   * The content is deleted, so the message is forgotten: a later receipt, download or redelivery of
   * its id finds nothing, and a year of traffic does not pile up here.
   */
  private purge(i: number): void {
    const held = this.held;
    const header = held.headers[i] as MessageHeader;
    held.deadlines[i]?.cancel();
    held.answerTimers[i]?.cancel();
    this.available[header.receiver]?.delete(header.id);
    held.forget(i);
    this.ledger.append({ t: this.clock.now(), kind: 'purge', msg: header.id });
  }

  private receiverOf(index: number): PortalReceiver {
    const receiver = this.receivers[index];
    if (receiver === undefined) throw new KvitteringError('E_TOPOLOGY', `no receiver with index ${index}`);
    return receiver;
  }
}

export { Portal, defaultPortalConfig };
export type { PortalConfig, PortalReceiver };
