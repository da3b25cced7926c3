// What RabbitMQ 3.10 itself does with Fiks IO's account queues (quorum, x-delivery-limit 2, dead
// letters to the platform): a TTL fires only at the head of the queue, the 3rd unacked delivery is the
// last and the sender gets serverfeil, a plain nack tells nobody, and a redelivery carries the
// redelivered bit. The file has its own vhost on the real broker, each test its own two accounts.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelModel, ConfirmChannel } from 'amqplib';
import { connectBroker, type ScratchVhost } from '../../harness/live/fiks-io/broker.js';
import { declareAccount, startFiksIoPlatform, type FiksIoPlatform } from '../../harness/live/fiks-io/fiks-io-platform.js';
import { HEADERS, KVITTERING_TYPES, headerText, kontoIdFor, kontoQueue } from '../../harness/live/fiks-io/fiks-io-protocol.js';
import { BROKER_URL, brokerSkipReason, nextMessage, scratchVhost, waitFor } from '../support/broker.js';

const skip = await brokerSkipReason();
let n = 0;
let sender = '';
let receiver = '';

describe.skipIf(skip !== undefined)(skip ?? 'Fiks IO semantics on the real RabbitMQ', () => {
  let vhost: ScratchVhost;
  let connection: ChannelModel;
  let channel: ConfirmChannel;
  let platform: FiksIoPlatform;

  beforeAll(async () => {
    vhost = await scratchVhost(BROKER_URL);
    connection = await connectBroker(vhost.url);
    channel = await connection.createConfirmChannel();
    platform = await startFiksIoPlatform(connection);
  });

  beforeEach(async () => {
    n++;
    sender = kontoIdFor(`npb-${n}`);
    receiver = kontoIdFor(`oslo-${n}`);
    await declareAccount(channel, sender);
    await declareAccount(channel, receiver);
  });

  afterAll(async () => {
    await platform.close();
    await connection.close().catch(() => undefined);
    await vhost.drop();
  });

  async function publish(meldingId: string, expiration?: number): Promise<void> {
    channel.sendToQueue(kontoQueue(receiver), Buffer.from('x'), {
      persistent: true,
      headers: { [HEADERS.meldingId]: meldingId, [HEADERS.avsenderId]: sender, [HEADERS.type]: 'no.ks.fiks.bekymringsmelding.privat.v1' },
      ...(expiration === undefined ? {} : { expiration: String(expiration) }),
    });
    await channel.waitForConfirms();
  }

  it('expires a short-TTL message only when it reaches the head: behind a long one, its tidsavbrudd waits', async () => {
    const start = performance.now();
    await publish('a-long', 1_500);
    await publish('b-short', 100);
    const arrivals: { svarTil: string | undefined; type: string | undefined; afterMs: number }[] = [];
    for (let i = 0; i < 2; i++) {
      const m = await nextMessage(channel, kontoQueue(sender), 5_000);
      expect(m, 'a tidsavbrudd within 5 s').toBeDefined();
      arrivals.push({ svarTil: headerText(m?.properties.headers, HEADERS.svarTil), type: headerText(m?.properties.headers, HEADERS.type), afterMs: performance.now() - start });
    }
    expect(arrivals.map((a) => a.type)).toEqual([KVITTERING_TYPES.tidsavbrudd, KVITTERING_TYPES.tidsavbrudd]);
    expect(arrivals.map((a) => a.svarTil).sort()).toEqual(['a-long', 'b-short']);
    // Alone, b-short would expire after 100 ms; at the head only once a-long has gone, at ~1.5 s.
    const short = arrivals.find((a) => a.svarTil === 'b-short');
    expect(short?.afterMs).toBeGreaterThan(1_400);
  });

  it('alone at the head, a short TTL fires on time', async () => {
    const start = performance.now();
    await publish('c-alone', 100);
    const m = await nextMessage(channel, kontoQueue(sender), 5_000);
    expect(headerText(m?.properties.headers, HEADERS.type)).toBe(KVITTERING_TYPES.tidsavbrudd);
    expect(performance.now() - start).toBeLessThan(1_400);
  });

  it('gives up after 3 deliveries nacked with requeue, redelivered from the 2nd, and tells the sender serverfeil', async () => {
    const consumer = await connection.createChannel();
    const seen: boolean[] = [];
    await consumer.consume(kontoQueue(receiver), (m) => {
      if (m === null) return;
      seen.push(m.fields.redelivered);
      consumer.nack(m, false, true);
    });
    await publish('d-requeue');
    const m = await nextMessage(channel, kontoQueue(sender), 5_000);
    expect(headerText(m?.properties.headers, HEADERS.type)).toBe(KVITTERING_TYPES.serverfeil);
    expect(headerText(m?.properties.headers, HEADERS.svarTil)).toBe('d-requeue');
    expect(headerText(m?.properties.headers, HEADERS.avsenderId)).toBe(receiver);
    expect(seen).toEqual([false, true, true]);
    await consumer.close();
  });

  it('counts a consumer that dies without acking as a delivery: 3 such consumers ⇒ serverfeil', async () => {
    await publish('e-never-acked');
    const redelivered: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      const consumer = await connection.createChannel();
      const m = await nextMessage(consumer, kontoQueue(receiver), 3_000, false);
      expect(m, `delivery ${i + 1}`).toBeDefined();
      redelivered.push(m?.fields.redelivered ?? false);
      await consumer.close(); // never acked: the broker takes it back
    }
    expect(redelivered).toEqual([false, true, true]);
    const m = await nextMessage(channel, kontoQueue(sender), 5_000);
    expect(headerText(m?.properties.headers, HEADERS.type)).toBe(KVITTERING_TYPES.serverfeil);
    // No 4th delivery: the queue is empty.
    expect((await channel.checkQueue(kontoQueue(receiver))).messageCount).toBe(0);
  });

  it('sends nothing back on a plain nack (requeue=false), as Fiks IO', async () => {
    const consumer = await connection.createChannel();
    await publish('f-nack');
    const m = await nextMessage(consumer, kontoQueue(receiver), 3_000, false);
    expect(m).toBeDefined();
    if (m !== undefined) consumer.nack(m, false, false);
    expect(await waitFor(() => platform.events.some((e) => e.meldingId === 'f-nack'), 3_000)).toBe(true);
    expect(platform.events.filter((e) => e.meldingId === 'f-nack')).toEqual([{ reason: 'rejected', meldingId: 'f-nack', kvittering: undefined }]);
    expect(await nextMessage(channel, kontoQueue(sender), 500)).toBeUndefined();
    await consumer.close();
  });
});
