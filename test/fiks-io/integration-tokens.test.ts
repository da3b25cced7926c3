// Fiks IO's API authentication by itself: the token endpoint, the IntegrasjonId/IntegrasjonPassord/
// bearer check on the send API and the AMQP login, against IntegrationTokens directly on a clock the
// test moves. Each refusal is a 401 naming the field at fault, with the challenge RFC 6750 asks for;
// each check that lets the wrong caller in is a place one municipality could answer for another.

import { describe, expect, it } from 'vitest';
import { IntegrationTokens, TOKEN_TTL_MS } from '../../simulators/portal/http/integration-tokens.js';
import { basicAuthHeader } from '../../simulators/http/basic-auth.js';
import { HttpError } from '../../simulators/http/http-error.js';

const oslo = { receiver: 'oslo', username: 'oslo-fagsystem', password: 'test only 1' };
const bergen = { receiver: 'bergen', username: 'bergen-fagsystem', password: 'test-only-2' };
const GRANT = new URLSearchParams('grant_type=client_credentials');
const MISSING = 'Bearer realm="kvittering", scope="ks:fiks"';
const INVALID = 'Bearer realm="kvittering", scope="ks:fiks", error="invalid_token"';

function setup(ttlMs?: number) {
  let wall = 1_000_000;
  const tokens = new IntegrationTokens([oslo, bergen], () => wall, ttlMs);
  const tokenRequest = (authorization?: string) => new Request('http://portal.test/token', { method: 'POST', headers: authorization === undefined ? {} : { authorization } });
  const issue = (account: { username: string; password: string } = oslo) => tokens.issue(tokenRequest(basicAuthHeader(account)), GRANT).access_token;
  const sendRequest = (headers: Record<string, string>) => new Request('http://portal.test/fiks-io/api/v1/send', { method: 'POST', headers });
  const headersFor = (account: { username: string; password: string }, token: string) => ({ integrasjonid: account.username, integrasjonpassord: account.password, authorization: `Bearer ${token}` });
  return { tokens, tokenRequest, issue, sendRequest, headersFor, set: (ms: number) => { wall = ms; }, now: () => wall };
}

/** What `run` threw: it must be a 401. */
function refusal(run: () => unknown): { field: string | undefined; message: string; challenge: string | undefined } {
  try {
    run();
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    expect(error.status).toBe(401);
    expect(error.code).toBe('E_HTTP_AUTH');
    return { field: error.field, message: error.toBody().message, challenge: error.challenge };
  }
  throw new Error('expected a 401, but the request was let in');
}

