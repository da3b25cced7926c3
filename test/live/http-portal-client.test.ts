// The case system's receipts to the portal over HTTP, against a recording portal in-process (msw):
// the exact SvarInn and Fiks IO requests (paths, headers, the multipart body KS's client sends, the
// ASiC-E feilmelding), the bearer token fetched once and renewed before it expires or when refused,
// and the retry policy — a refusal is given up at once, a 5xx/429/network error/timeout is retried with
// doubling backoff, and what is given up is reported with its reason. Found by mutation testing.

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupServer } from 'msw/node';
import { delay, http, HttpResponse } from 'msw';
import { HttpPortalClient, defaultHttpPortalClient, type HttpPortalClientOptions } from '../../simulators/case-system/http/http-portal-client.js';
import { MESSAGE_TYPES, messageUuid } from '../../simulators/portal/http/wire.js';
import { ASICE_MIMETYPE } from '../../simulators/portal/http/asice.js';
import { feilmeldingAsice, readFiksIoSend } from '../../simulators/portal/http/fiks-io-send.js';
import { basicAuthHeader } from '../../simulators/http/basic-auth.js';

const BASE = 'http://portal.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => { server.resetHandlers(); vi.restoreAllMocks(); vi.useRealTimers(); });
afterAll(() => server.close());

const account = { username: 'oslo-fagsystem', password: 'hemmelig-2' };
const id7 = messageUuid(7);

interface Seen { path: string; headers: Record<string, string>; body: Uint8Array; request: Request; atMs: number }

/**
 * A portal whose answers are scripted per path (status codes in order, the last repeats) and which
 * records every request. Token answers are `{access_token: tok-N, expires_in}` unless scripted.
 */
function recordingPortal(script: { send?: number[]; token?: (n: number) => Response; expiresIn?: number; hang?: boolean; networkError?: boolean } = {}) {
  const seen: Seen[] = [];
  let sends = 0;
  let tokens = 0;
  const record = async (request: Request) => {
    const copy = request.clone();
    seen.push({ path: new URL(request.url).pathname, headers: Object.fromEntries(request.headers), body: new Uint8Array(await request.arrayBuffer()), request: copy, atMs: performance.now() });
  };
  const answer = async () => {
    if (script.hang === true) await delay('infinite');
    if (script.networkError === true) return HttpResponse.error();
    const codes = script.send ?? [200];
    const status = codes[Math.min(sends++, codes.length - 1)] as number;
    return HttpResponse.json({ status }, { status });
  };
  server.use(
    http.post(`${BASE}/token`, async ({ request }) => {
      await record(request);
      tokens++;
      return script.token?.(tokens) ?? HttpResponse.json({ access_token: `tok-${tokens}`, token_type: 'Bearer', expires_in: script.expiresIn ?? 120 });
    }),
    http.post(`${BASE}/fiks-io/api/v1/send`, async ({ request }) => { await record(request); return answer(); }),
    http.post(`${BASE}/kvitterMottak/forsendelse/:id`, async ({ request }) => { await record(request); return answer(); }),
    http.post(`${BASE}/mottakFeilet/forsendelse/:id`, async ({ request }) => { await record(request); return answer(); }),
  );
  return { seen, paths: () => seen.map((s) => s.path) };
}

function client(options: Partial<HttpPortalClientOptions> = {}) {
  const givenUp: [number, string][] = [];
  const c = new HttpPortalClient({
    portalUrl: `${BASE}/`, credentials: account, style: 'push', timeoutMs: 2_000, attempts: 3, backoffMs: 1,
    onGiveUp: (msg, reason) => givenUp.push([msg, reason]), ...options,
  });
  return { c, givenUp };
}

