// Done-criterion of live mode: the reference case system runs as a separate process (spawned like a
// vendor's system), stores into this machine's PostgreSQL, and is loaded over real HTTP on 127.0.0.1
// while a backup job's table lock blocks its writes. The oracle reads "stored" from the database with
// a SQL query — the case system's receipts never count. before-commit ⇒ silent losses that the
// database confirms missing; after-commit ⇒ none.

import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../harness/runtime/time.js';
import { runLive } from '../../harness/live/run-live.js';
import { DbFaultDriver, storageKinds } from '../../harness/live/db-fault-driver.js';
import { PostgresFaults } from '../../harness/live/postgres-faults.js';
import type { LiveScenario } from '../../harness/live/live-scenario.js';
import { createPostgresDatabase, testFaultHosts, type TestDatabase } from '../support/real-databases.js';
import { spawnService, type SpawnedService } from '../support/spawn-service.js';

const account = { username: 'oslo-fagsystem', password: 'test-only-secret' };
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn().catch(() => undefined);
});

async function incident(ackPolicy: 'before-commit' | 'after-commit') {
  const db: TestDatabase = await createPostgresDatabase();
  cleanup.push(() => db.drop());
  let service: SpawnedService | undefined;
  const faults = new PostgresFaults(db.url);
  cleanup.push(() => faults.close());
  // One virtual day = 500 ms: 4 days of reports at 30/s, a backup job locking the table on days 0–3.
  // Generous deadlines: on a loaded CI machine a receipt may take a while, and that is not the point.
  const scenario: LiveScenario = {
    seed: 11,
    msPerVirtualDay: 500,
    portal: { retentionDays: 2, receiptDeadlineMs: 6 * DAY_MS },
    receivers: [{
      id: 'oslo', style: 'push', ...account, pushUrl: 'http://127.0.0.1:9/set-when-started',
      storageCheck: { kind: 'sql', connectionString: db.url, query: 'SELECT message_id FROM received_reports WHERE message_id = ANY(:ids)' },
    }],
    workload: { ratePerSecond: 30, durationMs: 2_000, maxMessages: 60 },
    faults: [{ kind: 'backup-spike', fromMs: 0, toMs: 3 * DAY_MS }],
    storagePollMs: 1_000,
  };
  const result = await runLive(scenario, {
    // A database named in KVITTERING_PG_URL (a CI service container) is the permission to read it.
    allowRemoteHosts: testFaultHosts(),
    onPortalReady: async ({ url }) => {
      service = await spawnService(['case-system', '--ack-policy', ackPolicy, '--portal-url', url, '--username', account.username,
        '--storage', db.url, '--db-lock-timeout-ms', '300', '--db-request-timeout-ms', '1000', '--db-pool-size', '20', '--processing-delay-ms', '20'],
      { env: { KVITTERING_PORTAL_PASSWORD: account.password } });
      const s = service;
      cleanup.push(() => s.stop());
      return { oslo: { pushUrl: service.listening.pushUrl } };
    },
    databaseFaults: {
      kinds: storageKinds,
      create: ({ clock, ledger }) => new DbFaultDriver({ clock, ledger, server: faults, caseSystemApplicationName: 'kvittering-case-system', target: 'oslo' }),
    },
  });
  // What the database holds, asked directly.
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const rows = (await client.query<{ id: string }>('SELECT message_id::text AS id FROM received_reports')).rows.map((r) => Number(r.id));
  await client.end();
  const stopped = await (service as SpawnedService).stop();
  return { result, stored: new Set(rows), stopped, stderr: (service as SpawnedService).stderr() };
}

describe('an external case system process on real PostgreSQL, over real HTTP', () => {
  it('before-commit: the oracle finds silent losses, and the database confirms each one is missing', async () => {
    const { result, stored, stopped, stderr } = await incident('before-commit');
    const { verdict, messages } = result.judgement;
    expect(result.load.ok).toBe(60);
    expect(verdict.counts['lost-silent'], JSON.stringify([verdict.counts, result.ledger.entries.filter((e) => 'msg' in e && e.msg % 1000 < (result.idBase % 1000) + 3).map((e) => [Math.round(e.t / 1e5) / 864, e.kind, 'msg' in e ? e.msg % 1000 : '', 'reason' in e ? e.reason : '']), stderr])).toBeGreaterThan(0);
    expect(verdict.counts['in-flight']).toBe(0);
    expect(verdict.valid).toBe(false);
    for (const m of messages) expect(stored.has(m.msg)).toBe(m.fate === 'stored');
    expect(result.ledger.entries.some((e) => e.kind === 'fault' && e.fault === 'backup-spike' && e.phase === 'start')).toBe(true);
    expect(stopped.code).toBe(0);
  });

  it('after-commit: nothing is lost under the same lock window', async () => {
    const { result, stored, stopped } = await incident('after-commit');
    const { verdict, messages } = result.judgement;
    expect(result.load.ok).toBe(60);
    expect(verdict.counts['lost-silent'] + verdict.counts['lost-detected-late'], JSON.stringify(verdict.counts)).toBe(0);
    expect(verdict.counts.stored + verdict.counts.fallback).toBe(60);
    expect(messages.filter((m) => m.fate === 'stored').every((m) => stored.has(m.msg))).toBe(true);
    // The lock did bite: blocked writes were answered with a requeue, not a premature ack.
    expect(result.ledger.entries.some((e) => e.kind === 'transport' && e.response === 'nack-requeue')).toBe(true);
    expect(verdict.valid).toBe(true);
    expect(stopped.code).toBe(0);
  });
});
