// A live run's traffic: concern reports submitted through the portal's own intake over HTTP, by the
// built-in load driver, to receivers picked by weight from the run's workload RNG stream — the
// stream and the pick the simulated workload uses.

import type { Rng } from '../runtime/rng.js';
import { rngStreams } from '../runner/horizon.js';
import { receiverPicker } from '../workload/receiver-pick.js';
import { driveLoad, type LoadReport } from './load-driver.js';
import type { LiveScenario } from './live-scenario.js';

function driveLiveWorkload(scenario: LiveScenario, root: Rng, portalUrl: string, signal?: AbortSignal): Promise<LoadReport> {
  const rng = rngStreams.workload(root);
  const pickReceiver = receiverPicker(scenario.receivers.map((r) => r.weight ?? 1), rng);
  const publicPct = scenario.workload.publicSharePct ?? 60;
  return driveLoad({
    ratePerSecond: scenario.workload.ratePerSecond,
    durationMs: scenario.workload.durationMs,
    maxRequests: scenario.workload.maxMessages,
    ...(signal === undefined ? {} : { signal }),
    request: () => {
      const receiver = pickReceiver();
      const type = rng.chancePct(publicPct) ? 'offentlig' : 'privat';
      return { url: `${portalUrl}/bekymringsmelding`, init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kommune: scenario.receivers[receiver]?.id, type }) } };
    },
  });
}

export { driveLiveWorkload };
