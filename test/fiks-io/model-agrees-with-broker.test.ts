// The simulated Fiks IO queue (simulators/portal/fiks-io-queue.ts) and RabbitMQ 3.10 with the live
// transport's account queues, on the same small cases: a scripted consumer answers each delivery
// (ack, nack, nack-requeue, or dies without answering) and both sides must show the same deliveries,
// redelivered bits, requeue order and outcomes (acked, rejected, serverfeil, tidsavbrudd).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, ChannelModel, ConfirmChannel } from 'amqplib';
import { connectBroker, type ScratchVhost } from '../../harness/live/fiks-io/broker.js';
import { declareAccount, startFiksIoPlatform, type FiksIoPlatform } from '../../harness/live/fiks-io/fiks-io-platform.js';
import { HEADERS, KVITTERING_TYPES, headerText, kontoIdFor, kontoQueue } from '../../harness/live/fiks-io/fiks-io-protocol.js';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { SimulatedFiksIoQueue, defaultFiksIoQueueConfig, type FiksIoConsumer } from '../../simulators/portal/fiks-io-queue.js';
import type { Delivery, TransportAnswer } from '../../simulators/portal/endpoints.js';
import { BROKER_URL, brokerSkipReason, scratchVhost, waitFor } from '../support/broker.js';

const skip = await brokerSkipReason();

type Answer = TransportAnswer | 'die';
interface Case {
  name: string;
  /** Per message, in publish order: its TTL (ms) and the consumer's answer to each of its deliveries. */
  messages: { ttlMs?: number; answers: Answer[] }[];
  consumer: boolean;
  prefetch: number;
}

interface Observed {
  /** Per message: its deliveries' redelivered bits, then how it ended. */
  perMessage: { redelivered: boolean[]; outcome: string }[];
  /** Delivery order over all messages, `m1*` for a redelivery. */
  order: string[];
}

const cases: Case[] = [
  { name: 'requeued three times ⇒ serverfeil', consumer: true, prefetch: 10, messages: [{ answers: ['nack-requeue', 'nack-requeue', 'nack-requeue'] }] },
  { name: 'consumer dies three times ⇒ serverfeil', consumer: true, prefetch: 10, messages: [{ answers: ['die', 'die', 'die'] }] },
  { name: 'requeued once, then acked', consumer: true, prefetch: 10, messages: [{ answers: ['nack-requeue', 'ack'] }] },
  { name: 'dies once, then acked', consumer: true, prefetch: 10, messages: [{ answers: ['die', 'ack'] }] },
  { name: 'plain nack ⇒ dropped, nobody told', consumer: true, prefetch: 10, messages: [{ answers: ['nack'] }] },
  { name: 'a requeued message goes back in front (prefetch 1)', consumer: true, prefetch: 1, messages: [{ answers: ['nack-requeue', 'ack'] }, { answers: ['ack'] }, { answers: ['ack'] }] },
  { name: 'TTL at the head: a short TTL behind a long one expires with it', consumer: false, prefetch: 10, messages: [{ ttlMs: 1_200, answers: [] }, { ttlMs: 100, answers: [] }] },
];

const terminal = new Set(['acked', 'rejected', 'serverfeil', 'tidsavbrudd']);

function observe(n: number): Observed {
  return { perMessage: Array.from({ length: n }, () => ({ redelivered: [], outcome: 'none' })), order: [] };
}

function onModel(c: Case): Observed & { expiredAtMs: number[] } {
  const clock = new Scheduler();
  const seen = observe(c.messages.length);
  const expiredAtMs: number[] = [];
  let incarnation = 0;
  const consumer: FiksIoConsumer = {
    isDown: () => !c.consumer,
    get incarnation() { return incarnation; },
    deliver: (delivery: Delivery) => {
      const i = delivery.msg.id;
      const answer = c.messages[i]?.answers[delivery.attempt - 1] ?? 'ack';
      if (answer === 'die') incarnation++; // the process is gone: no answer, a new connection
      else delivery.respond(answer);
    },
  };
  const queue = new SimulatedFiksIoQueue({ ...defaultFiksIoQueueConfig, prefetch: c.prefetch, heartbeatMs: 1_000 }, consumer,
    { transportFailed: () => undefined }, clock, { recordEvents: true });
  c.messages.forEach((m, i) => queue.publish({ id: i, receiver: 0, sender: 'private', sentAtMs: 0 }, m.ttlMs ?? 3_600_000));
  clock.runUntil(4 * 3_600_000);
  for (const e of queue.events ?? []) {
    const slot = seen.perMessage[e.msg] as Observed['perMessage'][number];
    if (e.kind === 'delivered') {
      slot.redelivered.push(e.redelivered);
      seen.order.push(`m${e.msg + 1}${e.redelivered ? '*' : ''}`);
    } else if (terminal.has(e.kind)) {
      slot.outcome = e.kind;
      if (e.kind === 'tidsavbrudd') expiredAtMs[e.msg] = e.t;
    }
  }
  return { ...seen, expiredAtMs };
}

