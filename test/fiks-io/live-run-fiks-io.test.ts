// The live runner with a `fiks-io` receiver on the real RabbitMQ: the done-when cases as whole runs —
// workload through the portal's intake, delivery over the broker, what is stored read from the case
// system's PostgreSQL database, the oracle's fates and the run's pass/fail. Plus what a run does when
// the broker goes away: a recorded fault and no pass, never a silent one.

import { afterEach, describe, expect, it } from 'vitest';
import amqp from 'amqplib';
import pg from 'pg';
import { runLive, type LiveResult } from '../../harness/live/run-live.js';
import type { LiveScenario } from '../../harness/live/live-scenario.js';
import { TcpProxy } from '../../harness/live/tcp-proxy.js';
import { kontoIdFor, kontoQueue } from '../../harness/live/fiks-io/fiks-io-protocol.js';
import { declareAccount } from '../../harness/live/fiks-io/fiks-io-platform.js';
import { DAY_MS } from '../../harness/runtime/time.js';
import { spawnService, type SpawnedService } from '../support/spawn-service.js';
import { createPostgresDatabase, type TestDatabase } from '../support/real-databases.js';
import { BROKER_URL, brokerSkipReason, scratchVhost, waitFor } from '../support/broker.js';

const skip = await brokerSkipReason();
const MS_PER_DAY = 2_000;
const oslo = { id: 'oslo', username: 'oslo-fagsystem', password: 'test-only-3' };
const QUERY = 'SELECT message_id FROM received_reports WHERE message_id = ANY(:ids)';

