// Fiks IO's AMQP login on a real RabbitMQ: user = IntegrasjonId, password = "<IntegrasjonPassord> <token>",
// checked by the portal through rabbitmq_auth_backend_http. The shared broker on 5672 is never
// reconfigured: the test starts a private node (test/support/private-rabbitmq.ts) whose first auth
// backend is http (the portal's /fiks-io/amqp-auth/*) and second internal (guest, for the portal's
// own connection). Each test has its own vhost on that node, removed afterwards.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import amqp from 'amqplib';
import { randomUUID } from 'node:crypto';
import { servePortal, type RunningPortal } from '../../harness/live/serve-portal.js';
import { kontoIdFor, kontoQueue, headerText, HEADERS } from '../../harness/live/fiks-io/fiks-io-protocol.js';
import { TOKEN_TTL_MS } from '../../simulators/portal/http/integration-tokens.js';
import { freePort, startPrivateRabbit, type PrivateRabbit } from '../support/private-rabbitmq.js';
import { nextMessage } from '../support/broker.js';

const oslo = { receiver: 'oslo', username: 'oslo-fagsystem', password: 'test only 1', style: 'push' as const };
const bergen = { receiver: 'bergen', username: 'bergen-fagsystem', password: 'test-only-2', style: 'push' as const };

const portalPort = await freePort();
const started = await startPrivateRabbit(`http://127.0.0.1:${portalPort}`);
const skip = 'skip' in started ? started.skip : undefined;
if (skip !== undefined) console.warn(`[kvittering] ${skip}`);

