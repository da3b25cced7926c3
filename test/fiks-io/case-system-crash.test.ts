// The done-when cases on the real broker and a real PostgreSQL: the portal delivers over Fiks IO to the
// reference case system running as its own process (`serve case-system --transport fiks-io`), which is
// killed (SIGKILL) when its first write starts. What survives is read from the case system's database,
// and the ordinary oracle names the fate:
//   before-commit — the AMQP ack and "mottatt" went out before the write: the broker forgot the
//                   message, the portal purged it ⇒ lost-silent;
//   after-commit  — no ack yet: the broker redelivers it (resendt) to the restarted process ⇒ stored.

import { afterEach, describe, expect, it } from 'vitest';
import { servePortal, type RunningPortal } from '../../harness/live/serve-portal.js';
import { type ScratchVhost } from '../../harness/live/fiks-io/broker.js';
import { judgeStored } from '../../harness/live/judge-stored.js';
import { PostgresDriver, defaultPostgresOptions } from '../../storage/postgres-storage.js';
import { parseMessageUuid } from '../../simulators/portal/http/wire.js';
import { DAY_MS } from '../../harness/runtime/time.js';
import { spawnService, type SpawnedService } from '../support/spawn-service.js';
import { createPostgresDatabase, type TestDatabase } from '../support/real-databases.js';
import { BROKER_URL, brokerSkipReason, scratchVhost, waitFor } from '../support/broker.js';

const skip = await brokerSkipReason();
const MS_PER_DAY = 2_000;
const oslo = { receiver: 'oslo', username: 'oslo-fagsystem', password: 'test-only-2', style: 'push' as const };

