// Runs bin/kvittering.js as a child process, the way a user or CI does, and collects what it printed.

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/kvittering.js', import.meta.url));

interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface BinOptions {
  cwd: string;
  /** Called once with the child when it has started, e.g. to send it a signal. */
  onStart?: (child: ChildProcess, stderrSoFar: () => string) => void;
}

function runBin(args: readonly string[], options: BinOptions): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    options.onStart?.(child, () => stderr);
  });
}

export { runBin };
export type { BinResult };
