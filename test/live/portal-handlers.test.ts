// The portal's HTTP surface in-process: msw's setupServer runs the same handlers `serve portal`
// serves, over the core Portal on the virtual-time scheduler, so every step is deterministic.

import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { Scheduler } from '../../harness/runtime/scheduler.js';
import { ofKind } from '../../harness/ledger/ledger.js';
import { DAY_MS } from '../../harness/runtime/time.js';
import { basic, bergen, oslo, portalFixture } from '../support/live-portal-fixture.js';
import { writeAsice } from '../../simulators/portal/http/asice.js';
import { feilmeldingAsice } from '../../simulators/portal/http/fiks-io-send.js';

const BASE = 'http://portal.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function setup(tokenNow?: () => number) {
  const clock = new Scheduler();
  const live = portalFixture(clock, tokenNow === undefined ? {} : { tokenNow });
  server.use(...live.handlers(BASE));
  const submit = async (kommune = 'bergen', type = 'offentlig') => {
    const res = await fetch(`${BASE}/bekymringsmelding`, { method: 'POST', body: JSON.stringify({ kommune, type }), headers: { 'content-type': 'application/json' } });
    return { res, body: await res.json() as Record<string, unknown> };
  };
  const auth = { authorization: basic(bergen) };
  return { clock, live, submit, auth };
}

