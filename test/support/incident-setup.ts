// The traffic and faults of the 2023 incident, parameterised by what the tests vary: a municipality
// whose SQL Server is overloaded by a nightly backup job while reports arrive.

import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import type { SimulationInput, ReceiverInput } from '../../harness/runner/simulation-config.js';
import type { AckPolicy } from '../../simulators/case-system/case-system.js';

interface IncidentOptions {
  ackPolicy: AckPolicy;
  style?: 'push' | 'poll';
  reconciliationIntervalMs?: number;
  retentionDays?: number;
  seed?: number;
  days?: number;
}

function incidentInput(o: IncidentOptions): SimulationInput {
  const days = o.days ?? 20;
  const receiver: ReceiverInput = {
    id: 'bergen',
    style: o.style ?? 'push',
    caseSystem: { ackPolicy: o.ackPolicy },
    controls: { reconciliationIntervalMs: o.reconciliationIntervalMs ?? 0 },
  };
  return {
    seed: o.seed ?? 2023,
    portal: { retentionDays: o.retentionDays ?? 14 },
    receivers: [receiver],
    // Reports around the clock, more than a big municipality gets, so every backup window sees traffic.
    workload: { ratePerDay: 48, durationMs: days * DAY_MS, publicSharePct: 60 },
    faults: [
      // A backup job of another system every night 01:00–04:00 takes most of the server.
      { kind: 'backup-spike', fromMs: HOUR_MS, toMs: 4 * HOUR_MS, repeatEveryMs: DAY_MS, repeatUntilMs: days * DAY_MS, slowdownFactor: 2000, offlineWorkersPct: 75 },
    ],
  };
}

export { incidentInput };
