// The detection histogram's numbers: bins of a day up to 90 days and of a week beyond, each loss in
// the bin of its time to detection (in time or too late), and the counts beside it — including the
// late losses that were found while the portal still held them.

import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../harness/runtime/time.js';
import { buildRunReport, type RunReport } from '../../reports/run-report.js';
import { handMadeRun, handMeta, handRepro, msg, type HandMade } from './hand-made-run.js';

const detection = (o: HandMade): RunReport['detection'] => buildRunReport(handMeta, handMadeRun(o), handRepro).detection;
const WEEK_MS = 7 * DAY_MS;

describe('buildRunReport: detection', () => {
  it('uses day bins up to a 90-day span and week bins beyond it, from the retention or the slowest detection', () => {
    const ninety = detection({ retentionDays: 90 });
    expect([ninety.retentionMs, ninety.binMs, ninety.bins.length]).toEqual([90 * DAY_MS, DAY_MS, 91]);
    const longer = detection({ retentionDays: 91 });
    expect([longer.binMs, longer.bins.length]).toEqual([WEEK_MS, 14]);
    const slowAtNinety = detection({ retentionDays: 14, messages: [msg('lost-detected-late', 1, 0, { timeToDetectionMs: 90 * DAY_MS })] });
    expect([slowAtNinety.binMs, slowAtNinety.bins.length]).toEqual([DAY_MS, 91]);
    const slower = detection({ retentionDays: 14, messages: [msg('lost-detected-late', 1, 0, { timeToDetectionMs: 90 * DAY_MS + 1 })] });
    expect([slower.binMs, slower.bins.length]).toEqual([WEEK_MS, 13]);
    expect(slower.bins[12]).toEqual({ fromMs: 12 * WEEK_MS, toMs: 13 * WEEK_MS, recovered: 0, late: 1 });
  });

  it('puts each detected loss in the bin of its time to detection: recovered in time, any other fate late', () => {
    const d = detection({
      retentionDays: 14,
      messages: [
        msg('recovered', 1, 0, { timeToDetectionMs: DAY_MS / 2 }),
        msg('recovered', 2, 0, { timeToDetectionMs: 3 * DAY_MS + 1 }),
        msg('lost-detected-late', 3, 0, { timeToDetectionMs: 3 * DAY_MS + 2 }),
        msg('lost-detected-late', 4, 0, { timeToDetectionMs: 20 * DAY_MS }),
        msg('lost-silent', 5, 0),
        msg('stored', 6, 0),
      ],
    });
    expect(d.bins).toHaveLength(21);
    expect(d.bins.slice(0, 2)).toEqual([{ fromMs: 0, toMs: DAY_MS, recovered: 1, late: 0 }, { fromMs: DAY_MS, toMs: 2 * DAY_MS, recovered: 0, late: 0 }]);
    expect(d.bins[3]).toEqual({ fromMs: 3 * DAY_MS, toMs: 4 * DAY_MS, recovered: 1, late: 1 });
    expect(d.bins[20]).toEqual({ fromMs: 20 * DAY_MS, toMs: 21 * DAY_MS, recovered: 0, late: 1 });
    expect(d.bins.reduce((a, b) => a + b.recovered + b.late, 0)).toBe(4);
  });

  it('counts in time, late, late-but-found-in-time and silent apart, each from its own fate', () => {
    const d = detection({
      messages: [
        msg('recovered', 1, 0, { timeToDetectionMs: DAY_MS, detectedInWindow: true }),
        msg('recovered', 2, 0, { timeToDetectionMs: DAY_MS }),
        msg('recovered', 3, 0, { timeToDetectionMs: DAY_MS }),
        msg('lost-detected-late', 4, 0, { timeToDetectionMs: 2 * DAY_MS, detectedInWindow: true }),
        msg('lost-detected-late', 5, 0, { timeToDetectionMs: 15 * DAY_MS, detectedInWindow: false }),
        msg('lost-detected-late', 6, 0, { timeToDetectionMs: 16 * DAY_MS, detectedInWindow: false }),
        msg('lost-detected-late', 7, 0, { timeToDetectionMs: 17 * DAY_MS }),
        msg('lost-silent', 8, 0, { detectedInWindow: true }),
        msg('lost-silent', 9, 0),
        msg('stored', 10, 0),
      ],
    });
    expect({ inWindow: d.inWindow, late: d.late, lateInWindow: d.lateInWindow, silent: d.silent }).toEqual({ inWindow: 3, late: 4, lateInWindow: 1, silent: 2 });
    expect(d.receiptDeadlineMs).toBe(2 * DAY_MS);
  });

  it('rounds the time-to-detection distribution to whole ms, and has none when nothing was detected', () => {
    const timeToDetection = { count: 2, minMs: 10.4, medianMs: 20.5, p95Ms: 30.6, maxMs: 40.49 };
    expect(detection({ timeToDetection }).distribution).toEqual({ count: 2, minMs: 10, medianMs: 21, p95Ms: 31, maxMs: 40 });
    expect(detection({}).distribution).toBeUndefined();
  });
});
