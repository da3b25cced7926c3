// The RabbitMQ the Fiks IO tests use: this machine's broker (or KVITTERING_AMQP_URL), one throw-away
// vhost per test, dropped afterwards. With no broker the suites skip with one line saying why —
// unless KVITTERING_REQUIRE_BROKER=1 (set by .ci/run), where a missing broker is a failure.

import type { Channel, GetMessage } from 'amqplib';
import { brokerUnavailable, DEFAULT_BROKER_URL, scratchVhost } from '../../harness/live/fiks-io/broker.js';

const BROKER_URL = process.env.KVITTERING_AMQP_URL ?? DEFAULT_BROKER_URL;

async function brokerSkipReason(): Promise<string | undefined> {
  const reason = await brokerUnavailable(BROKER_URL);
  if (reason !== undefined && process.env.KVITTERING_REQUIRE_BROKER === '1') {
    throw new Error(`[kvittering] E_TEST_BROKER: KVITTERING_REQUIRE_BROKER=1 but ${reason}\nHint: start RabbitMQ (rabbitmq-server -detached) or unset KVITTERING_REQUIRE_BROKER.`);
  }
  return reason === undefined ? undefined : `RabbitMQ not available: ${reason}`;
}

/**
 * The next message on a queue, or undefined after `timeoutMs`. basic.get, not a consumer: a cancelled
 * consumer would keep its unacked prefetch until the channel closes.
 */
async function nextMessage(channel: Channel, queue: string, timeoutMs: number, ack = true): Promise<GetMessage | undefined> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const m = await channel.get(queue, { noAck: false });
    if (m !== false) {
      if (ack) channel.ack(m);
      return m;
    }
    if (performance.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Poll until `condition` holds or the deadline passes; returns whether it held. */
async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 25): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return condition();
}

export { BROKER_URL, brokerSkipReason, scratchVhost, nextMessage, waitFor };
