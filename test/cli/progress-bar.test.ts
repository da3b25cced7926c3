// Progress bars appear on a terminal and never in CI or a pipe.

import { describe, expect, it } from 'vitest';
import { isInteractive, type CliIo } from '../../harness/cli/cli-io.js';
import { progressBar } from '../../harness/cli/progress-bar.js';

function fakeIo(stderrIsTTY: boolean, env: Record<string, string | undefined>): CliIo & { err: string } {
  const io = {
    cwd: '/', env, err: '', stderrIsTTY,
    stdout: () => undefined,
    stderr: (text: string) => { io.err += text; },
    onInterrupt: () => () => undefined,
    wallMs: () => 0,
  };
  return io;
}

describe('isInteractive', () => {
  it.each([
    [true, {}, true],
    [true, { CI: 'true' }, false],
    [true, { CI: '1' }, false],
    [true, { CI: 'false' }, true],
    [false, {}, false],
  ] as const)('tty %s, env %j ⇒ %s', (tty, env, expected) => {
    expect(isInteractive(fakeIo(tty, env))).toBe(expected);
  });
});

describe('progressBar', () => {
  it('redraws one line in place and clears it when done', () => {
    const io = fakeIo(true, {});
    const bar = progressBar(io, true);
    bar.update('run', 0.5);
    bar.update('run', 0.5); // unchanged: not redrawn
    bar.update('run', 1);
    bar.done();
    expect(io.err).toBe('\r[##############--------------]  50% run\x1b[K\r[############################] 100% run\x1b[K\r\x1b[K');
  });

  it('prints nothing when disabled', () => {
    const io = fakeIo(false, {});
    const bar = progressBar(io, false);
    bar.update('run', 0.5);
    bar.done();
    expect(io.err).toBe('');
  });
});
