// Virtual time is a plain number of milliseconds since the start of a run. Units live in names.

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** "3d 4h", "15m", "250ms" — short, for traces and reports. */
function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(Math.round(ms));
  if (rest < SECOND_MS) return `${sign}${rest}ms`;
  const parts: string[] = [];
  for (const [unit, size] of [['d', DAY_MS], ['h', HOUR_MS], ['m', MINUTE_MS], ['s', SECOND_MS]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return sign + parts.slice(0, 2).join(' ');
}

/** Day and clock time of a virtual instant: "day 3 14:05:09". */
function formatInstant(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  const inDay = ms - day * DAY_MS;
  const hh = Math.floor(inDay / HOUR_MS);
  const mm = Math.floor((inDay % HOUR_MS) / MINUTE_MS);
  const ss = Math.floor((inDay % MINUTE_MS) / SECOND_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `day ${day} ${pad(hh)}:${pad(mm)}:${pad(ss)}`;
}

export { SECOND_MS, MINUTE_MS, HOUR_MS, DAY_MS, formatDuration, formatInstant };