describe('SvarInn polling API', () => {
  it('serves the same API under /tjenester/svarinn/, where a real SvarInn client appends its paths', async () => {
    const { clock, live, submit, auth } = setup();
    const id = (await submit()).body.id as string;
    const svarinn = `${BASE}/tjenester/svarinn`;
    const list = await (await fetch(`${svarinn}/mottaker/hentNyeForsendelser`, { headers: auth })).json() as { id: string; downloadUrl: string; filmetadata: { size: number }[] }[];
    expect(list.map((f) => f.id)).toEqual([id]);
    expect(list[0]?.downloadUrl).toBe(`${svarinn}/forsendelse/${id}`);
    const file = await fetch(list[0]?.downloadUrl as string, { headers: auth });
    expect(Buffer.from(await file.arrayBuffer()).length).toBe(list[0]?.filmetadata[0]?.size);
    expect((await fetch(`${svarinn}/kvitterMottak/forsendelse/${id}`, { method: 'POST', headers: auth })).status).toBe(200);
    clock.runUntil(clock.now());
    expect(ofKind(live.ledger.entries, 'receipt')).toMatchObject([{ receipt: 'mottatt' }]);
    // A second listing names the same file without building its content again: same metadata.
    const again = await (await fetch(`${svarinn}/mottaker/hentNyeForsendelser`, { headers: auth })).json();
    expect(again).toEqual([]);
  });

  it('lists, downloads and receipts a shipment with the documented fields', async () => {
    const { clock, live, submit, auth } = setup();
    const { res, body } = await submit();
    expect(res.status).toBe(202);
    expect(body.status).toBe('AKSEPTERT');
    const id = body.id as string;
    expect(id).toMatch(/^6b766974-0000-4000-8000-[0-9a-f]{12}$/);

    const list = await (await fetch(`${BASE}/mottaker/hentNyeForsendelser`, { headers: auth })).json() as Record<string, unknown>[];
    expect(list).toHaveLength(1);
    const f = list[0] as Record<string, unknown>;
    expect(Object.keys(f).sort()).toEqual(['avsender', 'date', 'downloadUrl', 'eksternRef', 'filmetadata', 'forsendelseType', 'id', 'mottaker', 'status', 'tittel']);
    expect(f).toMatchObject({ id, status: 'KLAR_FOR_MOTTAK', forsendelseType: 'no.ks.fiks.bekymringsmelding.offentlig.v1', downloadUrl: `${BASE}/forsendelse/${id}` });
    const meta = (f.filmetadata as Record<string, unknown>[])[0] as { filnavn: string; mimetype: string; sha256hash: string; size: number };
    expect(meta.filnavn).toBe('bekymringsmelding.json');

    const file = await fetch(f.downloadUrl as string, { headers: auth });
    expect(file.status).toBe(200);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.length).toBe(meta.size);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(meta.sha256hash);
    expect(JSON.parse(bytes.toString('utf8'))).toMatchObject({ kommune: 'bergen', meldertype: 'offentlig' });

    const ack = await fetch(`${BASE}/kvitterMottak/forsendelse/${id}`, { method: 'POST', headers: auth });
    expect(ack.status).toBe(200);
    clock.runUntil(clock.now());
    expect(await (await fetch(`${BASE}/mottaker/hentNyeForsendelser`, { headers: auth })).json()).toEqual([]);
    expect(ofKind(live.ledger.entries, 'receipt')).toMatchObject([{ receipt: 'mottatt', duplicate: false }]);
    expect(await (await fetch(`${BASE}/bekymringsmelding/${id}`)).json()).toEqual({ id, status: 'LEVERT' });

    clock.runUntil(clock.now() + 15 * DAY_MS); // 14-day retention ⇒ purged
    expect((await fetch(f.downloadUrl as string, { headers: auth })).status).toBe(404);
    expect(await (await fetch(`${BASE}/bekymringsmelding/${id}`)).json()).toEqual({ id, status: 'SLETTET' });
  });

  it('answers 401 with a Basic challenge on missing or wrong credentials', async () => {
    setup();
    const none = await fetch(`${BASE}/mottaker/hentNyeForsendelser`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic/);
    const wrong = await fetch(`${BASE}/mottaker/hentNyeForsendelser`, { headers: { authorization: basic({ ...bergen, password: 'feil' }) } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ status: 401, error: 'E_HTTP_AUTH', field: 'authorization' });
  });

  it('keeps a shipment after mottakFeilet permanent=false and prints it after permanent=true', async () => {
    const { clock, live, submit, auth } = setup();
    const id = (await submit('bergen', 'privat')).body.id as string;
    const feil = (permanent: unknown) => fetch(`${BASE}/mottakFeilet/forsendelse/${id}`, {
      method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ feilmelding: 'Databasen svarer ikke', permanent }),
    });
    const bad = await feil('yes');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'E_HTTP_FIELD', field: 'body.permanent', message: expect.stringContaining('expected true or false') as unknown });
    expect((await feil(false)).status).toBe(200);
    clock.runUntil(clock.now());
    expect(await (await fetch(`${BASE}/mottaker/hentNyeForsendelser`, { headers: auth })).json()).toHaveLength(1);
    expect((await feil(true)).status).toBe(200);
    clock.runUntil(clock.now());
    expect(ofKind(live.ledger.entries, 'portal-failed')).toMatchObject([{ reason: 'permanent-failure' }]);
    expect(ofKind(live.ledger.entries, 'fallback')).toMatchObject([{ outcome: 'printed' }]);
    expect(await (await fetch(`${BASE}/bekymringsmelding/${id}`)).json()).toMatchObject({ status: 'SENDT_PRINT' });
  });

  it('hides other receivers\' shipments and answers unknown paths and methods with JSON 404/405', async () => {
    const { submit } = setup();
    const id = (await submit('bergen')).body.id as string;
    const foreign = await fetch(`${BASE}/forsendelse/${id}`, { headers: { authorization: basic(oslo) } });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ error: 'E_HTTP_NOT_FOUND', field: 'id' });
    const unknown = await fetch(`${BASE}/mottaker/finnesIkke`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'E_HTTP_NOT_FOUND', field: 'path' });
    const method = await fetch(`${BASE}/mottaker/hentNyeForsendelser`, { method: 'DELETE' });
    expect(method.status).toBe(405);
    const typo = await submit('bergn');
    expect(typo.res.status).toBe(400);
    expect(typo.body).toMatchObject({ field: 'body.kommune', hint: 'did you mean "bergen"?' });
  });
});

