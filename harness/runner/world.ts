// The world every runtime runs in, built once: the core Portal over the ports a runtime supplies
// (clock, root RNG, ledger), and per receiver its fault state, its receipt link back to the portal,
// its RNG stream and the channel a wrongly routed message lands in. The simulated runner, the live
// runner, the msw portal world and the real-incident demo differ only in what they plug in: the push
// endpoint (a simulated case system, an HTTP client to a real one, a case system on a real database),
// the storage, and who carries out which fault. So the same seed draws the same numbers for the same
// component, and a fault plan means the same thing, in every runtime.

import { KvitteringError } from '../errors.js';
import type { Clock } from '../runtime/clock.js';
import type { Rng } from '../runtime/rng.js';
import type { Ledger } from '../ledger/ledger.js';
import { FaultState } from '../faults/fault-state.js';
import type { FaultSpec } from '../faults/fault-spec.js';
import { scheduleFaults } from '../faults/schedule-faults.js';
import { requiredHorizonMs, rngStreams } from './horizon.js';
import { Portal, type PortalConfig, type PortalReceiver } from '../../simulators/portal/portal.js';
import { receiptDeadlineAt } from '../../simulators/portal/receipt-deadline.js';
import { ReceiptLink } from '../../simulators/portal/receipt-link.js';
import type { PushEndpoint } from '../../simulators/portal/endpoints.js';
import { UnwatchedChannel } from '../../simulators/recipient/inbox.js';

/** What a runtime supplies: its time, its root randomness, its record of what happened. */
interface WorldPorts {
  clock: Clock;
  /** The run's root Rng; every component forks its stream by name (horizon.ts rngStreams). */
  rng: Rng;
  ledger: Ledger;
}

/** One receiver as the portal sees it. */
interface WorldReceiver {
  id: string;
  style: 'push' | 'poll';
  digitalOnly: boolean;
}

/** What the world gives each receiver: the runtime builds its case system (or client) from these. */
interface ReceiverParts {
  index: number;
  id: string;
  /** What the fault plan imposes on this receiver right now. */
  faults: FaultState;
  /** Receipts back to the portal, through the fault plan. */
  link: ReceiptLink;
  /** This receiver's RNG stream; its components fork from it (rngStreams.database …). */
  rng: Rng;
}

/** Who carries out the faults that are not the portal's own; a runtime that cannot leaves them out. */
interface FaultCarrier {
  /** The fault state a window changes (default: the world's own, per receiver). */
  stateOf?(receiver: number): FaultState;
  crashCaseSystem?(receiver: number, downMs: number): void;
  killDbSessions?(receiver: number): void;
  /** Whether early-purge events purge this world's portal (default true). */
  purges?: boolean;
}

interface World {
  readonly portal: Portal;
  readonly receivers: readonly ReceiverParts[];
  readonly portalConfig: PortalConfig;
  /** The receiver index of an id, or a KvitteringError naming `field`. */
  indexOf(id: string, field?: string): number;
  /** Where the portal pushes receiver i's messages (a poll receiver has none). */
  setEndpoint(receiver: number, endpoint: PushEndpoint | undefined): void;
  /** Open, heal and fire the plan's faults on this world's clock and ledger. */
  scheduleFaults(plan: readonly FaultSpec[], carrier?: FaultCarrier): void;
  /** The earliest instant every message sent by lastSendMs has met its fate (receipt deadline on the calendar when it has one). */
  requiredHorizonMs(lastSendMs: number, faults?: readonly FaultSpec[]): number;
}

function buildWorld(ports: WorldPorts, portalConfig: PortalConfig, receivers: readonly WorldReceiver[]): World {
  const { clock, rng, ledger } = ports;
  const states = receivers.map(() => new FaultState());
  const portalReceivers: PortalReceiver[] = receivers.map((r, i) => ({
    style: r.style,
    endpoint: undefined,
    wrongRoute: { deliver: () => undefined },
    faults: states[i] as FaultState,
    digitalOnly: r.digitalOnly,
  }));
  const portal = new Portal(portalConfig, portalReceivers, clock, rngStreams.portal(rng), ledger);
  const parts: ReceiverParts[] = receivers.map((r, i) => {
    const receiverRng = rngStreams.receiver(rng, r.id);
    const faults = states[i] as FaultState;
    const link = new ReceiptLink(portal, clock, rngStreams.link(receiverRng), ledger, faults, portalConfig.linkLatencyMs);
    // A wrongly routed message lands where nobody looks, and that channel receipts it like any other
    // (the 2023 police shipments counted as delivered): the portal never prints it.
    (portalReceivers[i] as PortalReceiver).wrongRoute = new UnwatchedChannel(link);
    return { index: i, id: r.id, faults, link, rng: receiverRng };
  });
  const indexById = new Map(receivers.map((r, i) => [r.id, i]));
  const indexOf = (id: string, field = 'receiver'): number => {
    const i = indexById.get(id);
    if (i === undefined) throw new KvitteringError('E_WORLD_RECEIVER', `${field} is "${id}" — expected one of ${[...indexById.keys()].join(', ')}`);
    return i;
  };
  return {
    portal, receivers: parts, portalConfig, indexOf,
    setEndpoint(receiver, endpoint) {
      (portalReceivers[receiver] as PortalReceiver).endpoint = endpoint;
    },
    scheduleFaults(plan, carrier = {}) {
      scheduleFaults(plan, clock, ledger, {
        indexesOf: (spec) => spec.targets === undefined ? receivers.map((_, i) => i) : spec.targets.map((id) => indexOf(id, 'faults[].targets')),
        stateOf: (i) => carrier.stateOf?.(i) ?? (states[i] as FaultState),
        crashCaseSystem: (i, downMs) => carrier.crashCaseSystem?.(i, downMs),
        killDbSessions: (i) => carrier.killDbSessions?.(i),
        purgeNow: (targets) => { if (carrier.purges ?? true) portal.purgeNow(targets); },
      });
    },
    requiredHorizonMs(lastSendMs, faults = []) {
      return requiredHorizonMs(portalConfig, lastSendMs, faults, receiptDeadlineAt(portalConfig, lastSendMs));
    },
  };
}

export { buildWorld };
export type { World, WorldPorts, WorldReceiver, ReceiverParts, FaultCarrier };
