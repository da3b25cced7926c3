// Starts the system under test as its own process (group), waits until it is ready, and watches it:
// every exit kvittering did not cause is reported (and, if asked, the system is started again); a kill
// or a pause that a fault plan asks for is carried out with a signal and confirmed — the exit seen,
// the process state read back as stopped — before it counts as applied.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { KvitteringError } from '../errors.js';
import type { StartSpec } from './load-system-profile.js';

interface SystemExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines the process wrote, for the report and the person debugging it. */
  lastLines: string[];
}

interface SupervisorOptions {
  spec: StartSpec;
  portalUrl: string;
  /** An exit kvittering did not cause. */
  onUnplannedExit: (exit: SystemExit) => void;
  /** Every line the system writes (stdout and stderr), for --verbose and the log. */
  onLine?: (line: string) => void;
}

const KEEP_LINES = 20;
const EXIT_CONFIRM_MS = 5_000;
const RESTART_DELAY_MS = 200;

class ProcessSupervisor {
  private child: ChildProcess | undefined;
  private readonly lines: string[] = [];
  private plannedExit = false;
  private stopped = false;
  private exitWaiters: ((exit: SystemExit) => void)[] = [];
  private lineWaiters: ((line: string) => void)[] = [];
  /** Starts after the first one (restarts after a crash or a planned kill). */
  restarts = 0;

  constructor(private readonly options: SupervisorOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get lastLines(): string[] {
    return [...this.lines];
  }

  /** Start the process and wait for readiness; rejects with the reason when it is not ready in time. */
  async start(): Promise<void> {
    const { spec, portalUrl } = this.options;
    const fill = (s: string) => s.replaceAll('{portalUrl}', portalUrl);
    const [program, ...args] = spec.command.map(fill) as [string, ...string[]];
    const env = { ...process.env, ...Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, fill(v)])) };
    const child = spawn(program, args, { cwd: spec.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        this.lines.push(line);
        if (this.lines.length > KEEP_LINES) this.lines.shift();
        this.options.onLine?.(line);
        for (const waiter of this.lineWaiters) waiter(line);
      });
    }
    const spawned = new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error) => reject(new KvitteringError('E_SYSTEM_START', `system.start.command ${JSON.stringify(program)} could not be started (${error.message}) — expected a program on PATH or a path relative to the profile`)));
    });
    child.once('exit', (code, signal) => this.exited(child, { code, signal, lastLines: this.lastLines }));
    await spawned;
    await this.ready();
  }

  /** SIGKILL (the crash between receipt and commit); resolves once the exit is seen. Restarts after downWallMs. */
  async kill(downWallMs: number): Promise<void> {
    const pid = this.requirePid('kill');
    this.plannedExit = true;
    const exited = this.nextExit();
    process.kill(-pid, 'SIGKILL');
    await withTimeout(exited, EXIT_CONFIRM_MS, `the system (pid ${pid}) did not exit within ${EXIT_CONFIRM_MS} ms of SIGKILL`);
    setTimeout(() => {
      if (this.stopped) return;
      this.restarts++;
      this.start().catch((error: unknown) => this.options.onUnplannedExit({ code: null, signal: null, lastLines: [...this.lastLines, `restart failed: ${error instanceof Error ? error.message : String(error)}`] }));
    }, downWallMs);
  }

  /** SIGSTOP: the process is frozen (a GC pause, a hung VM); confirmed from /proc. Resolves to the resume. */
  async pause(): Promise<() => void> {
    const pid = this.requirePid('pause');
    process.kill(-pid, 'SIGSTOP');
    let state = processState(pid);
    for (let i = 0; i < 50 && state !== undefined && state !== 'T' && state !== 't'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      state = processState(pid);
    }
    if (state !== undefined && state !== 'T' && state !== 't') {
      signalGroup(pid, 'SIGCONT');
      throw new Error(`the system (pid ${pid}) is in state ${state} after SIGSTOP — expected T (stopped)`);
    }
    return () => {
      if (this.child?.pid === pid) signalGroup(pid, 'SIGCONT');
    };
  }

  /** Stop for good: SIGTERM to the group, SIGKILL if it lingers. */
  async stop(): Promise<SystemExit | undefined> {
    this.stopped = true;
    const pid = this.child?.pid;
    if (pid === undefined || this.child?.exitCode !== null || this.child.signalCode !== null) return undefined;
    this.plannedExit = true;
    const exited = this.nextExit();
    signalGroup(pid, 'SIGCONT');
    signalGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 3_000);
    const exit = await exited;
    clearTimeout(timer);
    return exit;
  }

  private exited(child: ChildProcess, exit: SystemExit): void {
    if (child !== this.child) return;
    const waiters = this.exitWaiters.splice(0);
    for (const waiter of waiters) waiter(exit);
    if (this.plannedExit) {
      this.plannedExit = false;
      return;
    }
    if (this.stopped) return;
    this.options.onUnplannedExit(exit);
    if (this.options.spec.restart) {
      setTimeout(() => {
        if (this.stopped) return;
        this.restarts++;
        this.start().catch((error: unknown) => this.options.onUnplannedExit({ code: null, signal: null, lastLines: [`restart failed: ${error instanceof Error ? error.message : String(error)}`] }));
      }, RESTART_DELAY_MS);
    }
  }

  private nextExit(): Promise<SystemExit> {
    return new Promise((resolve) => this.exitWaiters.push(resolve));
  }

  private requirePid(action: string): number {
    const child = this.child;
    if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) throw new Error(`the system is not running, so it cannot be made to ${action}`);
    return child.pid;
  }

  private async ready(): Promise<void> {
    const { ready, readyTimeoutMs } = this.options.spec;
    const exited = this.nextExit().then((exit) => { throw new KvitteringError('E_SYSTEM_NOT_READY', `the system exited (code ${String(exit.code)}, signal ${String(exit.signal)}) before it was ready; its last lines:\n${exit.lastLines.join('\n')}`); });
    const became = 'logLine' in ready ? this.logLine(new RegExp(ready.logLine)) : httpReady(this.options.portalUrl, ready.httpUrl);
    try {
      await withTimeout(Promise.race([became, exited]), readyTimeoutMs,
        `the system was not ready within ${readyTimeoutMs} ms (${'logLine' in ready ? `no line matched /${ready.logLine}/` : `${ready.httpUrl} did not answer 2xx`}); its last lines:\n${this.lastLines.join('\n')}`);
    } finally {
      this.lineWaiters = [];
      exited.catch(() => undefined);
    }
  }

  private logLine(pattern: RegExp): Promise<void> {
    if (this.lines.some((l) => pattern.test(l))) return Promise.resolve();
    return new Promise((resolve) => this.lineWaiters.push((line) => { if (pattern.test(line)) resolve(); }));
  }
}

async function httpReady(portalUrl: string, url: string): Promise<void> {
  const target = url.replaceAll('{portalUrl}', portalUrl);
  for (;;) {
    const ok = await fetch(target, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new KvitteringError('E_SYSTEM_NOT_READY', message)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The state letter in /proc/<pid>/stat (R, S, T …); undefined where /proc is not there. */
function processState(pid: number): string | undefined {
  try {
    return /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

export { ProcessSupervisor };
export type { SystemExit, SupervisorOptions };
