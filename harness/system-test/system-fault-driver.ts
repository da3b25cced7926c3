// The fault plan carried out on the system under test itself: table locks and slow commits on its
// tables, kills of its database sessions, timeouts and a connection limit on its database role,
// SIGKILL and SIGSTOP of its process. Like the simulated runtime's faults, windows open at fromMs and
// heal at toMs (repeating where asked) and events happen at atMs, all in virtual time. A fault goes
// into the ledger only once the server or the process confirms it took effect; one that could not be
// applied is kept, with the reason, as a failure — the run's verdict is then UNKNOWN, never PASS.

import type { Ledger } from '../ledger/ledger.js';
import type { LiveClock } from '../runtime/live-clock.js';
import { isWindowKind, type FaultKind, type FaultSpec } from '../faults/fault-spec.js';
import { formatDuration } from '../runtime/time.js';
import type { ProcessSupervisor } from './process-supervisor.js';
import type { SystemStorageFaults } from './system-storage-faults.js';
import type { RoleChange, SystemRoleFaults } from './role-faults.js';
import { processFaultKinds, storageFaultKinds } from './system-fault-kinds.js';
import { liveCommitDelayMs } from '../live/commit-delay.js';

type Heal = () => Promise<void> | void;

/** A fault that did not take effect, and why: named in every report. */
interface FaultFailure {
  fault: FaultKind;
  /** Virtual time it was due. */
  atMs: number;
  phase: 'apply' | 'heal';
  reason: string;
}

interface SystemFaultDriverOptions {
  clock: LiveClock;
  ledger: Ledger;
  target: string;
  storage: SystemStorageFaults;
  /** For the faults set on the system's database role (storage.role). */
  roles?: SystemRoleFaults;
  supervisor?: ProcessSupervisor;
  /** Told just before a planned kill: a push the kill cuts off fails before the kill is confirmed. */
  expectCrash?: (target: string) => void;
  log?: (line: string) => void;
}

const driverKinds: readonly FaultKind[] = [...storageFaultKinds, ...processFaultKinds];
/** How long a session kill waits for the system to hold a connection (wall ms; bounded, then UNKNOWN). */
const SESSION_KILL_WAIT_WALL_MS = 2_000;

class SystemFaultDriver {
  readonly failures: FaultFailure[] = [];
  /** Confirmed applications: what happened and how it was confirmed. */
  readonly applied: { fault: FaultKind; atMs: number; confirmation: string }[] = [];
  private readonly open = new Map<Promise<Heal | undefined>, FaultKind>();
  private readonly work = new Set<Promise<unknown>>();
  private commitDelayWallMs = 0;
  private closed = false;

  constructor(private readonly options: SystemFaultDriverOptions) {}

  /** Schedule the plan's faults this driver carries out; returns the rest (the portal's). */
  schedule(plan: readonly FaultSpec[]): FaultSpec[] {
    const rest: FaultSpec[] = [];
    for (const spec of plan) {
      if (!driverKinds.includes(spec.kind)) rest.push(spec);
      else if (isWindowKind(spec.kind)) this.scheduleWindow(spec, spec.fromMs ?? 0, spec.toMs ?? 0);
      else this.options.clock.at(spec.atMs ?? 0, () => this.track(this.event(spec)));
    }
    return rest;
  }

  /** Wait for actions in progress, then heal every window still open. Idempotent. */
  async healAll(): Promise<void> {
    this.closed = true;
    while (this.work.size > 0) await Promise.allSettled([...this.work]);
    for (const [window, kind] of [...this.open]) await this.heal(window, kind);
  }

  get errors(): unknown[] {
    return this.failures.map((f) => f.reason);
  }

  private scheduleWindow(spec: FaultSpec, fromMs: number, toMs: number): void {
    const clock = this.options.clock;
    clock.at(fromMs, () => {
      if (this.closed) return;
      const window = this.start(spec);
      this.open.set(window, spec.kind);
      this.track(window);
      clock.at(toMs, () => {
        this.track(this.heal(window, spec.kind).then(() => {
          const every = spec.repeatEveryMs;
          if (every !== undefined && fromMs + every < (spec.repeatUntilMs ?? Infinity)) this.scheduleWindow(spec, fromMs + every, toMs + every);
        }));
      });
    });
  }

