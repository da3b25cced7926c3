// Request bodies are read defensively: a size limit on the declared and on the real size, lenient
// UTF-8, JSON that must be an object, and field errors that name the field and what was expected.
// In-process (no sockets): each function is called on a Request or a parsed body directly.

import { describe, expect, it } from 'vitest';
import { HttpError } from '../../simulators/http/http-error.js';
import {
  DEFAULT_BODY_LIMIT_BYTES, bodyText, booleanField, oneOfField, parseJsonObject, readJsonObject, readText, stringField,
} from '../../simulators/http/read-body.js';

const url = 'http://127.0.0.1/';
const post = (body: string, headers: Record<string, string> = {}) => new Request(url, { method: 'POST', body, headers });

/** A body that arrives in these chunks, with no Content-Length (chunked upload). */
function streamed(...chunks: Uint8Array[]): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return new Request(url, { method: 'POST', body, duplex: 'half' });
}

/** The HttpError a call throws (or rejects with), for exact assertions on every part of it. */
async function httpErrorOf(run: () => unknown): Promise<HttpError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected an HttpError, got none');
}

const tooLarge = (limit: number) => ({
  status: 413, code: 'E_HTTP_BODY_TOO_LARGE', field: 'body',
  message: `[kvittering] E_HTTP_BODY_TOO_LARGE: body is larger than ${limit} bytes — expected at most ${limit}`,
});
const shape = (error: HttpError) => ({ status: error.status, code: error.code, field: error.field, message: error.message });
const bytes = (n: number, fill = 0x61) => new Uint8Array(n).fill(fill);

describe('readText: the size limit', () => {
  it('is 256 KiB by default, on the declared and on the real size', async () => {
    expect(DEFAULT_BODY_LIMIT_BYTES).toBe(262_144);
    expect(await readText(streamed(bytes(DEFAULT_BODY_LIMIT_BYTES)))).toHaveLength(DEFAULT_BODY_LIMIT_BYTES);
    expect(shape(await httpErrorOf(() => readText(streamed(bytes(DEFAULT_BODY_LIMIT_BYTES + 1)))))).toEqual(tooLarge(262_144));
    expect(shape(await httpErrorOf(() => readText(post('x', { 'content-length': String(DEFAULT_BODY_LIMIT_BYTES + 1) }))))).toEqual(tooLarge(262_144));
  });

  it('refuses a declared Content-Length over the limit before reading a byte of the body', async () => {
    // The body is tiny: only the declaration can have refused it.
    expect(shape(await httpErrorOf(() => readText(post('hi', { 'content-length': '11' }), 10)))).toEqual(tooLarge(10));
    const noBody = { headers: new Headers({ 'content-length': '11' }), body: null } as unknown as Request;
    expect(shape(await httpErrorOf(() => readText(noBody, 10)))).toEqual(tooLarge(10));
  });

  it('accepts a body of exactly the limit, declared or streamed', async () => {
    expect(await readText(post('0123456789', { 'content-length': '10' }), 10)).toBe('0123456789');
    expect(await readText(streamed(bytes(4), bytes(6, 0x62)), 10)).toBe('aaaabbbbbb');
  });

  it('counts the real bytes across chunks when nothing is declared', async () => {
    expect(shape(await httpErrorOf(() => readText(streamed(bytes(6), bytes(5)), 10)))).toEqual(tooLarge(10));
  });
});

describe('readText: the text', () => {
  it('is empty for a request without a body', async () => {
    expect(await readText(new Request(url))).toBe('');
  });

  it('joins every chunk in order', async () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    expect(await readText(streamed(encode('{"a":'), encode('"bæ'), encode('r"}')))).toBe('{"a":"bær"}');
  });

  it('decodes invalid UTF-8 leniently (U+FFFD) instead of failing the request', async () => {
    expect(await readText(streamed(new Uint8Array([0x6f, 0x6b, 0xff])))).toBe('ok\uFFFD');
  });
});

describe('bodyText (a body already in memory)', () => {
  it('applies the same limit to the declared and the real size', async () => {
    const text = new TextEncoder().encode('0123456789');
    expect(bodyText(text, 10, 10)).toBe('0123456789');
    expect(shape(await httpErrorOf(() => bodyText(text, 11, 10)))).toEqual(tooLarge(10));
    expect(shape(await httpErrorOf(() => bodyText(text, 0, 9)))).toEqual(tooLarge(9));
  });

  it('has the default limit and decodes leniently', () => {
    expect(bodyText(bytes(DEFAULT_BODY_LIMIT_BYTES), DEFAULT_BODY_LIMIT_BYTES)).toHaveLength(DEFAULT_BODY_LIMIT_BYTES);
    expect(() => bodyText(bytes(1), DEFAULT_BODY_LIMIT_BYTES + 1)).toThrow(tooLarge(262_144).message);
    expect(() => bodyText(bytes(DEFAULT_BODY_LIMIT_BYTES + 1), 0)).toThrow(tooLarge(262_144).message);
    expect(bodyText(new Uint8Array([0xc3, 0xa6, 0xc3]), 3)).toBe('æ\uFFFD');
  });
});

