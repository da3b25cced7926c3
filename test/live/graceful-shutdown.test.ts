// SIGTERM during load loses nothing the service said yes to: the reference case system in
// before-commit mode (2xx before the write — the hardest case) runs as its own process on real
// PostgreSQL, takes pushes at a constant rate, and is told to stop halfway. Every message answered
// 2xx must be in the database afterwards, and the process must exit 0.

import { createServer, type Server } from 'node:http';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { driveLoad } from '../../harness/live/load-driver.js';
import { messageUuid } from '../../simulators/portal/http/wire.js';
import { createPostgresDatabase } from '../support/real-databases.js';
import { spawnService } from '../support/spawn-service.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn().catch(() => undefined);
});

/** A portal stand-in that takes every receipt (this test is about the case system's own shutdown). */
async function receiptSink(): Promise<{ url: string; server: Server; receipts: number }> {
  const sink = { url: '', server: createServer(), receipts: 0 };
  sink.server.on('request', (req, res) => {
    req.resume();
    req.on('end', () => { sink.receipts++; res.writeHead(202, { 'content-type': 'application/json' }).end('{}'); });
  });
  await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
  const address = sink.server.address();
  sink.url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  return sink;
}

describe('graceful shutdown', () => {
  it('SIGTERM during load: every 2xx-accepted message is in the database, and the process exits 0', async () => {
    const db = await createPostgresDatabase();
    cleanup.push(() => db.drop());
    const sink = await receiptSink();
    cleanup.push(() => new Promise((resolve) => sink.server.close(resolve)));
    const service = await spawnService(['case-system', '--ack-policy', 'before-commit', '--portal-url', sink.url, '--username', 'oslo',
      '--storage', db.url, '--processing-delay-ms', '300'], { env: { KVITTERING_PORTAL_PASSWORD: 'test-only' } });
    cleanup.push(() => service.stop());
    const pushUrl = service.listening.pushUrl as string;

    const idBase = 7_000_000 + Math.floor(performance.now());
    const accepted = new Set<number>();
    let stopping: Promise<unknown> | undefined;
    const report = await driveLoad({
      ratePerSecond: 40, durationMs: 2_500, maxRequests: 100, timeoutMs: 10_000,
      request: (i) => {
        if (i === 40) stopping = service.stop(); // SIGTERM with ~40 writes accepted and more arriving
        return {
          url: pushUrl,
          init: {
            method: 'POST', headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ meldingId: messageUuid(idBase + i), meldingType: 'no.ks.fiks.bekymringsmelding.privat.v1', sendtTidspunkt: 0, resendt: false, bekymringsmelding: { n: i } }),
          },
        };
      },
      onResponse: (i, status) => { if (status >= 200 && status < 300) accepted.add(idBase + i); },
    });
    const exit = await stopping;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(accepted.size).toBeGreaterThanOrEqual(10);
    expect(report.ok).toBe(accepted.size);
    // Requests after the stop were refused (503 while draining, or connection refused), never half-done.
    expect(report.ok + report.rejected + report.errors).toBe(report.started);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const rows = await client.query<{ id: string }>('SELECT message_id::text AS id FROM received_reports');
    await client.end();
    const stored = new Set(rows.rows.map((r) => Number(r.id)));
    const missing = [...accepted].filter((msg) => !stored.has(msg));
    expect(missing).toEqual([]);
    expect(service.lines.some((l) => l.includes('"stopped"'))).toBe(true);
  });
});