describe.skipIf(skip !== undefined)(skip ?? 'a case system killed mid-delivery, over Fiks IO on the real broker', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    cleanup.length = 0;
  });

  async function world(): Promise<{ portal: RunningPortal; vhost: ScratchVhost; db: TestDatabase }> {
    const vhost = await scratchVhost(BROKER_URL);
    cleanup.push(() => vhost.drop());
    const db = await createPostgresDatabase();
    cleanup.push(() => db.drop());
    const portal = await servePortal({
      receivers: [oslo], msPerVirtualDay: MS_PER_DAY,
      portal: { retentionDays: 1, receiptDeadlineMs: 12 * DAY_MS },
      // A TTL of 10 virtual days (20 s): a restart takes seconds here, and the 24 h default would be 2 s.
      fiksIo: { brokerUrl: vhost.url, receivers: ['oslo'], ttlMs: 10 * DAY_MS },
    });
    cleanup.push(() => portal.close());
    return { portal, vhost, db };
  }

  function caseSystem(ack: 'before-commit' | 'after-commit', portal: RunningPortal, vhost: ScratchVhost, db: TestDatabase, kill: boolean): Promise<SpawnedService> {
    return spawnService(['case-system', '--transport', 'fiks-io', '--broker', vhost.url, '--konto', 'oslo', '--ack-policy', ack,
      '--portal-url', portal.url, '--username', oslo.username, '--storage', db.url, '--ms-per-day', String(MS_PER_DAY),
      '--processing-delay-ms', '100', ...(kill ? ['--kill-at-first-write'] : [])], { env: { KVITTERING_PORTAL_PASSWORD: oslo.password } });
  }

  async function killed(service: SpawnedService): Promise<NodeJS.Signals | null> {
    const { child } = service;
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 15_000);
        child.once('exit', () => { clearTimeout(timer); resolve(); });
      });
    }
    return child.signalCode;
  }

  async function submit(portal: RunningPortal): Promise<number> {
    const response = await fetch(`${portal.url}/bekymringsmelding`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kommune: 'oslo', type: 'privat' }) });
    return parseMessageUuid((await response.json() as { id: string }).id) as number;
  }

  async function fateOf(portal: RunningPortal, db: TestDatabase, msg: number): Promise<string | undefined> {
    const driver = new PostgresDriver({ ...defaultPostgresOptions, connectionString: db.url });
    try {
      const rows = await driver.storedRows();
      const horizonMs = portal.clock.now();
      const judgement = judgeStored({ entries: portal.ledger.entries, rows, virtualAtEpoch: (e) => portal.clock.virtualAtEpoch(e), receiver: 0, horizonMs });
      return judgement.messages.find((f) => f.msg === msg)?.fate;
    } finally {
      await driver.close();
    }
  }

  it('before-commit, killed between ack and commit ⇒ the broker has forgotten it, nothing is stored: lost-silent', async () => {
    const { portal, vhost, db } = await world();
    const first = await caseSystem('before-commit', portal, vhost, db, true);
    cleanup.push(() => first.stop(1_000));
    const msg = await submit(portal);
    expect(await killed(first), first.stderr()).toBe('SIGKILL');
    const second = await caseSystem('before-commit', portal, vhost, db, false);
    cleanup.push(() => second.stop());
    // Retention is one virtual day (2 s) after the receipt: wait for the purge, bounded.
    expect(await waitFor(() => portal.ledger.entries.some((e) => e.kind === 'purge' && e.msg === msg), 15_000)).toBe(true);
    expect(second.stderr()).not.toContain('resendt');
    expect(portal.ledger.entries.filter((e) => 'msg' in e && e.msg === msg).map((e) => e.kind)).toEqual(['send', 'deliver', 'receipt-sent', 'receipt', 'purge']);
    expect(await fateOf(portal, db, msg)).toBe('lost-silent');
  });

  it('after-commit, killed between delivery and ack ⇒ redelivered (resendt) to the restarted process and stored', async () => {
    const { portal, vhost, db } = await world();
    const first = await caseSystem('after-commit', portal, vhost, db, true);
    cleanup.push(() => first.stop(1_000));
    const msg = await submit(portal);
    expect(await killed(first), first.stderr()).toBe('SIGKILL');
    const second = await caseSystem('after-commit', portal, vhost, db, false);
    cleanup.push(() => second.stop());
    const receipted = await waitFor(() => portal.ledger.entries.some((e) => e.kind === "receipt" && e.msg === msg), 15_000);
    expect(receipted, `first:\n${first.stderr()}\nsecond:\n${second.stderr()}`).toBe(true);
    expect(second.stderr()).toMatch(new RegExp(`fiks-io: ${msg} resendt \\(delivery 2\\)`));
    expect(await waitFor(() => portal.ledger.entries.some((e) => e.kind === 'purge' && e.msg === msg), 15_000)).toBe(true);
    expect(await fateOf(portal, db, msg)).toBe('stored');
  });

  it('killed before its ack on each of 3 deliveries ⇒ the platform sends serverfeil and the portal prints: fallback', async () => {
    const { portal, vhost, db } = await world();
    let msg = -1;
    for (let i = 0; i < 3; i++) {
      const attempt = await caseSystem('after-commit', portal, vhost, db, true);
      cleanup.push(() => attempt.stop(1_000));
      if (i === 0) msg = await submit(portal);
      expect(await killed(attempt), attempt.stderr()).toBe('SIGKILL');
      if (i > 0) expect(attempt.stderr()).toContain(`fiks-io: ${msg} resendt (delivery ${i + 1})`);
    }
    expect(await waitFor(() => portal.ledger.entries.some((e) => e.kind === 'fallback' && e.msg === msg), 10_000)).toBe(true);
    const facts = portal.ledger.entries.filter((e) => 'msg' in e && e.msg === msg);
    expect(facts).toContainEqual(expect.objectContaining({ kind: 'transport', response: 'delivery-limit' }));
    expect(facts).toContainEqual(expect.objectContaining({ kind: 'portal-failed', reason: 'max-deliveries' }));
    expect(facts).toContainEqual(expect.objectContaining({ kind: 'fallback', outcome: 'printed' }));
    expect(await fateOf(portal, db, msg)).toBe('fallback');
  });
});
