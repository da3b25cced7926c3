// The portal's Fiks IO sender: each push is one AMQP message published through the default exchange
// to the receiver's account queue, with Fiks IO's headers, the TTL in `expiration`, and the report as
// an ASiC-E container (bekymringsmelding.json + bekymringsmelding.pdf). The broker holds the message
// from then on; failures come back from the platform (fiks-io-platform.ts), never from the receiver.

import type { ConfirmChannel } from 'amqplib';
import type { Delivery, PushEndpoint } from '../../../simulators/portal/endpoints.js';
import { MESSAGE_TYPES, messageUuid, senderType } from '../../../simulators/portal/http/wire.js';
import { ASICE_MIMETYPE, writeAsice } from '../../../simulators/portal/http/asice.js';
import { HEADERS, kontoQueue } from './fiks-io-protocol.js';
import { reportPdf } from './report-pdf.js';

interface AmqpPushEndpointOptions {
  channel: ConfirmChannel;
  /** The portal's own account: `avsender-id`, and where the platform's receipts come back. */
  portalKontoId: string;
  /** The receiving account. */
  kontoId: string;
  /** The receiver's district resource id (`bydel-ressurs-id`), when it has districts. */
  bydelRessursId?: string;
  /** Message TTL in wall-clock ms, as the broker counts it. */
  ttlWallMs: number;
  content: (delivery: Delivery) => Record<string, unknown>;
  onError?: (msg: number, detail: string) => void;
}

function pdfLines(json: Record<string, unknown>): string[] {
  return ['Bekymringsmelding', ...Object.entries(json).map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)];
}

/** The ASiC-E payload of one concern report. */
function concernReportPayload(json: Record<string, unknown>): Uint8Array {
  return writeAsice([
    { name: 'bekymringsmelding.json', mimetype: 'application/json', bytes: new TextEncoder().encode(JSON.stringify(json)) },
    { name: 'bekymringsmelding.pdf', mimetype: 'application/pdf', bytes: reportPdf(pdfLines(json)) },
  ]);
}

class AmqpPushEndpoint implements PushEndpoint {
  readonly brokered = true;
  /** Publishes the broker has not yet confirmed. */
  inFlight = 0;

  constructor(private readonly options: AmqpPushEndpointOptions) {}

  deliver(delivery: Delivery): void {
    const { msg } = delivery;
    const id = messageUuid(msg.id);
    const headers: Record<string, string> = {
      [HEADERS.avsenderId]: this.options.portalKontoId,
      [HEADERS.meldingId]: id,
      [HEADERS.type]: MESSAGE_TYPES[senderType(msg.sender)],
      [HEADERS.klientKorrelasjonsId]: id,
      [HEADERS.bekymringsmeldingId]: id,
      ...(this.options.bydelRessursId === undefined ? {} : { [HEADERS.bydelRessursId]: this.options.bydelRessursId }),
    };
    let published: boolean;
    try {
      published = this.publish(msg.id, id, headers, delivery);
    } catch (error) {
      // A closed channel throws: the broker never got it, and only the receipt deadline (print) is left.
      this.options.onError?.(msg.id, `not published: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (!published) this.options.onError?.(msg.id, 'channel buffer full; the publish is queued client-side');
  }

  private publish(msg: number, id: string, headers: Record<string, string>, delivery: Delivery): boolean {
    const published = this.options.channel.sendToQueue(kontoQueue(this.options.kontoId), Buffer.from(concernReportPayload(this.options.content(delivery))), {
      persistent: true,
      messageId: id,
      contentType: ASICE_MIMETYPE,
      expiration: String(Math.max(1, Math.round(this.options.ttlWallMs))),
      headers,
    }, (error) => {
      this.inFlight--;
      // The receipt deadline still stands, so an unconfirmed publish is printed in the end.
      if (error !== null && error !== undefined) this.options.onError?.(msg, `publish not confirmed: ${String(error)}`);
    });
    this.inFlight++;
    return published;
  }
}

export { AmqpPushEndpoint, concernReportPayload };
export type { AmqpPushEndpointOptions };