  private async start(spec: FaultSpec): Promise<Heal | undefined> {
    const { storage, supervisor, clock } = this.options;
    const atMs = clock.now();
    try {
      let heal: Heal;
      let confirmation: string;
      if (spec.kind === 'backup-spike') {
        heal = await storage.holdTableLocks();
        confirmation = 'share locks held (pg_locks)';
      } else if (spec.kind === 'db-slow-commit') {
        const delayWallMs = clock.toWallMs(liveCommitDelayMs(spec));
        this.commitDelayWallMs += delayWallMs;
        await storage.setCommitDelay(this.commitDelayWallMs);
        heal = async () => {
          this.commitDelayWallMs -= delayWallMs;
          await storage.setCommitDelay(Math.max(0, this.commitDelayWallMs));
        };
        confirmation = `commit trigger installed, ${Math.round(delayWallMs)} ms per commit (pg_trigger)`;
      } else if (spec.kind === 'db-statement-timeout' || spec.kind === 'db-lock-timeout' || spec.kind === 'db-connection-exhaustion') {
        const roles = this.options.roles;
        if (roles === undefined) throw new Error('storage.role is not set, so there is no role to set it on');
        const change: RoleChange = spec.kind === 'db-connection-exhaustion'
          ? await roles.refuseConnections()
          : await roles.setTimeout(spec.kind === 'db-statement-timeout' ? 'statement_timeout' : 'lock_timeout', clock.toWallMs(spec.timeoutMs ?? 0));
        heal = async () => {
          const healed = await change.heal();
          this.options.log?.(`${spec.kind} healed at ${formatDuration(clock.now())}: ${healed}`);
        };
        confirmation = change.confirmation;
      } else if (spec.kind === 'case-system-outage') {
        if (supervisor === undefined) throw new Error('the system was not started by kvittering, so its process cannot be paused');
        heal = await supervisor.pause();
        confirmation = 'process stopped (SIGSTOP, state T)';
      } else {
        throw new Error(`${spec.kind} is not a window this driver opens`);
      }
      this.confirmed(spec.kind, 'start', atMs, confirmation);
      return async () => {
        await heal();
        this.options.ledger.append({ t: clock.now(), kind: 'fault', fault: spec.kind, phase: 'heal', target: this.options.target });
      };
    } catch (error) {
      this.failed(spec.kind, atMs, 'apply', error);
      return undefined;
    }
  }

  private async heal(window: Promise<Heal | undefined>, kind: FaultKind): Promise<void> {
    if (!this.open.delete(window)) return;
    try {
      await (await window)?.();
    } catch (error) {
      this.failed(kind, this.options.clock.now(), 'heal', error);
    }
  }

  private async event(spec: FaultSpec): Promise<void> {
    if (this.closed) return;
    const { storage, supervisor, clock } = this.options;
    const atMs = clock.now();
    try {
      if (spec.kind === 'db-session-kill') {
        const killed = await storage.killSessions(SESSION_KILL_WAIT_WALL_MS);
        this.confirmed(spec.kind, 'event', atMs, `${killed} session(s) terminated`);
      } else if (spec.kind === 'case-system-crash') {
        if (supervisor === undefined) throw new Error('the system was not started by kvittering, so its process cannot be killed');
        const downMs = spec.downMs ?? 0;
        const pid = supervisor.pid;
        this.options.expectCrash?.(this.options.target);
        await supervisor.kill(clock.toWallMs(downMs));
        this.confirmed(spec.kind, 'event', atMs, `pid ${String(pid)} killed (SIGKILL, exit seen), restarted after ${formatDuration(downMs)}`);
      }
    } catch (error) {
      this.failed(spec.kind, atMs, 'apply', error);
    }
  }

  private confirmed(fault: FaultKind, phase: 'start' | 'event', atMs: number, confirmation: string): void {
    this.options.ledger.append({ t: this.options.clock.now(), kind: 'fault', fault, phase, target: this.options.target });
    this.applied.push({ fault, atMs, confirmation });
    this.options.log?.(`${fault} applied at ${formatDuration(atMs)}: ${confirmation}`);
  }

  private failed(fault: FaultKind, atMs: number, phase: 'apply' | 'heal', error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.failures.push({ fault, atMs, phase, reason });
    this.options.log?.(`${fault} could not be ${phase === 'apply' ? 'applied' : 'healed'} at ${formatDuration(atMs)}: ${reason}`);
  }

  private track(promise: Promise<unknown>): void {
    this.work.add(promise);
    void promise.finally(() => this.work.delete(promise));
  }
}

export { SystemFaultDriver, driverKinds };
export type { FaultFailure, SystemFaultDriverOptions };
