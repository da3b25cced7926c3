// Every error an HTTP service answers with is one JSON shape: status, kvittering code, message, and the
// field at fault, so a client (or a person reading curl output) learns what to fix. A 401 carries its
// challenge; anything else a handler throws is a 500 that names itself.

import { describe, expect, it } from 'vitest';
import { HttpError, errorResponse, jsonResponse, toErrorResponse } from '../../simulators/http/http-error.js';

const answer = async (response: Response) => ({
  status: response.status,
  contentType: response.headers.get('content-type'),
  challenge: response.headers.get('www-authenticate'),
  body: await response.json(),
});

describe('HttpError.field: a 400 that names the field, the value and what was expected', () => {
  it.each([
    ['a string', 'yes', '"yes"'],
    ['a number', 0, '0'],
    ['null', null, 'null'],
    ['an object', { a: [1] }, '{"a":[1]}'],
    ['a missing value', undefined, 'missing'],
    ['a value JSON cannot show', () => 1, 'function'],
  ])('%s', (_, value, shown) => {
    const error = HttpError.field('body.permanent', value, 'true or false');
    expect(error).toMatchObject({ status: 400, code: 'E_HTTP_FIELD', field: 'body.permanent', detail: `body.permanent is ${shown} — expected true or false` });
    expect(error.toBody()).toEqual({ status: 400, error: 'E_HTTP_FIELD', field: 'body.permanent', message: `[kvittering] E_HTTP_FIELD: body.permanent is ${shown} — expected true or false` });
  });

  it('shows at most 80 characters of the value', () => {
    const error = HttpError.field('body.id', 'x'.repeat(200), 'at most 64 characters');
    expect(error.detail).toBe(`body.id is "${'x'.repeat(79)} — expected at most 64 characters`);
  });

  it('keeps its hint out of the message and in its own field', () => {
    const error = HttpError.field('body.type', 'Privat', 'one of offentlig, privat', 'did you mean "privat"?');
    expect(error.message).toBe('[kvittering] E_HTTP_FIELD: body.type is "Privat" — expected one of offentlig, privat\nHint: did you mean "privat"?');
    expect(error.toBody()).toEqual({
      status: 400, error: 'E_HTTP_FIELD', field: 'body.type', hint: 'did you mean "privat"?',
      message: '[kvittering] E_HTTP_FIELD: body.type is "Privat" — expected one of offentlig, privat',
    });
  });
});

describe('toBody', () => {
  it('leaves out the field and the hint when there are none', () => {
    const body = new HttpError(404, 'E_HTTP_NOT_FOUND', 'no route for GET /x — expected one of /a, /b').toBody();
    expect(body).toEqual({ status: 404, error: 'E_HTTP_NOT_FOUND', message: '[kvittering] E_HTTP_NOT_FOUND: no route for GET /x — expected one of /a, /b' });
    expect(Object.keys(body)).toEqual(['status', 'error', 'message']);
  });
});

describe('jsonResponse and errorResponse', () => {
  it('answer JSON with its content type, the status and any extra headers', async () => {
    const response = jsonResponse(202, { ok: true }, { 'x-kvittering': 'yes' });
    expect(await answer(response)).toEqual({ status: 202, contentType: 'application/json; charset=utf-8', challenge: null, body: { ok: true } });
    expect(response.headers.get('x-kvittering')).toBe('yes');
    const error = errorResponse(HttpError.field('body.id', 7, 'a string'), { 'retry-after': '5' });
    expect(await answer(error)).toMatchObject({ status: 400, contentType: 'application/json; charset=utf-8', body: { error: 'E_HTTP_FIELD', field: 'body.id' } });
    expect(error.headers.get('retry-after')).toBe('5');
    expect(errorResponse(HttpError.field('body.id', 7, 'a string')).headers.get('retry-after')).toBeNull();
  });
});

describe('toErrorResponse: whatever a handler threw, as a JSON answer', () => {
  it('an HttpError keeps its status and body, and gets no challenge unless it is a 401', async () => {
    expect(await answer(toErrorResponse(new HttpError(413, 'E_HTTP_BODY_TOO_LARGE', 'body is larger than 10 bytes — expected at most 10', 'body')))).toEqual({
      status: 413, contentType: 'application/json; charset=utf-8', challenge: null,
      body: { status: 413, error: 'E_HTTP_BODY_TOO_LARGE', field: 'body', message: '[kvittering] E_HTTP_BODY_TOO_LARGE: body is larger than 10 bytes — expected at most 10' },
    });
    expect((await answer(toErrorResponse(new HttpError(403, 'E_HTTP_FORBIDDEN', 'no', undefined, undefined, 'Bearer')))).challenge).toBeNull();
  });

  it('a 401 challenges for Basic auth in the kvittering realm, or with its own challenge', async () => {
    const basic = await answer(toErrorResponse(new HttpError(401, 'E_HTTP_AUTH', 'refused', 'authorization')));
    expect(basic).toMatchObject({ status: 401, challenge: 'Basic realm="kvittering", charset="UTF-8"', body: { error: 'E_HTTP_AUTH', field: 'authorization' } });
    const bearer = await answer(toErrorResponse(new HttpError(401, 'E_HTTP_TOKEN', 'no token', 'authorization', undefined, 'Bearer realm="fiks"')));
    expect(bearer.challenge).toBe('Bearer realm="fiks"');
  });

  it('anything else is a 500 that names the error, cut at 200 characters', async () => {
    expect(await answer(toErrorResponse(new TypeError('x is not a function')))).toEqual({
      status: 500, contentType: 'application/json; charset=utf-8', challenge: null,
      body: { status: 500, error: 'E_INTERNAL', message: '[kvittering] E_INTERNAL: x is not a function' },
    });
    expect((await answer(toErrorResponse('plain string thrown'))).body).toEqual({ status: 500, error: 'E_INTERNAL', message: '[kvittering] E_INTERNAL: plain string thrown' });
    expect((await answer(toErrorResponse(new Error('e'.repeat(300))))).body).toEqual({ status: 500, error: 'E_INTERNAL', message: `[kvittering] E_INTERNAL: ${'e'.repeat(200)}` });
  });
});
