// Fault windows as the timeline shows them: read from the ledger's start/heal/event entries per fault
// and target, or expanded from the plan with the same schedule the run follows (repeats up to, not
// including, repeatUntilMs; nothing after the horizon); then merged per kind into bands, in time order.

import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import type { FaultSpec } from '../../harness/faults/fault-spec.js';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import { buildTimeline, mergeWindows, windowsFromPlan, type FaultWindow } from '../../reports/timeline.js';

const fault = (t: number, name: string, phase: 'start' | 'heal' | 'event', target: string): LedgerEntry => ({ t, kind: 'fault', fault: name, phase, target });
const bands = (entries: LedgerEntry[], receivers = ['alta', 'bodø', 'care'], horizonMs = DAY_MS) => buildTimeline(horizonMs, [], entries, [], receivers).faultWindows;
const spans = (ws: readonly FaultWindow[]) => ws.map((w) => [w.fault, w.fromMs / HOUR_MS, w.toMs / HOUR_MS, w.event, w.targets, w.targetCount]);
const window = (fault: string, fromH: number, toH: number, targets: string[], event = false): FaultWindow => ({ fault, fromMs: fromH * HOUR_MS, toMs: toH * HOUR_MS, event, targets, targetCount: 0 });

describe('fault windows from the ledger', () => {
  it('pairs each start with the heal of the same fault and target, even when two targets overlap', () => {
    const entries = [fault(1 * HOUR_MS, 'db-outage', 'start', 'alta'), fault(5 * HOUR_MS, 'db-outage', 'start', 'bodø'), fault(3 * HOUR_MS, 'db-outage', 'heal', 'alta'), fault(6 * HOUR_MS, 'db-outage', 'heal', 'bodø')];
    expect(spans(bands(entries))).toEqual([['db-outage', 1, 3, false, ['alta'], 1], ['db-outage', 5, 6, false, ['bodø'], 1]]);
    // Two targets overlapping in time: one band naming both.
    const overlapping = [fault(1 * HOUR_MS, 'db-outage', 'start', 'alta'), fault(2 * HOUR_MS, 'db-outage', 'start', 'bodø'), fault(3 * HOUR_MS, 'db-outage', 'heal', 'alta'), fault(4 * HOUR_MS, 'db-outage', 'heal', 'bodø')];
    expect(spans(bands(overlapping))).toEqual([['db-outage', 1, 4, false, ['alta', 'bodø'], 2]]);
  });

  it('keeps a different fault on the same target apart', () => {
    const entries = [fault(1 * HOUR_MS, 'db-outage', 'start', 'alta'), fault(2 * HOUR_MS, 'db-overload', 'start', 'alta'), fault(3 * HOUR_MS, 'db-outage', 'heal', 'alta'), fault(4 * HOUR_MS, 'db-overload', 'heal', 'alta')];
    expect(spans(bands(entries))).toEqual([['db-outage', 1, 3, false, ['alta'], 1], ['db-overload', 2, 4, false, ['alta'], 1]]);
  });

  it('starts a heal with no start at 0, ends a window still open at the horizon, and shows events as instants', () => {
    const entries = [fault(2 * HOUR_MS, 'db-overload', 'heal', 'alta'), fault(5 * HOUR_MS, 'db-outage', 'start', 'care'), fault(7 * HOUR_MS, 'case-system-crash', 'event', 'bodø')];
    expect(spans(bands(entries, ['alta', 'bodø', 'care'], 12 * HOUR_MS))).toEqual([
      ['db-overload', 0, 2, false, ['alta'], 1],
      ['db-outage', 5, 12, false, ['care'], 1],
      ['case-system-crash', 7, 7, true, ['bodø'], 1],
    ]);
  });

  it('splits a comma-separated target, and names a fault that hit every receiver *', () => {
    expect(spans(bands([fault(HOUR_MS, 'db-outage', 'start', 'care,alta'), fault(2 * HOUR_MS, 'db-outage', 'heal', 'care,alta')]))).toEqual([['db-outage', 1, 2, false, ['alta', 'care'], 2]]);
    expect(spans(bands([fault(HOUR_MS, 'db-outage', 'start', 'care,alta,bodø'), fault(2 * HOUR_MS, 'db-outage', 'heal', 'care,alta,bodø')]))).toEqual([['db-outage', 1, 2, false, ['*'], 3]]);
    expect(spans(bands([fault(HOUR_MS, 'backup-spike', 'start', '*'), fault(2 * HOUR_MS, 'backup-spike', 'heal', '*')]))).toEqual([['backup-spike', 1, 2, false, ['*'], 3]]);
  });

  it('keeps an event apart from a window of the same name', () => {
    const entries = [fault(1 * HOUR_MS, 'db-outage', 'start', 'alta'), fault(2 * HOUR_MS, 'db-outage', 'event', 'alta'), fault(3 * HOUR_MS, 'db-outage', 'heal', 'alta')];
    expect(spans(bands(entries))).toEqual([['db-outage', 1, 3, false, ['alta'], 1], ['db-outage', 2, 2, true, ['alta'], 1]]);
  });
});

