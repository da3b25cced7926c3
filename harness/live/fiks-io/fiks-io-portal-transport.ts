// The portal's side of Fiks IO, wired for a live run: one broker connection, the platform relay
// (dead letters ⇒ serverfeil / tidsavbrudd), each receiver's account queue declared, one AMQP push
// endpoint per receiver, the send API's way onto the portal's own queue (replies published with a
// confirm), and — once the core Portal exists — the consumer of that queue.

import type { ChannelModel, ConfirmChannel } from 'amqplib';
import type { Delivery } from '../../../simulators/portal/endpoints.js';
import type { Portal } from '../../../simulators/portal/portal.js';
import type { FiksIoReplies, FiksIoReply, PortalService } from '../../../simulators/portal/http/portal-service.js';
import { ASICE_MIMETYPE } from '../../../simulators/portal/http/asice.js';
import { connectBroker } from './broker.js';
import { AmqpPushEndpoint } from './amqp-push-endpoint.js';
import { HEADERS, kontoIdFor, kontoQueue } from './fiks-io-protocol.js';
import { declareAccount, startFiksIoPlatform, type FiksIoPlatform } from './fiks-io-platform.js';
import { consumePortalKvitteringer, type PortalKvitteringConsumer } from './portal-kvittering-consumer.js';
import { testCertificate, type TestCertificate } from './catalogue.js';

/** The portal's own account name; its kontoId is kontoIdFor(PORTAL_ACCOUNT). */
const PORTAL_ACCOUNT = 'npb';

/** Wall-clock wait for the broker's confirm of a reply before the send API answers 503. */
const REPLY_CONFIRM_TIMEOUT_MS = 5_000;

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
  /** The send API's way onto the portal's own account queue. */
  readonly replies: FiksIoReplies;
  /** Start reading the portal's own account queue into this Portal and its service. */
  attach(portal: Portal, service: PortalService): Promise<void>;
  /** The consumer of the portal's own queue, once attached. */
  readonly kvitteringer: PortalKvitteringConsumer | undefined;
  readonly platform: FiksIoPlatform | undefined;
  /** Each account's test certificate, by kontoId (the catalogue serves them). */
  readonly certificates: ReadonlyMap<string, TestCertificate>;
  /** Publishes not yet confirmed by the broker. */
  inFlight(): number;
  /** Called once when the broker connection goes away without close() (broker stopped, link cut). */
  onLost(listener: (detail: string) => void): void;
  close(): Promise<void>;
}

/** One reply onto the portal's queue, with Fiks IO's headers; settles on the broker's confirm, bounded. */
function publishReply(channel: ConfirmChannel, portalKontoId: string, reply: FiksIoReply): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no confirm within ${REPLY_CONFIRM_TIMEOUT_MS} ms`)), REPLY_CONFIRM_TIMEOUT_MS);
    const custom = Object.fromEntries(Object.entries(reply.headere).map(([k, v]) => [`${HEADERS.egendefinertPrefix}${k}`, v]));
    try {
      channel.sendToQueue(kontoQueue(portalKontoId), Buffer.from(reply.data ?? new Uint8Array(0)), {
        persistent: true,
        messageId: reply.meldingId,
        ...(reply.data === undefined ? {} : { contentType: ASICE_MIMETYPE }),
        ...(reply.ttl === undefined ? {} : { expiration: String(reply.ttl) }),
        headers: {
          ...custom,
          [HEADERS.avsenderId]: reply.avsenderKontoId,
          [HEADERS.meldingId]: reply.meldingId,
          [HEADERS.type]: reply.meldingType,
          [HEADERS.svarTil]: reply.svarPaMelding,
          [HEADERS.svarTilType]: reply.svarTilType,
        },
      }, (error) => {
        clearTimeout(timer);
        if (error === null || error === undefined) resolve();
        else reject(new Error(`the broker nacked the publish (${String(error)})`));
      });
    } catch (error) {
      // A closed channel throws at once: nothing reached the broker.
      clearTimeout(timer);
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
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
    const replies: FiksIoReplies = {
      portalKontoId,
      kontoIdOf: (receiver) => (options.receivers.includes(receiver) ? kontoIdOf(receiver) : undefined),
      publish: (reply) => publishReply(channel, portalKontoId, reply),
    };
    return {
      portalKontoId, connection, platform, certificates, replies,
      get kvitteringer() { return consumer; },
      endpointFor: (receiver) => endpoints.get(receiver),
      attach: async (portal, service) => { consumer = await consumePortalKvitteringer(connection, portalKontoId, portal, service, options.log); },
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