describe('POST /token', () => {
  it('issues an opaque bearer token per request, living two minutes, for the ks:fiks scope', () => {
    const { tokens, tokenRequest } = setup();
    const first = tokens.issue(tokenRequest(basicAuthHeader(oslo)), GRANT);
    const second = tokens.issue(tokenRequest(basicAuthHeader(oslo)), GRANT);
    expect(TOKEN_TTL_MS).toBe(120_000);
    expect(first).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) as unknown, token_type: 'Bearer', expires_in: 120, scope: 'ks:fiks' });
    expect(second.access_token).not.toBe(first.access_token);
  });

  it('reports expires_in in whole seconds of the lifetime it was built with', () => {
    const { tokens, tokenRequest } = setup(1_999);
    expect(tokens.issue(tokenRequest(basicAuthHeader(oslo)), GRANT).expires_in).toBe(1);
  });

  it('wants grant_type=client_credentials: a 400 naming body.grant_type', () => {
    const { tokens, tokenRequest } = setup();
    const grantError = (form: string) => {
      try {
        tokens.issue(tokenRequest(basicAuthHeader(oslo)), new URLSearchParams(form));
      } catch (error) {
        return error instanceof HttpError ? error.toBody() : error;
      }
      return 'issued';
    };
    expect(grantError('grant_type=password')).toEqual({ status: 400, error: 'E_HTTP_FIELD', field: 'body.grant_type', message: '[kvittering] E_HTTP_FIELD: body.grant_type is "password" — expected "client_credentials"' });
    expect(grantError('')).toMatchObject({ status: 400, field: 'body.grant_type', message: '[kvittering] E_HTTP_FIELD: body.grant_type is missing — expected "client_credentials"' });
  });

  it('wants the integration id and password as Basic auth, and answers with the Basic challenge otherwise', () => {
    const { tokens, tokenRequest } = setup();
    expect(refusal(() => tokens.issue(tokenRequest(), GRANT))).toEqual({
      field: 'authorization', challenge: undefined,
      message: '[kvittering] E_HTTP_AUTH: authorization header is missing or not Basic — expected the integration id and password as HTTP Basic auth',
    });
    expect(refusal(() => tokens.issue(tokenRequest('Bearer abc'), GRANT)).message).toContain('missing or not Basic');
    expect(refusal(() => tokens.issue(tokenRequest(basicAuthHeader({ ...oslo, password: 'feil' })), GRANT))).toEqual({
      field: 'authorization', challenge: undefined,
      message: '[kvittering] E_HTTP_AUTH: integration "oslo-fagsystem" was refused — expected a known integration id and its password',
    });
    // The right password of another integration is still a refusal; a long id is cut at 40 characters.
    expect(refusal(() => tokens.issue(tokenRequest(basicAuthHeader({ username: oslo.username, password: bergen.password })), GRANT)).message).toContain('"oslo-fagsystem" was refused');
    expect(refusal(() => tokens.issue(tokenRequest(basicAuthHeader({ username: 'x'.repeat(60), password: oslo.password })), GRANT)).message).toContain(`integration "${'x'.repeat(40)}" was refused`);
  });
});