describe.skipIf(skip !== undefined)(skip ?? 'the simulated Fiks IO queue agrees with RabbitMQ', () => {
  let vhost: ScratchVhost;
  let connection: ChannelModel;
  let publisher: ConfirmChannel;
  let platform: FiksIoPlatform;
  let n = 0;

  beforeAll(async () => {
    vhost = await scratchVhost(BROKER_URL);
    connection = await connectBroker(vhost.url);
    publisher = await connection.createConfirmChannel();
    platform = await startFiksIoPlatform(connection);
  });

  afterAll(async () => {
    await platform.close();
    await connection.close().catch(() => undefined);
    await vhost.drop();
  });

  async function onBroker(c: Case): Promise<Observed & { expiredAtMs: number[] }> {
    n++;
    const sender = kontoIdFor(`agree-npb-${n}`);
    const receiver = kontoIdFor(`agree-oslo-${n}`);
    await declareAccount(publisher, sender);
    await declareAccount(publisher, receiver);
    const seen = observe(c.messages.length);
    const expiredAtMs: number[] = [];
    const deliveries = c.messages.map(() => 0);
    const start = performance.now();
    c.messages.forEach((m, i) => {
      publisher.sendToQueue(kontoQueue(receiver), Buffer.from('x'), {
        persistent: true,
        headers: { [HEADERS.meldingId]: `m${i + 1}`, [HEADERS.avsenderId]: sender, [HEADERS.type]: 'no.ks.fiks.bekymringsmelding.privat.v1' },
        ...(m.ttlMs === undefined ? {} : { expiration: String(m.ttlMs) }),
      });
    });
    await publisher.waitForConfirms();
    let channel: Channel | undefined;
    const subscribe = async (): Promise<void> => {
      const ch = await connection.createChannel();
      channel = ch;
      await ch.prefetch(c.prefetch);
      await ch.consume(kontoQueue(receiver), (message) => {
        if (message === null) return;
        const i = Number(headerText(message.properties.headers, HEADERS.meldingId)?.slice(1)) - 1;
        const slot = seen.perMessage[i] as Observed['perMessage'][number];
        slot.redelivered.push(message.fields.redelivered);
        seen.order.push(`m${i + 1}${message.fields.redelivered ? '*' : ''}`);
        const answer = c.messages[i]?.answers[deliveries[i] ?? 0] ?? 'ack';
        deliveries[i] = (deliveries[i] ?? 0) + 1;
        if (answer === 'die') {
          void ch.close().catch(() => undefined).then(subscribe); // no answer; a new connection comes
          return;
        }
        if (answer === 'ack') ch.ack(message);
        else ch.nack(message, false, answer === 'nack-requeue');
        if (answer === 'ack') slot.outcome = 'acked';
        if (answer === 'nack') slot.outcome = 'rejected';
      });
    };
    if (c.consumer) await subscribe();
    const done = await waitFor(async () => {
      for (;;) {
        const m = await publisher.get(kontoQueue(sender), { noAck: true });
        if (m === false) break;
        const i = Number(headerText(m.properties.headers, HEADERS.svarTil)?.slice(1)) - 1;
        const type = headerText(m.properties.headers, HEADERS.type);
        const slot = seen.perMessage[i] as Observed['perMessage'][number];
        slot.outcome = type === KVITTERING_TYPES.serverfeil ? 'serverfeil' : type === KVITTERING_TYPES.tidsavbrudd ? 'tidsavbrudd' : `unexpected ${type}`;
        if (slot.outcome === 'tidsavbrudd') expiredAtMs[i] = performance.now() - start;
      }
      return seen.perMessage.every((p) => terminal.has(p.outcome));
    }, 8_000);
    // A plain nack is final at once; give the platform a moment to show it sends nothing for it.
    if (c.messages.some((m) => m.answers.includes('nack'))) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await publisher.get(kontoQueue(sender), { noAck: true }), 'nothing sent back for a plain nack').toBe(false);
    }
    await channel?.close().catch(() => undefined);
    expect(done, `every message ended within 8 s: ${JSON.stringify(seen)}`).toBe(true);
    return { ...seen, expiredAtMs };
  }

  for (const c of cases) {
    it(c.name, async () => {
      const broker = await onBroker(c);
      const model = onModel(c);
      expect(model.perMessage).toEqual(broker.perMessage);
      expect(model.order).toEqual(broker.order);
      if (!c.consumer) {
        // Both expire at the long TTL: the short one waited behind it at the head.
        expect(model.expiredAtMs).toEqual([1_200, 1_200]);
        expect(broker.expiredAtMs[1]).toBeGreaterThan(1_100);
      }
    });
  }
});
