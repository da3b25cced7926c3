// A calibration is a distribution, not one number: the same scenario over many seeds, each figure's
// simulated values pooled (one per seed, or one per receiver in scope per seed), and its median and
// 10–90 % band set beside the real value and its source. Pure: comparisons in, table out.

import { KvitteringError } from '../errors.js';
import { median, type CategoryCounts, type ReferenceComparison } from './compare-reference.js';
import type { Localized } from './localized.js';

interface CalibrationRow {
  figure: Localized;
  real: number | undefined;
  source: string | undefined;
  median: number;
  p10: number;
  p90: number;
  /** How many values the distribution holds (seeds, or seeds × receivers in scope). */
  samples: number;
  tolerance: number | undefined;
  /** Whether the median lies within the tolerance factor of the real value (undefined: no target). */
  withinTolerance: boolean | undefined;
}

interface Calibration {
  source: string;
  seeds: number[];
  rows: CalibrationRow[];
  /** The review's outcome categories A–D: median over the seeds (case-system topologies only). */
  categories?: CategoryCounts;
  assumptions: Localized[];
}

/** The q-quantile by linear interpolation between the order statistics. */
function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}

function within(value: number, real: number | undefined, tolerance: number | undefined): boolean | undefined {
  if (real === undefined || tolerance === undefined) return undefined;
  if (real === 0) return value === 0;
  return value >= real / tolerance && value <= real * tolerance;
}

function calibrate(seeds: readonly number[], comparisons: readonly ReferenceComparison[]): Calibration {
  const first = comparisons[0];
  if (first === undefined || comparisons.length !== seeds.length) throw new KvitteringError('E_CALIBRATION', 'one comparison per seed expected');
  const rows = first.rows.map((row, k): CalibrationRow => {
    const values = comparisons.flatMap((c) => {
      const r = c.rows[k];
      if (r === undefined) return [];
      return r.samples.length > 0 ? r.samples : [r.simulated];
    });
    const m = median(values);
    return {
      figure: row.figure, real: row.real, source: row.source, median: m, p10: quantile(values, 0.1), p90: quantile(values, 0.9),
      samples: values.length, tolerance: row.tolerance, withinTolerance: within(m, row.real, row.tolerance),
    };
  });
  const calibration: Calibration = { source: first.source, seeds: [...seeds], rows, assumptions: first.assumptions };
  if (first.categories !== undefined) {
    const category = (key: keyof CategoryCounts) => median(comparisons.map((c) => c.categories?.[key] ?? 0));
    calibration.categories = { a: category('a'), b: category('b'), c: category('c'), d: category('d') };
  }
  return calibration;
}

export { calibrate, quantile };
export type { Calibration, CalibrationRow };
