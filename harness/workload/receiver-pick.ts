// Which receiver a generated report goes to: one draw, shared by the simulated workload and the live
// load driver so the same seed and weights send the same reports to the same receivers in both.

/** The one draw the pick takes (an `Rng` fits). */
interface UniformSource {
  /** Uniform in [0, 1). */
  next(): number;
}

/**
 * A picker that returns a receiver index with probability weight / total, drawing exactly one value
 * per pick. Binary search over cumulative sums: the first receiver whose cumulative weight exceeds
 * the draw. (Subtracting weights one by one rounds differently with fractional weights and sends a
 * draw on a boundary to another receiver.) Callers check that the total is positive.
 */
function receiverPicker(weights: readonly number[], rng: UniformSource): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  return () => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

export { receiverPicker };
export type { UniformSource };
