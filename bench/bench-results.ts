// What `npm run bench` writes to bench/results.json: the machine, every raw run, and one row per
// metric with its median, range and target. Plain data; render-table.ts turns it into text.

interface Target {
  /** The metric must be at least (≥) or at most (≤) this value. */
  op: '>=' | '<=';
  value: number;
}

interface MetricRow {
  section: string;
  metric: string;
  unit: string;
  /** Median of the runs; null when nothing could be measured (see note). */
  median: number | null;
  min: number | null;
  max: number | null;
  runs: number;
  target?: Target;
  note?: string;
  /** Median CPU seconds of the process (all threads) for the measurement behind the row; null when not recorded. */
  cpuS?: number | null;
  /** The commit the row was measured at. */
  commit?: string;
  /** The working tree had uncommitted changes to tracked files when the row was measured. */
  dirty?: boolean;
  /** Set on a row carried over from an earlier results.json (`--keep`): when and at which commit it was measured. */
  carriedFrom?: { commit: string; generatedAt: string };
}

interface Machine {
  nproc: number;
  cpuModel: string;
  node: string;
  platform: string;
  totalMemoryGiB: number;
}

interface BenchResults {
  generatedAt: string;
  commit: string;
  /** Uncommitted changes to tracked files at the start of the run. */
  dirty?: boolean;
  machine: Machine;
  /** 1/5/15-minute load averages when the benchmark started and ended: other work skews the numbers. */
  loadAverage: { start: number[]; end: number[] };
  rows: MetricRow[];
  /** Raw per-run results by section, for anyone who distrusts a median. */
  raw: Record<string, unknown[]>;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A row from the values of several runs (an empty list gives an unmeasured row). */
function metricRow(section: string, metric: string, unit: string, values: readonly number[], extra: { target?: Target; note?: string; cpuS?: readonly number[] } = {}): MetricRow {
  const row: MetricRow = {
    section, metric, unit, median: median(values),
    min: values.length === 0 ? null : Math.min(...values),
    max: values.length === 0 ? null : Math.max(...values),
    runs: values.length,
  };
  if (extra.target !== undefined) row.target = extra.target;
  if (extra.note !== undefined) row.note = extra.note;
  if (extra.cpuS !== undefined) row.cpuS = median(extra.cpuS);
  return row;
}

/** true / false against the target; undefined when there is no target or no measurement. */
function targetMet(row: MetricRow): boolean | undefined {
  if (row.target === undefined || row.median === null) return undefined;
  return row.target.op === '>=' ? row.median >= row.target.value : row.median <= row.target.value;
}

export { median, metricRow, targetMet };
export type { BenchResults, MetricRow, Machine, Target };
