// The serve command's option handling: bad input names the option and what was expected, exit code 2 —
// through the same option parser and exit-code table as every other command.

import { describe, expect, it } from 'vitest';
import { serveCommand, serveFromCli } from '../../harness/cli/serve.js';
import { cli } from '../../harness/cli/cli.js';
import { exitCodes } from '../../harness/cli/cli-options.js';
import type { CliIo } from '../../harness/cli/cli-io.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await serveFromCli(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; } });
  return { code, out, err };
}

describe('kvittering serve', () => {
  it('prints usage, and refuses unknown services and bad options with the option named', async () => {
    expect((await run(['--help'])).out).toContain('kvittering serve case-system --ack-policy');
    expect(await run(['portl'])).toMatchObject({ code: 2, err: expect.stringContaining('did you mean "portal"?') as unknown });
    expect((await run(['case-system', '--ack-policy', 'after-comit', '--portal-url', 'http://127.0.0.1:1', '--username', 'x', '--password', 'y'])).err)
      .toContain('E_CLI_OPTION: --ack-policy is "after-comit" — expected one of after-commit, before-commit, retry-then-fail');
    expect((await run(['case-system', '--ack-policy', 'after-commit', '--portal-url', 'ftp://x', '--username', 'x', '--password', 'y'])).err).toContain('--portal-url is "ftp://x" — expected an http(s) URL');
    expect((await run(['case-system', '--ack-policy', 'after-commit', '--portal-url', 'http://127.0.0.1:1', '--username', 'x', '--password', 'y', '--storage', 'mysql://db'])).err)
      .toContain('--storage is "mysql://db" — expected "simulated" or a postgres:// connection string');
    expect((await run(['portal', '--receiver', 'id=oslo,style=psh,username=a,password=b'])).err).toContain('--receiver[0].style is "psh" — expected push, poll or fiks-io');
    expect((await run(['portal', '--receiver', 'id=oslo,style=fiks-io,username=a,password=b'])).err).toContain('--broker is missing — expected an amqp:// URL for receivers with style=fiks-io');
    expect((await run(['portal', '--receiver', 'id=oslo,style=poll,username=a,password=b', '--broker', 'amqp://127.0.0.1'])).err).toContain('--broker is "amqp://127.0.0.1" — expected no --broker without receivers with style=fiks-io');
    expect((await run(['case-system', '--ack-policy', 'after-commit', '--portal-url', 'http://127.0.0.1:1', '--username', 'x', '--password', 'y', '--transport', 'amqp'])).err)
      .toContain('--transport is "amqp" — expected http or fiks-io');
    expect((await run(['case-system', '--ack-policy', 'after-commit', '--portal-url', 'http://127.0.0.1:1', '--username', 'x', '--password', 'y', '--transport', 'fiks-io', '--broker', 'amqp://guest:secret@broker.example.com/v'])).err)
      .toMatch(/--broker.*broker\.example\.com/);
    expect((await run(['portal', '--receiver', 'id=oslo,style=push,username=a,password=b'])).err).toContain('--receiver[0].pushUrl is missing');
    expect((await run(['portal', '--bogus'])).code).toBe(2);
    expect(serveCommand.name).toBe('serve');
  });

  it('words option-parser mistakes like every other command: the flag, what was expected, exit code from the table', async () => {
    const unknown = await run(['portal', '--recevier', 'id=a,style=poll,username=u,password=p']);
    expect(unknown.code).toBe(exitCodes.badInput);
    expect(unknown.err).toContain('[kvittering] E_CLI_OPTION: --recevier is not an option of "serve portal" — expected one of --receiver, --port, --host,');
    expect(unknown.err).toContain('Hint: did you mean "--receiver"?');
    expect((await run(['case-system', '--port'])).err).toContain('[kvittering] E_CLI_OPTION: --port is missing its value — expected --port N');
    expect((await run(['case-system', '--kill-at-first-write=yes'])).err).toContain('--kill-at-first-write takes no value — expected --kill-at-first-write alone');
    expect((await run(['portal', 'extra'])).err).toContain('"extra" is not an option of "serve portal" — expected one of --receiver');
    expect(await run([])).toMatchObject({ code: exitCodes.badInput, err: expect.stringContaining('[kvittering] E_CLI_USAGE: serve is missing its service') as unknown });
    // Through the main CLI the same words and the same code.
    let err = '';
    const io = { stdout: () => undefined, stderr: (t: string) => { err += t; } } as unknown as CliIo;
    expect(await cli(['serve', 'case-system', '--ack-polcy', 'after-commit'], io, '0.0.0-test')).toBe(exitCodes.badInput);
    expect(err).toContain('--ack-polcy is not an option of "serve case-system"');
    expect(err).toContain('did you mean "--ack-policy"?');
  });

  it('--ack is the deprecated name of --ack-policy: it still works, with a one-line notice on stderr', async () => {
    const base = ['case-system', '--portal-url', 'http://127.0.0.1:1', '--username', 'x', '--password', 'y'];
    const lines: string[] = [];
    let stop: () => void = () => undefined;
    const stopSignal = new Promise<void>((resolve) => { stop = resolve; });
    const code = await serveCommand.run([...base, '--ack', 'before-commit'], {
      stdout: (l) => { lines.push(l); if (l.includes('listening')) stop(); }, stderr: (l) => { lines.push(`stderr: ${l}`); }, stopSignal,
    });
    expect(code).toBe(exitCodes.ok);
    const notices = lines.filter((l) => l.includes('deprecated'));
    expect(notices).toEqual(['stderr: kvittering: --ack is deprecated — use --ack-policy (the same values)']);
    expect(JSON.parse(lines.find((l) => l.includes('"listening"')) as string)).toMatchObject({ event: 'listening', ackPolicy: 'before-commit' });
    expect((await run([...base, '--ack', 'after-comit'])).err).toContain('--ack is "after-comit" — expected one of after-commit, before-commit, retry-then-fail');
    expect((await run([...base, '--ack', 'after-commit', '--ack-policy', 'after-commit'])).err).toContain('--ack is "after-commit" — expected only --ack-policy');
    expect((await run(base)).err).toContain('--ack-policy is missing — expected one of after-commit, before-commit, retry-then-fail');
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
