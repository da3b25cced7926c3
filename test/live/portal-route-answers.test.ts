// What each portal route answers, word for word: the intake's and the receipts' JSON bodies, the
// download's headers, and the 405/404 that name exactly what is served. A client (and the OpenAPI
// file) relies on these fields; a route that answers the wrong status or body must fail here.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { ofKind } from '../../harness/ledger/ledger.js';
import { basic, bergen, oslo, portalFixture } from '../support/live-portal-fixture.js';
import { notRouted, portalRoutes } from '../../simulators/portal/http/portal-handlers.js';
import { HttpError } from '../../simulators/http/http-error.js';
import { DEFAULT_BODY_LIMIT_BYTES } from '../../simulators/http/read-body.js';

const BASE = 'http://portal.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function setup() {
  const clock = new Scheduler();
  const live = portalFixture(clock);
  server.use(...live.handlers(BASE));
  const submit = async (body: unknown) => {
    const res = await fetch(`${BASE}/bekymringsmelding`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    return { status: res.status, body: await res.json() as Record<string, unknown> };
  };
  return { clock, live, submit, auth: { authorization: basic(bergen) } };
}

const ALL_PATHS = '/bekymringsmelding, /bekymringsmelding/{id}, /mottaker/hentNyeForsendelser, /forsendelse/{id}, /kvitterMottak/forsendelse/{id}, '
  + '/mottakFeilet/forsendelse/{id}, /fiks-io/api/v1/send, /token, /fiks-io/katalog/api/v1/kontoer/{kontoId}/offentligNokkel, '
  + '/fiks-io/amqp-auth/user, /fiks-io/amqp-auth/vhost, /fiks-io/amqp-auth/resource, /fiks-io/amqp-auth/topic, /health';

