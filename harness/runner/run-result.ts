// What one run hands to the reports, the same for both runtimes: the configuration it ran, how far it
// ran, the ledger and the oracle's judgement. buildRunReport and every renderer take a RunResult, so a
// live run against a vendor's system gets the same report as a simulated one.

import type { Ledger } from '../ledger/ledger.js';
import type { Judgement } from '../oracle/oracle.js';
import type { FaultSpec } from '../faults/fault-spec.js';
import type { PortalConfig } from '../../simulators/portal/portal.js';
import type { SimulationConfig } from './simulation-config.js';

/** A system under test as a live report shows it: never its password or its URLs' credentials. */
interface LiveReceiverSummary {
  id: string;
  style: 'push' | 'poll' | 'fiks-io';
  weight: number;
  /** How the run read what the system really stored. */
  storageCheck: 'http' | 'database';
}

/** The configuration of a live run, in the shape the report's configuration section shows. */
interface LiveRunConfig {
  runtime: 'live';
  seed: number;
  /** Wall ms per virtual day. */
  msPerVirtualDay: number;
  portal: PortalConfig;
  receivers: LiveReceiverSummary[];
  workload: { ratePerSecond: number; durationMs: number; maxMessages: number; publicSharePct?: number };
  faults: FaultSpec[];
  keepLedger: boolean;
}

/** A simulated run's configuration carries no `runtime` field, so its reports stay byte-identical. */
type RunConfig = SimulationConfig | LiveRunConfig;

interface RunResult<C extends RunConfig = RunConfig> {
  config: C;
  /** Virtual time the run stopped at. */
  horizonMs: number;
  /** The earliest horizon at which every message's fate is settled (harness/runner/horizon.ts). */
  requiredHorizonMs: number;
  ledger: Ledger;
  judgement: Judgement;
  /** Events (scheduler steps or fired live timers) the run executed. */
  eventsRun: number;
  /** False when stopped early; the judgement then covers what ran. */
  complete: boolean;
}

function isLiveRun(config: RunConfig): config is LiveRunConfig {
  return 'runtime' in config && config.runtime === 'live';
}

/**
 * Why a live run ended before its horizon, as the `complete` check's `stoppedBecause` number: checks
 * carry numbers, and each report words the reason in its own language.
 */
const liveStopReasons = { stopped: 0, neverReady: 1, brokerUnreachable: 2, didNotStart: 3 } as const;

export { isLiveRun, liveStopReasons };
export type { RunResult, RunConfig, LiveRunConfig, LiveReceiverSummary };
