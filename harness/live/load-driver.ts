// The built-in load driver: the traffic shape of k6's constant-arrival-rate executor (load/*.ts) in
// plain Node, so the tests here need no k6. Requests start at a fixed rate whatever the latency
// (open model); when `maxInFlight` requests are already waiting, a due request is dropped and counted,
// like k6's dropped_iterations. Bounded by count and duration, and it only talks to loopback.

import { KvitteringError } from '../errors.js';
import { isLoopbackHost } from '../safety/target-guard.js';

/**
 * Ceilings no run may pass, whatever its options: the built-in driver is for loopback resilience
 * tests, not for load tests of real systems (use k6 against a staging system you own for that).
 */
const LOAD_CEILINGS = { ratePerSecond: 1_000, durationMs: 10 * 60_000, requests: 100_000, maxInFlight: 1_000, timeoutMs: 60_000 } as const;

interface LoadRequest {
  url: string;
  init?: RequestInit;
}

interface LoadOptions {
  ratePerSecond: number;
  /** Wall time over which requests start. */
  durationMs: number;
  /** Stop after this many requests (0 = only the duration bounds it). */
  maxRequests: number;
  /** The i-th request (0-based). */
  request: (i: number) => LoadRequest;
  /** Per-request wall-clock limit. */
  timeoutMs?: number;
  maxInFlight?: number;
  /** Told about every answer (status 0 = network error or timeout). */
  onResponse?: (i: number, status: number, body: string) => void;
  signal?: AbortSignal;
}

interface LatencySummary {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

interface LoadReport {
  started: number;
  ok: number;
  /** Answered, but not 2xx. */
  rejected: number;
  /** No answer: network error or timeout. */
  errors: number;
  dropped: number;
  durationMs: number;
  /** Requests started per second of the run. */
  startedPerSecond: number;
  /** 2xx answers per second of the run (until the last answer). */
  okPerSecond: number;
  latency: LatencySummary;
  statuses: Record<string, number>;
}

function assertLoopback(url: string): void {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    throw new KvitteringError('E_LOAD_FIELD', `request url is ${JSON.stringify(url)} — expected an absolute http URL`);
  }
  if (!isLoopbackHost(host)) {
    throw new KvitteringError('E_LOAD_FIELD', `request url host is ${JSON.stringify(host)} — expected a loopback address (127.0.0.1, localhost, ::1)`,
      'The built-in driver never loads other machines; use the k6 scripts in load/ against a staging system you own.');
  }
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

async function driveLoad(options: LoadOptions): Promise<LoadReport> {
  if (!(options.ratePerSecond > 0)) throw new KvitteringError('E_LOAD_FIELD', `ratePerSecond is ${options.ratePerSecond} — expected a number > 0`);
  if (!(options.durationMs > 0)) throw new KvitteringError('E_LOAD_FIELD', `durationMs is ${options.durationMs} — expected a number > 0`);
  const ceiling = (field: keyof typeof LOAD_CEILINGS, value: number) => {
    if (!(value <= LOAD_CEILINGS[field])) {
      throw new KvitteringError('E_LOAD_LIMIT', `${field} is ${value} — expected at most ${LOAD_CEILINGS[field]} (the built-in driver's ceiling)`,
        'Live runs are resilience tests on loopback; for real load use the k6 scripts in load/ against a staging system you own.');
    }
  };
  ceiling('ratePerSecond', options.ratePerSecond);
  ceiling('durationMs', options.durationMs);
  ceiling('requests', options.maxRequests);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxInFlight = options.maxInFlight ?? 1_000;
  ceiling('timeoutMs', timeoutMs);
  ceiling('maxInFlight', maxInFlight);
  // 0 means "only the duration bounds it" — and the count ceiling still does.
  const total = Math.min(options.maxRequests > 0 ? options.maxRequests : LOAD_CEILINGS.requests, Math.ceil((options.durationMs / 1000) * options.ratePerSecond));
  const intervalMs = 1000 / options.ratePerSecond;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const report = { started: 0, ok: 0, rejected: 0, errors: 0, dropped: 0 };
  const pending = new Set<Promise<void>>();
  const t0 = performance.now();
  let lastAnswerMs = t0;

  const fire = (i: number) => {
    const { url, init } = options.request(i);
    assertLoopback(url);
    report.started++;
    const begin = performance.now();
    const p = fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
      .then(async (response) => {
        const body = await response.text();
        return { status: response.status, body };
      }, () => ({ status: 0, body: '' }))
      .then(({ status, body }) => {
        const end = performance.now();
        lastAnswerMs = Math.max(lastAnswerMs, end);
        latencies.push(end - begin);
        statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
        if (status === 0) report.errors++;
        else if (status >= 200 && status < 300) report.ok++;
        else report.rejected++;
        options.onResponse?.(i, status, body);
      });
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  let i = 0;
  while (i < total && options.signal?.aborted !== true) {
    const now = performance.now() - t0;
    // Start everything that is due (catching up after a slow tick keeps the rate, as k6 does).
    while (i < total && i * intervalMs <= now) {
      if (pending.size >= maxInFlight) report.dropped++;
      else fire(i);
      i++;
    }
    if (i >= total) break;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, i * intervalMs - (performance.now() - t0))));
  }
  await Promise.all([...pending]);
  const durationMs = Math.max(1, lastAnswerMs - t0);
  latencies.sort((a, b) => a - b);
  return {
    ...report,
    durationMs,
    startedPerSecond: report.started / (Math.max(1, Math.min(options.durationMs, (i * intervalMs))) / 1000),
    okPerSecond: report.ok / (durationMs / 1000),
    latency: { p50Ms: percentile(latencies, 0.5), p95Ms: percentile(latencies, 0.95), p99Ms: percentile(latencies, 0.99), maxMs: latencies[latencies.length - 1] ?? 0 },
    statuses,
  };
}

export { driveLoad, assertLoopback, LOAD_CEILINGS };
export type { LoadOptions, LoadReport, LoadRequest, LatencySummary };
