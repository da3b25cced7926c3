// Runs one measurement (measure.js) in a fresh Node process and collects its RESULT line. The last
// PROGRESS line is kept, so a child that dies (out of memory at its heap cap) still says how far it got.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const measureScript = fileURLToPath(new URL('./measure.js', import.meta.url));

interface ChildOutcome {
  ok: boolean;
  result?: Record<string, unknown>;
  lastProgress?: Record<string, unknown>;
  /** Exit code or signal, and the tail of stderr, when the child failed. */
  failure?: string;
  wallMs: number;
}

function runChild(name: string, options: Record<string, number>, maxOldSpaceMiB: number, onProgress?: (p: Record<string, unknown>) => void): Promise<ChildOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${maxOldSpaceMiB}`, measureScript, name, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let result: Record<string, unknown> | undefined;
    let lastProgress: Record<string, unknown> | undefined;
    let stderr = '';
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as Record<string, unknown>;
        else if (line.startsWith('PROGRESS ')) {
          lastProgress = JSON.parse(line.slice(9)) as Record<string, unknown>;
          onProgress?.(lastProgress);
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4_000);
    });
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - started;
      const outcome: ChildOutcome = { ok: code === 0 && result !== undefined, wallMs };
      if (result !== undefined) outcome.result = result;
      if (lastProgress !== undefined) outcome.lastProgress = lastProgress;
      if (!outcome.ok) {
        const oom = /heap out of memory|Reached heap limit/i.test(stderr);
        outcome.failure = `${oom ? `out of memory at the ${maxOldSpaceMiB} MiB heap cap` : `exit ${code ?? signal}`}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`;
      }
      resolve(outcome);
    });
  });
}

export { runChild };
export type { ChildOutcome };
