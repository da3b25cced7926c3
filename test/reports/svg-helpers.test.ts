// The charts' number helpers (reports/svg.ts): coordinates written with one decimal and never "-0", so
// an SVG's bytes are the same on every run; axis steps of 1, 2 or 5 × 10^k; ticks from 0 past the top.

import { describe, expect, it } from 'vitest';
import { axisTicks, n, niceStep } from '../../reports/svg.js';

describe('n: one decimal, no trailing ".0", no negative zero', () => {
  it.each([
    [0, '0'], [3, '3'], [2.04, '2'], [2.05, '2.1'], [1.25, '1.3'], [12.34, '12.3'], [-1.25, '-1.2'], [-1.26, '-1.3'],
    [-0.04, '0'], [-0, '0'], [-0.05, '0'], [-0.06, '-0.1'], [1e6, '1000000'],
  ])('%s → %s', (value, text) => {
    expect(n(value)).toBe(text);
  });
});

describe('niceStep: the smallest 1/2/5 × 10^k step that needs at most `ticks` parts', () => {
  it.each([
    [10, 10, 1], [11, 10, 2], [20, 10, 2], [21, 10, 5], [50, 10, 5], [51, 10, 10], [100, 10, 10], [101, 10, 20],
    [7, 5, 2], [0.3, 3, 0.1], [0.35, 3, 0.2], [260, 4, 100], [9.5, 1, 10], [3_600_000, 6, 1_000_000],
  ])('max %s in %s ticks → %s', (max, ticks, step) => {
    expect(niceStep(max, ticks)).toBeCloseTo(step, 12);
  });

  it('is 1 for an empty, negative or undefined range', () => {
    for (const max of [0, -5, Number.NaN]) expect(niceStep(max, 5), String(max)).toBe(1);
  });
});

describe('axisTicks: whole-number ticks from 0 up to at least max', () => {
  it.each([
    [0, 5, [0, 1]], [1, 5, [0, 1]], [0.3, 5, [0, 1]], [7, 5, [0, 2, 4, 6, 8]], [8, 4, [0, 2, 4, 6, 8]],
    [9, 4, [0, 5, 10]], [10, 5, [0, 2, 4, 6, 8, 10]], [260, 4, [0, 100, 200, 300]], [3, 10, [0, 1, 2, 3]],
  ])('max %s in %s ticks → %j', (max, ticks, expected) => {
    expect(axisTicks(max, ticks)).toEqual(expected);
  });
});
