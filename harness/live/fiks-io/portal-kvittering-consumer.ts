// The portal reads its own Fiks IO account queue, as a real sender does:
//   - the platform's `serverfeil` and `tidsavbrudd` for a concern report (header `svar-til` = the
//     report's melding-id) make the portal fail the message and print it — what the national portal
//     does on either;
//   - a receiver's `mottatt` / `feilet`, published here by the send API, is handed to the portal
//     service (avsender-id ⇒ the receiver, then its receipt link) and acked only once it is there.

import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { Portal } from '../../../simulators/portal/portal.js';
import type { PortalService } from '../../../simulators/portal/http/portal-service.js';
import { MESSAGE_TYPES, parseMessageUuid } from '../../../simulators/portal/http/wire.js';
import { HEADERS, KVITTERING_TYPES, headerText } from './fiks-io-protocol.js';
import { declareAccount } from './fiks-io-platform.js';

interface PortalKvitteringConsumer {
  /** Messages read from the queue, by type. */
  readonly counts: Readonly<Record<string, number>>;
  /** Stop taking messages (they wait on the queue) until resume(). */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

async function consumePortalKvitteringer(connection: ChannelModel, portalKontoId: string, portal: Portal, service: PortalService, log?: (line: string) => void): Promise<PortalKvitteringConsumer> {
  const channel: Channel = await connection.createChannel();
  const queue = await declareAccount(channel, portalKontoId);
  await channel.prefetch(10);
  const counts: Record<string, number> = {};

  const onReply = (message: ConsumeMessage, type: string, svarTil: string): void => {
    const headers = message.properties.headers;
    void service.replyConsumed({ avsenderId: headerText(headers, HEADERS.avsenderId) ?? '', meldingId: headerText(headers, HEADERS.meldingId) ?? '', type, svarTil }).then(
      (ignored) => {
        if (ignored !== undefined) log?.(`portal: ${type} ignored: ${ignored}; acked`);
        channel.ack(message);
      },
      (error: unknown) => {
        // Not in the link: back on the queue for the next try (the delivery limit bounds the tries).
        log?.(`portal: ${type} for ${svarTil.slice(0, 40)} not handled (${error instanceof Error ? error.message : String(error)}); requeued`);
        channel.nack(message, false, true);
      },
    );
  };

  const onMessage = (message: ConsumeMessage | null): void => {
    if (message === null) return;
    const type = headerText(message.properties.headers, HEADERS.type) ?? '';
    const svarTil = headerText(message.properties.headers, HEADERS.svarTil) ?? '';
    counts[type] = (counts[type] ?? 0) + 1;
    if (type === MESSAGE_TYPES.mottatt || type === MESSAGE_TYPES.feilet) {
      onReply(message, type, svarTil);
      return;
    }
    const msg = parseMessageUuid(svarTil);
    if (msg === undefined) log?.(`portal: ${type} for unknown melding ${svarTil.slice(0, 40)} ignored`);
    else if (type === KVITTERING_TYPES.serverfeil) portal.transportFailed(msg, 'max-deliveries');
    else if (type === KVITTERING_TYPES.tidsavbrudd) portal.transportFailed(msg, 'ttl-expired');
    else log?.(`portal: unexpected message type ${type.slice(0, 60)} on its own account; acked`);
    channel.ack(message);
  };

  let consumerTag: string | undefined = (await channel.consume(queue, onMessage, { noAck: false })).consumerTag;
  const cancel = async () => {
    if (consumerTag !== undefined) await channel.cancel(consumerTag).catch(() => undefined);
    consumerTag = undefined;
  };
  return {
    counts,
    pause: cancel,
    resume: async () => {
      if (consumerTag === undefined) consumerTag = (await channel.consume(queue, onMessage, { noAck: false })).consumerTag;
    },
    close: async () => {
      await cancel();
      await channel.close().catch(() => undefined);
    },
  };
}

export { consumePortalKvitteringer };
export type { PortalKvitteringConsumer };