describe('the send API: IntegrasjonId, IntegrasjonPassord and Authorization: Bearer', () => {
  it('lets in the integration the token was issued to, however the scheme is cased and spaced', () => {
    const { tokens, issue, sendRequest, headersFor } = setup();
    const token = issue();
    expect(tokens.authorize(sendRequest(headersFor(oslo, token)))).toBe(oslo);
    expect(tokens.authorize(sendRequest({ ...headersFor(oslo, token), authorization: `bearer   ${token}  ` }))).toBe(oslo);
    // Issuing another token does not take back the first.
    issue(bergen);
    issue();
    expect(tokens.authorize(sendRequest(headersFor(oslo, token)))).toBe(oslo);
  });

  it('names every missing part, the first as the field; the challenge says missing only when no token came', () => {
    const { tokens, issue, sendRequest, headersFor } = setup();
    // The text passes kvittering's redaction (harness/redact.ts) unchanged: it names the header without
    // looking like "Authorization: Bearer <secret>".
    const expected = 'expected the IntegrasjonId and IntegrasjonPassord headers and a bearer token from POST /token';
    const names = (refused: { message: string }, parts: string) => {
      expect(refused.message).toBe(`[kvittering] E_HTTP_AUTH: missing ${parts} — ${expected}`);
    };
    const none = refusal(() => tokens.authorize(sendRequest({})));
    expect(none).toMatchObject({ field: 'IntegrasjonId', challenge: MISSING });
    names(none, 'IntegrasjonId, IntegrasjonPassord, Authorization (Bearer token)');
    const good = headersFor(oslo, issue());
    const without = (name: keyof typeof good) => { const headers: Record<string, string> = { ...good }; delete headers[name]; return refusal(() => tokens.authorize(sendRequest(headers))); };
    expect(without('integrasjonid')).toEqual({ field: 'IntegrasjonId', challenge: INVALID, message: `[kvittering] E_HTTP_AUTH: missing IntegrasjonId — ${expected}` });
    expect(without('integrasjonpassord')).toEqual({ field: 'IntegrasjonPassord', challenge: INVALID, message: `[kvittering] E_HTTP_AUTH: missing IntegrasjonPassord — ${expected}` });
    const noToken = without('authorization');
    expect(noToken).toMatchObject({ field: 'Authorization (Bearer token)', challenge: MISSING });
    names(noToken, 'Authorization (Bearer token)');
  });

  it('reads no bearer token from a header that is not exactly "Bearer <one token>" of at most 512 characters', () => {
    const { tokens, issue, sendRequest, headersFor } = setup();
    const token = issue();
    const field = (authorization: string) => refusal(() => tokens.authorize(sendRequest({ ...headersFor(oslo, token), authorization }))).field;
    expect(field(`Basic ${token}`)).toBe('Authorization (Bearer token)');
    expect(field(`xBearer ${token}`)).toBe('Authorization (Bearer token)');
    expect(field(`Bearer${token}`)).toBe('Authorization (Bearer token)');
    expect(field('Bearer ')).toBe('Authorization (Bearer token)');
    expect(field(`Bearer ${token} extra`)).toBe('Authorization (Bearer token)');
    expect(field(`Bearer ${'a'.repeat(513)}`)).toBe('Authorization (Bearer token)');
    // 512 characters is a token, only not one this portal issued.
    expect(refusal(() => tokens.authorize(sendRequest({ ...headersFor(oslo, token), authorization: `Bearer ${'a'.repeat(512)}` })))).toMatchObject({ field: 'authorization', challenge: INVALID });
  });

  it('refuses a wrong password, an unknown token and another integration\'s token, naming the field', () => {
    const { tokens, issue, sendRequest, headersFor } = setup();
    const token = issue();
    expect(refusal(() => tokens.authorize(sendRequest({ ...headersFor(oslo, token), integrasjonpassord: 'feil' })))).toEqual({
      field: 'IntegrasjonPassord', challenge: INVALID,
      message: '[kvittering] E_HTTP_AUTH: integration "oslo-fagsystem" was refused — expected a known IntegrasjonId and its IntegrasjonPassord',
    });
    expect(refusal(() => tokens.authorize(sendRequest({ ...headersFor(oslo, token), integrasjonpassord: bergen.password }))).field).toBe('IntegrasjonPassord');
    expect(refusal(() => tokens.authorize(sendRequest({ ...headersFor(oslo, token), integrasjonid: 'y'.repeat(60) }))).message).toContain(`integration "${'y'.repeat(40)}" was refused`);
    expect(refusal(() => tokens.authorize(sendRequest(headersFor(oslo, 'x'.repeat(43)))))).toEqual({
      field: 'authorization', challenge: INVALID, message: '[kvittering] E_HTTP_AUTH: the bearer token is unknown — expected one issued by POST /token',
    });
    expect(refusal(() => tokens.authorize(sendRequest(headersFor(bergen, token))))).toEqual({
      field: 'authorization', challenge: INVALID, message: '[kvittering] E_HTTP_AUTH: the bearer token was issued to another integration — expected one issued to "bergen-fagsystem"',
    });
  });

  it('names the integration a token was expected for in at most 40 characters', () => {
    const long = { receiver: 'lang', username: `${'l'.repeat(45)}-fagsystem`, password: 'test-only-4' };
    const tokens = new IntegrationTokens([oslo, long], () => 0);
    const token = tokens.issue(new Request('http://portal.test/token', { method: 'POST', headers: { authorization: basicAuthHeader(oslo) } }), GRANT).access_token;
    expect(tokens.amqpLogin(long.username, `${long.password} ${token}`)).toEqual({ refused: `the bearer token was issued to another integration — expected one issued to "${'l'.repeat(40)}"` });
  });

  it('takes a token until the last millisecond of its lifetime and calls it expired from then on', () => {
    const { tokens, issue, sendRequest, headersFor, set, now } = setup();
    const issuedAt = now();
    const token = issue();
    set(issuedAt + TOKEN_TTL_MS - 1);
    expect(tokens.authorize(sendRequest(headersFor(oslo, token)))).toBe(oslo);
    set(issuedAt + TOKEN_TTL_MS);
    expect(refusal(() => tokens.authorize(sendRequest(headersFor(oslo, token))))).toEqual({
      field: 'authorization', challenge: INVALID, message: '[kvittering] E_HTTP_AUTH: the bearer token has expired — expected a fresh one from POST /token',
    });
  });

  it('forgets expired tokens when it issues a new one: an old token is then unknown, a live one still good', () => {
    const { tokens, issue, sendRequest, headersFor, set, now } = setup();
    const start = now();
    const old = issue();
    set(start + TOKEN_TTL_MS / 2);
    const young = issue(bergen);
    set(start + TOKEN_TTL_MS);
    issue();
    expect(refusal(() => tokens.authorize(sendRequest(headersFor(oslo, old)))).message).toContain('the bearer token is unknown');
    expect(tokens.authorize(sendRequest(headersFor(bergen, young)))).toBe(bergen);
  });

  it('judges expiry on the wall clock by default', () => {
    const tokens = new IntegrationTokens([oslo]);
    const token = tokens.issue(new Request('http://portal.test/token', { method: 'POST', headers: { authorization: basicAuthHeader(oslo) } }), GRANT).access_token;
    expect(tokens.authorize(new Request('http://portal.test/send', { headers: { integrasjonid: oslo.username, integrasjonpassord: oslo.password, authorization: `Bearer ${token}` } }))).toBe(oslo);
  });
});

