import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { redactArgv, redactText, redactValue } from '../../harness/redact.js';
import { propertyParameters } from '../support/property.js';

describe('redaction', () => {
  it.each([
    ['postgres://kvittering:s3cret-pw@db.kommune.no:5432/familia', 'postgres://kvittering:***@db.kommune.no:5432/familia'],
    ['mssql://sa:Pa55w0rd!@127.0.0.1/x', 'mssql://sa:***@127.0.0.1/x'],
    ['Server=tcp:sql01,1433;User Id=familia;Password=Hemmelig123;Encrypt=true', 'Server=tcp:sql01,1433;User Id=familia;Password=***;Encrypt=true'],
    ['Authorization: Basic a3ZpdHRlcmluZzpoZW1tZWxpZw==', 'Authorization: Basic ***'],
    ['authorization=Bearer eyJhbGciOiJIUzI1NiJ9.abc.def', 'authorization=Bearer ***'],
    ['kvittering run x --db-url postgres://u:p@h/d --password=hunter22', 'kvittering run x --db-url *** --password=***'],
  ])('redacts %s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('leaves ordinary text alone', () => {
    const text = 'npb-2023-before-fix: 9 lost-silent, retention 14 days, http://127.0.0.1:8080/mottaker';
    expect(redactText(text)).toBe(text);
  });

  it('replaces secret-named fields at any depth and redacts every string', () => {
    const config = { target: { baseUrl: 'http://u:pw@127.0.0.1:9000', auth: { user: 'fagsystem', password: 'x' } }, storedCheck: { connectionString: 'Server=a;Password=b' }, seed: 1 };
    expect(redactValue(config)).toEqual({ target: { baseUrl: 'http://u:***@127.0.0.1:9000', auth: '***' }, storedCheck: { connectionString: '***' }, seed: 1 });
  });

  it('redacts the value after a secret flag in argv', () => {
    expect(redactArgv(['run', 'x.yaml', '--password', 'hunter22', '--token=abc', '--seed', '7'])).toEqual(['run', 'x.yaml', '--password', '***', '--token=***', '--seed', '7']);
  });

  it('never lets an embedded password through a URL, whatever the password', () => {
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9!$%^&*()_+=~.-]{4,30}$/), (password) => {
      const out = redactText(`failed to connect to postgres://familia:${password}@127.0.0.1:5432/db`);
      expect(out).toBe('failed to connect to postgres://familia:***@127.0.0.1:5432/db');
    }), propertyParameters(100));
  });

  it('redacts a secret flag in kvittering\'s own error grammar, but keeps "missing"', () => {
    expect(redactText('--password is "hunter22" — expected the account\'s password')).toBe('--password is *** — expected the account\'s password');
    expect(redactText('--password is missing — expected the account\'s password')).toBe('--password is missing — expected the account\'s password');
  });
});
