// The part of Fiks IO that KS runs, reproduced on RabbitMQ 3.10 with the broker's own mechanisms:
//   - every account queue is a quorum queue with `x-delivery-limit` 2, so the 3rd delivery without an
//     ack (a nack-with-requeue, or a consumer whose channel dies) is the last; the broker then
//     dead-letters it with reason `delivery_limit`  ⇒ the sender gets `serverfeil.v1`;
//   - the sender's TTL is the per-message `expiration`; like the real platform, RabbitMQ expires a
//     message only when it reaches the head of its queue, then dead-letters it with reason `expired`
//     ⇒ the sender gets `tidsavbrudd` (headers only);
//   - a plain nack (requeue=false) is dead-lettered as `rejected` and, as on Fiks IO, tells nobody.
// test/fiks-io/broker-semantics.test.ts shows each of these on the real broker.

import { randomUUID } from 'node:crypto';
import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { HEADERS, KVITTERING_TYPES, MAX_DELIVERIES, headerText, kontoIdOf, kontoQueue } from './fiks-io-protocol.js';

/** Where the broker dead-letters account queues; only the platform reads it. */
const DEAD_LETTER_QUEUE = 'fiksio.platform.dead-letters';

type DeadLetterReason = 'expired' | 'delivery_limit' | 'rejected' | 'maxlen' | 'unknown';

function accountQueueArguments(): Record<string, unknown> {
  return {
    'x-queue-type': 'quorum',
    // RabbitMQ counts returns: limit N allows N + 1 deliveries (measured on 3.10.8).
    'x-delivery-limit': MAX_DELIVERIES - 1,
    'x-dead-letter-exchange': '',
    'x-dead-letter-routing-key': DEAD_LETTER_QUEUE,
  };
}

/** Declare an account's queue (idempotent; the arguments must match an existing one). */
async function declareAccount(channel: Channel, kontoId: string): Promise<string> {
  const queue = kontoQueue(kontoId);
  await channel.assertQueue(queue, { durable: true, arguments: accountQueueArguments() });
  return queue;
}

function deadLetterReason(message: ConsumeMessage): DeadLetterReason {
  const headers = message.properties.headers ?? {};
  const first = headerText(headers, 'x-first-death-reason');
  const reason = first ?? (headers['x-death'] as { reason?: string }[] | undefined)?.[0]?.reason;
  return reason === 'expired' || reason === 'delivery_limit' || reason === 'rejected' || reason === 'maxlen' ? reason : 'unknown';
}

/** The queue a dead letter came from (x-first-death-queue, else its routing key). */
function deadLetterQueue(message: ConsumeMessage): string {
  return headerText(message.properties.headers, 'x-first-death-queue') ?? message.fields.routingKey;
}

interface PlatformEvent {
  reason: DeadLetterReason;
  meldingId: string | undefined;
  /** The receipt sent back, when one was (`tidsavbrudd` or `serverfeil`). */
  kvittering: string | undefined;
}

interface FiksIoPlatform {
  /** What the platform did with each dead letter, in order. */
  readonly events: readonly PlatformEvent[];
  close(): Promise<void>;
}

/** Start relaying dead letters into the senders' receipts. */
async function startFiksIoPlatform(connection: ChannelModel, log?: (line: string) => void): Promise<FiksIoPlatform> {
  const channel: ConfirmChannel = await connection.createConfirmChannel();
  await channel.assertQueue(DEAD_LETTER_QUEUE, { durable: true });
  await channel.prefetch(50);
  const events: PlatformEvent[] = [];
  const { consumerTag } = await channel.consume(DEAD_LETTER_QUEUE, (message) => {
    if (message === null) return; // the queue was deleted under us
    const headers = message.properties.headers ?? {};
    const reason = deadLetterReason(message);
    const meldingId = headerText(headers, HEADERS.meldingId);
    const avsender = headerText(headers, HEADERS.avsenderId);
    const kvittering = reason === 'expired' ? KVITTERING_TYPES.tidsavbrudd : reason === 'delivery_limit' ? KVITTERING_TYPES.serverfeil : undefined;
    events.push({ reason, meldingId, kvittering });
    if (kvittering === undefined || avsender === undefined || meldingId === undefined) {
      channel.ack(message);
      return;
    }
    const receiverKonto = kontoIdOf(deadLetterQueue(message)) ?? '';
    channel.sendToQueue(kontoQueue(avsender), Buffer.alloc(0), {
      persistent: true,
      messageId: randomUUID(),
      headers: {
        [HEADERS.meldingId]: randomUUID(),
        [HEADERS.type]: kvittering,
        [HEADERS.avsenderId]: receiverKonto,
        [HEADERS.svarTil]: meldingId,
        [HEADERS.svarTilType]: headerText(headers, HEADERS.type) ?? '',
      },
    }, (error) => {
      if (error === null || error === undefined) channel.ack(message);
      else {
        log?.(`fiks-io platform: ${kvittering} for ${meldingId} not published (${String(error)}); dead letter kept`);
        channel.nack(message, false, true);
      }
    });
  });
  return {
    events,
    close: async () => {
      await channel.cancel(consumerTag).catch(() => undefined);
      await channel.close().catch(() => undefined);
    },
  };
}

export { startFiksIoPlatform, declareAccount, accountQueueArguments, deadLetterReason, DEAD_LETTER_QUEUE };
export type { FiksIoPlatform, PlatformEvent, DeadLetterReason };