describe('requests no route serves', () => {
  it('answers a wrong method on each served path with 405 naming the method it expects', async () => {
    setup();
    const expected: [string, string][] = [
      ['/bekymringsmelding', 'POST'], ['/bekymringsmelding/x', 'GET'], ['/mottaker/hentNyeForsendelser', 'GET'], ['/forsendelse/x', 'GET'],
      ['/kvitterMottak/forsendelse/x', 'POST'], ['/mottakFeilet/forsendelse/x', 'POST'], ['/fiks-io/api/v1/send', 'POST'], ['/token', 'POST'],
      ['/fiks-io/katalog/api/v1/kontoer/k/offentligNokkel', 'GET'], ['/fiks-io/amqp-auth/user', 'POST'], ['/fiks-io/amqp-auth/vhost', 'POST'],
      ['/fiks-io/amqp-auth/resource', 'POST'], ['/fiks-io/amqp-auth/topic', 'POST'], ['/health', 'GET'],
    ];
    expect(portalRoutes).toHaveLength(expected.length);
    for (const [path, method] of expected) {
      const res = await fetch(`${BASE}${path}`, { method: 'PUT' });
      expect(res.status, path).toBe(405);
      expect(await res.json(), path).toEqual({ status: 405, error: 'E_HTTP_METHOD', field: 'method', message: `[kvittering] E_HTTP_METHOD: method PUT on ${path} is not served — expected ${method}` });
    }
  });

  it('answers an unknown path with 404 listing every served path', async () => {
    setup();
    for (const path of ['/nope', '/health/extra', '/x/health', '/forsendelse/a/b', '/forsendelse/']) {
      const res = await fetch(`${BASE}${path}`, { method: 'PUT' });
      expect(res.status, path).toBe(404);
      expect(await res.json(), path).toEqual({ status: 404, error: 'E_HTTP_NOT_FOUND', field: 'path', message: `[kvittering] E_HTTP_NOT_FOUND: path ${JSON.stringify(path)} is not served — expected one of ${ALL_PATHS}` });
    }
  });

  it('names every method a path is served with, joined by "or" (no route table has two yet; notRouted is shared)', () => {
    const routes = [{ method: 'GET', path: '/ting/{id}' }, { method: 'DELETE', path: '/ting/{id}' }];
    const error = (() => { try { notRouted(new Request(`${BASE}/ting/7`, { method: 'PUT' }), BASE, routes); } catch (e) { return e; } return undefined; })();
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).toBody()).toEqual({ status: 405, error: 'E_HTTP_METHOD', field: 'method', message: '[kvittering] E_HTTP_METHOD: method PUT on /ting/7 is not served — expected GET or DELETE' });
  });

  it('shortens a long method to 16 characters and a long path to 80 in the message', async () => {
    setup();
    const id = 'i'.repeat(100);
    const method = await fetch(`${BASE}/forsendelse/${id}`, { method: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' });
    expect(((await method.json()) as { message: string }).message).toBe(`[kvittering] E_HTTP_METHOD: method ABCDEFGHIJKLMNOP on ${`/forsendelse/${id}`.slice(0, 80)} is not served — expected GET`);
    const long = `/${'p'.repeat(100)}`;
    const path = await fetch(`${BASE}${long}`);
    expect(((await path.json()) as { message: string }).message).toContain(`path ${JSON.stringify(long.slice(0, 80))} is not served`);
  });

  it('serves and refuses below a base URL with a path of its own', async () => {
    const live = portalFixture(new Scheduler());
    server.use(...live.handlers(`${BASE}/portal`));
    expect(await (await fetch(`${BASE}/portal/health`)).json()).toEqual({ status: 'ok', submitted: 0 });
    const res = await fetch(`${BASE}/portal/health`, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(((await res.json()) as { message: string }).message).toContain('method POST on /health is not served — expected GET');
  });
});

describe('the reporter-facing intake', () => {
  it('accepts a report with its id, AKSEPTERT and the status URL, and counts it in /health', async () => {
    const { submit } = setup();
    expect(await (await fetch(`${BASE}/health`)).json()).toEqual({ status: 'ok', submitted: 0 });
    const first = await submit({ kommune: 'bergen', type: 'offentlig' });
    expect(first).toEqual({ status: 202, body: { id: '6b766974-0000-4000-8000-0000000003e8', status: 'AKSEPTERT', statusUrl: `${BASE}/bekymringsmelding/6b766974-0000-4000-8000-0000000003e8` } });
    const second = await submit({ kommune: 'bergen', type: 'privat' });
    expect(second.body.id).toBe('6b766974-0000-4000-8000-0000000003e9');
    expect(await (await fetch(`${BASE}/health`)).json()).toEqual({ status: 'ok', submitted: 2 });
    expect(await (await fetch(`${BASE}/bekymringsmelding/${second.body.id as string}`)).json()).toEqual({ id: second.body.id, status: 'AKSEPTERT' });
  });

  it('records a privat report as a private sender and an offentlig one as public', async () => {
    const { submit, live } = setup();
    await submit({ kommune: 'bergen', type: 'privat' });
    await submit({ kommune: 'bergen', type: 'offentlig' });
    expect(ofKind(live.ledger.entries, 'send').map((e) => [e.msg, e.sender])).toEqual([[1000, 'private'], [1001, 'public']]);
  });

  it('refuses a kommune over 128 characters and a type that is neither offentlig nor privat, naming the field', async () => {
    const { submit } = setup();
    expect(await submit({ kommune: 'k'.repeat(129), type: 'offentlig' })).toMatchObject({ status: 400, body: { field: 'body.kommune', message: expect.stringContaining('at most 128 characters') as unknown } });
    expect(await submit({ kommune: 'bergen', type: 'anonym' })).toMatchObject({ status: 400, body: { field: 'body.type', message: expect.stringContaining('one of offentlig, privat') as unknown } });
  });

  it('answers 404 naming the id for a status lookup of an id it never gave', async () => {
    setup();
    const res = await fetch(`${BASE}/bekymringsmelding/6b766974-0000-4000-8000-000000000001`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'E_HTTP_NOT_FOUND', field: 'id' });
  });
});

