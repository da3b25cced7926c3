// The simulated Fiks IO account queue (RabbitMQ's behaviour as a model on the virtual clock), without
// a broker: which deliveries the consumer gets and when, what a requeue, a plain nack, a dead or slow
// consumer and a TTL do, and what the sender hears (serverfeil, tidsavbrudd). The same cases against
// RabbitMQ itself are in test/fiks-io/model-agrees-with-broker.test.ts (needs a broker).

import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { MINUTE_MS, SECOND_MS } from '../../harness/runtime/time.js';
import { SimulatedFiksIoQueue, defaultFiksIoQueueConfig, type FiksIoConsumer, type FiksIoQueueConfig } from '../../simulators/portal/fiks-io-queue.js';
import type { Delivery, TransportAnswer } from '../../simulators/portal/endpoints.js';

/** What the consumer does with delivery n of a message: answer at once, after a while, never, or die. */
type Step = TransportAnswer | 'hold' | 'die' | { answer: TransportAnswer; afterMs: number };

class ScriptedConsumer implements FiksIoConsumer {
  incarnation = 0;
  down = false;
  readonly got: { t: number; msg: number; attempt: number; redelivered: boolean }[] = [];
  readonly respond: ((answer: TransportAnswer) => void)[] = [];

  constructor(private readonly clock: Scheduler, private readonly steps: Record<number, Step[]>) {}

  isDown(): boolean {
    return this.down;
  }

  deliver(delivery: Delivery): void {
    const respond = (answer: TransportAnswer): void => delivery.respond(answer);
    this.got.push({ t: this.clock.now(), msg: delivery.msg.id, attempt: delivery.attempt, redelivered: delivery.redelivered });
    this.respond.push(respond);
    const step = this.steps[delivery.msg.id]?.[delivery.attempt - 1] ?? 'ack';
    if (step === 'hold') return;
    if (step === 'die') {
      this.down = true;
      this.incarnation++;
      return;
    }
    if (typeof step === 'string') respond(step);
    else this.clock.after(step.afterMs, () => respond(step.answer));
  }
}

function queueRig(steps: Record<number, Step[]> = {}, config: Partial<FiksIoQueueConfig> = {}, recordEvents = true) {
  const clock = new Scheduler();
  const consumer = new ScriptedConsumer(clock, steps);
  const told: { t: number; msg: number; reason: string }[] = [];
  const queue = new SimulatedFiksIoQueue({ ...defaultFiksIoQueueConfig, ...config }, consumer, {
    transportFailed: (msg, reason) => told.push({ t: clock.now(), msg, reason }),
  }, clock, { recordEvents });
  const publish = (id: number, ttlMs?: number) => queue.publish({ id, receiver: 0, sender: 'public', sentAtMs: clock.now() }, ttlMs);
  const events = () => (queue.events ?? []).map((e) => `${e.t} ${e.kind} m${e.msg}${e.kind === 'delivered' && e.redelivered ? '*' : ''}`);
  return { clock, consumer, queue, told, publish, events };
}

