// The portal's side of Fiks IO, wired for a live run: one broker connection, the platform relay
// (dead letters ⇒ serverfeil / tidsavbrudd), each receiver's account queue declared, one AMQP push
// endpoint per receiver, and — once the core Portal exists — the consumer of the portal's own queue.

import type { ChannelModel } from 'amqplib';
import type { Delivery } from '../../../simulators/portal/endpoints.js';
import type { Portal } from '../../../simulators/portal/portal.js';
import { connectBroker } from './broker.js';
import { AmqpPushEndpoint } from './amqp-push-endpoint.js';
import { kontoIdFor } from './fiks-io-protocol.js';
import { declareAccount, startFiksIoPlatform, type FiksIoPlatform } from './fiks-io-platform.js';
import { consumePortalKvitteringer, type PortalKvitteringConsumer } from './portal-kvittering-consumer.js';
import { testCertificate, type TestCertificate } from './catalogue.js';

/** The portal's own account name; its kontoId is kontoIdFor(PORTAL_ACCOUNT). */
const PORTAL_ACCOUNT = 'npb';

interface FiksIoPortalOptions {
  brokerUrl: string;
  /** Receiver ids (scenario names) that receive over Fiks IO. */
  receivers: readonly string[];
  /** Account ids by receiver, for receivers whose client is configured with its own; others get kontoIdFor(id). */
  kontoIds?: Readonly<Record<string, string>>;
  ttlWallMs: number;
  content: (receiver: string, delivery: Delivery) => Record<string, unknown>;
  /** Run the platform relay here (default true); false when another process runs it on this vhost. */
  platform?: boolean;
  log?: (line: string) => void;
}

interface FiksIoPortalTransport {
  readonly portalKontoId: string;
  readonly connection: ChannelModel;
  endpointFor(receiver: string): AmqpPushEndpoint | undefined;
  /** Start reading the portal's own account queue into this Portal. */
  attach(portal: Portal): Promise<void>;
  readonly platform: FiksIoPlatform | undefined;
  /** Each account's test certificate, by kontoId (the catalogue serves them). */
  readonly certificates: ReadonlyMap<string, TestCertificate>;
  /** Publishes not yet confirmed by the broker. */
  inFlight(): number;
  /** Called once when the broker connection goes away without close() (broker stopped, link cut). */
  onLost(listener: (detail: string) => void): void;
  close(): Promise<void>;
}

async function startFiksIoPortalTransport(options: FiksIoPortalOptions): Promise<FiksIoPortalTransport> {
  const connection = await connectBroker(options.brokerUrl, undefined, options.log);
  try {
    const channel = await connection.createConfirmChannel();
    const portalKontoId = kontoIdFor(PORTAL_ACCOUNT);
    await declareAccount(channel, portalKontoId);
    const endpoints = new Map<string, AmqpPushEndpoint>();
    const kontoIdOf = (receiver: string) => options.kontoIds?.[receiver] ?? kontoIdFor(receiver);
    for (const receiver of options.receivers) {
      const kontoId = kontoIdOf(receiver);
      await declareAccount(channel, kontoId);
      endpoints.set(receiver, new AmqpPushEndpoint({
        channel, portalKontoId, kontoId, ttlWallMs: options.ttlWallMs,
        content: (delivery) => options.content(receiver, delivery),
        onError: (msg, detail) => options.log?.(`fiks-io: message ${msg} to ${receiver}: ${detail}`),
      }));
    }
    const kontoIds = [portalKontoId, ...options.receivers.map(kontoIdOf)];
    const certificates = new Map((await Promise.all(kontoIds.map(async (k) => [k, await testCertificate(k)] as const))));
    const platform = options.platform === false ? undefined : await startFiksIoPlatform(connection, options.log);
    let consumer: PortalKvitteringConsumer | undefined;
    let closing = false;
    const lost: ((detail: string) => void)[] = [];
    connection.once('close', (error: unknown) => {
      if (closing) return;
      const detail = `broker connection closed${error instanceof Error ? ` (${error.message})` : ''}`;
      options.log?.(`fiks-io: ${detail}; publishes and platform receipts stop`);
      for (const listener of lost) listener(detail);
    });
    return {
      portalKontoId, connection, platform, certificates,
      endpointFor: (receiver) => endpoints.get(receiver),
      attach: async (portal) => { consumer = await consumePortalKvitteringer(connection, portalKontoId, portal, options.log); },
      inFlight: () => [...endpoints.values()].reduce((sum, e) => sum + e.inFlight, 0),
      onLost: (listener) => { lost.push(listener); },
      close: async () => {
        closing = true;
        await consumer?.close();
        await platform?.close();
        await channel.close().catch(() => undefined);
        await connection.close().catch(() => undefined);
      },
    };
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
}

export { startFiksIoPortalTransport, PORTAL_ACCOUNT };
export type { FiksIoPortalTransport, FiksIoPortalOptions };
