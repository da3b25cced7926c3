// `kvittering serve portal`: the portal simulator as a real HTTP service — the core Portal on a live
// clock behind the same msw handlers the in-process tests use. Days can be scaled down
// (msPerVirtualDay) so receipt deadlines and retention purges happen in seconds.

import { Rng } from '../runtime/rng.js';
import { LiveClock } from '../runtime/live-clock.js';
import { DAY_MS, SECOND_MS } from '../runtime/time.js';
import { Ledger } from '../ledger/ledger.js';
import { defaultPortalConfig, type PortalConfig } from '../../simulators/portal/portal.js';
import { createLivePortal, type LivePortal, type LiveReceiver } from './live-portal.js';
import { mswHandler, startHttpShell, type HttpShellOptions } from './http/http-shell.js';
import { startFiksIoPortalTransport, type FiksIoPortalTransport } from './fiks-io/fiks-io-portal-transport.js';
import { RECOMMENDED_TTL_MS } from './fiks-io/fiks-io-protocol.js';
import type { PortalService } from '../../simulators/portal/http/portal-service.js';

interface ServePortalOptions {
  receivers: readonly LiveReceiver[];
  /** Virtual-time portal settings (deadline, retention …); transport timings are set from wall time. */
  portal?: Partial<PortalConfig>;
  /** Wall ms per virtual day (1000 ⇒ 14-day retention passes in 14 s). Default: real time. */
  msPerVirtualDay?: number;
  /** Wall-clock wait for a push answer (default 5 s). */
  pushTimeoutMs?: number;
  idBase?: number;
  seed?: number;
  host?: string;
  port?: number;
  /** A ledger to append to (the live runner's); default: a fresh one. */
  ledger?: Ledger;
  clock?: LiveClock;
  committedCheck?: (msg: number) => Promise<boolean>;
  /** Wall clock for Fiks IO token expiry (default the wall clock); tests pass their own. */
  tokenNow?: () => number;
  shell?: Partial<Omit<HttpShellOptions, 'handler' | 'drain'>>;
  /** Deliver to these receivers over Fiks IO on a RabbitMQ broker; TTL in virtual ms (default 24 h). */
  fiksIo?: { brokerUrl: string; receivers: readonly string[]; ttlMs?: number; kontoIds?: Readonly<Record<string, string>> };
  log?: (line: string) => void;
}

interface RunningPortal {
  url: string;
  /** Present when some receivers get their reports over Fiks IO. */
  fiksIo: FiksIoPortalTransport | undefined;
  live: LivePortal;
  ledger: Ledger;
  clock: LiveClock;
  close(): Promise<void>;
}

/** Portal settings for a live run: transport waits in wall time converted to the clock's virtual ms. */
function livePortalConfig(clock: LiveClock, portal: Partial<PortalConfig> | undefined, pushTimeoutMs: number): PortalConfig {
  return {
    ...defaultPortalConfig,
    // Real latency replaces the modelled one; waits a person would set in seconds stay seconds.
    linkLatencyMs: 0,
    deliveryTimeoutMs: clock.toVirtualMs(pushTimeoutMs + SECOND_MS),
    redeliveryDelayMs: clock.toVirtualMs(200),
    ...portal,
  };
}

/** No receipt check running, no reply waiting on the portal's queue, no publish unconfirmed. */
function portalSettled(service: PortalService, fiksIo: FiksIoPortalTransport | undefined): boolean {
  return service.pendingReceiptChecks === 0 && service.pendingReplies === 0 && (fiksIo?.inFlight() ?? 0) === 0;
}

/** Wait, bounded by the wall clock, until the portal has settled; whether it did. */
async function waitPortalSettled(portal: RunningPortal, timeoutWallMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutWallMs;
  while (!portalSettled(portal.live.service, portal.fiksIo) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return portalSettled(portal.live.service, portal.fiksIo);
}

async function servePortal(options: ServePortalOptions): Promise<RunningPortal> {
  const clock = options.clock ?? new LiveClock({ msPerVirtualDay: options.msPerVirtualDay ?? DAY_MS, onError: (error) => options.log?.(`timer error: ${String(error)}`) });
  const ledger = options.ledger ?? new Ledger();
  const pushTimeoutMs = options.pushTimeoutMs ?? 5_000;
  const late: { service?: PortalService } = {};
  const fiksIo = options.fiksIo === undefined ? undefined : await startFiksIoPortalTransport({
    brokerUrl: options.fiksIo.brokerUrl, receivers: options.fiksIo.receivers,
    ...(options.fiksIo.kontoIds === undefined ? {} : { kontoIds: options.fiksIo.kontoIds }),
    ttlWallMs: clock.toWallMs(options.fiksIo.ttlMs ?? RECOMMENDED_TTL_MS),
    content: (receiver, delivery) => (late.service as PortalService).content(delivery.msg, receiver).json,
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  const live = createLivePortal({
    portal: livePortalConfig(clock, options.portal, pushTimeoutMs),
    receivers: fiksIo === undefined ? options.receivers : options.receivers.map((r) => {
      const endpoint = fiksIo.endpointFor(r.receiver);
      return endpoint === undefined ? r : { ...r, endpoint };
    }),
    pushTimeoutMs,
    idBase: options.idBase ?? 0,
    ...(fiksIo === undefined ? {} : { certificates: fiksIo.certificates, fiksIoReplies: fiksIo.replies }),
    ...(options.committedCheck === undefined ? {} : { committedCheck: options.committedCheck }),
    ...(options.log === undefined ? {} : { log: options.log }),
    ...(options.tokenNow === undefined ? {} : { tokenNow: options.tokenNow }),
  }, clock, new Rng(options.seed ?? 1), ledger);
  late.service = live.service;
  await fiksIo?.attach(live.portal, live.service);
  // A portal that cannot listen must not leave its broker connection open.
  const shell = await startHttpShell({
    ...options.shell,
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.port === undefined ? {} : { port: options.port }),
    handler: (baseUrl) => mswHandler(live.handlers(baseUrl), baseUrl),
    direct: (baseUrl) => live.directRoutes(baseUrl),
    drain: async (deadlineMs) => {
      // Receipts already accepted finish their storage check and reach the core; replies the broker
      // confirmed are consumed from the portal's queue first.
      while (!portalSettled(live.service, fiksIo) && performance.now() < deadlineMs) await new Promise((resolve) => setTimeout(resolve, 10));
    },
  }).catch(async (error: unknown) => {
    await fiksIo?.close();
    throw error;
  });
  return {
    url: shell.url, live, ledger, clock, fiksIo,
    close: async () => {
      await shell.close();
      await fiksIo?.close();
      if (options.clock === undefined) clock.close();
    },
  };
}

export { servePortal, livePortalConfig, waitPortalSettled };
export type { ServePortalOptions, RunningPortal };
