// Section 4, live mode: the HTTP portal's report intake (POST /bekymringsmelding) under the built-in
// load driver (harness/live/load-driver.ts: k6-style constant arrival rate, bounded in-flight), beside
// a bare node:http server answering the same route, in the same run. Each server runs in a child
// process of its own; the driver runs here. It offers the driver's own rate ceiling (LOAD_CEILINGS,
// a safety limit no option lifts — docs/safety.md), with few requests in flight: both servers are
// measured at that offered load. The note says when a server kept up with it, since then the row
// is bounded by the ceiling, not by the server.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { driveLoad, LOAD_CEILINGS, type LoadReport } from '../harness/live/load-driver.js';
import { metricRow, type MetricRow } from './bench-results.js';
import type { BenchOptions } from './main.js';
import { KvitteringError } from '../harness/errors.js';
import { measurePoller } from './poller-bench.js';

const serverScript = fileURLToPath(new URL('./live-server.js', import.meta.url));
const OFFERED_PER_S = LOAD_CEILINGS.ratePerSecond;
const MAX_IN_FLIGHT = 64;
const MEASURE_MS = 5_000;
const WARM_UP_MS = 1_000;

async function withServer<T>(kind: 'portal' | 'bare', use: (url: string) => Promise<T>): Promise<T> {
  const child = spawn(process.execPath, [serverScript, kind], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /^URL (\S+)$/m.exec(out);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new KvitteringError('E_BENCH_LIVE', `the ${kind} server exited (${code ?? 'signal'}) before it listened`)));
  });
  try {
    return await use(url);
  } finally {
    child.stdin.end();
    await new Promise((resolve) => child.on('exit', resolve));
  }
}

function drive(url: string, durationMs: number): Promise<LoadReport> {
  const body = JSON.stringify({ kommune: 'oslo', type: 'offentlig' });
  return driveLoad({
    ratePerSecond: OFFERED_PER_S, durationMs, maxRequests: 0, maxInFlight: MAX_IN_FLIGHT, timeoutMs: 10_000,
    request: () => ({ url: `${url}/bekymringsmelding`, init: { method: 'POST', headers: { 'content-type': 'application/json' }, body } }),
  });
}

async function measureLive(o: BenchOptions, raw: Record<string, unknown[]>, log: (line: string) => void): Promise<MetricRow[]> {
  const runs: { kind: 'portal' | 'bare'; report: LoadReport }[] = [];
  for (let i = 0; i < o.runs; i++) {
    for (const kind of ['bare', 'portal'] as const) {
      const report = await withServer(kind, async (url) => {
        await drive(url, WARM_UP_MS);
        return drive(url, MEASURE_MS);
      });
      log(`  live ${kind} run ${i + 1}/${o.runs}: ${Math.round(report.okPerSecond)} 2xx/s, p99 ${report.latency.p99Ms.toFixed(1)} ms, ${report.errors + report.rejected} errors`);
      runs.push({ kind, report });
    }
  }
  raw.live = runs.map(({ kind, report }) => ({ kind, ...report }));
  const of = (kind: 'portal' | 'bare') => runs.filter((r) => r.kind === kind).map((r) => r.report);
  const portal = of('portal');
  const bare = of('bare');
  // A server that dropped nothing kept up with the offered rate: its row is the ceiling, not its capacity.
  const keptUp = (reports: LoadReport[]) => reports.some((r) => r.dropped === 0) ? 'kept up in some runs (bounded by the offered rate)' : 'saturated in every run';
  const note = `POST /bekymringsmelding, offered ${OFFERED_PER_S}/s (the load driver's ceiling) with at most ${MAX_IN_FLIGHT} in flight, ${MEASURE_MS / 1000} s after a ${WARM_UP_MS / 1000} s warm-up; portal ${keptUp(portal)}, bare ${keptUp(bare)}; each server in its own process, the driver (fetch) in the benchmark's — on 2 shared cores the driver takes CPU from the server`;
  const poller = await measurePoller(o.runs, log);
  return [
    ...poller,
    metricRow('live', 'HTTP portal intake', 'req/s', portal.map((r) => r.okPerSecond), { note }),
    metricRow('live', 'HTTP portal p99 latency at saturation', 'ms', portal.map((r) => r.latency.p99Ms)),
    metricRow('live', 'bare node:http, same route', 'req/s', bare.map((r) => r.okPerSecond)),
    metricRow('live', 'bare node:http p99 latency', 'ms', bare.map((r) => r.latency.p99Ms)),
    metricRow('live', 'portal throughput vs bare Node', '%', portal.map((r, i) => (100 * r.okPerSecond) / ((bare[i] as LoadReport).okPerSecond)), { target: { op: '>=', value: 60 } }),
  ];
}

export { measureLive };