describe.skipIf(skip !== undefined)(skip ?? 'Fiks IO AMQP login through RabbitMQ\'s HTTP auth backend (private node)', () => {
  const rabbit = started as PrivateRabbit;
  let vhost: string;
  let portal: RunningPortal;
  /** Added to the wall clock the portal judges token expiry by. */
  let skewMs = 0;
  const denials: string[] = [];

  // rabbitmqctl boots an Erlang VM per call: seconds each on a busy machine, past vitest's 10 s hook default.
  const CTL_HOOK_MS = 60_000;
  beforeAll(async () => {
    await rabbit.ctl('await_startup');
  }, CTL_HOOK_MS);

  afterAll(async () => {
    await rabbit.stop();
  });

  beforeEach(async () => {
    vhost = `fiksreply-auth-${randomUUID().slice(0, 8)}`;
    await rabbit.ctl('-q', 'add_vhost', vhost);
    await rabbit.ctl('-q', 'set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*');
    skewMs = 0;
    portal = await servePortal({
      receivers: [oslo, bergen], port: portalPort, msPerVirtualDay: 60_000,
      fiksIo: { brokerUrl: rabbit.url('guest', 'guest', vhost), receivers: ['oslo', 'bergen'] },
      tokenNow: () => Date.now() + skewMs,
      log: (line) => { if (line.startsWith('amqp-auth:')) denials.push(line); },
    });
  }, CTL_HOOK_MS);

  afterEach(async () => {
    await portal.close();
    await rabbit.ctl('-q', 'delete_vhost', vhost);
  });

  async function tokenFor(account: { username: string; password: string }): Promise<string> {
    const response = await fetch(`${portal.url}/token`, {
      method: 'POST', body: 'grant_type=client_credentials',
      headers: { authorization: `Basic ${Buffer.from(`${account.username}:${account.password}`).toString('base64')}` },
    });
    return (await response.json() as { access_token: string }).access_token;
  }

  /** Why the broker refused the login, or undefined when it let the client in. */
  async function login(user: string, password: string): Promise<string | undefined> {
    try {
      const connection = await amqp.connect(rabbit.url(user, password, vhost), { timeout: 5_000 });
      await connection.close();
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  /** Users connected to this test's vhost other than the portal's own guest connection. */
  async function connectedUsers(): Promise<string[]> {
    return (await rabbit.ctl('-q', 'list_connections', 'user', 'vhost')).split('\n').filter((line) => line.includes(vhost)).map((line) => line.split('\t')[0] ?? '').filter((user) => user !== 'guest');
  }

  /** The broker's own log lines refusing `user` since `from` characters into the log. */
  async function brokerRefusals(user: string, from: number): Promise<string[]> {
    return (await rabbit.readLog()).slice(from).split('\n').filter((line) => line.includes(`user '${user}'`) && /refused|invalid credentials|access denied/i.test(line));
  }

  it('lets in an integration with "<passord> <token>" (the password split at its last space) to read its own account queue, and no other', async () => {
    const token = await tokenFor(oslo);
    const connection = await amqp.connect(rabbit.url(oslo.username, `${oslo.password} ${token}`, vhost), { timeout: 5_000 });
    try {
      expect(await connectedUsers()).toContain(oslo.username);
      const channel = await connection.createChannel();
      await channel.checkQueue(kontoQueue(kontoIdFor('oslo')));
      // A report the portal publishes reaches the vendor's login.
      const submitted = await fetch(`${portal.url}/bekymringsmelding`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kommune: 'oslo', type: 'privat' }) });
      const { id } = await submitted.json() as { id: string };
      const m = await nextMessage(channel, kontoQueue(kontoIdFor('oslo')), 5_000);
      expect(headerText(m?.properties.headers, HEADERS.meldingId)).toBe(id);
      // bergen's queue is not oslo's to read: the broker closes the channel with 403.
      const other = await connection.createChannel();
      const closedWith = new Promise<string>((resolve) => other.on('error', (error: Error) => resolve(error.message)));
      await expect(other.get(kontoQueue(kontoIdFor('bergen')))).rejects.toBeDefined();
      expect(await closedWith).toMatch(/403 \(ACCESS-REFUSED\)/);
      // Nor may it delete its own account queue, which the platform owns.
      const deleting = await connection.createChannel();
      const deleteRefused = new Promise<string>((resolve) => deleting.on('error', (error: Error) => resolve(error.message)));
      await expect(deleting.deleteQueue(kontoQueue(kontoIdFor('oslo')))).rejects.toBeDefined();
      expect(await deleteRefused).toMatch(/403 \(ACCESS-REFUSED\)/);
      await channel.checkQueue(kontoQueue(kontoIdFor('oslo')));
    } finally {
      await connection.close().catch(() => undefined);
    }
  });

  it('refuses a wrong password, an unknown token, an expired one, another integration\'s, and a password without a token — as the broker sees it', async () => {
    const osloToken = await tokenFor(oslo);
    const bergenToken = await tokenFor(bergen);
    const logFrom = (await rabbit.readLog()).length;
    const cases: [string, string, string][] = [
      ['wrong password', oslo.username, `wrong ${osloToken}`],
      ['unknown token', oslo.username, `${oslo.password} ${'x'.repeat(43)}`],
      ['another integration\'s token', oslo.username, `${oslo.password} ${bergenToken}`],
      ['no token', oslo.username, oslo.password.replace(/ /g, '')],
      ['unknown integration', 'nobody', `${oslo.password} ${osloToken}`],
    ];
    for (const [what, user, password] of cases) {
      expect(await login(user, password), what).toMatch(/ACCESS[-_]REFUSED|403/);
    }
    skewMs = TOKEN_TTL_MS + 1_000;
    expect(await login(oslo.username, `${oslo.password} ${osloToken}`), 'expired token').toMatch(/ACCESS[-_]REFUSED|403/);
    skewMs = 0;
    // The broker's side: nobody of these is connected, and its log refuses each login.
    expect(await connectedUsers()).toEqual([]);
    expect((await brokerRefusals(oslo.username, logFrom)).length).toBe(5);
    expect((await brokerRefusals('nobody', logFrom)).length).toBe(1);
    // The portal said why (the secret is not in it).
    expect(denials.join('\n')).toMatch(/issued to another integration/);
    expect(denials.join('\n')).toMatch(/has expired/);
    expect(denials.join('\n')).not.toContain(osloToken);
    // And the same token, fresh again, still lets oslo in: the refusals were the checks, not a broken backend.
    expect(await login(oslo.username, `${oslo.password} ${osloToken}`)).toBeUndefined();
  });
});
