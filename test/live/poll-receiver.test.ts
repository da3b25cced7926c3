// A vendor-style SvarInn client as the system under test: it polls hentNyeForsendelser over real
// HTTP, downloads each shipment, stores it in its own PostgreSQL table (uuid key), and answers
// kvitterMottak. The portal loses half of its receipts for a while, so shipments come back and are
// downloaded again; the oracle reads the client's own table (`:uuids`) and must find every report
// stored exactly once.

import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../harness/runtime/time.js';
import { ofKind } from '../../harness/ledger/ledger.js';
import { runLive } from '../../harness/live/run-live.js';
import { createPostgresDatabase, testFaultHosts } from '../support/real-databases.js';

const account = { username: 'bergen-fagsystem', password: 'test-only-secret' };
const auth = `Basic ${Buffer.from(`${account.username}:${account.password}`).toString('base64')}`;
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn().catch(() => undefined);
});

/** The vendor's poller: list, download, store, receipt — every 100 ms until stopped. */
function startPoller(portalUrl: string, db: pg.Pool): { stop(): Promise<void>; downloads: number } {
  const state = { running: true, downloads: 0 };
  const loop = (async () => {
    while (state.running) {
      try {
        const list = await (await fetch(`${portalUrl}/mottaker/hentNyeForsendelser`, { headers: { authorization: auth }, signal: AbortSignal.timeout(2_000) })).json() as { id: string; downloadUrl: string }[];
        for (const f of list) {
          const file = await fetch(f.downloadUrl, { headers: { authorization: auth }, signal: AbortSignal.timeout(2_000) });
          if (file.status !== 200) continue;
          await file.arrayBuffer();
          state.downloads++;
          await db.query('INSERT INTO bekymringsmelding (melding_id) VALUES ($1) ON CONFLICT DO NOTHING', [f.id]);
          await (await fetch(`${portalUrl}/kvitterMottak/forsendelse/${f.id}`, { method: 'POST', headers: { authorization: auth }, signal: AbortSignal.timeout(2_000) })).arrayBuffer();
        }
      } catch { /* the next poll tries again */ }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return { stop: async () => { state.running = false; await loop; }, get downloads() { return state.downloads; } };
}

describe('a polling receiver (SvarInn) as the system under test', () => {
  it('stores every report once although half the receipts are lost for a while', async () => {
    const db = await createPostgresDatabase();
    cleanup.push(() => db.drop());
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    cleanup.push(() => pool.end());
    await pool.query('CREATE TABLE bekymringsmelding (melding_id uuid PRIMARY KEY, mottatt timestamptz NOT NULL DEFAULT now())');
    let poller: ReturnType<typeof startPoller> | undefined;
    const result = await runLive({
      seed: 3,
      msPerVirtualDay: 500,
      portal: { retentionDays: 2, receiptDeadlineMs: 6 * DAY_MS },
      receivers: [{
        id: 'bergen', style: 'poll', ...account,
        storageCheck: { kind: 'sql', connectionString: db.url, query: 'SELECT melding_id::text FROM bekymringsmelding WHERE melding_id::text = ANY(:uuids)' },
      }],
      workload: { ratePerSecond: 20, durationMs: 1_500, maxMessages: 30 },
      faults: [{ kind: 'receipt-lost', fromMs: 0, toMs: 5 * DAY_MS, probabilityPct: 50 }],
    }, {
      // A database named in KVITTERING_PG_URL (a CI service container) is the permission to read it.
      allowRemoteHosts: testFaultHosts(),
      onPortalReady: ({ url }) => {
        poller = startPoller(url, pool);
        cleanup.push(() => (poller as ReturnType<typeof startPoller>).stop());
        return undefined;
      },
    });
    const { verdict } = result.judgement;
    expect(result.load.ok).toBe(30);
    expect(verdict.counts.stored, JSON.stringify(verdict.counts)).toBe(30);
    expect(verdict.checks.duplicates?.valid).toBe(true);
    expect(verdict.valid).toBe(true);
    const lostReceipts = ofKind(result.ledger.entries, 'receipt-fault').filter((e) => e.fault === 'lost').length;
    expect(lostReceipts).toBeGreaterThan(0);
    // A lost receipt leaves the shipment listed: it is downloaded again (deliver attempt > 1).
    expect(ofKind(result.ledger.entries, 'deliver').some((e) => e.attempt > 1)).toBe(true);
  });
});
