// HTTP Basic auth as SvarInn uses it: only a known account with its own password gets in. A check that
// let a wrong password, a wrong name or a garbled header through would be a security bug, so each
// refusal is pinned here with its exact 401, and each acceptance with the account it chose.

import { describe, expect, it } from 'vitest';
import { HttpError } from '../../simulators/http/http-error.js';
import { authenticate, basicAuthHeader, parseBasicAuth, sameSecret } from '../../simulators/http/basic-auth.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const withAuth = (authorization?: string) => new Request('http://127.0.0.1/', authorization === undefined ? {} : { headers: { authorization } });

describe('parseBasicAuth', () => {
  it('reads the name and the password, split at the first colon', () => {
    expect(parseBasicAuth(`Basic ${b64('kommune:hemmelig')}`)).toEqual({ username: 'kommune', password: 'hemmelig' });
    expect(parseBasicAuth(`Basic ${b64('kommune:a:b:c')}`)).toEqual({ username: 'kommune', password: 'a:b:c' });
    expect(parseBasicAuth(`Basic ${b64(':pw')}`)).toEqual({ username: '', password: 'pw' });
    expect(parseBasicAuth(`Basic ${b64('kommune:')}`)).toEqual({ username: 'kommune', password: '' });
    expect(parseBasicAuth(`Basic ${b64('bjørn:blåbær')}`)).toEqual({ username: 'bjørn', password: 'blåbær' });
  });

  it('takes any case of "Basic", any run of whitespace after it and trailing whitespace', () => {
    const expected = { username: 'u', password: 'p' };
    expect(parseBasicAuth(`basic ${b64('u:p')}`)).toEqual(expected);
    expect(parseBasicAuth(`BASIC ${b64('u:p')}`)).toEqual(expected);
    expect(parseBasicAuth(`Basic \t ${b64('u:p')}`)).toEqual(expected);
    expect(parseBasicAuth(`Basic ${b64('u:p')}  `)).toEqual(expected);
  });

  it('gives nothing for a missing, foreign or garbled header', () => {
    expect(parseBasicAuth(null)).toBeUndefined();
    expect(parseBasicAuth('')).toBeUndefined();
    expect(parseBasicAuth(`Bearer ${b64('u:p')}`)).toBeUndefined();
    expect(parseBasicAuth(`Basic${b64('u:p')}`)).toBeUndefined(); // no space after the scheme
    expect(parseBasicAuth('Basic ')).toBeUndefined();
    expect(parseBasicAuth(`Basic ${b64('no-colon')}`)).toBeUndefined();
    expect(parseBasicAuth(`x Basic ${b64('u:p')}`)).toBeUndefined();
    expect(parseBasicAuth(`Basic ${b64('u:p')} extra`)).toBeUndefined();
    expect(parseBasicAuth(`Basic ${b64('u:p')}!`)).toBeUndefined();
    expect(parseBasicAuth('Basic dTpw*')).toBeUndefined();
  });

  it('reads a token of up to 1024 characters and no longer', () => {
    const at = (length: number) => `Basic ${b64(`u:${'p'.repeat(length)}`)}`;
    // b64 of "u:" + 766 characters is 1024 characters long.
    expect(at(766).length - 'Basic '.length).toBe(1024);
    expect(parseBasicAuth(at(766))?.password).toHaveLength(766);
    expect(parseBasicAuth(`${at(766)}A`)).toBeUndefined(); // 1025 characters (base64 decoding would ignore the extra one)
    expect(parseBasicAuth(at(769))).toBeUndefined();
  });
});

describe('basicAuthHeader', () => {
  it('is "Basic " and the UTF-8 name:password in base64', () => {
    expect(basicAuthHeader({ username: 'kommune', password: 'hemmelig' })).toBe('Basic a29tbXVuZTpoZW1tZWxpZw==');
    expect(basicAuthHeader({ username: 'bjørn', password: 'æ' })).toBe(`Basic ${b64('bjørn:æ')}`);
    expect(parseBasicAuth(basicAuthHeader({ username: 'a', password: 'b:c' }))).toEqual({ username: 'a', password: 'b:c' });
  });
});

describe('sameSecret', () => {
  it('is true only for the same text', () => {
    expect(sameSecret('hemmelig', 'hemmelig')).toBe(true);
    expect(sameSecret('hemmelig', 'Hemmelig')).toBe(false);
    expect(sameSecret('hemmelig', 'hemmelig ')).toBe(false);
    expect(sameSecret('', 'x')).toBe(false);
    expect(sameSecret('', '')).toBe(true);
  });
});

describe('authenticate', () => {
  const accounts = [
    { username: 'moss', password: 'pw-moss', id: 1 },
    { username: 'bodø', password: 'pw-bodø', id: 2 },
  ];
  const header = (username: string, password: string) => basicAuthHeader({ username, password });

  function refusal(request: Request) {
    try {
      authenticate(request, accounts);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      return { status: error.status, code: error.code, field: error.field, message: error.message };
    }
    throw new Error('authenticate let the request in');
  }
  const refused = (detail: string) => ({ status: 401, code: 'E_HTTP_AUTH', field: 'authorization', message: `[kvittering] E_HTTP_AUTH: ${detail}` });
  const missing = refused('authorization header is missing or not Basic — expected HTTP Basic auth with the receiving system\'s name and password');

  it('returns the account whose name and password both match', () => {
    expect(authenticate(withAuth(header('moss', 'pw-moss')), accounts).id).toBe(1);
    expect(authenticate(withAuth(header('bodø', 'pw-bodø')), accounts).id).toBe(2);
  });

  it('refuses a wrong password, a wrong name, or one account\'s name with another\'s password', () => {
    expect(refusal(withAuth(header('moss', 'wrong')))).toEqual(refused('authorization for user "moss" was refused — expected a known account and its password'));
    expect(refusal(withAuth(header('moss', '')))).toEqual(refused('authorization for user "moss" was refused — expected a known account and its password'));
    expect(refusal(withAuth(header('oslo', 'pw-moss')))).toEqual(refused('authorization for user "oslo" was refused — expected a known account and its password'));
    expect(refusal(withAuth(header('moss', 'pw-bodø')))).toEqual(refused('authorization for user "moss" was refused — expected a known account and its password'));
  });

  it('refuses everyone when there are no accounts', () => {
    expect(() => authenticate(withAuth(header('moss', 'pw-moss')), [])).toThrow('authorization for user "moss" was refused');
  });

  it('names at most 40 characters of the user it refused', () => {
    const long = 'k'.repeat(60);
    expect(refusal(withAuth(header(long, 'x'))).message).toBe(`[kvittering] E_HTTP_AUTH: authorization for user "${'k'.repeat(40)}" was refused — expected a known account and its password`);
  });

  it('says the header is missing or not Basic when it cannot be read', () => {
    expect(refusal(withAuth())).toEqual(missing);
    expect(refusal(withAuth('Bearer abc.def'))).toEqual(missing);
    expect(refusal(withAuth(`Basic ${b64('moss')}`))).toEqual(missing);
  });
});