describe('a receiver downloading and receipting', () => {
  it('downloads the report as an attachment named bekymringsmelding.json', async () => {
    const { submit, auth } = setup();
    const id = (await submit({ kommune: 'bergen', type: 'offentlig' })).body.id as string;
    for (const prefix of ['', '/tjenester/svarinn']) {
      const file = await fetch(`${BASE}${prefix}/forsendelse/${id}`, { headers: auth });
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/json');
      expect(file.headers.get('content-disposition')).toBe('attachment; filename="bekymringsmelding.json"');
    }
  });

  it('answers kvitterMottak with LEST and records a committed mottatt', async () => {
    const { submit, auth, live } = setup();
    const id = (await submit({ kommune: 'bergen', type: 'offentlig' })).body.id as string;
    const res = await fetch(`${BASE}/kvitterMottak/forsendelse/${id}`, { method: 'POST', headers: auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id, status: 'LEST' });
    expect(ofKind(live.ledger.entries, 'receipt-sent')).toEqual([{ t: 0, kind: 'receipt-sent', msg: 1000, receipt: 'mottatt', committed: true }]);
  });

  it('limits the ignored kvitterMottak body: over the limit is a 413 and no receipt', async () => {
    const { submit, auth, live } = setup();
    const id = (await submit({ kommune: 'bergen', type: 'offentlig' })).body.id as string;
    // The size as the http shell declares it: msw never finishes a request whose body stream is left half read.
    const size = DEFAULT_BODY_LIMIT_BYTES + 1;
    const request = new Request(`${BASE}/kvitterMottak/forsendelse/${id}`, { method: 'POST', headers: { ...auth, 'content-length': String(size) }, body: 'x'.repeat(size) });
    const res = await getResponse(live.handlers(BASE), request) as Response;
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'E_HTTP_BODY_TOO_LARGE', field: 'body' });
    expect(ofKind(live.ledger.entries, 'receipt-sent')).toEqual([]);
  });

  it('answers mottakFeilet with the shipment\'s next status, the feilmelding and the permanent flag it records', async () => {
    const { submit, auth, live } = setup();
    const id = (await submit({ kommune: 'bergen', type: 'offentlig' })).body.id as string;
    const feil = async (permanent: boolean) => {
      const res = await fetch(`${BASE}/tjenester/svarinn/mottakFeilet/forsendelse/${id}`, {
        method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ feilmelding: 'Disken er full', permanent }),
      });
      return { status: res.status, body: await res.json() };
    };
    expect(await feil(false)).toEqual({ status: 200, body: { id, status: 'KLAR_FOR_MOTTAK', feilmelding: 'Disken er full', permanent: false } });
    expect(await feil(true)).toEqual({ status: 200, body: { id, status: 'IKKE_LEVERT', feilmelding: 'Disken er full', permanent: true } });
    expect(ofKind(live.ledger.entries, 'receipt-sent').map((e) => [e.receipt, e.committed, e.permanent])).toEqual([['feilet', false, false], ['feilet', false, true]]);
  });

  it('refuses a mottakFeilet without a feilmelding, naming the field', async () => {
    const { submit, auth } = setup();
    const id = (await submit({ kommune: 'bergen', type: 'offentlig' })).body.id as string;
    const res = await fetch(`${BASE}/mottakFeilet/forsendelse/${id}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ permanent: true }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'body.feilmelding' });
  });
});

describe('the Fiks IO send endpoint', () => {
  it('answers 202 with a new meldingId, echoing the type, the message answered and the sender account', async () => {
    const { submit } = setup();
    const id = (await submit({ kommune: 'oslo', type: 'offentlig' })).body.id as string;
    const tokenRes = await fetch(`${BASE}/token`, { method: 'POST', headers: { authorization: basic(oslo) }, body: 'grant_type=client_credentials' });
    const token = ((await tokenRes.json()) as { access_token: string }).access_token;
    const headers = { integrasjonid: oslo.username, integrasjonpassord: oslo.password, authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const send = async (metadata: Record<string, unknown>) => {
      const res = await fetch(`${BASE}/fiks-io/api/v1/send`, { method: 'POST', headers, body: JSON.stringify({ metadata }) });
      return { status: res.status, body: await res.json() as Record<string, unknown> };
    };
    const plain = await send({ meldingType: 'no.ks.fiks.bekymringsmelding.mottatt.v1', svarPaMelding: id });
    expect(plain).toEqual({ status: 202, body: { meldingId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/) as unknown, meldingType: 'no.ks.fiks.bekymringsmelding.mottatt.v1', svarPaMelding: id, avsenderKontoId: 'oslo' } });
    const named = await send({ meldingType: 'no.ks.fiks.bekymringsmelding.mottatt.v1', svarPaMelding: id, avsenderKontoId: 'konto-oslo' });
    expect(named.body.avsenderKontoId).toBe('konto-oslo');
  });
});

describe('the intake as a direct route for the http shell', () => {
  it('is POST on the intake\'s own target below the base URL\'s path', () => {
    const live = portalFixture(new Scheduler());
    expect(live.directRoutes(BASE).map((r) => [r.method, r.target])).toEqual([['POST', '/bekymringsmelding']]);
    expect(live.directRoutes(`${BASE}/portal/`).map((r) => r.target)).toEqual(['/portal/bekymringsmelding']);
  });

  it('answers the intake\'s 202, and a 413 for a declared length over the limit however short the body', () => {
    const live = portalFixture(new Scheduler());
    const [route] = live.directRoutes(BASE);
    const body = Buffer.from(JSON.stringify({ kommune: 'bergen', type: 'offentlig' }));
    expect(route?.serve({ headers: new Headers(), body })).toEqual({ status: 202, body: { id: '6b766974-0000-4000-8000-0000000003e8', status: 'AKSEPTERT', statusUrl: `${BASE}/bekymringsmelding/6b766974-0000-4000-8000-0000000003e8` } });
    expect(() => route?.serve({ headers: new Headers({ 'content-length': String(DEFAULT_BODY_LIMIT_BYTES + 1) }), body })).toThrow('E_HTTP_BODY_TOO_LARGE');
    expect(live.service.submitted).toBe(1);
  });
});