/** A bearer token from the portal's token endpoint, for `account`. */
async function tokenFor(account: { username: string; password: string }): Promise<string> {
  const res = await fetch(`${BASE}/token`, { method: 'POST', headers: { authorization: basic(account), 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
  expect(res.status).toBe(200);
  const body = await res.json() as { access_token: string; token_type: string; expires_in: number };
  expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 120 });
  return body.access_token;
}

const fiksIo = (account: { username: string; password: string }, token: string) => ({ integrasjonid: account.username, integrasjonpassord: account.password, authorization: `Bearer ${token}` });

describe('Fiks IO API authentication', () => {
  const receipt = (id: string) => JSON.stringify({ metadata: { meldingType: 'no.ks.fiks.bekymringsmelding.mottatt.v1', svarPaMelding: id } });
  const send = (headers: Record<string, string>, body: string) => fetch(`${BASE}/fiks-io/api/v1/send`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('refuses a send without IntegrasjonId, IntegrasjonPassord or a bearer token, naming what is missing', async () => {
    const { submit } = setup();
    const id = (await submit('oslo')).body.id as string;
    const token = await tokenFor(oslo);
    const good = fiksIo(oslo, token);
    for (const [drop, named] of [['integrasjonid', 'IntegrasjonId'], ['integrasjonpassord', 'IntegrasjonPassord'], ['authorization', 'Authorization (Bearer token)']] as const) {
      const headers: Record<string, string> = { ...good };
      delete headers[drop];
      const res = await send(headers, receipt(id));
      expect(res.status).toBe(401);
      const body = await res.json() as { error: string; message: string };
      expect(body.error).toBe('E_HTTP_AUTH');
      expect(body.message).toContain(`missing ${named}`);
      expect(JSON.stringify(body)).not.toContain(oslo.password);
    }
    // The old Basic auth is no longer enough.
    expect((await send({ authorization: basic(oslo) }, receipt(id))).status).toBe(401);
  });

  it('challenges with Bearer where a token is expected and Basic at the token endpoint (every 401 carries WWW-Authenticate)', async () => {
    const { submit } = setup();
    const id = (await submit('oslo')).body.id as string;
    const token = await tokenFor(oslo);
    const attempts: Record<string, string>[] = [{}, { ...fiksIo(oslo, token), integrasjonpassord: 'feil-passord' }, fiksIo(oslo, 'not-a-token'), { authorization: basic(oslo) }];
    for (const headers of attempts) {
      const res = await send(headers, receipt(id));
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="kvittering"/);
    }
    expect((await send(fiksIo(oslo, 'not-a-token'), receipt(id))).headers.get('www-authenticate')).toContain('error="invalid_token"');
    const badToken = await fetch(`${BASE}/token`, { method: 'POST', headers: { authorization: basic({ ...oslo, password: 'feil-passord' }) }, body: 'grant_type=client_credentials' });
    expect(badToken.status).toBe(401);
    expect(badToken.headers.get('www-authenticate')).toMatch(/^Basic realm="kvittering"/);
  });

  it('refuses a wrong password, an unknown token, another integration\'s token and an expired one; never echoes the secret', async () => {
    let wall = 1_000_000;
    const { submit } = setup(() => wall);
    const id = (await submit('oslo')).body.id as string;
    const token = await tokenFor(oslo);
    const refused = async (headers: Record<string, string>, field: string, says: string) => {
      const res = await send(headers, receipt(id));
      expect(res.status).toBe(401);
      const body = await res.json() as { field: string; message: string };
      expect(body).toMatchObject({ field });
      expect(body.message).toContain(says);
      expect(JSON.stringify(body)).not.toContain('feil-passord');
      expect(JSON.stringify(body)).not.toContain(token);
    };
    await refused({ ...fiksIo(oslo, token), integrasjonpassord: 'feil-passord' }, 'IntegrasjonPassord', 'was refused');
    await refused(fiksIo(oslo, 'not-a-token'), 'authorization', 'unknown');
    await refused(fiksIo(oslo, await tokenFor(bergen)), 'authorization', 'another integration');
    const badToken = await fetch(`${BASE}/token`, { method: 'POST', headers: { authorization: basic({ ...oslo, password: 'feil-passord' }) }, body: 'grant_type=client_credentials' });
    expect(badToken.status).toBe(401);
    expect(JSON.stringify(await badToken.json())).not.toContain('feil-passord');
    const badGrant = await fetch(`${BASE}/token`, { method: 'POST', headers: { authorization: basic(oslo) }, body: 'grant_type=password' });
    expect(await badGrant.json()).toMatchObject({ status: 400, field: 'body.grant_type' });
    wall += 120_000;
    await refused(fiksIo(oslo, token), 'authorization', 'expired');
    // A fresh token works again.
    expect((await send(fiksIo(oslo, await tokenFor(oslo)), receipt(id))).status).toBe(202);
  });
});

describe('Fiks IO receipts', () => {
  it('takes mottatt and feilet as JSON or multipart, for the authenticated account only', async () => {
    const { clock, live, submit } = setup();
    const auth = fiksIo(bergen, await tokenFor(bergen));
    const first = (await submit('bergen')).body.id as string;
    const second = (await submit('bergen')).body.id as string;
    const json = await fetch(`${BASE}/fiks-io/api/v1/send`, {
      method: 'POST', headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ metadata: { meldingType: 'no.ks.fiks.bekymringsmelding.mottatt.v1', svarPaMelding: first } }),
    });
    expect(json.status).toBe(202);
    const form = new FormData();
    form.set('metadata', JSON.stringify({ meldingType: 'no.ks.fiks.bekymringsmelding.feilet.v1', svarPaMelding: second }));
    form.set('data', new Blob([feilmeldingAsice('lagring feilet')]), 'feilmelding.asice');
    const multipart = await fetch(`${BASE}/fiks-io/api/v1/send`, { method: 'POST', headers: auth, body: form });
    expect(multipart.status).toBe(202);
    const wrongType = await fetch(`${BASE}/fiks-io/api/v1/send`, {
      method: 'POST', headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ metadata: { meldingType: 'no.ks.fiks.bekymringsmelding.mottat.v1', svarPaMelding: first } }),
    });
    expect(await wrongType.json()).toMatchObject({ status: 400, field: 'body.meldingType' });
    clock.runUntil(clock.now());
    expect(ofKind(live.ledger.entries, 'receipt').map((e) => e.receipt)).toEqual(['mottatt', 'feilet']);
  });

  it('reads feilet\'s data as an ASiC-E holding feilmelding.json and names the part that is wrong', async () => {
    const { clock, live, submit } = setup();
    const auth = fiksIo(bergen, await tokenFor(bergen));
    const id = (await submit('bergen')).body.id as string;
    const feilet = async (data: Uint8Array | string | undefined) => {
      const form = new FormData();
      form.set('metadata', JSON.stringify({ meldingType: 'no.ks.fiks.bekymringsmelding.feilet.v1', svarPaMelding: id }));
      if (data !== undefined) form.set('data', new Blob([data]), 'feilmelding.asice');
      const response = await fetch(`${BASE}/fiks-io/api/v1/send`, { method: 'POST', headers: auth, body: form });
      return { status: response.status, body: await response.json() as Record<string, unknown> };
    };
    const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    expect(await feilet(undefined)).toMatchObject({ status: 400, body: { field: 'data' } });
    expect(await feilet(JSON.stringify({ melding: 'as text, not ASiC-E' }))).toMatchObject({ status: 400, body: { field: 'data', message: expect.stringContaining('ASiC-E') as unknown } });
    expect(await feilet(writeAsice([{ name: 'annet.json', mimetype: 'application/json', bytes: json({ melding: 'x' }) }]))).toMatchObject({ status: 400, body: { field: 'data.feilmelding.json', message: expect.stringContaining('annet.json') as unknown } });
    expect(await feilet(writeAsice([{ name: 'feilmelding.json', mimetype: 'application/json', bytes: json({ melding: 3 }) }]))).toMatchObject({ status: 400, body: { field: 'data.feilmelding.json' } });
    expect(await feilet(writeAsice([{ name: 'feilmelding.json', mimetype: 'application/json', bytes: new TextEncoder().encode('{melding') }]))).toMatchObject({ status: 400, body: { field: 'data.feilmelding.json' } });
    clock.runUntil(clock.now());
    expect(ofKind(live.ledger.entries, 'receipt')).toEqual([]);
    expect(await feilet(feilmeldingAsice('Lagring feilet'))).toMatchObject({ status: 202 });
    clock.runUntil(clock.now());
    expect(ofKind(live.ledger.entries, 'receipt').map((e) => e.receipt)).toEqual(['feilet']);
  });
});
