// A storage fault window that no report met tested nothing: if no report was in the system's hands
// while the lock, the slow commits or the timeouts held, the run says nothing about how the system
// writes under them, and a PASS would claim more than was seen. Such a window makes the verdict
// UNKNOWN. A report met a window when it was delivered before the window closed and was not yet stored
// when it opened (its commit as the ledger dates it; a report never stored met every later window).

import type { CheckResult } from '../oracle/checks.js';
import type { LedgerEntry } from '../ledger/entries.js';
import { isWindowKind, type FaultKind } from '../faults/fault-spec.js';
import { formatDuration } from '../runtime/time.js';

interface FaultWindowExposure {
  fault: string;
  fromMs: number;
  /** Undefined: still open at the horizon. */
  toMs?: number;
  /** Reports in the system's hands while the window was open. */
  reports: number;
}

/** Every confirmed window of these kinds, with the reports it met. */
function faultWindowExposure(entries: readonly LedgerEntry[], kinds: readonly FaultKind[]): FaultWindowExposure[] {
  const windowKinds = new Set<string>(kinds.filter(isWindowKind));
  const windows: FaultWindowExposure[] = [];
  const open = new Map<string, FaultWindowExposure[]>();
  const deliveredAt = new Map<number, number>();
  const storedAt = new Map<number, number>();
  for (const e of entries) {
    if (e.kind === 'deliver' && !deliveredAt.has(e.msg)) deliveredAt.set(e.msg, e.t);
    else if (e.kind === 'commit' && !storedAt.has(e.msg)) storedAt.set(e.msg, e.t);
    else if (e.kind === 'fault' && windowKinds.has(e.fault)) {
      const list = open.get(e.fault) ?? [];
      open.set(e.fault, list);
      if (e.phase === 'start') {
        const w: FaultWindowExposure = { fault: e.fault, fromMs: e.t, reports: 0 };
        windows.push(w);
        list.push(w);
      } else if (e.phase === 'heal') {
        const w = list.shift();
        if (w !== undefined) w.toMs = e.t;
      }
    }
  }
  for (const w of windows) {
    for (const [msg, delivered] of deliveredAt) {
      const stored = storedAt.get(msg);
      if (delivered <= (w.toMs ?? Number.POSITIVE_INFINITY) && (stored === undefined || stored >= w.fromMs)) w.reports++;
    }
  }
  return windows;
}

function describeWindow(w: FaultWindowExposure): string {
  return `${w.fault} ${formatDuration(w.fromMs)}–${w.toMs === undefined ? 'horizon' : formatDuration(w.toMs)}`;
}

/** `planned`: the window kinds the plan asked for; one that never opened before the horizon met nothing. */
function faultExposureCheck(windows: readonly FaultWindowExposure[], planned: readonly string[]): CheckResult {
  const unmet = windows.filter((w) => w.reports === 0);
  const neverOpened = [...new Set(planned)].filter((kind) => !windows.some((w) => w.fault === kind));
  const data = { windows: windows.length, unmet: unmet.length, neverOpened: neverOpened.length };
  if (windows.length === 0 && neverOpened.length === 0) return { valid: true, summary: 'no storage fault window was planned', data };
  if (unmet.length > 0 || neverOpened.length > 0) {
    const parts = [
      ...(unmet.length === 0 ? [] : [`${unmet.length} of ${windows.length} storage fault window(s) met no report — no report was in the system's hands (delivered, not yet stored) while ${unmet.map(describeWindow).join(', ')} held`]),
      ...(neverOpened.length === 0 ? [] : [`${neverOpened.join(', ')} never opened before the run ended`]),
    ];
    return { valid: 'unknown', summary: `${parts.join('; ')}, so the run says nothing about them`, data };
  }
  return { valid: true, summary: `every storage fault window met reports (${windows.map((w) => `${describeWindow(w)}: ${w.reports}`).join('; ')})`, data };
}

export { faultWindowExposure, faultExposureCheck };
export type { FaultWindowExposure };
