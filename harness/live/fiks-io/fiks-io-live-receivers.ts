// What a live run needs to reach `fiks-io` receivers: the portal's Fiks IO option (which receivers
// get their reports over the broker, with which TTL), the broker as a checked target, and the broker
// going away mid-run reported as a fault of those receivers — a run whose transport broke must not pass.

import { checkTarget, type TargetPermission } from '../../safety/target-guard.js';
import type { LiveReceiverSpec, LiveScenario } from '../live-scenario.js';
import type { RunningPortal, ServePortalOptions } from '../serve-portal.js';

/** The portal core knows push and poll; a fiks-io receiver is push over the broker. */
function portalStyle(style: LiveReceiverSpec['style']): 'push' | 'poll' {
  return style === 'poll' ? 'poll' : 'push';
}

function fiksIoReceiverIds(scenario: LiveScenario): string[] {
  return scenario.receivers.filter((r) => r.style === 'fiks-io').map((r) => r.id);
}

/** servePortal's `fiksIo` option for the scenario, or undefined when no receiver is fiks-io. */
function fiksIoServeOption(scenario: LiveScenario): ServePortalOptions['fiksIo'] | undefined {
  const receivers = fiksIoReceiverIds(scenario);
  if (receivers.length === 0 || scenario.fiksIo === undefined) return undefined;
  const kontoIds = Object.fromEntries(scenario.receivers.flatMap((r) => (r.style === 'fiks-io' && r.kontoId !== undefined ? [[r.id, r.kontoId]] : [])));
  return {
    brokerUrl: scenario.fiksIo.brokerUrl, receivers,
    ...(Object.keys(kontoIds).length === 0 ? {} : { kontoIds }),
    ...(scenario.fiksIo.ttlMs === undefined ? {} : { ttlMs: scenario.fiksIo.ttlMs }),
  };
}

/** The broker is a target like any push URL: loopback, or a host named as allowed. Credentials are not recorded. */
function checkBrokerTarget(scenario: LiveScenario, allowRemoteHosts: readonly string[]): TargetPermission[] {
  const option = fiksIoServeOption(scenario);
  if (option === undefined) return [];
  const broker = new URL(option.brokerUrl);
  const permission = checkTarget(`http://${broker.host}/`, allowRemoteHosts, 'fiksIo.brokerUrl');
  return [{ ...permission, url: `${broker.protocol}//${broker.host}` }];
}

/** Calls `onLost` for each fiks-io receiver when the portal's broker connection drops before the run ends. */
function watchBroker(scenario: LiveScenario, portal: RunningPortal, onLost: (receiver: string, detail: string) => void): void {
  const receivers = fiksIoReceiverIds(scenario);
  portal.fiksIo?.onLost((detail) => { for (const receiver of receivers) onLost(receiver, detail); });
}

export { portalStyle, fiksIoServeOption, checkBrokerTarget, watchBroker };
