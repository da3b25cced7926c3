// The reference case system's HTTP surface in-process (msw's setupServer, the handlers `serve
// case-system` serves) over a scripted service: each transport answer's status, body and Retry-After,
// the header a push becomes, every refused field named with what was expected, the storage check, the
// Basic guard (not on /health) and the JSON 404/405 for anything else. Found by mutation testing.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { caseSystemHandlers } from '../../simulators/case-system/http/case-system-handlers.js';
import type { CaseSystemService, PushOutcome } from '../../simulators/case-system/http/case-system-service.js';
import { MESSAGE_TYPES, messageUuid } from '../../simulators/portal/http/wire.js';
import type { MessageHeader } from '../../simulators/portal/message.js';
import { basicAuthHeader } from '../../simulators/http/basic-auth.js';

const BASE = 'http://case-system.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const portalAccount = { username: 'portal', password: 'test-only' };
const auth = { authorization: basicAuthHeader(portalAccount) };
const id7 = messageUuid(7);

/** A service that records what it is asked and answers as scripted. */
function scripted(outcome: PushOutcome = 'ack', stored: boolean | 'timeout' = true, open = false) {
  const pushes: [MessageHeader, boolean][] = [];
  const lookups: [number, number][] = [];
  const service = {
    push: (header: MessageHeader, redelivered: boolean) => { pushes.push([header, redelivered]); return Promise.resolve(outcome); },
    lookup: (msg: number, timeoutMs: number) => { lookups.push([msg, timeoutMs]); return Promise.resolve(stored); },
  } as unknown as CaseSystemService;
  server.use(...caseSystemHandlers(service, BASE, { ...(open ? {} : { credentials: portalAccount }), lookupTimeoutMs: 5_000, ackPolicy: 'retry-then-fail' }));
  return { pushes, lookups };
}

const goodBody = { meldingId: id7, meldingType: MESSAGE_TYPES.offentlig, sendtTidspunkt: 1234, resendt: false, bekymringsmelding: { tekst: 'x' } };
const post = (body: unknown, headers: Record<string, string> = auth) => fetch(`${BASE}/fiks-io/meldinger`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const json = async (res: Response) => await res.json() as Record<string, unknown>;

describe('POST /fiks-io/meldinger', () => {
  it.each([
    ['ack', 200, 'ack', null],
    ['nack', 409, 'nack', null],
    ['nack-requeue', 503, 'nack-requeue', '1'],
    ['down', 503, 'unavailable', '1'],
    ['timeout', 503, 'timeout', null],
  ] as const)('the transport answer %s is HTTP %i with svar %s (Retry-After %s)', async (outcome, status, svar, retryAfter) => {
    scripted(outcome);
    const res = await post(goodBody);
    expect(res.status).toBe(status);
    expect(res.headers.get('retry-after')).toBe(retryAfter);
    expect(await json(res)).toEqual({ meldingId: id7, svar });
  });

  it('hands the service the message header and the redelivered flag as sent', async () => {
    const { pushes } = scripted();
    await post({ ...goodBody, resendt: true });
    await post({ ...goodBody, meldingId: messageUuid(8), meldingType: MESSAGE_TYPES.privat, sendtTidspunkt: 99 });
    expect(pushes).toEqual([
      [{ id: 7, receiver: 0, sender: 'public', sentAtMs: 1234 }, true],
      [{ id: 8, receiver: 0, sender: 'private', sentAtMs: 99 }, false],
    ]);
  });

  it.each([
    ['meldingId missing', { meldingId: undefined }, 'body.meldingId', 'body.meldingId is missing — expected a non-empty string of at most 64 characters'],
    ['meldingId too long', { meldingId: `${id7}-${'x'.repeat(40)}` }, 'body.meldingId', `body.meldingId is "${id7}-${'x'.repeat(27)}`],
    ['meldingId not a kvittering UUID', { meldingId: 'abc' }, 'body.meldingId', 'body.meldingId is "abc" — expected a kvittering message UUID (6b766974-0000-4000-8000-…)'],
    ['meldingType unknown', { meldingType: 'no.ks.annet' }, 'body.meldingType', `body.meldingType is "no.ks.annet" — expected one of ${MESSAGE_TYPES.offentlig}, ${MESSAGE_TYPES.privat}`],
    ['sendtTidspunkt a string', { sendtTidspunkt: '1234' }, 'body.sendtTidspunkt', 'body.sendtTidspunkt is "1234" — expected a number (epoch or run milliseconds)'],
    ['resendt missing', { resendt: undefined }, 'body.resendt', 'body.resendt is missing — expected true or false'],
    ['bekymringsmelding missing', { bekymringsmelding: undefined }, 'body.bekymringsmelding', 'body.bekymringsmelding is missing — expected an object (bekymringsmelding.json)'],
    ['bekymringsmelding null', { bekymringsmelding: null }, 'body.bekymringsmelding', 'body.bekymringsmelding is null — expected an object (bekymringsmelding.json)'],
    ['bekymringsmelding a list', { bekymringsmelding: [1] }, 'body.bekymringsmelding', 'body.bekymringsmelding is [1] — expected an object (bekymringsmelding.json)'],
    ['bekymringsmelding a string', { bekymringsmelding: 'tekst' }, 'body.bekymringsmelding', 'body.bekymringsmelding is "tekst" — expected an object (bekymringsmelding.json)'],
  ])('refuses %s with a 400 naming the field, and pushes nothing', async (_name, change, field, message) => {
    const { pushes } = scripted();
    const res = await post({ ...goodBody, ...change });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body).toMatchObject({ status: 400, error: 'E_HTTP_FIELD', field });
    expect(body.message).toContain(message);
    expect(pushes).toEqual([]);
  });

  it('refuses a sendtTidspunkt that is not finite (1e999 parses as Infinity)', async () => {
    const { pushes } = scripted();
    const text = JSON.stringify(goodBody).replace('"sendtTidspunkt":1234', '"sendtTidspunkt":1e999');
    const res = await fetch(`${BASE}/fiks-io/meldinger`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: text });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ field: 'body.sendtTidspunkt', message: expect.stringContaining('expected a number (epoch or run milliseconds)') as unknown });
    expect(pushes).toEqual([]);
  });
});

