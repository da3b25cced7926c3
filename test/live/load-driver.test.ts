// The built-in load driver keeps k6's constant-arrival-rate shape: requests start on schedule whatever
// the latency (open model), excess beyond maxInFlight is dropped and counted, counts and durations are
// bounded, and it refuses anything but loopback.

import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driveLoad } from '../../harness/live/load-driver.js';

let url = '';
const arrivals: number[] = [];
let inFlight = 0;
let maxInFlight = 0;
const server = createServer((req, res) => {
  arrivals.push(performance.now());
  maxInFlight = Math.max(maxInFlight, ++inFlight);
  req.resume();
  // Slow answers: a closed-model driver would fall far behind the rate.
  setTimeout(() => { inFlight--; res.writeHead(200, { 'content-type': 'application/json' }).end('{}'); }, 150);
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('driveLoad', () => {
  it('starts requests at the set rate although each answer takes 150 ms', async () => {
    arrivals.length = 0;
    maxInFlight = 0;
    const t0 = performance.now();
    const report = await driveLoad({ ratePerSecond: 40, durationMs: 1_000, maxRequests: 0, request: () => ({ url }) });
    expect(report.started).toBe(40);
    expect(report.ok).toBe(40);
    expect(report.dropped).toBe(0);
    // The 40th request is due at 975 ms: never started early, all at once.
    expect((arrivals[arrivals.length - 1] as number) - t0).toBeGreaterThanOrEqual(960);
    // Open model: new requests start while earlier ones still wait for their 150 ms answer.
    expect(maxInFlight).toBeGreaterThanOrEqual(3);
    expect(report.latency.p50Ms).toBeGreaterThanOrEqual(140);
  });

  it('stops at maxRequests and drops what exceeds maxInFlight', async () => {
    const capped = await driveLoad({ ratePerSecond: 200, durationMs: 5_000, maxRequests: 30, request: () => ({ url }) });
    expect(capped.started).toBe(30);
    const squeezed = await driveLoad({ ratePerSecond: 100, durationMs: 500, maxRequests: 0, maxInFlight: 5, request: () => ({ url }) });
    expect(squeezed.started + squeezed.dropped).toBe(50);
    expect(squeezed.dropped).toBeGreaterThan(20);
  });

  it('refuses a non-loopback target', async () => {
    await expect(driveLoad({ ratePerSecond: 1, durationMs: 100, maxRequests: 1, request: () => ({ url: 'http://example.com/' }) }))
      .rejects.toThrow(/E_LOAD_FIELD: request url host is "example.com" — expected a loopback address/);
  });
});
