// The national portal (NPB on Fiks): accepts reports, delivers them push (Fiks IO) or poll (SvarInn),
// waits for the protocol receipt, falls back to print and post when delivery fails, and purges a
// message a fixed number of days after the receipt. Its export (what it delivered, when) is the
// dashboard a municipality reconciles against.

import type { Clock, Timer } from '../../harness/runtime/clock.js';
import type { Rng } from '../../harness/runtime/rng.js';
import type { Ledger } from '../../harness/ledger/ledger.js';
import type { FailReason, ProtocolReceipt } from '../../harness/ledger/entries.js';
import type { FaultState } from '../../harness/faults/fault-state.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '../../harness/runtime/time.js';
import type { MessageHeader } from './message.js';
import type { PortalApi, PushEndpoint, TransportAnswer } from './endpoints.js';
import { KvitteringError } from '../../harness/errors.js';
import { receiptDeadlineAt } from './receipt-deadline.js';
import { retentionMs } from './retention.js';
import { ExportLog } from './export-log.js';

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

type Status = 'delivering' | 'awaiting-receipt' | 'receipted' | 'failed';

interface PortalMessage {
  header: MessageHeader;
  status: Status;
  attempts: number;
  route: 'correct' | 'wrong';
  receiptAtMs: number | undefined;
  printed: boolean;
  purged: boolean;
  deadline: Timer | undefined;
  answerTimer: Timer | undefined;
}

