// The portal's export (the dashboard a municipality reconciles against) keeps every row it is given,
// in order, past the size it starts with; and the retention period in days is that many days in ms.

import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../harness/runtime/time.js';
import { ExportLog } from '../../simulators/portal/export-log.js';
import { retentionMs } from '../../simulators/portal/retention.js';

const rowsOf = (log: ExportLog) => Array.from({ length: log.length }, (_, i) => [log.msgAt(i), log.sentAtMsAt(i), log.receiptAtMsAt(i)]);

describe('ExportLog', () => {
  it('starts empty', () => {
    expect(new ExportLog().length).toBe(0);
  });

  it('keeps msg, sent time and receipt time of each row, in the order pushed', () => {
    const log = new ExportLog();
    log.push(7, 1_000, 5_000);
    log.push(3, 2_000, 4_000);
    expect(rowsOf(log)).toEqual([[7, 1_000, 5_000], [3, 2_000, 4_000]]);
  });

  it('keeps every row across growth: 64 fit at first, then it doubles', () => {
    const log = new ExportLog();
    const n = 64 * 4 + 1;
    for (let i = 0; i < n; i++) log.push(i, i * 10, i * 10 + 1);
    expect(log.length).toBe(n);
    expect(rowsOf(log)).toEqual(Array.from({ length: n }, (_, i) => [i, i * 10, i * 10 + 1]));
  });

  it('grows exactly at the 65th row without losing the 64th', () => {
    const log = new ExportLog();
    for (let i = 0; i < 65; i++) log.push(100 + i, i, -i);
    expect(rowsOf(log).slice(62)).toEqual([[162, 62, -62], [163, 63, -63], [164, 64, -64]]);
  });
});

describe('retentionMs', () => {
  it('is retentionDays whole days', () => {
    expect(retentionMs(14)).toBe(14 * DAY_MS);
    expect(retentionMs(30)).toBe(2_592_000_000);
    expect(retentionMs(0)).toBe(0);
  });
});
