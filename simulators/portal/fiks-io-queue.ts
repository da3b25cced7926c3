// A Fiks IO account queue in the simulated runtime: what RabbitMQ 3.10 does with the live transport's
// quorum queue (harness/live/fiks-io/fiks-io-platform.ts), as a model on the virtual clock:
//   - FIFO; a returned message (nack-with-requeue, or a consumer that went away) goes back to its
//     original place, in front of later ones (measured on the broker);
//   - at most `prefetch` unacked deliveries to the consumer at a time;
//   - the `maxDeliveries`-th delivery without an ack is the last: then `serverfeil` to the sender;
//   - a TTL fires only at the head of the ready queue (never while a message is out with the
//     consumer): then `tidsavbrudd`; a plain nack drops the message and tells nobody;
//   - a delivery is `redelivered` from its second time on;
//   - a consumer that crashed is noticed at the next heartbeat (its connection is gone), one that
//     holds a message past the consumer timeout has its channel closed; either returns the message.
// test/fiks-io/model-agrees-with-broker.test.ts runs the same small cases here and on the broker.

import type { Clock, Timer } from '../../harness/runtime/clock.js';
import { MINUTE_MS, SECOND_MS } from '../../harness/runtime/time.js';
import type { Delivery, PushEndpoint, TransportAnswer } from './endpoints.js';
import type { MessageHeader } from './message.js';

interface FiksIoQueueConfig {
  /** Message TTL (the sender's `ttl`; KS recommends 24 h for concern reports). */
  ttlMs: number;
  maxDeliveries: number;
  prefetch: number;
  /** How soon the broker notices a consumer whose process died (AMQP heartbeat; RabbitMQ's default 60 s). */
  heartbeatMs: number;
  /** An unacked delivery older than this closes the consumer's channel (RabbitMQ 3.10: 30 min). */
  consumerTimeoutMs: number;
}

const defaultFiksIoQueueConfig: FiksIoQueueConfig = {
  ttlMs: 24 * 60 * MINUTE_MS,
  maxDeliveries: 3,
  prefetch: 10,
  heartbeatMs: 60 * SECOND_MS,
  consumerTimeoutMs: 30 * MINUTE_MS,
};

/** What the sender's platform hears. */
interface FiksIoSender {
  transportFailed(msg: number, reason: 'max-deliveries' | 'ttl-expired'): void;
}

/** The consumer as the broker sees it: alive, and which incarnation of the process it is. */
interface FiksIoConsumer extends PushEndpoint {
  isDown(): boolean;
  readonly incarnation: number;
}

interface QueuedMessage {
  header: MessageHeader;
  seq: number;
  expiresAtMs: number;
  deliveries: number;
  /** Changes on every delivery, so a late answer to an earlier one is ignored. */
  token: number;
}

type QueueEvent =
  | { kind: 'delivered'; msg: number; redelivered: boolean; t: number }
  | { kind: 'acked' | 'rejected' | 'requeued' | 'serverfeil' | 'tidsavbrudd'; msg: number; t: number };

class SimulatedFiksIoQueue implements PushEndpoint {
  readonly brokered = true;
  private readonly ready: QueuedMessage[] = [];
  /** Unacked copies, by copy not by id: a re-sent id is a second copy, settled and returned on its own. */
  private readonly unacked = new Set<QueuedMessage>();
  private seq = 0;
  private tokens = 0;
  private headTimer: Timer | undefined;
  /** Every broker action, when asked for (tests compare it with the real broker). */
  readonly events: QueueEvent[] | undefined;

  constructor(
    private readonly config: FiksIoQueueConfig,
    private readonly consumer: FiksIoConsumer,
    private readonly sender: FiksIoSender,
    private readonly clock: Clock,
    options: { recordEvents?: boolean } = {},
  ) {
    this.events = options.recordEvents === true ? [] : undefined;
  }