describe('fault windows from the plan', () => {
  const end = 3.5 * DAY_MS;
  const at = (plan: FaultSpec[], endMs = end) => windowsFromPlan(plan, endMs).map((w) => [w.fault, w.fromMs, w.toMs, w.event, w.targets]);

  it('repeats a window while the next start is before repeatUntilMs, and up to the horizon without one', () => {
    const nightly = (repeatUntilMs?: number): FaultSpec => ({ kind: 'backup-spike', fromMs: HOUR_MS, toMs: 4 * HOUR_MS, repeatEveryMs: DAY_MS, ...(repeatUntilMs === undefined ? {} : { repeatUntilMs }) });
    expect(at([nightly(2 * DAY_MS + HOUR_MS)]).map((w) => w[1])).toEqual([HOUR_MS, DAY_MS + HOUR_MS]);
    expect(at([nightly(2 * DAY_MS + HOUR_MS + 1)]).map((w) => w[1])).toEqual([HOUR_MS, DAY_MS + HOUR_MS, 2 * DAY_MS + HOUR_MS]);
    expect(at([nightly()]).map((w) => [w[1], w[2]])).toEqual([0, 1, 2, 3].map((d) => [d * DAY_MS + HOUR_MS, d * DAY_MS + 4 * HOUR_MS]));
    // The horizon cuts the last window short, and a start after it opens none.
    expect(at([nightly()], 3 * DAY_MS + 2 * HOUR_MS).at(-1)).toEqual(['backup-spike', 3 * DAY_MS + HOUR_MS, 3 * DAY_MS + 2 * HOUR_MS, false, ['*']]);
    expect(at([nightly()], 3 * DAY_MS + HOUR_MS).at(-1)).toEqual(['backup-spike', 3 * DAY_MS + HOUR_MS, 3 * DAY_MS + HOUR_MS, false, ['*']]);
    expect(at([nightly()], 3 * DAY_MS + HOUR_MS - 1)).toHaveLength(3);
  });

  it('opens a window once without a repeat, from 0 when its times are missing', () => {
    expect(at([{ kind: 'db-outage', targets: ['alta'], fromMs: HOUR_MS, toMs: 2 * HOUR_MS }])).toEqual([['db-outage', HOUR_MS, 2 * HOUR_MS, false, ['alta']]]);
    expect(at([{ kind: 'db-overload' }])).toEqual([['db-overload', 0, 0, false, ['*']]]);
  });

  it('places an event at its instant (0 without one), up to and including the horizon', () => {
    expect(at([{ kind: 'case-system-crash', targets: ['bodø'], atMs: end }, { kind: 'early-purge' }, { kind: 'db-session-kill', atMs: end + 1 }])).toEqual([
      ['case-system-crash', end, end, true, ['bodø']],
      ['early-purge', 0, 0, true, ['*']],
    ]);
  });
});

describe('mergeWindows', () => {
  const receivers = ['alta', 'bodø', 'care'];

  it('merges windows of a kind that touch or overlap, keeping the latest end, whatever their order', () => {
    const merged = mergeWindows([window('db-outage', 5, 6, ['care']), window('db-outage', 1, 10, ['alta']), window('db-outage', 2, 3, ['bodø']), window('db-outage', 10, 11, ['bodø']), window('db-outage', 12, 13, ['alta'])], receivers);
    expect(spans(merged)).toEqual([['db-outage', 1, 11, false, ['*'], 3], ['db-outage', 12, 13, false, ['alta'], 1]]);
  });

  it('names only the receivers hit when not all were, sorted', () => {
    expect(spans(mergeWindows([window('db-outage', 1, 2, ['care']), window('db-outage', 1, 3, ['alta'])], receivers))).toEqual([['db-outage', 1, 3, false, ['alta', 'care'], 2]]);
  });

  it('orders the bands by start, then by fault name', () => {
    const merged = mergeWindows([window('db-overload', 1, 2, ['*']), window('backup-spike', 1, 2, ['*']), window('case-system-crash', 0, 0, ['alta'], true), window('db-outage', 1, 2, ['alta']), window('backup-spike', 0.5, 0.7, ['care'])], receivers);
    expect(merged.map((w) => [w.fault, w.fromMs / HOUR_MS])).toEqual([['case-system-crash', 0], ['backup-spike', 0.5], ['backup-spike', 1], ['db-outage', 1], ['db-overload', 1]]);
  });

  it('keeps a window and an event of the same name that start together in the order they came', () => {
    const windowFirst = mergeWindows([window('db-outage', 2, 3, ['alta']), window('db-outage', 2, 2, ['alta'], true)], receivers);
    expect(windowFirst.map((w) => w.event)).toEqual([false, true]);
    const eventFirst = mergeWindows([window('db-outage', 2, 2, ['alta'], true), window('db-outage', 2, 3, ['alta'])], receivers);
    expect(eventFirst.map((w) => w.event)).toEqual([true, false]);
  });
});
