// The municipal controls that catch what the chain hides. All default to off, as in 2020–2023.

import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';

interface ControlsConfig {
  /** Reconcile the portal's export against ids really stored, this often; 0 = never. */
  reconciliationIntervalMs: number;
  /** Ignore receipts younger than this (a write may still be in flight). */
  reconciliationGraceMs: number;
  /** Chance that a reporter chases a missing answer, by sender kind. */
  publicChasePct: number;
  privateChasePct: number;
  /** When a reporter chases: after the feedback deadline (3 weeks, § 13-3) plus an exponential delay. */
  chaseAfterMs: number;
  chaseDelayMeanMs: number;
  /** Someone watches the case system's error log and acts on a dropped write; 0 = nobody. */
  alertDelayMs: number;
}

const defaultControlsConfig: ControlsConfig = {
  reconciliationIntervalMs: 0,
  reconciliationGraceMs: HOUR_MS,
  publicChasePct: 0,
  privateChasePct: 0,
  chaseAfterMs: 21 * DAY_MS,
  chaseDelayMeanMs: 14 * DAY_MS,
  alertDelayMs: 0,
};

export { defaultControlsConfig };
export type { ControlsConfig };
