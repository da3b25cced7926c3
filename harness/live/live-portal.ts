// Wires the core `Portal` for HTTP: one FaultState and ReceiptLink per receiver, HTTP push endpoints
// for push receivers, and the `PortalService` the msw handlers run over. Clock-agnostic like the
// core: the live runner passes the live clock, handler tests may pass the virtual-time Scheduler.

import type { Clock } from '../runtime/clock.js';
import type { Rng } from '../runtime/rng.js';
import type { Ledger } from '../ledger/ledger.js';
import type { FaultState } from '../faults/fault-state.js';
import type { Portal, PortalConfig } from '../../simulators/portal/portal.js';
import { HttpPushEndpoint } from '../../simulators/portal/http/http-push-endpoint.js';
import { PortalService, type FiksIoReplies, type PortalAccount } from '../../simulators/portal/http/portal-service.js';
import { portalDirectRoutes, portalHandlers } from '../../simulators/portal/http/portal-handlers.js';
import type { DirectRoute } from '../../simulators/http/direct-route.js';
import type { Credentials } from '../../simulators/http/basic-auth.js';
import { buildWorld, type World } from '../runner/world.js';
import type { HttpHandler } from 'msw';
import type { PushEndpoint } from '../../simulators/portal/endpoints.js';

interface LiveReceiver extends PortalAccount {
  /** Push receivers: the case system's endpoint the portal POSTs messages to. */
  pushUrl?: string;
  /** Credentials the portal presents to that endpoint. */
  pushCredentials?: Credentials;
  /** Push receivers: a ready-made endpoint (Fiks IO over AMQP) instead of an HTTP push URL. */
  endpoint?: PushEndpoint;
  digitalOnly?: boolean;
}

interface LivePortalOptions {
  portal: PortalConfig;
  receivers: readonly LiveReceiver[];
  /** Wall-clock wait for a push answer. */
  pushTimeoutMs: number;
  idBase: number;
  committedCheck?: (msg: number) => Promise<boolean>;
  /** The catalogue's certificates by kontoId (the Fiks IO transport's); none ⇒ every kontoId is a 404. */
  certificates?: ReadonlyMap<string, { certificatePem: string }>;
  /** Wall clock for Fiks IO token expiry; default the wall clock. */
  tokenNow?: () => number;
  /** Fiks IO receivers' replies go through the portal's own queue (the Fiks IO transport's). */
  fiksIoReplies?: FiksIoReplies;
  log?: (line: string) => void;
}

interface LivePortal {
  /** The world the portal runs in: its fault scheduling and horizon are the simulated runner's. */
  world: World;
  portal: Portal;
  service: PortalService;
  /** Per receiver, in order: what the fault plan imposes right now. */
  states: FaultState[];
  pushEndpoints: (HttpPushEndpoint | undefined)[];
  handlers(baseUrl: string): HttpHandler[];
  /** The hot routes the http shell may serve without msw (the same answers as `handlers`). */
  directRoutes(baseUrl: string): DirectRoute[];
}

function createLivePortal(options: LivePortalOptions, clock: Clock, rng: Rng, ledger: Ledger): LivePortal {
  const late: { service?: PortalService } = {};
  const pushEndpoints = options.receivers.map((r) => r.style === 'push' && r.pushUrl !== undefined
    ? new HttpPushEndpoint({
      url: r.pushUrl,
      account: r.receiver,
      ...(r.pushCredentials === undefined ? {} : { credentials: r.pushCredentials }),
      timeoutMs: options.pushTimeoutMs,
      now: () => clock.now(),
      content: (delivery) => (late.service as PortalService).content(delivery.msg, r.receiver).json,
    })
    : undefined);
  // The world the simulated runner uses too: same fault states, receipt links, RNG streams and wrong-route channel.
  const world = buildWorld({ clock, rng, ledger }, options.portal,
    options.receivers.map((r) => ({ id: r.receiver, style: r.style, digitalOnly: r.digitalOnly ?? false })));
  options.receivers.forEach((r, i) => world.setEndpoint(i, r.endpoint ?? pushEndpoints[i]));
  const { portal } = world;
  const states = world.receivers.map((r) => r.faults);
  const links = world.receivers.map((r) => r.link);
  const service = new PortalService({
    portal, ledger, accounts: options.receivers, links, now: () => clock.now(), idBase: options.idBase,
    ...(options.committedCheck === undefined ? {} : { committedCheck: options.committedCheck }),
    ...(options.tokenNow === undefined ? {} : { tokenNow: options.tokenNow }),
    ...(options.fiksIoReplies === undefined ? {} : { fiksIoReplies: options.fiksIoReplies }),
  });
  late.service = service;
  return { world, portal, service, states, pushEndpoints, handlers: (baseUrl) => portalHandlers(service, baseUrl, options.certificates ?? new Map(), (d) => {
    if (!d.allow) options.log?.(`amqp-auth: ${d.path} denied for ${JSON.stringify(d.username.slice(0, 40))}: ${d.reason ?? ''}`);
  }),
    directRoutes: (baseUrl) => portalDirectRoutes(service, baseUrl),
  };
}

export { createLivePortal };
export type { LivePortal, LivePortalOptions, LiveReceiver };