describe('parseJsonObject and readJsonObject', () => {
  it('returns the object', async () => {
    expect(parseJsonObject('{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonObject('{"a":1}', true)).toEqual({ a: 1 });
    expect(await readJsonObject(post('{"kommune":"Moss"}'))).toEqual({ kommune: 'Moss' });
  });

  it('takes an empty or blank body as {} only when allowed', async () => {
    expect(parseJsonObject('', true)).toEqual({});
    expect(parseJsonObject(' \n\t', true)).toEqual({});
    expect(await readJsonObject(new Request(url), { allowEmpty: true })).toEqual({});
    const refused = {
      status: 400, code: 'E_HTTP_JSON', field: 'body',
      message: '[kvittering] E_HTTP_JSON: body is not valid JSON (Unexpected end of JSON input) — expected a JSON object',
    };
    expect(shape(await httpErrorOf(() => parseJsonObject('')))).toEqual(refused);
    expect(shape(await httpErrorOf(() => parseJsonObject(' ')))).toEqual(refused);
    expect(shape(await httpErrorOf(() => readJsonObject(new Request(url))))).toEqual(refused);
  });

  it('names the parser\'s complaint in the error', async () => {
    expect((await httpErrorOf(() => parseJsonObject('{"a":1,}'))).message)
      .toBe('[kvittering] E_HTTP_JSON: body is not valid JSON (Expected double-quoted property name in JSON at position 7) — expected a JSON object');
  });

  it.each([
    ['[1,2]', '[1,2]'], ['null', 'null'], ['"text"', '"text"'], ['42', '42'], ['true', 'true'],
  ])('refuses JSON that is not an object: %s', async (text, shown) => {
    expect(shape(await httpErrorOf(() => parseJsonObject(text)))).toEqual({
      status: 400, code: 'E_HTTP_FIELD', field: 'body', message: `[kvittering] E_HTTP_FIELD: body is ${shown} — expected a JSON object`,
    });
  });

  it('passes its size limit to the read', async () => {
    expect(shape(await httpErrorOf(() => readJsonObject(post('{"a":"bcdef"}'), { limitBytes: 12 })))).toEqual(tooLarge(12));
    expect(await readJsonObject(post('{"a":"bcdef"}'), { limitBytes: 13 })).toEqual({ a: 'bcdef' });
  });
});

describe('field checks name the field and what was expected', () => {
  const fieldError = (field: string, shown: string, expected: string) => ({
    status: 400, code: 'E_HTTP_FIELD', field, message: `[kvittering] E_HTTP_FIELD: ${field} is ${shown} — expected ${expected}`,
  });

  it('stringField: a non-empty string of at most 4096 characters, or the given maximum', async () => {
    expect(stringField({ id: 'a' }, 'id')).toBe('a');
    expect(stringField({ id: 'x'.repeat(4096) }, 'id')).toHaveLength(4096);
    expect(stringField({ id: 'x'.repeat(64) }, 'id', { maxLength: 64 })).toHaveLength(64);
    const expected = 'a non-empty string of at most 4096 characters';
    expect(shape(await httpErrorOf(() => stringField({}, 'id')))).toEqual(fieldError('body.id', 'missing', expected));
    expect(shape(await httpErrorOf(() => stringField({ id: '' }, 'id')))).toEqual(fieldError('body.id', '""', expected));
    expect(shape(await httpErrorOf(() => stringField({ id: 7 }, 'id')))).toEqual(fieldError('body.id', '7', expected));
    expect(shape(await httpErrorOf(() => stringField({ id: 'x'.repeat(4097) }, 'id')))).toEqual(fieldError('body.id', `"${'x'.repeat(79)}`, expected));
    expect(shape(await httpErrorOf(() => stringField({ id: 'abc' }, 'id', { maxLength: 2 }))))
      .toEqual(fieldError('body.id', '"abc"', 'a non-empty string of at most 2 characters'));
  });

  it('booleanField: true or false, nothing truthy', async () => {
    expect(booleanField({ permanent: true }, 'permanent')).toBe(true);
    expect(booleanField({ permanent: false }, 'permanent')).toBe(false);
    expect(shape(await httpErrorOf(() => booleanField({ permanent: 'yes' }, 'permanent')))).toEqual(fieldError('body.permanent', '"yes"', 'true or false'));
    expect(shape(await httpErrorOf(() => booleanField({}, 'permanent')))).toEqual(fieldError('body.permanent', 'missing', 'true or false'));
  });

  it('oneOfField: one of the listed values, listed in the error', async () => {
    const types = ['offentlig', 'privat'] as const;
    expect(oneOfField({ type: 'privat' }, 'type', types)).toBe('privat');
    expect(shape(await httpErrorOf(() => oneOfField({ type: 'Privat' }, 'type', types)))).toEqual(fieldError('body.type', '"Privat"', 'one of offentlig, privat'));
    expect(shape(await httpErrorOf(() => oneOfField({}, 'type', types)))).toEqual(fieldError('body.type', 'missing', 'one of offentlig, privat'));
  });
});