describe('the AMQP login: "<IntegrasjonPassord> <token>"', () => {
  it('splits at the last space, so a password may hold spaces', () => {
    const { tokens, issue } = setup();
    const token = issue();
    expect(tokens.amqpLogin(oslo.username, `${oslo.password} ${token}`)).toEqual({ account: oslo });
  });

  it('says why a login is refused', () => {
    const { tokens, issue, set, now } = setup();
    const start = now();
    const token = issue();
    expect(tokens.amqpLogin(oslo.username, 'testonly1')).toEqual({ refused: 'password is not "<IntegrasjonPassord> <token>" (no space)' });
    // A space first is an empty password, not a missing token.
    expect(tokens.amqpLogin(oslo.username, ` ${token}`)).toEqual({ refused: 'integration "oslo-fagsystem" with that IntegrasjonPassord is unknown' });
    expect(tokens.amqpLogin(oslo.username, `${bergen.password} ${token}`)).toEqual({ refused: 'integration "oslo-fagsystem" with that IntegrasjonPassord is unknown' });
    expect(tokens.amqpLogin('z'.repeat(50), `${oslo.password} ${token}`)).toEqual({ refused: `integration "${'z'.repeat(40)}" with that IntegrasjonPassord is unknown` });
    expect(tokens.amqpLogin(oslo.username, `${oslo.password} `)).toEqual({ refused: 'the bearer token is unknown — expected one issued by POST /token' });
    expect(tokens.amqpLogin(oslo.username, `${oslo.password} ${token}x`)).toEqual({ refused: 'the bearer token is unknown — expected one issued by POST /token' });
    expect(tokens.amqpLogin(bergen.username, `${bergen.password} ${token}`)).toEqual({ refused: 'the bearer token was issued to another integration — expected one issued to "bergen-fagsystem"' });
    set(start + TOKEN_TTL_MS);
    expect(tokens.amqpLogin(oslo.username, `${oslo.password} ${token}`)).toEqual({ refused: 'the bearer token has expired — expected a fresh one from POST /token' });
  });

  it('knows an integration by its id alone (the broker asks about vhosts and queues by user name)', () => {
    const { tokens } = setup();
    expect(tokens.known(bergen.username)).toBe(bergen);
    expect(tokens.known('nobody')).toBeUndefined();
    expect(tokens.known(bergen.password)).toBeUndefined();
  });
});
