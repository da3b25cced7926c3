// Every CLI flag under fuzzing: `kvittering …` and `kvittering serve …` given arbitrary argv either do
// their job or exit 2 with a clean `[kvittering] E_…` message — never a stack trace, never exit 70
// (our bug), never traffic to a host nobody named. The in-process runs cover the combinations; a few
// spawned runs check the real process exits the same way.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../harness/cli/cli.js';
import type { CliIo } from '../../harness/cli/cli-io.js';
import { commandSpecs, optionSpecs } from '../../harness/cli/cli-options.js';
import { serveCommand } from '../../harness/cli/serve.js';
import { runBin } from '../support/run-bin.js';
import { propertyParameters } from '../support/property.js';
import { expectCleanMessage, STACK_FRAME } from './fuzz-support.js';

const dir = mkdtempSync(join(tmpdir(), 'kvittering-cli-fuzz-'));
mkdirSync(join(dir, 'scenarios'));
writeFileSync(join(dir, 'bad.yaml'), 'id: bad\ntitle: 3\n');
writeFileSync(join(dir, 'scenarios', 'broken.yaml'), 'id: [\n');
writeFileSync(join(dir, 'report.json'), '{"reproducibility": {"seed": "x"}}');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeIo(): CliIo & { out: string; err: string } {
  const io = {
    cwd: dir, env: { CI: 'true' }, out: '', err: '', stderrIsTTY: false,
    stdout: (t: string) => { io.out += t; },
    stderr: (t: string) => { io.err += t; },
    onInterrupt: () => () => undefined,
    wallMs: () => 0,
  };
  return io;
}

const word = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('bad.yaml', 'missing.yaml', 'scenarios', 'report.json', '-', '--', '=', '-x', '--=', '\u0000', '💥', '../..', 'nul'),
);
// `serve` is fuzzed below with its own flags (a valid serve command would wait for a signal).
const commandWord = fc.constantFrom(...Object.keys(commandSpecs), 'runn', 'RUN', '');
const optionValue = fc.oneof(word, fc.constantFrom('-1', '1e3', '0x10', '9007199254740993', 'json,,', 'nb', 'xx', '14d,', 'off,1d', 'before-commit,x'));
const flag = fc.oneof(
  fc.constantFrom(...Object.keys(optionSpecs)).chain((name) => fc.oneof(
    fc.constant([`--${name}`]),
    optionValue.map((v) => [`--${name}`, v]),
    optionValue.map((v) => [`--${name}=${v}`]),
  )),
  fc.constantFrom(['-h'], ['-hx'], ['--no-such'], ['---'], ['-'], ['--seed'], ['--out'], ['--help=yes'], ['--version=1']),
);
/** argv that never names a runnable scenario, so no case starts a long simulation. */
const argvArbitrary = fc.tuple(fc.option(commandWord, { nil: undefined }), fc.array(fc.oneof(word.map((w) => [w]), flag), { maxLength: 5 }))
  .map(([command, parts]) => [...(command === undefined ? [] : [command]), ...parts.flat()])
  // `schema --out X` writes a file: keep it inside the temporary directory.
  .filter((argv) => !argv.some((a) => a.startsWith('/') || a.includes('..')));

describe('CLI flags under fuzzing', () => {
  it('kvittering <argv>: exit 0, or exit 2 with a clean message — never a stack trace or an internal error', async () => {
    const seen = new Map<number, number>();
    await fc.assert(fc.asyncProperty(argvArbitrary, async (argv) => {
      const io = fakeIo();
      const code = await cli(argv, io, '0.0.0-test');
      seen.set(code, (seen.get(code) ?? 0) + 1);
      expect([0, 2]).toContain(code);
      expect(io.err + io.out).not.toMatch(STACK_FRAME);
      if (code === 2 && io.err !== '') expectCleanMessage(io.err);
      // Exit 2 with nothing on stderr is `kvittering` alone (help), or `validate`/`list` naming what is invalid.
      if (code === 2 && io.err === '') expect(io.out).toMatch(/^kvittering 0\.0\.0-test — |invalid/);
    }), propertyParameters(400));
    // Both outcomes were reached, or the property only ever saw one kind of argv.
    expect(seen.get(2) ?? 0).toBeGreaterThan(100);
    expect(seen.get(0) ?? 0).toBeGreaterThan(0);
  });

  const serveFlags = ['--receiver', '--port', '--host', '--ms-per-day', '--retention-days', '--deadline-days', '--push-timeout-ms', '--seed', '--ack-policy', '--ack',
    '--portal-url', '--username', '--password', '--storage', '--auth', '--db-pool-size', '--allow-remote-host', '--bogus', '-p'];
  const serveValues = fc.oneof(word, fc.constantFrom(
    'id=a,style=push,username=u,password=p,pushUrl=http://example.invalid/x', 'id=a,style=poll,username=u,password=p', 'id=a,style=pull', 'x=1', 'id',
    'http://example.invalid:8080', 'http://127.0.0.1:9', 'ftp://127.0.0.1', 'after-commit', 'before-commt', 'user:pw', 'nocolon', 'simulated',
    'postgres://svc:pw@db.example.invalid/x', '-5', 'NaN', '65536', '0.0.0.0', 'example.invalid',
  ));
  const serveFlag = fc.tuple(fc.constantFrom(...serveFlags), fc.option(serveValues, { nil: undefined }))
    .map(([f, v]) => (v === undefined ? [f] : [f, v]));
  const serveArgv = fc.tuple(fc.constantFrom('portal', 'case-system', 'portl', '--help', 'x'), fc.array(serveFlag, { maxLength: 6 }))
    .map(([service, parts]) => [service, ...parts.flat()]);

  it('kvittering serve <argv>: serves and stops, or exit 2 with a clean message; never a remote target nobody allowed', async () => {
    let rejected = 0;
    await fc.assert(fc.asyncProperty(serveArgv, async (argv) => {
      let err = '';
      let out = '';
      const code = await serveCommand.run(argv, { stdout: (l) => { out += `${l}\n`; }, stderr: (l) => { err += `${l}\n`; }, stopSignal: Promise.resolve() });
      expect([0, 2]).toContain(code);
      expect(err + out).not.toMatch(STACK_FRAME);
      if (code === 2 && err !== '') {
        rejected++;
        // --ack (the old name of --ack-policy) prints its one-line deprecation notice before any error.
        expectCleanMessage(err.replace(/^kvittering: --ack is deprecated — use --ack-policy \(the same values\)\n/gm, ''));
      }
      // Serving at all means every target it was given is loopback or was named.
      if (code === 0 && argv.includes('portal') && argv.some((a) => a.includes('example.invalid'))) expect(argv).toContain('--allow-remote-host');
      if (code === 0 && argv[0] === 'case-system') expect(argv.join(' ')).not.toMatch(/--portal-url http:\/\/example\.invalid/);
    }), propertyParameters(250));
    expect(rejected).toBeGreaterThan(100);
  });

  it('the real process: exit 2, one clean message, no stack (spawned)', async () => {
    const cases = [['run', '--seed', 'x', 'bad.yaml'], ['run', 'bad.yaml'], ['sweep', 'bad.yaml', '--retention', '-3d'], ['replay', 'report.json'], ['ru']];
    const results = await Promise.all(cases.map((argv) => runBin(argv, { cwd: dir })));
    for (const r of results) {
      expect(r.code).toBe(2);
      expectCleanMessage(r.stderr);
    }
  });
});
