// The timeline's buckets: hour bars for a short run, every send in the bucket of its send time with
// its fate, write failures and unknown outcomes apart (successful writes are not drawn), and the chart
// ending at the last send, write or fault — not at the far horizon, and not at a later purge.

import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../harness/ledger/entries.js';
import { fates, type Fate, type MessageFate } from '../../harness/oracle/fates.js';
import { DAY_MS, HOUR_MS } from '../../harness/runtime/time.js';
import { buildTimeline } from '../../reports/timeline.js';

const sent = (fate: Fate, id: number, sentAtMs: number): MessageFate => ({ msg: id, receiver: 0, sender: 'public', fate, sentAtMs });
const writeResult = (t: number, msg: number, outcome: 'ok' | 'fail' | 'info'): LedgerEntry => ({ t, kind: 'write-result', msg, outcome, latencyMs: 5 });
const only = (counts: Partial<Record<Fate, number>>) => ({ ...Object.fromEntries(fates.map((f) => [f, 0])), ...counts });

describe('buildTimeline: buckets', () => {
  const messages = [sent('stored', 1, 0), sent('lost-silent', 2, 30 * 60_000), sent('recovered', 3, HOUR_MS), sent('fallback', 4, 5.5 * HOUR_MS)];
  const entries: LedgerEntry[] = [
    writeResult(2.5 * HOUR_MS, 2, 'fail'), writeResult(2.5 * HOUR_MS, 2, 'info'), writeResult(3 * HOUR_MS, 2, 'ok'), writeResult(6 * HOUR_MS, 4, 'fail'),
    // A purge weeks later is a fate, not action: the chart does not stretch to it.
    { t: 9 * DAY_MS, kind: 'purge', msg: 2 },
  ];
  const timeline = buildTimeline(30 * DAY_MS, messages, entries, [], ['bergen']);

  it('ends an hour after the last write, in hour buckets, whatever the horizon', () => {
    expect([timeline.bucketMs, timeline.buckets.length, timeline.endMs, timeline.horizonMs, timeline.source]).toEqual([HOUR_MS, 7, 7 * HOUR_MS, 30 * DAY_MS, 'ledger']);
    expect(timeline.buckets.map((b) => b.startMs)).toEqual([0, 1, 2, 3, 4, 5, 6].map((h) => h * HOUR_MS));
  });

  it('counts each send and its fate in the bucket of its send time (an hour’s first ms opens the next bucket)', () => {
    expect(timeline.buckets.map((b) => b.sends)).toEqual([2, 1, 0, 0, 0, 1, 0]);
    expect(timeline.buckets[0]?.fates).toEqual(only({ stored: 1, 'lost-silent': 1 }));
    expect(timeline.buckets[1]?.fates).toEqual(only({ recovered: 1 }));
    expect(timeline.buckets[5]?.fates).toEqual(only({ fallback: 1 }));
    expect(timeline.buckets[2]?.fates).toEqual(only({}));
  });

  it('counts failed writes and unknown outcomes apart, and no successful write', () => {
    expect(timeline.buckets.map((b) => [b.writeFailures, b.writeUnknown])).toEqual([[0, 0], [0, 0], [1, 1], [0, 0], [0, 0], [0, 0], [1, 0]]);
  });

  it('stretches to the last fault window, and uses day buckets past a week', () => {
    const faults: LedgerEntry[] = [{ t: HOUR_MS, kind: 'fault', fault: 'db-outage', phase: 'start', target: 'bergen' }, { t: 8.5 * HOUR_MS, kind: 'fault', fault: 'db-outage', phase: 'heal', target: 'bergen' }];
    expect(buildTimeline(30 * DAY_MS, messages, faults, [], ['bergen']).buckets).toHaveLength(9);
    const long = buildTimeline(30 * DAY_MS, [sent('stored', 1, 8 * DAY_MS + HOUR_MS)], [], [], ['bergen']);
    expect([long.bucketMs, long.buckets.length, long.endMs]).toEqual([DAY_MS, 9, 9 * DAY_MS]);
    expect(long.buckets[8]?.sends).toBe(1);
  });

  it('draws one empty hour for a run with nothing in it', () => {
    const empty = buildTimeline(DAY_MS, [], undefined, [], ['bergen']);
    expect([empty.bucketMs, empty.endMs, empty.source, empty.faultWindows]).toEqual([HOUR_MS, HOUR_MS, 'fault-plan', []]);
    expect(empty.buckets).toEqual([{ startMs: 0, sends: 0, writeFailures: 0, writeUnknown: 0, fates: only({}) }]);
  });

  it('puts a time outside the chart into its edge bucket: before the start in the first, past the horizon in the last', () => {
    const t = buildTimeline(2 * HOUR_MS, [sent('stored', 1, -5), sent('stored', 2, 30 * 60_000), sent('stored', 3, 5 * HOUR_MS)], [writeResult(4 * HOUR_MS, 3, 'fail')], [], ['bergen']);
    expect(t.buckets.map((b) => [b.sends, b.writeFailures])).toEqual([[2, 0], [0, 0], [1, 1]]);
  });
});
