// Start `kvittering serve …` as a separate process (the way a vendor runs its own system next to the
// harness) and wait for its {"event":"listening"} line. Bounded: a service that does not listen within
// the timeout is killed and the test fails with its stderr.

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface SpawnedService {
  child: ChildProcess;
  listening: Record<string, string>;
  /** Every stdout line so far. */
  lines: string[];
  stderr(): string;
  /** SIGTERM and wait for the exit (SIGKILL after the grace period). */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function spawnService(args: readonly string[], options: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<SpawnedService> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'harness/cli/serve.ts', ...args], {
    cwd: root, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let err = '';
  let buffer = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const listening = await new Promise<Record<string, string>>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`service did not listen within ${options.timeoutMs ?? 20_000} ms; stderr:\n${err}`)); }, options.timeoutMs ?? 20_000);
    child.stderr?.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        try {
          const event = JSON.parse(line) as Record<string, string>;
          if (event.event === 'listening') {
            clearTimeout(timer);
            resolve(event);
          }
        } catch { /* a log line */ }
      }
    });
    void exited.then(({ code }) => { clearTimeout(timer); reject(new Error(`service exited (${code}) before listening; stderr:\n${err}`)); });
  });
  return {
    child, listening, lines, stderr: () => err,
    stop: async (graceMs = 15_000) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

export { spawnService };
export type { SpawnedService };
