// The live runtime's side of the fault plan for storage: the same FaultSpec windows and events the
// simulated database honours, carried out on a real server (Jepsen's nemesis). Each window is a
// package — open at fromMs, heal at toMs, repeating where asked — and healAll() closes whatever is still
// open, so the final phase of a run is always quiet. Every start, heal and event goes in the ledger
// when it has really taken effect on the server.
//
//   backup-spike     a backup job's transaction holds a shared table lock: writes queue, then time out
//                    (1222 with a lock timeout, else ETIMEOUT); slowdownFactor/offlineWorkersPct describe
//                    the simulated model only
//   db-overload      every commit is slowed by delayMs (db-overload without it: commit-delay.ts): under
//   db-slow-commit   load the case system's pool runs dry (ETIMEOUT waiting for a connection) and a
//                    write timed out mid-COMMIT is `info`
//   db-outage        the loopback proxy in front of the server is cut: ESOCKET
//   db-session-kill  pg_terminate_backend / KILL of the case system's sessions: ESOCKET
// Times in the plan are virtual; the driver converts durations for the server with the LiveClock.

import { KvitteringError } from '../errors.js';
import type { Ledger } from '../ledger/ledger.js';
import type { LiveClock } from '../runtime/live-clock.js';
import { isWindowKind, type FaultKind, type FaultSpec } from '../faults/fault-spec.js';
import type { Heal, ServerFaults } from './server-faults.js';
import type { CutMode, TcpProxy } from './tcp-proxy.js';
import { liveCommitDelayMs } from './commit-delay.js';

const storageKinds = ['backup-spike', 'db-overload', 'db-slow-commit', 'db-outage', 'db-session-kill'] as const;
/** Storage kinds the simulated model has that a real server cannot be made to show honestly. */
const unsupportedKinds: readonly FaultKind[] = ['db-log-full'];

interface DbFaultDriverOptions {
  clock: LiveClock;
  ledger: Ledger;
  server: ServerFaults;
  /** Needed for db-outage: the proxy the case system reaches the server through. */
  proxy?: TcpProxy;
  /** How db-outage cuts the proxy (default reset: connections refused at once). */
  outageMode?: CutMode;
  /** The case system's application_name / program_name, for db-session-kill. */
  caseSystemApplicationName: string;
  /** The ledger's target label for these faults (a receiver id). */
  target?: string;
}

class DbFaultDriver {
  /** Errors from server actions (a fault that could not be applied must not pass silently). */
  readonly errors: unknown[] = [];
  private readonly open = new Set<{ heal: Promise<Heal | undefined> }>();
  private readonly work = new Set<Promise<unknown>>();
  /** Sum of the commit delays of the slow-commit windows now open (they overlap additively). */
  private commitDelayWallMs = 0;
  private closed = false;

  constructor(private readonly options: DbFaultDriverOptions) {}

  /** Schedule the storage faults of a plan; returns the specs that are not for the database. */
  schedule(plan: readonly FaultSpec[]): FaultSpec[] {
    const rest: FaultSpec[] = [];
    plan.forEach((spec, i) => {
      if (unsupportedKinds.includes(spec.kind)) {
        throw new KvitteringError('E_FAULT_UNSUPPORTED', `faults[${i}].kind is "${spec.kind}" — expected one a real server can show: ${storageKinds.join(', ')}`,
          'A full transaction log cannot be produced on a shared server without filling its disk; use the simulated runtime for db-log-full.');
      }
      if (!(storageKinds as readonly string[]).includes(spec.kind)) {
        rest.push(spec);
        return;
      }
      if (spec.kind === 'db-outage' && this.options.proxy === undefined) {
        throw new KvitteringError('E_FAULT_UNSUPPORTED', `faults[${i}].kind is "db-outage" — expected a TcpProxy in front of the database`,
          'Connect the case system through new TcpProxy({ targetHost, targetPort }) and pass it as `proxy`.');
      }
      if (isWindowKind(spec.kind)) this.scheduleWindow(spec, spec.fromMs ?? 0, spec.toMs ?? 0);
      else this.options.clock.at(spec.atMs ?? 0, () => this.track(this.event(spec)));
    });
    return rest;
  }

  /** Connect what the actions need before the run starts, so the first window opens on time. */
  async prepare(): Promise<void> {
    await this.options.server.prepare();
  }

  /** Kill the case system's sessions now (also what a db-session-kill event does). */
  async killSessions(): Promise<number> {
    const n = await this.options.server.killSessions(this.options.caseSystemApplicationName);
    this.log('db-session-kill', 'event');
    return n;
  }

  /** Wait for actions in progress, then heal every window still open. Idempotent. */
  async healAll(): Promise<void> {
    this.closed = true;
    while (this.work.size > 0) await Promise.allSettled([...this.work]);
    for (const window of [...this.open]) await this.heal(window);
  }

  private scheduleWindow(spec: FaultSpec, fromMs: number, toMs: number): void {
    const clock = this.options.clock;
    clock.at(fromMs, () => {
      if (this.closed) return;
      const window = { heal: this.start(spec) };
      this.open.add(window);
      this.track(window.heal);
      clock.at(toMs, () => {
        this.track(this.heal(window).then(() => {
          const every = spec.repeatEveryMs;
          if (every !== undefined && fromMs + every < (spec.repeatUntilMs ?? Infinity)) this.scheduleWindow(spec, fromMs + every, toMs + every);
        }));
      });
    });
  }

  private async start(spec: FaultSpec): Promise<Heal | undefined> {
    const { server, proxy, clock } = this.options;
    try {
      let heal: Heal;
      if (spec.kind === 'backup-spike') {
        heal = await server.holdTableLock();
      } else if (spec.kind === 'db-outage') {
        proxy?.cutOff(this.options.outageMode ?? 'reset');
        heal = () => { proxy?.heal(); return Promise.resolve(); };
      } else {
        const delayWallMs = clock.toWallMs(liveCommitDelayMs(spec));
        this.commitDelayWallMs += delayWallMs;
        await server.setCommitDelay(this.commitDelayWallMs);
        heal = async () => {
          this.commitDelayWallMs -= delayWallMs;
          await server.setCommitDelay(Math.max(0, this.commitDelayWallMs));
        };
      }
      this.log(spec.kind, 'start');
      return async () => {
        await heal();
        this.log(spec.kind, 'heal');
      };
    } catch (error) {
      this.errors.push(error);
      return undefined;
    }
  }

  private async heal(window: { heal: Promise<Heal | undefined> }): Promise<void> {
    if (!this.open.delete(window)) return;
    try {
      await (await window.heal)?.();
    } catch (error) {
      this.errors.push(error);
    }
  }

  private async event(spec: FaultSpec): Promise<void> {
    if (this.closed) return;
    try {
      if (spec.kind === 'db-session-kill') await this.killSessions();
    } catch (error) {
      this.errors.push(error);
    }
  }

  private track(promise: Promise<unknown>): void {
    this.work.add(promise);
    void promise.finally(() => this.work.delete(promise));
  }

  private log(fault: string, phase: 'start' | 'heal' | 'event'): void {
    this.options.ledger.append({ t: this.options.clock.now(), kind: 'fault', fault, phase, target: this.options.target ?? '*' });
  }
}

export { DbFaultDriver, storageKinds };
export type { DbFaultDriverOptions };
