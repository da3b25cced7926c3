// Calibration is a distribution over seeds: medians and 10–90 % bands of each figure, per-receiver
// figures pooled over receivers and seeds, and a tolerance verdict that can say "outside".

import { describe, expect, it } from 'vitest';
import { calibrate, quantile } from '../../harness/scenario/calibration.js';
import type { ReferenceComparison, ReferenceRow } from '../../harness/scenario/compare-reference.js';
import { messagesFor } from '../../reports/i18n.js';
import { calibrationLines } from '../../reports/calibration-text.js';

const row = (simulated: number, samples: number[] = []): ReferenceRow => ({ figure: { en: 'lost', nb: 'tapt' }, real: 63, simulated, samples, source: '002, Table 2', tolerance: 1.5 });
const comparison = (lost: number, xl: number[]): ReferenceComparison => ({
  source: 'review', rows: [row(lost), { ...row(0, xl), real: 24, tolerance: 2 }], categories: { a: lost, b: 0, c: 0, d: 1 }, byGroup: [], assumptions: ['an assumption'],
});

describe('calibrate', () => {
  it('interpolates quantiles between order statistics', () => {
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.1)).toBe(2);
    expect(quantile([0, 10], 0.9)).toBe(9);
    expect(quantile([5], 0.5)).toBe(5);
  });

  it('gives the median and band over seeds, pools per-receiver samples, and judges the tolerance', () => {
    const seeds = [1, 2, 3, 4, 5];
    const c = calibrate(seeds, [comparison(50, [20, 30]), comparison(60, [10, 25]), comparison(70, [40, 22]), comparison(80, [18, 26]), comparison(90, [24, 23])]);
    const [lost, xl] = c.rows;
    expect(lost).toMatchObject({ median: 70, p10: 54, p90: 86, samples: 5, withinTolerance: true });
    expect(xl?.samples).toBe(10);
    expect(xl?.median).toBe(23.5);
    expect(xl?.withinTolerance).toBe(true);
    expect(c.categories).toEqual({ a: 70, b: 0, c: 0, d: 1 });
    const far = calibrate([1], [comparison(5, [0, 1])]);
    expect(far.rows[0]?.withinTolerance).toBe(false);
    expect(calibrationLines(far, messagesFor('en')).join('\n')).toContain('OUTSIDE ×1.5');
    expect(calibrationLines(far, messagesFor('nb')).join('\n')).toContain('UTENFOR ×1,5');
  });

  it('refuses a seed without its comparison', () => {
    expect(() => calibrate([1, 2], [comparison(1, [])])).toThrow(/one comparison per seed/);
  });
});