  /** The portal publishes: the message joins the back of the queue. */
  deliver(delivery: Delivery): void {
    this.publish(delivery.msg);
  }

  /** A publish with its own TTL (the sender's `ttl` in the send API). */
  publish(header: MessageHeader, ttlMs = this.config.ttlMs): void {
    this.ready.push({ header, seq: this.seq++, expiresAtMs: this.clock.now() + ttlMs, deliveries: 0, token: 0 });
    this.pump();
  }

  get depth(): number {
    return this.ready.length + this.unacked.size;
  }

  private pump(): void {
    this.headTimer?.cancel();
    this.headTimer = undefined;
    for (;;) {
      const head = this.ready[0];
      if (head === undefined) return;
      if (head.expiresAtMs <= this.clock.now()) {
        this.ready.shift();
        this.record({ kind: 'tidsavbrudd', msg: head.header.id, t: this.clock.now() });
        this.sender.transportFailed(head.header.id, 'ttl-expired');
        continue;
      }
      if (this.unacked.size >= this.config.prefetch || this.consumer.isDown()) break;
      this.ready.shift();
      this.dispatch(head);
    }
    const head = this.ready[0];
    if (head === undefined) return;
    // Wake for the head's expiry, or sooner to see whether a crashed consumer has reconnected.
    const wakeMs = this.consumer.isDown() ? Math.min(head.expiresAtMs, this.clock.now() + this.config.heartbeatMs) : head.expiresAtMs;
    this.headTimer = this.clock.at(wakeMs, () => this.pump());
  }

  private dispatch(m: QueuedMessage): void {
    m.deliveries++;
    const token = ++this.tokens;
    m.token = token;
    this.unacked.add(m);
    const redelivered = m.deliveries > 1;
    this.record({ kind: 'delivered', msg: m.header.id, redelivered, t: this.clock.now() });
    const incarnation = this.consumer.incarnation;
    const sentAt = this.clock.now();
    const watch = () => {
      if (m.token !== token || !this.unacked.has(m)) return;
      const gone = this.consumer.isDown() || this.consumer.incarnation !== incarnation;
      if (gone || this.clock.now() - sentAt >= this.config.consumerTimeoutMs) this.returned(m);
      else this.clock.after(this.config.heartbeatMs, watch);
    };
    this.clock.after(this.config.heartbeatMs, watch);
    this.consumer.deliver({ msg: m.header, attempt: m.deliveries, redelivered, respond: (answer) => this.settle(m, token, answer) });
  }

  private settle(m: QueuedMessage, token: number, answer: TransportAnswer): void {
    if (m.token !== token || !this.unacked.has(m)) return; // stale: that delivery was returned
    if (answer === 'nack-requeue') {
      this.returned(m);
      return;
    }
    this.unacked.delete(m);
    m.token = -1;
    this.record({ kind: answer === 'ack' ? 'acked' : 'rejected', msg: m.header.id, t: this.clock.now() });
    this.pump();
  }

  /** Back from the consumer without an ack: the last allowed delivery ⇒ serverfeil, else requeue in place. */
  private returned(m: QueuedMessage): void {
    this.unacked.delete(m);
    m.token = -1;
    if (m.deliveries >= this.config.maxDeliveries) {
      this.record({ kind: 'serverfeil', msg: m.header.id, t: this.clock.now() });
      this.sender.transportFailed(m.header.id, 'max-deliveries');
    } else {
      this.record({ kind: 'requeued', msg: m.header.id, t: this.clock.now() });
      const at = this.ready.findIndex((r) => r.seq > m.seq);
      this.ready.splice(at < 0 ? this.ready.length : at, 0, m);
    }
    this.pump();
  }

  private record(event: QueueEvent): void {
    this.events?.push(event);
  }
}

export { SimulatedFiksIoQueue, defaultFiksIoQueueConfig };
export type { FiksIoQueueConfig, FiksIoSender, FiksIoConsumer, QueueEvent };
