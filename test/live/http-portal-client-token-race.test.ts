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
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('receipts in flight when the portal forgets the bearer token', () => {
  it('are all delivered with a new token, none given up', async () => {
    let issued = 0;
    const known = new Set<string>();
    const delivered: string[] = [];
    server.use(
      http.post(`${BASE}/token`, () => {
        const token = `tok-${++issued}`;
        known.add(token);
        return HttpResponse.json({ access_token: token, token_type: 'Bearer', expires_in: 120 });
      }),
      http.post(`${BASE}/fiks-io/api/v1/send`, async ({ request }) => {
        const token = (request.headers.get('authorization') ?? '').replace(/^Bearer /, '');
        if (!known.has(token)) return HttpResponse.json({ status: 401 }, { status: 401 });
        delivered.push(/"svarPaMelding":"([^"]+)"/.exec(await request.text())?.[1] ?? '');
        return HttpResponse.json({}, { status: 202 });
      }),
    );
    const givenUp: [number, string][] = [];
    const client = new HttpPortalClient({
      portalUrl: BASE, credentials: { username: 'oslo-fagsystem', password: 'hemmelig-2' }, style: 'push',
      // A backoff longer than the test: a 401 is retried at once, never after a backoff.
      timeoutMs: 2_000, attempts: 4, backoffMs: 60_000, onGiveUp: (msg, reason) => givenUp.push([msg, reason]),
    });
    const settled = async () => {
      for (let i = 0; i < 400 && client.inFlight > 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(client.inFlight).toBe(0);
    };
    client.receipt(1, 'mottatt');
    await settled();
    known.clear(); // the portal restarted: tok-1 means nothing to it now
    client.receipt(2, 'mottatt');
    client.receipt(3, 'mottatt');
    await settled();
    expect(givenUp).toEqual([]);
    expect(delivered).toHaveLength(3);
    expect(issued).toBeLessThanOrEqual(3);
  });

  it('a receipt refused after another already renewed the token keeps the new token and retries with it', async () => {
    let issued = 0;
    const known = new Set<string>();
    let renewedDelivery: () => void = () => undefined;
    const renewed = new Promise<void>((resolve) => { renewedDelivery = resolve; });
    server.use(
      http.post(`${BASE}/token`, () => {
        const token = `tok-${++issued}`;
        known.add(token);
        return HttpResponse.json({ access_token: token, token_type: 'Bearer', expires_in: 120 });
      }),
      http.post(`${BASE}/fiks-io/api/v1/send`, async ({ request }) => {
        const token = (request.headers.get('authorization') ?? '').replace(/^Bearer /, '');
        const body = await request.text();
        if (known.has(token)) {
          if (token === 'tok-2') renewedDelivery();
          return HttpResponse.json({}, { status: 202 });
        }
        // Message 3's refusal comes back only after message 2 went through with the renewed token.
        if (body.includes(messageUuid(3))) await renewed;
        return HttpResponse.json({ status: 401 }, { status: 401 });
      }),
    );
    const givenUp: [number, string][] = [];
    const client = new HttpPortalClient({
      portalUrl: BASE, credentials: { username: 'oslo-fagsystem', password: 'hemmelig-2' }, style: 'push',
      timeoutMs: 2_000, attempts: 4, backoffMs: 60_000, onGiveUp: (msg, reason) => givenUp.push([msg, reason]),
    });
    client.receipt(1, 'mottatt');
    for (let i = 0; i < 400 && client.inFlight > 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    known.clear();
    client.receipt(2, 'mottatt');
    client.receipt(3, 'mottatt');
    for (let i = 0; i < 400 && client.inFlight > 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(client.inFlight).toBe(0);
    expect(givenUp).toEqual([]);
    // tok-2 was not dropped for message 3's refusal of tok-1: no third token.
    expect(issued).toBe(2);
  });
});