/** Wait until every receipt handed to the client has finished (delivered or given up). */
async function settled(c: HttpPortalClient): Promise<void> {
  for (let i = 0; i < 500 && c.inFlight > 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(c.inFlight).toBe(0);
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('poll style (SvarInn)', () => {
  it('mottatt is POST kvitterMottak/forsendelse/{id} with Basic auth and no body', async () => {
    const portal = recordingPortal();
    const { c, givenUp } = client({ style: 'poll' });
    c.receipt(7, 'mottatt');
    expect(c.inFlight).toBe(1);
    await settled(c);
    expect(portal.paths()).toEqual([`/kvitterMottak/forsendelse/${id7}`]);
    expect(portal.seen[0]?.headers).toMatchObject({ authorization: basicAuthHeader(account), 'content-type': 'application/json' });
    expect(portal.seen[0]?.body.byteLength).toBe(0);
    expect(givenUp).toEqual([]);
  });

  it.each([[false, false], [true, true], [undefined, true]] as const)('feilet with permanent %s is mottakFeilet with permanent %s and the feilmelding', async (permanent, sent) => {
    const portal = recordingPortal();
    const { c } = client({ style: 'poll' });
    c.receipt(7, 'feilet', permanent);
    await settled(c);
    expect(portal.paths()).toEqual([`/mottakFeilet/forsendelse/${id7}`]);
    expect(portal.seen[0]?.headers).toMatchObject({ authorization: basicAuthHeader(account) });
    expect(JSON.parse(text(portal.seen[0]?.body ?? new Uint8Array()))).toEqual({ feilmelding: 'Lagring i fagsystemet feilet', permanent: sent });
  });

  it('a 401 is given up at once (no token to renew), naming the status', async () => {
    const portal = recordingPortal({ send: [401] });
    const { c, givenUp } = client({ style: 'poll' });
    c.receipt(7, 'mottatt');
    await settled(c);
    expect(portal.paths()).toHaveLength(1);
    expect(givenUp).toEqual([[7, 'HTTP 401']]);
  });

  it('the listing and download ports are not used over HTTP', () => {
    const { c } = client({ style: 'poll' });
    expect(c.listNew()).toEqual([]);
    expect(c.download()).toBeUndefined();
  });
});

describe('push style (Fiks IO send)', () => {
  const fiksIo = { kontoId: 'konto-oslo', replyTo: (msg: number) => (msg === 7 ? 'konto-avsender' : undefined) };

  it('fetches a token with the client credentials, then sends mottatt as KS\'s client does: metadata only', async () => {
    const portal = recordingPortal();
    const { c, givenUp } = client({ fiksIo });
    c.receipt(7, 'mottatt');
    await settled(c);
    expect(portal.paths()).toEqual(['/token', '/fiks-io/api/v1/send']);
    const [token, send] = portal.seen as [Seen, Seen];
    expect(token.headers).toMatchObject({ authorization: basicAuthHeader(account), 'content-type': 'application/x-www-form-urlencoded' });
    expect(text(token.body)).toBe('grant_type=client_credentials');
    expect(send.headers).toMatchObject({ integrasjonid: account.username, integrasjonpassord: account.password, authorization: 'Bearer tok-1' });
    const boundary = /^multipart\/form-data; boundary=(kvittering-[0-9a-f-]{36})$/.exec(send.headers['content-type'] ?? '')?.[1];
    expect(boundary).toBeDefined();
    const metadata = { avsenderKontoId: 'konto-oslo', mottakerKontoId: 'konto-avsender', meldingType: MESSAGE_TYPES.mottatt, svarPaMelding: id7, ttl: 86_400_000, headere: {} };
    expect(text(send.body)).toBe(`--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(metadata)}\r\n--${boundary}--\r\n`);
    expect(await readFiksIoSend(send.request)).toEqual(metadata);
    expect(givenUp).toEqual([]);
  });

  it('sends feilet with a data part: the ASiC-E container holding feilmelding.json', async () => {
    const portal = recordingPortal();
    const { c } = client({ fiksIo });
    c.receipt(8, 'feilet');
    await settled(c);
    const send = portal.seen[1] as Seen;
    const boundary = /boundary=(.*)$/.exec(send.headers['content-type'] ?? '')?.[1] ?? '';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="data"; filename="melding.asice"\r\nContent-Type: ${ASICE_MIMETYPE}\r\n\r\n`;
    const body = Buffer.from(send.body);
    const at = body.indexOf(head);
    expect(at).toBeGreaterThan(0);
    const asice = feilmeldingAsice('Lagring i fagsystemet feilet');
    expect(new Uint8Array(body.subarray(at + head.length, at + head.length + asice.byteLength))).toEqual(asice);
    expect(body.subarray(at + head.length + asice.byteLength).toString('utf8')).toBe(`\r\n--${boundary}--\r\n`);
    // No reply-to account for message 8: the metadata names only this system's account.
    const parsed = await readFiksIoSend(send.request);
    expect(parsed).toMatchObject({ avsenderKontoId: 'konto-oslo', meldingType: MESSAGE_TYPES.feilet, svarPaMelding: messageUuid(8), melding: 'Lagring i fagsystemet feilet' });
    expect(parsed.mottakerKontoId).toBeUndefined();
  });

  it('without Fiks IO accounts the metadata names no account at all', async () => {
    const portal = recordingPortal();
    const { c } = client();
    c.receipt(7, 'mottatt');
    await settled(c);
    const metadata = await readFiksIoSend(portal.seen[1]?.request as Request);
    expect(metadata).toEqual({ meldingType: MESSAGE_TYPES.mottatt, svarPaMelding: id7, ttl: 86_400_000, headere: {} });
  });

  it('keeps the token until 10 s before it expires, then fetches a new one', async () => {
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const portal = recordingPortal({ expiresIn: 120 });
    const { c } = client();
    c.receipt(1, 'mottatt');
    await settled(c);
    now += 109_999;
    c.receipt(2, 'mottatt');
    await settled(c);
    now += 1;
    c.receipt(3, 'mottatt');
    await settled(c);
    expect(portal.paths()).toEqual(['/token', '/fiks-io/api/v1/send', '/fiks-io/api/v1/send', '/token', '/fiks-io/api/v1/send']);
    expect(portal.seen.filter((s) => s.path.endsWith('/send')).map((s) => s.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
  });

  it('a token that lives 10 s or less is fetched afresh for every receipt', async () => {
    vi.spyOn(Date, 'now').mockImplementation(() => 5_000);
    const portal = recordingPortal({ expiresIn: 10 });
    const { c } = client();
    c.receipt(1, 'mottatt');
    await settled(c);
    c.receipt(2, 'mottatt');
    await settled(c);
    expect(portal.paths()).toEqual(['/token', '/fiks-io/api/v1/send', '/token', '/fiks-io/api/v1/send']);
  });

  it('a 401 on a send drops the token and sends again at once with a new one', async () => {
    const portal = recordingPortal({ send: [401, 200] });
    const { c, givenUp } = client({ attempts: 2, backoffMs: 60_000 });
    c.receipt(7, 'mottatt');
    await settled(c); // a backoff of a minute would outlast this wait: the retry is immediate
    expect(portal.paths()).toEqual(['/token', '/fiks-io/api/v1/send', '/token', '/fiks-io/api/v1/send']);
    expect(portal.seen.filter((s) => s.path.endsWith('/send')).map((s) => s.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
    expect(givenUp).toEqual([]);
  });

  it('a 401 on the last attempt is given up, not retried, and the refused token is not used again', async () => {
    const portal = recordingPortal({ send: [401, 200] });
    const { c, givenUp } = client({ attempts: 1 });
    c.receipt(7, 'mottatt');
    await settled(c);
    expect(portal.paths()).toEqual(['/token', '/fiks-io/api/v1/send']);
    expect(givenUp).toEqual([[7, 'HTTP 401']]);
    c.receipt(8, 'mottatt');
    await settled(c);
    expect(portal.seen.filter((s) => s.path.endsWith('/send')).map((s) => s.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
    expect(givenUp).toEqual([[7, 'HTTP 401']]);
  });

  it('a refusal other than 401 (HTTP 400) is given up after one send, with the token kept', async () => {
    const portal = recordingPortal({ send: [400, 200] });
    const { c, givenUp } = client({ attempts: 4, backoffMs: 60_000 });
    c.receipt(7, 'mottatt');
    await settled(c);
    expect(portal.paths()).toEqual(['/token', '/fiks-io/api/v1/send']);
    expect(givenUp).toEqual([[7, 'HTTP 400']]);
    c.receipt(8, 'mottatt');
    await settled(c);
    expect(portal.paths()).toEqual(['/token', '/fiks-io/api/v1/send', '/fiks-io/api/v1/send']);
  });

  it.each([
    ['an error status', () => HttpResponse.json({}, { status: 500 }), 'token endpoint answered HTTP 500'],
    ['an error status with a token in it', () => HttpResponse.json({ access_token: 't', expires_in: 120 }, { status: 503 }), 'token endpoint answered HTTP 503'],
    ['no access_token', () => HttpResponse.json({ expires_in: 120 }), 'token endpoint answered HTTP 200'],
    ['no expires_in', () => HttpResponse.json({ access_token: 't' }), 'token endpoint answered HTTP 200'],
    ['a body that is not JSON', () => new HttpResponse('nope', { status: 200 }), 'token endpoint answered HTTP 200'],
  ])('a token endpoint answering %s: no send, every attempt tried, given up with the reason', async (_name, token, reason) => {
    const portal = recordingPortal({ token });
    const { c, givenUp } = client({ attempts: 2 });
    c.receipt(7, 'mottatt');
    await settled(c);
    expect(portal.paths()).toEqual(['/token', '/token']);
    expect(givenUp).toEqual([[7, reason]]);
  });
});

describe('retries', () => {
  it.each([[400], [404], [409]])('a refusal (HTTP %i) is given up after one try', async (status) => {
    const portal = recordingPortal({ send: [status] });
    const { c, givenUp } = client({ style: 'poll', attempts: 4 });
    c.receipt(7, 'mottatt');
    await settled(c);
    expect(portal.paths()).toHaveLength(1);
    expect(givenUp).toEqual([[7, `HTTP ${status}`]]);
  });

  it.each([[500], [503], [429]])('HTTP %i is retried until it goes through', async (status) => {
    const portal = recordingPortal({ send: [status, status, 200] });
    const { c, givenUp } = client({ style: 'poll', attempts: 3 });
    c.receipt(7, 'mottatt');
    await settled(c);
    expect(portal.paths()).toHaveLength(3);
    expect(givenUp).toEqual([]);
  });

  it('gives up after the last attempt with the last reason', async () => {
    const portal = recordingPortal({ send: [503] });
    const { c, givenUp } = client({ style: 'poll', attempts: 3 });
    c.receipt(7, 'mottatt');
    await settled(c);
    expect(portal.paths()).toHaveLength(3);
    expect(givenUp).toEqual([[7, 'HTTP 503']]);
  });

  it('waits backoff, then twice that, between attempts', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const portal = recordingPortal({ send: [503] });
    const { c, givenUp } = client({ style: 'poll', attempts: 3, backoffMs: 1_000 });
    c.receipt(7, 'mottatt');
    const tries = async (ms: number) => { await vi.advanceTimersByTimeAsync(ms); return portal.seen.length; };
    expect(await tries(0)).toBe(1);
    expect(await tries(999)).toBe(1);
    expect(await tries(1)).toBe(2);
    expect(await tries(1_999)).toBe(2);
    expect(await tries(1)).toBe(3);
    // No wait after the last attempt: it is given up as soon as its answer is in.
    for (let i = 0; i < 200 && givenUp.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(givenUp).toEqual([[7, 'HTTP 503']]);
    expect(c.inFlight).toBe(0);
  });

  it('a network error is retried and given up with its message', async () => {
    const portal = recordingPortal({ networkError: true });
    const { c, givenUp } = client({ style: 'poll', attempts: 2 });
    c.receipt(7, 'mottatt');
    await settled(c);
    expect(portal.paths()).toHaveLength(2);
    expect(givenUp).toEqual([[7, 'Failed to fetch']]);
  });

  it('an attempt the portal does not answer is cut off by the timeout, and given up with that reason', async () => {
    recordingPortal({ hang: true });
    const { c, givenUp } = client({ style: 'poll', attempts: 2, timeoutMs: 50 });
    c.receipt(7, 'mottatt');
    await settled(c);
    expect(givenUp).toHaveLength(1);
    expect(givenUp[0]?.[1]).toMatch(/timeout|aborted/i);
  });

  it('with no attempts allowed nothing is sent and the receipt is given up with no reason', async () => {
    const portal = recordingPortal();
    const { c, givenUp } = client({ style: 'poll', attempts: 0 });
    c.receipt(7, 'mottatt');
    await settled(c);
    expect(portal.paths()).toEqual([]);
    expect(givenUp).toEqual([[7, '']]);
  });

  it('giving up without a listener is silent and still finishes the receipt', async () => {
    recordingPortal({ send: [400] });
    const c = new HttpPortalClient({ portalUrl: BASE, credentials: account, style: 'poll', timeoutMs: 2_000, attempts: 1, backoffMs: 1 });
    c.receipt(7, 'mottatt');
    await settled(c);
  });

  it('the defaults: 5 s per attempt, 4 attempts, 250 ms first backoff', () => {
    expect(defaultHttpPortalClient).toEqual({ timeoutMs: 5_000, attempts: 4, backoffMs: 250 });
  });
});
