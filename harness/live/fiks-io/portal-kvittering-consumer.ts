// The portal reads its own Fiks IO account queue, as a real sender does: the platform's `serverfeil`
// and `tidsavbrudd` for a concern report (header `svar-til` = the report's melding-id) make the portal
// fail the message and print it — what the national portal does on either.

import type { Channel, ChannelModel } from 'amqplib';
import type { Portal } from '../../../simulators/portal/portal.js';
import { parseMessageUuid } from '../../../simulators/portal/http/wire.js';
import { HEADERS, KVITTERING_TYPES, headerText } from './fiks-io-protocol.js';
import { declareAccount } from './fiks-io-platform.js';

interface PortalKvitteringConsumer {
  /** Receipts read from the queue, by type. */
  readonly counts: Readonly<Record<string, number>>;
  close(): Promise<void>;
}

async function consumePortalKvitteringer(connection: ChannelModel, portalKontoId: string, portal: Portal, log?: (line: string) => void): Promise<PortalKvitteringConsumer> {
  const channel: Channel = await connection.createChannel();
  const queue = await declareAccount(channel, portalKontoId);
  await channel.prefetch(10);
  const counts: Record<string, number> = {};
  const { consumerTag } = await channel.consume(queue, (message) => {
    if (message === null) return;
    const type = headerText(message.properties.headers, HEADERS.type) ?? '';
    const svarTil = headerText(message.properties.headers, HEADERS.svarTil) ?? '';
    counts[type] = (counts[type] ?? 0) + 1;
    const msg = parseMessageUuid(svarTil);
    if (msg === undefined) log?.(`portal: ${type} for unknown melding ${svarTil.slice(0, 40)} ignored`);
    else if (type === KVITTERING_TYPES.serverfeil) portal.transportFailed(msg, 'max-deliveries');
    else if (type === KVITTERING_TYPES.tidsavbrudd) portal.transportFailed(msg, 'ttl-expired');
    else log?.(`portal: unexpected message type ${type.slice(0, 60)} on its own account; acked`);
    channel.ack(message);
  }, { noAck: false });
  return {
    counts,
    close: async () => {
      await channel.cancel(consumerTag).catch(() => undefined);
      await channel.close().catch(() => undefined);
    },
  };
}

export { consumePortalKvitteringer };
export type { PortalKvitteringConsumer };
