// The two faces of the portal–receiver integration, as ports. Push (Fiks IO): the portal hands a
// delivery to the receiver, which answers with a transport ack/nack and later a protocol receipt.
// Poll (SvarInn): the receiver lists new shipments, downloads them and answers with
// kvitterMottak / mottakFeilet. The simulated runtime wires them directly; live mode over HTTP.

import type { ProtocolReceipt } from '../../harness/ledger/entries.js';
import type { MessageHeader } from './message.js';

type TransportAnswer = 'ack' | 'nack' | 'nack-requeue';

/**
 * One push attempt as the endpoint sees it. The endpoint answers through the delivery itself, as AMQP
 * answers on a delivery tag. A method, not a callback beside the delivery: the attempt is already one
 * record, and a callback would be a closure per push.
 */
interface Delivery {
  readonly msg: MessageHeader;
  readonly attempt: number;
  /** AMQP's redelivered bit, surfaced by Fiks IO clients as `Resendt`. */
  readonly redelivered: boolean;
  respond(answer: TransportAnswer): void;
}

/** A receiver the portal pushes to (a case system's Fiks IO account, an inbox, a wrong route). */
interface PushEndpoint {
  deliver(delivery: Delivery): void;
  /**
   * A real broker sits between portal and receiver (Fiks IO on RabbitMQ): it redelivers and expires
   * the message and reports `serverfeil` / `tidsavbrudd` itself; the portal never sees the receiver's
   * ack, so it neither waits for a transport answer nor pushes again.
   */
  readonly brokered?: boolean;
}

/** What a receiver can ask of the portal. */
interface PortalApi {
  /** A protocol receipt reaches the portal. `permanent` only with feilet (SvarInn mottakFeilet). */
  receipt(msg: number, receipt: ProtocolReceipt, permanent?: boolean): void;
  /** SvarInn hentNyeForsendelser: unacknowledged shipments for this receiver. */
  listNew(receiver: number): readonly MessageHeader[];
  /** SvarInn GET /forsendelse/{id}: undefined once purged. */
  download(msg: number): MessageHeader | undefined;
}

export type { TransportAnswer, Delivery, PushEndpoint, PortalApi };