describe('simulated Fiks IO queue', () => {
  it('delivers a published message at once and records the ack', () => {
    const { clock, queue, consumer, told, publish, events } = queueRig();
    clock.at(1_000, () => publish(1));
    clock.runUntil(2_000);
    expect(events()).toEqual(['1000 delivered m1', '1000 acked m1']);
    expect(consumer.got).toEqual([{ t: 1_000, msg: 1, attempt: 1, redelivered: false }]);
    expect(told).toEqual([]);
    expect(queue.depth).toBe(0);
  });

  it('is a brokered endpoint: the portal\'s deliver() publishes with the default 24 h TTL', () => {
    const { clock, queue, consumer, told } = queueRig({ 1: ['hold'] });
    expect(queue.brokered).toBe(true);
    consumer.down = true; // nobody consumes: the message waits at the head until its TTL
    queue.deliver({ msg: { id: 1, receiver: 0, sender: 'public', sentAtMs: 0 }, attempt: 1, redelivered: false, respond: () => undefined });
    expect(queue.depth).toBe(1);
    clock.runUntil(48 * 60 * MINUTE_MS);
    expect(told).toEqual([{ t: 24 * 60 * MINUTE_MS, msg: 1, reason: 'ttl-expired' }]);
    expect(queue.depth).toBe(0);
  });

  it('a plain nack drops the message and tells nobody', () => {
    const { clock, told, publish, events, queue } = queueRig({ 1: ['nack'] });
    publish(1);
    clock.runUntil(MINUTE_MS);
    expect(events()).toEqual(['0 delivered m1', '0 rejected m1']);
    expect(told).toEqual([]);
    expect(queue.depth).toBe(0);
  });

  it('requeued up to maxDeliveries, redelivered from the second time on, then serverfeil', () => {
    const { clock, consumer, told, publish, events } = queueRig({ 1: ['nack-requeue', 'nack-requeue', 'nack-requeue'] });
    publish(1);
    clock.runUntil(MINUTE_MS);
    expect(events()).toEqual(['0 delivered m1', '0 requeued m1', '0 delivered m1*', '0 requeued m1', '0 delivered m1*', '0 serverfeil m1']);
    expect(consumer.got.map((g) => [g.attempt, g.redelivered])).toEqual([[1, false], [2, true], [3, true]]);
    expect(told).toEqual([{ t: 0, msg: 1, reason: 'max-deliveries' }]);
  });

  it('with maxDeliveries 1 the first requeue is already serverfeil', () => {
    const { clock, told, publish, events } = queueRig({ 1: ['nack-requeue'] }, { maxDeliveries: 1 });
    publish(1);
    clock.runUntil(MINUTE_MS);
    expect(events()).toEqual(['0 delivered m1', '0 serverfeil m1']);
    expect(told).toEqual([{ t: 0, msg: 1, reason: 'max-deliveries' }]);
  });

  it('a requeued message goes back in front of later ones (prefetch 1)', () => {
    const { clock, publish, events } = queueRig({ 1: [{ answer: 'nack-requeue', afterMs: 100 }, 'ack'] }, { prefetch: 1 });
    publish(1);
    publish(2);
    publish(3);
    clock.runUntil(MINUTE_MS);
    expect(events()).toEqual([
      '0 delivered m1', '100 requeued m1', '100 delivered m1*', '100 acked m1',
      '100 delivered m2', '100 acked m2', '100 delivered m3', '100 acked m3',
    ]);
  });

  it('messages returned together go back in their original order, in front of later ones', () => {
    // Prefetch 2: m1 and m2 are out, m3 waits. The consumer dies holding both; at the heartbeat both come
    // back, m1 first: m2 must go behind m1 (its elder) and in front of m3.
    const { clock, consumer, publish, events } = queueRig({ 1: ['hold'], 2: ['die'] }, { prefetch: 2 });
    publish(1);
    publish(2);
    publish(3);
    clock.at(90 * SECOND_MS, () => { consumer.down = false; });
    clock.runUntil(10 * MINUTE_MS);
    expect(events()).toEqual([
      '0 delivered m1', '0 delivered m2', '60000 requeued m1', '60000 requeued m2',
      '120000 delivered m1*', '120000 acked m1', '120000 delivered m2*', '120000 acked m2', '120000 delivered m3', '120000 acked m3',
    ]);
  });

  it('the youngest of messages returned together goes back behind its elders', () => {
    // Prefetch 2, nothing else waiting: m1 and m2 come back at the heartbeat, m2 after m1 — and behind it.
    const { clock, consumer, publish, events } = queueRig({ 1: ['hold'], 2: ['die'] }, { prefetch: 2 });
    publish(1);
    publish(2);
    clock.at(90 * SECOND_MS, () => { consumer.down = false; });
    clock.runUntil(10 * MINUTE_MS);
    expect(events()).toEqual([
      '0 delivered m1', '0 delivered m2', '60000 requeued m1', '60000 requeued m2',
      '120000 delivered m1*', '120000 acked m1', '120000 delivered m2*', '120000 acked m2',
    ]);
  });

  it('never has more than prefetch deliveries out, and sends the next one when one is settled', () => {
    const { clock, consumer, publish, queue } = queueRig({ 1: ['hold'], 2: ['hold'], 3: ['hold'] }, { prefetch: 2 });
    publish(1);
    publish(2);
    publish(3);
    expect(consumer.got.map((g) => g.msg)).toEqual([1, 2]);
    expect(queue.depth).toBe(3);
    clock.at(500, () => consumer.respond[0]?.('ack'));
    clock.runUntil(1_000);
    expect(consumer.got.map((g) => [g.t, g.msg])).toEqual([[0, 1], [0, 2], [500, 3]]);
    expect(queue.depth).toBe(2);
  });

  it('a consumer that dies is noticed at the next heartbeat; the message is redelivered once it is back', () => {
    const { clock, consumer, publish, events, told } = queueRig({ 1: ['die', 'ack'] });
    publish(1);
    clock.at(90 * SECOND_MS, () => { consumer.down = false; });
    clock.runUntil(10 * MINUTE_MS);
    // Heartbeat 60 s: returned at 60 s, the queue looks again 60 s later (120 s) and finds the consumer back.
    expect(events()).toEqual(['0 delivered m1', '60000 requeued m1', '120000 delivered m1*', '120000 acked m1']);
    expect(told).toEqual([]);
  });

  it('a consumer that reconnects (a new incarnation) before the heartbeat gets the message again', () => {
    const { clock, consumer, publish, events } = queueRig({ 1: ['hold', 'ack'] });
    publish(1);
    clock.at(10 * SECOND_MS, () => { consumer.incarnation++; });
    clock.runUntil(10 * MINUTE_MS);
    expect(events()).toEqual(['0 delivered m1', '60000 requeued m1', '60000 delivered m1*', '60000 acked m1']);
  });

  it('an answer from the consumer\'s old incarnation, after the message came back, is ignored', () => {
    const { clock, consumer, publish, events } = queueRig({ 1: ['hold', 'hold'] });
    publish(1);
    clock.at(10 * SECOND_MS, () => { consumer.incarnation++; });
    clock.at(90 * SECOND_MS, () => consumer.respond[0]?.('ack'));
    clock.runUntil(100 * SECOND_MS);
    expect(events()).toEqual(['0 delivered m1', '60000 requeued m1', '60000 delivered m1*']);
    // The second delivery can still be settled.
    consumer.respond[1]?.('ack');
    expect(events().at(-1)).toBe('100000 acked m1');
    consumer.respond[1]?.('nack');
    expect(events()).toHaveLength(4);
  });

  it('a delivery held past the consumer timeout is returned and redelivered', () => {
    const { clock, publish, events } = queueRig({ 1: ['hold', 'ack'] });
    publish(1);
    clock.runUntil(2 * 60 * MINUTE_MS);
    // Watched every 60 s; at 30 min it has been out for the full consumer timeout.
    expect(events()).toEqual(['0 delivered m1', '1800000 requeued m1', '1800000 delivered m1*', '1800000 acked m1']);
  });

  it('the consumer timeout counts from each delivery, not from the start of the run', () => {
    const { clock, publish, events } = queueRig({ 1: ['hold', 'ack'] });
    clock.at(20 * MINUTE_MS, () => publish(1));
    clock.runUntil(2 * 60 * MINUTE_MS);
    expect(events()).toEqual(['1200000 delivered m1', '3000000 requeued m1', '3000000 delivered m1*', '3000000 acked m1']);
  });

  it('a redelivery gets its own consumer timeout: the first delivery\'s watch stops when it is returned', () => {
    // Delivery 1 is requeued at 10 min; delivery 2 is held 25 min and acked at 35 min, inside its own
    // 30 min. The watch of delivery 1 (30 min from 0) must not return delivery 2 at 30 min.
    const { clock, publish, events } = queueRig({ 1: [{ answer: 'nack-requeue', afterMs: 10 * MINUTE_MS }, { answer: 'ack', afterMs: 25 * MINUTE_MS }] });
    publish(1);
    clock.runUntil(2 * 60 * MINUTE_MS);
    expect(events()).toEqual(['0 delivered m1', '600000 requeued m1', '600000 delivered m1*', '2100000 acked m1']);
  });

  it('a delivery answered before the consumer timeout is not returned', () => {
    const { clock, publish, events } = queueRig({ 1: [{ answer: 'ack', afterMs: 29 * MINUTE_MS }] });
    publish(1);
    clock.runUntil(2 * 60 * MINUTE_MS);
    expect(events()).toEqual(['0 delivered m1', '1740000 acked m1']);
  });

  it('a TTL fires only at the head: a short TTL behind a long one expires with it', () => {
    const { clock, consumer, publish, told, events } = queueRig();
    consumer.down = true;
    publish(1, 1_200);
    publish(2, 100);
    clock.runUntil(10_000);
    expect(told).toEqual([{ t: 1_200, msg: 1, reason: 'ttl-expired' }, { t: 1_200, msg: 2, reason: 'ttl-expired' }]);
    expect(events()).toEqual(['1200 tidsavbrudd m1', '1200 tidsavbrudd m2']);
  });

  it('a message expires at exactly its TTL, not a millisecond before', () => {
    const { clock, consumer, publish, told, queue } = queueRig();
    consumer.down = true;
    publish(1, 5 * SECOND_MS);
    clock.runUntil(5 * SECOND_MS - 1);
    expect(told).toEqual([]);
    expect(queue.depth).toBe(1);
    clock.runUntil(5 * SECOND_MS);
    expect(told).toEqual([{ t: 5 * SECOND_MS, msg: 1, reason: 'ttl-expired' }]);
  });

  it('with the consumer down, the queue looks again every heartbeat and delivers once it is up', () => {
    const { clock, consumer, publish, events } = queueRig();
    consumer.down = true;
    publish(1);
    clock.at(150 * SECOND_MS, () => { consumer.down = false; });
    clock.runUntil(10 * MINUTE_MS);
    expect(events()).toEqual(['180000 delivered m1', '180000 acked m1']);
  });

  it('a message out with the consumer does not expire; it can expire after it comes back', () => {
    const { clock, consumer, publish, events, told } = queueRig({ 1: ['die'] });
    publish(1, 30 * SECOND_MS);
    clock.runUntil(10 * MINUTE_MS);
    // Out at 0, returned at the 60 s heartbeat (past its 30 s TTL), and expires at the head right then.
    expect(events()).toEqual(['0 delivered m1', '60000 requeued m1', '60000 tidsavbrudd m1']);
    expect(told).toEqual([{ t: 60_000, msg: 1, reason: 'ttl-expired' }]);
    expect(consumer.got).toHaveLength(1);
  });

  it('records no events unless asked', () => {
    const { clock, queue, publish, told } = queueRig({ 1: ['nack-requeue'] }, { maxDeliveries: 1 }, false);
    publish(1);
    clock.runUntil(MINUTE_MS);
    expect(queue.events).toBeUndefined();
    expect(told).toHaveLength(1);
  });

  it('the default config is RabbitMQ 3.10 and KS\'s advice: 24 h TTL, 3 deliveries, prefetch 10, 60 s heartbeat, 30 min consumer timeout', () => {
    expect(defaultFiksIoQueueConfig).toEqual({ ttlMs: 24 * 60 * MINUTE_MS, maxDeliveries: 3, prefetch: 10, heartbeatMs: 60 * SECOND_MS, consumerTimeoutMs: 30 * MINUTE_MS });
  });
});

