import { describe, expect, it } from 'vitest';
import { checkTarget, isLoopbackHost } from '../../harness/safety/target-guard.js';

describe('target guard', () => {
  it.each(['localhost', '127.0.0.1', '127.8.9.10', '[::1]', 'api.localhost'])('treats %s as loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
    expect(checkTarget(`http://${host}:8080/x`, []).basis).toBe('loopback');
  });

  it.each(['10.0.0.5', '192.168.1.2', '172.16.0.1', 'fagsystem.kommune.no', '8.8.8.8', '[fe80::1]', '128.0.0.1'])('refuses %s unless named', (host) => {
    expect(() => checkTarget(`https://${host}/`, [])).toThrow(/E_REMOTE_TARGET: target\.baseUrl points at .* not a loopback address[\s\S]*Hint: .*--allow-remote-host/);
  });

  it('accepts a remote host that is named explicitly, and records that it was', () => {
    expect(checkTarget('https://staging.fagsystem.kommune.no:8443/api', ['staging.fagsystem.kommune.no'])).toEqual({
      url: 'https://staging.fagsystem.kommune.no:8443', host: 'staging.fagsystem.kommune.no', basis: 'allowed',
    });
  });

  it('rejects what is not an http URL, naming the field', () => {
    expect(() => checkTarget('ftp://127.0.0.1/', [], 'live.caseSystemUrl')).toThrow(/live\.caseSystemUrl is "ftp:\/\/127.0.0.1\/" — expected an http: or https: URL/);
    expect(() => checkTarget('not a url', [])).toThrow(/expected an absolute http\(s\) URL/);
  });
});