/** One push attempt in flight: what its timeout, its latency hop and its answer act on. */
interface Flight {
  pm: PortalMessage;
  attempt: number;
  endpoint: PushEndpoint;
}

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
  private readonly messages = new Map<number, PortalMessage>();
  /** Ids that went out by post: still known after the purge (a reporter's follow-up asks). */
  private readonly printedIds = new Set<number>();
  private readonly available: Map<number, PortalMessage>[] = [];
  private readonly exports: ExportLog[] = [];
  // Timer handlers, made once: an event is (handler, message), not a closure per message. The deadline
  // and the purge wait days, so a closure and context each would outlive many collections.
  private readonly onDeadline = (pm: PortalMessage): void => this.deadlinePassed(pm);
  private readonly onPurge = (pm: PortalMessage): void => this.purge(pm);
  private readonly onFallbackRetry = (pm: PortalMessage): void => this.fallback(pm);
  private readonly onTimeout = (f: Flight): void => this.transportAnswer(f.pm, f.attempt, 'timeout', f.endpoint);
  private readonly onArrive = (f: Flight): void => {
    f.endpoint.deliver({ msg: f.pm.header, attempt: f.attempt, redelivered: f.attempt > 1 }, (answer: TransportAnswer) => {
      this.clock.post(this.config.linkLatencyMs, this.onAnswer, { flight: f, answer });
    });
  };
  private readonly onAnswer = (a: { flight: Flight; answer: TransportAnswer }): void => this.transportAnswer(a.flight.pm, a.flight.attempt, a.answer, a.flight.endpoint);
  private readonly onRedeliveryDue = (f: Flight): void => {
    if (f.pm.status === 'delivering' && !f.pm.purged) this.push(f.pm, f.endpoint);
  };

  constructor(
    private readonly config: PortalConfig,
    private readonly receivers: readonly PortalReceiver[],
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly ledger: Ledger,
  ) {
    for (let i = 0; i < receivers.length; i++) {
      this.available.push(new Map());
      this.exports.push(new ExportLog());
    }
  }

  /** A reporter submits a report. */
  submit(header: MessageHeader): void {
    const receiver = this.receiverOf(header.receiver);
    const wrong = receiver.faults.wrongRoutePct > 0 && this.rng.chancePct(receiver.faults.wrongRoutePct);
    const pm: PortalMessage = {
      header, status: 'delivering', attempts: 0, route: wrong ? 'wrong' : 'correct',
      receiptAtMs: undefined, printed: false, purged: false, deadline: undefined, answerTimer: undefined,
    };
    this.messages.set(header.id, pm);
    this.ledger.append({ t: this.clock.now(), kind: 'send', msg: header.id, receiver: header.receiver, sender: header.sender });
    // Without a calendar the deadline is a fixed delay, so it waits in the scheduler's FIFO lane for it.
    pm.deadline = this.config.calendarStart === undefined
      ? this.clock.after(this.config.receiptDeadlineMs, this.onDeadline, pm)
      : this.clock.at(receiptDeadlineAt(this.config, this.clock.now()), this.onDeadline, pm);
    this.dispatch(pm);
  }

  // --- PortalApi: what receivers call -------------------------------------------------------------

  receipt(msg: number, receipt: ProtocolReceipt, permanent?: boolean): void {
    const pm = this.messages.get(msg);
    const t = this.clock.now();
    const duplicate = pm === undefined || pm.status === 'receipted' || pm.status === 'failed';
    this.ledger.append(permanent === undefined
      ? { t, kind: 'receipt', msg, receipt, duplicate }
      : { t, kind: 'receipt', msg, receipt, duplicate, permanent });
    // A receipted message the portal re-delivered to a polling receiver: its "mottatt" is a duplicate,
    // but the shipment must still leave the list of new ones, or it is downloaded again every poll.
    if (pm !== undefined && duplicate && receipt === 'mottatt') this.available[pm.header.receiver]?.delete(msg);
    if (pm === undefined || duplicate) return;
    if (receipt === 'mottatt') {
      pm.status = 'receipted';
      pm.receiptAtMs = t;
      pm.deadline?.cancel();
      pm.answerTimer?.cancel();
      this.available[pm.header.receiver]?.delete(msg);
      this.exports[pm.header.receiver]?.push(msg, pm.header.sentAtMs, t);
      this.schedulePurge(pm);
    } else if (this.receiverOf(pm.header.receiver).style === 'push' || permanent === true) {
      this.fail(pm, permanent === true ? 'permanent-failure' : 'feilet');
    }
    // SvarInn mottakFeilet with permanent=false: the shipment stays available and comes back.
  }

  listNew(receiver: number): readonly MessageHeader[] {
    const available = this.available[receiver];
    if (available === undefined) return [];
    return [...available.values()].map((pm) => pm.header);
  }

  download(msg: number): MessageHeader | undefined {
    const pm = this.messages.get(msg);
    if (pm === undefined || pm.purged) return undefined;
    pm.attempts++;
    if (pm.status === 'delivering') pm.status = 'awaiting-receipt';
    if (this.ledger.wants('deliver')) this.ledger.append({ t: this.clock.now(), kind: 'deliver', msg, attempt: pm.attempts, style: 'poll', route: 'correct' });
    return pm.header;
  }

  // --- what controls call ---------------------------------------------------------------------------

  /** The dashboard export for one receiver: every message the portal holds a receipt for. */
  exportFor(receiver: number): ExportLog {
    return this.exports[receiver] ?? new ExportLog();
  }

  /** Whether the portal still has the content (not purged). */
  holds(msg: number): boolean {
    const pm = this.messages.get(msg);
    return pm !== undefined && !pm.purged;
  }

  printed(msg: number): boolean {
    return this.printedIds.has(msg);
  }

  /** Re-send a held message on the correct route (reconciliation found it missing). */
  redeliver(msg: number): boolean {
    const pm = this.messages.get(msg);
    const accepted = pm !== undefined && !pm.purged;
    this.ledger.append({ t: this.clock.now(), kind: 'redeliver', msg, accepted });
    if (!accepted) return false;
    pm.route = 'correct';
    pm.attempts = 0;
    this.dispatch(pm);
    return true;
  }

  /** An operator purge: everything receipted or failed for these receivers is deleted now. */
  purgeNow(receivers: ReadonlySet<number>): void {
    for (const pm of this.messages.values()) {
      if (receivers.has(pm.header.receiver) && (pm.status === 'receipted' || pm.status === 'failed')) this.purge(pm);
    }
  }

  // --- delivery -----------------------------------------------------------------------------------

  private dispatch(pm: PortalMessage): void {
    const receiver = this.receiverOf(pm.header.receiver);
    if (pm.route === 'correct' && receiver.style === 'poll') {
      this.available[pm.header.receiver]?.set(pm.header.id, pm);
      return;
    }
    this.push(pm, pm.route === 'wrong' ? receiver.wrongRoute : receiver.endpoint);
  }

  private push(pm: PortalMessage, endpoint: PushEndpoint | undefined): void {
    if (endpoint === undefined) throw new KvitteringError('E_TOPOLOGY', `receiver ${pm.header.receiver} has no push endpoint`);
    pm.attempts++;
    const attempt = pm.attempts;
    if (pm.status === 'delivering' || pm.status === 'awaiting-receipt') pm.status = 'delivering';
    if (this.ledger.wants('deliver')) this.ledger.append({ t: this.clock.now(), kind: 'deliver', msg: pm.header.id, attempt, style: 'push', route: pm.route });
    if (endpoint.brokered === true) {
      pm.status = 'awaiting-receipt';
      endpoint.deliver({ msg: pm.header, attempt, redelivered: false }, () => undefined);
      return;
    }
    const flight: Flight = { pm, attempt, endpoint };
    pm.answerTimer = this.clock.after(this.config.deliveryTimeoutMs, this.onTimeout, flight);
    this.clock.post(this.config.linkLatencyMs, this.onArrive, flight);
  }

  private transportAnswer(pm: PortalMessage, attempt: number, answer: TransportAnswer | 'timeout', endpoint: PushEndpoint): void {
    if (attempt !== pm.attempts || pm.purged) return; // a stale answer to an earlier attempt
    pm.answerTimer?.cancel();
    pm.answerTimer = undefined;
    if (this.ledger.wants('transport')) this.ledger.append({ t: this.clock.now(), kind: 'transport', msg: pm.header.id, response: answer });
    if (pm.status !== 'delivering') return; // already receipted or failed
    if (answer === 'ack' || answer === 'nack') {
      // A plain nack discards the message and tells the sender nothing: only the deadline will.
      pm.status = 'awaiting-receipt';
      return;
    }
    if (pm.attempts >= this.config.maxDeliveries) {
      this.fail(pm, 'max-deliveries');
      return;
    }
    this.clock.post(this.config.redeliveryDelayMs, this.onRedeliveryDue, { pm, attempt, endpoint });
  }

  /** The broker's platform reported the message undeliverable: serverfeil (delivery limit) or tidsavbrudd (TTL). */
  transportFailed(msg: number, reason: 'max-deliveries' | 'ttl-expired'): void {
    const pm = this.messages.get(msg);
    this.ledger.append({ t: this.clock.now(), kind: 'transport', msg, response: reason === 'ttl-expired' ? 'expired' : 'delivery-limit' });
    if (pm === undefined || pm.status === 'receipted' || pm.status === 'failed') return;
    this.fail(pm, reason);
  }

  private deadlinePassed(pm: PortalMessage): void {
    if (pm.status === 'receipted' || pm.status === 'failed') return;
    this.fail(pm, 'receipt-deadline');
  }

  // --- failure, fallback, purge ---------------------------------------------------------------------

  private fail(pm: PortalMessage, reason: FailReason): void {
    pm.status = 'failed';
    pm.deadline?.cancel();
    pm.answerTimer?.cancel();
    this.available[pm.header.receiver]?.delete(pm.header.id);
    this.ledger.append({ t: this.clock.now(), kind: 'portal-failed', msg: pm.header.id, reason });
    this.schedulePurge(pm);
    this.fallback(pm);
  }

  private fallback(pm: PortalMessage): void {
    if (pm.purged || pm.printed) return;
    const receiver = this.receiverOf(pm.header.receiver);
    const t = this.clock.now();
    if (!this.config.fallbackEnabled || receiver.digitalOnly || receiver.faults.fallbackDisabled > 0) {
      this.ledger.append({ t, kind: 'fallback', msg: pm.header.id, outcome: 'suppressed' });
      return;
    }
    if (receiver.faults.fallbackChannelDown > 0) {
      this.ledger.append({ t, kind: 'fallback', msg: pm.header.id, outcome: 'channel-down' });
      this.clock.post(this.config.fallbackRetryMs, this.onFallbackRetry, pm);
      return;
    }
    pm.printed = true;
    this.printedIds.add(pm.header.id);
    this.ledger.append({ t, kind: 'fallback', msg: pm.header.id, outcome: 'printed' });
  }

  private schedulePurge(pm: PortalMessage): void {
    this.clock.post(retentionMs(this.config.retentionDays), this.onPurge, pm);
  }

  /**
   * The content is deleted, so the message is forgotten: a later receipt, download or redelivery of
   * its id finds nothing, exactly as for a purged one, and a year of traffic does not pile up here.
   */
  private purge(pm: PortalMessage): void {
    if (pm.purged) return;
    pm.purged = true;
    pm.deadline?.cancel();
    pm.answerTimer?.cancel();
    this.available[pm.header.receiver]?.delete(pm.header.id);
    this.messages.delete(pm.header.id);
    this.ledger.append({ t: this.clock.now(), kind: 'purge', msg: pm.header.id });
  }

  private receiverOf(index: number): PortalReceiver {
    const receiver = this.receivers[index];
    if (receiver === undefined) throw new KvitteringError('E_TOPOLOGY', `no receiver with index ${index}`);
    return receiver;
  }
}

export { Portal, defaultPortalConfig };
export type { PortalConfig, PortalReceiver };
