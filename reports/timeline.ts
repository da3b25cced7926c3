// The run over time, bucketed for a chart: sends and database write failures per bucket, the fates of
// the messages sent in each bucket, and the fault windows (from the ledger's 'fault' entries, or from
// the fault plan when the ledger was not kept — the schedule is a pure function of the plan).

import type { LedgerEntry } from '../harness/ledger/entries.js';
import { fates, type Fate, type MessageFate } from '../harness/oracle/fates.js';
import { isWindowKind, type FaultSpec } from '../harness/faults/fault-spec.js';
import { DAY_MS, HOUR_MS } from '../harness/runtime/time.js';

interface TimelineBucket {
  startMs: number;
  sends: number;
  /** Write results that definitely failed. */
  writeFailures: number;
  /** Write results with an unknown outcome (timeouts): the write may still commit. */
  writeUnknown: number;
  /** Fates of the messages sent in this bucket. */
  fates: Record<Fate, number>;
}

interface FaultWindow {
  fault: string;
  fromMs: number;
  /** Equal to fromMs for one-off events; the horizon for a window still open when the run ended. */
  toMs: number;
  event: boolean;
  /** Receiver ids it hit, sorted, at most ten; ['*'] when it hit every receiver. */
  targets: string[];
  /** How many receivers it hit in all. */
  targetCount: number;
}

const MAX_TARGETS = 10;

interface Timeline {
  bucketMs: number;
  /** The chart ends where the action does (last send, write or fault), not at the far horizon. */
  endMs: number;
  horizonMs: number;
  buckets: TimelineBucket[];
  faultWindows: FaultWindow[];
  /** Where the windows came from; write failures are only known from the ledger. */
  source: 'ledger' | 'fault-plan';
}

const WEEK_MS = 7 * DAY_MS;

/** Hours for up to a week, days up to a year or so, weeks beyond: a readable number of bars. */
function bucketSizeFor(spanMs: number): number {
  if (spanMs <= 7 * DAY_MS) return HOUR_MS;
  if (spanMs <= 400 * DAY_MS) return DAY_MS;
  return WEEK_MS;
}

function emptyFates(): Record<Fate, number> {
  return Object.fromEntries(fates.map((f) => [f, 0])) as Record<Fate, number>;
}

function windowsFromLedger(entries: readonly LedgerEntry[], endMs: number): FaultWindow[] {
  const open = new Map<string, { fault: string; target: string; fromMs: number }>();
  const windows: { fault: string; target: string; fromMs: number; toMs: number; event: boolean }[] = [];
  for (const e of entries) {
    if (e.kind !== 'fault') continue;
    const key = `${e.fault}@${e.target}`;
    if (e.phase === 'event') windows.push({ fault: e.fault, target: e.target, fromMs: e.t, toMs: e.t, event: true });
    else if (e.phase === 'start') open.set(key, { fault: e.fault, target: e.target, fromMs: e.t });
    else {
      const start = open.get(key);
      open.delete(key);
      windows.push({ fault: e.fault, target: e.target, fromMs: start?.fromMs ?? 0, toMs: e.t, event: false });
    }
  }
  for (const w of open.values()) windows.push({ ...w, toMs: endMs, event: false });
  return windows.map(({ target, ...w }) => ({ ...w, targets: target.split(','), targetCount: 0 }));
}

/** The same schedule scheduleFaults follows, expanded without running it. */
function windowsFromPlan(plan: readonly FaultSpec[], endMs: number): FaultWindow[] {
  const windows: FaultWindow[] = [];
  for (const spec of plan) {
    const targets = spec.targets === undefined ? ['*'] : [...spec.targets];
    if (!isWindowKind(spec.kind)) {
      const at = spec.atMs ?? 0;
      if (at <= endMs) windows.push({ fault: spec.kind, fromMs: at, toMs: at, event: true, targets, targetCount: 0 });
      continue;
    }
    let from = spec.fromMs ?? 0;
    let to = spec.toMs ?? 0;
    for (;;) {
      if (from > endMs) break;
      windows.push({ fault: spec.kind, fromMs: from, toMs: Math.min(to, endMs), event: false, targets, targetCount: 0 });
      const every = spec.repeatEveryMs;
      if (every === undefined || !(from + every < (spec.repeatUntilMs ?? Infinity))) break;
      from += every;
      to += every;
    }
  }
  return windows;
}

