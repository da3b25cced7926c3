// Wires the core `Portal` for HTTP: one FaultState and ReceiptLink per receiver, HTTP push endpoints
// for push receivers, and the `PortalService` the msw handlers run over. Clock-agnostic like the
// core: the live runner passes the live clock, handler tests may pass the virtual-time Scheduler.

import type { Clock } from '../runtime/clock.js';
import type { Rng } from '../runtime/rng.js';
import type { Ledger } from '../ledger/ledger.js';
import { FaultState } from '../faults/fault-state.js';
import { Portal, type PortalConfig, type PortalReceiver } from '../../simulators/portal/portal.js';
import { ReceiptLink } from '../../simulators/portal/receipt-link.js';
import { HttpPushEndpoint } from '../../simulators/portal/http/http-push-endpoint.js';
import { PortalService, type PortalAccount } from '../../simulators/portal/http/portal-service.js';
import { portalHandlers } from '../../simulators/portal/http/portal-handlers.js';
import type { Credentials } from '../../simulators/http/basic-auth.js';
import { rngStreams } from '../runner/horizon.js';
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
}

interface LivePortal {
  portal: Portal;
  service: PortalService;
  /** Per receiver, in order: what the fault plan imposes right now. */
  states: FaultState[];
  pushEndpoints: (HttpPushEndpoint | undefined)[];
  handlers(baseUrl: string): HttpHandler[];
}

function createLivePortal(options: LivePortalOptions, clock: Clock, rng: Rng, ledger: Ledger): LivePortal {
  const states = options.receivers.map(() => new FaultState());
  const late: { service?: PortalService } = {};
  const pushEndpoints = options.receivers.map((r) => r.style === 'push' && r.pushUrl !== undefined
    ? new HttpPushEndpoint({
      url: r.pushUrl,
      account: r.receiver,
      ...(r.pushCredentials === undefined ? {} : { credentials: r.pushCredentials }),
      timeoutMs: options.pushTimeoutMs,
      content: (delivery) => (late.service as PortalService).content(delivery.msg, r.receiver).json,
    })
    : undefined);
  const receivers: PortalReceiver[] = options.receivers.map((r, i) => ({
    style: r.style,
    endpoint: r.endpoint ?? pushEndpoints[i],
    // A wrongly routed message goes where nobody looks: accepted, never receipted.
    wrongRoute: { deliver: (_delivery, respond) => respond('ack') },
    faults: states[i] as FaultState,
    digitalOnly: r.digitalOnly ?? false,
  }));
  const portal = new Portal(options.portal, receivers, clock, rngStreams.portal(rng), ledger);
  const links = options.receivers.map((r, i) => new ReceiptLink(portal, clock, rngStreams.link(rngStreams.receiver(rng, r.receiver)), ledger, states[i] as FaultState, 0));
  const service = new PortalService({
    portal, ledger, accounts: options.receivers, links, now: () => clock.now(), idBase: options.idBase,
    ...(options.committedCheck === undefined ? {} : { committedCheck: options.committedCheck }),
  });
  late.service = service;
  return { portal, service, states, pushEndpoints, handlers: (baseUrl) => portalHandlers(service, baseUrl) };
}

export { createLivePortal };
export type { LivePortal, LivePortalOptions, LiveReceiver };
