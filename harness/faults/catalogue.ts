// What each window fault does to a receiver's FaultState while it is open. `apply(state, spec, +1)`
// opens it and `apply(state, spec, -1)` heals it exactly, so overlapping windows compose — including
// the two "longest wins" values (crash down time, late-receipt delay), which keep every open window's
// value so a heal restores the longest of the windows still open.
// A missing parameter means "no effect", as fault-spec.ts promises (backup-spike's lock is the one
// fault complete without one); validate-faults.ts refuses a fault that names none of the parameters it
// needs, so no fault is silently a no-op or silently the worst case.

import type { FaultState } from './fault-state.js';
import type { FaultSpec, FaultKind, WindowFaultKind } from './fault-spec.js';

type Sign = 1 | -1;
type Effect = (state: FaultState, spec: FaultSpec, sign: Sign) => void;

const pct = (spec: FaultSpec) => spec.probabilityPct ?? 0;
const slowdown = (state: FaultState, factor: number, sign: Sign) => {
  state.dbSlowdownFactor = sign > 0 ? state.dbSlowdownFactor * factor : state.dbSlowdownFactor / factor;
};

/** Adds (sign +1) or removes (sign -1) one open window's value and returns the longest still open. */
function holdLongest(open: number[], value: number, sign: Sign): number {
  if (sign > 0) open.push(value);
  else {
    const i = open.indexOf(value);
    if (i >= 0) open.splice(i, 1);
  }
  return open.length === 0 ? 0 : Math.max(...open);
}

// db-overload and backup-spike share the queueing model — other load takes database workers and slows
// the rest — but are different faults. db-overload is contention whose size the plan must give.
// backup-spike is a backup job's transaction holding a table lock: unless the plan says how much it
// takes, it takes every worker, as the lock does on a real server (harness/live/db-fault-driver.ts).
const contention: Effect = (s, f, sign) => {
  slowdown(s, f.slowdownFactor ?? 1, sign);
  s.dbOfflineWorkersPct += sign * (f.offlineWorkersPct ?? 0);
};
const backupLock: Effect = (s, f, sign) => contention(s, { ...f, offlineWorkersPct: f.offlineWorkersPct ?? 100 }, sign);

const faultEffects: Record<WindowFaultKind, Effect> = {
  'db-overload': contention,
  'backup-spike': backupLock,
  'db-outage': (s, _f, sign) => { s.dbOutage += sign; },
  'db-slow-commit': (s, f, sign) => { s.dbCommitDelayMs += sign * (f.delayMs ?? 0); },
  'db-log-full': (s, _f, sign) => { s.dbLogFull += sign; },
  'premature-ack': (s, _f, sign) => { s.prematureAck += sign; },
  'case-system-outage': (s, _f, sign) => { s.caseSystemDown += sign; },
  'crash-after-ack': (s, f, sign) => {
    s.crashAfterAckPct += sign * pct(f);
    s.crashDownMs = holdLongest(s.openCrashDownMs, f.downMs ?? 0, sign);
  },
  'receipt-lost': (s, f, sign) => { s.receiptLostPct += sign * pct(f); },
  'receipt-duplicated': (s, f, sign) => { s.receiptDuplicatedPct += sign * pct(f); },
  'receipt-late': (s, f, sign) => {
    s.receiptLatePct += sign * pct(f);
    s.receiptLateDelayMs = holdLongest(s.openReceiptLateDelayMs, f.delayMs ?? 0, sign);
  },
  'wrong-route': (s, f, sign) => { s.wrongRoutePct += sign * pct(f); },
  'fallback-disabled': (s, _f, sign) => { s.fallbackDisabled += sign; },
  'fallback-channel-down': (s, _f, sign) => { s.fallbackChannelDown += sign; },
  'recipient-role-missing': (s, _f, sign) => { s.roleMissing += sign; },
  'notification-flood': (s, f, sign) => { s.extraNotificationsPerDay += sign * (f.notificationsPerDay ?? 0); },
};

/**
 * The parameters each kind needs to have any effect; a fault must give at least one of the listed
 * groups' fields in full (db-overload: a slowdown or a share of workers; receipt-late: a chance and a delay).
 */
const requiredParameters: Partial<Record<FaultKind, readonly (readonly (keyof FaultSpec)[])[]>> = {
  'db-overload': [['slowdownFactor'], ['offlineWorkersPct']],
  'db-slow-commit': [['delayMs']],
  'crash-after-ack': [['probabilityPct', 'downMs']],
  'receipt-lost': [['probabilityPct']],
  'receipt-duplicated': [['probabilityPct']],
  'receipt-late': [['probabilityPct', 'delayMs']],
  'wrong-route': [['probabilityPct']],
  'notification-flood': [['notificationsPerDay']],
  'case-system-crash': [['downMs']],
  'db-statement-timeout': [['timeoutMs']],
  'db-lock-timeout': [['timeoutMs']],
};

export { faultEffects, requiredParameters };