/**
 * One band per fault kind and overlapping span: windows of the same kind that overlap (on different
 * receivers, say) merge, so 242 municipalities' nightly backups stay one band a night instead of 242;
 * the band names up to ten targets and counts them all.
 */
function mergeWindows(windows: readonly FaultWindow[], receivers: readonly string[]): FaultWindow[] {
  const byKind = new Map<string, FaultWindow[]>();
  for (const w of windows) {
    const key = `${w.fault}|${w.event ? 'event' : 'window'}`;
    const list = byKind.get(key) ?? [];
    list.push(w);
    byKind.set(key, list);
  }
  const close = (w: FaultWindow, targets: Set<string>): FaultWindow => {
    const all = targets.has('*') || receivers.every((r) => targets.has(r));
    if (all) return { ...w, targets: ['*'], targetCount: receivers.length };
    const sorted = [...targets].sort();
    return { ...w, targets: sorted.slice(0, MAX_TARGETS), targetCount: sorted.length };
  };
  const merged: FaultWindow[] = [];
  for (const list of byKind.values()) {
    const sorted = [...list].sort((a, b) => a.fromMs - b.fromMs || a.toMs - b.toMs);
    let current: { w: FaultWindow; targets: Set<string> } | undefined;
    for (const w of sorted) {
      if (current !== undefined && w.fromMs <= current.w.toMs) {
        current.w.toMs = Math.max(current.w.toMs, w.toMs);
        for (const t of w.targets) current.targets.add(t);
        continue;
      }
      if (current !== undefined) merged.push(close(current.w, current.targets));
      current = { w: { ...w }, targets: new Set(w.targets) };
    }
    if (current !== undefined) merged.push(close(current.w, current.targets));
  }
  return merged.sort((a, b) => a.fromMs - b.fromMs || (a.fault < b.fault ? -1 : a.fault > b.fault ? 1 : 0));
}

function buildTimeline(
  horizonMs: number,
  messages: readonly MessageFate[],
  entries: readonly LedgerEntry[] | undefined,
  plan: readonly FaultSpec[],
  receivers: readonly string[],
): Timeline {
  const source = entries === undefined ? 'fault-plan' : 'ledger';
  const raw = entries === undefined ? windowsFromPlan(plan, horizonMs) : windowsFromLedger(entries, horizonMs);
  const writes = (entries ?? []).filter((e) => e.kind === 'write-result');
  // After the last send, write and fault nothing more can be drawn: purges and detections are fates.
  let activeUntil = 0;
  for (const m of messages) activeUntil = Math.max(activeUntil, m.sentAtMs);
  for (const w of writes) activeUntil = Math.max(activeUntil, w.t);
  for (const w of raw) activeUntil = Math.max(activeUntil, w.toMs);
  activeUntil = Math.min(horizonMs, activeUntil);
  const bucketMs = bucketSizeFor(activeUntil);
  const count = Math.max(1, Math.floor(activeUntil / bucketMs) + 1);
  const buckets: TimelineBucket[] = Array.from({ length: count }, (_, i) => ({
    startMs: i * bucketMs, sends: 0, writeFailures: 0, writeUnknown: 0, fates: emptyFates(),
  }));
  const at = (t: number) => buckets[Math.min(count - 1, Math.max(0, Math.floor(t / bucketMs)))] as TimelineBucket;
  for (const m of messages) {
    const b = at(m.sentAtMs);
    b.sends++;
    b.fates[m.fate]++;
  }
  for (const e of writes) {
    if (e.outcome === 'fail') at(e.t).writeFailures++;
    else if (e.outcome === 'info') at(e.t).writeUnknown++;
  }
  return { bucketMs, endMs: count * bucketMs, horizonMs, buckets, faultWindows: mergeWindows(raw, receivers), source };
}

export { buildTimeline, bucketSizeFor, mergeWindows, windowsFromPlan, WEEK_MS };
export type { Timeline, TimelineBucket, FaultWindow };
