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
  /**
   * When a chase finds nothing: the chance the reporter is simply asked to send it again and nobody
   * records a fault (category D of the 2023 review). Otherwise the case worker suspects the system and
   * checks the portal, which re-delivers while it still holds the report.
   */
  chaseResendPct: number;
  /** Someone watches the case system's error log and acts on a dropped write; 0 = nobody. */
  alertDelayMs: number;
  /**
   * A one-off search once the fault is known (Visma's log review of 31 May 2023): the portal's export
   * against the stored ids at this instant, re-sending what the portal still holds; 0 = none.
   */
  logAuditAtMs: number;
}

const defaultControlsConfig: ControlsConfig = {
  reconciliationIntervalMs: 0,
  reconciliationGraceMs: HOUR_MS,
  publicChasePct: 0,
  privateChasePct: 0,
  chaseAfterMs: 21 * DAY_MS,
  chaseDelayMeanMs: 14 * DAY_MS,
  chaseResendPct: 0,
  alertDelayMs: 0,
  logAuditAtMs: 0,
};

export { defaultControlsConfig };
export type { ControlsConfig };
