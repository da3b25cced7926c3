// Small helpers for the inline SVG charts: fixed-precision coordinates (deterministic, compact text)
// and "nice" axis steps (1, 2, 5 × 10^k), so axes read like a person drew them.

/** One decimal, no trailing ".0": coordinates stay short and identical across runs. */
function n(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** The smallest 1/2/5 × 10^k step that divides `max` into at most `ticks` parts. */
function niceStep(max: number, ticks: number): number {
  if (!(max > 0)) return 1;
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const f of [1, 2, 5, 10]) if (f * magnitude >= raw) return f * magnitude;
  return 10 * magnitude;
}

/** Integer ticks from 0 up to at least `max`. */
function axisTicks(max: number, ticks: number): number[] {
  const step = Math.max(1, niceStep(max, ticks));
  const top = Math.max(step, Math.ceil(max / step) * step);
  const out: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) out.push(v);
  return out;
}

export { n, niceStep, axisTicks };
