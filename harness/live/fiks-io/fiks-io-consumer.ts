// The reference case system's Fiks IO side: it consumes its account queue as KS's clients do (manual
// ack, prefetch 10), reads the report out of the ASiC-E payload, and hands each AMQP delivery to the
// core CaseSystem as a push. The core's transport answer becomes the AMQP one:
//   ack ⇒ basic.ack;  nack ⇒ basic.nack(requeue=false);  nack-requeue ⇒ basic.nack(requeue=true).
// When the ack is sent relative to the commit is the core's ack policy (before-commit / after-commit).

import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { PushEndpoint, TransportAnswer } from '../../../simulators/portal/endpoints.js';
import type { MessageHeader } from '../../../simulators/portal/message.js';
import { MESSAGE_TYPES, parseMessageUuid } from '../../../simulators/portal/http/wire.js';
import { readAsice } from '../../../simulators/portal/http/asice.js';
import { HEADERS, headerText } from './fiks-io-protocol.js';
import { declareAccount } from './fiks-io-platform.js';

const PREFETCH = 10;

interface FiksIoConsumerOptions {
  connection: ChannelModel;
  kontoId: string;
  caseSystem: PushEndpoint;
  log?: (line: string) => void;
}

interface FiksIoConsumer {
  /** Deliveries seen, and how many of them carried the redelivered bit (`resendt`). */
  readonly stats: { delivered: number; resendt: number; unreadable: number };
  /** The account that sent a report (its `avsender-id`): where the reply goes. */
  avsenderOf(msg: number): string | undefined;
  /** Resolves once the broker has processed every ack and nack sent so far (a channel round trip). */
  flush(): Promise<void>;
  /** Take no more deliveries; those in hand can still be acked. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

function headerOf(message: ConsumeMessage): MessageHeader | string {
  const headers = message.properties.headers ?? {};
  const meldingId = headerText(headers, HEADERS.meldingId) ?? '';
  const msg = parseMessageUuid(meldingId);
  if (msg === undefined) return `melding-id ${JSON.stringify(meldingId.slice(0, 40))} is not a kvittering id`;
  const type = headerText(headers, HEADERS.type);
  if (type !== MESSAGE_TYPES.offentlig && type !== MESSAGE_TYPES.privat) return `type ${JSON.stringify(type)} is not a concern report`;
  let report: Record<string, unknown>;
  try {
    const json = readAsice(message.content).get('bekymringsmelding.json');
    if (json === undefined) return 'the ASiC-E container has no bekymringsmelding.json';
    report = JSON.parse(new TextDecoder().decode(json)) as Record<string, unknown>;
  } catch (error) {
    return `unreadable payload: ${error instanceof Error ? error.message : String(error)}`;
  }
  const sentAt = typeof report.innsendt === 'number' ? report.innsendt : 0;
  return { id: msg, receiver: 0, sender: type === MESSAGE_TYPES.offentlig ? 'public' : 'private', sentAtMs: sentAt };
}

async function consumeFiksIo(options: FiksIoConsumerOptions): Promise<FiksIoConsumer> {
  const channel: Channel = await options.connection.createChannel();
  const queue = await declareAccount(channel, options.kontoId);
  await channel.prefetch(PREFETCH);
  const stats = { delivered: 0, resendt: 0, unreadable: 0 };
  const avsender = new Map<number, string>();
  const { consumerTag } = await channel.consume(queue, (message) => {
    if (message === null) return;
    stats.delivered++;
    if (message.fields.redelivered) stats.resendt++;
    const header = headerOf(message);
    if (typeof header === 'string') {
      // Not ours to store and never will be: a plain nack (the sender hears nothing, as on Fiks IO).
      stats.unreadable++;
      options.log?.(`fiks-io: ${header}; nacked`);
      channel.nack(message, false, false);
      return;
    }
    const from = headerText(message.properties.headers, HEADERS.avsenderId);
    if (from !== undefined) avsender.set(header.id, from);
    const count = Number(message.properties.headers?.['x-delivery-count'] ?? 0);
    if (message.fields.redelivered) options.log?.(`fiks-io: ${header.id} resendt (delivery ${count + 1})`);
    let answered = false;
    options.caseSystem.deliver({
      msg: header, attempt: count + 1, redelivered: message.fields.redelivered,
      respond: (answer: TransportAnswer) => {
        if (answered) return;
        answered = true;
        if (answer === 'ack') channel.ack(message);
        else channel.nack(message, false, answer === 'nack-requeue');
      },
    });
  }, { noAck: false });
  return {
    stats,
    avsenderOf: (msg) => avsender.get(msg),
    flush: async () => { await channel.checkQueue(queue); },
    stop: async () => { await channel.cancel(consumerTag).catch(() => undefined); },
    close: async () => { await channel.close().catch(() => undefined); },
  };
}

export { consumeFiksIo, PREFETCH };
export type { FiksIoConsumer, FiksIoConsumerOptions };
