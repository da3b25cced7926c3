// Regression test for a bug mutation testing led to (the `this.token !== undefined` guard on a 401 in
// http-portal-client.ts): after the portal forgot the case system's bearer token (a restart), two
// receipts in flight with it were both refused. The first dropped the token and retried; the second
// found no token to drop, took its 401 for a refusal and gave its receipt up — a receipt lost by the
// reference case system, which the portal then records as never sent. Now each retries with a fresh one.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { HttpPortalClient } from '../../simulators/case-system/http/http-portal-client.js';
import { messageUuid } from '../../simulators/portal/http/wire.js';

const BASE = 'http://portal.test';
const server = setupServer();

/** The portal's token endpoint: each call issues tok-1, tok-2, … and remembers it as known. */
function tokenEndpoint() {
  const state = { issued: 0, known: new Set<string>() };
  const handler = http.post(`${BASE}/token`, () => {
    const token = `tok-${++state.issued}`;
    state.known.add(token);
    return HttpResponse.json({ access_token: token, token_type: 'Bearer', expires_in: 120 });
  });
  return { state, handler };
}

const bearerOf = (request: Request) => (request.headers.get('authorization') ?? '').replace(/^Bearer /, '');

/** A push-style client whose backoff is longer than the test: a 401 is retried at once, never after a backoff. */
function pushClient() {
  const givenUp: [number, string][] = [];
  const client = new HttpPortalClient({
    portalUrl: BASE, credentials: { username: 'oslo-fagsystem', password: 'hemmelig-2' }, style: 'push',
    timeoutMs: 2_000, attempts: 4, backoffMs: 60_000, onGiveUp: (msg, reason) => givenUp.push([msg, reason]),
  });
  const settled = async () => {
    for (let i = 0; i < 400 && client.inFlight > 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(client.inFlight).toBe(0);
  };
  return { client, givenUp, settled };
}
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('receipts in flight when the portal forgets the bearer token', () => {
  it('are all delivered with a new token, none given up', async () => {
    const tokens = tokenEndpoint();
    const delivered: string[] = [];
    server.use(
      tokens.handler,
      http.post(`${BASE}/fiks-io/api/v1/send`, async ({ request }) => {
        if (!tokens.state.known.has(bearerOf(request))) return HttpResponse.json({ status: 401 }, { status: 401 });
        delivered.push(/"svarPaMelding":"([^"]+)"/.exec(await request.text())?.[1] ?? '');
        return HttpResponse.json({}, { status: 202 });
      }),
    );
    const { client, givenUp, settled } = pushClient();
    client.receipt(1, 'mottatt');
    await settled();
    tokens.state.known.clear(); // the portal restarted: tok-1 means nothing to it now
    client.receipt(2, 'mottatt');
    client.receipt(3, 'mottatt');
    await settled();
    expect(givenUp).toEqual([]);
    expect(delivered).toHaveLength(3);
    expect(tokens.state.issued).toBeLessThanOrEqual(3);
  });

  it('a receipt refused after another already renewed the token keeps the new token and retries with it', async () => {
    const tokens = tokenEndpoint();
    let renewedDelivery: () => void = () => undefined;
    const renewed = new Promise<void>((resolve) => { renewedDelivery = resolve; });
    server.use(
      tokens.handler,
      http.post(`${BASE}/fiks-io/api/v1/send`, async ({ request }) => {
        const token = bearerOf(request);
        const body = await request.text();
        if (tokens.state.known.has(token)) {
          if (token === 'tok-2') renewedDelivery();
          return HttpResponse.json({}, { status: 202 });
        }
        // Message 3's refusal comes back only after message 2 went through with the renewed token.
        if (body.includes(messageUuid(3))) await renewed;
        return HttpResponse.json({ status: 401 }, { status: 401 });
      }),
    );
    const { client, givenUp, settled } = pushClient();
    client.receipt(1, 'mottatt');
    await settled();
    tokens.state.known.clear();
    client.receipt(2, 'mottatt');
    client.receipt(3, 'mottatt');
    await settled();
    expect(givenUp).toEqual([]);
    // tok-2 was not dropped for message 3's refusal of tok-1: no third token.
    expect(tokens.state.issued).toBe(2);
  });
});
