// What the fault plan currently imposes on one receiver's chain (portal link, case system, database,
// inbox). Fault packages change it when a window opens and undo it when it heals; simulators only read
// it at their hook points. Everything defaults to "no fault", so a receiver without faults is the noop.

class FaultState {
  // database
  dbOutage = 0;
  dbLogFull = 0;
  /** Service-time multiplier from overload and backup jobs (product of active windows). */
  dbSlowdownFactor = 1;
  /** Share of database workers taken by other load (backup job, other systems), summed, capped at 100. */
  dbOfflineWorkersPct = 0;
  /** Extra time every commit takes while a slow-commit window is open. */
  dbCommitDelayMs = 0;
  // case system
  prematureAck = 0;
  caseSystemDown = 0;
  crashAfterAckPct = 0;
  /** The longest down time of the open crash-after-ack windows. */
  crashDownMs = 0;
  readonly openCrashDownMs: number[] = [];
  // link between case system and portal
  receiptLostPct = 0;
  receiptDuplicatedPct = 0;
  receiptLatePct = 0;
  /** The longest delay of the open receipt-late windows. */
  receiptLateDelayMs = 0;
  readonly openReceiptLateDelayMs: number[] = [];
  wrongRoutePct = 0;
  // portal fallback
  fallbackDisabled = 0;
  fallbackChannelDown = 0;
  // recipient inbox
  roleMissing = 0;
  extraNotificationsPerDay = 0;
}

export { FaultState };
