// The portal's answers to RabbitMQ's HTTP auth backend, in-process and without a broker: every
// question (user, vhost, resource, topic) against the handlers themselves, so each allow and each deny
// is pinned with the reason the portal logs. amqp-auth-backend.test.ts shows the same on a real node;
// this one runs in milliseconds and names the exact decision. Allowing what should be denied would let
// one municipality's system read another's reports.

import { describe, expect, it } from 'vitest';
import { getResponse } from 'msw';
import { amqpAuthHandlers, type AmqpAuthDecision } from '../../simulators/portal/http/amqp-auth-handlers.js';
import { IntegrationTokens, TOKEN_TTL_MS } from '../../simulators/portal/http/integration-tokens.js';
import { basicAuthHeader } from '../../simulators/http/basic-auth.js';
import type { PortalService } from '../../simulators/portal/http/portal-service.js';

const BASE = 'http://portal.test';
const oslo = { receiver: 'oslo', username: 'oslo-fagsystem', password: 'test only 1' };
const bergen = { receiver: 'bergen', username: 'bergen-fagsystem', password: 'test-only-2' };
/** Polls SvarInn: an integration of the portal, but without a Fiks IO account. */
const tromso = { receiver: 'tromso', username: 'tromso-fagsystem', password: 'test-only-3' };
const KONTO: Record<string, string> = { oslo: 'konto-oslo', bergen: 'konto-bergen' };

