// A push receiver reached over HTTP: the portal POSTs the message to the case system's endpoint and
// reads the HTTP answer as the transport answer (our rendition of Fiks IO's AMQP ack/nack):
//   2xx                      ⇒ ack            (the receiver took responsibility for the message)
//   4xx (400, 409, 422 …)    ⇒ nack           (discarded; the sender hears nothing — only the deadline)
//   5xx (500, 503 …) or 429  ⇒ nack-requeue   (try again; counts towards maxDeliveries)
//   no answer in time, refused connection, reset ⇒ no answer at all: the portal's delivery timeout
//                              fires and the ledger records `timeout`.
// The protocol receipt comes later, separately, through POST /fiks-io/api/v1/send.

import type { Delivery, PushEndpoint, TransportAnswer } from '../endpoints.js';
import { basicAuthHeader, type Credentials } from '../../http/basic-auth.js';
import { MESSAGE_TYPES, messageUuid, senderType, type PushMessage } from './wire.js';

interface HttpPushEndpointOptions {
  url: string;
  /** The receiver's Fiks IO account id (its scenario id). */
  account: string;
  /** Credentials the portal presents to the case system (optional). */
  credentials?: Credentials;
  /** Wall-clock wait for the answer before giving up on this attempt. */
  timeoutMs: number;
  content: (delivery: Delivery) => Record<string, unknown>;
  /** Stamps each push with when it went out, for its outcome (default: performance.now). */
  now?: () => number;
}

function transportAnswerFor(status: number): TransportAnswer {
  if (status >= 200 && status < 300) return 'ack';
  if (status === 429 || status >= 500) return 'nack-requeue';
  return 'nack';
}

class HttpPushEndpoint implements PushEndpoint {
  /** Deliveries whose HTTP exchange has not finished. */
  inFlight = 0;
  /** Where pushes go; may be set after construction (a receiver started after the portal). */
  url: string;
  /**
   * Told whether each push got an HTTP answer, and when that push went out (the live runner records an
   * unreachable SUT as a fault; an answer to a push sent before a crash says nothing about after it).
   */
  onOutcome: ((answered: boolean, detail: string, sentAtMs: number) => void) | undefined;

  constructor(private readonly options: HttpPushEndpointOptions) {
    this.url = options.url;
  }

  deliver(delivery: Delivery): void {
    const { msg } = delivery;
    const id = messageUuid(msg.id);
    const type = MESSAGE_TYPES[senderType(msg.sender)];
    const body: PushMessage = {
      meldingId: id,
      meldingType: type,
      avsenderKontoId: 'npb',
      mottakerKontoId: this.options.account,
      sendtTidspunkt: msg.sentAtMs,
      resendt: delivery.redelivered,
      bekymringsmelding: this.options.content(delivery),
    };
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'melding-id': id,
      'type': type,
      'avsender-id': 'npb',
      'klientmelding-id': id,
      'bekymringsmelding-id': id,
      'resendt': String(delivery.redelivered),
    };
    if (this.options.credentials !== undefined) headers.authorization = basicAuthHeader(this.options.credentials);
    this.inFlight++;
    const sentAtMs = this.options.now?.() ?? performance.now();
    void fetch(this.url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(this.options.timeoutMs) })
      .then(async (response) => {
        await response.arrayBuffer().catch(() => undefined);
        this.onOutcome?.(true, `HTTP ${response.status}`, sentAtMs);
        delivery.respond(transportAnswerFor(response.status));
      }, (error: unknown) => {
        // No answer: the portal's own delivery timeout decides.
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        this.onOutcome?.(false, error instanceof Error && error.name === 'TimeoutError' ? 'no answer in time' : cause ?? (error instanceof Error ? error.message : String(error)), sentAtMs);
      })
      .finally(() => { this.inFlight--; });
  }
}

export { HttpPushEndpoint, transportAnswerFor };
export type { HttpPushEndpointOptions };
