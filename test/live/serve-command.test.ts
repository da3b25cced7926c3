// The serve command's option handling: bad input names the option and what was expected, exit code 2.

import { describe, expect, it } from 'vitest';
import { serveCommand, serveFromCli } from '../../harness/cli/serve.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await serveFromCli(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; } });
  return { code, out, err };
}

describe('kvittering serve', () => {
  it('prints usage, and refuses unknown services and bad options with the option named', async () => {
    expect((await run(['--help'])).out).toContain('kvittering serve case-system --ack');
    expect(await run(['portl'])).toMatchObject({ code: 2, err: expect.stringContaining('did you mean "portal"?') as unknown });
    expect((await run(['case-system', '--ack', 'after-comit', '--portal-url', 'http://127.0.0.1:1', '--username', 'x', '--password', 'y'])).err)
      .toContain('E_CLI_OPTION: --ack is "after-comit" — expected one of after-commit, before-commit, retry-then-fail');
    expect((await run(['case-system', '--ack', 'after-commit', '--portal-url', 'ftp://x', '--username', 'x', '--password', 'y'])).err).toContain('--portal-url is "ftp://x" — expected an http(s) URL');
    expect((await run(['case-system', '--ack', 'after-commit', '--portal-url', 'http://127.0.0.1:1', '--username', 'x', '--password', 'y', '--storage', 'mysql://db'])).err)
      .toContain('--storage is "mysql://db" — expected "simulated" or a postgres:// connection string');
    expect((await run(['portal', '--receiver', 'id=oslo,style=psh,username=a,password=b'])).err).toContain('--receiver[0].style is "psh" — expected push, poll or fiks-io');
    expect((await run(['portal', '--receiver', 'id=oslo,style=fiks-io,username=a,password=b'])).err).toContain('--broker is missing — expected an amqp:// URL for receivers with style=fiks-io');
    expect((await run(['portal', '--receiver', 'id=oslo,style=poll,username=a,password=b', '--broker', 'amqp://127.0.0.1'])).err).toContain('--broker is "amqp://127.0.0.1" — expected no --broker without receivers with style=fiks-io');
    expect((await run(['case-system', '--ack', 'after-commit', '--portal-url', 'http://127.0.0.1:1', '--username', 'x', '--password', 'y', '--transport', 'amqp'])).err)
      .toContain('--transport is "amqp" — expected http or fiks-io');
    expect((await run(['case-system', '--ack', 'after-commit', '--portal-url', 'http://127.0.0.1:1', '--username', 'x', '--password', 'y', '--transport', 'fiks-io', '--broker', 'amqp://guest:secret@broker.example.com/v'])).err)
      .toMatch(/--broker.*broker\.example\.com/);
    expect((await run(['portal', '--receiver', 'id=oslo,style=push,username=a,password=b'])).err).toContain('--receiver[0].pushUrl is missing');
    expect((await run(['portal', '--bogus'])).code).toBe(2);
    expect(serveCommand.name).toBe('serve');
  });

  it('serves until told to stop, printing its listening and stopped lines', async () => {
    const lines: string[] = [];
    let stop: () => void = () => undefined;
    const stopSignal = new Promise<void>((resolve) => { stop = resolve; });
    const done = serveCommand.run(['portal', '--receiver', 'id=bergen,style=poll,username=b,password=test-only'], {
      stdout: (l) => { lines.push(l); if (l.includes('listening')) stop(); }, stderr: () => undefined, stopSignal,
    });
    expect(await done).toBe(0);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ event: 'listening', service: 'portal', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) as unknown });
    expect(JSON.parse(lines[1] as string)).toMatchObject({ event: 'stopped', submitted: 0 });
  });
});