function setup(options: { kontoIdOf?: (receiver: string) => string | undefined; withLog?: boolean } = {}) {
  let wall = 5_000_000;
  const tokens = new IntegrationTokens([oslo, bergen, tromso], () => wall);
  // Only what the handlers use of the portal service: its tokens and its Fiks IO accounts.
  const service = { tokens, kontoIdOf: options.kontoIdOf ?? ((receiver: string) => KONTO[receiver]) } as unknown as PortalService;
  const decisions: AmqpAuthDecision[] = [];
  const handlers = amqpAuthHandlers(service, BASE, options.withLog === false ? undefined : (d) => decisions.push(d));
  const ask = async (path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; body: string; type: string | null; decision: AmqpAuthDecision | undefined }> => {
    const before = decisions.length;
    const request = new Request(`${BASE}/fiks-io/amqp-auth/${path}`, { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
    const response = await getResponse(handlers, request);
    if (response === undefined) throw new Error(`no handler for ${path}`);
    expect(decisions.length - before).toBeLessThanOrEqual(1);
    return { status: response.status, body: await response.text(), type: response.headers.get('content-type'), decision: decisions[before] };
  };
  const tokenFor = (account: { username: string; password: string }) =>
    tokens.issue(new Request(`${BASE}/token`, { method: 'POST', headers: { authorization: basicAuthHeader(account) } }), new URLSearchParams('grant_type=client_credentials')).access_token;
  return { ask, tokenFor, advance: (ms: number) => { wall += ms; } };
}

describe('user: the AMQP login', () => {
  it('allows the integration id with "<IntegrasjonPassord> <token>", the password split at its last space', async () => {
    const { ask, tokenFor } = setup();
    const answer = await ask('user', { username: oslo.username, password: `${oslo.password} ${tokenFor(oslo)}` });
    expect(answer).toEqual({ status: 200, body: 'allow', type: 'text/plain; charset=utf-8', decision: { path: 'user', username: oslo.username, allow: true } });
  });

  it('denies each wrong login with a 200 "deny" and the reason, never the secret', async () => {
    const { ask, tokenFor, advance } = setup();
    const token = tokenFor(oslo);
    const denied = async (form: Record<string, string>, reason: string) => {
      const answer = await ask('user', form);
      expect(answer).toEqual({ status: 200, body: 'deny', type: 'text/plain; charset=utf-8', decision: { path: 'user', username: form.username ?? '', allow: false, reason } });
      expect(reason).not.toContain(token);
    };
    await denied({ password: `${oslo.password} ${token}` }, 'username is missing — expected the integration id');
    await denied({ username: '', password: `${oslo.password} ${token}` }, 'username is missing — expected the integration id');
    await denied({ username: oslo.username, password: 'testonly1' }, 'password is not "<IntegrasjonPassord> <token>" (no space)');
    await denied({ username: oslo.username }, 'password is not "<IntegrasjonPassord> <token>" (no space)');
    await denied({ username: oslo.username, password: `feil ${token}` }, 'integration "oslo-fagsystem" with that IntegrasjonPassord is unknown');
    await denied({ username: 'nobody', password: `${oslo.password} ${token}` }, 'integration "nobody" with that IntegrasjonPassord is unknown');
    await denied({ username: oslo.username, password: `${oslo.password} ${'x'.repeat(43)}` }, 'the bearer token is unknown — expected one issued by POST /token');
    await denied({ username: oslo.username, password: `${oslo.password} ${tokenFor(bergen)}` }, 'the bearer token was issued to another integration — expected one issued to "oslo-fagsystem"');
    advance(TOKEN_TTL_MS);
    await denied({ username: oslo.username, password: `${oslo.password} ${token}` }, 'the bearer token has expired — expected a fresh one from POST /token');
  });
});

describe('vhost and topic', () => {
  it('lets a known integration into the vhost and nobody else', async () => {
    const { ask } = setup();
    expect(await ask('vhost', { username: bergen.username, vhost: '/' })).toMatchObject({ body: 'allow', decision: { path: 'vhost', username: bergen.username, allow: true } });
    expect(await ask('vhost', { username: 'nobody', vhost: '/' })).toMatchObject({ body: 'deny', decision: { path: 'vhost', allow: false, reason: 'not an integration of this portal' } });
    expect(await ask('vhost', { vhost: '/' })).toMatchObject({ body: 'deny', decision: { path: 'vhost', username: '', reason: 'username is missing — expected the integration id' } });
  });

  it('denies every topic question: Fiks IO has no topic exchanges', async () => {
    const { ask } = setup();
    const form = { username: oslo.username, vhost: '/', resource: 'topic', name: 'amq.topic', permission: 'read', routing_key: 'fiksio.konto.konto-oslo' };
    expect(await ask('topic', form)).toEqual({ status: 200, body: 'deny', type: 'text/plain; charset=utf-8', decision: { path: 'topic', username: oslo.username, allow: false, reason: 'Fiks IO has no topic exchanges' } });
    expect((await ask('topic', { ...form, username: 'nobody' })).decision?.reason).toBe('not an integration of this portal');
  });
});

describe('resource: what an integration may touch', () => {
  const queue = (receiver: string) => `fiksio.konto.${KONTO[receiver] ?? ''}`;

  it('allows read on the integration\'s own account queue (a passive declare needs no permission)', async () => {
    const { ask } = setup();
    expect(await ask('resource', { username: oslo.username, vhost: '/', resource: 'queue', name: queue('oslo'), permission: 'read' }))
      .toEqual({ status: 200, body: 'allow', type: 'text/plain; charset=utf-8', decision: { path: 'resource', username: oslo.username, allow: true } });
  });

  it('denies configuring (deleting, redeclaring) or writing its own queue, another account\'s queue and any exchange, saying what was expected', async () => {
    const { ask } = setup();
    const expected = `expected read on queue ${queue('oslo')}`;
    const denied = async (form: Record<string, string>, reason: string) => {
      expect(await ask('resource', { username: oslo.username, vhost: '/', ...form })).toMatchObject({ status: 200, body: 'deny', decision: { path: 'resource', username: oslo.username, allow: false, reason } });
    };
    await denied({ resource: 'queue', name: queue('oslo'), permission: 'configure' }, `configure on queue "${queue('oslo')}" — ${expected}`);
    await denied({ resource: 'queue', name: queue('oslo'), permission: 'write' }, `write on queue "${queue('oslo')}" — ${expected}`);
    await denied({ resource: 'queue', name: queue('bergen'), permission: 'read' }, `read on queue "${queue('bergen')}" — ${expected}`);
    await denied({ resource: 'queue', name: queue('bergen'), permission: 'configure' }, `configure on queue "${queue('bergen')}" — ${expected}`);
    await denied({ resource: 'exchange', name: queue('oslo'), permission: 'read' }, `read on exchange "${queue('oslo')}" — ${expected}`);
    await denied({ resource: 'exchange', name: '', permission: 'configure' }, `configure on exchange "" — ${expected}`);
    // A question missing its parts is named with "?" and a name cut at 80 characters.
    await denied({}, `? on ? "" — ${expected}`);
    await denied({ resource: 'queue', name: `${queue('oslo')}${'x'.repeat(100)}`, permission: 'read' }, `read on queue "${`${queue('oslo')}${'x'.repeat(100)}`.slice(0, 80)}" — ${expected}`);
  });

  it('denies an integration without a Fiks IO account and an unknown user, whatever they ask', async () => {
    const { ask } = setup();
    const form = { vhost: '/', resource: 'queue', name: queue('oslo'), permission: 'read' };
    expect((await ask('resource', { ...form, username: tromso.username })).decision).toEqual({ path: 'resource', username: tromso.username, allow: false, reason: 'tromso does not receive over Fiks IO' });
    expect((await ask('resource', { ...form, username: 'nobody' })).decision).toEqual({ path: 'resource', username: 'nobody', allow: false, reason: 'not an integration of this portal' });
    expect((await ask('resource', { ...form, username: '' })).decision?.reason).toBe('username is missing — expected the integration id');
  });
});

describe('an answer even when the question cannot be read', () => {
  it('denies a body declared over the size limit, naming why in at most 80 characters', async () => {
    const { ask, tokenFor } = setup();
    const answer = await ask('user', { username: oslo.username, password: `${oslo.password} ${tokenFor(oslo)}` }, { 'content-length': String(300 * 1024) });
    expect(answer).toEqual({
      status: 200, body: 'deny', type: 'text/plain; charset=utf-8',
      decision: { path: 'user', username: '', allow: false, reason: `unreadable request: ${'[kvittering] E_HTTP_BODY_TOO_LARGE: body is larger than 262144 bytes — expected at most 262144'.slice(0, 80)}` },
    });
  });

  it('denies when the portal itself fails, even with something not an Error', async () => {
    const { ask } = setup({ kontoIdOf: () => { throw 'accounts unavailable'; } }); // eslint-disable-line @typescript-eslint/only-throw-error
    expect(await ask('resource', { username: oslo.username, resource: 'queue', name: 'fiksio.konto.konto-oslo', permission: 'read' }))
      .toMatchObject({ status: 200, body: 'deny', decision: { path: 'resource', username: '', allow: false, reason: 'unreadable request: accounts unavailable' } });
  });

  it('answers without a decision listener too', async () => {
    const { ask, tokenFor } = setup({ withLog: false });
    expect(await ask('user', { username: oslo.username, password: `${oslo.password} ${tokenFor(oslo)}` })).toMatchObject({ status: 200, body: 'allow', decision: undefined });
    expect(await ask('vhost', { username: 'nobody' })).toMatchObject({ status: 200, body: 'deny', decision: undefined });
  });
});
