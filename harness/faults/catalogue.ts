// What each window fault does to a receiver's FaultState while it is open. `apply(state, spec, +1)`
// opens it and `apply(state, spec, -1)` heals it exactly, so overlapping windows compose.
// Defaults make a bare `{ kind }` mean the incident's worst case for that fault.

import { MINUTE_MS, HOUR_MS } from '../runtime/time.js';
import type { FaultState } from './fault-state.js';
import type { FaultSpec, WindowFaultKind } from './fault-spec.js';

type Sign = 1 | -1;
type Effect = (state: FaultState, spec: FaultSpec, sign: Sign) => void;

const pct = (spec: FaultSpec) => spec.probabilityPct ?? 100;
const slowdown = (state: FaultState, factor: number, sign: Sign) => {
  state.dbSlowdownFactor = sign > 0 ? state.dbSlowdownFactor * factor : state.dbSlowdownFactor / factor;
};

const faultDefaults = {
  overloadSlowdownFactor: 50,
  overloadOfflineWorkersPct: 50,
  slowCommitDelayMs: 30_000,
  receiptLateDelayMs: 3 * 24 * HOUR_MS,
  crashDownMs: 10 * MINUTE_MS,
  notificationsPerDay: 200,
};

const faultEffects: Record<WindowFaultKind, Effect> = {
  'db-overload': (s, f, sign) => {
    slowdown(s, f.slowdownFactor ?? faultDefaults.overloadSlowdownFactor, sign);
    s.dbOfflineWorkersPct += sign * (f.offlineWorkersPct ?? faultDefaults.overloadOfflineWorkersPct);
  },
  'backup-spike': (s, f, sign) => {
    slowdown(s, f.slowdownFactor ?? faultDefaults.overloadSlowdownFactor, sign);
    s.dbOfflineWorkersPct += sign * (f.offlineWorkersPct ?? faultDefaults.overloadOfflineWorkersPct);
  },
  'db-outage': (s, _f, sign) => { s.dbOutage += sign; },
  'db-slow-commit': (s, f, sign) => { s.dbCommitDelayMs += sign * (f.delayMs ?? faultDefaults.slowCommitDelayMs); },
  'db-log-full': (s, _f, sign) => { s.dbLogFull += sign; },
  'premature-ack': (s, _f, sign) => { s.prematureAck += sign; },
  'case-system-outage': (s, _f, sign) => { s.caseSystemDown += sign; },
  'crash-after-ack': (s, f, sign) => {
    s.crashAfterAckPct += sign * pct(f);
    s.crashDownMs = sign > 0 ? Math.max(s.crashDownMs, f.downMs ?? faultDefaults.crashDownMs) : s.crashDownMs;
  },
  'receipt-lost': (s, f, sign) => { s.receiptLostPct += sign * pct(f); },
  'receipt-duplicated': (s, f, sign) => { s.receiptDuplicatedPct += sign * pct(f); },
  'receipt-late': (s, f, sign) => {
    s.receiptLatePct += sign * pct(f);
    s.receiptLateDelayMs = sign > 0 ? Math.max(s.receiptLateDelayMs, f.delayMs ?? faultDefaults.receiptLateDelayMs) : s.receiptLateDelayMs;
  },
  'wrong-route': (s, f, sign) => { s.wrongRoutePct += sign * pct(f); },
  'fallback-disabled': (s, _f, sign) => { s.fallbackDisabled += sign; },
  'fallback-channel-down': (s, _f, sign) => { s.fallbackChannelDown += sign; },
  'recipient-role-missing': (s, _f, sign) => { s.roleMissing += sign; },
  'notification-flood': (s, f, sign) => { s.extraNotificationsPerDay += sign * (f.notificationsPerDay ?? faultDefaults.notificationsPerDay); },
};

export { faultEffects, faultDefaults };