describe.skipIf(skip !== undefined)(skip ?? 'kvittering live runs with a fiks-io receiver on the real broker', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    cleanup.length = 0;
  });

  async function resources(): Promise<{ brokerUrl: string; db: TestDatabase }> {
    const vhost = await scratchVhost(BROKER_URL);
    cleanup.push(() => vhost.drop());
    const db = await createPostgresDatabase();
    cleanup.push(() => db.drop());
    return { brokerUrl: vhost.url, db };
  }

  /** One report over Fiks IO; the TTL (virtual) and the receipt deadline decide how long the run lasts. */
  function scenario(brokerUrl: string, db: TestDatabase, ttlDays: number): LiveScenario {
    return {
      seed: 15, msPerVirtualDay: MS_PER_DAY,
      portal: { retentionDays: 1, receiptDeadlineMs: 6 * DAY_MS },
      fiksIo: { brokerUrl, ttlMs: ttlDays * DAY_MS },
      receivers: [{ ...oslo, style: 'fiks-io', storageCheck: { kind: 'sql', connectionString: db.url, query: QUERY } }],
      workload: { ratePerSecond: 5, durationMs: 200, maxMessages: 1 },
      storagePollMs: 250,
    };
  }

  function caseSystem(ack: 'before-commit' | 'after-commit', portalUrl: string, brokerUrl: string, db: TestDatabase, kill: boolean): Promise<SpawnedService> {
    return spawnService(['case-system', '--transport', 'fiks-io', '--broker', brokerUrl, '--konto', 'oslo', '--ack-policy', ack,
      '--portal-url', portalUrl, '--username', oslo.username, '--storage', db.url, '--ms-per-day', String(MS_PER_DAY),
      '--processing-delay-ms', '100', ...(kill ? ['--kill-at-first-write'] : [])], { env: { KVITTERING_PORTAL_PASSWORD: oslo.password } });
  }

  /** A run whose case system is SIGKILLed at its first write and started again once it is dead. */
  async function crashRun(ack: 'before-commit' | 'after-commit'): Promise<{ result: LiveResult; restarted: () => SpawnedService | undefined }> {
    const { brokerUrl, db } = await resources();
    let second: SpawnedService | undefined;
    const result = await runLive(scenario(brokerUrl, db, 5), {
      onPortalReady: async ({ url }) => {
        const first = await caseSystem(ack, url, brokerUrl, db, true);
        cleanup.push(() => first.stop(1_000));
        first.child.once('exit', () => {
          void caseSystem(ack, url, brokerUrl, db, false).then((s) => { second = s; cleanup.push(() => s.stop()); });
        });
        return undefined;
      },
    });
    return { result, restarted: () => second };
  }

  const fates = (result: LiveResult) => result.judgement.messages.map((m) => m.fate);

  it('before-commit + killed between ack and commit ⇒ lost-silent, read from the database; the run fails', async () => {
    const { result, restarted } = await crashRun('before-commit');
    expect(fates(result)).toEqual(['lost-silent']);
    expect(result.storageReads.made).toBeGreaterThan(0);
    expect(restarted()?.stderr() ?? '').not.toContain('resendt');
    expect(result.pass).toBe(false);
    expect(result.targets.map((t) => t.url)).toContain('amqp://127.0.0.1:5672');
  });

  it('after-commit + the same crash ⇒ redelivered (resendt) to the restarted process and stored; the run passes', async () => {
    const { result, restarted } = await crashRun('after-commit');
    expect(fates(result)).toEqual(['stored']);
    expect(restarted()?.stderr()).toMatch(/fiks-io: \d+ resendt \(delivery 2\)/);
    expect(result.sutFaults).toEqual([]);
    expect(result.pass).toBe(true);
  });

  async function emptyCaseSystemDatabase(db: TestDatabase): Promise<void> {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query('CREATE TABLE received_reports (message_id BIGINT PRIMARY KEY)');
    } finally {
      await client.end();
    }
  }

  it('a consumer that never acks ⇒ serverfeil after 3 deliveries ⇒ printed (fallback)', async () => {
    const { brokerUrl, db } = await resources();
    await emptyCaseSystemDatabase(db);
    const connection = await amqp.connect(brokerUrl);
    cleanup.push(() => connection.close());
    const channel = await connection.createChannel();
    const queue = await declareAccount(channel, kontoIdFor('oslo'));
    let deliveries = 0;
    await channel.consume(queue, (m) => {
      if (m === null) return;
      deliveries++;
      channel.nack(m, false, true);
    });
    const result = await runLive(scenario(brokerUrl, db, 5));
    expect(deliveries).toBe(3);
    expect(fates(result)).toEqual(['fallback']);
    const entries = result.ledger.entries;
    expect(entries).toContainEqual(expect.objectContaining({ kind: 'portal-failed', reason: 'max-deliveries' }));
    expect(entries).toContainEqual(expect.objectContaining({ kind: 'fallback', outcome: 'printed' }));
  });

  it('no consumer and an expired TTL ⇒ tidsavbrudd ⇒ printed (fallback), before the receipt deadline', async () => {
    const { brokerUrl, db } = await resources();
    await emptyCaseSystemDatabase(db);
    const result = await runLive(scenario(brokerUrl, db, 1));
    expect(fates(result)).toEqual(['fallback']);
    const failed = result.ledger.entries.find((e) => e.kind === 'portal-failed');
    expect(failed).toMatchObject({ reason: 'ttl-expired' });
    expect((failed as { t: number }).t).toBeLessThan(6 * DAY_MS);
  });

  it('the broker connection cut mid-run ⇒ a recorded sut-unreachable fault, the report printed, and no pass', async () => {
    const { brokerUrl, db } = await resources();
    await emptyCaseSystemDatabase(db);
    const broker = new URL(brokerUrl);
    const proxy = new TcpProxy({ targetHost: broker.hostname, targetPort: Number(broker.port || 5672) });
    await proxy.start();
    cleanup.push(() => proxy.close());
    const viaProxy = new URL(brokerUrl);
    viaProxy.port = String(proxy.port);
    const check = await amqp.connect(brokerUrl);
    cleanup.push(() => check.close());
    let cut: Promise<boolean> = Promise.resolve(false);
    const result = await runLive(scenario(viaProxy.toString(), db, 5), {
      // The queues exist once the portal listens: when the report is in its account queue, cut the link.
      onPortalReady: async () => {
        const channel = await check.createChannel();
        cut = waitFor(async () => (await channel.checkQueue(kontoQueue(kontoIdFor('oslo')))).messageCount === 1, 10_000)
          .then((published) => { proxy.cutOff('reset'); return published; });
        return undefined;
      },
    });
    expect(await cut).toBe(true);
    expect(result.pass).toBe(false);
    expect(result.sutFaults.map((f) => [f.fault, f.receiver])).toEqual([['sut-unreachable', 'oslo']]);
    expect(result.sutFaults[0]?.detail).toContain('broker connection closed');
    expect(result.ledger.entries).toContainEqual(expect.objectContaining({ kind: 'fault', fault: 'sut-unreachable', phase: 'start', target: 'oslo' }));
    expect(fates(result)).toEqual(['fallback']);
  });

  it('no broker listening (connection refused) ⇒ the run stops with E_BROKER before any report is accepted', async () => {
    const db = await createPostgresDatabase();
    cleanup.push(() => db.drop());
    await expect(runLive(scenario('amqp://guest:guest@127.0.0.1:9/%2F', db, 5))).rejects.toThrow(/E_BROKER: no RabbitMQ at 127\.0\.0\.1:9/);
  });
});
