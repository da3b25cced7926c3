// What the portal reads from a receiver's `POST /fiks-io/api/v1/send` body, part by part, before any
// account or broker is involved: the multipart form fiks-io-send-klient sends (metadata JSON and, for
// feilet, an ASiC-E `data` part holding feilmelding.json) and the older JSON body. A receipt read
// wrongly is a receipt the oracle judges wrongly, so each accepted field and each 400 is pinned here.

import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { feilmeldingAsice, readFeilmelding, readFiksIoSend } from '../../simulators/portal/http/fiks-io-send.js';
import { readAsice, writeAsice } from '../../simulators/portal/http/asice.js';
import { HttpError } from '../../simulators/http/http-error.js';

const MOTTATT = 'no.ks.fiks.bekymringsmelding.mottatt.v1';
const FEILET = 'no.ks.fiks.bekymringsmelding.feilet.v1';
const ID = '6b766974-0000-4000-8000-0000000003e8';
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

const json = (body: unknown, contentType = 'application/json') => new Request('http://portal.test/fiks-io/api/v1/send', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': contentType } });
function multipart(metadata: unknown, data?: Blob | string, options: { metadataAsFile?: boolean } = {}): Request {
  const form = new FormData();
  const text = typeof metadata === 'string' ? metadata : JSON.stringify(metadata);
  if (metadata !== undefined) {
    if (options.metadataAsFile === true) form.set('metadata', new Blob([text], { type: 'application/json' }), 'metadata.json');
    else form.set('metadata', text);
  }
  if (data !== undefined) form.set('data', data);
  return new Request('http://portal.test/fiks-io/api/v1/send', { method: 'POST', body: form });
}
const bytes = (text: string) => new TextEncoder().encode(text);
const asice = (documents: Record<string, Uint8Array>) => writeAsice(Object.entries(documents).map(([name, b]) => ({ name, mimetype: 'application/json', bytes: b })));

/** The 400 a body gets: its field and message. */
async function rejected(request: Request): Promise<{ status: number; field: string | undefined; message: string }> {
  try {
    await readFiksIoSend(request);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { status: error.status, field: error.field, message: error.toBody().message };
  }
  throw new Error('expected a 400, but the body was read');
}
const fieldError = (field: string, shown: string, expected: string) => ({ status: 400, field, message: `[kvittering] E_HTTP_FIELD: ${field} is ${shown} — expected ${expected}` });

describe('metadata, read the same from multipart and from JSON', () => {
  it('reads every field it knows and nothing it was not given', async () => {
    const full = { meldingType: MOTTATT, svarPaMelding: ID, avsenderKontoId: 'konto-oslo', mottakerKontoId: 'konto-npb', ttl: 60_000, headere: { 'klientMeldingId': 'k-1' }, ukjent: 'ignored' };
    const expected = { meldingType: MOTTATT, svarPaMelding: ID, avsenderKontoId: 'konto-oslo', mottakerKontoId: 'konto-npb', ttl: 60_000, headere: { klientMeldingId: 'k-1' } };
    expect(await readFiksIoSend(multipart(full))).toStrictEqual(expected);
    expect(await readFiksIoSend(json({ metadata: full }))).toStrictEqual(expected);
    // The least a client sends: no account ids, no ttl, no headers (an empty object of them).
    expect(await readFiksIoSend(json({ metadata: { meldingType: MOTTATT, svarPaMelding: ID } }))).toStrictEqual({ meldingType: MOTTATT, svarPaMelding: ID, headere: {} });
  });

  it('takes a metadata part sent as a file, and a content type in any case', async () => {
    expect(await readFiksIoSend(multipart({ meldingType: MOTTATT, svarPaMelding: ID }, undefined, { metadataAsFile: true }))).toStrictEqual({ meldingType: MOTTATT, svarPaMelding: ID, headere: {} });
    const form = multipart({ meldingType: MOTTATT, svarPaMelding: ID });
    const upper = new Request(form.url, { method: 'POST', body: await form.arrayBuffer(), headers: { 'content-type': (form.headers.get('content-type') ?? '').replace('multipart/form-data', 'Multipart/Form-Data') } });
    expect(await readFiksIoSend(upper)).toStrictEqual({ meldingType: MOTTATT, svarPaMelding: ID, headere: {} });
    // No content type at all is read as the JSON body.
    expect(await readFiksIoSend(new Request('http://portal.test/send', { method: 'POST', body: new Blob([JSON.stringify({ metadata: { meldingType: MOTTATT, svarPaMelding: ID } })]) }))).toStrictEqual({ meldingType: MOTTATT, svarPaMelding: ID, headere: {} });
  });

  it('accepts a time to live from 1 ms to 7 days, an integer, and names metadata.ttl otherwise', async () => {
    const withTtl = (ttl: unknown) => multipart({ meldingType: MOTTATT, svarPaMelding: ID, ttl });
    expect((await readFiksIoSend(withTtl(1))).ttl).toBe(1);
    expect((await readFiksIoSend(withTtl(WEEK_MS))).ttl).toBe(WEEK_MS);
    const ttlError = (shown: string) => fieldError('metadata.ttl', shown, 'the time to live in ms, an integer from 1 to 604800000');
    expect(await rejected(withTtl(0))).toEqual(ttlError('0'));
    expect(await rejected(withTtl(-5))).toEqual(ttlError('-5'));
    expect(await rejected(withTtl(WEEK_MS + 1))).toEqual(ttlError('604800001'));
    expect(await rejected(withTtl(1.5))).toEqual(ttlError('1.5'));
    expect(await rejected(withTtl('60000'))).toEqual(ttlError('"60000"'));
    expect(await rejected(withTtl(null))).toEqual(ttlError('null'));
  });

  it('wants headere to be an object of strings', async () => {
    const withHeadere = (headere: unknown) => multipart({ meldingType: MOTTATT, svarPaMelding: ID, headere });
    expect((await readFiksIoSend(withHeadere({ a: 'x', b: '' }))).headere).toStrictEqual({ a: 'x', b: '' });
    // null is read as no headers, like an absent field.
    expect((await readFiksIoSend(withHeadere(null))).headere).toStrictEqual({});
    const headereError = (shown: string) => fieldError('metadata.headere', shown, 'an object of string header values');
    expect(await rejected(withHeadere(['x']))).toEqual(headereError('["x"]'));
    expect(await rejected(withHeadere('x'))).toEqual(headereError('"x"'));
    expect(await rejected(withHeadere({ a: 'x', b: 2 }))).toEqual(headereError('{"a":"x","b":2}'));
  });

  it('wants each account id, when given, to be a string of 1 to 64 characters', async () => {
    for (const name of ['avsenderKontoId', 'mottakerKontoId'] as const) {
      const withId = (value: unknown) => multipart({ meldingType: MOTTATT, svarPaMelding: ID, [name]: value });
      expect((await readFiksIoSend(withId('k'.repeat(64))))[name]).toBe('k'.repeat(64));
      const idError = (shown: string) => fieldError(`metadata.${name}`, shown, 'a Fiks IO account id (a UUID)');
      expect(await rejected(withId('k'.repeat(65)))).toEqual(idError(JSON.stringify('k'.repeat(65)).slice(0, 80)));
      expect(await rejected(withId(''))).toEqual(idError('""'));
      expect(await rejected(withId(7))).toEqual(idError('7'));
    }
  });

  it('names meldingType and svarPaMelding when they are not a reply type and an id', async () => {
    expect(await rejected(multipart({ meldingType: 'no.ks.fiks.bekymringsmelding.v1', svarPaMelding: ID }))).toEqual(fieldError('body.meldingType', '"no.ks.fiks.bekymringsmelding.v1"', `one of ${MOTTATT}, ${FEILET}`));
    expect(await rejected(multipart({ meldingType: MOTTATT, svarPaMelding: 'x'.repeat(65) }))).toMatchObject({ status: 400, field: 'body.svarPaMelding', message: expect.stringContaining('at most 64 characters') as unknown });
    expect((await readFiksIoSend(multipart({ meldingType: MOTTATT, svarPaMelding: 'x'.repeat(64) }))).svarPaMelding).toBe('x'.repeat(64));
  });
});

describe('the multipart form', () => {
  it('names the body when it is not multipart and metadata when the part is missing or not a JSON object', async () => {
    expect(await rejected(json('garbage', 'multipart/form-data; boundary=zz'))).toEqual(fieldError('body', '"unparseable multipart"', 'multipart/form-data with a "metadata" part'));
    const onlyData = new FormData();
    onlyData.set('data', 'x');
    expect(await rejected(new Request('http://portal.test/send', { method: 'POST', body: onlyData }))).toEqual(fieldError('metadata', 'missing', 'a JSON part named "metadata"'));
    expect(await rejected(multipart(`{"meldingType": "${MOTTATT}", ${'x'.repeat(60)}`))).toEqual(fieldError('metadata', JSON.stringify(`{"meldingType": "${MOTTATT}", ${'x'.repeat(60)}`.slice(0, 40)), 'a JSON object'));
    expect(await rejected(multipart('[1,2]'))).toEqual(fieldError('metadata', '[1,2]', 'a JSON object'));
    expect(await rejected(multipart('null'))).toEqual(fieldError('metadata', 'null', 'a JSON object'));
    expect(await rejected(multipart('"mottatt"'))).toEqual(fieldError('metadata', '"mottatt"', 'a JSON object'));
  });

  it('reads a mottatt without data, and ignores data attached to it', async () => {
    expect(await readFiksIoSend(multipart({ meldingType: MOTTATT, svarPaMelding: ID }, new Blob([bytes('not read')])))).toStrictEqual({ meldingType: MOTTATT, svarPaMelding: ID, headere: {} });
  });

  it('reads a feilet\'s melding out of the ASiC-E data part and keeps the container as sent', async () => {
    const container = feilmeldingAsice('Lagring feilet: disk full');
    const send = await readFiksIoSend(multipart({ meldingType: FEILET, svarPaMelding: ID }, new Blob([container]), {}));
    expect(send).toStrictEqual({ meldingType: FEILET, svarPaMelding: ID, headere: {}, melding: 'Lagring feilet: disk full', data: new Uint8Array(container) });
  });

  it('names the data part that is missing or not an ASiC-E container holding feilmelding.json', async () => {
    const feilet = (data?: Blob | string) => multipart({ meldingType: FEILET, svarPaMelding: ID }, data);
    expect(await rejected(feilet())).toEqual(fieldError('data', 'missing', 'a data part: an ASiC-E container holding feilmelding.json'));
    const notAsice = 'an ASiC-E container holding feilmelding.json';
    // A text part is read as its UTF-8 bytes.
    expect(await rejected(feilet('hello'))).toEqual(fieldError('data', '"5 bytes that are not ASiC-E (invalid zip data)"', notAsice));
    expect(await rejected(feilet(new Blob([new Uint8Array([1, 2, 3])])))).toEqual(fieldError('data', '"3 bytes that are not ASiC-E (invalid zip data)"', notAsice));
    // A zip without the ASiC-E mimetype entry: the reason without its "[kvittering] E_ASICE: " prefix, cut to fit.
    const zip = zipSync({ 'feilmelding.json': bytes('{"melding":"x"}') });
    const shown = JSON.stringify(`${zip.byteLength} bytes that are not ASiC-E (the payload has no "mimetype" entry of application/vnd.etsi.asic-e+zip — expected an ASiC-E container)`).slice(0, 80);
    expect(await rejected(feilet(new Blob([zip])))).toEqual(fieldError('data', shown, notAsice));
  });
});

describe('feilmelding.json inside the container', () => {
  const problem = (data: Uint8Array) => {
    try {
      return readFeilmelding(data);
    } catch (error) {
      return error instanceof HttpError ? { field: error.field, message: error.toBody().message } : error;
    }
  };
  const entryError = (shown: string, expected: string) => ({ field: 'data.feilmelding.json', message: `[kvittering] E_HTTP_FIELD: data.feilmelding.json is ${shown} — expected ${expected}` });

  it('reads the melding, however many other documents travel along', () => {
    expect(problem(asice({ 'vedlegg.pdf': bytes('%PDF'), 'feilmelding.json': bytes('{"melding":"Mottak feilet","kode":7}') }))).toBe('Mottak feilet');
    expect(readAsice(feilmeldingAsice('æøå')).get('feilmelding.json')).toStrictEqual(bytes('{"melding":"æøå"}'));
  });

  it('builds the container a receiver\'s client sends: feilmelding.json listed in the manifest as JSON', () => {
    const entries = unzipSync(feilmeldingAsice('Lagring feilet'));
    expect(Object.keys(entries)).toEqual(['mimetype', 'feilmelding.json', 'META-INF/manifest.xml']);
    expect(strFromU8(entries['META-INF/manifest.xml'] as Uint8Array)).toContain('<manifest:file-entry manifest:full-path="feilmelding.json" manifest:media-type="application/json"/>');
  });

  it('lists up to five documents it found instead, or says it found nothing', () => {
    expect(problem(writeAsice([]))).toEqual(entryError('missing', 'a feilmelding.json entry in the ASiC-E container (it holds nothing)'));
    const six = asice(Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((n) => [`${n}.json`, bytes('{}')])));
    expect(problem(six)).toEqual(entryError('missing', 'a feilmelding.json entry in the ASiC-E container (it holds a.json, b.json, c.json, d.json, e.json)'));
  });

  it('wants UTF-8 JSON holding a string melding', () => {
    const expected = 'a JSON object {"melding": string}';
    expect(problem(asice({ 'feilmelding.json': bytes('{melding') }))).toEqual(entryError('"not JSON"', expected));
    // Not UTF-8 (a Latin-1 "ø"): refused, not read as a melding with a replacement character.
    expect(problem(asice({ 'feilmelding.json': new Uint8Array([...bytes('{"melding":"'), 0xf8, ...bytes('"}')]) }))).toEqual(entryError('"not JSON"', expected));
    expect(problem(asice({ 'feilmelding.json': bytes('{"melding":3}') }))).toEqual(entryError('{"melding":3}', expected));
    expect(problem(asice({ 'feilmelding.json': bytes('null') }))).toEqual(entryError('null', expected));
    expect(problem(asice({ 'feilmelding.json': bytes('"tekst"') }))).toEqual(entryError('"tekst"', expected));
    expect(problem(asice({ 'feilmelding.json': bytes('{"feil":"x"}') }))).toEqual(entryError('{"feil":"x"}', expected));
  });
});