describe('GET /lagret/{id}', () => {
  it.each([[true, 200], [false, 404]] as const)('stored %s is HTTP %i with lagret, asked under the lookup timeout', async (stored, status) => {
    const { lookups } = scripted('ack', stored);
    const res = await fetch(`${BASE}/lagret/${id7}`, { headers: auth });
    expect(res.status).toBe(status);
    expect(await json(res)).toEqual({ id: id7, lagret: stored });
    expect(lookups).toEqual([[7, 5_000]]);
  });

  it('a lookup that does not finish in time is a 503 naming the id and the limit', async () => {
    scripted('ack', 'timeout');
    const res = await fetch(`${BASE}/lagret/${id7}`, { headers: auth });
    expect(res.status).toBe(503);
    expect(await json(res)).toEqual({ status: 503, error: 'E_STORAGE_TIMEOUT', field: 'id', message: `[kvittering] E_STORAGE_TIMEOUT: lookup of ${id7} did not finish within 5000 ms — expected the database to answer` });
  });

  it('an id that is not a kvittering UUID is a 400 on the field id, shown cut at 64 characters', async () => {
    const { lookups } = scripted();
    const long = 'z'.repeat(100);
    const res = await fetch(`${BASE}/lagret/${long}`, { headers: auth });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body).toMatchObject({ error: 'E_HTTP_FIELD', field: 'id' });
    expect(body.message).toContain(`id is "${'z'.repeat(64)}" — expected a kvittering message UUID`);
    expect(lookups).toEqual([]);
  });
});

describe('the Basic guard and the rest of the surface', () => {
  it('health is open and names the ack policy', async () => {
    scripted();
    const res = await fetch(`${BASE}/health`);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ status: 'ok', ackPolicy: 'retry-then-fail' });
  });

  it('a push and a storage check without the portal\'s credentials are 401, and reach no service', async () => {
    const { pushes, lookups } = scripted();
    const wrong = { authorization: basicAuthHeader({ ...portalAccount, password: 'feil' }) };
    expect((await post(goodBody, {})).status).toBe(401);
    expect((await post(goodBody, wrong)).status).toBe(401);
    expect((await fetch(`${BASE}/lagret/${id7}`)).status).toBe(401);
    expect(pushes).toEqual([]);
    expect(lookups).toEqual([]);
  });

  it('without configured credentials the surface is open', async () => {
    const { pushes, lookups } = scripted('ack', true, true);
    expect((await post(goodBody, {})).status).toBe(200);
    expect((await fetch(`${BASE}/lagret/${id7}`)).status).toBe(200);
    expect(pushes).toHaveLength(1);
    expect(lookups).toHaveLength(1);
  });

  it('a known path with the wrong method is a 405 naming the method to use; an unknown path a 404 listing the routes', async () => {
    scripted();
    const getPush = await fetch(`${BASE}/fiks-io/meldinger`, { headers: auth });
    expect(getPush.status).toBe(405);
    expect((await json(getPush)).message).toContain('method GET on /fiks-io/meldinger is not served — expected POST');
    const postLookup = await fetch(`${BASE}/lagret/${id7}`, { method: 'POST', headers: auth });
    expect(postLookup.status).toBe(405);
    expect((await json(postLookup)).message).toContain('expected GET');
    const deleteHealth = await fetch(`${BASE}/health`, { method: 'DELETE' });
    expect((await json(deleteHealth)).message).toContain('method DELETE on /health is not served — expected GET');
    const unknown = await fetch(`${BASE}/nope`, { headers: auth });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).message).toContain('path "/nope" is not served — expected one of /fiks-io/meldinger, /lagret/{id}, /health');
  });
});
