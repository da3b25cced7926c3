// A live run that could not start — its broker did not answer before anything listened or was sent —
// as a LiveResult, so `kvittering test` still writes every report, UNKNOWN with the reason, instead of
// stopping with an error: nothing was tested, and the reader must be told why.

import { Ledger } from '../ledger/ledger.js';
import { judgeLedger } from '../oracle/oracle.js';
import { defaultPortalConfig } from '../../simulators/portal/portal.js';
import type { LiveResult } from '../live/run-live.js';
import type { LiveScenario } from '../live/live-scenario.js';
import { liveStopReasons } from '../runner/run-result.js';

function notStartedResult(scenario: LiveScenario, wallMs: number): LiveResult {
  const ledger = new Ledger();
  return {
    config: {
      runtime: 'live', seed: scenario.seed, msPerVirtualDay: scenario.msPerVirtualDay, portal: { ...defaultPortalConfig, ...scenario.portal },
      receivers: scenario.receivers.map((r) => ({ id: r.id, style: r.style, weight: r.weight ?? 1, storageCheck: r.storageCheck.kind === 'http' ? 'http' : 'database' })),
      workload: { ...scenario.workload }, faults: [...scenario.faults ?? []], keepLedger: ledger.keepEntries,
    },
    scenario, idBase: 0, portalUrl: '', horizonMs: 0, requiredHorizonMs: 0, ledger, judgement: judgeLedger([], 0), eventsRun: 0,
    load: { started: 0, ok: 0, rejected: 0, errors: 0, dropped: 0, durationMs: 0, startedPerSecond: 0, okPerSecond: 0, latency: { p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 }, statuses: {} },
    storageReads: { made: 0, failed: 0, unread: 0, controlFailed: 0 },
    receiptEvidence: { checked: 0, absent: 0, storedBeforeReceipt: 0, storedAfterReceipt: 0, presentWithoutTime: 0, readFailed: 0, maxLagWallMs: 0 },
    wallMs, complete: false, targets: [], sutFaults: [], pass: false,
    outcome: 'unknown', checks: { complete: { valid: 'unknown', summary: 'the run did not start', data: { stoppedBecause: liveStopReasons.didNotStart } } }, reasons: ['complete: the run did not start'],
  };
}

export { notStartedResult };