describe('two copies of one id in the queue (the portal re-sent it before the first was acked)', () => {
  it('are two deliveries: acking the first leaves the second unacked, and it is redelivered when its consumer dies', () => {
    const clock = new Scheduler();
    const answers: ((answer: TransportAnswer) => void)[] = [];
    const consumer: FiksIoConsumer & { down: boolean; incarnation: number } = {
      down: false, incarnation: 0,
      isDown() { return this.down; },
      deliver(delivery) { answers.push((answer) => delivery.respond(answer)); },
    };
    const queue = new SimulatedFiksIoQueue(defaultFiksIoQueueConfig, consumer, { transportFailed: () => undefined }, clock, { recordEvents: true });
    const header = { id: 1, receiver: 0, sender: 'public' as const, sentAtMs: 0 };
    queue.publish(header);
    queue.publish(header);
    clock.at(SECOND_MS, () => answers[0]?.('ack'));
    clock.at(2 * SECOND_MS, () => { consumer.down = true; consumer.incarnation++; });
    clock.at(30 * SECOND_MS, () => { consumer.down = false; });
    clock.runUntil(5 * MINUTE_MS);
    expect(answers).toHaveLength(3); // copy 2 was delivered again once the consumer was back
    expect(queue.depth).toBe(1);
    clock.at(6 * MINUTE_MS, () => answers[2]?.('ack'));
    clock.runUntil(7 * MINUTE_MS);
    expect((queue.events ?? []).map((e) => `${e.kind}${e.kind === 'delivered' && e.redelivered ? '*' : ''}`))
      .toEqual(['delivered', 'delivered', 'acked', 'requeued', 'delivered*', 'acked']);
    expect(queue.depth).toBe(0);
  });
});