describe('the older JSON body {metadata, feilmelding?}', () => {
  it('builds the container a client would have sent from feilmelding', async () => {
    const send = await readFiksIoSend(json({ metadata: { meldingType: FEILET, svarPaMelding: ID }, feilmelding: { melding: 'Lagring feilet' } }));
    expect(send).toStrictEqual({ meldingType: FEILET, svarPaMelding: ID, headere: {}, melding: 'Lagring feilet', data: feilmeldingAsice('Lagring feilet') });
    expect(readFeilmelding(send.data as Uint8Array)).toBe('Lagring feilet');
  });

  it('names body.metadata and body.feilmelding when they are not objects of the right shape', async () => {
    const metadataError = (shown: string) => fieldError('body.metadata', shown, 'an object with meldingType and svarPaMelding');
    expect(await rejected(json({ meldingType: MOTTATT, svarPaMelding: ID }))).toEqual(metadataError('missing'));
    expect(await rejected(json({ metadata: null }))).toEqual(metadataError('null'));
    expect(await rejected(json({ metadata: [MOTTATT] }))).toEqual(metadataError(`["${MOTTATT}"]`));
    expect(await rejected(json({ metadata: 'x' }))).toEqual(metadataError('"x"'));
    const metadata = { meldingType: FEILET, svarPaMelding: ID };
    const feilError = (shown: string) => fieldError('body.feilmelding', shown, 'an object {"melding": string} (feilmelding.json)');
    expect(await rejected(json({ metadata, feilmelding: 'disk full' }))).toEqual(feilError('"disk full"'));
    expect(await rejected(json({ metadata, feilmelding: null }))).toEqual(feilError('null'));
    expect(await rejected(json({ metadata, feilmelding: { melding: 3 } }))).toEqual(feilError('{"melding":3}'));
    expect(await rejected(json({ metadata, feilmelding: {} }))).toEqual(feilError('{}'));
  });
});
